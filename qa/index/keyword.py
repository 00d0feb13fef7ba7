"""Keyword retrieval: BM25 (bm25s) over jieba tokens, built once and saved beside the vectors.

Why jieba and not a regex tokenizer: Chinese has no spaces, and a regex that splits on word
characters turns a whole sentence into one "word". ``cut_for_search`` also emits the short
words inside long compounds (环境违法行为 → 环境, 违法, 行为), so a question's wording need not
match the report's compound exactly.
"""

from __future__ import annotations

import math
import re
import unicodedata
from pathlib import Path

import bm25s
import jieba
import numpy as np

jieba.setLogLevel(60)

# Function words and report boilerplate that match everywhere and so rank nothing.
STOP = set(
    """的 了 和 与 及 或 是 在 对 为 于 以 将 把 被 由 向 从 等 并 其 之 也 都 而 且 就 还 又 个 这 那 有 无
    我 我局 本局 局 哪 哪些 哪个 什么 多少 几 如何 怎么 怎样 是否 吗 呢 吧 啊 请问 一下 一共 共 总共
    the a an of in on for to and or is are was were be by with at as what which how many much did do does
    """.split()
)
TOKEN = re.compile(r"[\w\u4e00-\u9fff]")


def tokenize(text: str) -> list[str]:
    """Lower-cased jieba search tokens without punctuation or stop words."""
    text = unicodedata.normalize("NFKC", text).lower()
    return [t for t in jieba.lcut_for_search(text) if t.strip() and TOKEN.match(t) and t not in STOP]


class KeywordIndex:
    """BM25 over a fixed list of texts; row i is chunk i, like the vector index."""

    def __init__(self, retriever: bm25s.BM25, size: int):
        self._bm25 = retriever
        self.size = size

    @classmethod
    def build(cls, texts: list[str]) -> KeywordIndex:
        retriever = bm25s.BM25()
        retriever.index([tokenize(t) or ["\u2205"] for t in texts], show_progress=False)
        return cls(retriever, len(texts))

    def save(self, folder: Path) -> None:
        self._bm25.save(str(folder), show_progress=False)

    @classmethod
    def load(cls, folder: Path, size: int) -> KeywordIndex:
        return cls(bm25s.BM25.load(str(folder), show_progress=False), size)

    def df(self, text: str) -> int:
        """In how many chunks a term occurs: as one token when the index has it, else its rarest
        part (a compound jieba splits); 0 when the collection never uses it."""
        tokens = [text] if text in self._bm25.vocab_dict else tokenize(text)
        indptr = self._bm25.scores["indptr"]
        counts = []
        for token in tokens:
            tid = self._bm25.vocab_dict.get(token)
            counts.append(0 if tid is None or tid + 1 >= len(indptr) else int(indptr[tid + 1] - indptr[tid]))
        return min(counts, default=0)

    def idf(self, token: str) -> float:
        """How rare a token is across the chunks (a word found everywhere tells little); 0 for a
        word no chunk contains, since it cannot be matched anyway."""
        tid = self._bm25.vocab_dict.get(token)
        indptr = self._bm25.scores["indptr"]
        df = 0 if tid is None or tid + 1 >= len(indptr) else int(indptr[tid + 1] - indptr[tid])
        return math.log((self.size + 1) / (df + 0.5)) if df else 0.0

    def search_rows(self, query: str, rows: np.ndarray, k: int) -> list[tuple[int, float]]:
        """(row, score) best first among ``rows`` only, each term's idf counted over those rows.

        Why not the collection's idf: a question that named its reports ranks passages inside them,
        and there a term that every other report repeats (查处, 环境违法行为) still tells passages
        apart while the named place, rare in the collection, does not. With the collection's idf
        the ranking inside one report drifted as unrelated reports were added; counted over the
        rows it depends on those rows alone (BM25 Lucene idf, length norm of the whole index)."""
        tokens = [t for t in tokenize(query) if t in self._bm25.vocab_dict]
        rows = np.unique(np.asarray(rows, dtype=np.int64))
        if not tokens or len(rows) == 0:
            return []
        data, indices, indptr = (self._bm25.scores[key] for key in ("data", "indices", "indptr"))
        scores = np.zeros(len(rows), np.float64)
        for token in tokens:  # a repeated token counts again, as in ``search``
            tid = self._bm25.vocab_dict[token]
            start, end = int(indptr[tid]), int(indptr[tid + 1])
            docs = indices[start:end]
            at = np.minimum(np.searchsorted(rows, docs), len(rows) - 1)
            inside = rows[at] == docs
            df = int(inside.sum())
            if df:
                local = _lucene_idf(df, len(rows)) / _lucene_idf(end - start, self.size)
                scores[at[inside]] += data[start:end][inside] * local  # rows and postings are unique
        top = np.argsort(-scores, kind="stable")[:k]
        return [(int(rows[i]), float(scores[i])) for i in top if scores[i] > 0]

    def search(self, query: str, k: int) -> list[tuple[int, float]]:
        """(row, score) best first over the whole collection."""
        tokens = [t for t in tokenize(query) if t in self._bm25.vocab_dict]
        if not tokens or self.size == 0:
            return []
        rows, scores = self._bm25.retrieve([tokens], k=min(k, self.size), show_progress=False, n_threads=0)
        return [(int(r), float(s)) for r, s in zip(rows[0], scores[0], strict=True) if s > 0]


def _lucene_idf(df: int, n: int) -> float:
    """BM25's idf as bm25s computes it (method "lucene"), for ``df`` of ``n`` documents."""
    return math.log(1 + (n - df + 0.5) / (df + 0.5))
