"""Readers: the text of a report file in any common format, with its encoding worked out.

Why a module of its own: bureaus publish reports as web pages, Word files, PDFs and text in
GB18030/GBK as often as UTF-8. Each reader returns plain text (Word and HTML headings as
markdown ``#`` lines, so they map to the section hierarchy) and the SHA-256 of the file's bytes.
For formats other than text, citations point into this extracted text, which the index keeps.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable
from pathlib import Path

from ..errors import QAError

MAX_TEXT_BYTES = 5_000_000
# Extracted text over this is refused whatever the file's size: a 64 KB .docx can expand to
# millions of characters and hold the index lock for many minutes. The longest real reports
# (national 政府工作报告) are ~40 k characters.
MAX_TEXT_CHARS = 1_000_000
MIN_PAGE_CHARS = 100  # a web page with less text than this is navigation, not a report
BOMS = {b"\xff\xfe": "utf-16-le", b"\xfe\xff": "utf-16-be"}
# suffix → (reader, largest file accepted); a format is added by registering its reader here only
READERS: dict[str, tuple[Callable[[bytes, Path], str], int]] = {}


def reader(*suffixes: str, max_bytes: int = MAX_TEXT_BYTES):
    """Register a function ``(raw bytes, path) -> text`` as the reader of these file suffixes."""

    def register(fn: Callable[[bytes, Path], str]) -> Callable[[bytes, Path], str]:
        for suffix in suffixes:
            READERS[suffix] = (fn, max_bytes)
        return fn

    return register


def suffixes() -> tuple[str, ...]:
    """Every file suffix a reader is registered for (the CLI, the page and ``build`` use this)."""
    return tuple(READERS)


class ReadError(QAError):
    """A file that cannot be used as a report; the message says which file and why."""


@reader(".txt", ".md")
def decode(raw: bytes, path: Path) -> str:
    """UTF-8 when it is; UTF-16 when a BOM says so (Windows Notepad's "Unicode"); otherwise the
    encoding charset-normalizer finds (GB18030, GBK, Big5 …)."""
    bom = BOMS.get(raw[:2])
    if bom:
        try:
            return raw[2:].decode(bom)
        except UnicodeDecodeError as exc:
            raise ReadError(
                f"{path} starts with a UTF-16 mark but is not UTF-16 text ({exc.reason})"
            ) from exc
    if b"\x00" in raw[:4096]:
        raise ReadError(f"{path} looks binary (NUL bytes), not {path.suffix} text")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    if best is None or best.encoding in {"ascii", "utf_8"} or best.chaos > 0.2:
        raise ReadError(
            f"{path}: cannot tell its text encoding; save it as UTF-8 (e.g. iconv -f GB18030 -t UTF-8)"
        )
    return str(best)


@reader(".html", ".htm")
def _html(raw: bytes, path: Path) -> str:
    import trafilatura

    text = trafilatura.extract(
        decode(raw, path), include_tables=True, favor_recall=True, output_format="markdown"
    )
    if not text or len("".join(text.split())) < MIN_PAGE_CHARS:
        raise ReadError(
            f"{path}: no report text in this web page (under {MIN_PAGE_CHARS} characters: navigation only?)"
        )
    return text


@reader(".docx", max_bytes=50_000_000)
def _docx(raw: bytes, path: Path) -> str:
    import docx

    try:
        document = docx.Document(io.BytesIO(raw))
    except Exception as exc:  # not a zip, not a Word file
        raise ReadError(f"{path}: not a readable .docx file ({exc})") from exc
    lines = []
    for para in document.paragraphs:
        text = para.text.strip()
        if not text:
            continue
        style = (para.style.name or "") if para.style is not None else ""
        level = (
            next((int(c) for c in style if c.isdigit()), 0)
            if style.lower().startswith(("heading", "标题"))
            else 0
        )
        lines.append(f"{'#' * min(level, 6)} {text}" if level else text)
    for table in document.tables:
        for row in table.rows:
            lines.append(" | ".join(cell.text.strip() for cell in row.cells))
    return "\n".join(lines)


@reader(".pdf", max_bytes=50_000_000)
def _pdf(raw: bytes, path: Path) -> str:
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(raw))
        pages = [page.extract_text() or "" for page in reader.pages]
    except Exception as exc:
        raise ReadError(f"{path}: not a readable PDF ({exc})") from exc
    text = "\n".join(pages)
    if len("".join(text.split())) < 20 * max(1, len(pages)) // 4:
        raise ReadError(
            f"{path}: the PDF has no text layer (a scan?); run OCR on it first or add a text version"
        )
    return text


def read_file(path: str | Path) -> tuple[str, str]:
    """(text, sha256 of the bytes) of a report file; ReadError with a one-line reason otherwise."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in READERS:
        raise ReadError(
            f"{path}: unsupported file type {suffix or '(none)'}; give one of {' '.join(READERS)}"
        )
    read, limit = READERS[suffix]
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ReadError(f"cannot read {path}: {exc.strerror or exc}") from exc
    if not raw.strip():
        raise ReadError(f"{path} is empty: a report needs text")
    if len(raw) > limit:
        raise ReadError(f"{path} is {len(raw):,} bytes; {suffix} reports over {limit:,} bytes are refused")
    text = read(raw, path)
    if len(text) > MAX_TEXT_CHARS:
        raise ReadError(
            f"{path} holds {len(text):,} characters of text; reports over {MAX_TEXT_CHARS:,} are refused"
        )
    return text, hashlib.sha256(raw).hexdigest()
