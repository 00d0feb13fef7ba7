"""One figure across every report in scope: a cited row per report, comparable groups, a chart, a CSV.

Why its own query: staff compile "each county's cases last year" or "the growth target of every
year" for their own reports. A chat answer gives one span; here every report in scope is searched
on its own (as ``compare.report_figure`` does), the figure of the asked kind whose words best
match the question is taken with its sentence and offsets in the file, and a report that does not
state it gets an explicit "not stated" row rather than a near miss. Figures are parsed by
``figures.find_figures`` (value normalised, unit, qualifier, counted noun), so rows that count
different things (160件投诉件, 25起违法行为) or use other units fall into different groups and are
never drawn as one series.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, fields, replace
from itertools import product

import jieba

from ..ingest.meta import is_bureau
from ..text import CJK, sentence_at
from ..types import DocInfo, Passage, QueryInfo, WordStats
from . import translate
from .answer import question_terms
from .figures import Figure, find_figures
from .retrieve import Searcher
from .understand import report_years

# Questions about one figure across places or years: 各地…, 历年…, 每年…, each/every province …; not a
# rate per year (每人每年, 人均每年: a unit, as in 补助标准提高到每人每年280元)
SCOPE = re.compile(
    r"各(?:地|省|市|县|区|局|报告|年度?)|历年|历届|(?<!平均)(?<!每.)(?<!人均)每年|逐年|每一年|近\d+年"
    r"|\b(?:each|every|all)\s+(?:year|province|city|cit(?:y|ies)|county|counties|district|region|bureau|report)s?\b"
    r"(?! on average)"  # grew 4.7% each year on average: one average, not a figure a year
    r"|\bover the years\b|\bby year\b|\byear by year\b|(?<!average )(?<!on average )\bper year\b",
    re.I,
)
# Scopes one report's own figure may state (每年可减少…, cover all cities): read so when a report is named.
# (历年, 逐年 and 各年度 span reports whatever year a follow-up adds: 2016年的呢 after 历年…)
ONE_REPORT_SCOPE = re.compile(r"^每一?年$|\ball\b|\bover the years\b|\b(?:each|every|per) year\b", re.I)
# What the question measures, as a figures.Figure kind; first match wins, None takes any figure.
MEASURES = [
    (
        "percent",
        re.compile(
            r"百分之|百分比|比例|比率|比重|[^件]率|增速|增长|降幅|增幅|涨幅|下降|percent|rate|ratio|share|growth|%",
            re.I,
        ),
    ),
    (
        "money",
        re.compile(r"金额|罚款|罚没|资金|投入|经费|多少钱|万元|亿元|money|fines?\b|amount|spending", re.I),
    ),
    ("count", re.compile(r"数|多少|几|how many|number of|count|\bcases\b", re.I)),
]
# Measure words that count the same kind of thing: 6件 and 25起 cases are one series, 160件 and 160家 not.
UNIT_CLASSES = ("起件例宗", "家户所", "次场期轮", "名位人", "份篇项条")
# The measure word a count question names: 多少起, 几家; or the one its noun ends in: 案件数, 人数, 次数.
MEASURE_WORD = re.compile(
    rf"(?:几|多少)\s*([{''.join(UNIT_CLASSES)}])|([{''.join(UNIT_CLASSES)}])(?:数|的?数量)"
)
# A question about a plan (目标, 预期, target) wants the figure the report sets for the year ahead, not
# the one it reviews (比上年增长9.1%); a question about results wants the opposite.
PLAN_ASKED = re.compile(r"目标|预期|计划|力争|拟|预计|安排|target|goal|plan|aim|expect|project", re.I)
DONE_ASKED = re.compile(r"实际|完成|实现了|达到了|actual|achieved|realised|realized", re.I)
PLAN_CUES = re.compile(r"目标|预期|计划|力争|拟|预计|左右|今年.{0,12}(?:要|确定|安排|提出)|提出")
DONE_CUES = re.compile(r"比上年|上年|去年|同比|达到|完成|实现|超过|突破|累计")
PLAN_FIT = 1.5  # score factor for a figure whose sentence speaks in the asked tense
PLAN_MISFIT = 0.6  # and for one that speaks only in the other
# Words right before a figure that say nothing about what it counts (共计25起, 累计罚款, 控制在4%)
GENERIC = frozenset("累计 共计 合计 总计 控制 以来 达到 其中 全年 今年 分别 约为 同比".split())
# A figure of several years (五年城镇新增就业4500万人, 十年来…涨幅稳定在2%左右, 年均) is not one year's
PERIOD = re.compile(r"[两三四五六七八九十]年(?!级)|年均|平均每年|期间|多年")
PERIOD_FIT = 0.6
CONFLICT = 0.4  # score factor for a figure whose own head words share nothing with the question
# The kind of report a question names (政府工作报告, "government work reports"): only those answer it
KIND_ZH = re.compile(r"[\u4e00-\u9fff]{2,12}报告")
KIND_EN = re.compile(r"((?:[a-z]+\s+){1,3})reports?\b", re.I)
KIND_MIN = 5  # characters of a report kind: 政府工作报告 scopes, 年度报告 or 工作报告 alone does not
# 各局…, "each bureau": the bureaus' reports, not every report with "not stated" for the rest
BUREAUS = re.compile(r"各(?:分)?局|\b(?:each|every|all)\s+bureaus?\b", re.I)
KIND_SENSES = 3  # dictionary headwords tried per English word of a report kind
TRANSLATION_MAIN = 0.9  # an English word's dictionary senses at this weight or more are its main ones
CJK_WORD = re.compile(r"[\u4e00-\u9fff]+")
CLAUSE_STOPS = "，,；;：:。！？!?\n"
CONTEXT_STOPS = "。！？!?\n"
MIN_COVER = 0.3  # share of the question's weighted words that the figure's clause and sentence hold
NEAR = 8  # characters before a figure that say what it counts
PASSAGES = 6  # passages searched per report
NEIGHBOURS = 2  # chunks either side of a hit, in its section, also read
CSV_FIELDS = (
    "doc title region level year years figure value low high unit base kind qualifier noun "
    "sentence start end sentence_start sentence_end section matched score"
).split()


@dataclass(frozen=True)
class Row:
    """One report's figure, or ``figure=None`` when the report does not state it.

    ``start``/``end`` are the figure's offsets in the report's source text and ``sentence_start``/
    ``sentence_end`` the sentence's, so ``source_text(doc)[start:end] == figure`` checks a row."""

    doc: str
    title: str
    region: str
    level: str
    year: int | None  # the year the report is on (its title year): the x of a line across years
    years: tuple[int, ...]  # every year the report covers
    figure: str | None = None  # as printed: 25起, 65.2256万元, 5%左右
    value: float | None = None  # normalised to the base unit: 652256 (元)
    low: float | None = None  # a range's ends (6.5%－7%), else None
    high: float | None = None
    unit: str = ""  # as printed, with magnitude: 万元
    base: str = ""  # without magnitude: 元
    kind: str = ""  # figures.Figure kind: count, money, percent, …
    qualifier: str | None = None  # about, over, under, at least, at most
    noun: str | None = None  # what the figure counts, as the report words it
    sentence: str | None = None
    start: int | None = None
    end: int | None = None
    sentence_start: int | None = None
    sentence_end: int | None = None
    section: str = ""
    matched: tuple[str, ...] = ()  # the question's words found in the figure's clause and noun
    score: float = 0.0  # how well the figure's words match the question; higher is better

    @property
    def stated(self) -> bool:
        return self.figure is not None

    def citation(self) -> str:
        where = f" › {self.section}" if self.section else ""
        span = f" · 字符 {self.start}–{self.end}" if self.stated else ""
        return f"{self.title} [{self.doc}]{where}{span}"


@dataclass(frozen=True)
class Group:
    """Rows that measure the same thing in comparable units: one series of a chart."""

    kind: str
    unit: str  # base unit of the group's first row (元, %, 起)
    noun: str | None
    rows: tuple[Row, ...]

    @property
    def label(self) -> str:
        return f"{self.noun or '（未注明）'}（{self.unit or self.kind}）"


@dataclass(frozen=True)
class Indicator:
    """The rows of one figure across the reports in scope, grouped into comparable series."""

    question: str
    kind: str | None  # the measure the question asks for (count, money, percent) or None
    rows: list[Row]
    groups: list[Group] = field(default_factory=list)
    note: str | None = None  # said when fewer than two reports state it, or units differ

    @property
    def stated(self) -> list[Row]:
        return [r for r in self.rows if r.stated]

    def chart(self) -> dict:
        """A chart-ready structure: one series per group; a line across years when every stated row
        is of one place and the years differ, else bars across places. Each point keeps its citation."""
        stated = self.stated
        places = {r.region for r in stated}
        years = {r.year for r in stated}
        line = len(places) == 1 and len(years) > 1 and None not in years
        series = []
        for g in self.groups:
            points = [
                {
                    "x": r.year if line else r.region or r.title,
                    "y": r.value,
                    "low": r.low,
                    "high": r.high,
                    "figure": r.figure,
                    "doc": r.doc,
                    "start": r.start,
                    "end": r.end,
                    "citation": r.citation(),
                }
                for r in sorted(
                    g.rows, key=lambda r: (r.year or 0, r.region) if line else (r.region, r.year or 0)
                )
            ]
            series.append(
                {"label": g.label, "unit": g.unit, "kind": g.kind, "noun": g.noun, "points": points}
            )
        return {
            "type": "line" if line else "bar",
            "title": self.question,
            "x": "year" if line else "region",
            "series": series,
            "note": self.note,
        }

    def to_csv(self) -> str:
        """The rows as CSV text (UTF-8 with a header; empty cells for "not stated")."""
        out = io.StringIO()
        writer = csv.DictWriter(out, CSV_FIELDS, lineterminator="\n")
        writer.writeheader()
        for r in self.rows:
            d = asdict(r)
            d["years"], d["matched"] = " ".join(map(str, r.years)), " ".join(r.matched)
            writer.writerow(
                {
                    k: "" if d[k] is None else (repr(d[k]) if isinstance(d[k], float) else d[k])
                    for k in CSV_FIELDS
                }
            )
        return out.getvalue()

    def to_dict(self) -> dict:
        return {
            "question": self.question,
            "kind": self.kind,
            "note": self.note,
            "rows": [asdict(r) | {"citation": r.citation()} for r in self.rows],
            "groups": [
                {
                    "label": g.label,
                    "kind": g.kind,
                    "unit": g.unit,
                    "noun": g.noun,
                    "docs": [r.doc for r in g.rows],
                }
                for g in self.groups
            ],
            "chart": self.chart(),
        }


def is_indicator(question: str) -> bool:
    """Whether a chat question asks for one figure across places or years (各地…多少, 历年…, each year …).

    Not when it names its one report and the scope is years or "all" (2004年报告说…每年可使农民减轻多少,
    the 2012 report … cover all cities): that report's annual or all-covering figure, not one a report."""
    m = SCOPE.search(question)
    return bool(m) and not (ONE_REPORT_SCOPE.search(m.group()) and report_years(question))


def measure(question: str) -> str | None:
    """The Figure kind the question asks for, or None when it does not say."""
    return next((kind for kind, pattern in MEASURES if pattern.search(question)), None)


def rows_from_csv(text: str) -> list[Row]:
    """Rows read back from ``Indicator.to_csv`` (a spreadsheet's export of it reads the same)."""
    types = {f.name: f.type for f in fields(Row)}
    out = []
    for d in csv.DictReader(io.StringIO(text)):
        values: dict = {}
        for k, v in d.items():
            t = str(types[k])
            if k in ("years", "matched"):
                values[k] = tuple(int(y) if k == "years" else y for y in v.split())
            elif v == "" and "None" in t:
                values[k] = None
            elif t.startswith("int"):
                values[k] = int(v)
            elif t.startswith("float"):
                values[k] = float(v)
            else:
                values[k] = v
        out.append(Row(**values))
    return out


def _overlap(terms: dict[str, float], text: str) -> float:
    return sum(w for t, w in terms.items() if t in text)


def _after(text: str, stops: str, pos: int, floor: int = 0) -> int:
    return max([floor] + [text.rfind(c, 0, pos) + 1 for c in stops])


def _unit_class(base: str) -> str:
    return next((c for c in UNIT_CLASSES if base[:1] in c), base)


def _precision(clause: str, terms: dict[str, float]) -> float:
    """Share of the clause's last Chinese characters found in the question's words: 查处环境违法行为
    fits 查处环境违法案件 well, 移送公安行政拘留案件 (a subset the question did not ask for) poorly."""
    chars = set("".join(terms))
    near = "".join(CJK.findall(clause))[-NEAR:]
    return sum(c in chars for c in near) / len(near) if near else 0.0


def tense(question: str) -> str | None:
    """ "plan" for a question about a target (预期目标, target), "done" for one about results, else None."""
    if DONE_ASKED.search(question):
        return "done"
    return "plan" if PLAN_ASKED.search(question) else None


def _tense_factor(lead: str, clause: str, asked: str | None) -> float:
    """How a figure's sentence (up to the figure: ``lead``) and own clause speak to the asked tense:
    PLAN_FIT when they speak in it, 0 when only in the other (the year reviewed is not the target
    set), 1 when they say neither (a figure in a list under a heading that names the target)."""
    if asked is None:
        return 1.0
    plan, done = bool(PLAN_CUES.search(lead)), bool(DONE_CUES.search(clause))
    if plan == done:
        return 1.0
    return PLAN_FIT if plan == (asked == "plan") else 0.0


def _conflicts(tail: str, asked_chars: set[str]) -> bool:
    """Whether the words right before a figure name another thing than the question asks about:
    查处群众投诉件160件 for a question on 违法案件. The last two content words of the clause must share
    a character (measure words aside) with the question's words; 下达处罚决定30件 shares 处 with
    查处, 投诉 nothing with 违法案件."""
    words = [w for w in jieba.lcut(tail, HMM=False) if len(w) > 1 and CJK_WORD.fullmatch(w)]
    words = [w for w in words if w not in GENERIC][-2:]
    chars = set("".join(words)) - set("".join(UNIT_CLASSES)) - {"数"}
    return bool(chars) and not chars & asked_chars


def report_kind(question: str, documents: list[DocInfo], english: bool = False) -> list[DocInfo]:
    """The reports of the kind the question names (历年政府工作报告, "each government work report"),
    or all of ``documents`` when it names none that only some titles hold.

    Why: a collection mixes kinds (the State Council's reports and bureau reports); a question about
    "the government work reports" of two years must not compare bureau reports of those years. The
    kind is a phrase ending in 报告 that some titles contain (for English, the words before "report"
    in the dictionary's Chinese); at least KIND_MIN characters, so 年度报告 alone scopes nothing.
    各局 / "each bureau" names the kind by its issuer: reports a bureau issued (``meta.is_bureau``)."""
    if BUREAUS.search(question):
        hit = [d for d in documents if is_bureau(d.bureau, d.issuer, d.title)]
        if 0 < len(hit) < len(documents):
            return hit
    phrases: list[str] = []
    if english:
        for m in KIND_EN.finditer(question):
            words = m.group(1).lower().split()
            for n in range(1, len(words) + 1):
                heads = [[h for h, _ in translate.translate(w, df=None)[:KIND_SENSES]] for w in words[-n:]]
                phrases += ["".join(combo) + "报告" for combo in product(*heads)]
    else:
        for m in KIND_ZH.finditer(question):
            phrases += [m.group()[i:] for i in range(len(m.group()) - KIND_MIN + 1)]
    for phrase in sorted((p for p in phrases if len(p) >= KIND_MIN), key=len, reverse=True):
        hit = [d for d in documents if phrase in d.title]
        if 0 < len(hit) < len(documents):
            return hit
    return documents


def _fits(fig: Figure, kind: str | None, word: str | None) -> bool:
    if fig.kind in ("year", "date", "plain", "ratio"):
        return False
    if kind is not None and fig.kind != kind:
        return False
    return not (word and fig.kind == "count" and _unit_class(fig.base) != _unit_class(word))


def _best(
    passages: list[tuple[int, Passage]],
    terms: dict[str, float],
    total: float,
    kind: str | None,
    word: str | None,
    asked: str | None = None,
    period: bool = False,
) -> tuple[float, Passage, Figure, str] | None:
    """The figure in the passages whose own clause and sentence best hold the question's words.

    The clause (from the previous comma or figure up to the figure) and the counted noun weigh
    most, then the sentence, then the passage and its section path (a list under a heading that
    names the measure, as in 主要预期目标是：… ); figures whose clause and sentence hold too few of
    the question's words are no answer, which is how "not stated" rows arise. A figure whose own head
    words name another thing (``_conflicts``) weighs less, and is no answer when its clause holds none
    of the question's words; so does a figure of several years (PERIOD) unless the question asks for
    one; one that speaks only in the other tense than the question (the year's result for a question
    on the target) is no answer."""
    if not total:
        return None
    asked_chars = set("".join(terms))
    best = None
    for rank, p in passages:
        text = p.text
        figs = find_figures(text)
        wide = _overlap(terms, f"{p.section} {text}")
        previous_end = 0
        for fig in figs:
            floor, previous_end = previous_end, fig.end
            if not _fits(fig, kind, word):
                continue
            tail = text[_after(text, CLAUSE_STOPS, fig.start, floor) : fig.start]
            clause = tail + (fig.noun or "")
            lead = _after(text, CONTEXT_STOPS, fig.start)
            context = text[lead : sentence_at(text, fig.start, fig.end)[1]]
            if _overlap(terms, f"{clause} {context}") < MIN_COVER * total:
                continue
            fit = _tense_factor(text[lead : fig.end], tail, asked)
            if not fit:
                continue
            own = _overlap(terms, clause)
            score = 3 * own * (0.5 + _precision(clause, terms)) + own + _overlap(terms, context)
            score = (score + 0.3 * wide + 1.0 / (rank + 1)) * fit
            if _conflicts(tail, asked_chars):
                if not own:  # 比去年增长11.3% of 补助资金 for a question on 赤字率: nothing of it asked
                    continue
                score *= CONFLICT
            # the whole clause: 五年 is itself a figure, so ``tail`` starts after it
            if not period and PERIOD.search(text[_after(text, CLAUSE_STOPS, fig.start) : fig.start]):
                score *= PERIOD_FIT
            if best is None or score > best[0]:
                best = (score, p, fig, clause)
    return best


def _with_neighbours(searcher: Searcher, passages: list[Passage]) -> list[tuple[int, Passage]]:
    """Each hit, with its rank, followed by the chunks around it in its section (with the hit's rank).

    The searcher keeps one passage per section so that answers are not crowded out; a figure, though,
    is often in the chunk next to the one that matched best (a list of targets split across chunks)."""
    out: list[tuple[int, Passage]] = []
    seen: set[str] = set()
    for rank, p in enumerate(passages):
        rows = searcher.rows_of(p.doc).tolist()
        chunks = [searcher.stored.chunks[r] for r in rows]
        at = next(i for i, c in enumerate(chunks) if c.id == p.id)
        for c in chunks[max(0, at - NEIGHBOURS) : at + NEIGHBOURS + 1]:
            if c.section == p.chunk.section and c.id not in seen:
                seen.add(c.id)
                out.append((rank, p if c.id == p.id else Passage(c, p.score)))
    return out


def report_row(
    question: str,
    info: QueryInfo,
    doc: DocInfo,
    searcher: Searcher,
    terms: dict[str, float],
    kind: str | None,
) -> Row:
    """One report's row: its best-matching figure of the asked kind, or "not stated"."""
    passages = _with_neighbours(searcher, searcher.search(question, replace(info, docs=(doc.doc,)), PASSAGES))
    m = MEASURE_WORD.search(question)
    word = (m.group(1) or m.group(2)) if m and kind == "count" else None
    row = Row(doc.doc, doc.title, doc.region, doc.level, doc.year, doc.years)
    # the share needed is of the question's own words: synonyms added for matching (提出 → 诉讼) are
    # alternatives, not more words a sentence must hold
    total = _own_weight(question, info, terms)
    found = _best(passages, terms, total, kind, word, tense(question), bool(PERIOD.search(question)))
    if found is None:
        return row
    score, p, fig, clause = found
    a, b = sentence_at(p.text, fig.start, fig.end)
    while a < b and p.text[a].isspace():
        a += 1
    while b > a and p.text[b - 1].isspace():
        b -= 1
    return replace(
        row,
        figure=fig.text,
        value=fig.value,
        low=fig.low,
        high=fig.high,
        unit=fig.unit,
        base=fig.base,
        kind=fig.kind,
        qualifier=fig.qualifier,
        noun=fig.noun,
        sentence=p.text[a:b],
        start=p.start + fig.start,
        end=p.start + fig.end,
        sentence_start=p.start + a,
        sentence_end=p.start + b,
        section=p.section,
        matched=tuple(t for t in terms if t in clause),
        score=score,
    )


def _own_weight(question: str, info: QueryInfo, terms: dict[str, float]) -> float:
    """The weight of the question's own words, of which a figure's sentence must hold MIN_COVER.

    Synonyms added for matching (提出 → 诉讼) are alternatives, not more words a sentence must hold.
    An English question has no words of the reports' own: its dictionary terms count, but only the
    main senses (TRANSLATION_MAIN), since "report" brings 汇报 and 作品 beside 报告."""
    if not info.english:
        return sum(w for t, w in terms.items() if t in question)
    senses = dict(translate.translate(question))
    return sum(w for t, w in terms.items() if senses.get(t, 1.0) >= TRANSLATION_MAIN)


def _same_thing(a: Row, b: Row) -> bool:
    """Two rows count the same thing: their counted nouns are equal, one ends the other (环境违法行为,
    违法行为) or their last words agree; where a noun is missing, one figure's clause holds no
    question word the other's lacks (立案处罚 9 起: 违法, beside 查处环境违法行为25起)."""
    if a.noun and b.noun:
        return (
            a.noun.endswith(b.noun)
            or b.noun.endswith(a.noun)
            or jieba.lcut(a.noun, HMM=False)[-1] == jieba.lcut(b.noun, HMM=False)[-1]
        )
    small, large = sorted((set(a.matched), set(b.matched)), key=len)
    return bool(small) and small <= large


def group_rows(rows: list[Row]) -> list[Group]:
    """Stated rows in comparable series: same kind, same unit (a measure-word class for counts), and
    for counts the same counted thing; the largest series first.

    Why the counted thing only for counts: 160件投诉件 and 25起违法行为 are both 件-class counts of
    different things, the trap a table must show. A growth rate or an amount was already chosen as
    the question's figure; its "noun" is how the sentence words the subject (国内生产总值增长8%左右,
    经济增长预期目标为7%左右), and splitting on that wording broke one series into several."""
    groups: list[list[Row]] = []
    for r in (r for r in rows if r.stated):
        for g in groups:
            first = g[0]
            if (
                first.kind == r.kind
                and _unit_class(first.base) == _unit_class(r.base)
                and (r.kind != "count" or _same_thing(first, r))
            ):
                g.append(r)
                break
        else:
            groups.append([r])
    groups.sort(key=lambda g: -len(g))
    return [Group(g[0].kind, g[0].base, _common_noun(g), tuple(g)) for g in groups]


def _common_noun(rows: list[Row]) -> str | None:
    nouns = [r.noun for r in rows if r.noun]
    return max(nouns, key=lambda n: (nouns.count(n), -len(n))) if nouns else None


def _note(rows: list[Row], groups: list[Group]) -> str | None:
    stated = [r for r in rows if r.stated]
    if not stated:
        return f"{len(rows)} 份报告中都没有找到这个数字。"
    parts = []
    if len(stated) < 2:
        parts.append(f"只有 1 份报告给出这个数字（共 {len(rows)} 份），无从比较。")
    elif len(stated) < len(rows):
        parts.append(f"{len(stated)} 份报告给出这个数字，{len(rows) - len(stated)} 份未提及。")
    if len(groups) > 1:
        labels = "；".join(g.label for g in groups)
        parts.append(f"各报告统计的对象或单位不同，分为 {len(groups)} 组，不宜直接比较：{labels}。")
    return "".join(parts) or None


def row_reader(
    question: str,
    info: QueryInfo,
    searcher: Searcher,
    docs: list[DocInfo],
    documents: list[DocInfo],
    words: WordStats | None = None,
) -> Callable[[DocInfo], Row]:
    """A function giving one report's row for the question, across ``docs``: the indicator's rows and
    the comparison's first reading of each report (``compare``) come from the same reader.

    The words that only scope the question (各地, 历年) and words in every report's title of
    ``docs`` (政府工作报告 across the State Council's reports) are left out of the matching: they say
    where to look, not which figure to take."""
    asked = SCOPE.sub(" ", question)
    terms = question_terms(asked, info, documents, words)
    shared = {t for t in terms if docs and all(t in d.title for d in docs)}
    terms = {t: w for t, w in terms.items() if t not in shared}
    kind = measure(asked)
    return lambda doc: report_row(asked, info, doc, searcher, terms, kind)


def indicator(
    question: str,
    info: QueryInfo,
    searcher: Searcher,
    documents: list[DocInfo],
    words: WordStats | None = None,
) -> Indicator:
    """The figure the question names, one row per report in scope: the reports of the kind it names
    (``report_kind``) among ``info.docs`` (else all)."""
    docs = [d for d in report_kind(question, documents, info.english) if not info.docs or d.doc in info.docs]
    read = row_reader(question, info, searcher, docs, documents, words)
    rows = sorted((read(d) for d in docs), key=lambda r: (r.region, r.year or 0, r.doc))
    groups = group_rows(rows)
    return Indicator(question, measure(SCOPE.sub(" ", question)), rows, groups, _note(rows, groups))
