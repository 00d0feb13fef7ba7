"""``ReportQA``: the one object the CLI, the page and Python users work with.

Data flows one way: files → chunks → index → hits → answer. Building reuses the vectors of
every report whose SHA-256 is unchanged, so adding a year's report re-embeds only that report.
"""
from __future__ import annotations

import hashlib
import json
import logging
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

from .answer import Answer, answer_question, missing_report_note
from .chunk import Chunk, chunk_source
from .clean import ReadError, read_source
from .compare import compare, is_cross
from .dialog import resolve
from .config import Config
from .embed import Embedder
from .errors import IndexProblem
from .meta import extract
from .search import Passage, Retriever, check_query, understand
from .store import FORMAT_VERSION, DocInfo, Stored, load_index, read_manifest, stored_vectors, write_index

log = logging.getLogger(__name__)

SUFFIXES = (".txt", ".md")


def list_sources(sources: str | Path | list) -> list[Path]:
    """Report files from a folder (its *.txt/*.md, sorted) or a list of files and folders."""
    items = sources if isinstance(sources, (list, tuple)) else [sources]
    files: list[Path] = []
    for item in map(Path, items):
        if item.is_dir():
            files += sorted(p for p in item.iterdir() if p.suffix.lower() in SUFFIXES and p.is_file())
        elif item.is_file():
            files.append(item)
        else:
            raise ReadError(f"{item} does not exist; give a report file or a folder of .txt/.md reports")
    if not files:
        raise ReadError(f"no .txt or .md reports in {', '.join(map(str, items))}")
    names = [f.name for f in files]
    dup = sorted({n for n in names if names.count(n) > 1})
    if dup:
        raise ReadError(f"two reports share the file name {dup[0]}; file names identify reports, rename one")
    return files


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class ReportQA:
    """Question answering over an index of reports; open once, ask many times."""

    def __init__(self, stored: Stored, embedder: Embedder, config: Config, index_dir: Path):
        self.index_dir = Path(index_dir)
        self.config = config
        self.embedder = embedder
        self._stored = stored
        self._retriever = Retriever(stored, embedder, config)

    # ---------------------------------------------------------------- building and opening
    @classmethod
    def build(cls, sources, index_dir, config: Config | None = None, embedder: Embedder | None = None, progress: bool = False) -> "ReportQA":
        """Index the reports in ``sources`` into ``index_dir``, re-embedding only changed files."""
        config = config or Config()
        index_dir = Path(index_dir)
        files = list_sources(sources)
        embedder = embedder or Embedder(config.model)
        reuse = _reusable(index_dir, config)
        documents, chunks, vectors, texts = [], [], [], {}
        todo: list[Chunk] = []
        for path in files:
            src = read_source(path)
            meta = extract(src)
            doc_chunks = chunk_source(src, meta, config.max_chars, config.min_chars)
            old = reuse.get(src.sha256)
            if old is not None and len(old) == len(doc_chunks):  # same text, same chunking: same vectors
                vectors.append(old)
            else:
                todo += doc_chunks
                vectors.append(None)
            documents.append(DocInfo(src.doc, str(path.resolve()), src.sha256, meta.title, meta.bureau, meta.region, meta.aliases, meta.year, meta.published, len(doc_chunks)))
            chunks.append(doc_chunks)
            texts[src.doc] = src.text
        log.info("%d reports, %d chunks, %d to embed", len(files), sum(map(len, chunks)), len(todo))
        fresh = embedder.passages([c.embed_text() for c in todo], config.batch_size, progress)
        pos = 0
        for i, vec in enumerate(vectors):
            if vec is None:
                vectors[i] = fresh[pos : pos + len(chunks[i])]
                pos += len(chunks[i])
        flat_chunks = [c for doc_chunks in chunks for c in doc_chunks]
        matrix = np.concatenate(vectors) if vectors else np.zeros((0, embedder.dim), np.float32)
        manifest = {
            "format": FORMAT_VERSION,
            "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "model": config.model,
            "dimension": embedder.dim,
            "params": config.index_params(),
            "config": config.to_dict(),
            "sources": [str(Path(s).resolve()) for s in (sources if isinstance(sources, (list, tuple)) else [sources])],
        }
        write_index(index_dir, manifest, documents, flat_chunks, matrix, texts)
        return cls.open(index_dir, config, embedder)

    @classmethod
    def open(cls, index_dir, config: Config | None = None, embedder: Embedder | None = None, check_sources: bool = True) -> "ReportQA":
        """Open a built index; refuse one built with another model or from files that changed since."""
        index_dir = Path(index_dir)
        manifest = read_manifest(index_dir)
        config = config or Config.from_dict(manifest.get("config", {}))
        if manifest.get("params") != config.index_params():
            raise IndexProblem(
                f"index at {index_dir} was built with {manifest.get('params')}, not {config.index_params()}; "
                f"rebuild with: qa build SOURCES --index {index_dir}"
            )
        if check_sources:
            changed = stale_files(manifest)
            if changed:
                raise IndexProblem(
                    f"index at {index_dir} is stale: {', '.join(changed[:3])}{' …' if len(changed) > 3 else ''}; "
                    f"update it with: qa build {manifest['sources'][0]} --index {index_dir}"
                )
        stored = load_index(index_dir)
        embedder = embedder or Embedder(config.model)
        if embedder.dim != manifest["dimension"]:
            raise IndexProblem(f"model {config.model} gives {embedder.dim}-d vectors, the index has {manifest['dimension']}-d; rebuild the index")
        return cls(stored, embedder, config, index_dir)

    @classmethod
    def open_or_build(cls, sources, index_dir, config: Config | None = None, progress: bool = False) -> "ReportQA":
        """Open the index if it is current for ``sources``, else (re)build it: the page's first run."""
        config = config or Config()
        try:
            manifest = read_manifest(index_dir)
            current = manifest.get("params") == config.index_params() and not stale_files(manifest, sources)
        except IndexProblem:
            current = False
        if current:
            return cls.open(index_dir, config, check_sources=False)
        log.info("building the index at %s from %s", index_dir, sources)
        return cls.build(sources, index_dir, config, progress=progress)

    # ---------------------------------------------------------------- asking
    def documents(self) -> list[DocInfo]:
        return list(self._stored.documents)

    def source_text(self, doc: str) -> str:
        """The report's text exactly as indexed: ``source_text(p.doc)[p.start:p.end] == p.text``."""
        return self._stored.texts[doc]

    def section_span(self, passage: Passage) -> tuple[int, int]:
        """Offsets of the whole section a passage belongs to (every chunk under its path)."""
        path = passage.chunk.section
        if not path:
            return passage.start, passage.end
        same = [c for c in self._stored.chunks if c.doc == passage.doc and c.section[: len(path)] == path]
        return min(c.start for c in same), max(c.end for c in same)

    @property
    def feedback_path(self) -> Path:
        """Feedback lives beside the index, not in it, so a rebuild never drops it."""
        return self.index_dir.with_name(self.index_dir.name + "-feedback.jsonl")

    def record_feedback(self, question: str, answer: str | None, vote: str, passage_ids: list[str]) -> None:
        """Append one 👍/👎 judgement (question, answer, passages) to the feedback log."""
        row = {"time": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "vote": vote, "question": question, "answer": answer, "passages": passage_ids}
        with open(self.feedback_path, "a", encoding="utf-8") as f:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")

    def search(self, query: str, k: int = 5, filters: dict | None = None) -> list[Passage]:
        """The k best passages for ``query``, best first."""
        return self._retriever.search(query, k, filters)

    def ask(self, query: str, k: int = 5, filters: dict | None = None, history=None) -> Answer:
        """Passages plus, when the reports state it, the short answer span and where it is.

        ``history``: the conversation so far (strings, or chat messages with role/content); a
        follow-up such as 那2023年呢 is completed from it, and ``Answer.resolved`` shows how.
        """
        asked = check_query(query)
        query = resolve(asked, history, self._stored.documents)
        answer = self._ask(query, k, filters)
        return replace(answer, question=asked, resolved=query if query != asked else None)

    def _ask(self, query: str, k: int, filters: dict | None) -> Answer:
        info = understand(query, self._stored.documents, filters)
        idf = self._stored.keyword.idf
        if is_cross(query, info) and missing_report_note(info, self._stored.documents) is None:
            return compare(query, info, self._retriever, self._stored.documents, idf, k)
        passages = self._retriever.search(query, k, filters, info)
        return answer_question(query, info, passages, self._stored.documents, idf)


def _reusable(index_dir: Path, config: Config) -> dict[str, np.ndarray]:
    """sha256 → the report's chunk vectors, from an existing index built the same way."""
    try:
        manifest = read_manifest(index_dir)
        if manifest.get("params") != config.index_params():
            return {}
        stored = load_index(index_dir)
    except IndexProblem:
        return {}
    vecs = stored_vectors(stored)
    out, row = {}, 0
    for d in stored.documents:
        out[d.sha256] = vecs[row : row + d.chunks]
        row += d.chunks
    return out


def stale_files(manifest: dict, sources=None) -> list[str]:
    """What changed in the source files since the index was built ('x.txt modified', 'y.txt new')."""
    indexed = {d["doc"]: d for d in manifest.get("documents", [])}
    if sources is None:
        sources = [Path(s) for s in manifest.get("sources", []) if Path(s).exists()]
        if not sources:
            return []
    try:
        files = list_sources(sources)
    except ReadError:
        return ["sources missing"]
    changed = []
    for f in files:
        d = indexed.pop(f.name, None)
        if d is None:
            changed.append(f"{f.name} new")
        elif d["sha256"] != _sha256(f):
            changed.append(f"{f.name} modified")
    changed += [f"{name} removed" for name in indexed]
    return changed
