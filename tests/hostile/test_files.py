"""Hostile files: every unusable input is skipped with a one-line reason and changes nothing;
duplicates in another encoding are caught; links out of the source folder are not followed; a
report's own control characters never reach the terminal; the collection keeps answering."""

from __future__ import annotations

import json
import shutil
import zipfile

import pytest

from qa import QAError, ReportQA
from qa.cli import main, safe
from qa.ingest import read

from ..conftest import HUANGZHONG, SEEDS
from .common import copy_index, still_answers

TEXT = (SEEDS / HUANGZHONG).read_text(encoding="utf-8")


@pytest.fixture()
def coll(tmp_path, fake_index_dir, fake_embedder):
    """A writable copy of the seeds' index (hash embedder)."""
    return ReportQA.open(
        copy_index(fake_index_dir, tmp_path / "index"), embedder=fake_embedder, check_sources=False
    )


def _docx_bomb(path):
    import docx

    document = docx.Document()
    for _ in range(60):
        document.add_paragraph("法" * 20_000)  # 1.2 M characters that compress to a few KB
    document.save(path)


def _nav_html(path):
    path.write_text(
        "<html><body><nav><a href='/'>首页</a> <a href='/x'>政务公开</a></nav></body></html>", "utf-8"
    )


BAD = [
    ("empty.txt", b"", "empty"),
    ("blank.txt", b"  \n\t \n", "empty"),
    ("nul.txt", b"\x00\x01\x02" * 100, "binary"),
    ("noise.txt", bytes(range(128, 256)) * 40, "encoding"),
    ("latin.md", "Ünïcödé ßträngé ".encode("latin-1") * 3, "encoding"),
    ("bad-bom.txt", b"\xff\xfe" + b"\x00\xd8" * 3, "UTF-16"),
    ("program.exe", b"MZ\x90\x00", "unsupported"),
    ("noext", b"hello", "unsupported"),
    ("fake.docx", b"not a zip at all", "not a readable .docx"),
    ("empty-zip.docx", None, "not a readable .docx"),
    ("fake.pdf", b"%PDF-1.4 garbage", "PDF"),
    ("nav.html", _nav_html, "navigation only"),
    ("script.html", b"<script>alert(1)</script>", "no report text"),
    ("bomb.docx", _docx_bomb, "characters"),
    ("huge.txt", ("法治" * 600_000).encode(), "characters"),
    ("oversized.txt", b"a" * (read.MAX_TEXT_BYTES + 1), "bytes"),
]


@pytest.mark.parametrize("name, content, why", BAD, ids=[b[0] for b in BAD])
def test_unusable_files_are_skipped_and_change_nothing(coll, tmp_path, name, content, why):
    path = tmp_path / "in" / name
    path.parent.mkdir()
    if content is None:
        zipfile.ZipFile(path, "w").close()
    elif callable(content):
        content(path)
    else:
        path.write_bytes(content)
    before = (coll.index_dir / "manifest.json").read_bytes()
    update = coll.add([path])
    assert why in update.skipped[name] and not update.added and "\n" not in update.skipped[name]
    assert (coll.index_dir / "manifest.json").read_bytes() == before
    assert not list(coll.index_dir.parent.glob("index.tmp-*"))
    still_answers(coll)


@pytest.mark.parametrize(
    "encoding", ["gb18030", "gbk", "utf-16", "utf-16-be-bom", "utf-8-sig", "utf-16-le-bom"]
)
def test_the_same_report_in_another_encoding_is_a_duplicate(coll, tmp_path, encoding):
    boms = {"utf-16-be-bom": (b"\xfe\xff", "utf-16-be"), "utf-16-le-bom": (b"\xff\xfe", "utf-16-le")}
    bom, codec = boms.get(encoding, (b"", encoding))
    path = tmp_path / f"copy-{encoding}.txt"
    path.write_bytes(bom + TEXT.encode(codec))
    update = coll.add([path])
    assert "identical to 004_" in update.skipped[path.name] and not update.added
    still_answers(coll)


@pytest.mark.parametrize("encoding", ["utf-16", "gb18030"])
def test_utf16_and_gb18030_reports_are_read(tmp_path, encoding):
    path = tmp_path / "r.txt"
    path.write_bytes(TEXT.encode(encoding))
    assert read.read_file(path)[0] == TEXT


def test_a_forged_report_under_an_existing_name_is_not_replaced_silently(coll, tmp_path):
    forged = tmp_path / HUANGZHONG
    forged.write_text(TEXT.replace("25起", "9999起"), encoding="utf-8")
    update = coll.add([forged], replace=False)
    assert "already in the collection" in update.skipped[HUANGZHONG] and not update.replaced
    still_answers(coll)
    assert coll.add([forged]).replaced == [HUANGZHONG]  # an explicit replace does it
    assert coll.ask("湟中区2024年查处了多少起环境违法行为").answer == "9999起"


def test_links_out_of_the_source_folder_are_skipped(tmp_path, fake_config, fake_embedder):
    folder = tmp_path / "src"
    shutil.copytree(SEEDS, folder)
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0:root:/root:/bin/bash\n" * 20, encoding="utf-8")
    (folder / "passwd.txt").symlink_to(secret)
    (folder / "inside.txt").symlink_to(folder / "000_036c93c8b5278d1d.txt")  # inside: a duplicate at most
    rqa = ReportQA.build(folder, tmp_path / "index", fake_config, embedder=fake_embedder)
    assert "outside the folder" in rqa.last_update.skipped["passwd.txt"]
    assert "passwd.txt" not in {d.doc for d in rqa.documents()}
    assert "identical to" in rqa.last_update.skipped["inside.txt"]
    still_answers(rqa)


def test_build_skips_unreadable_files_and_stays_current(tmp_path, fake_config, fake_embedder):
    folder = tmp_path / "src"
    shutil.copytree(SEEDS, folder)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "bin.txt").write_bytes(b"\x00" * 99)
    (folder / "gbk-copy.txt").write_bytes(TEXT.encode("gb18030"))
    rqa = ReportQA.build(folder, tmp_path / "index", fake_config, embedder=fake_embedder)
    assert set(rqa.last_update.skipped) == {"empty.txt", "bin.txt", "gbk-copy.txt"}
    assert len(rqa.documents()) == 5
    ReportQA.open(tmp_path / "index", fake_config, embedder=fake_embedder)  # skipped files are not "stale"
    still_answers(rqa)


def test_a_folder_of_only_unreadable_files_is_a_clear_error(tmp_path, fake_config, fake_embedder):
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "empty.txt").write_bytes(b"")
    with pytest.raises(QAError, match="no readable reports.*empty"):
        ReportQA.build(tmp_path / "src", tmp_path / "index", fake_config, embedder=fake_embedder)
    assert not (tmp_path / "index").exists()


@pytest.mark.parametrize(
    "name",
    ["报告 2024 (终稿).txt", "r\x1b[2Jeport.txt", "-rf.txt", "..txt", "a" * 200 + ".txt", "ＦＵＬＬ.txt"],
)
def test_odd_file_names_are_kept_as_names(coll, tmp_path, name):
    path = tmp_path / name
    path.write_text(TEXT.replace("湟中区", "测试区").replace("25起", "31起"), encoding="utf-8")
    assert coll.add([path]).added == [name]
    assert coll.ask("测试区2024年查处了多少起环境违法行为").answer == "31起"
    coll.remove(name)
    still_answers(coll)


def test_control_characters_in_a_report_never_reach_the_terminal(coll, tmp_path, capsys):
    from qa.cli import _print_passages

    path = tmp_path / "ansi.txt"
    path.write_text(
        TEXT.replace("共查处环境违法行为25起", "\x1b[2J\x1b]0;owned\x07共查处环境违法行为25起\u202e"), "utf-8"
    )
    coll.remove(HUANGZHONG)
    coll.add([path])
    _print_passages(coll.search("湟中区2024年查处了多少起环境违法行为", k=3))
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out and "\\x1b[2J" in out


@pytest.mark.parametrize(
    "text", ["\x1b[31mred", "bell\x07", "nul\x00", "\x9bcsi", "rtl\u202e", "ok\nline\ttab"]
)
def test_safe_escapes_controls_but_keeps_lines(text):
    out = safe(text)
    assert all(c in "\n\t" or c.isprintable() for c in out)
    assert ("\n" in out) == ("\n" in text)


@pytest.mark.parametrize(
    "rows, why",
    [
        ([{"question": "湟中区2024年查处了多少起"}], "nothing to measure"),
        ([{"id": "x", "doc": "a.txt"}], "no 'question'"),
        ([["not", "a", "dict"]], "no 'question'"),
        ([], "no questions"),
        ([{"question": 5, "answer": "1"}], "no 'question'"),
    ],
)
def test_eval_on_rows_missing_keys_exits_2(tmp_path, capsys, rows, why):
    path = tmp_path / "q.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    assert main(["eval", str(path), "--index", str(tmp_path / "none")]) == 2
    assert why in capsys.readouterr().err


def test_eval_on_broken_json_exits_2(tmp_path, capsys):
    path = tmp_path / "q.jsonl"
    path.write_text("{not json\n", encoding="utf-8")
    assert main(["eval", str(path)]) == 2 and "cannot read questions" in capsys.readouterr().err
