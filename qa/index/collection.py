"""Changing what is indexed: build, add, replace, remove, edit metadata — safely.

Why one module: every change follows the same path. Take the index lock (one writer at a time),
prepare each report (read → metadata → chunks), reuse the vectors of every report whose bytes
are unchanged (SHA-256), embed only the rest, and write a complete new index beside the old one
that is swapped in by rename. A crash or Ctrl-C at any moment leaves the previous index whole.
What the user changed by hand is part of the collection's state in the manifest — ``removed``
(file names) and ``edits`` (region/year/bureau by SHA-256) — so a rebuild from the sources keeps
it instead of bringing removed reports back or undoing corrections.
A change starts from the index the caller already has open (read again only when another
process changed it meanwhile) and hands back the index it wrote, so nothing is loaded twice.
"""

from __future__ import annotations

import hashlib
import logging
import time
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from ..config import Config
from ..errors import QAError
from ..ingest import ingest
from ..ingest.chunk import embed_text
from ..ingest.meta import place_fields
from ..ingest.read import ReadError, suffixes
from ..text import stored_clauses
from ..types import Chunk, DocInfo, Update
from .embed import Embedder
from .lock import IndexLock
from .store import (
    FORMAT_VERSION,
    Stored,
    check_target,
    load_filled,
    load_index,
    read_manifest,
    recover,
    save_filled,
    write_index,
)

log = logging.getLogger(__name__)


@dataclass
class Entry:
    """One report ready to be written: its listing, chunks, vectors (None: to embed) and text."""

    info: DocInfo
    chunks: list[Chunk]
    vectors: np.ndarray | None
    text: str


def list_sources(sources, skipped: dict[str, str] | None = None) -> list[Path]:
    """Report files from a folder (its supported files, sorted) or a list of files and folders.
    A symlink in a folder that points outside it is left out (with its reason in ``skipped``):
    a link to /etc/passwd in a reports folder must not get served as a report."""
    items = sources if isinstance(sources, (list, tuple)) else [sources]
    known = suffixes()
    files: list[Path] = []
    for item in map(Path, items):
        if item.is_dir():
            inside = item.resolve()
            for p in sorted(x for x in item.iterdir() if x.suffix.lower() in known and x.is_file()):
                if p.is_symlink() and not p.resolve().is_relative_to(inside):
                    if skipped is not None:
                        skipped[p.name] = "a link to a file outside the folder; copy the file in instead"
                    continue
                files.append(p)
        elif item.is_file():
            files.append(item)
        else:
            raise ReadError(
                f"{item} does not exist; give a report file or a folder of reports ({' '.join(known)})"
            )
    if not files:
        raise ReadError(f"no reports ({' '.join(known)}) in {', '.join(map(str, items))}")
    names = [f.name for f in files]
    dup = sorted({n for n in names if names.count(n) > 1})
    if dup:
        raise ReadError(f"two reports share the file name {dup[0]}; file names identify reports, rename one")
    return files


def prepare(
    path: Path,
    config: Config,
    reuse: dict[str, np.ndarray],
    added: dict[str, str],
    edits: dict[str, dict] | None = None,
) -> Entry:
    """Read, describe and chunk one report; its vectors come from ``reuse`` when the bytes are
    unchanged, and a hand edit recorded for these bytes (``edits``) is applied again."""
    src, meta, chunks = ingest(path, config.max_chars, config.min_chars)
    vectors = reuse.get(src.sha256)
    if vectors is not None and len(vectors) != len(chunks):
        vectors = None
    stamp = added.get(src.sha256) or time.strftime("%Y-%m-%dT%H:%M:%S%z")
    info = DocInfo(
        src.doc,
        str(path.resolve()),
        src.sha256,
        meta.title,
        meta.bureau,
        meta.region,
        meta.aliases,
        meta.year,
        meta.published,
        len(chunks),
        stamp,
        meta.level,
        meta.parents,
        meta.code,
        meta.years,
        src.signed,
        src.issuer,
        src.docnum,
        src.facts,
    )
    entry = Entry(info, chunks, vectors, src.text)
    edit = (edits or {}).get(src.sha256)
    if edit:
        apply_edit(entry, **edit)
    return entry


def apply_edit(
    entry: Entry, region: str | None = None, year: int | None = None, bureau: str | None = None
) -> None:
    """Set a report's region, year or bureau on its listing and chunks (no re-embedding)."""
    info = entry.info
    if region:
        info = replace(info, **place_fields(region))
    if year:
        info = replace(info, year=int(year))
    if bureau:
        info = replace(info, bureau=bureau)
    entry.info = info
    entry.chunks = [replace(c, region=info.region, year=info.year) for c in entry.chunks]


def text_key(entry: Entry) -> str:
    """The decoded text's hash: the same report saved in another encoding is the same report."""
    return hashlib.sha256(entry.text.encode("utf-8")).hexdigest()


def state_of(manifest: dict | None) -> dict:
    """The hand-made part of a collection's state: removed file names and edits by SHA-256, and
    the source files a build skipped (name → SHA-256, so a fixed file counts as new again)."""
    manifest = manifest or {}
    return {
        "removed": list(manifest.get("removed", [])),
        "edits": dict(manifest.get("edits", {})),
        "skipped": dict(manifest.get("skipped", {})),
    }


def _sha_or_empty(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""


def entries_of(stored: Stored) -> list[Entry]:
    """The reports of a loaded index as entries (with their vectors), in index order."""
    vectors = stored.vectors.all()
    out, row = [], 0
    for d in stored.documents:
        out.append(
            Entry(d, stored.chunks[row : row + d.chunks], vectors[row : row + d.chunks], stored.texts[d.doc])
        )
        row += d.chunks
    return out


def current(stored: Stored | None, index_dir: Path, config: Config) -> Stored | None:
    """The index to change: the caller's copy while it is the one on disk, else the disk's
    (another process changed it) when it was built the same way; None when there is none."""
    try:
        manifest = read_manifest(index_dir)
    except QAError:
        return None
    if manifest.get("params") != config.index_params():
        return None
    if stored is not None and stored.manifest.get("written") == manifest.get("written"):
        return stored
    try:
        return load_index(index_dir)
    except QAError:
        return None


def write(
    index_dir: Path,
    entries: list[Entry],
    embedder: Embedder,
    config: Config,
    sources: list[str],
    state: dict,
    progress: bool,
    known: dict[str, np.ndarray],
) -> tuple[int, Stored]:
    """Embed what has no vectors yet and write the whole index atomically; (chunks embedded, index).

    The clauses whose vectors the index keeps (``stored_clauses``: those that state figures, by
    default) are embedded here too, in the same batches as the chunks, unless ``known`` (the previous
    index's) has them; the previous index's vectors of other clauses still in the collection (a
    server's fill, ``fill_clauses``) are kept, so a change leaves only its own reports to fill."""
    todo = [e for e in entries if e.vectors is None]
    texts = [embed_text(c) for e in todo for c in e.chunks]
    chunks = [c for e in entries for c in e.chunks]
    wanted = clause_texts(chunks, config.clause_vectors)
    new_clauses = [t for t in wanted if t not in known]
    if texts or new_clauses:
        log.info("embedding %d chunks of %d reports, %d clauses", len(texts), len(todo), len(new_clauses))
    fresh = embedder.passages(texts + new_clauses, config.batch_size, progress)
    clauses = {**known, **dict(zip(new_clauses, fresh[len(texts) :], strict=True))}
    pos = 0
    for e in todo:
        e.vectors = fresh[pos : pos + len(e.chunks)]
        pos += len(e.chunks)
    matrix = (
        np.concatenate([e.vectors for e in entries]) if entries else np.zeros((0, embedder.dim), np.float32)
    )
    manifest = {
        "format": FORMAT_VERSION,
        "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "written": time.time_ns(),
        "model": config.model,
        "dimension": embedder.dim,
        "params": config.index_params(),
        "config": config.to_dict(),
        "sources": sources,
        "removed": sorted(set(state["removed"])),
        "edits": state["edits"],
        "skipped": state.get("skipped", {}),
    }
    texts_of = {e.info.doc: e.text for e in entries}
    # the wanted clauses (a part of every clause) and those of the previous index still in this one
    present = clause_texts(chunks, "all")
    clauses = {t: v for t, v in clauses.items() if t in present}
    stored = write_index(index_dir, manifest, [e.info for e in entries], chunks, matrix, texts_of, clauses)
    return len(texts), stored


def build(
    sources, index_dir: Path, config: Config, embedder: Embedder, progress: bool
) -> tuple[Update, Stored]:
    """Index ``sources`` (files or folders) from scratch, reusing the vectors of unchanged files.
    Reports removed by hand stay removed and hand edits are applied again; unreadable files and
    duplicates are skipped with their reason."""
    given = [Path(s) for s in (sources if isinstance(sources, (list, tuple)) else [sources])]
    skipped: dict[str, str] = {}
    files = list_sources(given, skipped)
    check_target(index_dir)  # before any embedding: a user's folder is refused at once
    with IndexLock(index_dir):
        recover(index_dir)
        try:
            state = state_of(read_manifest(index_dir))
        except QAError:
            state = state_of(None)
        old = current(None, index_dir, config)
        olds = entries_of(old) if old else []
        reuse = {e.info.sha256: e.vectors for e in olds}
        added = {e.info.sha256: e.info.added for e in olds}
        entries: list[Entry] = []
        seen: dict[str, str] = {}
        for f in files:
            if f.name in state["removed"]:
                skipped[f.name] = "removed from the collection earlier; add it again to bring it back"
                continue
            try:
                entry = prepare(f, config, reuse, added, state["edits"])
            except ReadError as exc:
                skipped[f.name] = str(exc)
                continue
            key = text_key(entry)
            if key in seen:
                skipped[f.name] = f"identical to {seen[key]}, already in the collection"
                continue
            seen[key] = f.name
            entries.append(entry)
        if not entries:
            first = next(iter(skipped.items()), None)
            raise ReadError(
                f"no readable reports in {', '.join(map(str, given))}"
                + (f" ({first[0]}: {first[1]})" if first else "")
            )
        state["skipped"] = {f.name: _sha_or_empty(f) for f in files if f.name in skipped}
        resolved = [str(s.resolve()) for s in given]
        known = old.clauses if old else {}
        embedded, stored = write(index_dir, entries, embedder, config, resolved, state, progress, known)
    update = Update(
        added=[e.info.doc for e in entries], skipped=skipped, embedded=embedded, warnings=_warnings(entries)
    )
    return update, stored


def add(
    stored: Stored | None,
    paths,
    index_dir: Path,
    config: Config,
    embedder: Embedder,
    progress: bool,
    replace_existing: bool = True,
) -> tuple[Update, Stored]:
    """Add or replace reports; identical files under another name are skipped as duplicates, and
    a name already in the collection is skipped unless ``replace_existing``."""
    skipped: dict[str, str] = {}
    files = list_sources(paths, skipped)
    with IndexLock(index_dir):
        recover(index_dir)
        stored = _require(current(stored, index_dir, config), index_dir, config)
        entries = entries_of(stored)
        added, replaced = [], []
        by_sha = {e.info.sha256: e.info.doc for e in entries}
        by_text = {text_key(e): e.info.doc for e in entries}
        reuse = {e.info.sha256: e.vectors for e in entries}
        added_at = {e.info.sha256: e.info.added for e in entries}
        new_entries = []
        for f in files:
            try:
                entry = prepare(f, config, reuse, added_at)
            except ReadError as exc:
                skipped[f.name] = str(exc)
                continue
            same = by_sha.get(entry.info.sha256) or by_text.get(text_key(entry))
            if same is not None:
                skipped[f.name] = (
                    "unchanged"
                    if same == entry.info.doc
                    else f"identical to {same}, already in the collection"
                )
                continue
            names = [e.info.doc for e in entries]
            if entry.info.doc in names and not replace_existing:
                skipped[f.name] = "a report of this name is already in the collection; replace it explicitly"
                continue
            if entry.info.doc in names:
                entries[names.index(entry.info.doc)] = entry
                replaced.append(entry.info.doc)
            else:
                entries.append(entry)
                added.append(entry.info.doc)
            by_sha[entry.info.sha256] = entry.info.doc
            by_text[text_key(entry)] = entry.info.doc
            new_entries.append(entry)
        embedded = 0
        if new_entries:
            manifest = stored.manifest
            sources = list(dict.fromkeys(manifest.get("sources", []) + [str(f.resolve()) for f in files]))
            state = state_of(manifest)
            state["removed"] = [r for r in state["removed"] if r not in {e.info.doc for e in new_entries}]
            embedded, stored = write(
                index_dir, entries, embedder, config, sources, state, progress, stored.clauses
            )
    return Update(added, replaced, [], skipped, _warnings(new_entries), embedded), stored


def remove(
    stored: Stored | None, docs: list[str], index_dir: Path, config: Config, embedder: Embedder
) -> tuple[Update, Stored]:
    """Remove reports by file name; the names are remembered so that a rebuild does not bring them back."""
    with IndexLock(index_dir):
        recover(index_dir)
        stored = _require(current(stored, index_dir, config), index_dir, config)
        entries = entries_of(stored)
        names = {e.info.doc for e in entries}
        unknown = [d for d in docs if d not in names]
        if unknown:
            raise QAError(f"no report named {unknown[0]} in {index_dir}", action="list")
        kept = [e for e in entries if e.info.doc not in docs]
        manifest = stored.manifest
        state = state_of(manifest)
        state["removed"] = sorted(set(state["removed"]) | set(docs))
        sources = manifest.get("sources", [])
        _, stored = write(index_dir, kept, embedder, config, sources, state, False, stored.clauses)
    return Update(removed=list(docs)), stored


def set_metadata(
    stored: Stored | None,
    doc: str,
    index_dir: Path,
    config: Config,
    embedder: Embedder,
    region: str | None = None,
    year: int | None = None,
    bureau: str | None = None,
) -> tuple[Update, Stored]:
    """Correct a report's region, year or bureau (when the text did not say); no re-embedding."""
    with IndexLock(index_dir):
        recover(index_dir)
        stored = _require(current(stored, index_dir, config), index_dir, config)
        entries = entries_of(stored)
        match = [e for e in entries if e.info.doc == doc]
        if not match:
            raise QAError(f"no report named {doc} in {index_dir}", action="list")
        apply_edit(match[0], region, year, bureau)
        manifest = stored.manifest
        state = state_of(manifest)
        edit = {**state["edits"].get(match[0].info.sha256, {})}
        edit.update({k: v for k, v in (("region", region), ("year", year), ("bureau", bureau)) if v})
        state["edits"][match[0].info.sha256] = edit
        sources = manifest.get("sources", [])
        _, stored = write(index_dir, entries, embedder, config, sources, state, False, stored.clauses)
    return Update(replaced=[doc]), stored


def clause_texts(chunks: list[Chunk], which: str) -> dict[str, None]:
    """The ``stored_clauses`` of every chunk, once each and in order."""
    return dict.fromkeys(t for c in chunks for t in stored_clauses(c.text, which))


def fill_clauses(stored: Stored, index_dir: Path, config: Config, embedder: Embedder) -> Stored | None:
    """Embed every clause of the index whose vector the build did not store and add them to it
    (``save_filled``); the index with them (``stored`` itself when none was missing), or None when
    they could not be added (the index changed meanwhile, or another update holds its lock).

    Why after the build and not in it: the answer step compares a question with the clauses of its
    best candidates, and a clause without a stored vector is embedded while the question waits
    (about 12 ms for the five or so of a name, list or open question on 2 cores, twice the rest of
    the answer). Storing every clause at build (``clause_vectors="all"``) doubles the build, so the
    build stores the figures' clauses and a server fills in the rest once the index is in use.
    The embedding runs without the index lock (a change meanwhile just makes this fill stale);
    only the short write holds it, and a busy lock skips the write instead of waiting."""
    every = clause_texts(stored.chunks, "all")
    missing = [t for t in every if t not in stored.clauses]
    if not missing:
        return stored
    log.info("embedding %d clauses the index at %s has no vectors of", len(missing), index_dir)
    # one clause a call: int8 activations share one scale per call, so a clause embedded with others
    # moves a little with them; alone its stored vector is its own (on every question file 3310 right
    # answers of 3789 this way, 3305 from batches of clauses of similar length; twice the time)
    added = {t: embedder.passages([t], 1)[0] for t in missing}
    written = stored.manifest.get("written")
    try:
        with IndexLock(index_dir):
            if read_manifest(index_dir).get("written") != written:
                return None
            save_filled(index_dir, written, {**load_filled(index_dir, written), **added})
    except QAError:
        return None
    return replace(stored, clauses={**stored.clauses, **added})


def _require(stored: Stored | None, index_dir: Path, config: Config) -> Stored:
    if stored is None:
        raise QAError(
            f"no index at {index_dir} built with {config.model}", action="build", index=str(index_dir)
        )
    return stored


def _warnings(entries: list[Entry]) -> list[str]:
    """One summary line for the reports whose text named no region or year (a collection of
    laws or encyclopedia pages has hundreds: one line each would bury everything else)."""
    missing = [e.info.doc for e in entries if not (e.info.region and e.info.year)]
    if not missing:
        return []
    shown = ", ".join(missing[:3]) + (f" and {len(missing) - 3} more" if len(missing) > 3 else "")
    return [
        f"{len(missing)} report(s) with no region or year found in the text ({shown}); "
        "they are searched but never scoped by place or year until their metadata is set"
    ]


def list_sources_quiet(folder: Path) -> list[Path]:
    """The files ``list_sources`` would take from a folder, none when it has none."""
    try:
        return list_sources(folder, {})
    except ReadError:
        return []


def stale_files(manifest: dict) -> list[str]:
    """What changed on disk since the index was written ('x.txt modified', 'y.txt new')."""
    changed = []
    indexed = {d["doc"]: d for d in manifest.get("documents", [])}
    for d in indexed.values():
        path = Path(d["path"])
        if path.is_file() and hashlib.sha256(path.read_bytes()).hexdigest() != d["sha256"]:
            changed.append(f"{d['doc']} modified")
    skip = set(manifest.get("removed", [])) | set(indexed)
    skipped = manifest.get("skipped", {})
    for source in map(Path, manifest.get("sources", [])):
        if source.is_dir():
            changed += [
                f"{p.name} new"
                for p in list_sources_quiet(source)
                if p.name not in skip and not (p.name in skipped and _sha_or_empty(p) == skipped[p.name])
            ]
    return changed
