"""The web server under hostile use: every route behind the one login layer, malformed login
settings refused at start, failed logins delayed and limited, the REST API's 4xx errors carrying
the library's text, uploads off by default, feedback tied to its reply and rate-limited. Server
cases run against one real server (real model index, logins set) on 127.0.0.1; after each, the
server still answers."""

from __future__ import annotations

import base64
import os
import time

import pytest

from qa.cli import main
from qa.serve import page

from ..conftest import HUANGZHONG, SEEDS, running_server, served_copy
from .common import ANSWER, QUESTION, still_answers

USER, PASSWORD = "admin", "s3cret-pw"
AUTH = (USER, PASSWORD)


@pytest.fixture(scope="module")
def server(index_dir, tmp_path_factory):
    """One real server for the module: the seeds with the real model, two logins, uploads off."""
    log = tmp_path_factory.mktemp("hostile-server") / "server.log"
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "QA_AUTH": f"{USER}:{PASSWORD},lockme:right-pw"}
    env.pop("QA_AUTH_FILE", None)
    args = ["-m", "qa.cli", "serve", "--index", str(served_copy(index_dir, tmp_path_factory))]
    with running_server(args, log, env) as url:
        yield url


@pytest.fixture()
def http(server):
    """An HTTP client for the server; after the case, the server must still answer."""
    import httpx

    with httpx.Client(base_url=server, timeout=60) as client:
        yield client
        r = client.post("/api/ask", json={"question": QUESTION}, auth=AUTH)
        assert r.status_code == 200 and r.json()["answer"] == ANSWER


LOCKED = [
    ("GET", f"/report/{HUANGZHONG}"),
    ("GET", "/docs"),
    ("GET", "/openapi.json"),
    ("GET", "/redoc"),
    ("GET", "/api/documents"),
    ("POST", "/api/ask"),
    ("POST", "/api/search"),
    ("GET", "/gradio_api/info"),
    ("POST", "/gradio_api/queue/join"),
    ("POST", "/gradio_api/call/ask"),
    ("GET", "/config"),
    ("GET", "/gradio_api/file=/etc/passwd"),
]


@pytest.mark.slow
@pytest.mark.parametrize("method, path", LOCKED, ids=[p for _, p in LOCKED])
def test_every_route_needs_the_login(http, method, path):
    r = http.request(method, path, json={"question": QUESTION})
    assert r.status_code == 401 and QUESTION not in r.text and "共查处环境违法行为" not in r.text


BAD_LOGINS = [
    {"auth": (USER, "wrong")},
    {"auth": ("nobody", PASSWORD)},
    {"auth": (USER, "")},
    {"auth": (USER, PASSWORD + " ")},
    {"auth": (USER.upper(), PASSWORD)},
    {"headers": {"Authorization": "Basic !!!not-base64"}},
    {"headers": {"Authorization": "Basic " + base64.b64encode(b"no-colon").decode()}},
    {"headers": {"Authorization": f"Bearer {PASSWORD}"}},
    {"headers": {"Cookie": "access-token-x=forged; access-token-unsecure-y=forged"}},
]


@pytest.mark.slow
@pytest.mark.parametrize("kwargs", BAD_LOGINS, ids=range(len(BAD_LOGINS)))
def test_wrong_logins_are_refused_after_a_delay(http, kwargs):
    t0 = time.perf_counter()
    r = http.get("/api/documents", **kwargs)
    assert r.status_code == 401
    if "auth" in kwargs:
        assert time.perf_counter() - t0 >= 0.4  # the failed-login delay


@pytest.mark.slow
def test_repeated_failures_lock_the_user_out(http):
    for _ in range(5):
        assert http.get("/api/documents", auth=("lockme", "guess")).status_code == 401
    assert http.get("/api/documents", auth=("lockme", "right-pw")).status_code == 401  # locked for a minute
    assert http.post("/login", data={"username": "lockme", "password": "right-pw"}).status_code >= 400


@pytest.mark.slow
@pytest.mark.parametrize("path", ["/", "/login", "/theme.css"])
def test_the_login_form_itself_is_public(http, path):
    assert http.get(path).status_code in (200, 302, 307, 405)


@pytest.mark.slow
def test_the_page_login_cookie_opens_every_route(http):
    r = http.post("/login", data={"username": USER, "password": PASSWORD})
    assert r.status_code == 200
    for path in (f"/report/{HUANGZHONG}?start=1478&end=1641", "/api/documents", "/gradio_api/info", "/docs"):
        assert http.get(path).status_code == 200
    http.cookies.clear()


@pytest.mark.slow
def test_uploads_are_off_by_default_even_with_a_login(http):
    r = http.post("/gradio_api/upload", files={"files": ("x.txt", b"forged", "text/plain")}, auth=AUTH)
    assert r.status_code == 403 and "--allow-upload" in r.text


@pytest.mark.slow
def test_rest_answers_searches_and_lists(http):
    ans = http.post("/api/ask", json={"question": QUESTION, "k": 3}, auth=AUTH).json()
    assert ans["answer"] == ANSWER and len(ans["passages"]) == 3 and ans["passages"][0]["citation"]
    follow = http.post("/api/ask", json={"question": "罚款多少", "history": [QUESTION]}, auth=AUTH).json()
    assert follow["answer"] == "65.2256万元"
    hits = http.post(
        "/api/search",
        json={"question": "法律顾问", "k": 2, "filters": {"region": "江津区", "year": "2020"}},
        auth=AUTH,
    ).json()
    assert [h["doc"][:4] for h in hits] == ["002_", "002_"]
    docs = http.get("/api/documents", auth=AUTH).json()
    assert len(docs) == 5 and all("path" not in d for d in docs)
    assert "/api/ask" in http.get("/openapi.json", auth=AUTH).json()["paths"]


REST_BAD = [
    ({"question": QUESTION, "k": "5"}, "k must be"),
    ({"question": QUESTION, "k": 0}, "k must be"),
    ({"question": QUESTION, "k": 51}, "k must be"),
    ({"question": QUESTION, "k": 10**12}, "k must be"),
    ({"question": QUESTION, "k": 1.5}, "k must be"),
    ({"question": QUESTION, "k": None}, "k must be"),
    ({"question": QUESTION, "filters": "湟中区"}, "filters must be a mapping"),
    ({"question": QUESTION, "filters": {"year": "abc"}}, "year filter"),
    ({"question": QUESTION, "filters": {"city": "x"}}, "unknown filter"),
    ({"question": QUESTION, "filters": {"region": "火星区"}}, "unknown region"),
    ({"question": QUESTION, "history": 5}, "history"),
    ({"question": ""}, "question is empty"),
    ({"question": "问" * 600}, "at most 500"),
    ({"question": 5}, "must be text"),
    ({"question": None}, "question is empty"),
    ({}, "question: Field required"),
    ({"question": QUESTION, "extra": 1}, "extra"),
    ([QUESTION], "bad request"),
]


@pytest.mark.slow
@pytest.mark.parametrize("body, why", REST_BAD, ids=range(len(REST_BAD)))
def test_rest_bad_requests_get_400_with_the_library_text(http, body, why):
    r = http.post("/api/ask", json=body, auth=AUTH)
    assert r.status_code == 400 and why in r.json()["detail"]


@pytest.mark.slow
@pytest.mark.parametrize(
    "content, headers, status",
    [
        (b"{not json", {"content-type": "application/json"}, 400),
        (b"\xff\xfe", {"content-type": "application/json"}, 400),
        (b"question=x", {"content-type": "application/x-www-form-urlencoded"}, 400),
        (b"{" + b" " * 70_000 + b"}", {"content-type": "application/json"}, 413),
    ],
    ids=["bad-json", "not-utf8", "form", "huge"],
)
def test_rest_malformed_bodies_are_4xx(http, content, headers, status):
    r = http.post("/api/ask", content=content, headers=headers, auth=AUTH)
    assert r.status_code == status and "detail" in r.json()


@pytest.mark.slow
def test_rest_year_no_report_is_on_gets_the_note(http):
    ans = http.post("/api/ask", json={"question": "湟中区99999年查处了多少起环境违法行为"}, auth=AUTH).json()
    assert ans["answer"] is None and "99999" in ans["note"]


@pytest.mark.slow
@pytest.mark.parametrize(
    "path",
    [
        "/report/..%2F..%2Fetc%2Fpasswd",
        "/report/%2Fetc%2Fpasswd",
        "/report/nope.txt",
        "/report/..%2Fmanifest.json",
    ],
)
def test_report_paths_outside_the_collection_are_404(http, path):
    r = http.get(path, auth=AUTH)
    assert r.status_code == 404 and "root:" not in r.text


@pytest.mark.slow
def test_gradio_client_with_the_login(server):
    from gradio_client import Client

    client = Client(server, auth=AUTH, verbose=False)
    assert client.predict(QUESTION, 3, "", "", api_name="/ask")["answer"] == ANSWER
    with pytest.raises(Exception, match="year filter"):
        client.predict(QUESTION, 3, "", "abc", api_name="/ask")


# ---------------------------------------------------------------- logins refused at start (no server)
MALFORMED = [
    ({"QA_AUTH": "admin"}, "no ':'"),
    ({"QA_AUTH": "admin=pw"}, "no ':'"),
    ({"QA_AUTH": "admin;pw"}, "no ':'"),
    ({"QA_AUTH": "admin:pa,ss"}, "entry 2"),
    ({"QA_AUTH": "admin:"}, "empty password"),
    ({"QA_AUTH": ":pw"}, "empty user"),
    ({"QA_AUTH": "ad min:pw"}, "spaces"),
    ({"QA_AUTH": "a:1,a:2"}, "twice"),
    ({"QA_AUTH_FILE": "# only a comment\n\n"}, "no user:password line"),
    ({"QA_AUTH_FILE": "# comment:line\nadmin\n"}, "line 2"),
    ({"QA_AUTH_FILE": "admin:\n"}, "empty password"),
    ({"QA_AUTH_FILE": None}, "cannot be read"),
]


@pytest.mark.parametrize("env, why", MALFORMED, ids=range(len(MALFORMED)))
def test_a_malformed_login_setting_stops_the_server(tmp_path, monkeypatch, capsys, env, why):
    monkeypatch.delenv("QA_AUTH", raising=False)
    monkeypatch.delenv("QA_AUTH_FILE", raising=False)
    for key, value in env.items():
        if key == "QA_AUTH_FILE":
            path = tmp_path / "logins"
            if value is not None:
                path.write_text(value, encoding="utf-8")
            value = str(path)
        monkeypatch.setenv(key, value)
    assert main(["serve", "--index", str(tmp_path / "none")]) == 2
    err = capsys.readouterr().err
    assert why in err and "pa" not in err.split("QA_AUTH")[0]


def test_comments_in_the_login_file_are_not_logins(tmp_path):
    import asyncio

    from qa.serve.app import logins_from_env

    path = tmp_path / "logins"
    path.write_text("# comment:line\n\nclerk:pw\n", encoding="utf-8")
    logins = logins_from_env({"QA_AUTH_FILE": str(path)})
    assert list(logins.digests) == ["clerk"] and not asyncio.run(logins.check("# comment", "line"))


def test_upload_needs_a_login(tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("QA_AUTH", raising=False)
    monkeypatch.delenv("QA_AUTH_FILE", raising=False)
    assert main(["serve", "--allow-upload", "--index", str(tmp_path / "none")]) == 2
    assert "needs a login" in capsys.readouterr().err


# ---------------------------------------------------------------- the page's handlers (hash embedder)
class Like:
    def __init__(self, index, liked=True):
        self.index, self.liked, self.value = index, liked, ""


@pytest.fixture()
def local(tmp_path, fake_index_dir, fake_embedder):
    import shutil

    from qa import ReportQA

    shutil.copytree(fake_index_dir, tmp_path / "index")
    return ReportQA.open(tmp_path / "index", embedder=fake_embedder, check_sources=False)


def test_feedback_is_logged_against_the_reply_it_was_given_on(local):
    h = page.make_handlers(local)
    first = h.respond(QUESTION, [])
    second = h.respond("泰顺县PM2.5降幅是多少", first.chat, state=first.state)
    assert h.feedback(second.state, Like(1, liked=False)) == page.TEXT["zh"]["thanks"]
    row = local.feedback_path.read_text(encoding="utf-8")
    assert QUESTION in row and "泰顺" not in row and '"down"' in row
    assert h.feedback(second.state, Like([3, 0])) == page.TEXT["zh"]["thanks"]
    assert "泰顺" in local.feedback_path.read_text(encoding="utf-8")
    assert h.feedback(second.state, Like(99)) == page.TEXT["zh"]["no_reply"]
    assert h.feedback(None, Like(1)) == page.TEXT["zh"]["no_reply"]


def test_feedback_is_rate_limited_per_client(local):
    h = page.make_handlers(local)
    r = h.respond(QUESTION, [])
    said = [h.feedback(r.state, Like(1)) for _ in range(page.FEEDBACK_PER_MINUTE + 5)]
    assert said.count(page.TEXT["zh"]["thanks"]) == page.FEEDBACK_PER_MINUTE
    assert said[-1] == page.TEXT["zh"]["too_many"]
    assert len(local.feedback_path.read_text(encoding="utf-8").splitlines()) == page.FEEDBACK_PER_MINUTE


@pytest.mark.parametrize(
    "chat",
    [
        [{"role": "user", "content": QUESTION}, {"role": "assistant", "content": "25起"}],
        [{"role": "user", "content": [{"type": "text", "text": QUESTION}]}],
        [{"role": "user", "content": {"type": "text", "text": QUESTION}}],
        [[QUESTION, "25起"]],
        [{"role": "user", "content": {"path": "/tmp/x.png"}}, {"role": "user", "content": QUESTION}],
    ],
    ids=["messages", "blocks", "one-block", "pairs", "with-file"],
)
def test_page_history_in_every_message_shape(fast_rqa, chat):
    r = page.make_handlers(fast_rqa).respond("罚款多少", chat)
    assert "65.2256万元" in r.chat[-1]["content"]


@pytest.mark.parametrize(
    "k, region, year, why", [(5, page.ALL, "abc", "year filter"), ("x", page.ALL, page.ALL, "k must")]
)
def test_page_shows_the_library_text_for_bad_input(fast_rqa, k, region, year, why):
    r = page.make_handlers(fast_rqa).respond(QUESTION, [], region, year, "zh", k)
    assert why in r.chat[-1]["content"]
    still_answers(fast_rqa)


def _upload(tmp_path, monkeypatch, name, data):
    monkeypatch.setattr(page, "UPLOAD_DIR", tmp_path / "uploads")
    path = tmp_path / "uploads" / "abc" / name
    path.parent.mkdir(parents=True)
    path.write_bytes(data)
    return path


def test_upload_is_refused_when_off_and_leaves_nothing(local, tmp_path, monkeypatch):
    path = _upload(tmp_path, monkeypatch, "new.txt", (SEEDS / HUANGZHONG).read_bytes())
    assert "off" in page.make_handlers(local).upload([str(path)], lang="en")
    assert not path.exists() and not path.parent.exists()
    still_answers(local)


def test_upload_never_replaces_a_report_silently(local, tmp_path, monkeypatch):
    forged = (SEEDS / HUANGZHONG).read_text(encoding="utf-8").replace("25起", "9999起")
    path = _upload(tmp_path, monkeypatch, HUANGZHONG, forged.encode())
    said = page.make_handlers(local, allow_upload=True).upload([str(path)])
    assert "already in the collection" in said and not path.exists()
    still_answers(local)


@pytest.mark.parametrize(
    "name, data, why",
    [
        ("big.txt", b"a" * (page.MAX_UPLOAD_BYTES + 1), "bytes"),
        ("empty.txt", b"", "empty"),
        ("bomb.txt", ("法" * 1_100_000).encode(), "characters"),
    ],
)
def test_oversized_or_empty_uploads_leave_nothing(local, tmp_path, monkeypatch, name, data, why):
    path = _upload(tmp_path, monkeypatch, name, data)
    before = (local.index_dir / "manifest.json").read_bytes()
    assert why in page.make_handlers(local, allow_upload=True).upload([str(path)])
    assert not path.exists() and (local.index_dir / "manifest.json").read_bytes() == before
    still_answers(local)
