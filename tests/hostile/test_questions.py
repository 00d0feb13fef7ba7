"""Hostile questions and arguments: wrong types and values get one clear QAError; odd text gets a
safe result (an answer only when copied from a cited passage); the collection keeps answering."""

from __future__ import annotations

import pytest

from qa import QAError

from .common import QUESTION, still_answers

BAD_K = ["5", None, 1.5, True, False, 0, -1, 51, 10**9, [], {}, "abc", float("nan"), 5.0]


@pytest.mark.parametrize("k", BAD_K, ids=repr)
@pytest.mark.parametrize("call", ["ask", "search"])
def test_bad_k_is_one_clear_error(fast_rqa, call, k):
    with pytest.raises(QAError, match="k must be"):
        getattr(fast_rqa, call)(QUESTION, k=k)
    still_answers(fast_rqa)


BAD_FILTERS = [
    ("湟中区", "filters must be a mapping"),
    (["region"], "filters must be a mapping"),
    (5, "filters must be a mapping"),
    ({"x": 1}, "unknown filter"),
    ({"region": "湟中区", "month": 5}, "unknown filter"),
    ({"year": "abc"}, "year filter"),
    ({"year": 99999}, "year filter"),
    ({"year": 1.5}, "year filter"),
    ({"year": True}, "year filter"),
    ({"year": [2024]}, "year filter"),
    ({"year": "-2024"}, "year filter"),
    ({"year": "20 24"}, "year filter"),
    ({"region": 5}, "region filter"),
    ({"region": ["湟中区"]}, "region filter"),
    ({"region": "火星区"}, "unknown region"),
]


@pytest.mark.parametrize("filters, why", BAD_FILTERS, ids=repr)
@pytest.mark.parametrize("call", ["ask", "search"])
def test_bad_filters_are_one_clear_error(fast_rqa, call, filters, why):
    with pytest.raises(QAError, match=why):
        getattr(fast_rqa, call)(QUESTION, filters=filters)
    still_answers(fast_rqa)


@pytest.mark.parametrize(
    "filters",
    [{"year": "2024"}, {"year": "2024年"}, {"region": "", "year": None}, {"region": "Huangzhong"}],
    ids=repr,
)
def test_filters_given_as_text_are_parsed(fast_rqa, filters):
    assert fast_rqa.ask(QUESTION, filters=filters).answer == "25起"


@pytest.mark.parametrize("history", [5, "湟中区2024年", {"role": "user"}, [5], [None], [object()]], ids=repr)
def test_bad_history_is_one_clear_error(fast_rqa, history):
    with pytest.raises(QAError, match="history"):
        fast_rqa.ask("罚款多少", history=history)
    still_answers(fast_rqa)


@pytest.mark.parametrize(
    "history",
    [
        [QUESTION],
        [{"role": "user", "content": QUESTION}, {"role": "assistant", "content": "25起"}],
        [{"role": "user", "content": [{"type": "text", "text": QUESTION}]}],
        [(QUESTION, "25起")],
        [[QUESTION, "25起"]],
        [{"question": QUESTION}],
    ],
    ids=["strings", "messages", "content-blocks", "tuple-pairs", "list-pairs", "question-dicts"],
)
def test_history_in_every_shape_carries_the_context(fast_rqa, history):
    ans = fast_rqa.ask("罚款多少", history=history)
    assert ans.resolved and "湟中" in ans.resolved and ans.answer == "65.2256万元"


@pytest.mark.parametrize("question", ["", "   ", "\n\t", "问" * 501, None, 5, ["q"], b"bytes"], ids=repr)
def test_empty_oversized_or_non_text_questions_are_refused(fast_rqa, question):
    with pytest.raises(QAError, match="question"):
        fast_rqa.ask(question)
    with pytest.raises(QAError, match="question"):
        fast_rqa.search(question)
    still_answers(fast_rqa)


ODD = [
    "<script>alert(1)</script>湟中区",
    "'; DROP TABLE reports; --",
    "../../../../etc/passwd",
    "{{7*7}}${7*7}",
    "\x1b[31m湟中区\x1b[0m查处",
    "🙂" * 40,
    "湟中区\u200b2024\u200b年查处",
    "\u202e湟中区2024年",
    "%s%s%n%x",
    "\x00湟中区",
    "？？？",
    "null",
    "NaN",
    "2024",
    "年",
    "a" * 500,
    "湟中区" * 150,
    "how many violations did Mars District handle in 3024",
    "杭州市2024年查处了多少起环境违法行为",
    "湟中区0年查处了多少起环境违法行为",
    "湟中区二〇二四年查处了多少起环境违法行为",
    "湟中区２０２４年查处了多少起环境违法行为",
    "HUANGZHONG 2024 VIOLATIONS",
    "区区区区区区区区区年年年年年",
    "湟中区2024年2023年2022年2021年2020年查处了多少起",
    "江津区2020年和丰泽2023年和湟中区2024年和泰顺县和许昌市，哪个多？",
]


@pytest.mark.parametrize("question", ODD, ids=range(len(ODD)))
def test_odd_questions_get_a_safe_cited_result(fast_rqa, question):
    ans = fast_rqa.ask(question)
    if ans.answer:  # copied from a cited passage (or, comparing reports, a row of the table)
        parts = ans.answer.split("、") if ans.kind == "cross" else [ans.answer]  # bureaus tied for "most"
        for part in parts:
            assert any(part in p.text for p in ans.passages) or any(part in str(r) for r in ans.table)
    for p in ans.passages:
        assert fast_rqa.source_text(p.doc)[p.start : p.end] == p.text
    assert len(fast_rqa.search(question, k=3)) <= 3
    still_answers(fast_rqa)


@pytest.mark.parametrize(
    "question", ["湟中区99999年查处了多少起环境违法行为", "湟中区12345年罚款多少", "湟中区2500年查处了多少起"]
)
def test_a_year_no_report_can_be_on_gets_the_note(fast_rqa, question):
    ans = fast_rqa.ask(question)
    assert ans.answer is None and "没有" in ans.note
    still_answers(fast_rqa)


@pytest.mark.parametrize(
    "doc", ["x", "", None, 5, "../004_62de3936a4750662.txt", "004_62DE3936A4750662.TXT"], ids=repr
)
def test_source_text_of_an_unknown_report_is_a_clear_error(fast_rqa, doc):
    with pytest.raises(QAError, match="no report named"):
        fast_rqa.source_text(doc)
    still_answers(fast_rqa)


@pytest.mark.parametrize("mode", ["", "bm25", None, 1])
def test_unknown_search_mode_is_refused(fast_rqa, mode):
    with pytest.raises(QAError, match="mode"):
        fast_rqa.search(QUESTION, mode=mode)
