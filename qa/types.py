"""The data that flows through the pipeline, one frozen dataclass per stage's output.

files → ``Source`` (read, body found) → ``Meta`` (who, where, when) → ``Chunk`` (cited spans)
→ index (``DocInfo`` per report) → ``QueryInfo`` (what the question names) → ``Passage`` (a hit)
→ ``Answer``. They live here, not in the module that makes them, so that every stage can import
what it receives without importing the stage that produced it.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Source:
    """A report as read: its verbatim text, the title found in it and where its body lies."""

    doc: str
    path: str
    text: str
    sha256: str
    title_lines: tuple[str, ...]
    body: tuple[int, int]
    published: str | None

    @property
    def body_text(self) -> str:
        return self.text[self.body[0] : self.body[1]]


@dataclass(frozen=True)
class Meta:
    """What a report says about itself: title, issuing bureau, region (and the names for it), year."""

    title: str
    bureau: str
    region: str
    aliases: tuple[str, ...]  # lower-case names a question may use for the region
    year: int | None
    published: str | None


@dataclass(frozen=True)
class Chunk:
    """A verbatim span of a report with the metadata a citation needs."""

    id: str  # "file#ordinal": stable across rebuilds of the same file
    doc: str
    title: str
    region: str
    year: int | None
    section: tuple[str, ...]  # the heading path, outermost first
    start: int
    end: int
    text: str  # == source_text[start:end]

    @property
    def section_path(self) -> str:
        return " › ".join(self.section)


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


@dataclass(frozen=True)
class QueryInfo:
    """What the question itself says about where to look; worked out once per question."""

    regions: tuple[str, ...] = ()
    year: int | None = None
    english: bool = False
    docs: tuple[str, ...] = ()  # reports to search; empty means all
    years: tuple[int, ...] = ()  # every year named, for questions across reports


@dataclass(frozen=True)
class Passage:
    """A retrieved chunk with its scores: ``score`` is the fused one, higher is better."""

    chunk: Chunk
    score: float
    dense: float | None = None  # cosine similarity, when the dense side found it
    keyword: float | None = None  # BM25 score, when the keyword side found it

    id = property(lambda self: self.chunk.id)
    doc = property(lambda self: self.chunk.doc)
    title = property(lambda self: self.chunk.title)
    region = property(lambda self: self.chunk.region)
    year = property(lambda self: self.chunk.year)
    section = property(lambda self: self.chunk.section_path)
    text = property(lambda self: self.chunk.text)
    start = property(lambda self: self.chunk.start)
    end = property(lambda self: self.chunk.end)

    def citation(self) -> str:
        """One line anyone can check: report, section path, character offsets in the file."""
        return f"{self.title} [{self.doc}] › {self.section or '(开头)'} · 字符 {self.start}–{self.end}"

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "doc": self.doc,
            "title": self.title,
            "region": self.region,
            "year": self.year,
            "section": self.section,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "score": self.score,
            "dense": self.dense,
            "keyword": self.keyword,
            "citation": self.citation(),
        }


@dataclass(frozen=True)
class Answer:
    """The reply to one question: a short span when the reports state it, passages, and a note."""

    question: str
    answer: str | None
    passages: list[Passage] = field(default_factory=list)
    note: str | None = None
    kind: str = "open"  # question type (count, amount, percent, list, name, cross, …)
    span: tuple[int, int] | None = None  # the answer's offsets in passages[0].text
    table: list[dict] = field(default_factory=list)  # cross-report questions: one row per report
    resolved: str | None = None  # the follow-up question as completed from the conversation
    confidence: float = 0.0  # 0–1: how well the passages support the answer (0 when there is none)

    @property
    def source_span(self) -> tuple[int, int] | None:
        """The answer's offsets in the source file of ``passages[0]``."""
        if self.span is None:
            return None
        start = self.passages[0].start
        return start + self.span[0], start + self.span[1]

    def to_dict(self) -> dict:
        return {
            "question": self.question,
            "answer": self.answer,
            "kind": self.kind,
            "note": self.note,
            "span": self.span,
            "source_span": self.source_span,
            "table": self.table,
            "resolved": self.resolved,
            "confidence": self.confidence,
            "passages": [p.to_dict() for p in self.passages],
        }


@dataclass(frozen=True)
class Update:
    """What a change to the collection did, for the CLI and the page to report."""

    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    skipped: dict[str, str] = field(default_factory=dict)  # file → why (duplicate, unreadable …)
    warnings: list[str] = field(default_factory=list)
    embedded: int = 0  # chunks embedded by this change
