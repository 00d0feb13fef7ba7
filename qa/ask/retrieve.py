"""Retrieval: retrievers behind one small interface, a fusion object, a few passages per section.

Why an interface: dense (FAISS) and keyword (BM25) each turn a question into (row, score) hits,
optionally restricted to the rows of the reports the question named. A new retriever (another
engine, a clause index) implements ``hits`` and is added to the list; fusion and the
per-section cut do not change. Fusion is its own object because how to combine sides is a
measured choice (docs/EVAL.md), recorded in the index's configuration.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Callable
from functools import lru_cache
from typing import Protocol

import numpy as np

from ..config import Config
from ..errors import QAError
from ..index.embed import Embedder
from ..index.keyword import KeywordIndex, tokenize
from ..index.store import Stored
from ..index.vectors import Vectors
from ..text import sentences
from ..types import Passage, QueryInfo
from . import translate
from .terms import expand
from .understand import asked_heading, focus_years, section_years, without_report_names

MODES = ("fused", "dense", "keyword")
Hits = list[tuple[int, float]]


class Retriever(Protocol):
    """One way of finding chunks: ``hits`` gives (row, score) best first, score higher = better."""

    name: str

    def hits(self, query: str, info: QueryInfo, k: int, rows: np.ndarray | None) -> Hits: ...

    def weight(self, info: QueryInfo) -> float: ...


class DenseRetriever:
    """Nearest chunks by cosine of the model's vectors; when reports are named, exact over their
    ``rows``, or a filter in the engine when the store has one (Milvus: the named ``docs``)."""

    name = "dense"

    def __init__(self, vectors: Vectors, embedder: Embedder):
        self.vectors, self.embedder = vectors, embedder

    def hits(self, query: str, info: QueryInfo, k: int, rows: np.ndarray | None) -> Hits:
        if len(self.vectors) == 0:
            return []
        qv = self.embedder.query(query)
        if rows is None:
            return self.vectors.search(qv, k)
        if self.vectors.filters:
            return self.vectors.search(qv, k, docs=list(info.docs))
        return self.vectors.search_rows(qv, rows, k)

    def weight(self, info: QueryInfo) -> float:
        return 1.0


class KeywordRetriever:
    """BM25 over jieba tokens, the question put in the reports' words first (``keyword_query``);
    when reports are named, scored over their ``rows`` alone, idf included (``search_rows``), so a
    named report's ranking never depends on what else the collection holds."""

    name = "keyword"

    def __init__(self, keyword: KeywordIndex, config: Config):
        self.keyword, self.config = keyword, config

    def hits(self, query: str, info: QueryInfo, k: int, rows: np.ndarray | None) -> Hits:
        words = keyword_query(query, info, self.keyword.df)
        return self.keyword.search(words, k) if rows is None else self.keyword.search_rows(words, rows, k)

    def weight(self, info: QueryInfo) -> float:
        return self.config.english_keyword_weight if info.english else self.config.keyword_weight


def keyword_query(query: str, info: QueryInfo, df: Callable[[str], int] | None = None) -> str:
    """The question in the reports' words: an English question through the bilingual dictionary
    (an English word never matches Chinese text; the glossary overrides what the dictionary gets
    wrong) and without the words naming the report asked; a Chinese one keeps its words plus
    formal synonyms for colloquial ones."""
    if info.english:
        return translate.keyword_query(without_report_names(query), df=df)
    return f"{query} {expand(query)}"


class WeightedFusion:
    """Sum of weight × score / best score per retriever (each side scaled to [0, 1] by its best hit)."""

    def fuse(self, results: list[tuple[Hits, float]]) -> dict[int, float]:
        fused: dict[int, float] = {}
        for hits, weight in results:
            if not hits:
                continue
            top = max(s for _, s in hits) or 1.0
            for row, score in hits:
                fused[row] = fused.get(row, 0.0) + weight * max(score, 0.0) / top
        return fused


class RRFusion:
    """Weighted reciprocal-rank fusion: sum of weight / (k + rank) over the rankings (rank from 1)."""

    def __init__(self, k: int):
        self.k = k

    def fuse(self, results: list[tuple[Hits, float]]) -> dict[int, float]:
        fused: dict[int, float] = {}
        for hits, weight in results:
            for rank, (row, _) in enumerate(hits, start=1):
                fused[row] = fused.get(row, 0.0) + weight / (self.k + rank)
        return fused


def make_fusion(config: Config) -> WeightedFusion | RRFusion:
    """The fusion the configuration names."""
    if config.fusion == "rrf":
        return RRFusion(config.rrf_k)
    if config.fusion == "weighted":
        return WeightedFusion()
    raise QAError(f"unknown fusion {config.fusion!r}; valid: weighted, rrf")


@lru_cache(maxsize=4096)
def _folded_sentences(text: str) -> tuple[str, ...]:
    """A chunk's sentences, NFKC-folded and lower-cased, made once per chunk rather than per question."""
    text = unicodedata.normalize("NFKC", text).lower()
    return tuple(text[a:b] for a, b in sentences(text))


class Searcher:
    """The retrievers of one loaded index, fused, at most ``per_section`` passages per section."""

    def __init__(self, stored: Stored, embedder: Embedder, config: Config):
        self.stored, self.config = stored, config
        self.retrievers: list[Retriever] = [
            DenseRetriever(stored.vectors, embedder),
            KeywordRetriever(stored.keyword, config),
        ]
        self.fusion = make_fusion(config)
        rows_of: dict[str, list[int]] = {}
        for i, c in enumerate(stored.chunks):
            rows_of.setdefault(c.doc, []).append(i)
        self._rows_of = {d: np.array(r, dtype=np.int64) for d, r in rows_of.items()}
        self._section_years = [section_years(c.section, c.year) for c in stored.chunks]
        self._headings = ["\n".join(c.section) for c in stored.chunks]

    def _by_sentence(self, words: str, fused: dict[int, float]) -> dict[int, float]:
        """The best ``config.rerank`` candidates re-weighted by the question's words that one
        sentence of the chunk holds together: score × (1 + w × the best sentence's share of the
        question's words, each counted by its length: 覆盖率 says more than 率).

        Why: a report states a fact in one sentence, and a chunk that holds the question's words
        spread over unrelated sentences (a long review section names 就业 here, 城镇 there) ranks
        as high as the one that says them together; BM25 and the chunk vector cannot tell them apart.
        Words weigh by length, not idf: an idf over the collection would let unrelated reports
        reorder the passages of a named one; over the named rows alone it measured worse."""
        weight = {t: float(len(t)) for t in set(tokenize(words))}
        total = sum(weight.values())
        if not total:
            return fused
        out = dict(fused)
        for r in sorted(fused, key=lambda r: (-fused[r], r))[: self.config.rerank]:
            sents = _folded_sentences(self.stored.chunks[r].text)
            held = (sum(v for t, v in weight.items() if t in s) for s in sents)
            out[r] = fused[r] * (1 + self.config.sentence_weight * max(held, default=0.0) / total)
        return out

    def rows_of(self, doc: str) -> np.ndarray:
        """The chunk rows of one report."""
        return self._rows_of.get(doc, np.zeros(0, np.int64))

    def search(self, query: str, info: QueryInfo, k: int = 5, mode: str = "fused") -> list[Passage]:
        """Best k passages for an understood question; ``mode`` dense or keyword runs one side alone."""
        if mode not in MODES:
            raise QAError(f"unknown retrieval mode {mode!r}; valid: {', '.join(MODES)}")
        rows = (
            np.concatenate([self._rows_of[d] for d in info.docs if d in self._rows_of]) if info.docs else None
        )
        n = self.config.candidates
        results = {
            r.name: (r.hits(query, info, n, rows), r.weight(info))
            for r in self.retrievers
            if mode in ("fused", r.name)
        }
        fused = self.fusion.fuse(list(results.values()))
        # the section about the year asked ranks first; not when several places are named, as each
        # may go with its own year (丰泽（2023年）和湟中（2024年）)
        focus = focus_years(query) if len(info.places) <= 1 else set()
        if focus and self.config.section_year_weight:
            boost = 1 + self.config.section_year_weight
            fused = {r: s * boost if focus & self._section_years[r] else s for r, s in fused.items()}
        heading = asked_heading(query)  # the section the question asks about by what it is (存在的问题)
        if heading and self.config.section_topic_weight:
            boost = 1 + self.config.section_topic_weight
            fused = {r: s * boost if heading.search(self._headings[r]) else s for r, s in fused.items()}
        if mode == "fused" and self.config.sentence_weight:
            fused = self._by_sentence(keyword_query(query, info, self.stored.keyword.df), fused)
        scores = {name: dict(hits) for name, (hits, _) in results.items()}
        passages, taken = [], Counter()
        for r in sorted(fused, key=lambda r: (-fused[r], r)):
            chunk = self.stored.chunks[r]
            key = (chunk.doc, chunk.section)
            if taken[key] == self.config.per_section:  # a few passages per section: no crowding
                continue
            taken[key] += 1
            passages.append(
                Passage(chunk, fused[r], scores.get("dense", {}).get(r), scores.get("keyword", {}).get(r))
            )
            if len(passages) == k:
                break
        return passages
