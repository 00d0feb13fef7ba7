"""Read a report and find where its body is, without rewriting a single character.

Why offsets and not a cleaned copy: every citation must be checkable against the source file,
so the pipeline keeps the file's text as read and works with (start, end) spans into it. Web
chrome (breadcrumbs, print/close links, footers, link lists) is left outside the body span;
Word/PDF artefacts inside the body are blanked in a same-length "shadow" for heading detection
and removed only from the text that gets embedded or tokenised (``normalize``).
"""

from __future__ import annotations

import re
from pathlib import Path

from ..text import SENTENCE_END
from ..types import Source
from .read import ReadError, read_file

# Artefacts of Word/PDF conversion, blanked for structure and removed for embedding.
ARTEFACT = re.compile(r"\[bookmark:[^\]]*\]|\*\*")
MD_HEADING = re.compile(r"^#{1,6}\s+", re.M)  # Word/HTML headings as the readers write them
# Lines that belong to the web page around a report, never to the report.
CHROME = re.compile(
    r"^(当前位置|您的位置|来源[:：]|信息来源|发布日期|发布时间|浏览次数|访问次数|字号|【打印本页】|【关闭窗口】|"
    r"打印本页|关闭窗口|扫一扫|主办[:：]|承办[:：]|协办[:：]|版权所有|网站标识码|联系我们|网站地图|关注公众号|分享到|"
    r".*ICP备|.*公网安备)"
)
# A footer starts at one of these when only short lines follow it.
FOOTER_START = re.compile(r"^(【打印本页】|【关闭窗口】|打印本页|扫一扫|主办[:：]|版权所有|分享到)")
PUBLISHED = re.compile(r"(?:发布日期|发布时间)[:：]\s*(\d{4})[-/年.](\d{1,2})[-/月.](\d{1,2})")
DATE_LINE = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$")
TRAIL = re.compile(r"[\s|]+$")
ORG_LINE = re.compile(r"^[\u4e00-\u9fff]{2,30}(局|分局|委员会|政府|办公室)$")


def read_source(path: str | Path) -> Source:
    """Read one report file (any supported format); ReadError with a one-line reason otherwise."""
    path = Path(path)
    text, sha256 = read_file(path)
    return parse_source(path.name, str(path), text, sha256)


def _lines(text: str) -> list[tuple[int, int, str]]:
    """(start, end, stripped text) of each non-blank line, spans trimmed of whitespace and a trailing '|'."""
    out, pos = [], 0
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        body = TRAIL.sub("", line)
        lead = len(body) - len(body.lstrip())
        body = body.strip()
        if body:
            out.append((start + lead, start + lead + len(body), body))
    return out


def parse_source(doc: str, path: str, text: str, sha256: str) -> Source:
    """Split a report's text into title, body span and publication date (all from the text itself)."""
    lines = _lines(text)
    published = None
    for _, _, s in lines:
        m = PUBLISHED.search(s)
        if m:
            published = f"{m.group(1)}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
            break
    # Footer: from the first footer marker after which only short lines remain.
    end_i = len(lines)
    for i, (_, _, s) in enumerate(lines):
        if FOOTER_START.match(s) and all(len(x[2]) <= 60 for x in lines[i:]):
            end_i = i
            break
    lines = [ln for ln in lines[:end_i] if not CHROME.match(ln[2])]
    # Trailing signature: the bureau's name and a date on their own lines.
    while lines and (DATE_LINE.match(lines[-1][2]) or ORG_LINE.match(lines[-1][2])):
        m = DATE_LINE.match(lines[-1][2])
        if m and published is None:
            published = f"{m.group(1)}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
        lines.pop()
    # Title: a short line naming a 报告 near the top, with an organisation line just before it.
    title_lines: tuple[str, ...] = ()
    body_i = 0
    for i, (_, _, s) in enumerate(lines[:8]):
        if "报告" in s and len(s) <= 80 and s[-1] not in SENTENCE_END + "，,：:":
            title = MD_HEADING.sub("", s)
            title_lines = (title,)
            if i > 0 and ORG_LINE.match(lines[i - 1][2]) and lines[i - 1][2] not in title:
                title_lines = (lines[i - 1][2], title)
            body_i = i + 1
            break
    if not lines[body_i:]:
        raise ReadError(f"{path}: no report text found after removing page chrome")
    body = (lines[body_i][0], lines[-1][1])
    return Source(doc, path, text, sha256, title_lines, body, published)


def normalize(text: str) -> str:
    """Text for the model and the keyword index: artefacts removed, page-break splits joined.

    Words broken across a page break ("任\\n\\n务") are rejoined; other line breaks become one space.
    """
    text = MD_HEADING.sub("", ARTEFACT.sub("", text))
    text = re.sub(
        r"(?<=[\u4e00-\u9fff])\s*\n\s*(?=[\u4e00-\u9fff])", lambda m: "" if _broken(m) else " ", text
    )
    return re.sub(r"\s+", " ", text).strip()


def _broken(m: re.Match) -> bool:
    """A blank-line gap after a full line that stops mid-sentence: a page break, not a paragraph."""
    before = m.string[: m.start()].rstrip()
    last_line = before.rsplit("\n", 1)[-1]
    return len(last_line) > 30 and before[-1] not in SENTENCE_END + "：:" and "\n\n" in m.group()
