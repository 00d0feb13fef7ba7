"""Questions across reports: one figure per report, then the comparison the question asks for.

Why per report: "哪个局查处的环境违法案件最多" cannot be answered from the top passages of one
ranked list — each report must be searched on its own, its figure extracted with the sentence
it came from, and the figures compared. The table keeps every row's cited sentence so a reader
sees when reports count different things.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from ..text import sentence_at
from ..types import Answer, DocInfo, Passage, QueryInfo
from .answer import ABSTAIN, extract, question_terms
from .indicator import Row, report_kind, row_reader
from .kinds import BY_NAME, question_kind
from .retrieve import Searcher
from .understand import report_years

CROSS = re.compile(
    r"(?:哪个局|哪些局|哪个区|哪个县|哪个市|哪家单位|哪个单位|哪几个局|各局|哪个报告)(?![间域段])"
    # "which city's figure is highest" compares; "which city's Olympic bid did it support" asks a name,
    # as does "in which city was the Universiade held": a place compares with a comparative only
    r"|which (?:bureau|report)(?:s\b|\b(?!'s\b(?!.*\b(?:most|more|less|least|\w+er than|\w+est)\b)))"
    r"|which (?:district|county|city)(?:'s|s)?\b(?=.*\b(?:most|more|less|least|\w+er than|\w+est)\b)"
    r"|\bcompare",
    re.I,
)
# "是多少？" asks for the figure, not for the least: 少 right after 多 is no comparison; nor is "how many
# more" (a difference one report states: 又有2897万农村人口…).
MOST = re.compile(
    r"最多|更多|较多|哪个多|谁多|(?<!多)多[？?]|[最更较](?:高|大|快|重)|most"
    r"|(?<!how many )(?<!how much )(?:more|higher|larger|bigger|greater)|highest|largest|biggest|greatest",
    re.I,
)
LEAST = re.compile(
    r"最少|更少|较少|哪个少|谁少|(?<!多)少[？?]|[最更较](?:低|小|慢|轻)|least|fewer|lower|lowest|smaller"
    r"|smallest",
    re.I,
)
NONE = re.compile(r"没有|没发生|未发生|零|\bno\b|\bnone\b|zero", re.I)
ZERO = re.compile(r"(?:无|未发生|未出现|没有发生|没有)[\u4e00-\u9fff]{0,12}?(?:案件|事件|情况|问题)")
# A figure the row reader finds has its words in its own clause and sentence and the asked tense and
# measure: as sure as an extracted answer that is shown without "low confidence".
READ_CONFIDENCE = 0.7
WHICH_YEAR = re.compile(r"哪一?年|哪个年|which year", re.I)


def is_cross(question: str, info: QueryInfo) -> bool:
    """Several regions, a question about bureaus, or several years with "which year / more"."""
    years = len(set(info.years)) > 1 and bool(WHICH_YEAR.search(question) or MOST.search(question))
    return len(info.places) > 1 or bool(CROSS.search(question)) or years


def report_figure(
    question: str,
    info: QueryInfo,
    doc: DocInfo,
    searcher: Searcher,
    words,
    documents: list[DocInfo],
    embedder,
    read: Callable[[DocInfo], Row] | None = None,
) -> dict:
    """The figure one report gives for the question: value, unit, qualifier, counted noun, sentence.

    ``read`` (the indicator's row reader) is asked first: it weighs the asked tense (a target, not the
    year reviewed), the measure and what a count counts. Where it finds nothing, the answer extractor
    reads the report's top passages (with the model's clause similarity, which carries English and
    paraphrased questions further), or a sentence saying there were none."""
    scoped = replace(info, docs=(doc.doc,), years=(), year=doc.year)
    passages = searcher.search(question, scoped, 3)
    row = {
        "doc": doc.doc,
        "bureau": doc.bureau,
        "region": doc.region,
        "year": doc.year,
        "figure": None,
        "value": None,
        "unit": None,
        "qualifier": None,
        "noun": None,
        "sentence": None,
        "confidence": 0.0,
        "passage": None,
    }
    found = read(doc) if read is not None else None
    if found is not None and found.stated:
        chunks = (searcher.stored.chunks[i] for i in searcher.rows_of(doc.doc))
        chunk = next(c for c in chunks if c.start <= found.start < c.end)
        return _stated(row, found.figure, found, found.sentence, READ_CONFIDENCE, Passage(chunk, found.score))
    kind = question_kind(question)
    kind = kind if "figure" in kind.finders else BY_NAME["count"]
    _, best = extract(question, scoped, passages, documents, words, embedder, kind=kind)
    terms = question_terms(question, scoped, documents, words)
    zero = _zero(passages, terms)
    if best is not None and best.confidence < ABSTAIN:
        best = None
    if zero and (best is None or zero[1] >= best.score):
        p, _, text, sentence = zero
        row.update(figure=text, value=0.0, sentence=sentence, passage=p)
    elif best is not None and best.figure is not None:
        p = passages[best.passage]
        return _stated(row, best.text, best.figure, _sentence_of(p.text, best.start), best.confidence, p)
    return row


def _stated(row: dict, printed: str, f, sentence: str, confidence: float, passage: Passage) -> dict:
    """``row`` with the figure a report states: ``f`` is the row reader's find or the extractor's
    Figure, both carrying value, unit, qualifier and counted noun."""
    row.update(
        figure=printed,
        value=f.value,
        unit=f.unit,
        qualifier=f.qualifier,
        noun=f.noun,
        sentence=sentence,
        confidence=confidence,
        passage=passage,
    )
    return row


def _zero(passages: list[Passage], terms: dict[str, float]):
    """A sentence saying there were none (无行政应诉案件发生), scored like a candidate."""
    best = None
    for pi, p in enumerate(passages):
        for m in ZERO.finditer(p.text):
            score = 3 * sum(w for t, w in terms.items() if t in m.group()) + 2.0 / (pi + 1)
            if score > 0 and (best is None or score > best[1]):
                best = (p, score, m.group(), _sentence_of(p.text, m.start()))
    return best


def _name(row: dict) -> str:
    """A report as the answer names it: its bureau, else its region and year (the State Council's)."""
    return row["bureau"] or f"{row['region']}{row['year'] or ''}"


def _sentence_of(text: str, pos: int) -> str:
    a, b = sentence_at(text, pos)
    return text[a:b].strip()


def compare(
    question: str, info: QueryInfo, searcher: Searcher, documents: list[DocInfo], words, k: int, embedder=None
) -> Answer:
    """Answer a cross-report question with the report(s) it asks for and a table of figures.

    Each chosen report is named by its bureau when the reports differ in region, else by its year
    ("which year's target was higher"), with its figure beside it."""
    # "the 2024 and 2025 reports": those reports, not every report of the years they review
    years = report_years(question) or (set(info.years) if len(set(info.years)) > 1 else set())
    docs = [
        d
        for d in report_kind(question, documents, info.english)
        if (not info.docs or d.doc in info.docs) and (not years or d.year in years)
    ]
    # "which bureaus had none": a sentence saying 无…案件 answers, which the row reader does not read
    # the reader matches what is asked about: "哪一年更高" says how to compare, not which figure
    asked = " ".join(WHICH_YEAR.sub(" ", LEAST.sub(" ", MOST.sub(" ", question))).split())
    read = None if NONE.search(question) else row_reader(asked, info, searcher, docs, documents, words)
    rows = [report_figure(question, info, d, searcher, words, documents, embedder, read) for d in docs]
    known = [r for r in rows if r["value"] is not None]
    table = [{k_: v for k_, v in r.items() if k_ != "passage"} for r in rows]
    passages = [r["passage"] for r in rows if r["passage"] is not None][:k]
    if not known:
        return Answer(
            question,
            None,
            passages,
            "各报告中都没有找到这个数字；下列为各报告最相关的段落。",
            "cross",
            table=table,
        )
    if NONE.search(question) and not MOST.search(question):
        chosen = [r for r in known if r["value"] == 0]
    elif LEAST.search(question):
        low = min(r["value"] for r in known)
        chosen = [r for r in known if r["value"] == low]
    elif MOST.search(question):
        high = max(r["value"] for r in known)
        chosen = [r for r in known if r["value"] == high]
    else:  # "哪个局当过被告", "which bureaus had …": those with any
        chosen = [r for r in known if r["value"] > 0]
    missing = [_name(r) for r in rows if r["value"] is None]
    note = "各报告的数字见表，统计口径可能不同，请核对引文。" + (
        f"未找到数字：{'、'.join(missing)}。" if missing else ""
    )
    first = [r["passage"] for r in chosen]
    ordered = first + [p for p in passages if p not in first]
    by_year = len({r["region"] for r in rows}) == 1 and len({r["year"] for r in rows}) > 1
    bases = {(r["unit"] or "")[-1:] for r in known if r["value"]}
    if len(bases) > 1:
        note += "各报告数字的单位不同，比较仅供参考。"
    answer = "、".join(f"{r['year']}年（{r['figure']}）" if by_year else _name(r) for r in chosen) or None
    return Answer(
        question,
        answer,
        ordered[:k],
        note if answer else "没有报告符合这个条件。" + note,
        "cross",
        table=table,
        confidence=min((r["confidence"] for r in chosen), default=0.0),
    )
