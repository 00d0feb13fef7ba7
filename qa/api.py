"""``ReportQA``: the one object the CLI, the page and Python users work with.

Data flows one way: files → chunks (``qa.ingest``) → index (``qa.index``) → hits → answer
(``qa.ask``). Changes to the collection (build, add, remove, edit) go through
``qa.index.collection``, which re-embeds only what changed, swaps a complete new index in and
hands it back; an open ``ReportQA`` notices a newer index written by another process and reloads.
"""

from __future__ import annotations

import json
import logging
import re
import time
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path

from .ask.answer import answer_question
from .ask.compare import compare, is_cross
from .ask.dialog import resolve
from .ask.facts import report_fact
from .ask.indicator import Indicator, indicator, is_indicator
from .ask.retrieve import Searcher
from .ask.understand import check_query, understand
from .config import Config
from .errors import IndexProblem, QAError
from .index import collection
from .index.collection import stale_files
from .index.embed import Embedder
from .index.store import MANIFEST, Stored, load_index, read_manifest
from .text import announced_items, whole_sentences
from .types import Answer, Chunk, DocInfo, Passage, QueryInfo, Update, WordStats

log = logging.getLogger(__name__)

MAX_K = 50
FILTER_KEYS = ("region", "year")
YEARS = range(1949, 2200)  # a report year outside this is a typo or a probe, not a filter
MAX_HISTORY = 100
# four or more digits before 年 that no report could be on (湟中区99999年): the question names a year anyway
ODD_YEAR = re.compile(r"(?<![\d.])(\d{4,})\s*年")


def check_k(k) -> int:
    """``k`` as given, when it is a whole number in 1..MAX_K; a float, str, bool or None is refused
    rather than coerced, because a silent int("5") or 1.5 hides a caller's bug."""
    if isinstance(k, bool) or not isinstance(k, int):
        raise QAError(f"k must be a whole number from 1 to {MAX_K}, got {type(k).__name__} {k!r}")
    if not 1 <= k <= MAX_K:
        raise QAError(f"k must be from 1 to {MAX_K}, got {k}")
    return k


def check_filters(filters) -> dict:
    """Filters as a dict of known keys, empty values dropped, the year parsed to an int."""
    if filters is None:
        return {}
    if not isinstance(filters, Mapping):
        raise QAError(
            f"filters must be a mapping like {{'region': '湟中区', 'year': 2024}}, "
            f"got {type(filters).__name__}"
        )
    unknown = [str(key) for key in filters if key not in FILTER_KEYS]
    if unknown:
        raise QAError(f"unknown filter {unknown[0]!r}; filters are {', '.join(FILTER_KEYS)}")
    out = {key: value for key, value in filters.items() if value not in (None, "")}
    region = out.get("region")
    if region is not None and not isinstance(region, str):
        raise QAError(f"the region filter must be text, got {type(region).__name__} {region!r}")
    if "year" in out:
        year = out["year"]
        text = str(year).strip().removesuffix("年")
        if isinstance(year, bool) or not isinstance(year, (int, str)) or not text.isdigit():
            raise QAError(f"the year filter must be a year like 2024, got {year!r}")
        if int(text) not in YEARS:
            raise QAError(f"the year filter must be from {YEARS.start} to {YEARS.stop - 1}, got {text}")
        out["year"] = int(text)
    return out


def check_history(history) -> list:
    """The conversation as a list of strings or chat messages (dicts with role/content, pairs)."""
    if history is None:
        return []
    if not isinstance(history, (list, tuple)):
        raise QAError(
            f"history must be a list of earlier questions or chat messages, got {type(history).__name__}"
        )
    if len(history) > MAX_HISTORY:
        history = history[-MAX_HISTORY:]  # only the latest turns can matter to a follow-up
    for item in history:
        if not isinstance(item, (str, Mapping, list, tuple)):
            raise QAError(
                f"history items must be strings or chat messages, got {type(item).__name__} {item!r}"[:200]
            )
    return list(history)


class ReportQA:
    """Question answering over an index of reports; open once, ask many times."""

    def __init__(self, stored: Stored, embedder: Embedder, config: Config, index_dir: Path):
        self.index_dir = Path(index_dir)
        self.config = config
        self.embedder = embedder
        self.last_update = Update()  # what the build or change that made this object did (skips included)
        self._filled: int | None = None  # ``written`` stamp of the index version whose clauses are all stored
        self._use(stored)

    def _use(self, stored: Stored) -> None:
        self._stored = stored
        self.embedder.keep_clauses(stored.clauses)
        self._searcher = Searcher(stored, self.embedder, self.config)
        self._seen = self._manifest_stamp()

    def _manifest_stamp(self) -> int | None:
        try:
            return (self.index_dir / MANIFEST).stat().st_mtime_ns
        except OSError:
            return None

    # ---------------------------------------------------------------- building and opening
    @classmethod
    def build(
        cls,
        sources,
        index_dir,
        config: Config | None = None,
        embedder: Embedder | None = None,
        progress: bool = False,
    ) -> ReportQA:
        """Index the reports in ``sources`` into ``index_dir``, re-embedding only changed files."""
        config = config or Config()
        embedder = embedder or Embedder(config.model, config.backend)
        update, stored = collection.build(sources, Path(index_dir), config, embedder, progress)
        log.info("%d reports indexed, %d chunks embedded", len(update.added), update.embedded)
        for warning in update.warnings:
            log.warning(warning)
        rqa = cls(stored, embedder, config, Path(index_dir))
        rqa.last_update = update
        return rqa

    @classmethod
    def open(
        cls,
        index_dir,
        config: Config | None = None,
        embedder: Embedder | None = None,
        check_sources: bool = True,
    ) -> ReportQA:
        """Open a built index; refuse one built with another model or from files that changed since."""
        index_dir = Path(index_dir)
        manifest = read_manifest(index_dir)
        config = config or Config.from_dict(manifest.get("config", {}))
        if manifest.get("params") != config.index_params():
            raise IndexProblem(
                f"index at {index_dir} was built with {manifest.get('params')}, not {config.index_params()}",
                action="rebuild",
                index=str(index_dir),
            )
        if check_sources:
            changed = stale_files(manifest)
            if changed:
                raise IndexProblem(
                    f"index at {index_dir} is stale: {', '.join(changed[:3])}"
                    f"{' …' if len(changed) > 3 else ''}",
                    action="update",
                    index=str(index_dir),
                    sources=manifest.get("sources", []),
                )
        # The encoder first: it loads in background threads (see OnnxEncoder) while the index is read.
        embedder = embedder or Embedder(config.model, config.backend)
        stored = load_index(index_dir)
        if embedder.dim != manifest["dimension"]:
            raise IndexProblem(
                f"model {config.model} gives {embedder.dim}-d vectors, "
                f"the index has {manifest['dimension']}-d",
                action="rebuild",
                index=str(index_dir),
            )
        return cls(stored, embedder, config, index_dir)

    @classmethod
    def open_or_build(
        cls, sources, index_dir, config: Config | None = None, progress: bool = False
    ) -> ReportQA:
        """Open the index if it is current, else (re)build it from ``sources``: the page's first run.
        Without a ``config``, the index's own store and model are kept (a Milvus index stays one)."""
        try:
            manifest = read_manifest(index_dir)
        except IndexProblem:
            manifest = None
        if config is None:
            given = (manifest or {}).get("config", {})
            # the index's own store and clauses; defaults for the rest
            config = Config(**{k: given[k] for k in ("store", "clause_vectors") if k in given})
        current = manifest is not None and manifest.get("params") == config.index_params()
        current = current and not stale_files(manifest)
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

    def fill_clauses(self) -> int:
        """Embed and store the vectors of every clause the build left out (see
        ``collection.fill_clauses``), so no later answer embeds a clause while its question waits; the
        number embedded (0 when none was missing, or when the index changed meanwhile). A server runs
        it in the background while it serves, again after every change to the collection; safe beside
        answering threads, which switch to the filled index with their next question. Cheap when the
        index it has open is filled already: a server may call it as often as it likes."""
        self.refresh()  # another process may have changed the collection
        stored = self._stored
        written = stored.manifest.get("written")
        if written == self._filled:
            return 0
        filled = collection.fill_clauses(stored, self.index_dir, self.config, self.embedder)
        if filled is None or self._stored is not stored:
            return 0  # changed meanwhile: the next call fills the index as it is now
        self._filled = written
        if filled is stored:
            return 0
        self._use(filled)
        return len(filled.clauses) - len(stored.clauses)

    # ---------------------------------------------------------------- changing the collection
    def add(self, paths, progress: bool = False, replace: bool = True) -> Update:
        """Add new reports or replace changed ones (any supported format); only they are embedded.
        ``replace=False`` skips a file whose name is already in the collection instead."""
        update, stored = collection.add(
            self._stored, paths, self.index_dir, self.config, self.embedder, progress, replace
        )
        self._use(stored)
        return update

    def remove(self, doc: str | list[str]) -> Update:
        """Remove reports by file name."""
        docs = [doc] if isinstance(doc, str) else list(doc)
        update, stored = collection.remove(self._stored, docs, self.index_dir, self.config, self.embedder)
        self._use(stored)
        return update

    def set_metadata(
        self, doc: str, region: str | None = None, year: int | None = None, bureau: str | None = None
    ) -> Update:
        """Correct a report's region, year or bureau where the text did not give them."""
        update, stored = collection.set_metadata(
            self._stored, doc, self.index_dir, self.config, self.embedder, region, year, bureau
        )
        self._use(stored)
        return update

    # ---------------------------------------------------------------- reading the collection
    def documents(self) -> list[DocInfo]:
        return list(self._stored.documents)

    @property
    def searcher(self) -> Searcher:
        """The retrievers and fusion of the loaded index (evaluation and benchmarks time them)."""
        return self._searcher

    @property
    def words(self) -> WordStats:
        """How the collection uses a word (rarity, chunk counts): the answer step weighs questions by it."""
        return self._stored.keyword

    def chunks(self) -> list[Chunk]:
        """Every chunk in index order (row i = vector i), for benchmarks and inspection."""
        return list(self._stored.chunks)

    def source_text(self, doc: str) -> str:
        """The report's text exactly as indexed: ``source_text(p.doc)[p.start:p.end] == p.text``."""
        if not isinstance(doc, str) or doc not in self._stored.texts:
            raise QAError(f"no report named {doc!r} in the collection", action="list")
        return self._stored.texts[doc]

    def section_span(self, passage: Passage) -> tuple[int, int]:
        """Offsets of the whole section a passage belongs to (every chunk under its path)."""
        path = passage.chunk.section
        if not path:
            return passage.start, passage.end
        chunks = (self._stored.chunks[r] for r in self._searcher.rows_of(passage.doc))
        same = [c for c in chunks if c.section[: len(path)] == path] or [passage.chunk]  # a header line
        return min(c.start for c in same), max(c.end for c in same)

    @property
    def feedback_path(self) -> Path:
        """Feedback lives beside the index, not in it, so a rebuild never drops it."""
        return self.index_dir.with_name(self.index_dir.name + "-feedback.jsonl")

    def record_feedback(self, question: str, answer: str | None, vote: str, passage_ids: list[str]) -> None:
        """Append one 👍/👎 judgement (question, answer, passages) to the feedback log."""
        row = {
            "time": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "vote": vote,
            "question": question,
            "answer": answer,
            "passages": passage_ids,
        }
        with open(self.feedback_path, "a", encoding="utf-8") as f:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")

    # ---------------------------------------------------------------- asking
    def understand(self, query: str, filters: dict | None = None) -> QueryInfo:
        """What the question names (places, years) and which reports it scopes to."""
        return understand(check_query(query), self._stored.documents, filters)

    def search(
        self, query: str, k: int = 5, filters: dict | None = None, mode: str = "fused"
    ) -> list[Passage]:
        """The k best passages for ``query``, best first; ``mode`` dense/keyword runs one side alone."""
        query, k, filters = check_query(query), check_k(k), check_filters(filters)
        if mode not in ("fused", "dense", "keyword"):
            raise QAError(f"mode must be fused, dense or keyword, got {mode!r}")
        self.refresh()
        return self._searcher.search(query, understand(query, self._stored.documents, filters), k, mode)

    def ask(self, query: str, k: int = 5, filters: dict | None = None, history=None) -> Answer:
        """Passages plus, when the reports state it, the short answer span and where it is.

        ``history``: the conversation so far (strings, or chat messages with role/content); a
        follow-up such as 那2023年呢 is completed from it, and ``Answer.resolved`` shows how.
        """
        asked, k, filters = check_query(query), check_k(k), check_filters(filters)
        history = check_history(history)
        self.refresh()
        documents = self._stored.documents
        query = resolve(asked, history, documents)
        info = understand(query, documents, filters)
        words = self._stored.keyword
        one_report = len(info.docs) == 1
        if is_indicator(query) and info.missing is None:
            answer = self._indicator_answer(indicator(query, info, self._searcher, documents, words), k)
        elif is_cross(query, info) and info.missing is None and not one_report:
            answer = compare(query, info, self._searcher, documents, words, k, self.embedder)
        else:
            passages = [self._whole(p) for p in self._searcher.search(query, info, k)]
            answer = report_fact(
                query, info, documents, passages, self._chunks_of, self._stored.texts.__getitem__
            ) or answer_question(query, info, passages, documents, words, self.embedder)
        answer = replace(answer, question=asked, resolved=query if query != asked else None)
        odd = ODD_YEAR.search(query)
        if odd and int(odd.group(1)) not in YEARS and "year" not in filters:
            answer = replace(answer, answer=None, span=None, note=no_such_year(odd.group(1)))
        return answer

    def _whole(self, passage: Passage) -> Passage:
        """The passage grown to the whole sentences its chunk cuts (``whole_sentences``), so the answer
        step reads a sentence that a chunk boundary split, and the reader sees it whole; and over the
        numbered items its closing colon announces (``announced_items``), so a list reads whole."""
        chunk, text = passage.chunk, self._stored.texts[passage.doc]
        start, end = whole_sentences(text, chunk.start, chunk.end)
        end = announced_items(text, start, end)
        if (start, end) == (chunk.start, chunk.end):
            return passage
        return replace(passage, chunk=replace(chunk, start=start, end=end, text=text[start:end]))

    def _chunks_of(self, doc: str) -> list[Chunk]:
        return [self._stored.chunks[i] for i in self._searcher.rows_of(doc)]

    def _indicator_answer(self, ind: Indicator, k: int) -> Answer:
        """An indicator as a chat reply: its rows as the table, the passage of each stated figure."""
        passages = []
        for row in ind.stated:
            chunks = (self._stored.chunks[i] for i in self._searcher.rows_of(row.doc))
            chunk = next((c for c in chunks if c.start <= row.start < c.end), None)
            if chunk is not None:
                passages.append(Passage(chunk, row.score))
        table = ind.to_dict()["rows"]
        stated = len(ind.stated)
        note = ind.note or f"{stated} 份报告给出了这个数字，{len(ind.rows) - stated} 份未写明；见表。"
        if stated == 1 and passages:  # one report in scope (2016年的呢): the chat reply is its figure
            row, cited = ind.stated[0], passages[0]
            span = (row.start - cited.start, row.end - cited.start)
            return Answer(ind.question, row.figure, passages[:k], note, "indicator", span, table)
        return Answer(ind.question, None, passages[:k], note, "indicator", table=table)

    def indicator(self, question: str, filters: dict | None = None) -> Indicator:
        """One figure across every report in scope (各地…, 历年…): a cited row per report, "not
        stated" rows included, comparable groups, ``.chart()`` and ``.to_csv()``."""
        query = check_query(question)
        self.refresh()
        documents = self._stored.documents
        info = understand(query, documents, filters)
        return indicator(query, info, self._searcher, documents, self._stored.keyword)


def no_such_year(year: str) -> str:
    """The note for a year no report can be on: the passages shown are only the closest text."""
    return f"集合中没有 {year} 年的报告；下列为最接近的段落，仅供参考。"
