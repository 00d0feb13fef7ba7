"""Clause vectors stored with the index: the clauses that state figures are embedded once, at build."""

import json
import shutil
from dataclasses import replace

import numpy as np
import pytest

from qa import ReportQA
from qa.index.store import CLAUSE_TEXTS, CLAUSE_VECTORS
from qa.text import clause_text, clauses, figure_clauses

from .conftest import HUANGZHONG, SEEDS, HashEmbedder

QUESTION = "湟中区2024年查处了多少起环境违法行为"


class CountingEmbedder(HashEmbedder):
    """The hash embedder, remembering every text it was asked to embed."""

    def __init__(self):
        self.seen: list[str] = []

    def passages(self, texts, batch_size=16, progress=False):
        self.seen += texts
        return super().passages(texts, batch_size, progress)


def stored_clauses(index) -> tuple[list[str], np.ndarray]:
    return json.loads((index / CLAUSE_TEXTS).read_text(encoding="utf-8")), np.load(index / CLAUSE_VECTORS)


def test_every_figure_clause_of_every_chunk_is_stored(fake_index_dir, fast_rqa, fake_embedder):
    texts, matrix = stored_clauses(fake_index_dir)
    wanted = list(dict.fromkeys(t for c in fast_rqa.chunks() for t in figure_clauses(c.text)))
    assert texts == wanted and len(texts) > 100
    assert np.allclose(matrix, fake_embedder.passages(texts))
    assert all(any(ch.isdigit() for ch in t) for t in texts)


def test_an_index_without_clause_vectors_still_answers(fake_index_dir, fast_rqa, fake_embedder, tmp_path):
    """An index written before clause vectors were stored opens and embeds those clauses when asked."""
    old = tmp_path / "index"
    shutil.copytree(fake_index_dir, old)
    (old / CLAUSE_TEXTS).unlink()
    (old / CLAUSE_VECTORS).unlink()
    reopened = ReportQA.open(old, embedder=fake_embedder)
    assert reopened.ask(QUESTION).answer == fast_rqa.ask(QUESTION).answer is not None


def test_changes_embed_only_the_new_reports_clauses(tmp_path, fake_config):
    embedder = CountingEmbedder()
    base = [SEEDS / "001_400143b11109ccf8.txt", SEEDS / "002_d74fa95d098eb50a.txt"]
    rqa = ReportQA.build(base, tmp_path / "index", fake_config, embedder=embedder)
    before, _ = stored_clauses(tmp_path / "index")
    embedder.seen.clear()
    rqa.add([SEEDS / HUANGZHONG])
    new = list(dict.fromkeys(t for c in rqa.chunks() if c.doc == HUANGZHONG for t in figure_clauses(c.text)))
    assert [t for t in embedder.seen if t in new] == [t for t in new if t not in before]
    assert not set(embedder.seen) & set(before)  # nothing of the two old reports again
    embedder.seen.clear()
    rqa.remove([HUANGZHONG])
    after, matrix = stored_clauses(tmp_path / "index")
    assert after == before and len(matrix) == len(before) and embedder.seen == []


def test_every_clause_stored_when_asked_for(tmp_path, fake_config):
    """``clause_vectors="all"``: every clause's vector at build, so no answer embeds a clause; the choice
    is one of the index's params (named only when not the default, so older indexes stay valid)."""
    embedder = CountingEmbedder()
    config = replace(fake_config, clause_vectors="all")
    rqa = ReportQA.build([SEEDS / HUANGZHONG], tmp_path / "index", config, embedder=embedder)
    texts, matrix = stored_clauses(tmp_path / "index")
    chunks = rqa.chunks()
    every = list(dict.fromkeys(clause_text(c.text, s, e) for c in chunks for s, e in clauses(c.text)))
    assert texts == every and len(matrix) == len(every)
    assert len(every) > 2 * len({t for c in chunks for t in figure_clauses(c.text)})
    assert config.index_params()["clause_vectors"] == "all"
    assert "clause_vectors" not in fake_config.index_params()
    embedder.seen.clear()
    for question in (QUESTION, "湟中局聘请的是哪家律师事务所？", "湟中推行的“五个办”是指哪些？"):
        rqa.ask(question)
    assert embedder.seen == []  # no clause embedded while answering
    with pytest.raises(ValueError, match="figures"):
        ReportQA.build(
            [SEEDS / HUANGZHONG],
            tmp_path / "other",
            replace(fake_config, clause_vectors="some"),
            embedder=embedder,
        )


@pytest.mark.slow
def test_a_figure_question_embeds_only_the_question(rqa, monkeypatch):
    """With the real model: the answer step takes the stored vectors of the clauses holding figures."""
    encode = rqa.embedder.encoder.encode
    calls: list[list[str]] = []

    def counted(texts, *args, **kwargs):
        calls.append(list(texts))
        return encode(texts, *args, **kwargs)

    rqa.embedder.clear_cache()
    monkeypatch.setattr(rqa.embedder.encoder, "encode", counted)
    ans = rqa.ask(QUESTION)
    assert "25" in (ans.answer or "")
    assert len(calls) == 1 and len(calls[0]) == 1 and QUESTION in calls[0][0]


@pytest.mark.slow
def test_clause_vectors_do_not_depend_on_the_questions_asked_before(embedder):
    """int8 activations share one scale per call, so a clause embedded alone and one embedded beside
    others differ a little: taken clause by clause from a cache, an answer would depend on what was
    asked before it."""
    a = "推动移动互联网、云计算、大数据、物联网等与现代制造业结合"
    b = "促进电子商务、工业互联网和互联网金融健康发展"
    embedder.clear_cache()
    fresh = embedder.clauses([a, b])
    embedder.clear_cache()
    embedder.clauses([a])  # an earlier question's clause
    assert np.array_equal(embedder.clauses([a, b]), fresh)
    assert np.array_equal(embedder.clauses([a, b]), fresh)  # and the repeated question hits the cache
