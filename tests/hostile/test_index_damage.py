"""Index damage and crashes: a broken index is refused with the fix, never half-read; a crash at
any point of the swap is repaired on open; a folder this project did not make is never deleted;
hand removals and edits survive a rebuild; afterwards the collection answers again."""

from __future__ import annotations

import json
import os
import shutil

import pytest

from qa import IndexProblem, QAError, ReportQA
from qa.index.lock import IndexLock
from qa.index.store import MARKER

from ..conftest import HUANGZHONG, SEEDS
from .common import copy_index, still_answers

PARTS = ["manifest.json", "chunks.jsonl", "vectors.faiss", "keyword", "sources.jsonl"]


def _open(folder, emb):
    return ReportQA.open(folder, embedder=emb, check_sources=False)


def _rebuilt(folder, fake_config, emb):
    """The fix the error names: build again into the same folder, then it answers."""
    rqa = ReportQA.build(SEEDS, folder, fake_config, embedder=emb)
    still_answers(rqa)


def _damage(path, how):
    if how == "delete":
        shutil.rmtree(path) if path.is_dir() else path.unlink()
    elif how == "empty":
        if path.is_dir():
            for f in path.iterdir():
                f.write_bytes(b"")
        else:
            path.write_bytes(b"")
    elif how == "garbage":
        targets = list(path.iterdir()) if path.is_dir() else [path]
        for f in targets:
            f.write_bytes(b"\x00garbage\xff" * 10)
    elif how == "half":
        targets = list(path.iterdir()) if path.is_dir() else [path]
        for f in targets:
            data = f.read_bytes()
            f.write_bytes(data[: len(data) // 2])


@pytest.mark.parametrize("how", ["delete", "empty", "garbage", "half"])
@pytest.mark.parametrize("part", PARTS)
def test_a_damaged_part_is_refused_then_rebuilt(
    tmp_path, fake_index_dir, fake_embedder, fake_config, part, how
):
    folder = copy_index(fake_index_dir, tmp_path / "index")
    _damage(folder / part, how)
    with pytest.raises(IndexProblem, match="index|rebuild"):
        _open(folder, fake_embedder)
    _rebuilt(folder, fake_config, fake_embedder)


@pytest.mark.parametrize(
    "edit",
    [
        lambda m: [],
        lambda m: "text",
        lambda m: {**m, "format": 99},
        lambda m: {**m, "counts": {"documents": 5, "chunks": 1}},
        lambda m: {**m, "dimension": 3},
        lambda m: {**m, "documents": m["documents"][:-1]},
        lambda m: {**m, "documents": m["documents"] + [{**m["documents"][0], "doc": "ghost.txt"}]},
    ],
    ids=["list", "string", "format", "counts", "dimension", "one-doc-less", "ghost-doc"],
)
def test_a_tampered_manifest_is_refused(tmp_path, fake_index_dir, fake_embedder, fake_config, edit):
    folder = copy_index(fake_index_dir, tmp_path / "index")
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    (folder / "manifest.json").write_text(json.dumps(edit(manifest), ensure_ascii=False), encoding="utf-8")
    with pytest.raises(IndexProblem):
        _open(folder, fake_embedder)
    _rebuilt(folder, fake_config, fake_embedder)


@pytest.mark.parametrize("lines", ["first", "last", "all-but-one"])
def test_a_truncated_sources_table_is_damage(tmp_path, fake_index_dir, fake_embedder, lines):
    folder = copy_index(fake_index_dir, tmp_path / "index")
    rows = (folder / "sources.jsonl").read_text(encoding="utf-8").splitlines()
    keep = {"first": rows[1:], "last": rows[:-1], "all-but-one": rows[:1]}[lines]
    (folder / "sources.jsonl").write_text("\n".join(keep) + "\n", encoding="utf-8")
    with pytest.raises(IndexProblem, match="sources.jsonl lacks"):
        _open(folder, fake_embedder)


def _crash(folder, stage):
    """The swap's states a kill -9 can leave: (tmp written?, folder moved to old?, old removed?)."""
    tmp = folder.with_name(folder.name + ".tmp-crash")
    old = folder.with_name(folder.name + ".old-1-2")
    shutil.copytree(folder, tmp)
    if stage == "tmp-half":
        (tmp / "manifest.json").unlink()  # the manifest is written last
    if stage in ("moved", "tmp-half"):
        os.rename(folder, old)
    if stage == "swapped":
        os.rename(folder, old)
        os.rename(tmp, folder)
    return tmp, old


@pytest.mark.parametrize("stage", ["tmp-only", "tmp-half", "moved", "swapped"])
def test_a_crash_at_any_point_of_the_swap_is_repaired_on_open(tmp_path, fake_index_dir, fake_embedder, stage):
    folder = copy_index(fake_index_dir, tmp_path / "index")
    tmp, old = _crash(folder, stage)
    rqa = _open(folder, fake_embedder)
    still_answers(rqa)
    assert not tmp.exists() and not old.exists() and (folder / MARKER).is_file()


def test_leftovers_without_the_marker_are_not_touched(tmp_path, fake_index_dir, fake_embedder):
    folder = copy_index(fake_index_dir, tmp_path / "index")
    mine = tmp_path / "index.old-photos"
    mine.mkdir()
    (mine / "holiday.jpg").write_bytes(b"\xff\xd8")
    still_answers(_open(folder, fake_embedder))
    assert (mine / "holiday.jpg").exists()


@pytest.mark.parametrize(
    "contents",
    [
        {"manifest.json": "{}", "notes.txt": "mine"},
        {"notes.txt": "mine"},
        {"manifest.json": "{}", "sub/x.txt": "mine"},
    ],
    ids=["stray-manifest", "user-files", "nested"],
)
def test_a_folder_this_project_did_not_make_is_never_deleted(tmp_path, fake_config, fake_embedder, contents):
    folder = tmp_path / "proj"
    for name, text in contents.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    with pytest.raises(QAError, match="not made by report QA"):
        ReportQA.build(SEEDS, folder, fake_config, embedder=fake_embedder)
    for name, text in contents.items():
        assert (folder / name).read_text(encoding="utf-8") == text
    assert not list(tmp_path.glob("proj.tmp-*"))


def test_a_file_where_the_index_should_be_is_refused(tmp_path, fake_config, fake_embedder):
    (tmp_path / "index").write_text("mine", encoding="utf-8")
    with pytest.raises(QAError, match="not a folder"):
        ReportQA.build(SEEDS, tmp_path / "index", fake_config, embedder=fake_embedder)
    assert (tmp_path / "index").read_text(encoding="utf-8") == "mine"


def test_an_empty_folder_and_an_old_index_without_marker_are_used(
    tmp_path, fake_index_dir, fake_config, fake_embedder
):
    (tmp_path / "empty").mkdir()
    _rebuilt(tmp_path / "empty", fake_config, fake_embedder)
    legacy = copy_index(fake_index_dir, tmp_path / "legacy")
    (legacy / MARKER).unlink()  # written before the marker existed: only index parts inside
    _rebuilt(legacy, fake_config, fake_embedder)


def test_removals_and_edits_survive_a_rebuild(tmp_path, fake_config, fake_embedder):
    src = tmp_path / "src"
    shutil.copytree(SEEDS, src)
    rqa = ReportQA.build(src, tmp_path / "index", fake_config, embedder=fake_embedder)
    rqa.remove("000_036c93c8b5278d1d.txt")
    rqa.set_metadata("001_400143b11109ccf8.txt", region="测试市", year=2031, bureau="测试局")
    again = ReportQA.build(src, tmp_path / "index", fake_config, embedder=fake_embedder)
    docs = {d.doc: d for d in again.documents()}
    assert (
        "000_036c93c8b5278d1d.txt" not in docs
        and "removed" in again.last_update.skipped["000_036c93c8b5278d1d.txt"]
    )
    assert (docs["001_400143b11109ccf8.txt"].region, docs["001_400143b11109ccf8.txt"].year) == (
        "测试市",
        2031,
    )
    ReportQA.open(tmp_path / "index", fake_config, embedder=fake_embedder)  # not stale either
    again.add([src / "000_036c93c8b5278d1d.txt"])  # adding it again brings it back
    assert "000_036c93c8b5278d1d.txt" in {d.doc for d in again.documents()}
    still_answers(again)


def test_a_second_writer_is_refused_and_the_first_keeps_the_index(tmp_path, fake_index_dir, fake_embedder):
    rqa = _open(copy_index(fake_index_dir, tmp_path / "index"), fake_embedder)
    with IndexLock(rqa.index_dir):
        with pytest.raises(QAError, match="another update"):
            rqa.remove(HUANGZHONG)
    still_answers(rqa)


def test_a_missing_index_names_the_fix(tmp_path, fake_embedder):
    with pytest.raises(IndexProblem, match="no index"):
        _open(tmp_path / "nothing", fake_embedder)
