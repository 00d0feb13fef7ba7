"""The web server around the page: FastAPI with the Gradio page mounted, the full-report view
and the logins. Server settings come from the caller (the CLI reads flags and QA_HOST, QA_PORT,
QA_AUTH "user:password[,user2:password2]", QA_AUTH_FILE one user:password a line)."""

from __future__ import annotations

import os
from pathlib import Path

import gradio as gr
from fastapi import FastAPI, HTTPException
from fastapi.responses import HTMLResponse

from ..api import ReportQA
from .page import build_page, report_page

CONCURRENT_ANSWERS = 4  # answers computed at once; 20 staff at once wait in the queue
QUEUE_SIZE = 200


def auth_from_env() -> list[tuple[str, str]] | None:
    """Logins from QA_AUTH ("user:pw,user2:pw2") or QA_AUTH_FILE (one user:pw a line); None: open page."""
    raw = os.environ.get("QA_AUTH", "")
    if os.environ.get("QA_AUTH_FILE"):
        raw += "," + Path(os.environ["QA_AUTH_FILE"]).read_text(encoding="utf-8").replace("\n", ",")
    pairs = [tuple(p.strip().split(":", 1)) for p in raw.split(",") if ":" in p]
    return pairs or None


def make_app(rqa: ReportQA, host: str = "127.0.0.1", port: int = 7860) -> FastAPI:
    """The page, its /ask and /search API and /report/{doc}, ready for uvicorn."""
    app = FastAPI()

    @app.get("/report/{doc}", response_class=HTMLResponse)
    def report(doc: str, start: int = 0, end: int = 0):
        if doc not in {d.doc for d in rqa.documents()}:
            raise HTTPException(404, f"no report named {doc!r} in the index")
        return report_page(rqa, doc, start, end)

    page = build_page(rqa).queue(default_concurrency_limit=CONCURRENT_ANSWERS, max_size=QUEUE_SIZE)
    return gr.mount_gradio_app(app, page, path="/", auth=auth_from_env(), server_name=host, server_port=port)
