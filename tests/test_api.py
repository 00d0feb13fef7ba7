"""End to end on the real seeds and the real model: retrieval, citations, persistence, staleness."""

import json
import subprocess
import sys

import pytest

from qa import Config, IndexProblem, QAError, ReportQA

from .conftest import HUANGZHONG, SEEDS

pytestmark = pytest.mark.slow

EVIDENCE = "共查处环境违法行为25起"


@pytest.mark.parametrize(
    "question",
    [
        "湟中区2024年查处了多少起环境违法行为",
        "how many environmental violations did Huangzhong investigate in 2024",
    ],
)
def test_huangzhong_paragraph_comes_first(rqa, question):
    ans = rqa.ask(question, k=5)
    p = ans.passages[0]
    assert p.doc == HUANGZHONG and EVIDENCE in p.text
    assert p.section.endswith("2.加强重点领域执法力度")
    assert "湟中区" in p.title and p.region == "湟中区" and p.year == 2024
    assert ans.answer == "25起"


def test_citations_are_verbatim_in_the_source_file(rqa):
    for q in [
        "泰顺县PM2.5降幅是多少",
        "许昌2023年“12369”共接到多少件举报？",
        "丰泽2023年办成了几起生态损害索赔的案子？",
    ]:
        ans = rqa.ask(q, k=5)
        assert ans.passages
        for p in ans.passages:
            source = (SEEDS / p.doc).read_text(encoding="utf-8")
            assert source[p.start : p.end] == p.text == rqa.source_text(p.doc)[p.start : p.end]
        if ans.span:
            s, e = ans.source_span
            assert (SEEDS / ans.passages[0].doc).read_text(encoding="utf-8")[s:e] == ans.answer


def test_scores_are_best_first(rqa):
    passages = rqa.search("行政复议", k=8)
    assert [p.score for p in passages] == sorted((p.score for p in passages), reverse=True)
    assert len({p.id for p in passages}) == len(passages)


def test_save_then_open_gives_identical_results(rqa, index_dir, embedder):
    again = ReportQA.open(index_dir, embedder=embedder)
    for q in ["泰顺县PM2.5降幅是多少", "How many emergency drills did Xuchang organize in 2023?"]:
        a = [(p.id, round(p.score, 6)) for p in rqa.search(q, k=5)]
        b = [(p.id, round(p.score, 6)) for p in again.search(q, k=5)]
        assert a == b


def test_stale_index_is_refused_and_rebuild_reembeds_only_changes(seed_copy, tmp_path, embedder, caplog):
    index = tmp_path / "index"
    ReportQA.build(seed_copy, index, embedder=embedder)
    target = seed_copy / HUANGZHONG
    target.write_text(target.read_text(encoding="utf-8").replace("25起", "26起"), encoding="utf-8")
    with pytest.raises(IndexProblem, match=f"stale: {HUANGZHONG} modified.*update the index"):
        ReportQA.open(index, embedder=embedder)
    with caplog.at_level("INFO", logger="qa.index.collection"):
        rebuilt = ReportQA.build(seed_copy, index, embedder=embedder)
    huangzhong_chunks = next(d.chunks for d in rebuilt.documents() if d.doc == HUANGZHONG)
    assert f"embedding {huangzhong_chunks} chunks of 1 reports" in caplog.text
    assert "26起" in rebuilt.ask("湟中区2024年查处了多少起环境违法行为").passages[0].text


def test_index_built_with_another_model_is_refused(index_dir, embedder):
    with pytest.raises(IndexProblem, match="rebuild"):
        ReportQA.open(index_dir, Config(model="some/other-model"), embedder=embedder)


def test_missing_and_damaged_index(tmp_path, index_dir, embedder):
    with pytest.raises(IndexProblem, match="build the index") as missing:
        ReportQA.open(tmp_path / "nothing", embedder=embedder)
    assert missing.value.action == "build"
    import shutil

    broken = tmp_path / "broken"
    shutil.copytree(index_dir, broken)
    (broken / "chunks.jsonl").write_text("{}\n", encoding="utf-8")
    with pytest.raises(IndexProblem, match="damaged|inconsistent"):
        ReportQA.open(broken, embedder=embedder, check_sources=False)


def test_bad_questions(rqa):
    with pytest.raises(QAError, match="empty"):
        rqa.ask("   ")
    with pytest.raises(QAError, match="at most"):
        rqa.ask("问" * 5000)
    with pytest.raises(QAError, match="unknown region"):
        rqa.ask("罚款多少", filters={"region": "杭州市"})


def test_explicit_filters(rqa):
    passages = rqa.search("法律顾问", k=5, filters={"region": "Jiangjin", "year": 2020})
    assert passages and {p.doc for p in passages} == {"002_d74fa95d098eb50a.txt"}


def test_trap_year_not_in_collection(rqa):
    ans = rqa.ask("湟中区2021年查处了多少起环境违法行为")
    assert ans.answer is None and "2021" in ans.note and ans.passages


def test_cli_ask_json_and_errors(index_dir):
    def run(*a):
        return subprocess.run(
            [sys.executable, "-m", "qa.cli", *a], capture_output=True, text=True, timeout=300
        )

    out = run("ask", "湟中区2024年查处了多少起环境违法行为", "--index", str(index_dir), "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["answer"] == "25起" and EVIDENCE in data["passages"][0]["text"]
    bad = run("ask", "", "--index", str(index_dir))
    assert (
        bad.returncode == 2
        and bad.stderr.strip().startswith("error:")
        and len(bad.stderr.strip().splitlines()) == 1
    )
    missing = run(
        "search", "x", "--index", str(index_dir.parent / "none"), "--sources", str(index_dir.parent / "none")
    )
    assert missing.returncode == 2 and "does not exist" in missing.stderr
