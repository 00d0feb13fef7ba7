"""Changing what is indexed: build, add, replace, remove, edit metadata — safely.

Why one module: every change follows the same path. Take the index lock (one writer at a time),
prepare each report (read → metadata → chunks), reuse the vectors of every report whose bytes
are unchanged (SHA-256), embed only the rest, and write a complete new index beside the old one
that is swapped in by rename. A crash or Ctrl-C at any moment leaves the previous index whole.
"""
from __future__ import annotations

import hashlib
import logging
import os
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from .chunk import Chunk, chunk_source
from .clean import read_source
from .config import Config
from .embed import Embedder
from .errors import QAError
from .meta import aliases_for, extract
from .read import SUFFIXES, ReadError
from .store import FORMAT_VERSION, DocInfo, Stored, load_index, read_manifest, write_index

log = logging.getLogger(__name__)


@dataclass
class Entry:
    """One report ready to be written: its listing, chunks, vectors (None: to embed) and text."""

    info: DocInfo
    chunks: list[Chunk]
    vectors: np.ndarray | None
    text: str


@dataclass
class Update:
    """What a change did, for the CLI and the page to report."""

    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    skipped: dict[str, str] = field(default_factory=dict)  # file → why (duplicate, unreadable …)
    warnings: list[str] = field(default_factory=list)
    embedded: int = 0  # chunks embedded by this change


def list_sources(sources) -> list[Path]:
    """Report files from a folder (its supported files, sorted) or a list of files and folders."""
    items = sources if isinstance(sources, (list, tuple)) else [sources]
    files: list[Path] = []
    for item in map(Path, items):
        if item.is_dir():
            files += sorted(p for p in item.iterdir() if p.suffix.lower() in SUFFIXES and p.is_file())
        elif item.is_file():
            files.append(item)
        else:
            raise ReadError(f"{item} does not exist; give a report file or a folder of reports ({' '.join(SUFFIXES)})")
    if not files:
        raise ReadError(f"no reports ({' '.join(SUFFIXES)}) in {', '.join(map(str, items))}")
    names = [f.name for f in files]
    dup = sorted({n for n in names if names.count(n) > 1})
    if dup:
        raise ReadError(f"two reports share the file name {dup[0]}; file names identify reports, rename one")
    return files


class IndexLock:
    """One writer at a time: ``INDEX.lock`` beside the index holds the writer's pid.

    A lock left by a process that no longer runs (killed mid-update) is taken over.
    """

    def __init__(self, index_dir: Path):
        self.path = Path(index_dir).with_name(Path(index_dir).name + ".lock")

    def __enter__(self):
        self.path.parent.mkdir(parents=True, exist_ok=True)
        for _ in range(2):
            try:
                fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
                os.write(fd, str(os.getpid()).encode())
                os.close(fd)
                return self
            except FileExistsError:
                pid = self._holder()
                if pid and _alive(pid):
                    raise QAError(f"another update (pid {pid}) is changing {self.path.with_suffix('')}; wait for it to finish") from None
                self.path.unlink(missing_ok=True)  # a dead writer's lock
        raise QAError(f"cannot take the lock {self.path}; remove it if no update is running")

    def _holder(self) -> int | None:
        try:
            return int(self.path.read_text().strip() or 0)
        except (OSError, ValueError):
            return None

    def __exit__(self, *exc):
        self.path.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def prepare(path: Path, config: Config, reuse: dict[str, np.ndarray], added: dict[str, str]) -> Entry:
    """Read, describe and chunk one report; its vectors come from ``reuse`` when the bytes are unchanged."""
    src = read_source(path)
    meta = extract(src)
    chunks = chunk_source(src, meta, config.max_chars, config.min_chars)
    vectors = reuse.get(src.sha256)
    if vectors is not None and len(vectors) != len(chunks):
        vectors = None
    stamp = added.get(src.sha256) or time.strftime("%Y-%m-%dT%H:%M:%S%z")
    info = DocInfo(src.doc, str(path.resolve()), src.sha256, meta.title, meta.bureau, meta.region, meta.aliases, meta.year, meta.published, len(chunks), stamp)
    return Entry(info, chunks, vectors, src.text)


def entries_of(stored: Stored) -> list[Entry]:
    """The reports of a loaded index as entries (with their vectors), in index order."""
    vectors = stored.vectors.all()
    out, row = [], 0
    for d in stored.documents:
        out.append(Entry(d, stored.chunks[row : row + d.chunks], vectors[row : row + d.chunks], stored.texts[d.doc]))
        row += d.chunks
    return out


def existing(index_dir: Path, config: Config) -> tuple[dict, list[Entry]]:
    """The current index's manifest and entries if it was built the same way, else ({}, [])."""
    try:
        manifest = read_manifest(index_dir)
        if manifest.get("params") != config.index_params():
            return {}, []
        return manifest, entries_of(load_index(index_dir))
    except QAError:
        return {}, []


def write(index_dir: Path, entries: list[Entry], embedder: Embedder, config: Config, sources: list[str], removed: list[str], progress: bool) -> int:
    """Embed what has no vectors yet and write the whole index atomically; returns chunks embedded."""
    todo = [e for e in entries if e.vectors is None]
    texts = [c.embed_text() for e in todo for c in e.chunks]
    if texts:
        log.info("embedding %d chunks of %d reports", len(texts), len(todo))
    fresh = embedder.passages(texts, config.batch_size, progress)
    pos = 0
    for e in todo:
        e.vectors = fresh[pos : pos + len(e.chunks)]
        pos += len(e.chunks)
    # chunk ids stay "file#ordinal" within each file
    chunks = [c for e in entries for c in e.chunks]
    matrix = np.concatenate([e.vectors for e in entries]) if entries else np.zeros((0, embedder.dim), np.float32)
    manifest = {
        "format": FORMAT_VERSION,
        "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "written": time.time_ns(),
        "model": config.model,
        "dimension": embedder.dim,
        "params": config.index_params(),
        "config": config.to_dict(),
        "sources": sources,
        "removed": removed,
    }
    write_index(index_dir, manifest, [e.info for e in entries], chunks, matrix, {e.info.doc: e.text for e in entries})
    return len(texts)


def build(sources, index_dir: Path, config: Config, embedder: Embedder, progress: bool) -> Update:
    files = list_sources(sources)
    with IndexLock(index_dir):
        _, old = existing(index_dir, config)
        reuse = {e.info.sha256: e.vectors for e in old}
        added = {e.info.sha256: e.info.added for e in old}
        entries = [prepare(f, config, reuse, added) for f in files]
        given = [str(Path(s).resolve()) for s in (sources if isinstance(sources, (list, tuple)) else [sources])]
        embedded = write(index_dir, entries, embedder, config, given, [], progress)
    return Update(added=[e.info.doc for e in entries], embedded=embedded, warnings=_warnings(entries))


def add(paths, index_dir: Path, config: Config, embedder: Embedder, progress: bool) -> Update:
    """Add or replace reports; identical files under another name are skipped as duplicates."""
    files = list_sources(paths)
    with IndexLock(index_dir):
        manifest, entries = existing(index_dir, config)
        if not manifest:
            raise QAError(f"no index at {index_dir} built with {config.model}; create one with: qa build SOURCES --index {index_dir}")
        update = Update()
        by_sha = {e.info.sha256: e.info.doc for e in entries}
        reuse = {e.info.sha256: e.vectors for e in entries}
        added_at = {e.info.sha256: e.info.added for e in entries}
        new_entries = []
        for f in files:
            try:
                entry = prepare(f, config, reuse, added_at)
            except ReadError as exc:
                update.skipped[f.name] = str(exc)
                continue
            same = by_sha.get(entry.info.sha256)
            if same is not None and same != entry.info.doc:
                update.skipped[f.name] = f"identical to {same}, already in the collection"
                continue
            if same == entry.info.doc:
                update.skipped[f.name] = "unchanged"
                continue
            names = [e.info.doc for e in entries]
            if entry.info.doc in names:
                entries[names.index(entry.info.doc)] = entry
                update.replaced.append(entry.info.doc)
            else:
                entries.append(entry)
                update.added.append(entry.info.doc)
            by_sha[entry.info.sha256] = entry.info.doc
            new_entries.append(entry)
        if new_entries:
            sources = list(dict.fromkeys(manifest.get("sources", []) + [str(f.resolve()) for f in files]))
            removed = [r for r in manifest.get("removed", []) if r not in {e.info.doc for e in new_entries}]
            update.embedded = write(index_dir, entries, embedder, config, sources, removed, progress)
        update.warnings = _warnings(new_entries)
    return update


def remove(docs: list[str], index_dir: Path, config: Config, embedder: Embedder) -> Update:
    with IndexLock(index_dir):
        manifest, entries = existing(index_dir, config)
        names = {e.info.doc for e in entries}
        unknown = [d for d in docs if d not in names]
        if unknown:
            raise QAError(f"no report named {unknown[0]} in {index_dir}; `qa list` shows the collection")
        kept = [e for e in entries if e.info.doc not in docs]
        write(index_dir, kept, embedder, config, manifest.get("sources", []), sorted(set(manifest.get("removed", [])) | set(docs)), False)
    return Update(removed=list(docs))


def set_metadata(doc: str, index_dir: Path, config: Config, embedder: Embedder, region: str | None = None, year: int | None = None, bureau: str | None = None) -> Update:
    """Correct a report's region, year or bureau (when the text did not say); no re-embedding."""
    with IndexLock(index_dir):
        manifest, entries = existing(index_dir, config)
        match = [e for e in entries if e.info.doc == doc]
        if not match:
            raise QAError(f"no report named {doc} in {index_dir}; `qa list` shows the collection")
        e = match[0]
        info = e.info
        if region:
            short = region[:-1] if len(region) >= 3 and region[-1] in "省市区县州旗盟" else region
            info = replace(info, region=region, aliases=aliases_for(region, short, ""))
        if year:
            info = replace(info, year=int(year))
        if bureau:
            info = replace(info, bureau=bureau)
        e.info = info
        e.chunks = [replace(c, region=info.region, year=info.year) for c in e.chunks]
        write(index_dir, entries, embedder, config, manifest.get("sources", []), manifest.get("removed", []), False)
    return Update(replaced=[doc])


def _warnings(entries: list[Entry]) -> list[str]:
    out = []
    for e in entries:
        missing = [name for name, value in (("region", e.info.region), ("year", e.info.year)) if not value]
        if missing:
            out.append(f"{e.info.doc}: no {' or '.join(missing)} found in the text; set it with: qa edit {e.info.doc} --region … --year …")
    return out


def stale_files(manifest: dict) -> list[str]:
    """What changed on disk since the index was written ('x.txt modified', 'y.txt new')."""
    changed = []
    indexed = {d["doc"]: d for d in manifest.get("documents", [])}
    for d in indexed.values():
        path = Path(d["path"])
        if path.is_file() and hashlib.sha256(path.read_bytes()).hexdigest() != d["sha256"]:
            changed.append(f"{d['doc']} modified")
    skip = set(manifest.get("removed", [])) | set(indexed)
    for source in map(Path, manifest.get("sources", [])):
        if source.is_dir():
            changed += [f"{p.name} new" for p in sorted(source.iterdir()) if p.suffix.lower() in SUFFIXES and p.is_file() and p.name not in skip]
    return changed
