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

import numpy as np

from ..errors import IndexProblem
from ..ingest.chunk import embed_text
from ..types import Chunk, DocInfo, Fact
from .keyword import KeywordIndex
from .vectors import Vectors, create_store, load_store

log = logging.getLogger(__name__)

FORMAT_VERSION = 1
MANIFEST, CHUNKS, VECTORS, KEYWORD, SOURCES = (
    "manifest.json",
    "chunks.jsonl",
    "vectors.faiss",
    "keyword",
    "sources.jsonl",
)


@dataclass
class Stored:
    """An index as loaded: manifest, documents, chunks, vectors, keyword index and source texts."""

    manifest: dict
    documents: list[DocInfo]
    chunks: list[Chunk]
    vectors: Vectors
    keyword: KeywordIndex
    texts: dict[str, str]


def chunk_from_row(row: dict) -> Chunk:
    return Chunk(**{**row, "section": tuple(row["section"])})


def write_index(
    folder: Path,
    manifest: dict,
    documents: list[DocInfo],
    chunks: list[Chunk],
    vectors: np.ndarray,
    texts: dict[str, str],
) -> Stored:
    """Write a complete index into ``folder`` atomically (temporary sibling, then rename); the
    index as written comes back, so a change to the collection never reads it from disk again."""
    folder = Path(folder)
    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=folder.name + ".tmp-", dir=folder.parent))
    try:
        store = create_store(manifest, folder, vectors, chunks)
        store.save(tmp / VECTORS)
        with open(tmp / CHUNKS, "w", encoding="utf-8") as f:
            for c in chunks:
                f.write(json.dumps(asdict(c), ensure_ascii=False) + "\n")
        with open(tmp / SOURCES, "w", encoding="utf-8") as f:
            for doc, text in texts.items():
                f.write(json.dumps({"doc": doc, "text": text}, ensure_ascii=False) + "\n")
        keyword = KeywordIndex.build([embed_text(c) for c in chunks])
        keyword.save(tmp / KEYWORD)
        manifest = {
            **manifest,
            "vector_index": store.kind,
            "vector_store": store.location(),
            "documents": [asdict(d) for d in documents],
            "counts": {"documents": len(documents), "chunks": len(chunks)},
        }
        (tmp / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
        _swap(tmp, folder)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    store.drop_superseded(folder)
    return Stored(manifest, list(documents), list(chunks), store, keyword, dict(texts))


def _swap(new: Path, folder: Path) -> None:
    old = None
    if folder.exists():
        if not (folder / MANIFEST).exists() and any(folder.iterdir()):
            raise IndexProblem(
                f"{folder} exists and is not an index (no {MANIFEST})", "choose an empty or index folder"
            )
        old = folder.with_name(f"{folder.name}.old-{os.getpid()}-{time.time_ns()}")
        os.rename(folder, old)
    os.rename(new, folder)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def read_manifest(folder: Path) -> dict:
    path = Path(folder) / MANIFEST
    if not path.exists():
        raise IndexProblem(f"no index at {folder} (missing {MANIFEST})", action="build", index=str(folder))
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise IndexProblem(f"{path} is unreadable ({exc})", action="rebuild", index=str(folder)) from exc
    if manifest.get("format") != FORMAT_VERSION:
        raise IndexProblem(
            f"index at {folder} has format {manifest.get('format')}, this version reads {FORMAT_VERSION}",
            action="rebuild",
            index=str(folder),
        )
    return manifest


def load_index(folder: Path) -> Stored:
    """Load every part and check they agree (row counts, dimension)."""
    folder = Path(folder)
    manifest = read_manifest(folder)
    try:
        chunks = [
            chunk_from_row(json.loads(line))
            for line in (folder / CHUNKS).read_text(encoding="utf-8").splitlines()
        ]
        vectors = load_store(manifest, folder / VECTORS, chunks)
        keyword = KeywordIndex.load(folder / KEYWORD, len(chunks))
        texts = {}
        for line in (folder / SOURCES).read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            texts[row["doc"]] = row["text"]
    except Exception as exc:  # any broken part: the whole index is unusable
        raise IndexProblem(
            f"index at {folder} is damaged ({type(exc).__name__}: {exc})", action="rebuild", index=str(folder)
        ) from exc
    expected = manifest.get("counts", {}).get("chunks")
    if not (len(chunks) == len(vectors) == expected):
        raise IndexProblem(
            f"index at {folder} is inconsistent "
            f"({len(chunks)} chunks, {len(vectors)} vectors, manifest says {expected})",
            action="rebuild",
            index=str(folder),
        )
    if vectors.dim != manifest["dimension"]:
        raise IndexProblem(
            f"index at {folder} has {vectors.dim}-d vectors but manifest says {manifest['dimension']}",
            action="rebuild",
            index=str(folder),
        )
    return Stored(manifest, doc_infos(manifest), chunks, vectors, keyword, texts)


def doc_infos(manifest: dict) -> list[DocInfo]:
    """The reports a manifest lists."""
    tuples = ("aliases", "parents", "years")
    out = []
    for d in manifest.get("documents", []):
        facts = tuple(Fact(**f) for f in d.get("facts", ()))
        out.append(DocInfo(**{**d, **{k: tuple(d.get(k, ())) for k in tuples}, "facts": facts}))
    return out
