"""The web server: FastAPI with the Gradio page, the REST API, the full-report view — and ONE
login check in front of all of them.

Why one layer in front: Gradio's login guards only Gradio's own routes, so every route added
beside it (``/report``, ``/api``, ``/docs``) would need its own check and one forgotten route
serves every report to anyone. ``LoginRequired`` is an ASGI middleware around the whole app: a
request passes with Gradio's session cookie (the page's login form) or HTTP Basic (programs);
only what the login form itself needs is public. Server settings come from the caller (the CLI
reads flags and QA_HOST, QA_PORT, QA_AUTH "user:password[,user2:password2]", QA_AUTH_FILE one
user:password a line).
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import os
import secrets
import sys
import time
from collections import defaultdict, deque
from dataclasses import dataclass, field
from pathlib import Path

from fastapi import FastAPI, HTTPException
from fastapi.responses import HTMLResponse
from starlette.routing import Mount

from ..api import ReportQA
from ..errors import QAError
from .rest import BodyLimit, api_router, install_errors

CONCURRENT_ANSWERS = 4  # answers computed at once; 20 staff at once wait in the queue
QUEUE_SIZE = 200
FAIL_DELAY_S = 0.5  # every failed login waits this long before the answer
MAX_FAILS, FAIL_WINDOW_S = 5, 60.0  # then the user is refused outright for the rest of the window
# what the login form needs before anyone has logged in; Gradio still checks its own routes too
PUBLIC = {"/", "/login", "/login/", "/logout", "/config", "/config/", "/theme.css", "/favicon.ico"}
PUBLIC_PREFIXES = ("/assets/", "/static/", "/svelte/", "/manifest.json", "/robots.txt")
UPLOAD_PATHS = ("/gradio_api/upload", "/upload")


@dataclass
class Logins:
    """Users and salted password digests; passwords are compared digest to digest in constant
    time, and failed tries are delayed and, past MAX_FAILS a minute, refused per user."""

    digests: dict[str, bytes]
    salt: bytes = field(default_factory=lambda: secrets.token_bytes(16))
    failures: dict[str, deque] = field(default_factory=lambda: defaultdict(deque))

    @classmethod
    def of(cls, pairs: list[tuple[str, str]]) -> Logins:
        logins = cls({})
        logins.digests = {user: logins._digest(password) for user, password in pairs}
        return logins

    def _digest(self, password: str) -> bytes:
        return hmac.new(self.salt, password.encode("utf-8"), hashlib.sha256).digest()

    def _locked(self, user: str) -> bool:
        tries, now = self.failures[user], time.monotonic()
        while tries and now - tries[0] > FAIL_WINDOW_S:
            tries.popleft()
        return len(tries) >= MAX_FAILS

    async def check(self, user: str, password: str) -> bool:
        """True for a known user with the right password and not locked out; Gradio awaits this."""
        user = (user or "").strip()
        expected = self.digests.get(user, self._digest(secrets.token_hex(8)))  # same work for unknowns
        ok = hmac.compare_digest(self._digest(password or ""), expected) and user in self.digests
        if ok and not self._locked(user):
            return True
        self.failures[user].append(time.monotonic())
        if len(self.failures) > 10_000:  # bounded memory under a flood of invented user names
            self.failures.pop(next(iter(self.failures)))
        await asyncio.sleep(FAIL_DELAY_S)
        return False


def parse_logins(text: str, where: str, lines: bool = False) -> list[tuple[str, str]]:
    """``user:password`` entries, comma-separated (QA_AUTH) or one a line (QA_AUTH_FILE, where
    ``#`` lines and blank lines are ignored and a password may hold commas). A malformed entry is
    an error that says which one and why, never a silently open page; passwords are not echoed."""
    entries = text.splitlines() if lines else text.split(",")
    pairs = []
    for n, raw in enumerate(entries, start=1):
        entry = raw.strip()
        if lines and (not entry or entry.startswith("#")):
            continue
        label = f"{where} {'line' if lines else 'entry'} {n}"
        if ":" not in entry:
            raise QAError(f"{label} is not user:password (no ':')", "write logins as user:password")
        user, password = entry.split(":", 1)
        if not user.strip() or any(c.isspace() for c in user.strip()):
            raise QAError(
                f"{label} has an empty user name or one with spaces", "write logins as user:password"
            )
        if not password:
            raise QAError(
                f"{label} (user {user.strip()!r}) has an empty password", "give every user a password"
            )
        pairs.append((user.strip(), password))
    names = [u for u, _ in pairs]
    dup = sorted({u for u in names if names.count(u) > 1})
    if dup:
        raise QAError(f"{where} names user {dup[0]!r} twice", "give each user one line")
    return pairs


def logins_from_env(env=None) -> Logins | None:
    """Logins from QA_AUTH and QA_AUTH_FILE; None when neither is set (an open page)."""
    env = os.environ if env is None else env
    pairs = []
    if env.get("QA_AUTH", "").strip():
        pairs += parse_logins(env["QA_AUTH"], "QA_AUTH")
    if env.get("QA_AUTH_FILE"):
        path = Path(env["QA_AUTH_FILE"])
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise QAError(f"QA_AUTH_FILE {path} cannot be read ({exc})") from exc
        file_pairs = parse_logins(text, f"QA_AUTH_FILE {path}", lines=True)
        if not file_pairs:
            raise QAError(f"QA_AUTH_FILE {path} has no user:password line", "add one or unset QA_AUTH_FILE")
        pairs += file_pairs
    if not pairs:
        return None
    names = [u for u, _ in pairs]
    dup = sorted({u for u in names if names.count(u) > 1})
    if dup:
        raise QAError(f"user {dup[0]!r} is given twice in QA_AUTH / QA_AUTH_FILE", "give each user once")
    return Logins.of(pairs)


class LoginRequired:
    """ASGI middleware: with logins set, every request needs Gradio's session cookie or HTTP Basic
    (the login form's own files excepted); without ``allow_upload``, Gradio's upload route is shut."""

    def __init__(self, app, logins: Logins | None, allow_upload: bool, page_app=None):
        self.app, self.logins, self.allow_upload, self.page_app = app, logins, allow_upload, page_app

    def _cookie_user(self, headers: dict) -> str | None:
        page = self.page_app
        if page is None:
            return None
        jar = {}
        for part in headers.get("cookie", "").split(";"):
            name, _, value = part.strip().partition("=")
            jar[name] = value
        for name in (f"access-token-{page.cookie_id}", f"access-token-unsecure-{page.cookie_id}"):
            if jar.get(name) and jar[name] in page.tokens:
                return page.tokens[jar[name]]
        return None

    async def _basic_user(self, headers: dict) -> str | None:
        scheme, _, value = headers.get("authorization", "").partition(" ")
        if scheme.lower() != "basic":
            return None
        try:
            user, _, password = base64.b64decode(value, validate=True).decode("utf-8").partition(":")
        except ValueError:
            return None
        return user if await self.logins.check(user, password) else None

    async def __call__(self, scope, receive, send):
        if scope["type"] not in ("http", "websocket"):
            return await self.app(scope, receive, send)
        path = scope.get("path", "")
        if not self.allow_upload and path.rstrip("/").endswith(UPLOAD_PATHS):
            return await _refuse(
                scope, send, 403, "uploads are off on this server (start it with --allow-upload)"
            )
        if self.logins is None or path in PUBLIC or path.startswith(PUBLIC_PREFIXES):
            return await self.app(scope, receive, send)
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        if self._cookie_user(headers) or await self._basic_user(headers):
            return await self.app(scope, receive, send)
        return await _refuse(scope, send, 401, "login required", basic=True)


async def _refuse(scope, send, status: int, message: str, basic: bool = False) -> None:
    if scope["type"] == "websocket":
        await send({"type": "websocket.close", "code": 1008})
        return
    body = ('{"detail": "' + message + '"}').encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    if basic:
        headers.append((b"www-authenticate", b'Basic realm="report QA", charset="UTF-8"'))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def import_page():
    """The page module, imported when an app is made rather than with this module.

    Why: gradio's import is most of a server's start (~3 s of CPU here). Importing it only in
    ``make_app`` lets the CLI check the logins and open the index first, so the encoder's graph loads
    (onnxruntime releases the GIL) while gradio imports. Gradio's import also pulls in IPython
    (~0.3 s) for its ``%%blocks`` notebook magic, which a server never uses: where IPython is not
    already loaded (a notebook has it), it is hidden for the length of that import only, and gradio
    skips the magic as it does wherever IPython is not installed."""
    hide = "IPython" not in sys.modules
    if hide:
        sys.modules["IPython"] = None  # an import of it raises ImportError, which gradio expects
    try:
        from . import page
    finally:
        if hide and sys.modules.get("IPython", 0) is None:
            del sys.modules["IPython"]
    return page


def make_app(
    rqa: ReportQA,
    host: str = "127.0.0.1",
    port: int = 7860,
    logins: Logins | None = None,
    allow_upload: bool = False,
) -> FastAPI:
    """The page, its Gradio API, the REST API under /api, /report/{doc} and /docs, ready for
    uvicorn; writing to the collection from the page needs ``allow_upload`` and a login."""
    if allow_upload and logins is None:
        raise QAError(
            "uploads change the collection, so they need a login",
            "set QA_AUTH or QA_AUTH_FILE, or drop --allow-upload",
        )
    import gradio as gr

    page_module = import_page()
    app = FastAPI(title="report QA", description="Cited answers from the reports in the collection.")

    @app.get("/report/{doc}", response_class=HTMLResponse, include_in_schema=False)
    def report(doc: str, start: int = 0, end: int = 0):
        if doc not in {d.doc for d in rqa.documents()}:
            raise HTTPException(404, f"no report named {doc!r} in the index")
        return page_module.report_page(rqa, doc, start, end)

    app.include_router(api_router(rqa))
    install_errors(app)
    page = page_module.build_page(rqa, allow_upload).queue(
        default_concurrency_limit=CONCURRENT_ANSWERS, max_size=QUEUE_SIZE
    )
    gr.mount_gradio_app(
        app,
        page,
        path="/",
        auth=logins.check if logins else None,
        server_name=host,
        server_port=port,
        max_file_size=page_module.MAX_UPLOAD_BYTES,
        css=page.css,  # mount_gradio_app replaces the Blocks' own css with this argument
    )
    page_app = next(r.app for r in app.routes if isinstance(r, Mount) and hasattr(r.app, "tokens"))
    app.add_middleware(BodyLimit)
    app.add_middleware(LoginRequired, logins=logins, allow_upload=allow_upload, page_app=page_app)
    return app
