"""Every figure in Chinese report text, parsed: value, unit, range, qualifier, kind and what it counts.

Why a module of its own: answers and cross-report comparisons (issues #12, #15) need to know that
"超过126万亿元" is 1.26e14 元 with the qualifier "over", that "4%—4.5%" is a range, that "2024年" is a
year and "〔2023〕12号" a document number rather than counts. A closed regex list of units misses most
of what reports print (微克/立方米, 个百分点, 万千瓦, 三起, ９５９３３亿元), so the unit is read from what
follows the number: magnitude words (万/亿/万亿…), then the longest known unit (a seed list of report
units plus the measure words of jieba's dictionary), else the single character right after the number
when jieba's dictionary tags it as a measure word or numeral-unit (q/m), with compounds built from
"/" and "每". Only the unit is taken, never the noun after it: "25起违法行为" is 25 起, noun 违法行为.

Offsets always point into the text as given: full-width digits and signs (９５, ％, ．) are folded to
ASCII one character for one character (their NFKC forms), so the folded text has the original's length.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import jieba
import jieba.posseg as pseg


@dataclass(frozen=True)
class Figure:
    """One figure as printed, with its parsed meaning.

    ``value`` is normalised to the base unit (65.2256万元 → 652256, base 元); for a range it is the low
    end and ``low``/``high`` hold both ends (None otherwise). ``unit`` is printed form with magnitude
    (万元, 个百分点, 微克/立方米), ``base`` the unit without magnitude (元). For a date ``value`` is
    yyyymmdd with missing parts as 0 (2024年3月 → 20240300, 3月5日 → 305). ``noun`` is a hint, not a
    parse: the noun phrase right after a measure word (25起违法行为 → 违法行为), else the noun words that end
    the clause before the figure (查处环境违法行为25起 → 环境违法行为), else None.
    """

    start: int
    end: int
    text: str
    value: float
    unit: str
    base: str
    kind: str  # percent points money count measure year date multiple ratio plain
    low: float | None = None
    high: float | None = None
    qualifier: str | None = None  # about over under "at least" "at most"
    noun: str | None = None


# Units reports print that jieba's dictionary does not tag as measure words (q), or tags as something
# else (起 v, 项 n, 人 n); multi-character entries let "个百分点" or "万千瓦" win over 个 or 千.
SEED_UNITS = """
起 件 项 人 家 次 名 位 例 宗 份 条 场 批 台 套 户 辆 艘 架 头 只 匹 株 棵 本 册 部 篇 期 届 轮 支 队
组 所 处 座 栋 间 幢 个 种 类 门 首 幅 块 张 枚 颗 根 片 段 口 级 元 美元 欧元 港元 日元 人民币
吨 斤 公斤 千克 分钱 毛钱 块钱 角钱
克 毫克 微克 米 公里 千米 厘米 毫米 平方米 平方公里 平方千米 立方米 立方 亩 公顷 千公顷 瓦 千瓦 千瓦时
度 升 毫升 标准煤 吨标准煤 吨标煤 年 个月 天 日 小时 个小时 分钟 秒 周 个星期 季度 个季度 工作日 个工作日
自然日 个自然日 岁 周岁 周年 倍 百分点 个百分点 人次 户次 家次 件次 份次 车次 架次 班次 批次 场次
"""
UNIT_MORPHEMES = set("米克瓦升吨顷亩斤里秒时元")  # jieba q words kept: metric or money (平方公里, 千瓦时)
METRIC = set("米克瓦升吨顷亩斤里度煤伏焦帕")
TIME = {
    "年",
    "个月",
    "天",
    "日",
    "小时",
    "个小时",
    "分钟",
    "秒",
    "周",
    "个星期",
    "季度",
    "个季度",
    "工作日",
    "个工作日",
    "自然日",
    "个自然日",
}
MAGNITUDES = {"万亿": 1e12, "亿": 1e8, "千万": 1e7, "百万": 1e6, "万": 1e4, "千": 1e3, "百": 1e2}
CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
CN_SMALL = {"十": 10, "百": 100, "千": 1000}
# Qualifier words, longest first so 不超过 wins over 超过, normalised to five meanings.
PRE_QUALIFIERS = {
    "不低于": "at least",
    "不少于": "at least",
    "至少": "at least",
    "最少": "at least",
    "不超过": "at most",
    "不高于": "at most",
    "最多": "at most",
    "至多": "at most",
    "超过": "over",
    "高于": "over",
    "大于": "over",
    "多于": "over",
    "逾": "over",
    "超": "over",
    "不到": "under",
    "不足": "under",
    "低于": "under",
    "少于": "under",
    "小于": "under",
    "大约": "about",
    "约为": "about",
    "将近": "about",
    "接近": "about",
    "约": "about",
    "近": "about",
}
POST_QUALIFIERS = {
    "左右": "about",
    "上下": "about",
    "前后": "about",
    "以上": "at least",
    "以下": "at most",
    "以内": "at most",
    "之内": "at most",
    "内": "at most",
}
APPROX = {"多": "over", "余": "over"}  # 300多万人, 25余起, 两千多人
RANGE_SEPARATORS = "—–-~～至到"  # 到 only between two numbers: 提高9到23元
SPACE = " \u3000\t\xa0\u200b"
NOT_UNITS = (
    set("些丝毫许左半第几多余仟佰叁肆伍陆柒捌玖贰壹廿仨俩兆号点壬") | set(CN_DIGITS) | set("十百千万亿")
)

NUMBER = re.compile(r"\d+(?:\.\d+)?|[〇零一二两三四五六七八九十百千万亿]+")
DATE = re.compile(
    r"(?<![\d.])(?:(?P<y>(?:19|20)\d{2})\s*年\s*)?(?P<m>\d{1,2})(?:\s*[-—至]\s*(?P<m2>\d{1,2}))?\s*月份?"
    r"(?:\s*(?P<d>\d{1,2})\s*[日号])?(?:[底初末]|[上中下]旬)?(?:以前|之前|前)?"  # 6月底前: a deadline
    r"|(?<![\d.])(?P<iy>(?:19|20)\d{2})-(?P<im>\d{2})-(?P<id>\d{2})(?!\d)"
    r"|(?<![\d.])(?P<dm>\d{1,2})·(?P<dd>\d{1,2})(?![\d.])"  # 4·22 世界地球日
)
YEAR_RANGE = re.compile(r"(?<![\d.])((?:19|20)\d{2})\s*[—–\-~～至到]+\s*((?:19|20)\d{2})(?:\s*年)?(?![\d.])")
SKIPPED = re.compile(
    r"[〔\[［(（]\s*(?:19|20)\d{2}\s*[〕\]］)）]\s*(?:第\s*)?\d+\s*号"  # document number 〔2023〕12号
    r"|^[ \t\u3000]*[(（]?\d{1,2}\s*(?:[)）、]|\.(?!\d))"  # section number at line start: 1. 2、 (3)
    r"|[(（]\d{1,2}[)）]"  # list number inside a line
    r"|\d{1,2}:\d{2}(?::\d{2})?"  # clock time
    r"|第\s*[\d〇零一二两三四五六七八九十百千万]+"  # ordinal 第一, 第25条
    r"|(?<![\d.])(?:\d{1,2}|[一二十]{1,3})\s*世纪",  # a century (21世纪初): an ordinal too
    re.MULTILINE,
)
FRACTION = re.compile(
    r"(?P<den>\d+|[〇零一二两三四五六七八九十百千万]+)分之(?P<num>\d+(?:\.\d+)?|[〇零一二两三四五六七八九十百千万]+)"
    r"|(?<![\d./])(?P<num2>\d{1,2})/(?P<den2>\d{1,2})(?![\d./])"  # 1/3
)
LETTER_BEFORE = re.compile(r"[A-Za-z]-?[\s\u200b]*$")
MAGNITUDES_CHARS = set("万亿千百")
CJK = re.compile(r"[\u4e00-\u9fff]")


@lru_cache(maxsize=1)
def _lexicon() -> frozenset[str]:
    """Seed units plus jieba's measure words (q) that name a metric or money unit (平方千米, 千瓦时)."""
    tags = pseg.dt.word_tag_tab
    jieba_units = {
        w
        for w, t in tags.items()
        if t == "q"
        and 1 < len(w) <= 5
        and w[-1] in UNIT_MORPHEMES
        and w[0] in "公千平立毫微厘分兆英海吨美澳加"
    }
    return frozenset(SEED_UNITS.split()) | jieba_units


# Full-width forms (０-９, ％, ．, Ａ-Ｚ, （）) and the ideographic space, folded as NFKC folds them. Only
# this block: NFKC elsewhere would turn list markers such as ① into numbers, or change lengths (Ⅱ → II).
FOLD = str.maketrans(
    {c: unicodedata.normalize("NFKC", chr(c)) for c in range(0xFF01, 0xFF5F)} | {0x3000: " "}
)


def fold(text: str) -> str:
    """The text with full-width forms folded, character for character, so offsets stay the original's."""
    return text.translate(FOLD)


def cn_number(s: str) -> float | None:
    """Value of a Chinese numeral (十二 → 12, 两千 → 2000, 三万五千 → 35000, 二〇二四 → 2024), else None."""
    if not s:
        return None
    if all(c in CN_DIGITS for c in s):
        return float("".join(str(CN_DIGITS[c]) for c in s))
    if "亿" in s:
        head, _, tail = s.partition("亿")
        hi = cn_number(head) if head else 1.0
        lo = cn_number(tail) if tail else 0.0
        return None if hi is None or lo is None else hi * 1e8 + lo
    if "万" in s:
        head, _, tail = s.partition("万")
        hi = cn_number(head) if head else 1.0
        lo = cn_number(tail) if tail else 0.0
        return None if hi is None or lo is None else hi * 1e4 + lo
    total, digit, last_unit = 0, None, 0
    for c in s:
        if c in CN_DIGITS:
            if digit not in (None, 0):  # two digits in a row: 四五, 十四五 are not numbers
                return None
            digit = CN_DIGITS[c]
        elif c in CN_SMALL:
            unit = CN_SMALL[c]
            if last_unit and unit >= last_unit:
                return None
            total += (1 if digit is None else digit) * unit
            digit, last_unit = None, unit
        else:
            return None
    if digit:
        total += digit * (last_unit // 10 if last_unit >= 100 and s[-2] in CN_SMALL else 1)  # 两千五 = 2500
    return float(total)


def _kind(base: str) -> str:
    if base in ("%", "‰"):
        return "percent"
    if "百分点" in base:
        return "points"
    if base == "倍":
        return "multiple"
    if base.split("/")[0].endswith(("元", "人民币", "钱")):
        return "money"
    if "/" in base or base in TIME or any(c in METRIC for c in base):
        return "measure"
    return "count" if base else "plain"


def _skip_space(t: str, i: int) -> int:
    while i < len(t) and t[i] in SPACE:
        i += 1
    return i


def _unit_at(t: str, i: int, after_magnitude: bool) -> str:
    """The longest unit starting at ``i``: the lexicon first, else one character jieba calls q/m.

    After a magnitude, a one-character unit that jieba reads as the start of a noun is no unit: 13亿人民
    counts 人民, 1亿人口 is 1亿 of 人口 (25起违法行为 segments as 起 + 违法行为 anyway). Only after a
    magnitude, where the number is whole without a unit: 1100余人参训 keeps 人 though jieba reads 人参."""
    lex = _lexicon()
    unit = ""
    for k in range(min(6, len(t) - i), 0, -1):
        if t[i : i + k] in lex:
            unit = t[i : i + k]
            break
    ch = t[i : i + 1]
    if ch in ("%", "‰"):
        return ch
    if (
        not unit
        and ch
        and CJK.match(ch)
        and ch not in NOT_UNITS
        and pseg.dt.word_tag_tab.get(ch) in ("q", "m")
    ):
        unit = ch
    if after_magnitude and len(unit) == 1 and unit not in TIME and CJK.match(t[i + 1 : i + 2] or "x"):
        first = jieba.lcut(t[i : i + 6], HMM=False)[0]
        if len(first) > 1 and pseg.dt.word_tag_tab.get(first, "").startswith("n") and first not in lex:
            return ""
    return unit


def _gap(t: str, i: int) -> int:
    """Past spaces, and a line break when the next line goes on with 多/余, a magnitude or a unit (PDF
    text: "74.4\n\u200b\n万亿元")."""
    j = _skip_space(t, i)
    if t[j : j + 1] not in ("\n", "\r"):
        return j
    k = j
    while t[k : k + 1] in ("\n", "\r") and k + 1 < len(t):
        k = _skip_space(t, k + 1)
    goes_on = t[k : k + 1] in APPROX or t[k : k + 1] in MAGNITUDES_CHARS or _unit_at(t, k, False)
    return k if goes_on else j


def _tail(t: str, i: int, chinese: bool) -> tuple[int, float, str, str, str | None]:
    """After a number ending at ``i``: (end, multiplier, magnitude+unit as printed, unit, 多/余 qualifier).

    Every reading (no magnitude, or one of 万亿/亿/万/千…, each with 多/余 around it) is tried; the one
    that consumes the most text wins, a tie going to the longer unit (千瓦 is a unit, not 千 + 瓦)."""
    j = _gap(t, i)
    approx = APPROX.get(t[j : j + 1])
    if approx:
        j += 1
    readings = [(j, 1.0, "", approx)]
    for mag, mult in () if chinese else MAGNITUDES.items():
        if t.startswith(mag, j):
            k = j + len(mag)
            after = APPROX.get(t[k : k + 1])
            readings.append((k + 1 if after else k, mult, mag, approx or after))
            for outer in ("万", "亿") if after else ():  # 3千多万: some thousands of 万, not 3千 and more
                if t.startswith(outer, k + 1) and MAGNITUDES[outer] > mult:
                    readings.append((k + 2, mult * MAGNITUDES[outer], mag + outer, after))
    best = None
    for k, mult, mag, q in readings:
        unit = _unit_at(t, _skip_space(t, k) if not mag else k, bool(mag))
        end = (_skip_space(t, k) if not mag else k) + len(unit) if unit else k
        if best is None or (end, len(unit)) > (best[0], len(best[3])):
            best = (end, mult, mag, unit, q)
    end, mult, mag, unit, q = best
    if (
        unit and t[end : end + 1] in ("/", "每") and (per := _unit_at(t, end + 1, False))
    ):  # 微克/立方米, 元/吨
        end, unit = end + 1 + len(per), f"{unit}/{per}"
    if unit == "倍" and not q and (after := APPROX.get(t[end : end + 1])):
        end, q = end + 1, after  # 增长1倍多: more than doubled
    elif unit == "个" and not q and (after := APPROX.get(t[end : end + 1])):
        # 提高2个多百分点, 用了3个多月: 多 between 个 and the unit it counts
        if (inner := _unit_at(t, end + 1, False)) and f"个{inner}" in _lexicon():
            end, unit, q = end + 1 + len(inner), f"个{inner}", after
    if not unit and not mag and not q:
        end = i  # a bare number keeps no trailing spaces
    return end, mult, mag + unit, unit, q


def _number(s: str) -> tuple[float, bool] | None:
    """(value, is Chinese) of a number token, or None for a Chinese run that is no numeral."""
    if s[0].isdigit():
        return float(s), False
    value = cn_number(s)
    return None if value is None else (value, True)


TEN_COUNTED = frozenset("项个条类件家种批次")  # measure words after a bare 十 that make it a count
COMPOUND_UNITS = frozenset("斤元吨人户亩")  # units after a bare 千亿 or 万亿 that make it a figure


def _chinese_ok(s: str, t: str, end: int) -> bool:
    """A Chinese numeral counts when it has a digit, or is 十/百/千/万 with 多/余 (百余家); a run of
    bare digits (二〇二四) only as a year; a lone 一 only where jieba does not read it as part of a word."""
    if all(c in CN_DIGITS for c in s) and len(s) > 1:
        return len(s) == 4 and t[end : end + 1] == "年"
    if not any(c in CN_DIGITS for c in s):
        # 十项措施, 十个方面: ten of a measure word (not 十分, 十足: no measure word follows)
        counted = s == "十" and t[end : end + 1] in TEN_COUNTED
        # 千亿斤粮食, 万亿元: a magnitude of magnitudes before a unit is one of it (not 千万不要)
        compound = s in ("千亿", "百亿", "万亿", "千万", "百万") and t[end : end + 1] in COMPOUND_UNITS
        return counted or compound or s in ("十", "百", "千", "万") and t[end : end + 1] in APPROX
    if s == "一":  # 一批, 一项, 一度 read as "a", "once"; 一个百分点, 一倍 are figures
        word = jieba.lcut(t[end - 1 : end + 4], HMM=False)[0]
        return len(word) == 1 or pseg.dt.word_tag_tab.get(word, "m") == "m"
    return True


def _pre(t: str, s: int, floor: int) -> tuple[int, str | None, str]:
    """Words just before the figure: 每立方米 (a per-unit, 低于每立方米25微克) and a qualifier."""
    per = ""
    found = True
    while found:  # 每人每年420元 → 元/人/年
        found = False
        for k in range(min(6, s - floor), 1, -1):
            if t[s - k] == "每" and (t[s - k + 1 : s] in _lexicon() or k == 2):
                per, s, found = t[s - k + 1 : s] + ("/" + per if per else ""), s - k, True
                break
    for word, q in PRE_QUALIFIERS.items():
        if s - len(word) >= floor and t.startswith(word, s - len(word)):
            if word == "近" and t[s - 2 : s - 1] in ("最", "附", "接", "将", "临"):
                continue
            return s - len(word), q, per
    return s, None, per


def _post(t: str, end: int, base: str) -> tuple[int, str | None]:
    """A qualifier after the figure (左右, 以上, 以内); a bare 内 only after a time (3个工作日内)."""
    for word, q in POST_QUALIFIERS.items():
        if t.startswith(word, end) and (word != "内" or base in TIME):
            return end + len(word), q
    return end, None


def _tags(text: str) -> list[tuple[str, str]]:
    tags = pseg.dt.word_tag_tab
    return [(w, tags.get(w, "n" if CJK.match(w) else "x")) for w in jieba.lcut(text, HMM=False)]


def _nounish(tag: str) -> bool:
    return tag.startswith(("n", "l", "j", "b", "vn", "an"))


def _noun(t: str, start: int, end: int, kind: str, floor: int) -> str | None:
    """What the figure counts, as a hint: the nouns right after a measure word (25起违法行为 → 违法行为),
    else the nouns ending the clause before the figure, its last verbs and particles stepped over
    (查处环境违法行为25起 → 环境违法行为). Stops at the first word that is not noun-like."""
    if kind in ("count", "measure", "money"):
        after = re.match(r"[\u4e00-\u9fff]{1,10}", t[end : end + 10])
        if after:
            run = []
            for w, tag in _tags(after.group()):
                if not _nounish(tag):
                    break
                run.append(w)
            if run:
                return "".join(run)
    before = re.search(r"[\u4e00-\u9fff]{1,16}$", t[max(floor, start - 16) : start])
    if not before:
        return None
    words = _tags(before.group())
    while words and not words[-1][1].startswith(("n", "l", "j", "vn")):
        words.pop()
    run = []
    while words and _nounish(words[-1][1]):
        run.append(words.pop()[0])
    return "".join(reversed(run)) or None


def _letters_around(t: str, s: int, e: int) -> bool:
    """PM2.5, C919, 5G, COVID-19: a number glued to Latin letters is part of a name (also across the
    line breaks of PDF text: "PM\n2.5\n")."""
    return bool(LETTER_BEFORE.search(t, max(0, s - 4), s) or re.match(r"[A-Za-z]", t[e : e + 1]))


def _range(t: str, end: int, chinese: bool) -> tuple[re.Match, float, tuple] | None:
    """The second half of a range after a figure's tail (4%—4.5%, 3-3.5%, 三至五年), if there is one."""
    j = _skip_space(t, end)
    if t[j : j + 1] not in RANGE_SEPARATORS or not (m := NUMBER.match(t, _skip_space(t, j + 1))):
        return None
    parsed = _number(m.group())
    if parsed is None or parsed[1] != chinese or _letters_around(t, m.start(), m.end()):
        return None
    return m, parsed[0], _tail(t, m.end(), chinese)


def _mixed(t: str, end: int, mult: float, value: float) -> tuple | None:
    """The rest of a figure written in digits and magnitudes by turns (2万5千公里: 2万 then 5千公里), as
    (end, 1.0, unit, base, 多/余, whole value), or None when no smaller magnitude follows ``end``."""
    m = re.compile(r"\d{1,4}(?![\d.])").match(t, end)
    if not m:
        return None
    end2, mult2, unit2, base2, approx2 = _tail(t, m.end(), False)
    if mult2 == 1 and unit2[:1] in MAGNITUDES and unit2[1:] in _lexicon():  # 5千公里 is 5 千 of 公里 here
        mult2, base2 = MAGNITUDES[unit2[:1]], unit2[1:]
    if not 1 < mult2 < mult or int(m.group()) * mult2 >= mult:
        return None
    return end2, 1.0, base2, base2, approx2, value * mult + int(m.group()) * mult2


class _Spans:
    """Sorted, non-overlapping spans already explained (document numbers, ordinals, dates)."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def add(self, s: int, e: int) -> bool:
        i = bisect.bisect_right(self.starts, s)
        if (i and self.ends[i - 1] > s) or (i < len(self.starts) and self.starts[i] < e):
            return False
        self.starts.insert(i, s)
        self.ends.insert(i, e)
        return True

    def covering(self, s: int) -> int | None:
        """The end of the span holding ``s``, or None."""
        i = bisect.bisect_right(self.starts, s)
        return self.ends[i - 1] if i and self.ends[i - 1] > s else None


def _fixed(t: str, text: str, spans: _Spans) -> list[Figure]:
    """Figures with a fixed shape, found before the free scan: year ranges, dates, fractions; document
    numbers, ordinals, section and list numbers and clock times are only marked as taken."""
    out = []
    for m in SKIPPED.finditer(t):
        spans.add(*m.span())
    for m in YEAR_RANGE.finditer(t):
        lo, hi = float(m.group(1)), float(m.group(2))
        if lo < hi and spans.add(*m.span()):
            out.append(Figure(m.start(), m.end(), text[m.start() : m.end()], lo, "年", "年", "year", lo, hi))
    for m in DATE.finditer(t):
        if m.group("iy"):
            y, mo, d = int(m.group("iy")), int(m.group("im")), int(m.group("id"))
        elif m.group("dm"):
            y, mo, d = 0, int(m.group("dm")), int(m.group("dd"))
        else:
            y, mo, d = int(m.group("y") or 0), int(m.group("m")), int(m.group("d") or 0)
        if not (1 <= mo <= 12 and d <= 31) or not spans.add(*m.span()):
            continue
        value = float(y * 10000 + mo * 100 + d)
        low, high = (value, float(y * 10000 + int(m.group("m2")) * 100)) if m.group("m2") else (None, None)
        out.append(Figure(m.start(), m.end(), text[m.start() : m.end()], value, "", "", "date", low, high))
    for m in FRACTION.finditer(t):
        den_num = m.group("den", "num") if m.group("den") else m.group("den2", "num2")
        parts = [_number(g) for g in den_num]
        pct = den_num[0] == "百"  # 百分之三十 is 30 %
        if None in parts or not 0 < parts[1][0] <= (1e9 if pct else parts[0][0]):
            continue
        end, qual = _post(t, m.end(), "")
        if not spans.add(m.start(), end):
            continue
        value = parts[1][0] if pct else parts[1][0] / parts[0][0]
        unit = "%" if pct else ""
        out.append(
            Figure(
                m.start(),
                end,
                text[m.start() : end],
                value,
                unit,
                unit,
                "percent" if pct else "ratio",
                qualifier=qual,
            )
        )
    return out


@lru_cache(maxsize=4096)
def find_figures(text: str) -> tuple[Figure, ...]:
    """Every figure in ``text`` in order of position, with exact offsets into ``text``.

    Cached by text (a tuple, so no caller can change what the next one gets): the same passages come
    back for the shortlist and the final choice of one question, and for every asker of a report;
    parsing them was a sixth of a served question's time.

    >>> figures = find_figures("国内生产总值超过126万亿元，增长5.2%左右")
    >>> [(f.text, f.value, f.unit, f.qualifier) for f in figures]
    [('超过126万亿元', 126000000000000.0, '万亿元', 'over'), ('5.2%左右', 5.2, '%', 'about')]
    """
    t = fold(text)
    spans = _Spans()
    out = _fixed(t, text, spans)
    pos = 0
    for m in NUMBER.finditer(t):
        s, e = m.span()
        if s < pos:
            continue
        if (covered := spans.covering(s)) is not None:
            pos = covered
            continue
        parsed = _number(m.group())
        if parsed is None:
            continue
        value, chinese = parsed
        if (chinese and not _chinese_ok(m.group(), t, e)) or (not chinese and _letters_around(t, s, e)):
            continue
        end, mult, unit, base, approx = _tail(t, e, chinese)
        if not chinese and unit in MAGNITUDES and not approx:  # 2万5千公里, 1万6千多户: one figure
            end, mult, unit, base, approx, value = _mixed(t, end, mult, value) or (
                end,
                mult,
                unit,
                base,
                approx,
                value,
            )
        low = high = None
        # a minus sign of its own (降幅-17.3%), not a hyphen between digits or after a name (COVID-19)
        negative = (
            not chinese
            and s > pos
            and t[s - 1 : s] in ("-", "−")
            and not re.match(r"[\dA-Za-z.\-]", t[s - 2 : s - 1] or " ")
        )
        if negative:
            value, s = -value, s - 1
        if (rng := _range(t, end, chinese)) is not None:
            m2, value2, (end2, mult2, unit2, base2, approx2) = rng
            lo, hi = value * (mult if unit else mult2), value2 * mult2
            if base2 and (not base or base == base2) and lo < hi and spans.covering(m2.start()) is None:
                value, low, high, mult = lo, lo, hi, 1.0
                end, unit, base, approx = end2, unit2, base2, approx or approx2
        if (
            (chinese and not base)
            or base == "届"
            or (m.group() == "一" and (_kind(base) == "count" or base in TIME))
        ):
            # 十四五, 三农: a Chinese numeral needs a unit; 十九届 is the Nth session, an ordinal;
            # 一个, 一次, 一年 are "a", "once", "a/the year" far more often than the figure 1
            continue
        value = float(f"{value * mult:.12g}")  # 4.1亿 is 410000000, not 409999999.99999994
        kind = _kind(base) if base or not unit else "count"  # 510万沼气用户: a magnitude alone counts
        start, qual, per = s, None, ""
        if base == "年" and len(m.group()) == 4 and 1000 <= value <= 2100:
            kind = "year"
        else:
            start, qual, per = _pre(t, s, pos)
            if per:
                unit, base = f"{unit}/{per}", f"{base}/{per}"
                kind = _kind(base)
            end, post = _post(t, end, base)
            qual = qual or post or approx
            if t[start : start + 1] == "近" and qual == "about" and base in TIME:
                start, qual = start + 1, post or approx  # 近3年: the last three years, not "about"
        if end <= s:
            continue
        noun = None if kind in ("year", "date") else _noun(t, start, end, kind, pos)
        out.append(Figure(start, end, text[start:end], value, unit, base, kind, low, high, qual, noun))
        spans.add(start, end)
        pos = end
    return tuple(sorted(out, key=lambda f: f.start))
