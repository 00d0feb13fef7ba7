"""The index on disk: FAISS vectors, a JSONL chunk table, the keyword index and a manifest.

Why this layout: everything is plain files a person can inspect (no pickle); row i of the chunk
table is vector i and keyword document i; ``manifest.json`` records what the index was built
from (format, model, dimension, chunking parameters, per-file SHA-256) so that a stale or
mismatched index is refused with a message that says how to fix it. An index is written into a
temporary sibling folder and swapped in by rename, so an interrupted build never leaves a broken
index where a good one was.

Why a marker file: the index folder is the one thing this project deletes and replaces, so it
must never mistake a user's folder for an index. Every index carries ``.report-qa-index``; a
folder without it is only replaced when it is empty or holds nothing but index parts. A crash at
any point of the swap is repaired on the next open: a complete ``INDEX.tmp-*`` finishes the swap,
else ``INDEX.old-*`` is put back; leftovers are removed (only folders with the marker).
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

from ..errors import IndexProblem, QAError
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
CLAUSE_TEXTS, CLAUSE_VECTORS = "clauses.json", "clauses.npy"  # optional: older indexes lack them
FILLED = "clauses.filled.npz"  # the other clauses' vectors, added after the build (``save_filled``)
MARKER = ".report-qa-index"  # written first into every index folder: "this project made it"
PARTS = {MANIFEST, CHUNKS, VECTORS, KEYWORD, SOURCES}
OPTIONAL = {CLAUSE_TEXTS, CLAUSE_VECTORS, FILLED}


@dataclass
class Stored:
    """An index as loaded: manifest, documents, chunks, vectors, keyword index and source texts."""

    manifest: dict
    documents: list[DocInfo]
    chunks: list[Chunk]
    vectors: Vectors
    keyword: KeywordIndex
    texts: dict[str, str]
    clauses: dict[str, np.ndarray]  # clause text → its vector (``stored_clauses`` of every chunk)


def chunk_from_row(row: dict) -> Chunk:
    return Chunk(**{**row, "section": tuple(row["section"])})


def write_index(
    folder: Path,
    manifest: dict,
    documents: list[DocInfo],
    chunks: list[Chunk],
    vectors: np.ndarray,
    texts: dict[str, str],
    clauses: dict[str, np.ndarray],
) -> Stored:
    """Write a complete index into ``folder`` atomically (temporary sibling, then rename); the
    index as written comes back, so a change to the collection never reads it from disk again."""
    folder = Path(folder)
    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=folder.name + ".tmp-", dir=folder.parent))
    (tmp / MARKER).write_text("written by report QA; this folder may be replaced by `qa build`\n")
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
        (tmp / CLAUSE_TEXTS).write_text(json.dumps(list(clauses), ensure_ascii=False), encoding="utf-8")
        with open(tmp / CLAUSE_VECTORS, "wb") as f:
            matrix = np.stack(list(clauses.values())) if clauses else np.zeros((0, vectors.shape[1]))
            np.save(f, matrix.astype(np.float32), allow_pickle=False)
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
    return Stored(manifest, list(documents), list(chunks), store, keyword, dict(texts), dict(clauses))


def ours(folder: Path) -> bool:
    """True for a folder this project made (marker), or one holding only index parts (an index
    written before the marker existed): deleting it loses nothing of the user's."""
    if (folder / MARKER).is_file():
        return True
    names = {p.name for p in folder.iterdir()}
    return MANIFEST in names and names <= PARTS | OPTIONAL


def check_target(folder: Path) -> None:
    """Refuse, before any work, an existing folder that is neither empty nor an index."""
    folder = Path(folder)
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        raise QAError(
            f"{folder} is not a folder report QA made", "choose a new or empty folder for the index"
        )
    if folder.is_dir() and any(folder.iterdir()) and not ours(folder):
        raise QAError(
            f"{folder} exists and was not made by report QA (no {MARKER}); nothing was changed",
            "choose a new or empty folder for the index",
        )


def _swap(new: Path, folder: Path) -> None:
    check_target(folder)
    old = None
    if folder.exists():
        old = folder.with_name(f"{folder.name}.old-{os.getpid()}-{time.time_ns()}")
        os.rename(folder, old)
    os.rename(new, folder)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _complete(folder: Path) -> bool:
    return (folder / MARKER).is_file() and all((folder / part).exists() for part in PARTS)


def leftovers(folder: Path) -> list[Path]:
    """``INDEX.tmp-*`` and ``INDEX.old-*`` siblings made by this project (marker inside)."""
    folder = Path(folder)
    if not folder.parent.is_dir():
        return []
    found = [
        *folder.parent.glob(glob_escape(folder.name) + ".tmp-*"),
        *folder.parent.glob(glob_escape(folder.name) + ".old-*"),
    ]
    return [p for p in found if p.is_dir() and not p.is_symlink() and (p / MARKER).is_file()]


def glob_escape(name: str) -> str:
    return "".join(f"[{c}]" if c in "*?[" else c for c in name)


def recover(folder: Path) -> bool:
    """Repair an interrupted swap; the caller holds the index lock. With the index folder gone,
    the newest complete ``tmp-*`` (finish) or else the newest ``old-*`` (roll back) becomes the
    index; every other leftover is removed. True when something was repaired or removed."""
    folder = Path(folder)
    rest = leftovers(folder)
    if not rest:
        return False
    if not folder.exists():
        done = [p for p in rest if ".tmp-" in p.name and _complete(p)]
        backs = [p for p in rest if ".old-" in p.name and _complete(p)]
        pick = max(done or backs, key=lambda p: p.stat().st_mtime_ns, default=None)
        if pick is not None:
            log.warning("index at %s: interrupted update repaired from %s", folder, pick.name)
            os.rename(pick, folder)
            rest.remove(pick)
    for p in rest:
        shutil.rmtree(p, ignore_errors=True)
    return True


def recover_if_free(folder: Path) -> None:
    """Repair an interrupted swap unless a writer is at work right now (it repairs on its own)."""
    from .lock import IndexLock

    if not leftovers(folder):
        return
    try:
        with IndexLock(folder):
            recover(folder)
    except QAError:
        pass  # another writer holds the lock


def read_manifest(folder: Path) -> dict:
    recover_if_free(Path(folder))
    path = Path(folder) / MANIFEST
    if not path.exists():
        raise IndexProblem(f"no index at {folder} (missing {MANIFEST})", action="build", index=str(folder))
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:  # ValueError: bad JSON or not UTF-8
        raise IndexProblem(f"{path} is unreadable ({exc})", action="rebuild", index=str(folder)) from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT_VERSION:
        raise IndexProblem(
            f"index at {folder} has format "
            f"{manifest.get('format') if isinstance(manifest, dict) else '?'}, "
            f"this version reads {FORMAT_VERSION}",
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
        clauses = {**load_clauses(folder), **load_filled(folder, manifest.get("written"))}
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
    listed = {d["doc"] for d in manifest.get("documents", [])}
    if set(texts) != listed:
        lost = sorted(listed - set(texts))
        raise IndexProblem(
            f"index at {folder} is damaged ({SOURCES} lacks {len(lost)} of {len(listed)} reports"
            f"{', e.g. ' + lost[0] if lost else ''})",
            action="rebuild",
            index=str(folder),
        )
    if vectors.dim != manifest["dimension"]:
        raise IndexProblem(
            f"index at {folder} has {vectors.dim}-d vectors but manifest says {manifest['dimension']}",
            action="rebuild",
            index=str(folder),
        )
    if clauses and len(next(iter(clauses.values()))) != manifest["dimension"]:
        raise IndexProblem(
            f"index at {folder} has clause vectors of another dimension than its {manifest['dimension']}",
            action="rebuild",
            index=str(folder),
        )
    return Stored(manifest, doc_infos(manifest), chunks, vectors, keyword, texts, clauses)


def load_clauses(folder: Path) -> dict[str, np.ndarray]:
    """The stored clause vectors by text; none for an index written before they were stored."""
    if not (folder / CLAUSE_TEXTS).exists():
        log.info(
            "index at %s has no stored clause vectors (an older build): answers embed them when asked; "
            "rebuilding it stores them",
            folder,
        )
        return {}
    names = json.loads((folder / CLAUSE_TEXTS).read_text(encoding="utf-8"))
    matrix = np.load(folder / CLAUSE_VECTORS, allow_pickle=False)
    if not isinstance(names, list) or len(names) != len(matrix):
        raise ValueError(f"{CLAUSE_TEXTS} lists {len(names)} clauses, {CLAUSE_VECTORS} holds {len(matrix)}")
    return dict(zip(names, matrix, strict=True))


def save_filled(folder: Path, written: int, clauses: dict[str, np.ndarray]) -> None:
    """Add the vectors of clauses the build left out to the index in ``folder`` (``fill_clauses``).

    Why a file of its own, stamped with the manifest's ``written``: the rest of the index is
    untouched, so this one file is written beside it and renamed into place (never half-written). A
    change to the collection writes a new index folder that holds these vectors in its own table
    (``write`` keeps them); the stamp makes a fill that raced such a change unreadable rather than
    wrong. No pickle: the texts travel as UTF-8 JSON bytes."""
    folder = Path(folder)
    texts = np.frombuffer(json.dumps(list(clauses), ensure_ascii=False).encode("utf-8"), np.uint8)
    matrix = np.stack(list(clauses.values())).astype(np.float32)
    tmp = folder / f"{FILLED}.{os.getpid()}-{time.time_ns()}.tmp"
    try:
        with open(tmp, "xb") as f:
            np.savez(f, written=np.array([written], np.int64), texts=texts, vectors=matrix)
        os.replace(tmp, folder / FILLED)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def load_filled(folder: Path, written: int | None) -> dict[str, np.ndarray]:
    """The clause vectors ``save_filled`` added to this very index (same ``written``), else none.

    A damaged file is skipped with a warning, never the index refused: these vectors only save the
    answer step some embedding, and the next fill writes them again."""
    path = Path(folder) / FILLED
    if not path.exists():
        return {}
    try:
        with np.load(path, allow_pickle=False) as data:
            if int(data["written"][0]) != written:
                return {}
            names = json.loads(data["texts"].tobytes().decode("utf-8"))
            matrix = data["vectors"]
        if not isinstance(names, list) or len(names) != len(matrix):
            raise ValueError(f"it lists {len(names)} clauses and holds {len(matrix)} vectors")
    except Exception as exc:  # truncated, overwritten by hand, another format: not ours to trust
        log.warning(
            "ignoring %s (%s: %s): answers embed those clauses until it is filled again",
            path,
            type(exc).__name__,
            exc,
        )
        return {}
    return dict(zip(names, matrix, strict=True))


def doc_infos(manifest: dict) -> list[DocInfo]:
    """The reports a manifest lists."""
    tuples = ("aliases", "parents", "years")
    out = []
    for d in manifest.get("documents", []):
        facts = tuple(Fact(**f) for f in d.get("facts", ()))
        out.append(DocInfo(**{**d, **{k: tuple(d.get(k, ())) for k in tuples}, "facts": facts}))
    return out
