"""Answers on real seed questions: each question type, traps, comparisons across reports, follow-ups."""

import pytest

from qa.ask.answer import question_type
from qa.ask.dialog import user_turns

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    "question, expected, kind",
    [
        ("湟中区2024年查处了多少起环境违法行为", "25起", "count"),
        ("How many environmental violation cases did Huangzhong handle in 2024?", "25起", "count"),
        ("湟中区2024年环境违法行为罚了多少钱", "65.2256万元", "amount"),
        ("湟中区2024年信访举报件办结率是多少？", "94%", "percent"),
        ("泰顺县PM2.5降幅是多少", "-17.3%", "percent"),
        ("许昌修订重污染天气应急预案时，把多少家民生保障类企业纳入了保障范围？", "238家", "count"),
        ("江津区生态环境局请的是哪家律师事务所做法律顾问？", "君策律师事务所", "name"),
        ("许昌和哪些市签了上下游突发水污染事件联防联控协议？", "漯河、周口、平顶山", "list"),
        ("泰顺“绿水青山就是金山银山”实践创新基地建设实施方案是哪几年的？", "2024-2026", "range"),
        ("湟中区2024年法治政府建设工作要点通知的文号是什么", "湟政办函〔2024〕9号", "docnum"),
    ],
)
def test_answer_spans(rqa, question, expected, kind):
    ans = rqa.ask(question)
    assert ans.kind == kind
    assert ans.answer == expected
    s, e = ans.span
    assert ans.passages[0].text[s:e] == expected  # the span is the report's own text


def test_file_name_question_returns_the_title(rqa):
    ans = rqa.ask("丰泽生态环境局2023年度普法计划的文件名是什么？")
    assert ans.kind == "title" and "2023 年度普法计划" in ans.answer


@pytest.mark.parametrize(
    "question, reason",
    [
        ("湟中区2021年查处了多少起环境违法行为", "2021"),  # region in the collection, year not
        ("许昌市生态环境局2022年“12369”共接举报多少件？", "2022"),
        (
            "What was the total amount of fines imposed by the Hangzhou Ecology and Environment Bureau in 2023?",
            "Hangzhou",
        ),
        ("杭州市生态环境局2023年罚款多少", "杭州"),
        ("江津区生态环境局2020年受理了多少件信访举报？", "没有找到"),  # the report does not say
    ],
)
def test_honest_not_found(rqa, question, reason):
    ans = rqa.ask(question)
    assert ans.answer is None and reason in ans.note and ans.passages


def test_never_a_number_from_another_region(rqa):
    ans = rqa.ask("湟中区2021年查处了多少起环境违法行为")
    assert ans.answer is None
    assert all(p.region == "湟中区" for p in ans.passages)


def test_comparison_across_reports(rqa):
    ans = rqa.ask("江津区2020年和丰泽2023年完成的生态环境损害赔偿案件，哪个多？")
    assert ans.kind == "cross" and ans.answer == "重庆市江津区生态环境局"
    rows = {r["region"]: r for r in ans.table}
    assert rows["江津区"]["value"] == 4 and rows["丰泽区"]["value"] == 1
    assert "生态环境损害赔偿" in rows["丰泽区"]["sentence"]
    ans = rqa.ask("丰泽（2023年）和湟中（2024年），哪个局当过行政诉讼的被告？")
    assert ans.answer == "泉州市丰泽生态环境局"
    assert {r["region"]: r["value"] for r in ans.table} == {"丰泽区": 2, "湟中区": 0}


def test_which_bureaus_had_none(rqa):
    ans = rqa.ask("which bureaus had no administrative reconsideration cases")
    assert ans.kind == "cross" and "湟中区生态环境局" in ans.answer and len(ans.table) == 5


def test_two_turn_follow_up(rqa):
    first = "湟中区2024年查处了多少起环境违法行为"
    ans = rqa.ask("罚款多少", history=[first])
    assert ans.answer == "65.2256万元" and ans.resolved.startswith("湟中区 2024年")
    ans = rqa.ask(
        "那2023年呢", history=[{"role": "user", "content": first}, {"role": "assistant", "content": "25起"}]
    )
    assert ans.answer is None and "2023" in ans.note and "查处" in ans.resolved
    ans = rqa.ask(
        "and Taishun?", history=["how many environmental violations did Huangzhong investigate in 2024"]
    )
    assert ans.passages[0].region == "泰顺县" and ans.answer == "6件"


def test_history_formats():
    assert user_turns(
        ["a", {"role": "assistant", "content": "x"}, {"role": "user", "content": "b"}, ("c", "ans"), ""]
    ) == ["a", "b", "c"]


@pytest.mark.parametrize(
    "question, kind",
    [
        ("罚了多少钱", "amount"),
        ("几名法律顾问", "count"),
        ("what percentage of cases", "percent"),
        ("哪些措施", "list"),
        ("谈谈普法工作", "open"),
    ],
)
def test_question_types(question, kind):
    assert question_type(question) == kind
