"""Reading the question once: is it valid, which places and years it names, which reports to search.

Why understand the question first: several reports state the same kind of fact (case counts,
legal advisers), so ignoring the region and year named in a question returns the wrong report
with confidence. Names are matched against each report's own aliases (Chinese, short form,
pinyin), years in Arabic, full-width or Chinese digits. The result (``QueryInfo``) is passed
down to retrieval and answering, so no later step reads the question's places again.
"""

from __future__ import annotations

import re
import unicodedata

from ..errors import QAError
from ..ingest import places
from ..text import CJK, YEAR, find_years, word_bounds
from ..types import DocInfo, QueryInfo
from .kinds import SHORTCOMING

MAX_QUERY_CHARS = 500
# a year that names a report: 2016年报告, 2021年和2022年政府工作报告 (no sentence break between)
REPORT_YEAR = re.compile(r"((?:19|20)\d{2})\s*年(?=(?:[^，。；？！,;?!]{0,14}?)(?:工作)?报告)")
REPORT_YEAR_EN = re.compile(
    r"\b((?:19|20)\d{2})(?:\s*(?:,|and|&|or)\s*(?:19|20)\d{2})*(?:\s+[a-z'-]+){0,3}\s+reports?\b"
    r"|\breports?\s+(?:of|for|from|in)\s+((?:19|20)\d{2})\b",
    re.I,
)
# Years spoken of relative to a report's own: the 2019 report's 去年 is 2018, its 今年 2019. Checked
# in this order, the first that matches decides (过去一年和五年 is the last year and the five before).
_NOT_MORE = r"(?<![一二三四五六七八九十\d])"  # 一年来 and 五年来, not 十一年来 or 十五年来
RELATIVE_YEARS = (
    (
        re.compile(
            rf"过去一年|{_NOT_MORE}一年来|去年|上一年|上年|前一年|\b(?:last|previous|preceding|past) year\b",
            re.I,
        ),
        (-1,),
    ),
    (
        re.compile(rf"过去五年|{_NOT_MORE}五年来|\b(?:last|past|previous) five years\b", re.I),
        (-5, -4, -3, -2, -1),
    ),
    (re.compile(r"今年|当年|本年|\b(?:this|that) year\b", re.I), (0,)),
)
# A span of years (2013到2017年, 2013—2017年, 2013年至2017年, from 2013 to 2017): every year in it.
YEAR_SPAN = re.compile(
    r"((?:19|20)\d{2})\s*年?\s*(?:到|至|—|－|-|–|~|～|\bto\b|\bthrough\b)\s*((?:19|20)\d{2})", re.I
)
# A question about what a report sets out (its targets, plans) asks about the report's own year.
PLAN = re.compile(r"目标|预期|计划|打算|拟|部署|安排|\b(?:target\w*|plan\w*|aim\w*|goals?)\b", re.I)


def check_query(query: str) -> str:
    """The question stripped; QAError for an empty or oversized one."""
    if query is not None and not isinstance(query, str):
        raise QAError(f"the question must be text, got {type(query).__name__}")
    q = (query or "").strip()
    if not q:
        raise QAError("the question is empty", "type a question, e.g. 湟中区2024年查处了多少起环境违法行为")
    if len(q) > MAX_QUERY_CHARS:
        raise QAError(
            f"the question has {len(q)} characters; at most {MAX_QUERY_CHARS} are accepted", "shorten it"
        )
    return q


def find_regions(text: str, documents: list[DocInfo]) -> tuple[str, ...]:
    """Regions of the collection the text names: through the national gazetteer (any full, short,
    pinyin or English name of the place or of a place above it) or a report's own aliases."""
    return tuple(dict.fromkeys(r for place in _named(text, documents) for r in _regions(place, documents)))


def _named(text: str, documents: list[DocInfo]) -> list[places.Place | str]:
    """Places the text names, in order: gazetteer entries, or the region names of reports whose own
    aliases it names (a region set by hand that the gazetteer does not know)."""
    found: list[places.Place | str] = []
    for _, stop, place in places.find_places(text):
        if place not in found and not EVENT.match(text, stop):
            found.append(place)
    low = unicodedata.normalize("NFKC", text).lower()
    codes = {p.code for p in found if isinstance(p, places.Place)}
    bounds = word_bounds(low)
    for d in documents:
        if d.code in codes or d.region in found:
            continue
        if any(_names(alias, low, bounds) for alias in d.aliases):
            found.append(d.region)
    return found


# A place that names an event (汶川地震, the Wenchuan earthquake) is not the place a question asks about.
EVENT = re.compile(
    r"\s*(?:特大|大)?(?:地震|洪水|洪灾|水灾|旱灾|泥石流|台风|事件|事故)"
    r"|\s+(?:earthquake|quake|floods?|landslides?|typhoon|incident|accident)\b",
    re.I,
)
ALIAS_FOLLOWERS = "的区县市州旗盟局生分人和与及或跟同比"  # what may follow a two-character alias


def _names(alias: str, text: str, bounds: set[int]) -> bool:
    """Whether ``text`` names a report's ``alias``: a latin alias as a whole word; a Chinese one as
    words of its own (青山 is not named in 绿水青山, nor 中区 in 湟中区), and a two-character one only
    before a non-Chinese character, a unit or organ word or a conjunction (丰泽2023年, 泰顺县, 许昌的,
    泰顺和许昌 — not 金山银山)."""
    if not CJK.search(alias):
        return bool(re.search(rf"(?<![a-z]){re.escape(alias)}(?![a-z])", text))
    start = text.find(alias)
    while start >= 0:
        end = start + len(alias)
        after = text[end : end + 1]
        qualified = len(alias) > 2 or not after or not CJK.match(after) or after in ALIAS_FOLLOWERS
        if start in bounds and end in bounds and qualified:
            return True
        start = text.find(alias, start + 1)
    return False


def _inside(d: DocInfo, place: places.Place) -> bool:
    """A report issued by ``place`` or by a place under it (never by a sibling or a parent)."""
    if not d.code or d.level == "national":
        return place.level == "national" and d.level == "national"
    depth = {"national": 0, "province": 2, "prefecture": 4}.get(place.level, 6)
    return d.code == place.code or (depth < 6 and d.code[:depth] == place.code[:depth])


def _docs_of(place: places.Place | str, documents: list[DocInfo]) -> list[DocInfo]:
    if isinstance(place, str):
        return [d for d in documents if d.region == place]
    return [d for d in documents if _inside(d, place)]


def _above(place: places.Place | str, documents: list[DocInfo], named_report: bool = False) -> list[DocInfo]:
    """Reports of a place above ``place`` below the country (许昌市's for its 长葛分局, a province's for
    its cities): they speak of the places under them, so a question about one is theirs to answer, and
    the answer's sentence must name the place (see ``answer._off_topic``). Never a sibling's. The
    country's reports too when the question names its report (2025年报告说，在北京举办了哪个峰会)."""
    if isinstance(place, str) or place.level == "national":
        return []
    levels = ("national",) if named_report else ()
    return [
        d
        for d in documents
        if (d.level not in ("national", "") and d.region in place.parents) or d.level in levels
    ]


def _top(place: places.Place | str, docs: list[DocInfo]) -> list[DocInfo]:
    """The place's own reports among ``docs`` (not those of the places under it)."""
    return [d for d in docs if isinstance(place, str) or d.code == place.code]


def _regions(place: places.Place | str, documents: list[DocInfo]) -> list[str]:
    return list(dict.fromkeys(d.region for d in _docs_of(place, documents)))


def understand(query: str, documents: list[DocInfo], filters: dict | None = None) -> QueryInfo:
    """Places and years from explicit filters, else from the question; the reports to search.

    A place reaches its own reports, else those of the places under it (青海 → 湟中区); a year
    reaches the reports that cover it (a 2024 government work report reviews 2023); government work
    reports named (2020年政府工作报告) reach those reports only, when the collection holds any."""
    filters = filters or {}
    # a kind of report named and no place: the reports of that kind (a place scopes on its own)
    kinded = [d for d in documents if KIND_TITLE in (d.title or "")] if REPORT_KIND.search(query) else []
    if filters.get("region"):
        named = _named(filters["region"], documents)
        if not any(_docs_of(p, documents) for p in named):
            known = sorted({d.region for d in documents if d.region})
            raise QAError(f"unknown region {filters['region']!r}; the collection has: {', '.join(known)}")
    else:
        named = _named(query, documents)
    years = [int(filters["year"])] if filters.get("year") else _with_spans(query, find_years(query))
    titled = set() if filters.get("year") else report_years(query)
    if titled:  # "the 2018 report": that report itself, not every report that speaks of 2018
        years = [y for y in years if y in titled] + [y for y in years if y not in titled]
    groups = [(p, _docs_of(p, documents) or _above(p, documents, bool(titled))) for p in named]
    groups = [(p, docs) for p, docs in groups if docs]
    if titled:  # its own report named (2020年国务院政府工作报告): not a report below it, when it has any
        groups = [(p, _top(p, docs) or docs) for p, docs in groups]
    docs = list(kinded or documents)
    if groups:
        docs = []
        for place, own in groups:  # per place: its reports on the named years if it has any
            top = _top(place, own)
            chosen = _on_years(top, years, titled) if top else []
            if not top or (years and not titled and not any(_covers(d, years, titled) for d in top)):
                chosen = _on_years(own, years, titled)
            docs += [d for d in chosen if d not in docs]
    elif years:
        docs = _on_years(docs, years, titled)
    regions = tuple(dict.fromkeys(d.region for _, own in groups for d in own))
    scoped = tuple(d.doc for d in docs) if len(docs) < len(documents) else ()
    missing = (
        _missing(regions, years, titled, documents)
        if groups
        else _no_report_of(years, titled, kinded or documents)
    )
    # a place below the national level that has no report, nor one above it (a sibling district, a
    # province not collected): the question is about it, so no other report answers it
    unknown = next(
        (
            p.name
            for p in named
            if isinstance(p, places.Place)
            and p.level != "national"
            and not _docs_of(p, documents)
            and not _above(p, documents, bool(titled))
        ),
        None,
    )
    names = [p if isinstance(p, str) else p.name for p, _ in groups]
    national = {p.name for p, _ in groups if isinstance(p, places.Place) and p.level == "national"}
    named_places = tuple(n for n in names if n not in national and n not in _broader(groups)) or tuple(names)
    return QueryInfo(
        regions,
        years[0] if years else None,
        not CJK.search(query),
        scoped,
        tuple(years),
        missing,
        unknown,
        named_places,
    )


def _broader(groups: list[tuple[places.Place | str, list[DocInfo]]]) -> set[str]:
    """Names of places that only frame a more specific one the question names (泉州市 beside 丰泽区,
    河南 beside 许昌): its reports hold the other's, so the question asks about one place, not two."""
    depth = {"national": 0, "province": 1, "prefecture": 2}

    def level(p: places.Place | str) -> int:
        return depth.get(p.level, 3) if isinstance(p, places.Place) else 4  # a report's own alias: deepest

    return {
        p if isinstance(p, str) else p.name
        for p, own in groups
        for o, inner in groups
        if o is not p and level(o) > level(p) and {d.doc for d in inner} <= {d.doc for d in own}
    }


def _with_spans(query: str, years: list[int]) -> list[int]:
    """``years`` and the years inside every span the query names (2013到2017年 → 2013 … 2017)."""
    for m in YEAR_SPAN.finditer(unicodedata.normalize("NFKC", query)):
        a, b = int(m.group(1)), int(m.group(2))
        if a < b <= a + 20:
            years += [y for y in range(a + 1, b) if y not in years]
    return years


def report_years(text: str) -> set[int]:
    """Years the question uses to name a report (2016年报告, 2021年和2022年政府工作报告, "the 2018
    government work report"): those select the report of that year, not every report covering it."""
    text = unicodedata.normalize("NFKC", text)
    found = {int(m.group(1)) for m in REPORT_YEAR.finditer(text)}
    for m in REPORT_YEAR_EN.finditer(text):  # "the 2024 and 2025 government work reports": every year listed
        found |= {int(y) for y in YEAR.findall(m.group(0))}
    return found


def spoken_years(text: str, base: int | None) -> set[int]:
    """The years a text speaks of: those it writes out, else its 今年/去年/过去五年 resolved against
    ``base`` (the year of the report that says them)."""
    years = set(find_years(text))
    if years or base is None:
        return years
    low = unicodedata.normalize("NFKC", text).lower()
    offsets = next((shift for pattern, shift in RELATIVE_YEARS if pattern.search(low)), ())
    return {base + d for d in offsets}


def section_years(path: tuple[str, ...], year: int | None) -> frozenset[int]:
    """The years a chunk's section speaks of, from its deepest heading that names one (一、2015年工作
    回顾; 二、今年主要任务 in the 2006 report is 2006); empty when no heading does.

    Why: a report reviews one year and plans the next under headings that say so, and both halves
    use the same words (国内生产总值增长, 城镇新增就业); the year the question asks about tells
    which half holds its answer, where the words cannot."""
    for label in reversed(path):
        years = spoken_years(label, year)
        if years:
            return frozenset(years)
    return frozenset()


def focus_years(query: str) -> set[int]:
    """The years a question asks about, as opposed to the years naming the report it asks: "2019年
    报告里的去年" asks about 2018, "2023年GDP增长多少" about 2023, "the 2016 report's target" (a
    report named and what it sets out) about 2016; a report named and nothing else, no year."""
    titled = report_years(query)
    years = set(find_years(query)) - titled
    for year in sorted(titled):
        spoken = spoken_years(re.sub(r"(?:19|20)\d{2}", "", query), year)
        years |= spoken or ({year} if PLAN.search(query) else set())
    return years


# a heading that names failings as such (存在的问题, 存在的不足和原因, 四是政府自身建设存在一些问题), not
# one naming problems to solve (着力解决经济运行中的突出问题: a task, where nothing fell short)
SHORTCOMING_HEADING = re.compile(r"存在|不足|短板|差距")


def asked_heading(query: str) -> re.Pattern | None:
    """The heading of the section a question asks about by what it is, not by its words: a shortcoming
    asked (有哪些短板) is stated under 存在的问题 in the words 不足, 有待加强, 还不够, which neither side of
    retrieval matches to the question's; None for any other question."""
    return SHORTCOMING_HEADING if SHORTCOMING.search(query) else None


def without_report_names(text: str) -> str:
    """An English question without the words that name the report it asks ("the 2016 government
    work report"): they select the report (``understand``), and translated they only add noise
    to the keyword side (work → 劳动, report → 报告, found in every chunk's title)."""
    return REPORT_YEAR_EN.sub(" ", text)


def _covers(d: DocInfo, years: list[int], titled: set[int]) -> bool:
    return any(d.year == y if y in titled else d.covers(y) for y in years)


def _on_years(docs: list[DocInfo], years: list[int], titled: set[int]) -> list[DocInfo]:
    """The reports covering one of ``years`` (or titled with it, for a year that names a report),
    or all of ``docs`` when none does (the answer step says so). A report named by its year is the one
    asked: the other years of the question are what it speaks of (2001年报告提出，到2010年…比2000年)."""
    named = [d for d in docs if d.year in titled]
    return named or [d for d in docs if _covers(d, years, titled)] or docs


# A government work report named (2020年政府工作报告): its titles say so; other kinds' titles may not.
REPORT_KIND = re.compile(r"政府工作报告|government work reports?", re.I)
KIND_TITLE = "政府工作报告"


def _no_report_of(years: list[int], titled: set[int], documents: list[DocInfo]) -> str | None:
    """Why the collection cannot answer a question that names a report by its year and no place
    ("the 1990 report"): no report is of that year. A year alone (2035年的目标) may be spoken of
    by reports of other years, so it is left to retrieval."""
    dated = [d for d in documents if d.year]
    if not titled or not dated or any(d.year in titled for d in dated):
        return None
    have = sorted({d.year for d in dated})
    span = f"{have[0]}–{have[-1]}" if len(have) > 1 else str(have[0])
    return f"集合中没有 {years[0]} 年的报告（现有 {span} 年的报告）；下列为最接近的段落，仅供参考。"


def _span(years: list[int]) -> str:
    """Reports' years as a reader takes them in: a few listed, many as their first and last."""
    if len(years) <= 5:
        return f"{'、'.join(map(str, years))} 年报告"
    return f"{years[0]}–{years[-1]} 年的 {len(years)} 份报告"


def _missing(
    regions: tuple[str, ...], years: list[int], titled: set[int], documents: list[DocInfo]
) -> str | None:
    """Why the collection cannot answer: the named places have no report covering the named year, or
    none of that year when the question names the report (2020年国务院政府工作报告: the 2021 report
    reviews 2020, but it is not the report asked)."""
    if not regions or not years:
        return None
    year = years[0]
    if any(_covers(d, [year], titled) for d in documents if d.region in regions):
        return None
    # the reports' own years: a 2023 report that also speaks of 2024 is no 2024 report
    have = {r: sorted({d.year for d in documents if d.region == r and d.year}) for r in regions}
    closest = "；".join(f"{r}现有 {_span(ys)}" for r, ys in have.items())
    return f"集合中没有 {'、'.join(regions)} {year} 年的报告（{closest}）；下列为最接近的段落，仅供参考。"
