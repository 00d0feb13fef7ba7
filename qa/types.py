"""The data that flows through the pipeline, one frozen dataclass per stage's output.

files → ``Source`` (read, body found) → ``Meta`` (who, where, when) → ``Chunk`` (cited spans)
→ index (``DocInfo`` per report) → ``QueryInfo`` (what the question names) → ``Passage`` (a hit)
→ ``Answer``. They live here, not in the module that makes them, so that every stage can import
what it receives without importing the stage that produced it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Protocol


@dataclass(frozen=True)
class Fact:
    """One fact a report states about itself (title, dates, issuer, document number), with the
    offsets of the words that state it in the source text, so that an answer can cite it."""

    name: str  # "title" | "published" | "signed" | "issuer" | "docnum"
    value: str  # normalised value: ISO date for dates, the words as written otherwise
    start: int
    end: int  # text[start:end] are the words as written


@dataclass(frozen=True)
class Source:
    """A report as read: its verbatim text, the title found in it, where its body lies, and what
    the wrapper around the body (page header, signature block) says about the report."""

    doc: str
    path: str
    text: str
    sha256: str
    title_lines: tuple[str, ...]
    body: tuple[int, int]
    published: str | None  # ISO date the page or header says it was published
    signed: str | None = None  # ISO date of the signature block (落款) or the header's 成文日期
    issuer: str | None = None  # issuing body: header 发布机构/来源, else the signature, else above the title
    docnum: str | None = None  # document number (文号), from the header or the line under the title
    header: tuple[tuple[str, str], ...] = ()  # every key: value line of the wrapper, as written
    facts: tuple[Fact, ...] = ()  # the above with their offsets in ``text``, for citations
    gaps: tuple[tuple[int, int], ...] = ()  # wrapper lines inside the body (PDF page furniture)

    @property
    def body_text(self) -> str:
        return self.text[self.body[0] : self.body[1]]

    def fact(self, name: str) -> Fact | None:
        """The first fact of that name, or None."""
        return next((f for f in self.facts if f.name == name), None)


@dataclass(frozen=True)
class Meta:
    """What a report says about itself: title, issuing bureau, region (and the names for it), year."""

    title: str
    bureau: str
    region: str
    aliases: tuple[str, ...]  # lower-case names a question may use for the region
    year: int | None  # the year in the title (the year reported on)
    published: str | None
    level: str = ""  # national, province, prefecture, county; "" when no place was found
    parents: tuple[str, ...] = ()  # the region's parents, province first: 湟中区 → (青海省, 西宁市)
    code: str = ""  # the region's 6-digit division code (100000: national)
    years: tuple[int, ...] = ()  # every year the report covers (title year, reviewed, planned)


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
    level: str = ""  # national, province, prefecture, county; "" when no place was found
    parents: tuple[str, ...] = ()  # the region's parents, province first
    code: str = ""  # the region's 6-digit division code (100000: national)
    years: tuple[int, ...] = ()  # every year the report covers; scoping by year uses these
    signed: str | None = None  # ISO date of the signature block (落款)
    issuer: str | None = None  # the issuing body as the report or its page names it
    docnum: str | None = None  # document number (文号)
    facts: tuple[Fact, ...] = ()  # title, dates, issuer, docnum with their offsets in the source text

    def to_dict(self) -> dict:
        return asdict(self)

    def covers(self, year: int) -> bool:
        """Whether the report speaks of ``year`` (reports without a years list: their title year)."""
        return year in self.years or (not self.years and year == self.year)


class WordStats(Protocol):
    """How the collection uses a word (the keyword index answers it): the answer step weighs a
    question's words by rarity and picks the senses of an English word the reports use."""

    def idf(self, token: str) -> float: ...

    def df(self, text: str) -> int: ...


@dataclass(frozen=True)
class QueryInfo:
    """What the question itself says about where to look; worked out once per question."""

    regions: tuple[str, ...] = ()
    year: int | None = None
    english: bool = False
    docs: tuple[str, ...] = ()  # reports to search; empty means all
    years: tuple[int, ...] = ()  # every year named, for questions across reports
    missing: str | None = None  # why the named place has no report on the named year
    unknown: str | None = None  # a place named that no report of the collection is at or under
    places: tuple[str, ...] = ()  # the places named that have reports (the country left out beside others)


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
