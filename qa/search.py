"""Hybrid retrieval: the question's region and year, dense (FAISS) and keyword (BM25) hits, fusion.

Why understand the question first: several reports state the same kind of fact (case counts,
legal advisers), so ignoring the region and year named in a question returns the wrong report
with confidence. Names are matched against each report's own aliases (Chinese, short form,
pinyin), years in Arabic, full-width or Chinese digits.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import numpy as np

from .chunk import Chunk
from .config import Config
from .embed import Embedder
from .errors import QAError
from .store import DocInfo, Stored
from .terms import expand

CJK = re.compile(r"[\u4e00-\u9fff]")
YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
CN_YEAR = re.compile(r"([〇零一二三四五六七八九]{4})年")
CN_DIGIT = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {"零": "0"}
MAX_QUERY_CHARS = 500
MODES = ("fused", "dense", "keyword")


@dataclass(frozen=True)
class Passage:
    """A retrieved chunk with its scores: ``score`` is the fused one, higher is better."""

    chunk: Chunk
    score: float
    dense: float | None = None  # cosine similarity, when the dense side found it
    keyword: float | None = None  # BM25 score, when the keyword side found it

    id = property(lambda self: self.chunk.id)
    doc = property(lambda self: self.chunk.doc)
    title = property(lambda self: self.chunk.title)
    region = property(lambda self: self.chunk.region)
    year = property(lambda self: self.chunk.year)
    section = property(lambda self: self.chunk.section_path)
    text = property(lambda self: self.chunk.text)
    start = property(lambda self: self.chunk.start)
    end = property(lambda self: self.chunk.end)

    def citation(self) -> str:
        """One line anyone can check: report, section path, character offsets in the file."""
        return f"{self.title} [{self.doc}] › {self.section or '(开头)'} · 字符 {self.start}–{self.end}"

    def to_dict(self) -> dict:
        return {
            "id": self.id, "doc": self.doc, "title": self.title, "region": self.region, "year": self.year,
            "section": self.section, "text": self.text, "start": self.start, "end": self.end,
            "score": self.score, "dense": self.dense, "keyword": self.keyword, "citation": self.citation(),
        }


@dataclass(frozen=True)
class QueryInfo:
    """What the question itself says about where to look."""

    regions: tuple[str, ...] = ()
    year: int | None = None
    english: bool = False
    docs: tuple[str, ...] = ()  # reports to search; empty means all
    years: tuple[int, ...] = ()  # every year named, for questions across reports


def check_query(query: str) -> str:
    q = (query or "").strip()
    if not q:
        raise QAError("the question is empty; type a question, e.g. 湟中区2024年查处了多少起环境违法行为")
    if len(q) > MAX_QUERY_CHARS:
        raise QAError(f"the question has {len(q)} characters; at most {MAX_QUERY_CHARS} are accepted, shorten it")
    return q


def find_years(text: str) -> list[int]:
    """Years named in the text, in order: 2024, ２０２４ and 二〇二四年 alike."""
    text = unicodedata.normalize("NFKC", text)
    found = [(m.start(), int(m.group(1))) for m in YEAR.finditer(text)]
    found += [(m.start(), int("".join(CN_DIGIT[c] for c in m.group(1)))) for m in CN_YEAR.finditer(text)]
    years: list[int] = []
    for _, y in sorted(found):
        if y not in years:
            years.append(y)
    return years



def find_regions(text: str, documents: list[DocInfo]) -> tuple[str, ...]:
    """Regions whose aliases the text names (substring for Chinese, whole word for pinyin)."""
    low = unicodedata.normalize("NFKC", text).lower()
    found = []
    for d in documents:
        for alias in d.aliases:
            hit = alias in low if CJK.search(alias) else re.search(rf"(?<![a-z]){re.escape(alias)}(?![a-z])", low)
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


def keyword_query(query: str, info: QueryInfo) -> str:
    """The question in the reports' words: English words go through the glossary only (an
    English word never matches Chinese text), Chinese keeps its words plus formal synonyms."""
    extra = expand(query)
    return extra if info.english else f"{query} {extra}"


def weighted_sum(results: list[tuple[list[tuple[int, float]], float]]) -> dict[int, float]:
    """Sum of weight × score / best score per retriever (each side scaled to [0, 1] by its best hit)."""
    fused: dict[int, float] = {}
    for hits, weight in results:
        if not hits:
            continue
        top = max(s for _, s in hits) or 1.0
        for row, score in hits:
            fused[row] = fused.get(row, 0.0) + weight * max(score, 0.0) / top
    return fused


def _on_years(docs: list[DocInfo], years: list[int]) -> list[DocInfo]:
    """The reports on one of ``years``, or all of ``docs`` when none is (the answer step says so)."""
    return [d for d in docs if d.year in years] or docs


def rrf(rankings: list[tuple[list[int], float]], k: int) -> dict[int, float]:
    """Weighted reciprocal-rank fusion: sum of weight / (k + rank) over the rankings (rank from 1)."""
    fused: dict[int, float] = {}
    for rows, weight in rankings:
        for rank, row in enumerate(rows, start=1):
            fused[row] = fused.get(row, 0.0) + weight / (k + rank)
    return fused


class Retriever:
    """Dense + keyword retrieval over a loaded index."""

    def __init__(self, stored: Stored, embedder: Embedder, config: Config):
        self.stored, self.embedder, self.config = stored, embedder, config
        self._rows_of: dict[str, np.ndarray] = {}
        for i, c in enumerate(stored.chunks):
            self._rows_of.setdefault(c.doc, []).append(i)
        self._rows_of = {d: np.array(r, dtype=np.int64) for d, r in self._rows_of.items()}

    def rows_of(self, doc: str) -> np.ndarray:
        """The chunk rows of one report."""
        return self._rows_of.get(doc, np.zeros(0, np.int64))

    def dense(self, query: str, k: int, rows: np.ndarray | None) -> list[tuple[int, float]]:
        """Nearest chunks by cosine; exact over ``rows`` when the question named its reports."""
        store = self.stored.vectors
        if len(store) == 0:
            return []
        qv = self.embedder.query(query)
        return store.search(qv, k) if rows is None else store.search_rows(qv, rows, k)

    def search(self, query: str, k: int = 5, filters: dict | None = None, info: QueryInfo | None = None, mode: str = "fused") -> list[Passage]:
        """Best k passages; ``mode`` dense or keyword runs one side alone (for evaluation)."""
        query = check_query(query)
        if mode not in MODES:
            raise QAError(f"unknown retrieval mode {mode!r}; valid: {', '.join(MODES)}")
        if k < 1:
            raise QAError(f"k must be at least 1, got {k}")
        info = info or understand(query, self.stored.documents, filters)
        rows = np.concatenate([self._rows_of[d] for d in info.docs if d in self._rows_of]) if info.docs else None
        n = self.config.candidates
        dense = self.dense(query, n, rows) if mode != "keyword" else []
        mask = None
        if rows is not None:
            mask = np.zeros(len(self.stored.chunks), np.float32)
            mask[rows] = 1
        keyword = [] if mode == "dense" else self.stored.keyword.search(keyword_query(query, info), n, mask)
        weight = self.config.english_keyword_weight if info.english else self.config.keyword_weight
        if self.config.fusion == "rrf":
            fused = rrf([([r for r, _ in dense], 1.0), ([r for r, _ in keyword], weight)], self.config.rrf_k)
        else:
            fused = weighted_sum([(dense, 1.0), (keyword, weight)])
        dense_of, keyword_of = dict(dense), dict(keyword)
        passages, sections = [], set()
        for r in sorted(fused, key=lambda r: (-fused[r], r)):
            chunk = self.stored.chunks[r]
            if (chunk.doc, chunk.section) in sections:  # one passage per section: no crowding
                continue
            sections.add((chunk.doc, chunk.section))
            passages.append(Passage(chunk, fused[r], dense_of.get(r), keyword_of.get(r)))
            if len(passages) == k:
                break
        return passages
