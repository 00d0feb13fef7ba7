"""The chat page (Gradio). Thin on purpose: it calls ``ReportQA.ask`` and lays out the reply.

Run ``python ui.py`` (or ``qa serve``): the index over ./seeds is built on first run, then reused.
Every piece of report text and every question is HTML-escaped before display, so a report that
contains markup is shown as text, never executed.
"""
from __future__ import annotations

import html
import logging
import os
import sys

import gradio as gr

from qa import Answer, QAError, ReportQA

log = logging.getLogger("qa.ui")

EXAMPLES = [
    "湟中区2024年查处了多少起环境违法行为",
    "how many environmental violations did Huangzhong investigate in 2024",
    "泰顺县PM2.5降幅是多少",
    "许昌2023年“12369”共接到多少件举报？",
]


def _highlight(text: str, span: tuple[int, int] | None) -> str:
    if not span:
        return html.escape(text)
    s, e = span
    return html.escape(text[:s]) + "<mark>" + html.escape(text[s:e]) + "</mark>" + html.escape(text[e:])


def render(ans: Answer) -> tuple[str, str]:
    """(answer HTML, passages HTML) for one reply; all report text escaped."""
    head = []
    if ans.answer:
        head.append(f"<p class='qa-answer'><b>答案：</b>{html.escape(ans.answer)} <sup>[1]</sup></p>")
    if ans.note:
        head.append(f"<p class='qa-note'>{html.escape(ans.note)}</p>")
    if not head:
        head.append("<p class='qa-note'>没有提取到简短答案，请看下列段落。</p>")
    cards = []
    for i, p in enumerate(ans.passages, start=1):
        body = _highlight(p.text, ans.span if i == 1 else None).replace("\n", "<br>")
        cards.append(
            f"<div class='qa-passage'><div class='qa-cite'>[{i}] {html.escape(p.citation())} · 相关度 {p.score:.4f}</div>"
            f"<div>{body}</div></div>"
        )
    return "".join(head), "".join(cards) or "<p>没有找到段落。</p>"


def make_handler(rqa: ReportQA):
    def ask(question: str, k: float = 5):
        try:
            return render(rqa.ask(question, k=int(k)))
        except QAError as exc:
            return f"<p class='qa-error'>{html.escape(str(exc))}</p>", ""

    return ask


def build_page(rqa: ReportQA) -> gr.Blocks:
    ask = make_handler(rqa)
    with gr.Blocks(title="report QA · 法治政府建设年度报告问答") as page:
        gr.Markdown("## report QA · 法治政府建设年度报告问答\n提问（中文或英文），得到答案与可核对的出处：报告、章节路径、字符位置。")
        with gr.Row():
            question = gr.Textbox(label="问题 / Question", placeholder=EXAMPLES[0], scale=5, max_length=500)
            k = gr.Slider(1, 10, value=5, step=1, label="段落数", scale=1)
        button = gr.Button("提问 / Ask", variant="primary")
        answer = gr.HTML()
        passages = gr.HTML()
        gr.Examples(EXAMPLES, inputs=question)
        button.click(ask, [question, k], [answer, passages], api_name="ask")
        question.submit(ask, [question, k], [answer, passages])
    return page


def serve(rqa: ReportQA, host: str = "127.0.0.1", port: int = 7860) -> None:
    build_page(rqa).queue(default_concurrency_limit=4).launch(server_name=host, server_port=port, show_error=True)


def main() -> int:
    from qa.cli import main as cli_main

    return cli_main(["serve", *sys.argv[1:]])


if __name__ == "__main__":
    sys.exit(main())
