"""The vectors behind a small interface, implemented with FAISS.

Why an interface: retrieval only needs add, top-k search, exact scores over given rows, all
vectors back, save and load. A distributed vector store can take FAISS's place without touching
retrieval (docs/SCALING.md).
"""

from __future__ import annotations

from pathlib import Path

import faiss
import numpy as np

HNSW_ABOVE = 200_000  # vectors; below this exact search is fast enough (see docs/BENCHMARKS.md)


class VectorStore:
    """Normalised vectors searched by inner product (= cosine); row i is chunk i."""

    def __init__(self, index: faiss.Index):
        self._index = index

    @classmethod
    def create(cls, dim: int, vectors: np.ndarray, kind: str | None = None) -> VectorStore:
        """A store holding ``vectors`` (row i = chunk i); exact or HNSW by size unless ``kind`` says."""
        index = make_vector_index(dim, len(vectors), kind)
        if len(vectors):
            index.add(np.ascontiguousarray(vectors, dtype=np.float32))
        return cls(index)

    @property
    def kind(self) -> str:
        return "hnsw" if isinstance(self._index, faiss.IndexHNSW) else "flat"

    @property
    def dim(self) -> int:
        return self._index.d

    def __len__(self) -> int:
        return self._index.ntotal

    def search(self, query: np.ndarray, k: int) -> list[tuple[int, float]]:
        """(row, cosine) of the k nearest rows, best first."""
        if len(self) == 0:
            return []
        scores, ids = self._index.search(query[None, :], min(k, len(self)))
        return [(int(i), float(s)) for i, s in zip(ids[0], scores[0], strict=True) if i >= 0]

    def search_rows(self, query: np.ndarray, rows: np.ndarray, k: int) -> list[tuple[int, float]]:
        """Exact (row, cosine) among ``rows`` only: a question that named its reports."""
        scores = self._index.reconstruct_batch(rows) @ query
        top = np.argsort(-scores, kind="stable")[:k]
        return [(int(rows[i]), float(scores[i])) for i in top]

    def all(self) -> np.ndarray:
        """Every vector, row i = chunk i (for reuse when the collection changes)."""
        if len(self) == 0:
            return np.zeros((0, self.dim), np.float32)
        return self._index.reconstruct_n(0, len(self))

    def save(self, path: Path) -> None:
        faiss.write_index(self._index, str(path))

    @classmethod
    def load(cls, path: Path) -> VectorStore:
        return cls(faiss.read_index(str(path)))


def make_vector_index(dim: int, n: int, kind: str | None = None) -> faiss.Index:
    """Exact inner product up to HNSW_ABOVE vectors, HNSW (approximate) above; or the ``kind`` asked."""
    kind = kind or ("hnsw" if n > HNSW_ABOVE else "flat")
    if kind == "flat":
        return faiss.IndexFlatIP(dim)
    index = faiss.IndexHNSWFlat(dim, 32, faiss.METRIC_INNER_PRODUCT)
    index.hnsw.efConstruction = 64
    index.hnsw.efSearch = 128
    return index
