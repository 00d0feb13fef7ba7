"""The Milvus store (embedded Milvus Lite) against FAISS: same passages, same citations, same
collection changes with the same crash guarantees, and scoping done as a filter in the engine."""

import json
import shutil
import signal
import subprocess
import sys
import textwrap
from dataclasses import replace
from pathlib import Path

import pytest

from qa import Config, IndexProblem, QAError, ReportQA
from qa.index.milvus_store import MilvusStore, normalise

from .conftest import HUANGZHONG, ROOT, SEEDS

STORES = ["faiss", "milvus"]
BASE = [SEEDS / "001_400143b11109ccf8.txt", SEEDS / "002_d74fa95d098eb50a.txt"]  # 许昌, 江津
QUESTIONS = [
    "湟中区2024年查处了多少起环境违法行为",
    "法律顾问",
    "泰顺县PM2.5降幅是多少",
    "2020年行政许可审批时限缩短了多少",
    "丰泽2023年行政应诉案件有几件",
]


def config_for(store: str, config: Config, tmp) -> Config:
    return replace(config, store="faiss" if store == "faiss" else f"milvus:{tmp / 'milvus.db'}")


@pytest.fixture(scope="module", params=STORES)
def seeds_rqa(request, tmp_path_factory, fake_embedder, fake_config):
    """The seeds indexed with the hash embedder, once per store."""
    tmp = tmp_path_factory.mktemp(request.param)
    config = config_for(request.param, fake_config, tmp)
    return ReportQA.build(SEEDS, tmp / "index", config, embedder=fake_embedder)


@pytest.fixture(params=STORES)
def small(request, tmp_path, fake_embedder, fake_config):
    """A fresh two-report index (许昌, 江津) to change, in each store."""
    config = config_for(request.param, fake_config, tmp_path)
    return ReportQA.build(BASE, tmp_path / "index", config, embedder=fake_embedder)


def collections(rqa: ReportQA) -> list[str]:
    """The index's collections in its Milvus engine (none for FAISS)."""
    vectors = rqa.searcher.retrievers[0].vectors
    return vectors.collections(rqa.index_dir) if isinstance(vectors, MilvusStore) else []


@pytest.mark.parametrize("mode", ["fused", "dense"])
def test_same_passages_and_scores_as_faiss(seeds_rqa, fast_rqa, mode):
    for q in QUESTIONS:
        got = [(p.chunk.id, round(p.score, 5), p.citation()) for p in seeds_rqa.search(q, 5, mode=mode)]
        want = [(p.chunk.id, round(p.score, 5), p.citation()) for p in fast_rqa.search(q, 5, mode=mode)]
        assert got == want, q


def test_named_reports_are_a_filter_in_the_engine(seeds_rqa):
    dense = seeds_rqa.searcher.retrievers[0]
    assert dense.vectors.filters == isinstance(dense.vectors, MilvusStore)
    passages = seeds_rqa.search("湟中区行政处罚案件", k=5, mode="dense")
    assert passages and {p.doc for p in passages} == {HUANGZHONG}
    assert seeds_rqa.ask("湟中区2024年查处了多少起环境违法行为").answer == "25起"
    if dense.vectors.filters:  # the engine answers a filter on the report's name directly
        qv = dense.embedder.query("法律顾问")
        assert {seeds_rqa.chunks()[r].doc for r, _ in dense.vectors.search(qv, 20, docs=[HUANGZHONG])} == {
            HUANGZHONG
        }
        assert dense.vectors.search(qv, 5, docs=[]) == []


def test_manifest_records_the_store_and_open_refuses_another(seeds_rqa, fake_embedder, fake_config):
    manifest = json.loads((seeds_rqa.index_dir / "manifest.json").read_text(encoding="utf-8"))
    store = manifest["config"]["store"]
    assert manifest["vector_store"]["store"] == store
    if store == "faiss":
        assert "store" not in manifest["params"]  # indexes built before the choice existed stay valid
        return
    assert manifest["params"]["store"] == store and collections(seeds_rqa) == [
        manifest["vector_store"]["collection"]
    ]
    with pytest.raises(IndexProblem, match="rebuild the index"):
        ReportQA.open(seeds_rqa.index_dir, fake_config, fake_embedder)
    reopened = ReportQA.open(seeds_rqa.index_dir, embedder=fake_embedder)  # the manifest's store
    assert reopened.ask("湟中区2024年查处了多少起环境违法行为").answer == "25起"


def test_add_replace_edit_remove(small, tmp_path):
    path = tmp_path / "huangzhong.txt"
    shutil.copy(SEEDS / HUANGZHONG, path)
    assert small.add([path]).added == ["huangzhong.txt"]
    assert small.ask("湟中区2024年查处了多少起环境违法行为").answer == "25起"
    changed = tmp_path / BASE[1].name
    changed.write_text(BASE[1].read_text(encoding="utf-8").replace("1941家", "1942家"), encoding="utf-8")
    assert small.add([changed]).replaced == [BASE[1].name]
    assert "1942家" in small.ask("江津区2020年纳入发证或登记的企业共多少家？").passages[0].text
    small.set_metadata("huangzhong.txt", region="测试县")
    assert {p.region for p in small.search("测试县查处环境违法行为", k=3)} == {"测试县"}
    small.remove("huangzhong.txt")
    assert {d.doc for d in small.documents()} == {p.name for p in BASE}
    assert len(collections(small)) == (1 if small.config.store != "faiss" else 0)  # superseded: dropped


def test_killed_update_leaves_the_old_collection_answering(tmp_path, fake_embedder, fake_config):
    """kill -9 after the new collection is filled but before the manifest names it."""
    config = config_for("milvus", fake_config, tmp_path)
    index = tmp_path / "index"
    script = textwrap.dedent(
        f"""
        import sys, time
        sys.path.insert(0, {str(ROOT)!r}); sys.path.insert(0, {str(ROOT / "tests")!r})
        from conftest import HashEmbedder
        from qa import Config, ReportQA
        from qa.index.milvus_store import MilvusStore
        config = Config(model=HashEmbedder.name, store={config.store!r})
        if sys.argv[1] == "build":
            ReportQA.build({[str(p) for p in BASE]!r}, {str(index)!r}, config, embedder=HashEmbedder())
        else:
            def hang(self, path):
                print("filled", self.collection, flush=True)
                time.sleep(120)
            MilvusStore.save = hang
            rqa = ReportQA.open({str(index)!r}, embedder=HashEmbedder())
            rqa.add([{str(SEEDS / HUANGZHONG)!r}])
        """
    )
    subprocess.run([sys.executable, "-c", script, "build"], check=True, timeout=120, cwd=ROOT)
    proc = subprocess.Popen(
        [sys.executable, "-c", script, "add"], stdout=subprocess.PIPE, text=True, cwd=ROOT
    )
    line = proc.stdout.readline()
    assert line.startswith("filled"), line
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    reopened = ReportQA.open(index, embedder=fake_embedder)
    assert {d.doc for d in reopened.documents()} == {p.name for p in BASE}
    assert reopened.ask("许昌2023年“12369”共接到多少件举报？").answer == "564件"
    orphan = line.split()[1]
    assert orphan in collections(reopened)
    reopened.add([SEEDS / HUANGZHONG])  # the next update drops what the dead one left
    assert collections(reopened) == [reopened.searcher.stored.manifest["vector_store"]["collection"]]
    assert reopened.ask("湟中区2024年查处了多少起环境违法行为").answer == "25起"


def test_bad_store_uris_are_refused(tmp_path, fake_embedder, fake_config):
    with pytest.raises(QAError, match="unknown vector store"):
        normalise("milvus:./no-suffix")
    assert normalise("http://milvus.example:19530") == "http://milvus.example:19530"
    assert normalise("milvus:x.db") == f"milvus:{Path.cwd() / 'x.db'}"  # the manifest must not depend on cwd
    inside = replace(fake_config, store=f"milvus:{tmp_path / 'index' / 'milvus.db'}")
    with pytest.raises(QAError, match="inside the index folder"):
        ReportQA.build(BASE, tmp_path / "index", inside, embedder=fake_embedder)


@pytest.mark.slow
def test_real_model_same_answers_as_faiss(rqa, embedder, tmp_path):
    config = Config(store=f"milvus:{tmp_path / 'milvus.db'}")
    milvus = ReportQA.build(SEEDS, tmp_path / "index", config, embedder=embedder)
    for q in [*QUESTIONS, "How many environmental violations did Huangzhong investigate in 2024?"]:
        got, want = milvus.ask(q), rqa.ask(q)
        assert got.answer == want.answer, q
        assert [p.chunk.id for p in got.passages] == [p.chunk.id for p in want.passages], q
