"""``ReportQA``: the one object the CLI, the page and Python users work with.

Data flows one way: files → chunks → index → hits → answer. Changes to the collection (build,
add, remove, edit) go through ``qa.collection``, which re-embeds only what changed and swaps a
complete new index in; an open ``ReportQA`` notices a newer index on disk and reloads it.
"""
from __future__ import annotations

import json
import logging
import time
from dataclasses import replace
from pathlib import Path

from . import collection
from .answer import Answer, answer_question, missing_report_note
from .collection import Update, stale_files
from .compare import compare, is_cross
from .config import Config
from .dialog import resolve
from .embed import Embedder
from .errors import IndexProblem, QAError
from .search import Passage, Retriever, check_query, understand
from .store import MANIFEST, DocInfo, Stored, load_index, read_manifest

log = logging.getLogger(__name__)


class ReportQA:
    """Question answering over an index of reports; open once, ask many times."""

    def __init__(self, stored: Stored, embedder: Embedder, config: Config, index_dir: Path):
        self.index_dir = Path(index_dir)
        self.config = config
        self.embedder = embedder
        self._use(stored)

    def _use(self, stored: Stored) -> None:
        self._stored = stored
        self._retriever = Retriever(stored, self.embedder, self.config)
        self._seen = self._manifest_stamp()

    def _manifest_stamp(self) -> int | None:
        try:
            return (self.index_dir / MANIFEST).stat().st_mtime_ns
        except OSError:
            return None

    # ---------------------------------------------------------------- building and opening
    @classmethod
    def build(cls, sources, index_dir, config: Config | None = None, embedder: Embedder | None = None, progress: bool = False) -> "ReportQA":
        """Index the reports in ``sources`` into ``index_dir``, re-embedding only changed files."""
        config = config or Config()
        embedder = embedder or Embedder(config.model)
        update = collection.build(sources, Path(index_dir), config, embedder, progress)
        log.info("%d reports indexed, %d chunks embedded", len(update.added), update.embedded)
        for warning in update.warnings:
            log.warning(warning)
        return cls.open(index_dir, config, embedder, check_sources=False)

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
                    f"update it with: qa build {' '.join(manifest.get('sources', ['SOURCES'])[:1])} --index {index_dir}"
                )
        stored = load_index(index_dir)
        embedder = embedder or Embedder(config.model)
        if embedder.dim != manifest["dimension"]:
            raise IndexProblem(f"model {config.model} gives {embedder.dim}-d vectors, the index has {manifest['dimension']}-d; rebuild the index")
        return cls(stored, embedder, config, index_dir)

    @classmethod
    def open_or_build(cls, sources, index_dir, config: Config | None = None, progress: bool = False) -> "ReportQA":
        """Open the index if it is current, else (re)build it from ``sources``: the page's first run."""
        config = config or Config()
        try:
            manifest = read_manifest(index_dir)
            current = manifest.get("params") == config.index_params() and not stale_files(manifest)
        except IndexProblem:
            current = False
        if current:
            return cls.open(index_dir, config, check_sources=False)
        log.info("building the index at %s from %s", index_dir, sources)
        return cls.build(sources, index_dir, config, progress=progress)

    def refresh(self) -> bool:
        """Load the index again if another process changed it; True when it did."""
        if self._manifest_stamp() == self._seen:  # one stat per question, no parsing
            return False
        try:
            if read_manifest(self.index_dir).get("written") == self._stored.manifest.get("written"):
                self._seen = self._manifest_stamp()
                return False
            self._use(load_index(self.index_dir))
        except (QAError, OSError):  # mid-swap or being rewritten: keep answering from memory
            return False
        log.info("index at %s changed on disk: reloaded", self.index_dir)
        return True

    # ---------------------------------------------------------------- changing the collection
    def add(self, paths, progress: bool = False) -> Update:
        """Add new reports or replace changed ones (any supported format); only they are embedded."""
        update = collection.add(paths, self.index_dir, self.config, self.embedder, progress)
        self._use(load_index(self.index_dir))
        return update

    def remove(self, doc: str | list[str]) -> Update:
        """Remove reports by file name."""
        update = collection.remove([doc] if isinstance(doc, str) else list(doc), self.index_dir, self.config, self.embedder)
        self._use(load_index(self.index_dir))
        return update

    def set_metadata(self, doc: str, region: str | None = None, year: int | None = None, bureau: str | None = None) -> Update:
        """Correct a report's region, year or bureau where the text did not give them."""
        update = collection.set_metadata(doc, self.index_dir, self.config, self.embedder, region, year, bureau)
        self._use(load_index(self.index_dir))
        return update

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
        chunks = (self._stored.chunks[r] for r in self._retriever.rows_of(passage.doc))
        same = [c for c in chunks if c.section[: len(path)] == path]
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
        self.refresh()
        return self._retriever.search(query, k, filters)

    def ask(self, query: str, k: int = 5, filters: dict | None = None, history=None) -> Answer:
        """Passages plus, when the reports state it, the short answer span and where it is.

        ``history``: the conversation so far (strings, or chat messages with role/content); a
        follow-up such as 那2023年呢 is completed from it, and ``Answer.resolved`` shows how.
        """
        asked = check_query(query)
        self.refresh()
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
