"""The REST API for programs: POST /api/ask, POST /api/search, GET /api/documents (JSON).

Why beside the page and not through it: Gradio's queue serialises work for the chat UI, so a
program calling the page's endpoints pays for the queue. These handlers are plain ``def``:
FastAPI runs them in its threadpool, straight onto ``ReportQA``. The request fields are passed to
``ReportQA`` as sent and checked there, so a wrong ``k`` or year gets the very message the page
and Python users get, as a 400 with ``{"detail": message}``.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field

from ..api import MAX_K, ReportQA
from ..errors import QAError

MAX_BODY_BYTES = 64_000  # a question of 500 characters and a long history fit many times over


class Query(BaseModel):
    """One question. Types are checked by ``ReportQA`` (one message everywhere), hence ``Any``."""

    model_config = ConfigDict(extra="forbid")
    question: Any = Field(
        ..., description="the question, Chinese or English", examples=["湟中区2024年查处了多少起环境违法行为"]
    )
    k: Any = Field(5, description=f"passages to return, a whole number from 1 to {MAX_K}", examples=[5])
    filters: Any = Field(None, description='{"region": "湟中区", "year": 2024}; both optional', examples=[{}])
    history: Any = Field(
        None,
        description="earlier questions (strings or chat messages) for follow-ups; /api/ask only",
        examples=[[]],
    )


def api_router(rqa: ReportQA) -> APIRouter:
    """The /api routes over one open collection."""
    router = APIRouter(prefix="/api", tags=["api"])

    @router.post("/ask", summary="the short answer with cited passages (Answer)")
    def ask(query: Query) -> dict:
        return rqa.ask(query.question, k=query.k, filters=query.filters, history=query.history).to_dict()

    @router.post("/search", summary="the best passages with citations (Passage list)")
    def search(query: Query) -> list[dict]:
        if query.history:
            raise QAError("history applies to /api/ask only")
        return [p.to_dict() for p in rqa.search(query.question, k=query.k, filters=query.filters)]

    @router.get("/documents", summary="the reports in the collection")
    def documents() -> list[dict]:
        hidden = {"path"}  # where the file lies on the server is not the callers' business
        return [{k: v for k, v in d.to_dict().items() if k not in hidden} for d in rqa.documents()]

    return router


def install_errors(app: FastAPI) -> None:
    """QAError → 400 with its text; malformed JSON or fields → 400 naming the field; both as ``detail``."""

    @app.exception_handler(QAError)
    async def qa_error(request: Request, exc: QAError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=400)

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = []
        for err in exc.errors():
            where = ".".join(str(x) for x in err.get("loc", ()) if x != "body") or "body"
            problems.append(f"{where}: {err.get('msg', 'invalid')}")
        return JSONResponse({"detail": "bad request: " + "; ".join(problems[:3])}, status_code=400)


class BodyLimit:
    """ASGI middleware: /api requests over MAX_BODY_BYTES are refused with 413 before being read,
    and a body that turns out longer than it declared is cut off (the handler sees bad JSON)."""

    def __init__(self, app, limit: int = MAX_BODY_BYTES):
        self.app, self.limit = app, limit

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or not scope.get("path", "").startswith("/api/"):
            return await self.app(scope, receive, send)
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.limit):
            body = f'{{"detail": "request body over {self.limit} bytes"}}'.encode()
            await send(
                {
                    "type": "http.response.start",
                    "status": 413,
                    "headers": [
                        (b"content-type", b"application/json"),
                        (b"content-length", str(len(body)).encode()),
                    ],
                }
            )
            return await send({"type": "http.response.body", "body": body})
        seen = 0

        async def limited():
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    return {"type": "http.request", "body": b"", "more_body": False}
            return message

        return await self.app(scope, limited, send)
