"""The body found in any saved form, and the report's own facts read from its wrapper.

Each test writes a file of its own in a wrapper bureaus' reports really come in (an archiving
tool's header over a one-line body, a web page saved as text, PDF text with page furniture, a
plain report with a title and a signature, a header over a multi-line body) around the text of
a real seed, then checks that the chunks cover the seed's text, that no chunk holds a wrapper
line, that the header, title, issuer and dates are read as facts with verbatim offsets.
"""

from __future__ import annotations

import re

import pytest

from qa.config import Config
from qa.ingest import ingest
from qa.ingest.clean import iso_date, parse_source, read_source

from .conftest import HUANGZHONG, SEEDS

CFG = Config()
TITLE = "湟中区生态环境局2024年法治政府建设情况报告"
ISSUER = "西宁市湟中区生态环境局"


def seed_body(name: str) -> str:
    """A seed's report text without its own title and signature lines."""
    lines = [ln.rstrip(" |") for ln in (SEEDS / name).read_text(encoding="utf-8").split("\n")]
    lines = [ln for ln in lines if ln.strip()]
    if name == HUANGZHONG:
        return "\n".join(lines[2:])  # 湟中区生态环境局 / 2024年法治政府建设情况报告 above the body
    return "\n".join(lines)


MULTI = seed_body(HUANGZHONG)  # 46 lines: headings and paragraphs
ONE_LINE = seed_body("000_036c93c8b5278d1d.txt").split("\n")[1]  # the whole body on one line


class Doc:
    """A file built piece by piece, remembering which spans are body and which are wrapper."""

    def __init__(self) -> None:
        self.text = ""
        self.body: list[tuple[int, int]] = []
        self.wrapper: list[tuple[int, int]] = []

    def add(self, piece: str, body: bool = False) -> Doc:
        start = len(self.text)
        self.text += piece
        (self.body if body else self.wrapper).append((start, len(self.text)))
        return self

    def lines(self, *pieces: str) -> Doc:
        for p in pieces:
            self.add(p + "\n")
        return self


def archiver(english: bool) -> Doc:
    """An archiving tool's saved page: key: value header, breadcrumb, one-line body, footer."""
    d = Doc()
    if english:
        d.lines(
            f"Title: {TITLE}",
            "URL: https://www.huangzhong.gov.cn/zwgk/fzzfjs/202501/t20250121_123456.html",
            "Date: 2025-01-21",
            f"Publisher: {ISSUER}",
            "Saved at: 2025-11-02T08:15:00Z",
        )
    else:
        d.lines(
            f"标题：{TITLE}",
            "发布时间：2025-01-21 10:30:00",
            "文号：湟环〔2025〕3号",
            f"发布机构：{ISSUER}",
            "栏目：法治政府建设年度报告",
            "原文链接：https://www.huangzhong.gov.cn/zwgk/fzzfjs/202501/t20250121_123456.html",
        )
    d.lines("首页 > 政务公开 > 法治政府建设 > 年度报告")
    d.add(ONE_LINE, body=True).add(f"  {ISSUER}  2025年1月20日\n")
    return d.lines(
        "分享到： 微信 微博 QQ空间",
        "【字体：大 中 小】 打印本页 关闭窗口",
        "主办单位：西宁市湟中区人民政府  版权所有",
        "青ICP备12345678号-1  青公网安备 63012202000123号",
    )


def glued() -> Doc:
    """Everything of the page on the body's own line: date and source before it, the signature
    and the page footer after it (a flattened page)."""
    d = Doc().lines(TITLE)
    d.add("发布时间：2025-01-21 10:30:00  来源：湟中区生态环境局  ")
    d.add(ONE_LINE, body=True)
    return d.add(
        f" {ISSUER} 2025年1月20日 分享到： 微信 微博 【打印本页】 主办单位：西宁市湟中区人民政府 青ICP备12345678号\n"
    )


def web_page() -> Doc:
    """A web page saved as text: site name, menu, breadcrumb, title, date line, body, footer."""
    d = Doc().lines(
        "西宁市湟中区人民政府",
        "网站首页 政务公开 政务服务 互动交流 走进湟中",
        "当前位置：首页 > 政务公开 > 部门信息",
        "",
        TITLE,
        "发布时间：2025-01-21  来源：湟中区生态环境局  浏览次数：1024",
        "【字体：大 中 小】",
        "",
    )
    d.add(MULTI + "\n", body=True)
    return d.lines(
        "",
        "湟中区生态环境局",
        "2025年1月20日",
        "",
        "分享到：",
        "微信",
        "微博",
        "打印本页 关闭窗口",
        "上一篇：湟中区生态环境局2023年法治政府建设情况报告",
        "下一篇：关于开展生态环境执法大练兵的通知",
        "主办单位：西宁市湟中区人民政府办公室",
        "版权所有：西宁市湟中区人民政府",
        "网站标识码：6301220001  青ICP备12345678号",
    )


def pdf_text() -> Doc:
    """PDF text: lines wrapped at 36 characters, a running header and '- n -' on every page."""
    flat = MULTI.replace("\n", "")
    wrapped = [flat[i : i + 36] for i in range(0, len(flat), 36)]
    d = Doc().lines(ISSUER, TITLE, "")
    per_page = 30
    for p in range(0, len(wrapped), per_page):
        if p:
            d.lines(TITLE)  # running header
        d.add("\n".join(wrapped[p : p + per_page]) + "\n", body=True)
        d.lines("", f"- {p // per_page + 1} -")
    return d.lines(ISSUER, "2025年1月20日")


def plain_report() -> Doc:
    """A plain report: issuing body and title on top, a signature in Chinese numerals below."""
    d = Doc().lines(ISSUER, "2024年法治政府建设情况报告", "")
    d.add(MULTI + "\n", body=True)
    return d.lines("", ISSUER, "二〇二五年一月二十日")


def header_multiline() -> Doc:
    """A 标题/发布机构 header (half-width colons) over a multi-line body and a signature."""
    d = Doc().lines(
        f"标题: {TITLE}",
        f"发布机构: {ISSUER}",
        "发文字号: 湟环〔2025〕3号",
        "成文日期: 2025-01-20",
        "发布日期: 2025-01-21",
        "",
    )
    d.add(MULTI + "\n", body=True)
    return d.lines(ISSUER, "2025年1月20日")


SHAPES = {
    "archiver-zh": (
        lambda: archiver(False),
        {"published": "2025-01-21", "signed": "2025-01-20", "docnum": "湟环〔2025〕3号"},
    ),
    "archiver-en": (lambda: archiver(True), {"published": "2025-01-21", "signed": "2025-01-20"}),
    "glued": (glued, {"published": "2025-01-21", "signed": "2025-01-20"}),
    "web-page": (web_page, {"published": "2025-01-21", "signed": "2025-01-20", "issuer": "湟中区生态环境局"}),
    "pdf": (pdf_text, {"signed": "2025-01-20"}),
    "plain": (plain_report, {"signed": "2025-01-20", "title": "2024年法治政府建设情况报告"}),
    "header": (
        header_multiline,
        {"published": "2025-01-21", "signed": "2025-01-20", "docnum": "湟环〔2025〕3号"},
    ),
}


def _count(text: str, spans: list[tuple[int, int]], inside: set[int]) -> tuple[int, int]:
    chars = [i for s, e in spans for i in range(s, e) if not text[i].isspace()]
    return sum(i in inside for i in chars), len(chars)


@pytest.mark.parametrize("shape", SHAPES)
def test_body_found_in_every_wrapper(shape, tmp_path):
    make, expected = SHAPES[shape]
    doc = make()
    path = tmp_path / f"{shape}.txt"
    path.write_text(doc.text, encoding="utf-8")
    src, _meta, chunks = ingest(path, CFG.max_chars, CFG.min_chars)
    assert src.text == doc.text
    inside: set[int] = set()
    for c in chunks:
        assert doc.text[c.start : c.end] == c.text  # verbatim offsets
        inside.update(range(c.start, c.end))
    hit, total = _count(doc.text, doc.body, inside)
    assert hit / total >= 0.95, f"{shape}: chunks cover {hit}/{total} of the body"
    leaked, _ = _count(doc.text, doc.wrapper, inside)
    assert leaked == 0, f"{shape}: {leaked} wrapper characters in chunks"
    # the report's facts, read from the wrapper
    title = expected.get("title", TITLE)
    assert "".join(src.title_lines).endswith(title) or title in src.title_lines
    for name, value in expected.items():
        if name != "title":
            assert getattr(src, name) == value, (shape, name, getattr(src, name))
    assert src.issuer in (ISSUER, "湟中区生态环境局")
    for f in src.facts:
        words = doc.text[f.start : f.end]
        assert words == f.value or iso_date(words) == f.value, (f, words)
        assert any(s <= f.start and f.end <= e for s, e in doc.wrapper), f"{f} points into the body"


def test_header_fields_are_kept_verbatim():
    doc = archiver(False)
    src = parse_source("a.txt", "a.txt", doc.text, "0")
    header = dict(src.header)
    assert header["栏目"] == "法治政府建设年度报告"
    assert header["原文链接"].startswith("https://www.huangzhong.gov.cn/")
    assert {f.name for f in src.facts} >= {"title", "published", "signed", "issuer", "docnum"}
    signed = src.fact("signed")
    assert signed is not None and doc.text[signed.start : signed.end] == "2025年1月20日"


def test_no_number_from_the_url_reaches_a_chunk(tmp_path):
    """The page's URL (t20250121_123456) once stood as the report; it must be in no chunk."""
    path = tmp_path / "a.txt"
    path.write_text(archiver(False).text, encoding="utf-8")
    _src, _meta, chunks = ingest(path, CFG.max_chars, CFG.min_chars)
    assert not any("123456" in c.text or "huangzhong.gov.cn" in c.text for c in chunks)
    assert len(chunks) > 10


def test_pdf_pages_never_split_a_heading_path_into_furniture():
    src = parse_source("p.txt", "p.txt", pdf_text().text, "0")
    gap_text = [src.text[s:e] for s, e in src.gaps]
    assert gap_text and all(re.fullmatch(r"- \d+ -|" + TITLE, t) for t in gap_text)


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("2025-01-20 10:30", "2025-01-20"),
        ("2025/1/2", "2025-01-02"),
        ("2024年2月26日", "2024-02-26"),
        ("二〇二五年一月二十日", "2025-01-20"),
        ("二〇二四年十二月三十一日", "2024-12-31"),
        ("第12期", None),
    ],
)
def test_iso_date(text, iso):
    assert iso_date(text) == iso


def test_seeds_keep_their_bodies_and_signature():
    """The five seeds' bodies start and end where they always did; 丰泽's signature is facts now."""
    expected = {  # body span, as measured before this change
        "000_036c93c8b5278d1d.txt": (30, 3791),
        "001_400143b11109ccf8.txt": (0, 5476),
        "002_d74fa95d098eb50a.txt": (118, 4015),
        "003_4d3e9b55dd373cb7.txt": (34, 3641),
        HUANGZHONG: (26, 5339),
    }
    for name, span in expected.items():
        assert read_source(SEEDS / name).body == span, name
    src = read_source(SEEDS / "003_4d3e9b55dd373cb7.txt")
    assert (src.signed, src.issuer) == ("2024-02-26", "泉州市丰泽生态环境局")
    assert read_source(SEEDS / "002_d74fa95d098eb50a.txt").published == "2021-02-18"


@pytest.mark.parametrize(
    "top",
    [
        f"{TITLE}\n2025-01-21 09:00 来源：湟中区生态环境局 浏览次数：88\n",  # date before any key
        f"标题：{TITLE}\n发布时间：2025-01-21\n{TITLE} ",  # the one-line body opens with the title
    ],
)
def test_page_date_line_and_title_glued_to_the_body(top):
    text = top + ONE_LINE + "\n【打印】【关闭】\n"
    src = parse_source("a.txt", "a.txt", text, "0")
    assert src.body_text == ONE_LINE
    assert src.published == "2025-01-21" and src.title_lines == (TITLE,)
