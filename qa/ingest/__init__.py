"""Stage 1, files → chunks: read any supported file, find the report's body, read its metadata
from its own text, and split it along its own heading hierarchy into cited chunks."""

from __future__ import annotations

from pathlib import Path

from ..types import Chunk, Meta, Source
from .chunk import chunk_source
from .clean import read_source
from .meta import describe


def ingest(path: str | Path, max_chars: int, min_chars: int) -> tuple[Source, Meta, list[Chunk]]:
    """One report file as its source, metadata and chunks; ReadError with a one-line reason."""
    src = read_source(path)
    meta = describe(src)
    return src, meta, chunk_source(src, meta, max_chars, min_chars)
