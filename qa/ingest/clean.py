"""Read a report and find where its body is, without rewriting a single character.

Why offsets and not a cleaned copy: every citation must be checkable against the source file,
so the pipeline keeps the file's text as read and works with (start, end) spans into it.

Why the body is found by weight and not by position: reports arrive in many wrappers — a web
page saved as text (site name, breadcrumb, "发布日期：…", share buttons, footer), an archiving
tool's header of ``key: value`` lines followed by the whole body on one long line, a PDF with a
running header and "- 3 -" on every page, or a plain file with a title and a signature. What
they share is that the report itself is the longest stretch of long, sentence-like lines, while
the wrapper is short, link-like, ``key: value`` or repeated lines. So each line gets a weight
(prose counts by its length, wrapper lines cost), the body is the heaviest run of lines
(maximum-sum subarray), widened over the short lines that belong to it (headings, a closing
"特此报告。"), then the title above it and the signature below it are cut off. Nothing the
wrapper says is lost: the header's fields, the title, the issuer and the dates become fields of
``Source`` with the offsets of their words (``Source.facts``), so an answer can cite them.

Word/PDF artefacts inside the body are blanked in a same-length "shadow" for heading detection
and removed only from the text that gets embedded or tokenised (``normalize``).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ..text import CN_DIGITS, SENTENCE_END, chinese_number
from ..types import Fact, Source
from .read import ReadError, read_file

# Artefacts of Word/PDF conversion, blanked for structure and removed for embedding.
ARTEFACT = re.compile(r"\[bookmark:[^\]]*\]|\*\*")
MD_HEADING = re.compile(r"^#{1,6}\s+", re.M)  # Word/HTML headings as the readers write them
SENTENCE = re.compile(f"[{SENTENCE_END}]")
CLAUSE = re.compile(f"[{SENTENCE_END}，,]")

# ---- what wrapper lines look like ---------------------------------------------------------------
# Lines of the web page around a report: navigation, print/close/share buttons, footers. Words
# that also start report sentences (来源, 主办, 关闭 …) count only with a colon or as a whole line.
CHROME = re.compile(
    r"^[【\[]?\s*(?:当前位置|您的位置|您现在的位置|信息来源|发布日期|发布时间|浏览次数|访问次数|阅读次数|点击数|"
    r"点击量|字号|字体|打印本页|关闭窗口|扫一扫|分享到|返回顶部|上一篇|下一篇|相关链接|相关文章|相关阅读|推荐阅读|"
    r"版权所有|网站标识码|联系我们|网站地图|关注公众号|Copyright|©"
    r"|(?:来源|主办|承办|协办|主办单位|承办单位|技术支持|责任编辑|编辑|审核)\s*[:：])"
    r"|ICP备|公网安备",
    re.I,
)
# A line made only of share targets and buttons: "分享到 微信 微博", "【打印】【关闭】".
SHARE = re.compile(
    r"^(?:[\s【】\[\]|｜:：]|分享到?|微信|微博|QQ空间|QQ|朋友圈|新浪微博|腾讯微博|豆瓣|打印|关闭|收藏|[大中小])+$"
)
# A row of short menu entries: "网站首页 机构概况 政务公开 办事服务 互动交流".
NAV = re.compile(r"^[\u4e00-\u9fff]{2,6}(?:[\s|｜·]+[\u4e00-\u9fff]{2,6}){3,}$")
# A licence notice (saved from a wiki or an archive): the sentence that holds it is wrapper.
LICENCE = re.compile(r"公有领域|Public domain|Creative Commons|知识共享|CC BY|许可协议|版权声明", re.I)
# A breadcrumb: 首页 > 政务公开 > …
CRUMB_SEP = re.compile(r"\s*[>»›→]\s*")
CRUMB_START = re.compile(r"^(首页|网站首页|主页|Home)\b", re.I)
# Footer words that may be glued onto the end of a one-line body.
GLUED_FOOTER = re.compile(
    r"分享到|打印本页|关闭窗口|【打印|【关闭|【字体|字体[:：]|字号[:：]|主办单位|承办单位|主办[:：]|版权所有|"
    r"Copyright|©|ICP备|公网安备|网站标识码|上一篇|下一篇|责任编辑|扫一扫|返回顶部",
    re.I,
)
# Page furniture of PDFs: "- 3 -", "— 3 —", "第 3 页", "第3页 共12页", "3/12", "Page 3 of 12".
PAGE_NO = re.compile(
    r"^(?:[-－—–]+\s*\d{1,4}\s*[-－—–]+|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4}|page\s*\d{1,4}(?:\s*of\s*\d{1,4})?)$",
    re.I,
)
BARE_NUMBER = re.compile(r"^\d{1,4}$")
TIME_AT = re.compile(r"\s*\d{1,2}:\d{2}(?::\d{2})?")  # the time after a date
TIME = re.compile(TIME_AT.pattern + "$")

# ---- the wrapper's fields ----------------------------------------------------------------------
# key: value — a short key (Chinese or English) before a full- or half-width colon.
KEY_VALUE = re.compile(
    r"^(?P<k>[\u4e00-\u9fff]{2,8}|[A-Za-z][A-Za-z ._-]{0,24})\s*[:：]\s*(?P<v>[\w《〔\[（(].*)$"
)
# Keys that may share one line ("发布时间：2021-02-18  来源：市生态环境局  字号：大 中 小").
INLINE_KEYS = (
    "标题|题名|发布时间|发布日期|成文日期|印发日期|公开日期|文号|发文字号|索引号|发布机构|发文机关|发文单位|"
    "发布单位|信息来源|来源|栏目|主题分类|分类|原文链接|原文地址|作者|浏览次数|访问次数|点击数|字号"
)
INLINE_KEY = re.compile(rf"(?:^|(?<=[\s【\[|｜]))({INLINE_KEYS})\s*[:：]")
FIELD_KEYS = {  # field → header keys that state it, most specific first (English keys lower-cased)
    "title": ("标题", "题名", "文章标题", "名称", "title"),
    "published": (
        "发布时间",
        "发布日期",
        "公开日期",
        "发表时间",
        "published",
        "publish date",
        "date",
        "日期",
    ),
    "signed": ("成文日期", "印发日期", "发文日期", "signed"),
    "docnum": ("文号", "发文字号", "发文文号", "document number", "doc no"),
    "issuer": (
        "发布机构",
        "发文机关",
        "发文单位",
        "发布单位",
        "发布部门",
        "publisher",
        "issuer",
        "信息来源",
        "来源",
        "source",
    ),
}
DATE = re.compile(
    r"(?P<y>(?:19|20)\d{2})\s*[-/年.]\s*(?P<m>\d{1,2})\s*[-/月.]\s*(?P<d>\d{1,2})(?:\s*日)?"
    r"|(?P<cy>[〇零一二三四五六七八九]{4})年(?P<cm>[一二三四五六七八九十]{1,2})月(?P<cd>[一二三四五六七八九十]{1,3})日"
)
# Organisations that issue reports, as a signature or a line above the title names them.
ORG = r"[\u4e00-\u9fff（）()]{2,40}?(?:局|分局|委员会|政府|办公室|办|厅|委|部|院|中心|党组|管委会)"
ORG_LINE = re.compile(rf"^{ORG}$")
# A signature: the issuing body and/or the date, on one line or at the end of the last line.
SIGNATURE = re.compile(rf"(?P<org>{ORG})?\s*[（(]?(?P<date>{DATE.pattern})[）)]?$|(?P<org2>{ORG})$")
DOC_KIND = re.compile(r"报告|通知|意见|方案|规划|决定|办法|条例|规定|纲要|公告|通报|总结|计划|讲话|白皮书")
DOCNUM_LINE = re.compile(r"^[\u4e00-\u9fff]{1,12}[〔\[［(（]\d{4}[〕\]］)）]\s*\d{1,4}\s*号$")

# Line weights for finding the body: prose counts its length; a wrapper line costs as much as a
# long paragraph (a run crosses it only between big stretches of prose); page furniture is free.
HARD, WEAK, SHORT = -150.0, -40.0, -3.0
HEADING_START = re.compile(r"^[（(]?[一二三四五六七八九十\d]{1,3}[、.．)）]")
URL_KEYS = ("原文链接", "原文地址", "链接", "网址", "url", "link", "source url", "saved from")
PROSE_MIN = 15  # a line this long (a PDF's wrapped line, a paragraph) counts as prose


@dataclass(frozen=True)
class Line:
    start: int
    end: int
    s: str  # stripped text


def read_source(path: str | Path) -> Source:
    """Read one report file (any supported format); ReadError with a one-line reason otherwise."""
    path = Path(path)
    text, sha256 = read_file(path)
    return parse_source(path.name, str(path), text, sha256)


def _lines(text: str) -> list[Line]:
    """Each non-blank line, its span trimmed of whitespace and a trailing '|'."""
    out, pos = [], 0
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        body = line.rstrip()
        while body.endswith("|"):
            body = body[:-1].rstrip()
        lead = len(body) - len(body.lstrip())
        body = body.lstrip()
        if body:
            out.append(Line(start + lead, start + lead + len(body), body))
    return out


def iso_date(s: str) -> str | None:
    """The first date in ``s`` as YYYY-MM-DD (2025-01-20, 2025/1/20, 2025年1月20日, 二〇二五年一月二十日)."""
    m = DATE.search(s)
    if not m:
        return None
    if m.group("y"):
        y, mo, d = int(m.group("y")), int(m.group("m")), int(m.group("d"))
    else:
        y = int("".join(str(CN_DIGITS[c]) for c in m.group("cy")))
        mo, d = chinese_number(m.group("cm")), chinese_number(m.group("cd"))
    return f"{y:04d}-{mo:02d}-{d:02d}" if 1 <= mo <= 12 and 1 <= d <= 31 else None


def _key_values(line: Line) -> list[tuple[str, str, int, int]]:
    """(key, value, value start, value end) of a header line; several when known keys share it."""
    if len(line.s) > 300 or not any(c in line.s[:40] for c in ":："):
        return []  # a key comes first and a header line is short: most lines are neither
    keys = list(INLINE_KEY.finditer(line.s))
    lead = line.s[: keys[0].start()].strip(" 【[|｜") if keys else ""
    if keys and (not lead or DATE.fullmatch(TIME.sub("", lead))):
        # "2024-03-01 09:00 来源：…": a page's date line may put the date before any key
        out = [("date", lead, line.start, line.start + len(lead))] if lead else []
        for n, m in enumerate(keys):
            stop = keys[n + 1].start() if n + 1 < len(keys) else len(line.s)
            value = line.s[m.end() : stop].strip()
            if value:
                v0 = line.s.index(value, m.end())
                out.append((m.group(1), value, line.start + v0, line.start + v0 + len(value)))
        return out
    m = KEY_VALUE.match(line.s)
    if not m or any(c in m.group("v") for c in "。；;") or len(m.group("v")) > 200:
        return []
    return [(m.group("k").strip(), m.group("v"), line.start + m.start("v"), line.start + m.end("v"))]


def _is_crumb(s: str) -> bool:
    parts = CRUMB_SEP.split(s)
    return (len(parts) >= 3 or (len(parts) == 2 and bool(CRUMB_START.match(s)))) and all(
        len(p) <= 30 and not any(c in p for c in SENTENCE_END + "，,") for p in parts
    )


def _page_furniture(lines: list[Line]) -> set[int]:
    """Indices of page numbers and of the running headers next to them (PDF text)."""
    pages = {i for i, ln in enumerate(lines) if PAGE_NO.match(ln.s)}
    bare = [i for i, ln in enumerate(lines) if BARE_NUMBER.match(ln.s)]
    numbers = [int(lines[i].s) for i in bare]
    if len(bare) >= 2 and all(b == a + 1 for a, b in zip(numbers[:-1], numbers[1:], strict=True)):
        pages.update(bare)  # bare numbers counting up one by one: page numbers
    if not pages:
        return pages
    counts = Counter(ln.s for ln in lines if len(ln.s) <= 40 and not SENTENCE.search(ln.s))
    near = {j for i in pages for j in range(i - 2, i + 3)}
    running = {i for i, ln in enumerate(lines) if i in near and counts.get(ln.s, 0) >= 3}
    return pages | running


def _kinds(lines: list[Line], furniture: set[int]) -> list[str]:
    """What each line is: page furniture, wrapper (chrome, share, breadcrumb, known header field,
    licence), a weaker wrapper sign (unknown key: value, menu row), prose, or a short line."""
    kinds = []
    for i, ln in enumerate(lines):
        s = ln.s
        sentence = SENTENCE.search(s) is not None
        page_like = len(s) <= 80 or not sentence
        kv = _key_values(ln)
        if i in furniture:
            kinds.append("page")
        elif page_like and (CHROME.search(s) or SHARE.match(s) or _is_crumb(s) or LICENCE.search(s)):
            kinds.append("wrapper")
        elif kv and any(_field(k) for k, *_ in kv):
            kinds.append("wrapper")
        elif kv or NAV.match(s):
            kinds.append("weak")
        elif len(s) >= PROSE_MIN or sentence:
            kinds.append("prose")
        else:
            kinds.append("short")
    # A licence notice is wrapper from the start of its sentence: the fragments before it too.
    for i, ln in enumerate(lines):
        if kinds[i] == "wrapper" and LICENCE.search(ln.s):
            j = i - 1
            while j >= 0 and kinds[j] in ("prose", "short") and len(lines[j].s) <= 80:
                if lines[j].s[-1] in SENTENCE_END + "”":
                    break
                kinds[j] = "wrapper"
                j -= 1
    return kinds


def _field(key: str) -> str | None:
    """The Source field a header key states, or "other" for a known page field; None if unknown."""
    key = key.lower()
    name = next((n for n, keys in FIELD_KEYS.items() if key in keys), None)
    return name or ("other" if re.fullmatch(INLINE_KEYS, key) or key in URL_KEYS else None)


def _heaviest_run(weights: list[float]) -> tuple[int, int]:
    """[a, b) with the largest sum of weights (Kadane): the report's core."""
    best, best_ab = float("-inf"), (0, 0)
    run, a = 0.0, 0
    for i, w in enumerate(weights):
        if run <= 0:
            run, a = 0.0, i
        run += w
        if run > best:
            best, best_ab = run, (a, i + 1)
    return best_ab


def _title_like(s: str) -> bool:
    return (
        len(s) <= 80
        and s[-1] not in SENTENCE_END + "，,：:"
        and bool(DOC_KIND.search(s))
        and not HEADING_START.match(s)
    )


def parse_source(doc: str, path: str, text: str, sha256: str) -> Source:
    """Find a report's body span, title, header fields, signature and publication date, all read
    from the text itself; ReadError when no report text is left once the wrapper is set aside."""
    lines = _lines(text)
    kinds = _kinds(lines, _page_furniture(lines))
    weight = {"page": 0.0, "wrapper": HARD, "weak": WEAK, "short": SHORT}
    a, b = _heaviest_run([weight.get(k, float(len(ln.s))) for k, ln in zip(kinds, lines, strict=True)])
    if "prose" not in kinds:  # a note of a few short lines: all that is not wrapper
        kept = [i for i, k in enumerate(kinds) if k in ("short", "weak")]
        a, b = (kept[0], kept[-1] + 1) if kept else (0, 0)
    # the core starts at a sentence: a title or a heading above it is not yet the body
    a = next((i for i in range(a, b) if kinds[i] == "prose" and CLAUSE.search(lines[i].s)), a)
    while b > a and kinds[b - 1] == "page":
        b -= 1
    if b <= a:
        raise ReadError(f"{path}: no report text found after removing page chrome")
    core = a
    # Widen over the lines that belong to the body: anything above up to the wrapper (the title
    # is cut off below), and below only lines that end a sentence or sign the report.
    while a > 0 and kinds[a - 1] in ("prose", "short"):
        a -= 1
    while b < len(lines) and (
        kinds[b] in ("prose", "short", "weak")
        and (lines[b].s[-1] in SENTENCE_END or SIGNATURE.fullmatch(lines[b].s))
        or kinds[b] == "page"  # a page number between the last page's text and the signature
        and b + 1 < len(lines)
        and SIGNATURE.fullmatch(lines[b + 1].s)
    ):
        b += 1
    facts: list[Fact] = []
    header = [
        kv for i, ln in enumerate(lines) if not a <= i < b and kinds[i] != "prose" for kv in _key_values(ln)
    ]
    glued = _glued_head(lines[core])  # "发布时间：… 来源：… 2023年，我局…" on the body's own line
    header += glued
    _header_facts(header, facts)
    a, title_lines = _title(lines, kinds, a, core, facts)
    body_start, body_end = lines[a].start, _signature(lines, kinds, a, b, facts)
    if glued and a == core:
        body_start = glued[-1][3]
        body_start += len(text[body_start:body_end]) - len(text[body_start:body_end].lstrip())
    title = next((f for f in facts if f.name == "title"), None)
    if title and title.start < body_start and lines[a].s.startswith(title.value):
        body_start += len(title.value)  # the body's first line opens with the title
        body_start += len(text[body_start:body_end]) - len(text[body_start:body_end].lstrip())
    gaps = tuple(
        (ln.start, ln.end)
        for ln, k in zip(lines[a:b], kinds[a:b], strict=True)
        if k in ("page", "wrapper") and body_start < ln.start and ln.end < body_end
    )
    facts.sort(key=lambda f: f.start)

    def first(name: str) -> str | None:
        return next((f.value for f in facts if f.name == name), None)

    return Source(
        doc,
        path,
        text,
        sha256,
        title_lines,
        (body_start, body_end),
        first("published"),
        signed=first("signed"),
        issuer=first("issuer"),
        docnum=first("docnum"),
        header=tuple((k, v) for k, v, _, _ in header),
        facts=tuple(facts),
        gaps=gaps,
    )


def _header_facts(header: list[tuple[str, str, int, int]], facts: list[Fact]) -> None:
    """The facts the wrapper's known keys state, the most specific key of each first."""
    for name, keys in FIELD_KEYS.items():
        for key in keys:
            fact = next((_header_fact(name, v, s) for k, v, s, _ in header if k.lower() == key), None)
            if fact:
                facts.append(fact)
                break


def _glued_head(line: Line) -> list[tuple[str, str, int, int]]:
    """Known header fields glued before the body on its own line: each value runs to the next
    key; the last one is a date (and time) or runs to the first space, where the body begins."""
    keys = []
    for m in INLINE_KEY.finditer(line.s[:300]):
        if m.start() > (keys[-1].end() + 120 if keys else 1):
            break
        keys.append(m)
    out = []
    for n, m in enumerate(keys):
        if n + 1 < len(keys):
            value = line.s[m.end() : keys[n + 1].start()].strip()
        else:  # the last field ends where the body begins
            at = len(line.s) - len(line.s[m.end() :].lstrip())
            d = DATE.match(line.s, at)
            t = TIME_AT.match(line.s, d.end()) if d else None
            value = line.s[at : (t or d).end()] if d else (line.s[at:].split() or [""])[0]
            if len(value) > 40:
                break  # no clear end: leave it in the body
        if value:
            v0 = line.s.index(value, m.end())
            out.append((m.group(1), value, line.start + v0, line.start + v0 + len(value)))
    return out


def _header_fact(name: str, value: str, start: int) -> Fact | None:
    """The fact a header value states: a date for the date fields, a name with Chinese in it for
    the issuer (a 'Source: https://…' line names a page, not a body), the words otherwise."""
    if name in ("published", "signed"):
        m = DATE.search(value)
        date = iso_date(m.group()) if m else None
        return Fact(name, date, start + m.start(), start + m.end()) if m and date else None
    if name == "issuer" and ("://" in value or not re.search(r"[\u4e00-\u9fff]", value)):
        return None
    return Fact(name, value, start, start + len(value))


def _title(
    lines: list[Line], kinds: list[str], a: int, core: int, facts: list[Fact]
) -> tuple[int, tuple[str, ...]]:
    """The title above the body's first prose line (a short line naming a 报告/通知/…, with an
    organisation line just before it), and the body's first line once the title block is cut off."""
    top = [i for i in range(core) if kinds[i] in ("prose", "short")][:8]
    t = next((i for i in top if _title_like(MD_HEADING.sub("", lines[i].s))), None)
    have_title = any(f.name == "title" for f in facts)
    if t is None:
        return a, ((next(f.value for f in facts if f.name == "title"),) if have_title else ())
    ln = lines[t]
    title = MD_HEADING.sub("", ln.s)
    title_lines: tuple[str, ...] = (title,)
    if t > 0 and kinds[t - 1] == "short" and ORG_LINE.match(lines[t - 1].s) and lines[t - 1].s not in title:
        org = lines[t - 1]
        title_lines = (org.s, title)
        facts.append(Fact("issuer", org.s, org.start, org.end))
    if not have_title:
        facts.append(Fact("title", title, ln.end - len(title), ln.end))
    if t >= a:
        a = t + 1
        # a document number or a dated subtitle right under the title belongs to the title block
        while a < core and (DOCNUM_LINE.match(lines[a].s) or _dated_subtitle(lines[a].s)):
            _subtitle_facts(lines[a], facts)
            a += 1
    return a, title_lines


def _dated_subtitle(s: str) -> bool:
    """'——2017年3月5日在第十二届全国人民代表大会第五次会议上': the occasion and date under a title."""
    return s.startswith(("——", "—", "--")) and len(s) <= 60 and iso_date(s) is not None


def _subtitle_facts(ln: Line, facts: list[Fact]) -> None:
    if DOCNUM_LINE.match(ln.s) and not any(f.name == "docnum" for f in facts):
        facts.append(Fact("docnum", ln.s, ln.start, ln.end))
    m = DATE.search(ln.s)
    if m and not any(f.name == "published" for f in facts):
        facts.append(Fact("published", iso_date(m.group()) or "", ln.start + m.start(), ln.start + m.end()))


def _signature(lines: list[Line], kinds: list[str], a: int, b: int, facts: list[Fact]) -> int:
    """Cut the signature block (issuing body, date) off the body's end and return where the body
    ends; its words become facts. It is lines of its own, or the tail of a one-line body after
    its last sentence."""
    end, found, i = lines[b - 1].end, [], b - 1
    while i > a and (kinds[i] == "page" or (m := SIGNATURE.fullmatch(lines[i].s))):
        if kinds[i] != "page":
            found += _sign_facts(m, lines[i].start)
        end = lines[i - 1].end
        i -= 1
    if not found:  # the tail of the last line: its last sentence, a signature, a glued footer
        ln = lines[b - 1]
        stop = _glued_footer(ln.s)
        cut = max(ln.s.rfind(c, 0, stop) for c in SENTENCE_END) + 1
        tail = ln.s[cut:stop]
        m = SIGNATURE.search(tail.rstrip()) if cut > 0 and 0 < len(tail.strip()) <= 60 else None
        if m and not tail[: m.start()].strip():
            found += _sign_facts(m, ln.start + cut)
            end = ln.start + cut
        elif stop < len(ln.s):
            end = ln.start + len(ln.s[:stop].rstrip())
    facts += found
    return end


def _glued_footer(s: str) -> int:
    """Where a page footer glued onto the body's last line begins ("…氛围。 分享到： 微信 … 版权所有
    …ICP备…"): the first footer word that follows the last sentence closely; len(s) if none."""
    for m in GLUED_FOOTER.finditer(s, max(0, len(s) - 600)):
        last = max(s.rfind(c, 0, m.start()) for c in SENTENCE_END)
        if last >= 0 and m.start() - last <= 60:
            return m.start()
    return len(s)


def _sign_facts(m: re.Match, base: int) -> list[Fact]:
    out = [
        Fact("issuer", m.group(g), base + m.start(g), base + m.end(g)) for g in ("org", "org2") if m.group(g)
    ]
    if m.group("date") and iso_date(m.group("date")):
        out.append(
            Fact("signed", iso_date(m.group("date")) or "", base + m.start("date"), base + m.end("date"))
        )
    return out


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
