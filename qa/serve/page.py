"""The chat page (Gradio). Thin on purpose: it calls ``ReportQA`` and lays out the reply.

Report text and questions are always escaped or shown as plain text, never run as HTML or
markdown. The handlers are plain functions returning named results (``Reply``), separate from
the layout, so that tests call them directly and a new panel is one new field.
"""

from __future__ import annotations

import html
import os
import re
import tempfile
import threading
import time
from collections import defaultdict, deque
from dataclasses import dataclass, fields
from pathlib import Path
from urllib.parse import quote

import gradio as gr
import pandas as pd

from ..api import ReportQA
from ..ask.dialog import user_turns
from ..ask.indicator import Indicator, Row, group_rows
from ..ask.understand import MAX_QUERY_CHARS
from ..errors import QAError
from ..ingest.read import suffixes
from ..text import sentence_at
from ..types import Answer, Passage

ALL = "全部 / all"
MAX_UPLOAD_BYTES = 20_000_000  # Gradio refuses larger uploads before they are stored
FEEDBACK_PER_MINUTE = 20  # 👍/👎 a client may log a minute; the rest are dropped with a notice
LOW_CONFIDENCE = 0.7  # answers below this are marked as such in the reply
SNIPPET = 120  # characters of each nearest passage shown under a not-found reply
MAX_CHARTS = 3  # an indicator's groups drawn, one chart each (units never share an axis)
UPLOAD_DIR = Path(os.environ.get("GRADIO_TEMP_DIR") or Path(tempfile.gettempdir()) / "gradio")
TEXT = {
    "zh": {
        "title": "## report QA · 法治政府建设年度报告问答\n"
        "用中文或英文提问；每个答案都附出处：报告、章节路径、字符位置，可逐字核对。",
        "chat": "对话",
        "colon": "：",
        "paren": "（{}）",
        "and": "、",
        "ask_tab": "问答",
        "reports_tab": "报告库",
        "question": "问题",
        "placeholder": "例如：湟中区2024年查处了多少起环境违法行为",
        "send": "提问",
        "clear": "清空对话",
        "all": "全部",
        "region": "地区",
        "year": "年份",
        "sources": "出处",
        "citations": "引用（可复制）",
        "answer": "答案",
        "low": "置信度较低，请核对原文",
        "said": "原文",
        "other": "其他出处",
        "why": "没有找到答案",
        "nearest": "最接近的段落（不是答案）",
        "no_answer": "没有提取到简短答案。",
        "not_stated": "未写明",
        "resolved": "理解为",
        "cut": f"问题过长，只取前 {MAX_QUERY_CHARS} 字。",
        "empty": "请先输入问题。",
        "section": "展开整节",
        "report": "打开全文",
        "start_of": "（开头）",
        "chars": "字符",
        "score": "相关度",
        "examples": "示例问题",
        "none": "还没有出处：提问后，这里列出引用的段落。",
        "thanks": "已记录反馈，谢谢。",
        "add": "添加报告（" + " ".join(x.lstrip(".") for x in suffixes()) + "）",
        "add_button": "加入报告库",
        "no_files": "没有选择文件。",
        "outside": "拒绝：文件不在上传目录内",
        "too_big": "文件超过大小上限",
        "uploads_off": "本服务器未开放上传",
        "replace": "同名报告已存在时替换",
        "too_many": "反馈太频繁，请稍后再试。",
        "no_reply": "找不到这条回答的记录（对话已清空？），反馈未记录。",
        "search_reports": "搜索报告（标题、地区、年份）",
        "columns": ["报告", "地区（上级）", "级别", "年份", "段数", "加入时间", "文件类型"],
        "levels": {"national": "国家", "province": "省级", "prefecture": "地市级", "county": "区县级"},
        "indicator": "指标表（点列名排序）",
        "indicator_columns": [
            "地区",
            "级别",
            "年份",
            "数字（原文）",
            "数值",
            "单位",
            "限定",
            "统计对象",
            "出处",
        ],
        "csv": "下载 CSV",
        "place": "地区",
    },
    "en": {
        "title": "## report QA · annual rule-of-law reports\n"
        "Ask in Chinese or English; every answer cites report, section path and character offsets.",
        "chat": "Chat",
        "colon": ": ",
        "paren": " ({})",
        "and": ", ",
        "ask_tab": "Ask",
        "reports_tab": "Reports",
        "question": "Question",
        "placeholder": "e.g. how many environmental violations did Huangzhong investigate in 2024",
        "send": "Ask",
        "clear": "Clear chat",
        "all": "all",
        "region": "Region",
        "year": "Year",
        "sources": "Sources",
        "citations": "Citations (copy)",
        "answer": "Answer",
        "low": "low confidence: check the source",
        "said": "Stated in",
        "other": "Other sources",
        "why": "No answer found",
        "nearest": "Nearest passages (not the answer)",
        "no_answer": "No short answer found.",
        "not_stated": "not stated",
        "resolved": "Understood as",
        "cut": f"Question too long; only the first {MAX_QUERY_CHARS} characters were used.",
        "empty": "Type a question first.",
        "section": "Whole section",
        "report": "Open full report",
        "start_of": "(beginning)",
        "chars": "chars",
        "score": "score",
        "examples": "Examples",
        "none": "No sources yet: ask a question and the cited passages appear here.",
        "thanks": "Feedback recorded, thank you.",
        "add": "Add reports (" + " ".join(x.lstrip(".") for x in suffixes()) + ")",
        "add_button": "Add to the collection",
        "no_files": "No files chosen.",
        "outside": "Refused: file is outside the upload folder",
        "too_big": "file over the size limit",
        "uploads_off": "uploads are off on this server",
        "replace": "Replace a report of the same name",
        "too_many": "Too much feedback at once; try again in a minute.",
        "no_reply": "No record of that reply (chat cleared?); feedback not recorded.",
        "search_reports": "Search reports (title, place, year)",
        "columns": ["Report", "Place (parents)", "Level", "Years", "Chunks", "Added", "File type"],
        "levels": {
            "national": "national",
            "province": "province",
            "prefecture": "prefecture",
            "county": "county",
        },
        "indicator": "Indicator table (click a header to sort)",
        "indicator_columns": [
            "Place",
            "Level",
            "Year",
            "Figure (as printed)",
            "Value",
            "Unit",
            "Qualifier",
            "Counts",
            "Source",
        ],
        "csv": "Download CSV",
        "place": "place",
    },
}
EXAMPLES = {
    "zh": [
        "湟中区2024年查处了多少起环境违法行为",
        "泰顺县PM2.5降幅是多少",
        "江津区2020年和丰泽2023年完成的生态环境损害赔偿案件，哪个多？",
        "各地查处环境违法案件数",
    ],
    "en": [
        "how many environmental violations did Huangzhong investigate in 2024",
        "how much were Huangzhong's fines in 2024",
        "how many legal advisers did Jiangjin hire in 2020",
        "which had more eco-environmental damage compensation cases, Jiangjin in 2020 or Fengze in 2023",
    ],
}
# The library words its notes in Chinese (the reports' language). In English mode the page turns
# each of those fixed sentences into English, keeping the names and figures they quote; a sentence
# not listed here is shown as written (a test asks every note kind in English to catch that).
NOTES_EN = [
    (r"(\S+?)现有 ([\d、]+) 年报告", r"\1 has reports for \2"),
    (
        r"集合中没有 (\S+) (\d+) 年的报告（(.+?)）；下列为最接近的段落，仅供参考。",
        r"The collection has no report of \1 for \2 (\3); the passages below are only the closest. ",
    ),
    (
        r"集合中没有 (\d+) 年的报告；下列为最接近的段落，仅供参考。",
        r"The collection has no report for \1; the passages below are only the closest. ",
    ),
    (
        r"集合中没有关于“(.+?)”的报告；下列为最接近的段落，仅供参考。",
        r"No report in the collection is about “\1”; the passages below are only the closest. ",
    ),
    (
        r"报告中没有找到能回答这个问题的数字或名称；下列为最相关的段落。",
        "The reports state no figure or name that answers this; the passages below are the most relevant. ",
    ),
    (
        r"找到的数字“(.+?)”统计的是另一类对象，与所问不符；下列为最相关的段落。",
        r"The figure found, “\1”, counts something other than what was asked; "
        "the passages below are the most relevant. ",
    ),
    (
        r"未能确定更短的答案，以下为报告中陈述答案的原句。",
        "No shorter answer could be pinned down; this is the sentence that states it. ",
    ),
    (
        r"各报告中都没有找到这个数字；下列为各报告最相关的段落。",
        "None of the reports states this figure; below is each report's most relevant passage. ",
    ),
    (
        r"各报告的数字见表，统计口径可能不同，请核对引文。",
        "Each report's figure is in the table; they may count differently, so check the citations. ",
    ),
    (r"未找到数字：(.+?)。", r"No figure found for \1. "),
    (
        r"各报告数字的单位不同，比较仅供参考。",
        "The figures are in different units; the comparison is only indicative. ",
    ),
    (r"没有报告符合这个条件。", "No report meets this condition. "),
    (r"(\d+) 份报告中都没有找到这个数字。", r"None of the \1 reports states this figure. "),
    (
        r"只有 1 份报告给出这个数字（共 (\d+) 份），无从比较。",
        r"Only 1 of \1 reports states this figure; nothing to compare. ",
    ),
    (r"(\d+) 份报告给出这个数字，(\d+) 份未提及。", r"\1 reports state this figure, \2 do not mention it. "),
    (
        r"(\d+) 份报告给出了这个数字，(\d+) 份未写明；见表。",
        r"\1 reports state this figure, \2 do not; see the table. ",
    ),
    (
        r"各报告统计的对象或单位不同，分为 (\d+) 组，不宜直接比较：(.+?)。",
        r"The reports count different things or use different units: \1 groups, "
        r"not directly comparable: \2. ",
    ),
    (r"（未注明）", "(unnamed)"),
    (r"、", ", "),
    (r"；", "; "),
]


def note_text(note: str | None, lang: str) -> str | None:
    """A note of the library's in the page's language (see NOTES_EN)."""
    if not note or lang != "en":
        return note
    for pattern, english in NOTES_EN:
        note = re.sub(pattern, english, note)
    return note.strip()


def cite(p: Passage, lang: str) -> str:
    """One checkable line in the page's language: report, section path, character offsets."""
    t = TEXT[lang]
    return f"{p.title} [{p.doc}] › {p.section or t['start_of']} · {t['chars']} {p.start}–{p.end}"


def _mark(text: str, span: tuple[int, int] | None) -> str:
    if not span:
        return html.escape(text)
    s, e = span
    return f"{html.escape(text[:s])}<mark>{html.escape(text[s:e])}</mark>{html.escape(text[e:])}"


def stating_sentence(ans: Answer) -> str:
    """The sentence of the first passage that holds the answer, the answer marked (escaped HTML)."""
    text = ans.passages[0].text
    s, e = ans.span
    a, b = sentence_at(text, s, e)
    a, b = min(a, s), max(b, e)
    while a < s and text[a].isspace():
        a += 1
    while b > e and text[b - 1].isspace():
        b -= 1
    return _mark(text[a:b], (s - a, e - a))


def _table_lines(ans: Answer, lang: str) -> list[str]:
    t = TEXT[lang]
    lines = []
    for row in ans.table:
        name = row.get("bureau") or row.get("region") or row.get("title")
        what = f" {row['noun']}" if ans.kind == "indicator" and row.get("noun") else ""
        lines.append(
            f"· {name}{t['paren'].format(row['year'])}{t['colon']}{row['figure'] or t['not_stated']}{what}"
        )
    return [f"<div>{html.escape(line)}</div>" for line in lines]


def reply_html(ans: Answer, lang: str, note: str | None = None) -> str:
    """The chat reply (escaped HTML): the answer, the sentence stating it with the answer marked and
    its citation, then the other sources; without an answer, why in one line and the nearest
    passages, labelled as not the answer."""
    t = TEXT[lang]
    out = [f"<div class='qa-note'>{html.escape(note)}</div>"] if note else []
    if ans.resolved:
        resolved = t["paren"].format(t["resolved"] + t["colon"] + html.escape(ans.resolved))
        out.append(f"<div class='qa-resolved'>{resolved}</div>")
    said = note_text(ans.note, lang)
    if ans.answer and ans.span and ans.passages:
        low = f" <span class='qa-low'>⚠ {t['low']}</span>" if ans.confidence < LOW_CONFIDENCE else ""
        out.append(
            f"<div class='qa-answer'>{t['answer']}{t['colon']}<b>{html.escape(ans.answer)}</b> [1]{low}</div>"
        )
        out.append(
            f"<blockquote class='qa-said'>{stating_sentence(ans)}"
            f"<div class='qa-cite'>[1] {html.escape(cite(ans.passages[0], lang))}</div></blockquote>"
        )
        if said:
            out.append(f"<div class='qa-note'>{html.escape(said)}</div>")
        out += _table_lines(ans, lang)
        others = ans.passages[1:]
        if others:
            out.append(f"<details class='qa-other'><summary>{t['other']} ({len(others)})</summary>")
            out += [f"<div>[{i}] {html.escape(cite(p, lang))}</div>" for i, p in enumerate(others, start=2)]
            out.append("</details>")
        return "".join(out)
    if ans.answer:  # an answer naming reports (comparisons): no single sentence states it
        low = f" <span class='qa-low'>⚠ {t['low']}</span>" if ans.confidence < LOW_CONFIDENCE else ""
        out.append(
            f"<div class='qa-answer'>{t['answer']}{t['colon']}<b>{html.escape(ans.answer)}</b>{low}</div>"
        )
    elif ans.kind != "indicator":
        out.append(
            f"<div class='qa-why'><b>{t['why']}</b>{t['colon']}{html.escape(said or t['no_answer'])}</div>"
        )
        said = None
    if said:
        out.append(f"<div class='qa-note'>{html.escape(said)}</div>")
    out += _table_lines(ans, lang)
    if ans.passages:
        label = t["sources"] if ans.answer or ans.kind == "indicator" else t["nearest"]
        out.append(f"<div class='qa-near'><b>{label}</b>")
        for i, p in enumerate(ans.passages, start=1):
            snippet = p.text.strip().replace("\n", " ")
            snippet = snippet[:SNIPPET] + ("…" if len(snippet) > SNIPPET else "")
            out.append(
                f"<div>[{i}] {html.escape(snippet)}"
                f"<div class='qa-cite'>{html.escape(cite(p, lang))}</div></div>"
            )
        out.append("</div>")
    return "".join(out)


def sources_html(rqa: ReportQA, ans: Answer, lang: str) -> str:
    """The sources panel: every cited passage, escaped, the answer span highlighted."""
    t = TEXT[lang]
    if not ans.passages:
        return f"<p>{html.escape(note_text(ans.note, lang) or t['none'])}</p>"
    cards = []
    for i, p in enumerate(ans.passages, start=1):
        s, e = rqa.section_span(p)
        section = rqa.source_text(p.doc)[s:e]
        link = f"/report/{quote(p.doc)}?start={p.start}&end={p.end}#hit"
        cards.append(
            f"<div class='qa-card'><div><b>[{i}] {html.escape(p.title)}</b> · "
            f"{html.escape(p.region)} · {p.year or ''}</div>"
            f"<div class='qa-path'>{html.escape(p.section or t['start_of'])} · {p.start}–{p.end} · "
            f"{t['score']} {p.score:.3f}</div>"
            f"<div class='qa-text'>{_mark(p.text, ans.span if i == 1 else None)}</div>"
            f"<details><summary>{t['section']}</summary>"
            f"<div class='qa-text'>{html.escape(section)}</div></details>"
            f"<a href='{link}' target='_blank'>{t['report']}</a></div>"
        )
    return "".join(cards)


def reports_table(rqa: ReportQA, lang: str, query: str = "") -> list[list]:
    """The collection as rows (title linking to the full report, place with its parents, level,
    years, chunks, added, file type), the rows whose text holds every word of ``query``."""
    t = TEXT[lang]
    words = (query or "").lower().split()
    rows = []
    for d in sorted(rqa.documents(), key=lambda d: (d.region, d.year or 0, d.doc)):
        place = d.region + (t["paren"].format(" › ".join(d.parents)) if d.parents else "")
        years = t["and"].join(map(str, d.years or ((d.year,) if d.year else ())))
        kind = Path(d.path or d.doc).suffix.lstrip(".").lower()
        level = t["levels"].get(d.level, d.level)
        text = " ".join([d.title, d.doc, place, years, level, kind, " ".join(d.aliases)]).lower()
        if not all(w in text for w in words):
            continue
        link = f"<a href='/report/{quote(d.doc)}' target='_blank'>{html.escape(d.title)}</a>"
        rows.append([link, html.escape(place), level, years, d.chunks, d.added[:19].replace("T", " "), kind])
    return rows


def indicator_of(ans: Answer) -> Indicator | None:
    """The indicator behind an indicator reply, rebuilt from its table (no second search)."""
    if ans.kind != "indicator" or not ans.table:
        return None
    names = [f.name for f in fields(Row)]
    rows = [Row(**{n: r[n] for n in names}) for r in ans.table]
    return Indicator(ans.question, None, rows, group_rows(rows), ans.note)


def indicator_rows(ind: Indicator, lang: str) -> list[list]:
    """The indicator's rows for the sortable table; a report that does not state it says so."""
    t = TEXT[lang]
    out = []
    for r in ind.rows:
        link = f"/report/{quote(r.doc)}?start={r.start or 0}&end={r.end or 0}#hit"
        source = f"<a href='{link}' target='_blank'>{html.escape(r.title)}</a>"
        out.append(
            [
                html.escape(r.region),
                t["levels"].get(r.level, r.level),
                r.year,
                html.escape(r.figure or t["not_stated"]),
                r.value,
                html.escape(r.unit),
                html.escape(r.qualifier or ""),
                html.escape(r.noun or ""),
                source,
            ]
        )
    return out


def chart_frames(ind: Indicator) -> tuple[str, list[tuple[str, pd.DataFrame]]]:
    """The chart's type (bar or line) and one (title, points) frame per group: units never share an axis."""
    chart = ind.chart()
    frames = []
    for s in chart["series"][:MAX_CHARTS]:
        points = [p for p in s["points"] if p["y"] is not None]
        frame = pd.DataFrame(
            {
                "x": [str(p["x"]) if chart["type"] == "bar" else p["x"] for p in points],
                "y": [p["y"] for p in points],
                "figure": [p["figure"] for p in points],
                "citation": [p["citation"] for p in points],
            }
        )
        frames.append((s["label"], frame))
    return chart["type"], frames


def write_csv(ind: Indicator) -> str:
    """The indicator's CSV in a fresh temporary folder (Gradio serves files from there)."""
    folder = Path(tempfile.mkdtemp(prefix="qa-indicator-"))
    path = folder / "indicator.csv"
    path.write_text(ind.to_csv(), encoding="utf-8")
    return str(path)


def report_page(rqa: ReportQA, doc: str, start: int, end: int) -> str:
    """A whole report with one passage highlighted; the #hit anchor scrolls to it."""
    text = rqa.source_text(doc)
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    hit = f"<mark id='hit'>{html.escape(text[start:end])}</mark>"
    body = f"{html.escape(text[:start])}{hit}{html.escape(text[end:])}"
    return (
        f"<!doctype html><meta charset='utf-8'><title>{html.escape(doc)}</title>"
        "<body style='max-width:52em;margin:2em auto;white-space:pre-wrap;line-height:1.7;"
        f"font-family:sans-serif'>{body}</body>"
    )


def history_texts(chat) -> list[str]:
    """The user's earlier questions from the chat, in every message shape the supported Gradio
    range sends (``user_turns``); chat text was escaped for display, so it is unescaped back."""
    return [html.unescape(t) for t in user_turns(chat)]


def whole(k):
    """A slider's 5.0 as 5; anything else is passed on for ``ReportQA`` to accept or refuse."""
    return int(k) if isinstance(k, float) and k.is_integer() else k


def _said(role: str, text: str) -> dict:
    """A chat message; escaped, because the chat renders HTML and questions/reports are text."""
    return {"role": role, "content": html.escape(text)}


@dataclass(frozen=True)
class Reply:
    """What one question changes on the page, by name; the layout binds each field to a component."""

    chat: list
    question: str  # the question box, emptied after asking
    sources: str  # the sources panel (HTML, every report text escaped)
    citations: str  # the copyable citation lines
    state: dict | None  # every reply so far by its chat index: what each 👍/👎 judges
    indicator: Indicator | None = None  # an indicator reply's rows: the table and charts
    csv: str | None = None  # its CSV file, for the download button


@dataclass(frozen=True)
class Handlers:
    """The page's functions, separate from the layout so that tests can call them."""

    respond: object
    feedback: object
    upload: object
    api_ask: object
    api_search: object


def make_handlers(rqa: ReportQA, allow_upload: bool = False) -> Handlers:
    """Bind the page's functions to one open collection; uploads are refused unless allowed."""
    votes: dict[str, deque] = defaultdict(deque)
    votes_lock = threading.Lock()

    def too_many(client: str) -> bool:
        with votes_lock:
            times, now = votes[client], time.monotonic()
            while times and now - times[0] > 60:
                times.popleft()
            if len(times) >= FEEDBACK_PER_MINUTE:
                return True
            times.append(now)
            if len(votes) > 10_000:
                votes.pop(next(iter(votes)))
            return False

    def filters(region: str, year: str) -> dict:
        return {k: v for k, v in {"region": region, "year": year}.items() if v and v != ALL}

    def respond(
        message: str,
        chat: list,
        region: str = ALL,
        year: str = ALL,
        lang: str = "zh",
        k: float = 5,
        state: dict | None = None,
    ):
        t = TEXT[lang]
        chat = list(chat or [])
        state = dict(state or {})
        message = (message or "").strip()
        if not message:
            return Reply(chat + [_said("assistant", t["empty"])], "", f"<p>{t['none']}</p>", "", state)
        note = None
        if len(message) > MAX_QUERY_CHARS:
            message, note = message[:MAX_QUERY_CHARS], t["cut"]
        try:
            ans = rqa.ask(message, k=whole(k), filters=filters(region, year), history=history_texts(chat))
        except QAError as exc:
            return Reply(chat + [_said("user", message), _said("assistant", str(exc))], "", "", "", state)
        citations = "\n".join(f"[{i}] {cite(p, lang)}" for i, p in enumerate(ans.passages, start=1))
        chat += [_said("user", message), {"role": "assistant", "content": reply_html(ans, lang, note)}]
        state[len(chat) - 1] = {
            "question": message,
            "answer": ans.answer,
            "passages": [p.id for p in ans.passages],
        }
        ind = indicator_of(ans)
        csv_path = write_csv(ind) if ind else None
        return Reply(chat, "", sources_html(rqa, ans, lang), citations, state, ind, csv_path)

    def feedback(state: dict | None, data: gr.LikeData, lang: str = "zh", request: gr.Request = None) -> str:
        """Log a vote against the reply it was given on (by its chat index), at most
        FEEDBACK_PER_MINUTE a minute per client; returns the notice shown."""
        t = TEXT[lang]
        index = data.index[0] if isinstance(data.index, (list, tuple)) else data.index
        record = (state or {}).get(index)
        if record is None:
            message = t["no_reply"]
        elif too_many(getattr(getattr(request, "client", None), "host", None) or "local"):
            message = t["too_many"]
        else:
            rqa.record_feedback(
                record["question"], record["answer"], "up" if data.liked else "down", record["passages"]
            )
            message = t["thanks"]
        if request is not None:
            gr.Info(message)
        return message

    def upload(files, replace: bool = False, lang: str = "zh") -> str:
        """Add uploaded reports (only files inside Gradio's upload folder, only when the server
        allows uploads); a name already in the collection is kept unless ``replace``. The uploaded
        copies are deleted whatever happened: the index keeps the text it needs."""
        paths = [Path(f if isinstance(f, str) else getattr(f, "name", "")) for f in (files or [])]
        allowed = UPLOAD_DIR.resolve()
        inside = [p for p in paths if p.resolve().is_relative_to(allowed)]
        try:
            if not allow_upload:
                return TEXT[lang]["uploads_off"]
            if not paths:
                return TEXT[lang]["no_files"]
            outside = [p for p in paths if p not in inside]
            if outside:
                return f"{TEXT[lang]['outside']}: {outside[0].name}"
            big = [p for p in paths if p.stat().st_size > MAX_UPLOAD_BYTES]
            if big:
                return f"× {big[0].name}: {TEXT[lang]['too_big']} ({MAX_UPLOAD_BYTES:,} bytes)"
            try:
                update = rqa.add(paths, replace=bool(replace))
            except QAError as exc:
                return str(exc)
        finally:
            for p in inside:
                p.unlink(missing_ok=True)
                if p.parent.resolve() != allowed and not any(p.parent.iterdir()):
                    p.parent.rmdir()
        lines = [f"+ {name}" for name in update.added] + [f"↻ {name}" for name in update.replaced]
        lines += [f"× {name}: {why}" for name, why in update.skipped.items()] + [
            f"! {w}" for w in update.warnings
        ]
        return "\n".join(lines) or TEXT[lang]["no_files"]

    def api_ask(question: str, k: int = 5, region: str = "", year: str = "") -> dict:
        """Answer, passages and citations as JSON (the /ask endpoint)."""
        try:
            return rqa.ask(question, k=whole(k), filters=filters(region, year)).to_dict()
        except QAError as exc:
            raise gr.Error(str(exc)) from None

    def api_search(question: str, k: int = 5, region: str = "", year: str = "") -> list[dict]:
        """Passages with citations as JSON (the /search endpoint)."""
        try:
            return [p.to_dict() for p in rqa.search(question, k=whole(k), filters=filters(region, year))]
        except QAError as exc:
            raise gr.Error(str(exc)) from None

    return Handlers(respond, feedback, upload, api_ask, api_search)


def _choices(lang: str, values: list[str]) -> list[tuple[str, str]]:
    return [(TEXT[lang]["all"], ALL)] + [(v, v) for v in values]


def _regions(rqa: ReportQA) -> list[str]:
    return sorted({d.region for d in rqa.documents() if d.region})


def _years(rqa: ReportQA) -> list[str]:
    return [str(y) for y in sorted({d.year for d in rqa.documents() if d.year}, reverse=True)]


CSS = (
    ".qa-card{border:1px solid #ddd;border-radius:8px;padding:8px;margin-bottom:8px}"
    ".qa-path,.qa-cite{color:#666;font-size:90%}.qa-text{white-space:pre-wrap;margin:6px 0}"
    "mark{background:#ffe066}.qa-low{color:#b45309;font-size:90%}"
    ".qa-said{border-left:3px solid #ffe066;margin:6px 0;padding:2px 8px}"
    ".qa-near{border:1px dashed #999;border-radius:6px;padding:6px;margin-top:6px;opacity:.85}"
    ".qa-other,.qa-note{margin-top:6px}"
    # the chat's label and toolbar get a row of their own above the messages, never over them
    "#chat .wrapper{display:flex;flex-direction:column}"
    "#chat .wrapper>label.float,#chat .top-panel{position:static!important;align-self:flex-start}"
    "#chat .top-panel{align-self:flex-end;margin-top:-26px}"
    "#chat .bubble-wrap{flex:1;min-height:0;margin-top:4px}#chat .message{overflow-wrap:anywhere}"
)


def build_page(rqa: ReportQA, allow_upload: bool = False) -> gr.Blocks:
    """The page's layout over one open collection; the upload box only with ``allow_upload``."""
    h = make_handlers(rqa, allow_upload)
    t = TEXT["zh"]

    def indicator_view(ind: Indicator | None, csv_path: str | None, lang: str) -> list:
        """Updates for the indicator table, the chart slots (a bar and a line plot each) and the CSV."""
        if ind is None:
            hidden = gr.update(visible=False)
            return [hidden, hidden] + [hidden] * (2 * MAX_CHARTS)
        kind, frames = chart_frames(ind)
        table = gr.update(
            value=indicator_rows(ind, lang), visible=True, headers=TEXT[lang]["indicator_columns"]
        )
        plots = []
        for n in range(MAX_CHARTS):
            for plot_kind in ("bar", "line"):
                if n < len(frames) and plot_kind == kind:
                    label, frame = frames[n]
                    # from zero, so bar lengths compare (falls below it too); a little headroom
                    low, top = min(0.0, *frame["y"]), max(0.0, *frame["y"])
                    y_lim = [low * 1.15, top * 1.15 or 1.0]
                    plots.append(
                        gr.update(value=frame, title=label, y_title=label, y_lim=y_lim, visible=True)
                    )
                else:
                    plots.append(gr.update(visible=False))
        return [table, gr.update(value=csv_path, visible=True, label=TEXT[lang]["csv"])] + plots

    def respond(message, chat, region, year, lang_value, k, state):
        reply = h.respond(message, chat, region, year, lang_value, k, state)
        main = [getattr(reply, f.name) for f in fields(reply) if f.name not in ("indicator", "csv")]
        return tuple(main + indicator_view(reply.indicator, reply.csv, lang_value))

    with gr.Blocks(title="report QA") as page:
        saved_lang = gr.BrowserState("zh", storage_key="qa-lang")
        title = gr.Markdown(t["title"])
        with gr.Row():
            lang = gr.Radio([("中文", "zh"), ("English", "en")], value="zh", show_label=False, elem_id="lang")
        with gr.Tabs():
            with gr.Tab(t["ask_tab"], id="ask") as ask_tab:
                with gr.Row():
                    region = gr.Dropdown(
                        _choices("zh", _regions(rqa)), value=ALL, label=t["region"], min_width=120
                    )
                    year = gr.Dropdown(_choices("zh", _years(rqa)), value=ALL, label=t["year"], min_width=120)
                    k = gr.Slider(1, 10, value=5, step=1, label="k", min_width=120)
                with gr.Row():
                    with gr.Column(scale=3, min_width=320):
                        chat = gr.Chatbot(
                            height=480,
                            render_markdown=False,
                            sanitize_html=True,
                            elem_id="chat",
                            placeholder=t["none"],
                            label=t["chat"],
                        )
                        question = gr.Textbox(
                            label=t["question"],
                            placeholder=t["placeholder"],
                            max_length=MAX_QUERY_CHARS * 4,
                            elem_id="question",
                        )
                        with gr.Row():
                            send = gr.Button(t["send"], variant="primary", elem_id="send")
                            clear = gr.Button(t["clear"])
                        with gr.Column(visible=True) as examples_zh:
                            gr.Examples(EXAMPLES["zh"], inputs=question, label=TEXT["zh"]["examples"])
                        with gr.Column(visible=False) as examples_en:
                            gr.Examples(EXAMPLES["en"], inputs=question, label=TEXT["en"]["examples"])
                    with gr.Column(scale=2, min_width=320):
                        sources = gr.HTML(f"<p>{t['none']}</p>", label=t["sources"], elem_id="sources")
                        citations = gr.Textbox(
                            label=t["citations"],
                            lines=3,
                            interactive=False,
                            buttons=["copy"],
                            elem_id="citations",
                        )
                        with gr.Accordion(t["add"], open=False, visible=allow_upload) as add_box:
                            files = gr.File(
                                file_count="multiple", file_types=list(suffixes()), label=t["add"]
                            )
                            replace = gr.Checkbox(False, label=t["replace"])
                            add = gr.Button(t["add_button"])
                            added = gr.Textbox(show_label=False, interactive=False, lines=3)
                table = gr.Dataframe(
                    label=t["indicator"],
                    headers=t["indicator_columns"],
                    datatype=["html", "str", "number", "html", "number", "html", "html", "html", "html"],
                    interactive=False,
                    visible=False,
                    wrap=True,
                    elem_id="indicator",
                )
                csv_file = gr.DownloadButton(t["csv"], visible=False, elem_id="csv")
                plots = []
                chart = dict(
                    x="x",
                    y="y",
                    tooltip=["x", "y", "figure", "citation"],
                    x_title=" ",
                    visible=False,
                    elem_classes=["qa-chart"],
                )
                for _slot in range(MAX_CHARTS):  # a bar chart and a line chart per slot, shown as needed
                    plots += [gr.BarPlot(**chart), gr.LinePlot(**chart)]
            with gr.Tab(t["reports_tab"], id="reports") as reports_tab:
                find = gr.Textbox(label=t["search_reports"], elem_id="find-report")
                reports = gr.Dataframe(
                    reports_table(rqa, "zh"),
                    headers=t["columns"],
                    datatype=["html", "html", "str", "str", "number", "str", "str"],
                    interactive=False,
                    wrap=True,
                    elem_id="reports",
                )
        state = gr.State(None)
        inputs = [question, chat, region, year, lang, k, state]
        # the fields of Reply, in order, then the indicator view
        outputs = [chat, question, sources, citations, state, table, csv_file] + plots
        send.click(respond, inputs, outputs, api_visibility="private")
        question.submit(respond, inputs, outputs, api_visibility="private")
        clear.click(
            lambda lang_value: (
                [],
                f"<p>{TEXT[lang_value]['none']}</p>",
                "",
                None,
                *indicator_view(None, None, lang_value),
            ),
            lang,
            [chat, sources, citations, state, table, csv_file] + plots,
            api_visibility="private",
        )
        chat.like(h.feedback, [state, lang], None, api_visibility="private")
        find.change(
            lambda q, lang_value: reports_table(rqa, lang_value, q),
            [find, lang],
            reports,
            api_visibility="private",
        )

        def after_upload(file_list, replace_value, lang_value):
            message = h.upload(file_list, replace_value, lang_value)
            return (
                message,
                gr.update(choices=_choices(lang_value, _regions(rqa))),
                gr.update(choices=_choices(lang_value, _years(rqa))),
                reports_table(rqa, lang_value),
            )

        if allow_upload:
            add.click(
                after_upload, [files, replace, lang], [added, region, year, reports], api_visibility="private"
            )

        def relabel(lang_value, query):
            t = TEXT[lang_value]
            return (
                lang_value,
                gr.update(value=t["title"]),
                gr.update(label=t["ask_tab"]),
                gr.update(label=t["reports_tab"]),
                gr.update(label=t["chat"], placeholder=t["none"]),
                gr.update(label=t["question"], placeholder=t["placeholder"]),
                gr.update(value=t["send"]),
                gr.update(value=t["clear"]),
                gr.update(label=t["region"], choices=_choices(lang_value, _regions(rqa))),
                gr.update(label=t["year"], choices=_choices(lang_value, _years(rqa))),
                gr.update(label=t["sources"]),
                gr.update(label=t["citations"]),
                gr.update(label=t["add"]),
                gr.update(visible=lang_value == "zh"),
                gr.update(visible=lang_value == "en"),
                gr.update(label=t["indicator"], headers=t["indicator_columns"]),
                gr.update(label=t["csv"]),
                gr.update(label=t["search_reports"]),
                gr.update(value=reports_table(rqa, lang_value, query), headers=t["columns"]),
            )

        labelled = [
            saved_lang,
            title,
            ask_tab,
            reports_tab,
            chat,
            question,
            send,
            clear,
            region,
            year,
            sources,
            citations,
            add_box,
            examples_zh,
            examples_en,
            table,
            csv_file,
            find,
            reports,
        ]
        lang.change(relabel, [lang, find], labelled, api_visibility="private")
        # the language chosen is kept in the browser: a reload or a new tab opens in it
        page.load(lambda v: v if v in TEXT else "zh", saved_lang, lang, api_visibility="private")
        gr.api(h.api_ask, api_name="ask")
        gr.api(h.api_search, api_name="search")
    page.css = CSS
    return page
