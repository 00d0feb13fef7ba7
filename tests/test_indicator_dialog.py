"""Follow-ups to questions across reports: the scope (各地, 历年政府工作报告) and the asked tense carry
over to "那城镇新增就业呢" / "and fines?"; a comparison's words alone are no topic of their own.

Fast: ``resolve`` only reads the reports' names, so the seeds' hash-embedder index serves."""

from __future__ import annotations

import pytest

from qa.ask.dialog import has_topic, resolve


@pytest.fixture(scope="module")
def docs(fast_rqa):
    return fast_rqa.documents()


@pytest.mark.parametrize(
    "history, question, resolved",
    [
        ("各地查处环境违法案件数", "罚款金额呢", "各地 罚款金额"),
        (
            "历年政府工作报告提出的国内生产总值增长预期目标",
            "那城镇新增就业呢",
            "历年政府工作报告 城镇新增就业预期",
        ),
        ("cases investigated by each bureau", "and fines?", "fines in each bureau"),
        (
            "GDP growth target in each year's government work report",
            "what about new urban jobs?",
            "new urban jobs target in each year s government work report",
        ),
    ],
)
def test_an_indicator_follow_up_keeps_the_scope(docs, history, question, resolved):
    assert resolve(question, [history], docs) == resolved


def test_a_follow_up_naming_a_place_is_about_that_place(docs):
    assert resolve("那湟中区呢", ["各地查处环境违法案件数"], docs).startswith("湟中区")
    assert resolve("罚款多少", ["湟中区2024年查处了多少起环境违法行为"], docs) == "湟中区 2024年 罚款多少"


def test_comparison_words_are_no_topic(docs):
    assert not has_topic("2023年和2024年哪年更高", docs)
    assert not has_topic("哪个局最多？", docs) and has_topic("哪个局罚款最多？", docs)
    question = resolve("2023年和2024年哪年更高", ["2024年政府工作报告的国内生产总值增长目标是多少"], docs)
    assert "国内生产总值增长目标" in question and "哪年更高" in question
