"""The chat page: its handlers, then the real page in Debian's Chromium, and the /ask API."""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from qa.serve import app, page

pytestmark = pytest.mark.slow

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
BROWSER_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def test_handlers_answer_follow_up_and_escape(rqa):
    h = page.make_handlers(rqa)
    r = h.respond("湟中区2024年查处了多少起环境违法行为", [])
    assert "25起" in r.chat[-1]["content"] and r.question == ""
    assert "<mark>25起</mark>" in r.sources and "湟中区生态环境局" in r.citations
    assert r.state[1]["answer"] == "25起" and r.state[1]["passages"][0].startswith("004_")
    chat = h.respond("罚款多少", r.chat).chat
    assert "65.2256万元" in chat[-1]["content"]
    r = h.respond("<script>alert(1)</script>罚款", chat)
    assert "<script>" not in r.chat[-2]["content"] and "&lt;script&gt;" in r.chat[-2]["content"]
    assert "<script>" not in r.sources
    assert "只取前" in h.respond("问" * 3000, []).chat[-1]["content"]
    chat = h.respond("   ", []).chat
    assert chat[-1]["role"] == "assistant" and "请先输入" in chat[-1]["content"]
    api_ask, api_search = h.api_ask, h.api_search
    assert api_ask("泰顺县PM2.5降幅是多少")["answer"] == "-17.3%"
    assert api_search("法律顾问", 3, "江津区")[0]["doc"].startswith("002_")


def test_feedback_is_logged_beside_the_index(rqa, tmp_path):
    from qa import ReportQA

    shutil.copytree(rqa.index_dir, tmp_path / "index")
    local = ReportQA.open(tmp_path / "index", embedder=rqa.embedder, check_sources=False)
    feedback = page.make_handlers(local).feedback

    class Like:
        liked, index, value = False, 1, "x"

    feedback({1: {"question": "q", "answer": "a", "passages": ["d#1"]}}, Like())
    line = (tmp_path / "index-feedback.jsonl").read_text(encoding="utf-8")
    assert '"vote": "down"' in line and '"d#1"' in line


def test_upload_accepts_only_the_upload_folder(tmp_path, embedder, monkeypatch):
    from qa import ReportQA

    from .conftest import SEEDS

    rqa = ReportQA.build([SEEDS / "001_400143b11109ccf8.txt"], tmp_path / "index", embedder=embedder)
    monkeypatch.setattr(page, "UPLOAD_DIR", tmp_path / "uploads")
    upload = page.make_handlers(rqa, allow_upload=True).upload
    outside = tmp_path / "elsewhere.txt"
    shutil.copy(SEEDS / "004_62de3936a4750662.txt", outside)
    assert "拒绝" in upload([str(outside)])
    inside = tmp_path / "uploads" / "abc" / "huangzhong.txt"
    inside.parent.mkdir(parents=True)
    shutil.copy(SEEDS / "004_62de3936a4750662.txt", inside)
    assert upload([str(inside)]) == "+ huangzhong.txt"
    assert rqa.ask("湟中区2024年查处了多少起环境违法行为").answer == "25起"
    assert "没有选择" in upload([])


def test_report_page_highlights_and_escapes(rqa):
    html_page = page.report_page(rqa, "004_62de3936a4750662.txt", 1478, 1641)
    assert "<mark id='hit'>2.加强重点领域执法力度" in html_page


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(index_dir, tmp_path_factory):
    port = _free_port()
    log = tmp_path_factory.mktemp("server") / "server.log"
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    with open(log, "w") as out:
        proc = subprocess.Popen(
            [sys.executable, "ui.py", "--index", str(index_dir), "--port", str(port)],
            cwd=Path(__file__).parents[1],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
        )
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 180
    while time.time() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)
            break
        except OSError:
            if proc.poll() is not None:
                pytest.fail(f"server exited: {log.read_text()}")
            time.sleep(1)
    else:
        proc.kill()
        pytest.fail(f"server did not start: {log.read_text()}")
    yield url
    proc.terminate()
    proc.wait(timeout=30)


@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Debian's chromium (apt-get install chromium)")
def test_real_browser_chat(server, tmp_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        dialogs = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto(server)
        box = page.locator("#question textarea")
        chat = "document.querySelector('#chat').innerText"
        box.fill("湟中区2024年查处了多少起环境违法行为")
        box.press("Enter")
        page.wait_for_function(f"{chat}.includes('25起')", timeout=60000)
        assert "湟中区生态环境局" in page.locator("#sources").inner_text()
        assert "2.加强重点领域执法力度" in page.locator("#sources").inner_text()
        page.wait_for_timeout(1000)
        page.screenshot(path=os.environ.get("QA_SCREENSHOT", str(tmp_path / "page.png")))
        box.fill("罚款多少")
        box.press("Enter")
        page.wait_for_function(f"{chat}.includes('65.2256万元')", timeout=60000)
        box.fill("<script>alert(1)</script><img src=x onerror=alert(2)>罚款")
        box.press("Enter")
        page.wait_for_function(f"{chat}.includes('<script>alert(1)</script>')", timeout=60000)
        assert dialogs == []
        report = browser.new_page()
        report.goto(f"{server}/report/004_62de3936a4750662.txt?start=1478&end=1641#hit")
        assert report.locator("#hit").inner_text().startswith("2.加强重点领域执法力度")
        browser.close()


def test_gradio_client_against_the_server(server):
    from gradio_client import Client

    client = Client(server, verbose=False)
    ans = client.predict("湟中区2024年查处了多少起环境违法行为", 3, "", "", api_name="/ask")
    assert ans["answer"] == "25起" and "共查处环境违法行为25起" in ans["passages"][0]["text"]
    assert ans["passages"][0]["citation"].startswith("湟中区生态环境局")
    hits = client.predict("法律顾问", 2, "Jiangjin", "2020", api_name="/search")
    assert len(hits) == 2 and all(h["doc"].startswith("002_") for h in hits)


def test_login_from_environment(tmp_path):
    import asyncio

    assert app.logins_from_env({}) is None
    logins = tmp_path / "logins"
    logins.write_text("# staff logins\n\nclerk:pw,3\n", encoding="utf-8")
    found = app.logins_from_env({"QA_AUTH": "staff:pw1,admin:p:w2", "QA_AUTH_FILE": str(logins)})
    assert sorted(found.digests) == ["admin", "clerk", "staff"]
    assert asyncio.run(found.check("admin", "p:w2")) and asyncio.run(found.check("clerk", "pw,3"))
