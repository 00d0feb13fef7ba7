"""The chat page (Gradio). Thin on purpose: it calls ``ReportQA`` and lays out the reply.

Run ``python ui.py`` (or ``qa serve``): the index over ./seeds is built on first run, then reused.
Report text and questions are always escaped or shown as plain text, never run as HTML or
markdown. Server settings come from flags or the environment: QA_HOST, QA_PORT, QA_AUTH
("user:password[,user2:password2]") or QA_AUTH_FILE (one user:password a line).
"""
from __future__ import annotations

import html
import logging
import os
import sys
import tempfile
from pathlib import Path
from urllib.parse import quote

import gradio as gr

from qa import Answer, QAError, ReportQA
from qa.search import MAX_QUERY_CHARS

log = logging.getLogger("qa.ui")

ALL = "全部 / all"
UPLOAD_DIR = Path(os.environ.get("GRADIO_TEMP_DIR") or Path(tempfile.gettempdir()) / "gradio")
TEXT = {
    "zh": {
        "title": "## report QA · 法治政府建设年度报告问答\n用中文或英文提问；每个答案都附出处：报告、章节路径、字符位置，可逐字核对。",
        "question": "问题", "placeholder": "例如：湟中区2024年查处了多少起环境违法行为", "send": "提问", "clear": "清空对话",
        "region": "地区", "year": "年份", "sources": "出处", "citations": "引用（可复制）", "answer": "答案",
        "no_answer": "没有提取到简短答案，请看右侧出处段落。", "resolved": "理解为", "cut": f"问题过长，只取前 {MAX_QUERY_CHARS} 字。",
        "empty": "请先输入问题。", "section": "展开整节", "report": "打开全文", "score": "相关度", "examples": "示例问题",
        "none": "还没有出处：在左侧提问后，这里列出引用的段落。", "thanks": "已记录反馈，谢谢。",
        "add": "添加报告（txt md html docx pdf）", "add_button": "加入报告库", "no_files": "没有选择文件。", "outside": "拒绝：文件不在上传目录内",
    },
    "en": {
        "title": "## report QA · annual rule-of-law reports\nAsk in Chinese or English; every answer cites report, section path and character offsets.",
        "question": "Question", "placeholder": "e.g. how many environmental violations did Huangzhong investigate in 2024", "send": "Ask",
        "clear": "Clear chat", "region": "Region", "year": "Year", "sources": "Sources", "citations": "Citations (copy)", "answer": "Answer",
        "no_answer": "No short answer found; see the passages under Sources.", "resolved": "Understood as",
        "cut": f"Question too long; only the first {MAX_QUERY_CHARS} characters were used.", "empty": "Type a question first.",
        "section": "Whole section", "report": "Open full report", "score": "score", "examples": "Examples",
        "none": "No sources yet: ask a question and the cited passages appear here.", "thanks": "Feedback recorded, thank you.",
        "add": "Add reports (txt md html docx pdf)", "add_button": "Add to the collection", "no_files": "No files chosen.", "outside": "Refused: file is outside the upload folder",
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
            f"<div class='qa-card'><div><b>[{i}] {html.escape(p.title)}</b> · {html.escape(p.region)} · {p.year or ''}</div>"
            f"<div class='qa-path'>{html.escape(p.section or '(开头)')} · {p.start}–{p.end} · {t['score']} {p.score:.3f}</div>"
            f"<div class='qa-text'>{_mark(p.text, ans.span if i == 1 else None)}</div>"
            f"<details><summary>{t['section']}</summary><div class='qa-text'>{html.escape(section)}</div></details>"
            f"<a href='{link}' target='_blank'>{t['report']}</a></div>"
        )
    return "".join(cards)


def report_page(rqa: ReportQA, doc: str, start: int, end: int) -> str:
    """A whole report with one passage highlighted; the #hit anchor scrolls to it."""
    text = rqa.source_text(doc)
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    body = f"{html.escape(text[:start])}<mark id='hit'>{html.escape(text[start:end])}</mark>{html.escape(text[end:])}"
    return (f"<!doctype html><meta charset='utf-8'><title>{html.escape(doc)}</title>"
            f"<body style='max-width:52em;margin:2em auto;white-space:pre-wrap;line-height:1.7;font-family:sans-serif'>{body}</body>")


def _said(role: str, text: str) -> dict:
    """A chat message; escaped, because the chat renders HTML and questions/reports are text."""
    return {"role": role, "content": html.escape(text)}


def make_handlers(rqa: ReportQA):
    """The page's functions, separate from the layout so that tests can call them."""

    def filters(region: str, year: str) -> dict:
        return {k: v for k, v in {"region": region, "year": year}.items() if v and v != ALL}

    def respond(message: str, chat: list, region: str = ALL, year: str = ALL, lang: str = "zh", k: float = 5):
        t = TEXT[lang]
        chat = list(chat or [])
        message = (message or "").strip()
        if not message:
            return chat + [_said("assistant", t["empty"])], "", f"<p>{t['none']}</p>", "", None
        note = None
        if len(message) > MAX_QUERY_CHARS:
            message, note = message[:MAX_QUERY_CHARS], t["cut"]
        history = [html.unescape(m["content"]) for m in chat if m.get("role") == "user" and isinstance(m.get("content"), str)]
        try:
            ans = rqa.ask(message, k=int(k), filters=filters(region, year), history=history)
        except QAError as exc:
            return chat + [_said("user", message), _said("assistant", str(exc))], "", "", "", None
        reply = reply_text(ans, lang, note)
        citations = "\n".join(f"[{i}] {p.citation()}" for i, p in enumerate(ans.passages, start=1))
        state = {"question": message, "answer": ans.answer, "passages": [p.id for p in ans.passages]}
        chat += [_said("user", message), _said("assistant", reply)]
        return chat, "", sources_html(rqa, ans, lang), citations, state

    def feedback(state: dict | None, data: gr.LikeData, lang: str = "zh"):
        if state:
            rqa.record_feedback(state["question"], state["answer"], "up" if data.liked else "down", state["passages"])
            gr.Info(TEXT[lang]["thanks"])

    def upload(files, lang: str = "zh") -> str:
        """Add uploaded reports; only files inside Gradio's upload folder are accepted."""
        paths = [Path(f if isinstance(f, str) else getattr(f, "name", "")) for f in (files or [])]
        if not paths:
            return TEXT[lang]["no_files"]
        allowed = UPLOAD_DIR.resolve()
        outside = [p for p in paths if not p.resolve().is_relative_to(allowed)]
        if outside:
            return f"{TEXT[lang]['outside']}: {outside[0]}"
        try:
            update = rqa.add(paths)
        except QAError as exc:
            return str(exc)
        lines = [f"+ {name}" for name in update.added] + [f"↻ {name}" for name in update.replaced]
        lines += [f"× {name}: {why}" for name, why in update.skipped.items()] + [f"! {w}" for w in update.warnings]
        return "\n".join(lines) or TEXT[lang]["no_files"]

    def api_ask(question: str, k: int = 5, region: str = "", year: str = "") -> dict:
        """Answer, passages and citations as JSON (the /ask endpoint)."""
        return rqa.ask(question, k=int(k), filters=filters(region, year)).to_dict()

    def api_search(question: str, k: int = 5, region: str = "", year: str = "") -> list[dict]:
        """Passages with citations as JSON (the /search endpoint)."""
        return [p.to_dict() for p in rqa.search(question, k=int(k), filters=filters(region, year))]

    return respond, feedback, upload, api_ask, api_search


def build_page(rqa: ReportQA) -> gr.Blocks:
    respond, feedback, upload, api_ask, api_search = make_handlers(rqa)
    docs = rqa.documents()
    regions = [ALL] + sorted({d.region for d in docs if d.region})
    years = [ALL] + [str(y) for y in sorted({d.year for d in docs if d.year}, reverse=True)]
    t = TEXT["zh"]
    css = ".qa-card{border:1px solid #ddd;border-radius:8px;padding:8px;margin-bottom:8px}.qa-path{color:#666;font-size:90%}.qa-text{white-space:pre-wrap;margin:6px 0}mark{background:#ffe066}"
    with gr.Blocks(title="report QA") as page:
        title = gr.Markdown(t["title"])
        with gr.Row():
            lang = gr.Radio([("中文", "zh"), ("English", "en")], value="zh", show_label=False, scale=1)
            region = gr.Dropdown(regions, value=ALL, label=t["region"], scale=1)
            year = gr.Dropdown(years, value=ALL, label=t["year"], scale=1)
            k = gr.Slider(1, 10, value=5, step=1, label="k", scale=1)
        with gr.Row():
            with gr.Column(scale=3):
                chat = gr.Chatbot(height=480, render_markdown=False, sanitize_html=True, elem_id="chat", placeholder=t["none"], label="chat")
                question = gr.Textbox(label=t["question"], placeholder=t["placeholder"], max_length=MAX_QUERY_CHARS * 4, elem_id="question")
                with gr.Row():
                    send = gr.Button(t["send"], variant="primary")
                    clear = gr.Button(t["clear"])
                gr.Examples(EXAMPLES, inputs=question, label=t["examples"])
            with gr.Column(scale=2):
                sources = gr.HTML(f"<p>{t['none']}</p>", label=t["sources"], elem_id="sources")
                citations = gr.Textbox(label=t["citations"], lines=3, interactive=False, buttons=["copy"], elem_id="citations")
                with gr.Accordion(t["add"], open=False):
                    files = gr.File(file_count="multiple", file_types=[".txt", ".md", ".html", ".htm", ".docx", ".pdf"], label=t["add"])
                    add = gr.Button(t["add_button"])
                    added = gr.Textbox(show_label=False, interactive=False, lines=3)
        state = gr.State(None)
        inputs = [question, chat, region, year, lang, k]
        outputs = [chat, question, sources, citations, state]
        send.click(respond, inputs, outputs, api_visibility="private")
        question.submit(respond, inputs, outputs, api_visibility="private")
        clear.click(lambda: ([], f"<p>{TEXT['zh']['none']}</p>", "", None), None, [chat, sources, citations, state], api_visibility="private")
        chat.like(feedback, [state, lang], None, api_visibility="private")

        def after_upload(file_list, lang_value):
            message = upload(file_list, lang_value)
            docs = rqa.documents()
            return (message, gr.update(choices=[ALL] + sorted({d.region for d in docs if d.region})),
                    gr.update(choices=[ALL] + [str(y) for y in sorted({d.year for d in docs if d.year}, reverse=True)]))

        add.click(after_upload, [files, lang], [added, region, year], api_visibility="private")

        def relabel(lang_value):
            t = TEXT[lang_value]
            return (gr.update(value=t["title"]), gr.update(label=t["question"], placeholder=t["placeholder"]), gr.update(value=t["send"]),
                    gr.update(value=t["clear"]), gr.update(label=t["region"]), gr.update(label=t["year"]), gr.update(label=t["citations"]))

        lang.change(relabel, lang, [title, question, send, clear, region, year, citations], api_visibility="private")
        gr.api(api_ask, api_name="ask")
        gr.api(api_search, api_name="search")
    page.css = css
    return page


def auth_from_env() -> list[tuple[str, str]] | None:
    """Logins from QA_AUTH ("user:pw,user2:pw2") or QA_AUTH_FILE (one user:pw a line); None: open page."""
    raw = os.environ.get("QA_AUTH", "")
    if os.environ.get("QA_AUTH_FILE"):
        raw += "," + Path(os.environ["QA_AUTH_FILE"]).read_text(encoding="utf-8").replace("\n", ",")
    pairs = [tuple(p.strip().split(":", 1)) for p in raw.split(",") if ":" in p]
    return pairs or None


def serve(rqa: ReportQA, host: str = "127.0.0.1", port: int = 7860) -> None:
    """Serve the page, its /ask and /search API and /report/{doc} on host:port (20 staff at once:
    four answers run in parallel, the rest wait in the queue)."""
    import uvicorn
    from fastapi import FastAPI, HTTPException
    from fastapi.responses import HTMLResponse

    app = FastAPI()

    @app.get("/report/{doc}", response_class=HTMLResponse)
    def report(doc: str, start: int = 0, end: int = 0):
        if doc not in {d.doc for d in rqa.documents()}:
            raise HTTPException(404, f"no report named {doc!r} in the index")
        return report_page(rqa, doc, start, end)

    page = build_page(rqa).queue(default_concurrency_limit=4, max_size=200)
    app = gr.mount_gradio_app(app, page, path="/", auth=auth_from_env(), server_name=host, server_port=port)
    log.info("report QA page: http://%s:%d", host, port)
    print(f"* Running on http://{host}:{port}", flush=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")


def main() -> int:
    from qa.cli import main as cli_main

    return cli_main(["serve", *sys.argv[1:]])


if __name__ == "__main__":
    sys.exit(main())
