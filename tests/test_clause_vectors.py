"""Clause vectors stored with the index: the clauses that state figures are embedded once, at build."""

import json
import shutil
from dataclasses import replace

import numpy as np
import pytest

from qa import ReportQA
from qa.cli import fill_when_serving
from qa.index.collection import fill_clauses
from qa.index.lock import IndexLock
from qa.index.store import CLAUSE_TEXTS, CLAUSE_VECTORS, FILLED, load_index, read_manifest, save_filled
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


class TableEmbedder(CountingEmbedder):
    """Takes clause vectors from the index's table as ``Embedder`` does, embedding only the rest."""

    def __init__(self):
        super().__init__()
        self.table: dict[str, np.ndarray] = {}

    def keep_clauses(self, clauses) -> None:
        self.table.update(clauses)

    def clauses(self, texts):
        todo = [t for t in dict.fromkeys(texts) if t not in self.table]
        self.table.update(zip(todo, self.passages(todo), strict=True))
        return np.stack([self.table[t] for t in texts]) if texts else np.zeros((0, self.dim), np.float32)


def every_clause(rqa) -> list[str]:
    return list(dict.fromkeys(clause_text(c.text, s, e) for c in rqa.chunks() for s, e in clauses(c.text)))


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
    embedder = TableEmbedder()  # embeds a clause the index lacks, as Embedder does, and counts it
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


QUESTIONS = (QUESTION, "湟中局聘请的是哪家律师事务所？", "湟中推行的“五个办”是指哪些？")


def test_a_fill_stores_the_clauses_the_build_left_out(tmp_path, fake_config):
    """A server fills in the clauses without figures once the index is in use (``fill_clauses``): each
    is embedded once, the index keeps them (a reopened index has them all), and no later answer
    embeds a clause; a second fill finds nothing to do."""
    embedder = TableEmbedder()
    rqa = ReportQA.build([SEEDS / HUANGZHONG], tmp_path / "index", fake_config, embedder=embedder)
    built, _ = stored_clauses(tmp_path / "index")
    every = every_clause(rqa)
    embedder.seen.clear()
    assert rqa.fill_clauses() == len(every) - len(built) > len(built)
    assert sorted(embedder.seen) == sorted(set(every) - set(built))
    assert (tmp_path / "index" / FILLED).is_file()
    later = TableEmbedder()
    reopened = ReportQA.open(tmp_path / "index", embedder=later)
    assert set(later.table) == set(every)
    for question in QUESTIONS:
        assert reopened.ask(question).answer == rqa.ask(question).answer
    assert later.seen == [] and reopened.fill_clauses() == 0 and later.seen == []
    rqa.add([SEEDS / "001_400143b11109ccf8.txt"])  # a change: the new index's other clauses, once
    embedder.seen.clear()
    assert rqa.fill_clauses() > 0 and rqa.fill_clauses() == 0
    assert len(embedder.seen) == len(set(embedder.seen)) and not set(embedder.seen) & set(every)


def test_a_change_keeps_what_was_filled_and_a_stale_fill_is_never_read(tmp_path, fake_config):
    """A change to the collection writes a new index whose own table keeps the filled clauses still in
    it; a fill file of another version of the index is never read. A fill made while another process
    changed the index, or while another update holds the lock, is not written."""
    index = tmp_path / "index"
    rqa = ReportQA.build([SEEDS / HUANGZHONG], index, fake_config, embedder=TableEmbedder())
    before = load_index(index)  # as another process holds it
    rqa.fill_clauses()
    filled = set(every_clause(rqa))
    rqa.add([SEEDS / "001_400143b11109ccf8.txt"])
    built, _ = stored_clauses(index)
    assert filled <= set(built) < set(every_clause(rqa))
    assert not (index / FILLED).exists()  # the change wrote a whole new index folder
    save_filled(index, read_manifest(index)["written"] - 1, {"另一个版本的子句": np.ones(HashEmbedder.dim)})
    fresh = TableEmbedder()
    ReportQA.open(index, embedder=fresh)
    assert set(fresh.table) == set(built)  # a fill of another version of the index is never read
    assert fill_clauses(before, index, fake_config, TableEmbedder()) is None  # filled for a version gone
    with IndexLock(index):
        assert rqa.fill_clauses() == 0
    assert rqa.fill_clauses() == len(every_clause(rqa)) - len(built)


def test_a_damaged_fill_is_skipped_not_the_index(tmp_path, fake_config, caplog):
    index = tmp_path / "index"
    rqa = ReportQA.build([SEEDS / HUANGZHONG], index, fake_config, embedder=TableEmbedder())
    built, _ = stored_clauses(index)
    rqa.fill_clauses()
    (index / FILLED).write_bytes((index / FILLED).read_bytes()[:1000])  # cut short (a full disk)
    fresh = TableEmbedder()
    assert ReportQA.open(index, embedder=fresh).ask(QUESTION).answer == rqa.ask(QUESTION).answer
    assert set(fresh.table) >= set(built) and "ignoring" in caplog.text


class Server:
    """What ``fill_when_serving`` reads of uvicorn's server."""

    def __init__(self, started: bool, should_exit: bool = False):
        self.started, self.should_exit = started, should_exit


def test_the_server_fills_while_it_serves_and_survives_a_failed_fill(caplog):
    server = Server(started=False, should_exit=True)

    class Filling:
        calls = 0

        def fill_clauses(self):
            self.calls += 1
            if self.calls == 2:
                raise OSError("No space left on device")
            server.should_exit = self.calls == 3
            return 7

    rqa = Filling()
    fill_when_serving(rqa, server, poll_s=0, every_s=0)
    assert rqa.calls == 0  # stopped before it was up: nothing embedded
    server.started, server.should_exit = True, False
    fill_when_serving(rqa, server, poll_s=0, every_s=0)
    assert rqa.calls == 3 and "No space left on device" in caplog.text  # and it went on
