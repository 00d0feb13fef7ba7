"""Split a report along its own heading hierarchy into cited chunks.

Why a grammar and not fixed windows: staff questions map to the report's own sections
(二、… › （五）… › 2.加强重点领域执法力度), and neighbouring 一是/二是 items read alike, so
each chunk carries its section path. The reports are messy: headings sit inside one long line,
brackets are full- or half-width, numbering is inconsistent (一、 then 2、; （九） then （10））.
Levels are therefore inferred from numbering continuity (the item after 九 is 10 wherever it
sits) rather than from the marker's style alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..text import SENTENCE_END, chinese_number, sentences
from ..types import Chunk, Meta, Source
from .clean import ARTEFACT, normalize

CN_NUM = "一二三四五六七八九十"
MARKER = re.compile(
    r"(?m:^(?P<m>#{1,6})[ \t]+)"
    rf"|(?P<a>[{CN_NUM}]{{1,3}})[、．.]"
    rf"|[（(](?P<b>[{CN_NUM}]{{1,3}})[）)]"
    r"|(?P<c>[0-9０-９]{1,2})(?P<sep>[、．.])(?![0-9０-９])"
    r"|[（(](?P<d>[0-9０-９]{1,2})[）)]"
    rf"|(?P<e>[{CN_NUM}]{{1,3}})是(?![的为否])"
)
BOUNDARY_BEFORE = "\n" + SENTENCE_END + "：:"
LABEL_MAX = 40


def embed_text(chunk: Chunk) -> str:
    """What the model and the keyword index see: title › section path › text, without artefacts."""
    return " › ".join([chunk.title, *chunk.section, normalize(chunk.text)])


@dataclass(frozen=True)
class Heading:
    start: int  # offset in the shadow body
    family: str
    number: int
    label: str
    level: int | None = None  # explicit level of a Word/HTML heading (markdown #), else inferred


def _at_boundary(shadow: str, i: int, family: str) -> bool:
    """A heading starts a line, follows a sentence end, or follows a gap in a one-line report;
    一是/二是 items also follow a comma, as loosely written reports put them."""
    j = i
    while j > 0 and shadow[j - 1] in " \t\u3000":
        j -= 1
    if j == 0 or shadow[j - 1] in BOUNDARY_BEFORE or (family == "e" and shadow[j - 1] in "，,"):
        return True
    return j < i and "\u4e00" <= shadow[j - 1] <= "\u9fff"


def find_headings(shadow: str) -> list[Heading]:
    """Every numbered heading or 一是-style item in the body, with its short label."""
    found = []
    for m in MARKER.finditer(shadow):
        kind = next(k for k in "mabcde" if m.group(k))
        if kind != "m" and not _at_boundary(shadow, m.start(), kind):
            continue
        family = "c" + m.group("sep").replace("．", ".") if kind == "c" else kind
        number = 1 if kind == "m" else chinese_number(m.group(kind))
        found.append((m.start(), m.end(), family, number, len(m.group("m")) if kind == "m" else None))
    headings = []
    for n, (start, end, family, number, level) in enumerate(found):
        stop = found[n + 1][0] if n + 1 < len(found) else len(shadow)
        marker = "" if level else shadow[start:end]
        headings.append(Heading(start, family, number, _label(marker, shadow[end:stop]), level))
    return [h for h in headings if h.number > 0]


def _label(marker: str, text: str) -> str:
    """The heading's own words: up to a line or sentence end, or the gap before the body in a
    one-line report; shortened for a section path."""
    m = re.search(rf"[\n{SENTENCE_END}]|(?<=\S)\s", text.lstrip())
    words = text.lstrip()
    label = marker + (words[: m.start()] if m else words).strip(" ，,：:")
    return label if len(label) <= LABEL_MAX else label[: LABEL_MAX - 1] + "…"


def assign_paths(headings: list[Heading]) -> list[tuple[str, ...]]:
    """Section path of each heading, levels inferred from numbering continuity.

    Item n>1 continues the level whose last item is n-1: first of its own family (deepest
    first), else of any family (shallowest first); item 1 opens a level below the current one.
    Markdown headings (from Word or HTML) carry their level and nest by it.
    """
    stack: list[Heading] = []
    paths = []
    for h in headings:
        if h.level is not None:  # an explicit Word/HTML heading closes every level at or below its own
            keep = next((i for i, x in enumerate(stack) if x.level is None or x.level >= h.level), len(stack))
            stack = stack[:keep] + [h]
            paths.append(tuple(x.label for x in stack))
            continue
        level = None
        if h.number > 1:
            numbered = [i for i in range(len(stack)) if stack[i].level is None]  # not Word/HTML headings
            same = [
                i
                for i in reversed(numbered)
                if stack[i].family == h.family and stack[i].number == h.number - 1
            ]
            other = [i for i in numbered if stack[i].number == h.number - 1]
            fam = [i for i in reversed(numbered) if stack[i].family == h.family]
            level = (same or other or fam or [None])[0]
        if level is None:
            stack.append(h)
        else:
            del stack[level:]
            stack.append(h)
        paths.append(tuple(x.label for x in stack))
    return paths


def _split_long(text: str, start: int, end: int, max_chars: int) -> list[tuple[int, int]]:
    """Pieces of at most max_chars, cut at sentence ends (a longer sentence is cut at max_chars)."""
    pieces: list[tuple[int, int]] = []
    cur_start = cur_end = start
    for s, e in sentences(text[start:end], start):
        while e - s > max_chars:  # one sentence longer than a chunk
            if cur_end > cur_start:
                pieces.append((cur_start, cur_end))
            pieces.append((s, s + max_chars))
            s = cur_start = cur_end = s + max_chars
        if e - cur_start > max_chars and cur_end > cur_start:
            pieces.append((cur_start, cur_end))
            cur_start = s
        cur_end = e
    if cur_end > cur_start:
        pieces.append((cur_start, cur_end))
    return pieces


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == "|"):
        end -= 1
    return start, end


def chunk_source(src: Source, meta: Meta, max_chars: int, min_chars: int) -> list[Chunk]:
    """Chunks of one report: one per section, long sections cut at sentence ends, tiny ones merged."""
    b0, b1 = src.body
    body = src.text[b0:b1]
    shadow = ARTEFACT.sub(lambda m: " " * len(m.group()), body)
    for gs, ge in src.gaps:  # page headers/footers inside the body: no heading, no chunk holds them
        shadow = shadow[: gs - b0] + " " * (ge - gs) + shadow[ge - b0 :]
    headings = find_headings(shadow)
    paths = assign_paths(headings)
    bounds = [0] + [h.start for h in headings] + [len(body)]
    sections = [((), bounds[0], bounds[1])] + [
        (paths[i], bounds[i + 1], bounds[i + 2]) for i in range(len(headings))
    ]
    stops = [b0, *(x for gap in src.gaps for x in gap), b1]
    merged = []
    for seg_s, seg_e in zip(stops[::2], stops[1::2], strict=True):  # chunks never cross a gap
        pieces: list[tuple[tuple[str, ...], int, int]] = []
        for path, s, e in sections:
            s, e = _trim(src.text, max(b0 + s, seg_s), min(b0 + e, seg_e))
            if e > s:
                pieces += [(path, ps, pe) for ps, pe in _split_long(src.text, s, e, max_chars)]
        merged += _merge_small(pieces, min_chars, max_chars)
    return [
        Chunk(f"{src.doc}#{i}", src.doc, meta.title, meta.region, meta.year, path, s, e, src.text[s:e])
        for i, (path, s, e) in enumerate(merged)
    ]


def _merge_small(pieces, min_chars: int, max_chars: int):
    """Merge a piece under min_chars into the next one when it heads it (a heading line),
    else into the previous one (the pair then keeps the path the two share)."""
    limit = max_chars + min_chars
    out: list[tuple[tuple[str, ...], int, int]] = []

    def settle(piece):
        path, s, e = piece
        if out and e - out[-1][1] <= limit:
            prev_path, prev_s, _ = out.pop()
            n = 0
            while n < min(len(path), len(prev_path)) and path[n] == prev_path[n]:
                n += 1
            out.append((prev_path[:n], prev_s, e))
        else:
            out.append(piece)

    carry = None  # a small piece waiting to see whether it heads the next one
    for path, s, e in pieces:
        if carry is not None:
            if path[: len(carry[0])] == carry[0] and e - carry[1] <= limit:
                s = carry[1]
            else:
                settle(carry)
            carry = None
        if e - s < min_chars:
            carry = (path, s, e)
        else:
            out.append((path, s, e))
    if carry is not None:
        settle(carry)
    return out
