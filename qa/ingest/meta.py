"""Report metadata read from the report's own text: bureau, region and its aliases, year, title.

Why from the text: new reports come from other bureaus, provinces and years, so nothing here
may be a list of known files or places. The bureau is the organisation name that ends in
生态环境局 (or an older 环境保护局), counted over the title and body; the region is the finest
administrative unit in that name, completed from the text (丰泽 → 丰泽区); English/pinyin
aliases come from pypinyin so that "Huangzhong" finds 湟中区.
"""

from __future__ import annotations

import re
from collections import Counter

import jieba
from pypinyin import lazy_pinyin

from ..text import YEAR_NIAN
from ..types import Meta, Source

jieba.setLogLevel(60)

BUREAU_CORE = re.compile(r"(生态环境局|环境保护局|环保局)([\u4e00-\u9fff]{2,6}?分局)?")
UNIT_SUFFIX = "省市区县州旗盟"
UNIT = re.compile(r"[\u4e00-\u9fff]{2,}?(?:自治区|自治州|自治县|地区|[省市区县州旗盟])|[\u4e00-\u9fff]县")
# Words that can sit right before a bureau name but are never part of a place name.
NOT_PLACE = set(
    "关于 对 和 与 及 的 是 在 向 由 为 将 把 被 了 我 各 全 本 该 原 新 省级 市级 县级 区级".split()
)
SUFFIX_EN = {"区": "district", "县": "county", "市": "city", "旗": "banner", "州": "prefecture"}


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
        py = "".join(lazy_pinyin(short))
        names.add(py)
        if region != short and region[-1] in SUFFIX_EN:
            names.add(f"{py} {SUFFIX_EN[region[-1]]}")
    return tuple(sorted((n.lower() for n in names if n), key=lambda n: (-len(n), n)))


def find_year(title: str, body: str) -> int | None:
    """The year reported on: the title's year, else the most named year at the start of the body."""
    m = YEAR_NIAN.search(title)
    if m:
        return int(m.group(1))
    years = Counter(YEAR_NIAN.findall(body[:500]))
    return int(years.most_common(1)[0][0]) if years else None


def describe(src: Source) -> Meta:
    """The report's title, bureau, region with its aliases, year and publication date."""
    body = src.body_text
    title = "".join(src.title_lines)
    bureau = find_bureau(title, body)
    year = find_year(title, body)
    region, short, parent = find_region(bureau, src.text)
    if not title:
        title = f"{bureau or src.doc}{year or ''}{'年' if year else ''}法治政府建设情况"
    return Meta(title, bureau, region, aliases_for(region, short, parent), year, src.published)
