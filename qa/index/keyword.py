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

    def search(self, query: str, k: int, allowed: np.ndarray | None = None) -> list[tuple[int, float]]:
        """(row, score) best first; rows outside ``allowed`` (a 0/1 mask) are never returned."""
        tokens = [t for t in tokenize(query) if t in self._bm25.vocab_dict]
        if not tokens or self.size == 0:
            return []
        k = min(k, self.size)
        mask = None if allowed is None else allowed.astype(np.float32)
        rows, scores = self._bm25.retrieve([tokens], k=k, show_progress=False, weight_mask=mask, n_threads=0)
        return [(int(r), float(s)) for r, s in zip(rows[0], scores[0], strict=True) if s > 0]
