"""The index on disk: FAISS vectors, a JSONL chunk table, the keyword index and a manifest.

Why this layout: everything is plain files a person can inspect (no pickle); row i of the chunk
table is vector i and keyword document i; ``manifest.json`` records what the index was built
from (format, model, dimension, chunking parameters, per-file SHA-256) so that a stale or
mismatched index is refused with a message that says how to fix it. An index is written into a
temporary sibling folder and swapped in by rename, so an interrupted build never leaves a broken
index where a good one was.
"""
from __future__ import annotations

import json
import logging
import os
import shutil
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import faiss
import numpy as np

from .chunk import Chunk
from .errors import IndexProblem
from .keyword import KeywordIndex

log = logging.getLogger(__name__)

FORMAT_VERSION = 1
HNSW_ABOVE = 200_000  # vectors; below this exact search is fast enough (see docs/BENCHMARKS.md)
MANIFEST, CHUNKS, VECTORS, KEYWORD, SOURCES = "manifest.json", "chunks.jsonl", "vectors.faiss", "keyword", "sources.jsonl"


@dataclass(frozen=True)
class DocInfo:
    """One report in the collection, as the manifest lists it."""

    doc: str
    path: str
    sha256: str
    title: str
    bureau: str
    region: str
    aliases: tuple[str, ...]
    year: int | None
    published: str | None
    chunks: int
    added: str = ""  # when the report entered the collection


@dataclass
class Stored:
    """An index as loaded: manifest, documents, chunks, vectors, keyword index and source texts."""

    manifest: dict
    documents: list[DocInfo]
    chunks: list[Chunk]
    vectors: VectorStore
    keyword: KeywordIndex
    texts: dict[str, str]


def chunk_from_row(row: dict) -> Chunk:
    return Chunk(**{**row, "section": tuple(row["section"])})


class VectorStore:
    """The vectors behind a small interface: add, top-k search, exact scores for given rows,
    all vectors back, save and load. FAISS implements it here; a distributed vector store can
    take its place without touching retrieval (docs/SCALING.md)."""

    def __init__(self, index: faiss.Index):
        self._index = index

    @classmethod
    def create(cls, dim: int, vectors: np.ndarray) -> "VectorStore":
        store = cls(make_vector_index(dim, len(vectors)))
        if len(vectors):
            store._index.add(np.ascontiguousarray(vectors, dtype=np.float32))
        return store

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
        return [(int(i), float(s)) for i, s in zip(ids[0], scores[0]) if i >= 0]

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
    def load(cls, path: Path) -> "VectorStore":
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


def write_index(folder: Path, manifest: dict, documents: list[DocInfo], chunks: list[Chunk], vectors: np.ndarray, texts: dict[str, str]) -> None:
    """Write a complete index into ``folder`` atomically (temporary sibling, then rename)."""
    folder = Path(folder)
    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=folder.name + ".tmp-", dir=folder.parent))
    try:
        store = VectorStore.create(int(manifest["dimension"]), vectors)
        store.save(tmp / VECTORS)
        with open(tmp / CHUNKS, "w", encoding="utf-8") as f:
            for c in chunks:
                f.write(json.dumps(asdict(c), ensure_ascii=False) + "\n")
        with open(tmp / SOURCES, "w", encoding="utf-8") as f:
            for doc, text in texts.items():
                f.write(json.dumps({"doc": doc, "text": text}, ensure_ascii=False) + "\n")
        KeywordIndex.build([c.embed_text() for c in chunks]).save(tmp / KEYWORD)
        manifest = {**manifest, "vector_index": store.kind, "documents": [asdict(d) for d in documents], "counts": {"documents": len(documents), "chunks": len(chunks)}}
        (tmp / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
        _swap(tmp, folder)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _swap(new: Path, folder: Path) -> None:
    old = None
    if folder.exists():
        if not (folder / MANIFEST).exists() and any(folder.iterdir()):
            raise IndexProblem(f"{folder} exists and is not an index (no {MANIFEST}); choose an empty or index folder")
        old = folder.with_name(f"{folder.name}.old-{os.getpid()}-{time.time_ns()}")
        os.rename(folder, old)
    os.rename(new, folder)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def read_manifest(folder: Path) -> dict:
    path = Path(folder) / MANIFEST
    if not path.exists():
        raise IndexProblem(f"no index at {folder} (missing {MANIFEST}); build one with: qa build SOURCES --index {folder}")
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise IndexProblem(f"{path} is unreadable ({exc}); rebuild with: qa build SOURCES --index {folder}") from exc
    if manifest.get("format") != FORMAT_VERSION:
        raise IndexProblem(
            f"index at {folder} has format {manifest.get('format')}, this version reads {FORMAT_VERSION}; "
            f"rebuild with: qa build SOURCES --index {folder}"
        )
    return manifest


def load_index(folder: Path) -> Stored:
    """Load every part and check they agree (row counts, dimension)."""
    folder = Path(folder)
    manifest = read_manifest(folder)
    fix = f"rebuild with: qa build SOURCES --index {folder}"
    try:
        chunks = [chunk_from_row(json.loads(line)) for line in (folder / CHUNKS).read_text(encoding="utf-8").splitlines()]
        vectors = VectorStore.load(folder / VECTORS)
        keyword = KeywordIndex.load(folder / KEYWORD, len(chunks))
        texts = {}
        for line in (folder / SOURCES).read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            texts[row["doc"]] = row["text"]
    except Exception as exc:  # any broken part: the whole index is unusable
        raise IndexProblem(f"index at {folder} is damaged ({type(exc).__name__}: {exc}); {fix}") from exc
    expected = manifest.get("counts", {}).get("chunks")
    if not (len(chunks) == len(vectors) == expected):
        raise IndexProblem(f"index at {folder} is inconsistent ({len(chunks)} chunks, {len(vectors)} vectors, manifest says {expected}); {fix}")
    if vectors.dim != manifest["dimension"]:
        raise IndexProblem(f"index at {folder} has {vectors.dim}-d vectors but manifest says {manifest['dimension']}; {fix}")
    return Stored(manifest, doc_infos(manifest), chunks, vectors, keyword, texts)


def doc_infos(manifest: dict) -> list[DocInfo]:
    """The reports a manifest lists."""
    return [DocInfo(**{**d, "aliases": tuple(d["aliases"])}) for d in manifest.get("documents", [])]
