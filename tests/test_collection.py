"""Growing the collection: real files in each format are added, found and removed; nothing breaks."""

import json
import os
import shutil
import signal
import subprocess
import sys
import time

import pytest

from qa import IndexProblem, QAError, ReportQA
from qa.index.lock import IndexLock

from .conftest import HUANGZHONG, SEEDS

pytestmark = pytest.mark.slow

TAISHUN = "000_036c93c8b5278d1d.txt"
BASE = [SEEDS / "001_400143b11109ccf8.txt", SEEDS / "002_d74fa95d098eb50a.txt"]  # 许昌, 江津: a small index


@pytest.fixture()
def small(tmp_path, embedder):
    """A fresh two-report index (许昌, 江津) to change."""
    index = tmp_path / "index"
    return ReportQA.build(BASE, index, embedder=embedder)


def huangzhong_text() -> str:
    return (SEEDS / HUANGZHONG).read_text(encoding="utf-8")


def make_docx(path):
    import re

    import docx

    document = docx.Document()
    lines = huangzhong_text().splitlines()
    document.add_heading(lines[0] + lines[1], level=1)
    for line in lines[2:]:
        top = re.match(r"^(?:[一二三四五]|\d)、\s*(.+)$", line.strip())
        if top:  # top-level parts as unnumbered Word headings
            document.add_heading(top.group(1), level=2)
        elif line.strip():
            document.add_paragraph(line.strip())
    document.save(path)


def make_html(path):
    import html

    body = "".join(
        f"<p>{html.escape(line)}</p>" for line in huangzhong_text().splitlines()[2:] if line.strip()
    )
    path.write_text(
        "<html><head><meta charset='utf-8'><title>报告</title></head><body>"
        "<nav><a href='/'>首页</a> &gt; <a href='/zwgk'>政务公开</a></nav>"
        f"<article><h1>湟中区生态环境局2024年法治政府建设情况报告</h1>{body}</article>"
        "<footer>主办：西宁市湟中区人民政府 版权所有</footer></body></html>",
        encoding="utf-8",
    )


def make_pdf(path):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("STSong-Light", 10)
    y = 800
    for line in huangzhong_text().splitlines():
        while line:
            c.drawString(40, y, line[:48])
            line, y = line[48:], y - 14
            if y < 40:
                c.showPage()
                c.setFont("STSong-Light", 10)
                y = 800
    c.save()


def make_gbk(path):
    path.write_bytes(huangzhong_text().encode("gb18030"))


@pytest.mark.parametrize(
    "suffix, make", [(".txt", make_gbk), (".docx", make_docx), (".html", make_html), (".pdf", make_pdf)]
)
def test_each_format_is_added_found_and_removed(small, tmp_path, suffix, make):
    path = tmp_path / f"huangzhong{suffix}"
    make(path)
    update = small.add([path])
    assert update.added == [path.name] and update.embedded > 0
    info = next(d for d in small.documents() if d.doc == path.name)
    assert info.region == "湟中区" and info.year == 2024
    ans = small.ask("湟中区2024年查处了多少起环境违法行为")
    assert ans.passages[0].doc == path.name and ans.answer == "25起"
    p = ans.passages[0]
    assert small.source_text(p.doc)[p.start : p.end] == p.text
    small.remove(path.name)
    assert path.name not in {d.doc for d in small.documents()}
    assert all(p.doc != path.name for p in small.search("湟中区查处环境违法行为"))
    # the index on disk agrees, and a fresh open is not stale
    assert path.name not in {
        d.doc for d in ReportQA.open(small.index_dir, embedder=small.embedder).documents()
    }


def test_docx_headings_map_to_sections(small, tmp_path):
    path = tmp_path / "huangzhong.docx"
    make_docx(path)
    small.add([path])
    p = small.search("湟中区2024年查处环境违法行为25起", k=1)[0]
    assert p.title == "湟中区生态环境局2024年法治政府建设情况报告"
    assert (
        p.section
        == "推进法治政府建设的主要举措及成效 › （五）全面推进严格规范公正文明执法 › 2.加强重点领域执法力度"
    )


def test_only_new_files_are_embedded_and_duplicates_detected(small, tmp_path):
    update = small.add(BASE)
    assert update.embedded == 0 and set(update.skipped.values()) == {"unchanged"}
    copy = tmp_path / "copy-of-xuchang.txt"
    shutil.copy(BASE[0], copy)
    update = small.add([copy])
    assert update.added == [] and "identical to 001_400143b11109ccf8.txt" in update.skipped[copy.name]
    changed = tmp_path / BASE[1].name
    changed.write_text(BASE[1].read_text(encoding="utf-8").replace("1941家", "1942家"), encoding="utf-8")
    update = small.add([changed])
    assert update.replaced == [BASE[1].name]
    assert update.embedded == next(d.chunks for d in small.documents() if d.doc == BASE[1].name)
    assert "1942家" in small.ask("江津区2020年纳入发证或登记的企业共多少家？").passages[0].text


@pytest.mark.parametrize(
    "name, content, why",
    [
        ("empty.txt", b"", "empty"),
        ("bin.txt", b"\x00\x01\x02" * 50, "binary"),
        ("scan.pdf", None, "no text layer"),
        ("notes.xyz", b"x", "unsupported"),
    ],
)
def test_bad_input_changes_nothing(small, tmp_path, name, content, why):
    path = tmp_path / name
    if content is None:
        from reportlab.pdfgen import canvas

        c = canvas.Canvas(str(path))
        c.rect(50, 50, 200, 200, fill=1)  # a page with a picture and no text
        c.save()
    else:
        path.write_bytes(content)
    before = (small.index_dir / "manifest.json").read_bytes()
    update = small.add([path])
    assert why in update.skipped[name] and not update.added
    assert (small.index_dir / "manifest.json").read_bytes() == before


def test_missing_metadata_warns_and_can_be_edited(small, tmp_path):
    path = tmp_path / "plain.txt"
    path.write_text(
        "一、工作情况\n我局全年共开展执法检查120次，发现问题35个，均已整改完毕。\n二、下一步\n继续加强执法。\n",
        encoding="utf-8",
    )
    update = small.add([path])
    assert update.added == ["plain.txt"] and any("no region or year" in w for w in update.warnings)
    small.set_metadata("plain.txt", region="测试县", year=2025)
    info = next(d for d in small.documents() if d.doc == "plain.txt")
    assert (info.region, info.year) == ("测试县", 2025)
    assert small.search("测试县2025年开展执法检查多少次", k=1)[0].doc == "plain.txt"


def test_two_writers_are_refused(small):
    with IndexLock(small.index_dir):
        with pytest.raises(QAError, match="another update"):
            small.remove("001_400143b11109ccf8.txt")
    assert len(small.documents()) == 2


def test_killed_update_leaves_the_old_index_answering(small, tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(6):  # enough text that embedding takes a few seconds
        (folder / f"r{i}.txt").write_text(huangzhong_text().replace("湟中区", f"测试{i}区"), encoding="utf-8")
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "qa.cli", "add", str(folder), "--index", str(small.index_dir), "-q"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    lock = small.index_dir.with_name("index.lock")
    deadline = time.time() + 120
    while not lock.exists() and time.time() < deadline and proc.poll() is None:
        time.sleep(0.2)
    time.sleep(1.5)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    reopened = ReportQA.open(small.index_dir, embedder=small.embedder)
    assert {d.doc for d in reopened.documents()} == {p.name for p in BASE}
    assert reopened.ask("许昌2023年“12369”共接到多少件举报？").answer == "564件"
    reopened.add([folder / "r0.txt"])  # the dead writer's lock does not block the next one
    assert "r0.txt" in {d.doc for d in reopened.documents()}


def test_a_running_reader_sees_the_new_collection(small, tmp_path):
    reader = ReportQA.open(small.index_dir, embedder=small.embedder)
    writer = ReportQA.open(small.index_dir, embedder=small.embedder)
    path = tmp_path / "huangzhong.txt"
    shutil.copy(SEEDS / HUANGZHONG, path)
    writer.add([path])
    assert reader.ask("湟中区2024年查处了多少起环境违法行为").answer == "25起"


def test_truncated_files_are_detected(small, tmp_path):
    for name in ("vectors.faiss", "chunks.jsonl"):
        broken = tmp_path / f"broken-{name}"
        shutil.copytree(small.index_dir, broken)
        data = (broken / name).read_bytes()
        (broken / name).write_bytes(data[: len(data) // 2])
        with pytest.raises(IndexProblem, match="rebuild the index"):
            ReportQA.open(broken, embedder=small.embedder, check_sources=False)


def test_cli_list_add_remove(small, tmp_path):
    def run(*a):
        cmd = [sys.executable, "-m", "qa.cli", *a, "--index", str(small.index_dir)]
        return subprocess.run(cmd, capture_output=True, text=True, timeout=300)

    out = run("list", "--json")
    assert out.returncode == 0 and {d["region"] for d in json.loads(out.stdout)} == {"许昌市", "江津区"}
    path = tmp_path / "taishun.txt"
    shutil.copy(SEEDS / TAISHUN, path)
    out = run("add", str(path), "-q")
    assert out.returncode == 0 and "added: taishun.txt" in out.stdout
    out = run("remove", "taishun.txt")
    assert out.returncode == 0 and "removed: taishun.txt" in out.stdout
    out = run("remove", "nope.txt")
    assert out.returncode == 2 and "no report named nope.txt" in out.stderr
