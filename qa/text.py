"""Text helpers every stage shares: Chinese characters, numerals, years, sentences, comparison form.

Why one module: the reports mix Arabic, full-width and Chinese digits, and several stages need
to read a year or cut out a sentence. Each of those is done here once, so that the chunker, the
question reader and the answer extractor agree on what a year or a sentence is.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from functools import lru_cache

import jieba

CJK = re.compile(r"[\u4e00-\u9fff]")
# a year anywhere (questions, filters); not a count (快2000家, 2000多个: a measure word follows)
YEAR = re.compile(
    r"(?<!\d)((?:19|20)\d{2})(?!\d|\.\d)(?!\s*[多余]?\s*[家个件人名元万亿起户项吨辆台套座篇份条次])"
)
YEAR_NIAN = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年")  # a year written as one (2024年), in report text
CN_YEAR = re.compile(r"([〇零一二三四五六七八九]{4})年")  # 二〇二四年
CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0}
SENTENCE_END = "。！？!?；;"
SENTENCE_STOPS = SENTENCE_END + "\n"
CLAUSE_STOPS = "，,；;。！？!?：:\n"
CLAUSE_LEAD = 20  # characters of its sentence before a clause that go with it to the model
DIGIT = re.compile(r"[0-9０-９]")
SENTENCE_REACH = 160  # characters a passage may grow a side to end on whole sentences
HEADING_MAX = 40  # a line this short that ends without a stop is a heading, not a cut sentence
# A line break around a short piece of a sentence is no stop: web pages' markup (a subscript, a link, a
# bold term, a title) leaves it on a line of its own (广义货币M⏎2⏎增长11.3%, （PM⏎2.5⏎）, 《⏎信访条例⏎》).
INLINE_BREAK = re.compile(
    r"(?<=[^\n。！？!?；;：:，,、])\n(?![（(]?[一二三四五六七八九十\d]{1,3}(?:[、)）．是]|\.(?!\d)))[^\n。！？!?；;]{1,6}\n(?=[^\n])"
    r"|(?<=[《“])\n[^\n《》“”]{1,40}\n(?=[》”])"  # (not a numbered heading: 一、总体要求⏎（一）目标⏎)
)
BLANK = " \t\r\n\u3000\u200b"  # what stands between the pieces of a sentence a page break cut
# The hundred commonest Chinese surnames (about 85 % of people) and the compound ones still in use: a
# name written before its title (黄润秋部长, 李强总理) starts with one of them.
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
COMPOUND_SURNAMES = frozenset("欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 令狐 司徒 夏侯 长孙 宇文".split())
NUMBERED_HEADING = re.compile(r"[\s\u3000#]*[（(]?[一二三四五六七八九十]{1,3}[、)）]")  # 二、 （三）


def chinese_number(s: str) -> int:
    """1–99 written as 一, 十, 十二, 二十三 or in Arabic/full-width digits; 0 when it is none."""
    s = unicodedata.normalize("NFKC", s)
    if s.isdigit():
        return int(s)
    if s == "十":
        return 10
    if "十" in s:
        tens, _, ones = s.partition("十")
        return CN_DIGITS.get(tens, 1) * 10 + CN_DIGITS.get(ones, 0)
    return CN_DIGITS.get(s, 0)


def find_years(text: str) -> list[int]:
    """Years named in the text, in order and once each: 2024, ２０２４ and 二〇二四年 alike."""
    text = unicodedata.normalize("NFKC", text)
    found = [(m.start(), int(m.group(1))) for m in YEAR.finditer(text)]
    found += [
        (m.start(), int("".join(str(CN_DIGITS[c]) for c in m.group(1)))) for m in CN_YEAR.finditer(text)
    ]
    years: list[int] = []
    for _, y in sorted(found):
        if y not in years:
            years.append(y)
    return years


@lru_cache(maxsize=512)
def _stops(text: str, stops: str) -> tuple[int, ...]:
    """Offsets of every stop character in ``text``, in order, but for the line breaks around an inline
    fragment (``INLINE_BREAK``): made once per passage, as the answer step asks for the sentence or
    clause around a span thousands of times a question."""
    inline = _inline_breaks(text)
    return tuple(i for i, c in enumerate(text) if c in stops and i not in inline)


def _inline_breaks(text: str) -> set[int]:
    """Offsets of the line breaks around an inline fragment (``INLINE_BREAK``): no sentence ends there."""
    return {i for m in INLINE_BREAK.finditer(text) for i in (m.start(), m.end() - 1)}


def between_stops(text: str, start: int, end: int, stops: str) -> tuple[int, int]:
    """From after the last stop character before ``start`` to the first one at or after ``end``
    (exclusive; ``len(text)`` when there is none)."""
    at = _stops(text, stops)
    i = bisect_left(at, start)
    j = bisect_left(at, end)
    return (at[i - 1] + 1 if i else 0), (at[j] if j < len(at) else len(text))


def sentence_at(text: str, start: int, end: int | None = None) -> tuple[int, int]:
    """Offsets of the sentence holding ``text[start:end]``: from after the previous stop to the
    next one, inclusive (。！？； or a line break)."""
    a, b = between_stops(text, start, start if end is None else end, SENTENCE_STOPS)
    return a, min(b + 1, len(text))


def whole_sentences(text: str, start: int, end: int, reach: int = SENTENCE_REACH) -> tuple[int, int]:
    """``[start, end)`` widened to the whole sentences it cuts, by at most ``reach`` characters a side.

    Why: a chunk ends where a sentence ends, or where a too-long sentence fills it, and extracted
    text breaks lines inside sentences (a page break: …加强预期⏎⏎引导，…全面做好稳增长、促改革…各项工作。).
    The answer, or the words that say what it is, then sit just across the cut. A cut counts as
    inside a sentence when the text before it neither ends in a stop nor is a short line (a
    heading); a sentence that runs on past ``reach`` is left as cut."""
    lead = text[max(0, start - reach) : start]
    body = lead.rstrip(BLANK)
    if body and body[-1] not in SENTENCE_END and len(body) - (body.rfind("\n") + 1) > HEADING_MAX:
        stop = max(body.rfind(c) for c in SENTENCE_END)
        if stop >= 0:
            start -= len(lead) - stop - 1
            while start < end and text[start] in BLANK:
                start += 1
    last = text[start:end].rstrip(BLANK)
    if last and last[-1] not in SENTENCE_END and len(last) - (last.rfind("\n") + 1) > HEADING_MAX:
        stops = [i for i in (text.find(c, end, end + reach) for c in SENTENCE_END) if i >= 0]
        if stops:
            end = min(stops) + 1
    return start, end


ITEM_LEAD = re.compile(r"[*\s\u3000]*([一二三四五六七八九十]{1,2})是")  # 一是…, 二是…: an item inline
LIST_REACH = 400  # characters a passage may grow to take in the items its lead-in colon announces
HEADING_LINE = re.compile(r"\n" + NUMBERED_HEADING.pattern)  # a line a numbered heading opens (三、…)


def announced_items(text: str, start: int, end: int, reach: int = LIST_REACH) -> int:
    """``end`` moved past the first sentence of each numbered item (一是…。二是…。) that follows the
    passage's last colon, when the items run on from it; else ``end`` as given.

    Why: the chunker makes each 一是… item a section of its own, so the passage that says 主要表现在：
    holds at most the first item, and a question about the list (存在哪些不足) finds one item of three.
    The items' first sentences say what each item is; the rest of each is its detail."""
    colon = max(text.rfind("：", start, end), text.rfind(":", start, end))
    first = ITEM_LEAD.match(text, colon + 1) if colon >= 0 else None
    if first is None or first.group(1) != "一":
        return end
    # the items end where a numbered heading opens a line (三、2024年工作思路 has 一是… items of its own)
    heading = HEADING_LINE.search(text, colon, colon + reach)
    bound = heading.start() if heading else colon + reach
    last = first
    for name in "二三四五六七八九十":  # 二是 after 一是, then 三是 …, while the next one follows in reach
        at = text.find(f"{name}是", last.end(), bound)
        if at < 0:
            break
        last = ITEM_LEAD.match(text, at)
    stops = [i for i in (text.find(c, last.end(), bound) for c in SENTENCE_END) if i >= 0]
    return max(end, min(stops) + 1) if stops else end


@lru_cache(maxsize=512)
def clauses(text: str) -> tuple[tuple[int, int], ...]:
    """Clause spans of a passage (split at ，；。：and line breaks); a very short one joins the next.
    Cached by text: every finder of every question walks the same passages' clauses."""
    out: list[tuple[int, int]] = []
    pending = None
    at = _stops(text, CLAUSE_STOPS)
    for s, e in zip((-1, *at), (*at, len(text)), strict=True):
        s += 1
        if not text[s:e].strip():
            continue
        s = pending if pending is not None else s
        if e - s < 6 and e < len(text) - 1:
            pending = s
            continue
        pending = None
        out.append((s, e))
    if pending is not None:
        out.append((pending, len(text)))
    return tuple(out)


def clause_text(text: str, start: int, end: int) -> str:
    """What the model sees of the clause ``text[start:end]``: the clause with a little of its own
    sentence before it (the subject of 比上年增长8% sits in the clause before)."""
    return text[max(sentence_at(text, start, end)[0], start - CLAUSE_LEAD) : end]


def figure_clauses(text: str) -> list[str]:
    """``clause_text`` of every clause of ``text`` that prints a figure in digits.

    Why these: most questions ask for a figure, and the answer step compares the clauses that hold
    candidate figures with the question; their vectors are made once when the index is built
    (about a sixth of the chunk text, as counted on the seeds and the national reports) instead of
    at every question. Clauses without digits (names, lists, 三起) are embedded when asked."""
    return [clause_text(text, s, e) for s, e in clauses(text) if DIGIT.search(text, s, e)]


def word_bounds(text: str, base: int = 0) -> set[int]:
    """Offsets (plus ``base``) where jieba's words of ``text`` begin or end."""
    at, out = base, {base}
    for word in jieba.lcut(text):
        at += len(word)
        out.add(at)
    return out


CLAUSE_VECTORS = ("figures", "all")  # which clauses an index keeps vectors of (``Config.clause_vectors``)


def stored_clauses(text: str, which: str) -> list[str]:
    """The ``clause_text`` of the clauses whose vectors an index stores: those of ``figure_clauses``
    ("figures") or of every clause ("all"; see ``Config.clause_vectors``)."""
    if which == "figures":
        return figure_clauses(text)
    if which == "all":
        return [clause_text(text, s, e) for s, e in clauses(text)]
    raise ValueError(f"clause_vectors {which!r}: valid are {' and '.join(map(repr, CLAUSE_VECTORS))}")


def sentences(text: str, base: int = 0) -> list[tuple[int, int]]:
    """Every sentence span of ``text`` (offsets plus ``base``), each ending after its stop."""
    spans, start = [], 0
    inline = _inline_breaks(text)
    for m in re.finditer(rf"[{SENTENCE_END}]+|\n+", text):
        if m.group() == "\n" and m.start() in inline:
            continue  # 广义货币M⏎2⏎增长11.3%: one sentence, as ``sentence_at`` reads it
        spans.append((base + start, base + m.end()))
        start = m.end()
    if start < len(text):
        spans.append((base + start, base + len(text)))
    return spans


def nfkc_compact(text: str) -> str:
    """NFKC without whitespace: how evidence strings and spans are compared."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def in_heading(text: str, pos: int) -> bool:
    """Whether ``pos`` lies on a numbered heading line (二、“十三五”时期发展成就和…目标任务): a line of at
    most ``HEADING_MAX`` characters that opens with a Chinese section number and ends without a stop.
    Why: a chunk starts with its section's heading, whose words match the question's, but a heading
    names a section; it answers nothing."""
    a = text.rfind("\n", 0, pos) + 1
    b = text.find("\n", pos)
    line = text[a : b if b >= 0 else len(text)].strip()
    return len(line) <= HEADING_MAX and line[-1:] not in SENTENCE_END and bool(NUMBERED_HEADING.match(line))


def inside_quoted_term(text: str, start: int, stop: int) -> bool:
    """Whether text[start:stop] is part, not the whole, of a term in quotation marks (“三河三湖”)."""
    opening = text.rfind("“", max(0, start - 12), start + 1)
    closing = text.find("”", stop, stop + 12)
    if opening < 0 or closing < 0 or "”" in text[opening:start] or "“" in text[stop:closing]:
        return False
    return text[opening + 1 : closing] != text[start:stop]
