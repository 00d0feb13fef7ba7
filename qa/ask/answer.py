"""Extractive answers: the short span that answers the question, or an honest "not found".

Why extractive: there is no LLM here, and a figure copied from the report with its citation is
checkable where a generated sentence is not. Candidate spans (a number with its measure word, a
percentage, an amount, a 《title》, a document number, a date, a year range, a named body, a list)
are scored by how well the words around them match the question's words; a span is given only
when enough of the question's content words are really there, so "not stated" stays None.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from difflib import SequenceMatcher

import jieba
import jieba.posseg as pseg

from ..index.keyword import tokenize
from ..text import CJK, sentence_at
from ..types import Answer, DocInfo, Passage, QueryInfo
from .terms import expand
from .understand import missing_report_note, unknown_place

UNITS = (
    "个工作日|工作日|人次|家次|余万元|万元|亿元|元|起|件|家|次|个|名|位|人|例|项|份|条|场|批|台|套|户|辆|吨|天|小时|"
    "篇|期|所|处|本|公里|亩|座|轮|支|队"
)
NUM = r"\d+(?:\.\d+)?"
SPANS = {
    "percent": re.compile(rf"-?{NUM}\s*[%％]"),
    "count": re.compile(rf"{NUM}\s*余?\s*(?:{UNITS})"),
    "amount": re.compile(rf"{NUM}\s*余?\s*(?:万元|亿元|元)"),
    "value": re.compile(rf"(?<![\d.]){NUM}(?![\d.%％年月日万亿]|\s*(?:{UNITS}))"),
    "range": re.compile(r"(?:19|20)\d{2}\s*[-—–~～至到]\s*(?:19|20)?\d{2}"),
    "title": re.compile(r"《[^《》]{2,60}》"),
    "docnum": re.compile(r"[\u4e00-\u9fff]{1,8}[〔\[［（(]\d{4}[〕\]］）)]\s*\d+\s*号"),
    "date": re.compile(r"\d{4}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?"),
    "list": re.compile(r"[\u4e00-\u9fffA-Za-z0-9]{1,12}(?:、[\u4e00-\u9fffA-Za-z0-9]{1,12}){2,}"),
}
QUESTION_TYPES = [  # (kind, pattern), first match wins
    ("docnum", re.compile(r"文号|文件号|document number", re.I)),
    ("range", re.compile(r"哪几年|哪些年|哪一年到|期限|which years|what period", re.I)),
    (
        "title",
        re.compile(r"文件名|什么文件|哪个文件|哪份文件|名称是|title of|name of the (?:plan|document)", re.I),
    ),
    ("list", re.compile(r"哪些|哪几|有哪|是指|which (?:cities|ones|measures)|what are the", re.I)),
    ("percent", re.compile(r"百分之|比例|比率|[^件]率|降幅|增幅|percent|percentage|\brate\b|%", re.I)),
    ("amount", re.compile(r"多少钱|金额|罚款|罚了|费用|资金|how much money|amount|fines?\b|cost", re.I)),
    (
        "count",
        re.compile(
            r"多少|几[起件家次个名位人例项份条场]?|how many|how much|number of|what was|\bindex\b", re.I
        ),
    ),
    ("date", re.compile(r"什么时候|何时|哪天|日期|哪一天|\bwhen\b|\bdate\b", re.I)),
    (
        "name",
        re.compile(
            r"哪家|哪个|哪一个|什么(?:单位|网站|平台|机构|部门)|which|what (?:website|platform|firm)", re.I
        ),
    ),
]
# A question without a measure word may be answered by any figure; one with 多少家 wants 家.
FIGURES = ("count", "amount", "percent", "value")
KINDS = {"percent": ("percent",), "amount": ("amount",), "count": FIGURES}
MEASURE = re.compile(r"(?:几|多少)\s*([起件家次个名位人例项份条场])")
# Measure words that count the same kind of thing (cases, bodies, events, people, documents).
# 个 counts anything, so it neither fits nor clashes.
MEASURE_GROUPS = ["起件例宗", "家户所", "次场期轮", "名位人", "份篇项条"]
HEAD = re.compile(r"(?:哪家|哪个|哪一个|哪一家|什么)([\u4e00-\u9fff]{1,6}?)(?=[做为来是上在，,？?的]|$)")
HEAD_VARIANTS = {
    "网站": ("网站", "网", "平台"),
    "平台": ("平台", "网"),
    "单位": ("单位", "公司", "局"),
    "机构": ("机构", "中心", "所"),
}
LEAD = re.compile(r"^(?:与|和|同|对|向|在|将|是|为|包括|即|如|由|经)+")
NOISE = set("年 区 县 市 局 生态 环境 生态环境 生态环境局 分局 报告 一共 总共 共 了 呢 那 它 the".split())
MIN_COVER = 0.25  # share of the question's content words that must surround a span


@dataclass(frozen=True)
class Candidate:
    passage: int
    start: int
    end: int
    text: str
    score: float


def question_type(question: str) -> str:
    for kind, pattern in QUESTION_TYPES:
        if pattern.search(question):
            return kind
    return "open"


def question_terms(
    question: str, info: QueryInfo, documents: list[DocInfo], idf: Callable[[str], float] | None = None
) -> dict[str, float]:
    """Content words of the question, weighted by length and rarity; region names and years left out."""
    text = expand(question) if info.english else f"{question} {expand(question)}"
    drop = {a for d in documents for a in d.aliases} | {str(info.year or "")}
    rarity = idf or (lambda t: 1.0)
    terms = {t: len(t) * rarity(t) for t in tokenize(text) if t not in drop and t not in NOISE and len(t) > 1}
    terms = {t: w for t, w in terms.items() if w > 0}
    for t in list(terms):  # a word inside a longer question word adds little of its own
        if any(t != o and t in o for o in terms):
            terms[t] *= 0.5
    return terms


def _overlap(terms: dict[str, float], text: str) -> float:
    return sum(w for t, w in terms.items() if t in text)


def _common_substring(a: str, b: str) -> int:
    m = SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b))
    return m.size


def _proper(name: str) -> bool:
    """A name has a place/organisation word or a word jieba's dictionary does not know (君策)."""
    return any(
        w.flag in {"ns", "nr", "nt", "nz", "nrt", "nrfg", "eng"} or not jieba.dt.FREQ.get(w.word)
        for w in pseg.cut(name)
    )


def _clean_name(text: str) -> str:
    """Keep the noun phrase at the end of ``text`` (drop the verb or preposition before it)."""
    words = list(pseg.cut(text))
    kept: list[str] = []
    for w in reversed(words):
        if w.flag[:1] in {"v", "p", "c", "u", "d", "r", "m", "q", "x"} and kept:
            break
        kept.append(w.word)
    return "".join(reversed(kept)).strip()


def _list_items(span: str) -> str | None:
    items = span.split("、")
    first = LEAD.sub("", items[0])
    if len(first) > max(len(i) for i in items[1:]):  # the match began inside the words before the list
        first = _clean_name(first) or first
    last = re.split(r"等", items[-1])[0]
    items = [first, *items[1:-1], last]
    return "、".join(items) if all(items) and len(items) >= 3 else None


def _spans(kind: str, text: str, head: str | None):
    """(start, end, answer text) candidates of one kind in one passage."""
    if kind == "name":
        if not head:
            return
        for variant in HEAD_VARIANTS.get(head, (head,)):
            for m in re.finditer(re.escape(variant), text):
                a = max(0, m.start() - 10)
                prefix = _clean_name(text[a : m.start()])
                if len(prefix) >= 2 and _proper(prefix):
                    yield m.start() - len(prefix), m.end(), prefix + variant
        return
    for m in SPANS[kind].finditer(text):
        value = m.group().strip()
        if kind == "list":
            value = _list_items(value)
            if value is None:
                continue
            start = text.find(value.split("、")[0], m.start())
            end = m.start() + len(m.group().split("等")[0]) if "等" in m.group() else m.end()
            yield start, end, value
        else:
            yield m.start(), m.start() + len(m.group().rstrip()), value


def candidates(
    question: str,
    passages: list[Passage],
    kind: str,
    terms: dict[str, float],
    measure: str | None,
    head: str | None,
    top: int = 3,
) -> list[Candidate]:
    """Scored candidates in the top passages, best first; those without enough support dropped."""
    total = sum(terms.values())
    if not total:
        return []
    out = []
    for pi, p in enumerate(passages[:top]):
        text = p.text
        numbers = [m.span() for m in re.finditer(NUM, text)]
        for sub in KINDS.get(kind, (kind,)):
            for s, e, value in _spans(sub, text, head):
                a, b = sentence_at(text, s, e)
                clause = max(
                    [a]
                    + [text.rfind(c, 0, s) + 1 for c in "，,、：:"]
                    + [ne for ns, ne in numbers if ne <= s]
                )
                stop = min(
                    [b]
                    + [ns for ns, ne in numbers if ns >= e]
                    + [i for i in (text.find(c, e) for c in "，,。；;") if i >= 0]
                )
                before, after, sentence = (
                    text[max(clause, s - 25) : s],
                    text[e : min(stop, e + 12)],
                    text[a:b],
                )
                cover = _overlap(terms, text[max(0, a - 40) : b]) / total
                if cover < MIN_COVER:
                    continue
                # "238家民生保障类企业": words right after a measure word are what it counts;
                # "查处环境违法行为25起": otherwise the words before the figure are.
                counted = after if after[:1] and CJK.match(after[:1]) and sub == "count" else before
                other = before if counted is after else after
                score = 3 * _overlap(terms, counted) + _overlap(terms, other) + _overlap(terms, sentence)
                if sub in ("title", "name", "list"):
                    score += 3 * _overlap(terms, value)
                score += _common_substring(
                    unicodedata.normalize("NFKC", question),
                    unicodedata.normalize("NFKC", text[max(a, s - 25) : s]),
                )
                score += 2.0 / (pi + 1)
                if measure and sub == "count":
                    score += 0.3 * total * _measure_fit(measure, value)
                if sub != KINDS.get(kind, (kind,))[0]:
                    score -= 1  # a figure of another kind than the question's first choice
                out.append(Candidate(pi, s, e, value, score))
    return sorted(out, key=lambda c: -c.score)


def _measure_fit(asked: str, value: str) -> float:
    """1 for the asked measure word, 0.6 for one of its kind (几起 → 25件), -1 for another kind."""
    unit = value.rstrip()[-1]
    if unit == asked:
        return 1.0
    if any(asked in g and unit in g for g in MEASURE_GROUPS):
        return 0.6
    return -1.0 if unit in "".join(MEASURE_GROUPS) else 0.0


def extract(
    question: str, info: QueryInfo, passages: list[Passage], documents: list[DocInfo], idf=None, top: int = 3
) -> tuple[str, Candidate | None]:
    """The question's type and its best supported span in the top passages (or None)."""
    kind = question_type(question)
    if kind in ("open",) or not passages:
        return kind, None
    m = MEASURE.search(question)
    head = HEAD.search(question)
    head_noun = head.group(1) if head else None
    if info.english and kind == "name":
        head_noun = (expand(question).split() or [None])[0]
    terms = question_terms(question, info, documents, idf)
    found = candidates(question, passages, kind, terms, m.group(1) if m else None, head_noun, top)
    return kind, (found[0] if found else None)


def answer_question(
    question: str, info: QueryInfo, passages: list[Passage], documents: list[DocInfo], idf=None
) -> Answer:
    """The short answer for a single-report question, or None with a note saying why."""
    note = missing_report_note(info, documents)
    if note:
        return Answer(question, None, passages, note, question_type(question))
    place = None if info.regions else unknown_place(question, documents)
    if place:
        return Answer(
            question,
            None,
            passages,
            f"集合中没有关于“{place}”的报告；下列为最接近的段落，仅供参考。",
            question_type(question),
        )
    kind, best = extract(question, info, passages, documents, idf)
    if best is None:
        note = None if kind == "open" else "报告中没有找到能回答这个问题的数字或名称；下列为最相关的段落。"
        return Answer(question, None, passages, note, kind)
    ordered = [passages[best.passage]] + [p for i, p in enumerate(passages) if i != best.passage]
    text = re.sub(r"\s*\n\s*", "", best.text)  # a span broken across lines (PDF) reads as one
    return Answer(question, unicodedata.normalize("NFC", text), ordered, None, kind, (best.start, best.end))
