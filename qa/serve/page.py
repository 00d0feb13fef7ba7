"""The chat page (Gradio). Thin on purpose: it calls ``ReportQA`` and lays out the reply.

Report text and questions are always escaped or shown as plain text, never run as HTML or
markdown. The handlers are plain functions returning named results (``Reply``), separate from
the layout, so that tests call them directly and a new panel is one new field.
"""

from __future__ import annotations

import html
import os
import tempfile
import threading
import time
from collections import defaultdict, deque
from dataclasses import dataclass, fields
from pathlib import Path
from urllib.parse import quote

import gradio as gr

from ..api import ReportQA
from ..ask.dialog import user_turns
from ..ask.understand import MAX_QUERY_CHARS
from ..errors import QAError
from ..ingest.read import suffixes
from ..types import Answer

ALL = "全部 / all"
MAX_UPLOAD_BYTES = 20_000_000  # Gradio refuses larger uploads before they are stored
FEEDBACK_PER_MINUTE = 20  # 👍/👎 a client may log a minute; the rest are dropped with a notice
UPLOAD_DIR = Path(os.environ.get("GRADIO_TEMP_DIR") or Path(tempfile.gettempdir()) / "gradio")
TEXT = {
    "zh": {
        "title": "## report QA · 法治政府建设年度报告问答\n"
        "用中文或英文提问；每个答案都附出处：报告、章节路径、字符位置，可逐字核对。",
        "question": "问题",
        "placeholder": "例如：湟中区2024年查处了多少起环境违法行为",
        "send": "提问",
        "clear": "清空对话",
        "region": "地区",
        "year": "年份",
        "sources": "出处",
        "citations": "引用（可复制）",
        "answer": "答案",
        "no_answer": "没有提取到简短答案，请看右侧出处段落。",
        "resolved": "理解为",
        "cut": f"问题过长，只取前 {MAX_QUERY_CHARS} 字。",
        "empty": "请先输入问题。",
        "section": "展开整节",
        "report": "打开全文",
        "score": "相关度",
        "examples": "示例问题",
        "none": "还没有出处：在左侧提问后，这里列出引用的段落。",
        "thanks": "已记录反馈，谢谢。",
        "add": "添加报告（" + " ".join(x.lstrip(".") for x in suffixes()) + "）",
        "add_button": "加入报告库",
        "no_files": "没有选择文件。",
        "outside": "拒绝：文件不在上传目录内",
        "replace": "同名报告已存在时替换",
        "too_many": "反馈太频繁，请稍后再试。",
        "no_reply": "找不到这条回答的记录（对话已清空？），反馈未记录。",
    },
    "en": {
        "title": "## report QA · annual rule-of-law reports\n"
        "Ask in Chinese or English; every answer cites report, section path and character offsets.",
        "question": "Question",
        "placeholder": "e.g. how many environmental violations did Huangzhong investigate in 2024",
        "send": "Ask",
        "clear": "Clear chat",
        "region": "Region",
        "year": "Year",
        "sources": "Sources",
        "citations": "Citations (copy)",
        "answer": "Answer",
        "no_answer": "No short answer found; see the passages under Sources.",
        "resolved": "Understood as",
        "cut": f"Question too long; only the first {MAX_QUERY_CHARS} characters were used.",
        "empty": "Type a question first.",
        "section": "Whole section",
        "report": "Open full report",
        "score": "score",
        "examples": "Examples",
        "none": "No sources yet: ask a question and the cited passages appear here.",
        "thanks": "Feedback recorded, thank you.",
        "add": "Add reports (" + " ".join(x.lstrip(".") for x in suffixes()) + ")",
        "add_button": "Add to the collection",
        "no_files": "No files chosen.",
        "outside": "Refused: file is outside the upload folder",
        "replace": "Replace a report of the same name",
        "too_many": "Too much feedback at once; try again in a minute.",
        "no_reply": "No record of that reply (chat cleared?); feedback not recorded.",
    },
}
EXAMPLES = [
    "湟中区2024年查处了多少起环境违法行为",
    "how many environmental violations did Huangzhong investigate in 2024",
    "泰顺县PM2.5降幅是多少",
    "江津区2020年和丰泽2023年完成的生态环境损害赔偿案件，哪个多？",
]


def _mark(text: str, span: tuple[int, int] | None) -> str:
    if not span:
        return html.escape(text)
    s, e = span
    return f"{html.escape(text[:s])}<mark>{html.escape(text[s:e])}</mark>{html.escape(text[e:])}"


def reply_text(ans: Answer, lang: str, note: str | None = None) -> str:
    """The chat reply as plain text: short answer, note, numbered citations."""
    t = TEXT[lang]
    lines = [note] if note else []
    if ans.resolved:
        lines.append(f"（{t['resolved']}：{ans.resolved}）")
    lines.append(f"{t['answer']}：{ans.answer} [1]" if ans.answer else (ans.note or t["no_answer"]))
    if ans.answer and ans.note:
        lines.append(ans.note)
    for row in ans.table:
        lines.append(f"· {row['bureau']}（{row['year']}）：{row['figure'] or '—'}")
    lines += [f"[{i}] {p.citation()}" for i, p in enumerate(ans.passages, start=1)]
    return "\n".join(lines)


def sources_html(rqa: ReportQA, ans: Answer, lang: str) -> str:
    """The sources panel: every cited passage, escaped, the answer span highlighted."""
    t = TEXT[lang]
    if not ans.passages:
        return f"<p>{html.escape(ans.note or t['none'])}</p>"
    cards = []
    for i, p in enumerate(ans.passages, start=1):
        s, e = rqa.section_span(p)
        section = rqa.source_text(p.doc)[s:e]
        link = f"/report/{quote(p.doc)}?start={p.start}&end={p.end}#hit"
        cards.append(
            f"<div class='qa-card'><div><b>[{i}] {html.escape(p.title)}</b> · "
            f"{html.escape(p.region)} · {p.year or ''}</div>"
            f"<div class='qa-path'>{html.escape(p.section or '(开头)')} · {p.start}–{p.end} · "
            f"{t['score']} {p.score:.3f}</div>"
            f"<div class='qa-text'>{_mark(p.text, ans.span if i == 1 else None)}</div>"
            f"<details><summary>{t['section']}</summary>"
            f"<div class='qa-text'>{html.escape(section)}</div></details>"
            f"<a href='{link}' target='_blank'>{t['report']}</a></div>"
        )
    return "".join(cards)


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
        reply = reply_text(ans, lang, note)
        citations = "\n".join(f"[{i}] {p.citation()}" for i, p in enumerate(ans.passages, start=1))
        chat += [_said("user", message), _said("assistant", reply)]
        state[len(chat) - 1] = {
            "question": message,
            "answer": ans.answer,
            "passages": [p.id for p in ans.passages],
        }
        return Reply(chat, "", sources_html(rqa, ans, lang), citations, state)

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
                return "uploads are off on this server"
            if not paths:
                return TEXT[lang]["no_files"]
            outside = [p for p in paths if p not in inside]
            if outside:
                return f"{TEXT[lang]['outside']}: {outside[0].name}"
            big = [p for p in paths if p.stat().st_size > MAX_UPLOAD_BYTES]
            if big:
                return f"× {big[0].name}: over {MAX_UPLOAD_BYTES:,} bytes"
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


def build_page(rqa: ReportQA, allow_upload: bool = False) -> gr.Blocks:
    """The page's layout over one open collection; the upload box only with ``allow_upload``."""
    h = make_handlers(rqa, allow_upload)

    def respond(*args):
        reply = h.respond(*args)
        return tuple(getattr(reply, f.name) for f in fields(reply))

    docs = rqa.documents()
    regions = [ALL] + sorted({d.region for d in docs if d.region})
    years = [ALL] + [str(y) for y in sorted({d.year for d in docs if d.year}, reverse=True)]
    t = TEXT["zh"]
    css = (
        ".qa-card{border:1px solid #ddd;border-radius:8px;padding:8px;margin-bottom:8px}"
        ".qa-path{color:#666;font-size:90%}.qa-text{white-space:pre-wrap;margin:6px 0}"
        "mark{background:#ffe066}"
    )
    with gr.Blocks(title="report QA") as page:
        title = gr.Markdown(t["title"])
        with gr.Row():
            lang = gr.Radio([("中文", "zh"), ("English", "en")], value="zh", show_label=False, scale=1)
            region = gr.Dropdown(regions, value=ALL, label=t["region"], scale=1)
            year = gr.Dropdown(years, value=ALL, label=t["year"], scale=1)
            k = gr.Slider(1, 10, value=5, step=1, label="k", scale=1)
        with gr.Row():
            with gr.Column(scale=3):
                chat = gr.Chatbot(
                    height=480,
                    render_markdown=False,
                    sanitize_html=True,
                    elem_id="chat",
                    placeholder=t["none"],
                    label="chat",
                )
                question = gr.Textbox(
                    label=t["question"],
                    placeholder=t["placeholder"],
                    max_length=MAX_QUERY_CHARS * 4,
                    elem_id="question",
                )
                with gr.Row():
                    send = gr.Button(t["send"], variant="primary")
                    clear = gr.Button(t["clear"])
                gr.Examples(EXAMPLES, inputs=question, label=t["examples"])
            with gr.Column(scale=2):
                sources = gr.HTML(f"<p>{t['none']}</p>", label=t["sources"], elem_id="sources")
                citations = gr.Textbox(
                    label=t["citations"], lines=3, interactive=False, buttons=["copy"], elem_id="citations"
                )
                with gr.Accordion(t["add"], open=False, visible=allow_upload):
                    files = gr.File(file_count="multiple", file_types=list(suffixes()), label=t["add"])
                    replace = gr.Checkbox(False, label=t["replace"])
                    add = gr.Button(t["add_button"])
                    added = gr.Textbox(show_label=False, interactive=False, lines=3)
        state = gr.State(None)
        inputs = [question, chat, region, year, lang, k, state]
        outputs = [chat, question, sources, citations, state]  # the fields of Reply, in order
        send.click(respond, inputs, outputs, api_visibility="private")
        question.submit(respond, inputs, outputs, api_visibility="private")
        clear.click(
            lambda: ([], f"<p>{TEXT['zh']['none']}</p>", "", None),
            None,
            [chat, sources, citations, state],
            api_visibility="private",
        )
        chat.like(h.feedback, [state, lang], None, api_visibility="private")

        def after_upload(file_list, replace_value, lang_value):
            message = h.upload(file_list, replace_value, lang_value)
            docs = rqa.documents()
            return (
                message,
                gr.update(choices=[ALL] + sorted({d.region for d in docs if d.region})),
                gr.update(
                    choices=[ALL] + [str(y) for y in sorted({d.year for d in docs if d.year}, reverse=True)]
                ),
            )

        if allow_upload:
            add.click(after_upload, [files, replace, lang], [added, region, year], api_visibility="private")

        def relabel(lang_value):
            t = TEXT[lang_value]
            return (
                gr.update(value=t["title"]),
                gr.update(label=t["question"], placeholder=t["placeholder"]),
                gr.update(value=t["send"]),
                gr.update(value=t["clear"]),
                gr.update(label=t["region"]),
                gr.update(label=t["year"]),
                gr.update(label=t["citations"]),
            )

        lang.change(
            relabel, lang, [title, question, send, clear, region, year, citations], api_visibility="private"
        )
        gr.api(h.api_ask, api_name="ask")
        gr.api(h.api_search, api_name="search")
    page.css = css
    return page
