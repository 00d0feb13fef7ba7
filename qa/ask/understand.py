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
from ..text import CJK, find_years
from ..types import DocInfo, QueryInfo

MAX_QUERY_CHARS = 500


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
    """Regions whose aliases the text names (substring for Chinese, whole word for pinyin)."""
    low = unicodedata.normalize("NFKC", text).lower()
    found = []
    for d in documents:
        for alias in d.aliases:
            hit = (
                alias in low
                if CJK.search(alias)
                else re.search(rf"(?<![a-z]){re.escape(alias)}(?![a-z])", low)
            )
            if hit and d.region not in found:
                found.append(d.region)
                break
    return tuple(found)


def understand(query: str, documents: list[DocInfo], filters: dict | None = None) -> QueryInfo:
    """Region and year from explicit filters, else from the question; the reports to search."""
    filters = filters or {}
    if filters.get("region"):
        known = sorted({d.region for d in documents})
        regions = find_regions(filters["region"], documents)
        if not regions:
            raise QAError(f"unknown region {filters['region']!r}; the collection has: {', '.join(known)}")
    else:
        regions = find_regions(query, documents)
    years = [int(filters["year"])] if filters.get("year") else find_years(query)
    docs = [d for d in documents if not regions or d.region in regions]
    if years and regions:  # per region: its reports on the named years if it has any (江津2020年和丰泽2023年)
        docs = [d for r in regions for d in _on_years([x for x in docs if x.region == r], years)]
    elif years:
        docs = _on_years(docs, years)
    scoped = tuple(d.doc for d in docs) if len(docs) < len(documents) else ()
    return QueryInfo(regions, years[0] if years else None, not CJK.search(query), scoped, tuple(years))


def _on_years(docs: list[DocInfo], years: list[int]) -> list[DocInfo]:
    """The reports on one of ``years``, or all of ``docs`` when none is (the answer step says so)."""
    return [d for d in docs if d.year in years] or docs


def unknown_place(question: str, documents: list[DocInfo]) -> str | None:
    """A place the question names that no report in the collection covers (e.g. Hangzhou)."""
    known = {a for d in documents for a in d.aliases}
    for m in re.finditer(
        r"([\u4e00-\u9fff]{2,4}?)(?:省|市|区|县)(?=生态环境|环保|的|\d|[^\u4e00-\u9fff]|$)", question
    ):
        name = m.group(1)
        if not any(name in a or a in name for a in known if CJK.search(a)):
            return m.group(0)
    for m in re.finditer(
        r"\b([A-Z][a-z]{2,})(?=\s+(?:District|County|City|Ecology|Environment|Environmental|Bureau|Branch|Municipal)\b)",
        question,
    ):
        if m.group(1).lower() not in known:
            return m.group(1)
    return None


def missing_report_note(info: QueryInfo, documents: list[DocInfo]) -> str | None:
    """Why the collection cannot answer: the named region has no report on the named year."""
    if not info.regions or info.year is None:
        return None
    have = {r: sorted(d.year for d in documents if d.region == r and d.year) for r in info.regions}
    if any(info.year in years for years in have.values()):
        return None
    closest = "；".join(f"{r}现有 {'、'.join(map(str, ys))} 年报告" for r, ys in have.items())
    regions = "、".join(info.regions)
    return f"集合中没有 {regions} {info.year} 年的报告（{closest}）；下列为最接近的段落，仅供参考。"
