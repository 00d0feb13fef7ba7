"""The vectors behind a small interface: FAISS in the index folder, or a Milvus collection.

Why an interface: retrieval only needs add, top-k search, exact scores over given rows, all
vectors back, save and load. A distributed vector store (Milvus, ``milvus_store``) takes FAISS's
place without touching retrieval; ``Config.store`` picks one (docs/SCALING.md).
"""

from __future__ import annotations

from pathlib import Path

import faiss
import numpy as np

from ..types import Chunk
from .milvus_store import MilvusStore

HNSW_ABOVE = 200_000  # vectors; below this exact search is fast enough (see docs/BENCHMARKS.md)


class VectorStore:
    """Normalised vectors searched by inner product (= cosine); row i is chunk i."""

    filters = False  # scoping by report is exact search over the report's rows (``search_rows``)

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

    def location(self) -> dict:
        return {"store": "faiss"}

    def drop_superseded(self, folder: Path) -> None:
        """Nothing to do: the previous vectors went with the previous index folder."""


Vectors = VectorStore | MilvusStore  # both: search, all, save, location, drop_superseded, kind, dim, len


def create_store(manifest: dict, folder: Path, vectors: np.ndarray, chunks: list[Chunk]) -> Vectors:
    """The vectors of index ``folder`` in the store its configuration names (FAISS by default)."""
    store = manifest.get("config", {}).get("store", "faiss")
    dim = int(manifest["dimension"])
    if store == "faiss":
        return VectorStore.create(dim, vectors)
    return MilvusStore.create(store, folder, dim, vectors, chunks)


def load_store(manifest: dict, path: Path, chunks: list[Chunk]) -> Vectors:
    """The vectors a manifest names: the FAISS file at ``path`` or its Milvus collection."""
    location = manifest.get("vector_store", {"store": "faiss"})
    if location["store"] == "faiss":
        return VectorStore.load(path)
    return MilvusStore.open(location, [c.id for c in chunks], int(manifest["dimension"]))


def make_vector_index(dim: int, n: int, kind: str | None = None) -> faiss.Index:
    """Exact inner product up to HNSW_ABOVE vectors, HNSW (approximate) above; or the ``kind`` asked."""
    kind = kind or ("hnsw" if n > HNSW_ABOVE else "flat")
    if kind == "flat":
        return faiss.IndexFlatIP(dim)
    index = faiss.IndexHNSWFlat(dim, 32, faiss.METRIC_INNER_PRODUCT)
    index.hnsw.efConstruction = 64
    index.hnsw.efSearch = 128
    return index
