"""Extractive answers: the short span that answers the question, or an honest "not found".

Why extractive: there is no LLM here, and a figure copied from the report with its citation is
checkable where a generated sentence is not. A candidate span (a number with its measure word,
a percentage, a 《title》, a document number, a date) is scored by how well the words just before
it and its sentence match the question's words; a span is only given when the question's
content words are actually there, so "not stated" stays None.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from .keyword import tokenize
from .search import CJK, Passage, QueryInfo
from .store import DocInfo
from .terms import expand

UNITS = "个工作日|工作日|人次|万元|亿元|余万元|元|起|件|家|次|个|名|位|人|例|项|份|条|场|批|台|套|户|辆|吨|天|小时|篇|期|所|处|本|场次|公里|千米|米|平方米|亩|座"
NUMBER = r"\d+(?:\.\d+)?"
SPAN = {
    "percent": re.compile(rf"-?{NUMBER}\s*[%％]"),
    "count": re.compile(rf"{NUMBER}\s*余?\s*(?:{UNITS})"),
    "amount": re.compile(rf"{NUMBER}\s*余?\s*(?:万元|亿元|元)"),
    "value": re.compile(rf"(?<![\d.]){NUMBER}(?![\d.%％年月日])"),
    "title": re.compile(r"《[^《》]{2,60}》"),
    "docnum": re.compile(r"[\u4e00-\u9fff]{1,8}[〔\[（(]\d{4}[〕\]）)]\s*\d+\s*号"),
    "date": re.compile(r"\d{4}年\d{1,2}月(?:\d{1,2}日)?"),
}
QUESTION_TYPES = [  # first match wins
    ("docnum", re.compile(r"文号|文件号|document number", re.I)),
    ("percent", re.compile(r"百分之|比例|比率|[^件]率|降幅|增幅|percent|percentage|\brate\b|%", re.I)),
    ("amount", re.compile(r"多少钱|金额|罚款|罚了|费用|资金|省了|节省|how much|amount|fine|cost|sav", re.I)),
    ("count", re.compile(r"多少|几[起件家次个名位人例项份条场]?|how many|number of", re.I)),
    ("date", re.compile(r"什么时候|何时|哪天|日期|哪一天|\bwhen\b|\bdate\b", re.I)),
    ("title", re.compile(r"文件名|名称|叫什么|什么文件|哪个文件|title|name of", re.I)),
    ("value", re.compile(r"指数|是多少|数值|\bindex\b|\bvalue\b|what was", re.I)),
]
MEASURE = re.compile(r"几([起件家次个名位人例项份条场])|多少([起件家次个名位人例项份条场])")


@dataclass(frozen=True)
class Answer:
    """The reply to one question: a short span when the reports state it, passages, and a note."""

    question: str
    answer: str | None
    passages: list[Passage] = field(default_factory=list)
    note: str | None = None
    kind: str = "open"  # question type: count, amount, percent, value, date, title, docnum, open
    span: tuple[int, int] | None = None  # the answer's offsets in passages[0].text

    @property
    def source_span(self) -> tuple[int, int] | None:
        """The answer's offsets in the source file of ``passages[0]``."""
        if self.span is None:
            return None
        start = self.passages[0].start
        return start + self.span[0], start + self.span[1]

    def to_dict(self) -> dict:
        return {
            "question": self.question, "answer": self.answer, "kind": self.kind, "note": self.note,
            "span": self.span, "source_span": self.source_span, "passages": [p.to_dict() for p in self.passages],
        }


def question_type(question: str) -> str:
    for kind, pattern in QUESTION_TYPES:
        if pattern.search(question):
            return kind
    return "open"


def question_terms(question: str, info: QueryInfo, documents: list[DocInfo]) -> set[str]:
    """Content words of the question, with region names and years left out (they pick the report)."""
    text = expand(question) if info.english else question
    drop = {a for d in documents for a in d.aliases} | {str(info.year or "")}
    noise = set("年 区 县 市 局 生态 环境 生态环境 生态环境局 分局".split())
    return {t for t in tokenize(text) if t not in drop and t not in noise and not t.isdigit()}


def _clauses(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in re.finditer(r"[。；;！？!?\n]|[，,、：:]", text):
        spans.append((start, m.end()))
        start = m.end()
    spans.append((start, len(text)))
    return spans


def _overlap(terms: set[str], text: str) -> float:
    return sum(len(t) for t in terms if t in text)


def best_span(passages: list[Passage], kind: str, terms: set[str], measure: str | None) -> tuple[int, int, int, float] | None:
    """(passage index, start, end, score) of the best candidate in the top passages."""
    pattern = SPAN.get(kind)
    if pattern is None or not terms:
        return None
    need = max(len(t) for t in terms)  # at least one of the question's longest words must be near
    best = None
    for pi, p in enumerate(passages[:3]):
        text = p.text
        sentence_spans = [(s, e) for s, e in _clauses(text)]
        for m in pattern.finditer(text):
            sent = next((text[max(0, s - 60) : e] for s, e in sentence_spans if s <= m.start() < e), text)
            before = text[max(0, m.start() - 40) : m.start()]
            near = _overlap(terms, before)
            if near == 0 and _overlap(terms, sent) < need:
                continue
            score = 2 * near + _overlap(terms, sent) + 3.0 / (pi + 1)
            if measure and m.group().rstrip().endswith(measure):
                score += 4
            if best is None or score > best[3]:
                best = (pi, m.start(), m.end(), score)
    return best


def unknown_place(question: str, documents: list[DocInfo]) -> str | None:
    """A place the question names that no report in the collection covers (e.g. Hangzhou)."""
    known = {a for d in documents for a in d.aliases}
    for m in re.finditer(r"([\u4e00-\u9fff]{2,6}?)(?:省|市|区|县)(?:生态环境)?", question):
        name = m.group(1)
        if not any(name in a or a in name for a in known if CJK.search(a)):
            return m.group(0).rstrip("生态环境")
    for m in re.finditer(r"\b([A-Z][a-z]{2,})(?=\s+(?:District|County|City|Ecology|Environment|Bureau|Branch|Municipal)\b)", question):
        if m.group(1).lower() not in known:
            return m.group(1)
    return None


def answer_question(question: str, info: QueryInfo, passages: list[Passage], documents: list[DocInfo]) -> Answer:
    kind = question_type(question)
    years_of = {}
    for d in documents:
        years_of.setdefault(d.region, []).append(d.year)
    if info.regions and info.year is not None and not any(info.year in years_of.get(r, []) for r in info.regions):
        have = "、".join(f"{r} {', '.join(str(y) for y in sorted(y for y in years_of[r] if y))}" for r in info.regions)
        return Answer(question, None, passages, f"集合中没有{info.year}年的{'、'.join(info.regions)}报告（现有：{have}）；下列为最接近的段落。", kind)
    place = None if info.regions else unknown_place(question, documents)
    if place:
        return Answer(question, None, passages, f"集合中没有关于“{place}”的报告；下列为最接近的段落。", kind)
    if not passages or kind == "open":
        return Answer(question, None, passages, None, kind)
    m = MEASURE.search(question)
    measure = (m.group(1) or m.group(2)) if m else None
    found = best_span(passages, kind, question_terms(question, info, documents), measure)
    if found is None:
        return Answer(question, None, passages, "报告中没有找到对应的数字或名称；下列为最相关的段落。", kind)
    pi, s, e, _ = found
    ordered = [passages[pi]] + [p for i, p in enumerate(passages) if i != pi]
    text = unicodedata.normalize("NFC", ordered[0].text[s:e]).strip()
    return Answer(question, text, ordered, None, kind, (s, s + len(ordered[0].text[s:e].rstrip())))
