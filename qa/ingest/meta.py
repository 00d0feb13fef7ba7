"""Report metadata read from the report's own text: issuer, place, level, years, title.

Why from the text: new reports come from other bureaus, provinces, levels and years, so nothing
here may be a list of known files. The place is the one that issued the report, found in the
title, the issuing body and the first lines with the national gazetteer (``places``), so it
comes with its level, its parents (湟中区 → 青海省, 西宁市) and the names people use for it
(湟中, Huangzhong). A text that does not read as a report of some body (a Wikipedia paragraph,
a law) gets no place and no year, so that questions are never scoped by accident. The years a
report covers are its title's year and the years its own headings name next to it (a 2024
government work report reviews 2023: "一、2023年工作回顾").
"""

from __future__ import annotations

import re
from collections import Counter

import jieba

from ..text import SENTENCE_END, YEAR_NIAN
from ..types import Meta, Source
from . import places

jieba.setLogLevel(60)

BUREAU_CORE = re.compile(r"(生态环境局|环境保护局|环保局)([\u4e00-\u9fff]{2,6}?分局)?")
UNIT_SUFFIX = "省市区县州旗盟"
UNIT = re.compile(r"[\u4e00-\u9fff]{2,}?(?:自治区|自治州|自治县|地区|[省市区县州旗盟])|[\u4e00-\u9fff]县")
# Words that can sit right before a bureau name but are never part of a place name.
NOT_PLACE = set(
    "关于 对 和 与 及 的 是 在 向 由 为 将 把 被 了 我 各 全 本 该 原 新 省级 市级 县级 区级".split()
)
SUFFIX_EN = {"区": "district", "县": "county", "市": "city", "旗": "banner", "州": "prefecture"}
# A title or issuer naming one of these reads as a document some body issued (not an encyclopedia
# entry or a story that merely mentions a place).
ISSUED = re.compile(
    r"报告|公报|要点|规划|纲要|方案|计划|总结|通知|意见|决定|办法|白皮书|年鉴|"
    r"人民政府|国务院|委员会|办公室|厅|局|政府"
)
# An organ ending in 局 (市场监督管理局, 生态环境局泰顺分局) where a title names its issuer: followed by
# the subject (关于, a year, 法治…, 工作…) or nothing; 开局, 格局, 布局, 大局 are ordinary words.
BUREAU_ORGAN = re.compile(
    r"[\u4e00-\u9fff]{2,}?(?<![开格布结大全当变时])局(?:[\u4e00-\u9fff]{2,6}?分局)?"
    r"(?=关于|\d|法治|工作|年度|[^\u4e00-\u9fff]|$)"
)
HEADING_LINE = 40  # a line this short that names a year is a heading (一、2023年工作回顾)


def _place_before(text: str, end: int) -> str:
    """The place name that ends at ``end`` (just before 生态环境局), from jieba tokens."""
    tokens = jieba.lcut(text[max(0, end - 16) : end])
    kept: list[str] = []
    for tok in reversed(tokens):
        if not re.fullmatch(r"[\u4e00-\u9fff]+", tok) or tok in NOT_PLACE or len(kept) >= 4:
            break
        is_unit = tok[-1] in UNIT_SUFFIX
        before_unit = bool(kept) and len(kept[-1]) == 1 and kept[-1] in UNIT_SUFFIX
        bare_name = not kept and 2 <= len(tok) <= 4
        if not (is_unit or before_unit or bare_name):
            break
        kept.append(tok)
    return "".join(reversed(kept))


def find_bureau(title: str, body: str) -> str:
    """The most named bureau; names in the title count ten times."""
    votes: Counter[str] = Counter()
    for text, weight in ((title, 10), (body, 1)):
        for m in BUREAU_CORE.finditer(text):
            place = _place_before(text, m.start())
            if place:
                votes[place + m.group(0)] += weight
    if not votes:
        return ""
    return max(votes.items(), key=lambda kv: (kv[1], len(kv[0])))[0]


def find_region(bureau: str, text: str) -> tuple[str, str, str]:
    """(region, short form, parent unit) for a bureau name such as 温州市生态环境局泰顺分局."""
    m = BUREAU_CORE.search(bureau)
    if not m:
        return "", "", ""
    prefix = bureau[: m.start()]
    units = UNIT.findall(prefix)
    rest = prefix[len("".join(units)) :] if prefix.startswith("".join(units)) else ""
    if m.group(2):  # a branch: 泰顺分局 of 温州市生态环境局
        name, parent = m.group(2)[: -len("分局")], (units[-1] if units else "")
    elif rest:
        name, parent = rest, (units[-1] if units else "")
    elif units:
        name, parent = units[-1], (units[-2] if len(units) > 1 else "")
    else:
        return "", "", ""
    if name[-1] not in UNIT_SUFFIX:  # complete a bare name from the text: 丰泽 → 丰泽区
        full = Counter(re.findall(re.escape(name) + f"[{UNIT_SUFFIX}]", text)).most_common(1)
        name = full[0][0] if full else name
    short = name[:-1] if name[-1] in UNIT_SUFFIX and len(name) >= 3 else name
    return name, short, parent


def aliases_for(region: str, short: str, parent: str) -> tuple[str, ...]:
    names = {region, short}
    if parent:
        names.add(parent + region)
    if short:
        from pypinyin import lazy_pinyin  # 0.4 s to import: only building an index needs it

        py = "".join(lazy_pinyin(short))
        names.add(py)
        if region != short and region[-1] in SUFFIX_EN:
            names.add(f"{py} {SUFFIX_EN[region[-1]]}")
    return tuple(sorted((n.lower() for n in names if n), key=lambda n: (-len(n), n)))


def find_year(title: str, body: str, issued: bool = True) -> int | None:
    """The year reported on: the title's year, else (for an issued document) the most named year
    at the start of the body."""
    m = YEAR_NIAN.search(title)
    if m:
        return int(m.group(1))
    years = Counter(YEAR_NIAN.findall(body[:500])) if issued else Counter()
    return int(years.most_common(1)[0][0]) if years else None


LOOKS_BACK = re.compile(r"过去[一二三四五六七八九十\d]+年|[一二三四五六七八九十\d]+年来|去年|上年")


def covered_years(year: int | None, body: str) -> tuple[int, ...]:
    """The title's year and the neighbouring years the report speaks of (工作回顾 of the year
    before, 重点工作 of the year after): named in one of its own headings, or more than once; a
    heading that reviews the years before without naming them (过去五年工作回顾) names the year before."""
    if year is None:
        return ()
    counts = Counter(int(y) for y in YEAR_NIAN.findall(body))
    found = {year} | {y for y, n in counts.items() if abs(y - year) == 1 and n >= 2}
    for line in body.splitlines():
        line = line.strip()
        if len(line) <= HEADING_LINE:
            found |= {int(y) for y in YEAR_NIAN.findall(line) if abs(int(y) - year) <= 1}
            if LOOKS_BACK.search(line) and line[-1] not in SENTENCE_END:  # 一、过去五年工作回顾
                found.add(year - 1)  # the last of the years it reviews is the year before
    return tuple(sorted(found))


def find_place(title: str, bureau: str, body: str, text: str) -> tuple[places.Place | None, tuple[str, ...]]:
    """The issuing place (gazetteer entry, or None) and extra aliases read from the bureau name."""
    region, short, parent = find_region(bureau, text)
    extra = aliases_for(region, short, parent) if region else ()
    head = "\n".join(x for x in (title, bureau) if x)
    if not ISSUED.search(head):
        return None, ()
    place = places.issuer_place(head) or places.issuer_place(f"{head}\n{body[:200]}")
    if place is None and region:
        found = places.lookup(region, within=parent or None) or places.lookup(region)
        place = found[0] if len(found) == 1 else None
    return place, extra


def place_fields(region: str) -> dict:
    """Region, aliases, level, parents and code for a place name given by hand (``qa edit``): the
    gazetteer's entry when the name is unambiguous there, else the name with its short form."""
    found = places.lookup(region)
    if len(found) == 1:
        p = found[0]
        return {
            "region": p.name,
            "aliases": p.aliases,
            "level": p.level,
            "parents": p.parents,
            "code": p.code,
        }
    short = region[:-1] if len(region) >= 3 and region[-1] in UNIT_SUFFIX else region
    return {
        "region": region,
        "aliases": aliases_for(region, short, ""),
        "level": "",
        "parents": (),
        "code": "",
    }


def untitled(src: Source, bureau: str, year: int | None) -> str:
    """A title for a text that has no title line: its first line when that reads as a heading
    (short, no sentence end: an encyclopedia entry's name), else its issuer and year, else its
    file name. Never words the text does not contain, so nothing false is embedded with it."""
    first = src.body_text.strip().split("\n", 1)[0].strip()
    if 0 < len(first) <= HEADING_LINE and first[-1] not in "。！？!?；;，,：:":
        return first
    if bureau:
        return f"{bureau}{year}年" if year else bureau
    return src.doc.rsplit(".", 1)[0]


def describe(src: Source) -> Meta:
    """The report's title, bureau, place (region, level, parents, aliases), years and publication date."""
    body = src.body_text
    title = "".join(src.title_lines)
    bureau = find_bureau(title, body) or src.issuer or ""
    issued = bool(ISSUED.search(f"{title}\n{bureau}"))
    year = find_year(title, body, issued)
    place, extra = find_place(title, bureau, body, src.text)
    if place is not None:
        region, level, parents, code = place.name, place.level, place.parents, place.code
        aliases = tuple(sorted(set(place.aliases) | set(extra), key=lambda n: (-len(n), n)))
    else:
        region, short, parent = find_region(bureau, src.text) if issued else ("", "", "")
        level, parents, code, aliases = "", (), "", aliases_for(region, short, parent) if region else ()
    title = title or untitled(src, bureau, year)
    return Meta(
        title,
        bureau,
        region,
        aliases,
        year,
        src.published or src.signed,
        level,
        parents,
        code,
        covered_years(year, body),
    )


def is_bureau(bureau: str, issuer: str | None, title: str) -> bool:
    """Whether a report is a bureau's (各局…, "each bureau" scope to these): the bureau read from
    its text, else an issuer or title naming an organ that ends in 局; a 政府工作报告 is a
    government's, not a bureau's."""
    if bureau:
        return True
    if issuer and re.search(r"局$", issuer.strip()):
        return True
    return bool(BUREAU_ORGAN.search(title))
