"""The chat page: its handlers, then the real page in Debian's Chromium, and the /ask API."""

import csv
import html
import os
import re
import shutil
from pathlib import Path

import pytest

from qa.serve import app, page

from .conftest import running_server, served_copy

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


@pytest.fixture(scope="module")
def server(index_dir, tmp_path_factory):
    log = tmp_path_factory.mktemp("server") / "server.log"
    with running_server(
        ["ui.py", "--index", str(served_copy(index_dir, tmp_path_factory))],
        log,
        {**os.environ, "HF_HUB_OFFLINE": "1"},
    ) as url:
        yield url


CJK_TEMPLATE_WORDS = ("报告", "段落", "数字", "没有", "未", "比较", "仅供")


def test_replies_in_english_say_why_in_english(rqa):
    """Every kind of note the library words in Chinese reads in English in English mode; only names
    and figures quoted from the reports stay as written."""
    h = page.make_handlers(rqa)
    questions = [
        "北京市2024年查处多少案件",  # a place no report is about
        "湟中区2030年罚款多少",  # a place without a report on that year
        "江津区2020年和丰泽2023年完成的生态环境损害赔偿案件，哪个多？",  # comparison
        "各地查处环境违法案件数",  # indicator
    ]
    for q in questions:
        reply = h.respond(q, [], lang="en").chat[-1]["content"]
        notes = re.findall(r"<div class='qa-(?:note|why)'>(.*?)</div>", reply)
        assert notes, q
        for note in notes:
            text = re.sub(r"“[^”]*”|: [^:]*$", "", html.unescape(re.sub("<[^>]+>", "", note)))
            assert not any(w in text for w in CJK_TEMPLATE_WORDS), (q, note)
    zh = h.respond("北京市2024年查处多少案件", [], lang="zh").chat[-1]["content"]
    assert "不是答案" in zh and "北京市" in zh
    en = h.respond("北京市2024年查处多少案件", [], lang="en").chat[-1]["content"]
    assert "not the answer" in en and "No report in the collection is about “北京市”" in en


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_example_is_answered(rqa, lang):
    """The example questions shown in each language get an answer (or, for an indicator, stated rows)."""
    for q in page.EXAMPLES[lang]:
        ans = rqa.ask(q)
        assert ans.answer or any(row.get("figure") for row in ans.table), (lang, q)


def test_reply_states_the_sentence_and_marks_low_confidence(rqa):
    from qa.types import Answer

    h = page.make_handlers(rqa)
    reply = h.respond("湟中区2024年查处了多少起环境违法行为", [], lang="en").chat[-1]["content"]
    said = re.search(r"<blockquote class='qa-said'>(.*?)<div class='qa-cite'>\[1\] (.*?)</div>", reply)
    assert "共查处环境违法行为<mark>25起</mark>" in said.group(1)
    assert said.group(2).startswith("湟中区生态环境局") and "chars 1478–1641" in said.group(2)
    low = Answer("q", "25起", rqa.search("湟中区查处环境违法行为", 1), None, "count", (0, 1), confidence=0.5)
    assert "low confidence" in page.reply_html(low, "en") and "置信度较低" in page.reply_html(low, "zh")


def test_indicator_reply_table_chart_and_csv(rqa):
    from qa.ask.indicator import rows_from_csv

    reply = page.make_handlers(rqa).respond("各地查处环境违法案件数", [], lang="en")
    ind = reply.indicator
    assert len(ind.rows) == len(rqa.documents())
    huangzhong = next(r for r in ind.rows if r.region == "湟中区")
    assert huangzhong.figure == "25起"
    table = page.indicator_rows(ind, "en")
    assert [row[3] for row in table] == [r.figure or "not stated" for r in ind.rows]
    kind, frames = page.chart_frames(ind)
    assert kind == "bar" and frames and all(len({*f["x"]}) == len(f) for _, f in frames)
    assert rows_from_csv(Path(reply.csv).read_text(encoding="utf-8")) == ind.rows


def test_chart_is_a_line_across_years_and_never_mixes_units():
    """One place over several years is a line; a group in another unit is a chart of its own."""
    from qa.ask.indicator import Indicator, Row, group_rows

    def row(year, figure, value, unit, noun):
        kind = "percent" if unit == "%" else "money"
        return Row(
            f"{year}.txt",
            f"{year}年政府工作报告",
            "全国",
            "national",
            year,
            (year,),
            figure,
            value,
            unit=unit,
            base=unit[-1:],
            kind=kind,
            noun=noun,
            start=0,
            end=len(figure),
        )

    rows = [
        row(2023, "5%左右", 5.0, "%", "国内生产总值增长"),
        row(2024, "5%左右", 5.0, "%", "国内生产总值增长"),
        row(2019, "6%-6.5%", 6.0, "%", "国内生产总值增长"),
        row(2024, "1.3万亿元", 1.3e12, "万亿元", "超长期特别国债"),
    ]
    kind, frames = page.chart_frames(Indicator("历年GDP增长目标", "percent", rows, group_rows(rows)))
    assert kind == "line" and len(frames) == 2
    assert list(frames[0][1]["x"]) == [2019, 2023, 2024] and list(frames[1][1]["y"]) == [1.3e12]


def test_reports_table_lists_the_collection(rqa):
    rows = page.reports_table(rqa, "en")
    assert len(rows) == len(rqa.documents())
    assert {re.search(r"/report/([^']+)'", r[0]).group(1) for r in rows} == {d.doc for d in rqa.documents()}
    found = page.reports_table(rqa, "en", "湟中 2024")
    assert len(found) == 1 and "湟中区（" not in found[0][1] and "湟中区 (" in found[0][1]
    assert found[0][6] == "txt" and found[0][4] > 0


# the cells of a Gradio table's body rows (it draws them as grid rows, not <tr>)
ROWS = (
    "(s) => [...document.querySelectorAll(s + ' [role=row][data-index]')]"
    ".map(r => [...r.querySelectorAll('[role=gridcell]')].map(c => c.innerText.trim()))"
)


def _uncovered(pg, selector: str) -> None:
    """The element (its last match), scrolled into view, lies inside the viewport's width, and a click
    at its left and right ends, half-way down, hits it: no toolbar or label lies over its words. The
    check is repeated for up to two seconds, since the chat scrolls itself after a reply arrives."""
    for _ in range(10):
        element = pg.locator(selector).last
        element.scroll_into_view_if_needed()
        box = element.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= pg.viewport_size["width"] + 1, selector
        y = box["y"] + box["height"] / 2
        misses = [
            x
            for x in (box["x"] + 4, box["x"] + box["width"] - 4)
            if not pg.evaluate(
                "([s, x, y]) => [...document.querySelectorAll(s)].pop().contains(document.elementFromPoint(x, y))",
                [selector, x, y],
            )
        ]
        if not misses:
            return
        pg.wait_for_timeout(200)
    raise AssertionError(f"{selector} is covered at x={misses[0]:.0f}")


def _ask(pg, question: str, expect: str) -> str:
    """Ask and wait for a NEW reply that contains ``expect`` (an earlier reply may contain it too)."""
    before = pg.evaluate("document.querySelectorAll('#chat .bot').length")
    box = pg.locator("#question textarea")
    box.fill(question)
    box.press("Enter")
    last = "[...document.querySelectorAll('#chat .bot')].pop()"
    pg.wait_for_function(
        f"document.querySelectorAll('#chat .bot').length > {before} && {last} && "
        f"{last}.innerText.includes({expect!r}) && !{last}.innerText.includes('Loading content')",
        timeout=90000,
    )
    return pg.evaluate(f"{last}.innerText")


@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Debian's chromium (apt-get install chromium)")
def test_real_browser_chat(server, tmp_path):
    """Both languages (a reply, a not-found note, a comparison), the Reports tab and an indicator
    (table, chart, CSV), at 1400 px and 390 px; QA_SCREENSHOTS=docs writes the README's screenshots."""
    from playwright.sync_api import sync_playwright

    shots = Path(os.environ.get("QA_SCREENSHOTS", tmp_path))
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
        pg = browser.new_page(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
        dialogs = []
        pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        pg.goto(server)
        reply = _ask(pg, "湟中区2024年查处了多少起环境违法行为", "25起")
        assert "共查处环境违法行为25起" in reply and "湟中区生态环境局" in reply
        assert pg.locator("#chat .bot mark").last.inner_text() == "25起"
        assert "2.加强重点领域执法力度" in pg.locator("#sources").inner_text()
        assert "不是答案" in _ask(pg, "北京市2024年查处多少案件", "北京市")
        assert "重庆市江津区生态环境局" in _ask(
            pg, "江津区2020年和丰泽2023年完成的生态环境损害赔偿案件，哪个多？", "统计口径"
        )
        _ask(pg, "<script>alert(1)</script><img src=x onerror=alert(2)>罚款", "罚款")
        assert dialogs == [] and "<script>alert(1)</script>" in pg.locator("#chat").inner_text()
        pg.get_by_role("button", name="清空对话").click()
        pg.wait_for_function("document.querySelectorAll('#chat .bot').length == 0")
        _ask(pg, "湟中区2024年查处了多少起环境违法行为", "25起")
        pg.wait_for_timeout(800)
        _uncovered(pg, "#question textarea")
        _uncovered(pg, "#chat .user")
        pg.screenshot(path=str(shots / "screenshot-zh.png"))

        pg.get_by_label("English").check()
        pg.wait_for_function("document.querySelector('#send').innerText.trim() == 'Ask'")
        assert pg.locator("#lang input[value=en]").is_checked()
        assert "Examples" in pg.inner_text("body") and "示例问题" not in pg.inner_text("body")
        reply = _ask(pg, "how many environmental violations did Huangzhong investigate in 2024", "25起")
        assert "Answer: 25起" in reply and "chars" in reply
        assert "not the answer" in _ask(
            pg, "how many cases did Beijing investigate in 2024", "not the answer"
        )
        assert "check the citations" in _ask(
            pg, "江津区2020年和丰泽2023年完成的生态环境损害赔偿案件，哪个多？", "check the citations"
        )
        pg.get_by_role("button", name="Clear chat").click()
        pg.wait_for_function("document.querySelectorAll('#chat .bot').length == 0")
        _ask(pg, "各地查处环境违法案件数", "not stated")
        pg.wait_for_selector("#indicator", state="visible")
        pg.wait_for_selector(".qa-chart canvas, .qa-chart svg", state="visible")
        cells = pg.evaluate(ROWS, "#indicator")
        with pg.expect_download() as download:
            pg.locator("#csv").click()
        with open(download.value.path(), encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        assert len(rows) == len(cells) == 5
        assert [r["figure"] or "not stated" for r in rows] == [c[3] for c in cells]
        assert any(r["region"] == "湟中区" and r["figure"] == "25起" for r in rows)
        pg.wait_for_timeout(1000)
        pg.screenshot(path=str(shots / "screenshot-en.png"), full_page=True)

        pg.get_by_role("tab", name="Reports").click()
        pg.locator("#find-report input, #find-report textarea").fill("湟中")
        pg.wait_for_function(f"({ROWS})('#reports').length == 1")
        with pg.context.expect_page() as opened:
            pg.locator("#reports [role=row][data-index] a").first.click()
        opened.value.wait_for_load_state()
        assert "湟中区" in opened.value.inner_text("body")
        pg.reload()  # the language chosen is kept for the session
        pg.wait_for_function("document.querySelector('#send')?.innerText.trim() == 'Ask'")

        phone = browser.new_page(viewport={"width": 390, "height": 844})
        phone.goto(server)
        _ask(phone, "湟中区2024年查处了多少起环境违法行为", "25起")
        assert phone.evaluate("document.documentElement.scrollWidth") <= 390
        for selector in ("#question textarea", "#send", "#chat .user", "#lang"):
            _uncovered(phone, selector)
        phone.screenshot(path=str(tmp_path / "phone.png"), full_page=True)
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
