"""Questions across reports: which report's figure is higher, scoped to the reports the question names.

Fast: small collections of real report text (excerpts of the State Council's 政府工作报告 quoted
below, the Huangzhong seed as a bureau report of the same year), indexed with the hash embedder."""

from __future__ import annotations

import pytest

from qa import ReportQA
from qa.ask.compare import LEAST, MOST, is_cross
from qa.types import QueryInfo
from tests.conftest import HUANGZHONG, SEEDS

# 政府工作报告 2021, 2022 (赤字率), 2024, 2025 (GDP and 城镇新增就业 of the year reviewed, and targets).
NATIONAL = {
    2021: "2021年国务院政府工作报告\n三、2021年重点工作\n考虑到疫情得到有效控制和经济逐步恢复，今年赤字率拟按"
    "3.2%左右安排、比去年有所下调，不再发行抗疫特别国债。\n",
    2022: "2022年国务院政府工作报告\n三、2022年政府工作任务\n今年赤字率拟按2.8%左右安排、比去年有所下调，有利于"
    "增强财政可持续性。\n",
    2024: "2024年国务院政府工作报告\n一、2023年工作回顾\n国内生产总值超过126万亿元，增长5.2%，增速居世界主要"
    "经济体前列。城镇新增就业1244万人，城镇调查失业率平均为5.2%。\n"
    "二、2024年经济社会发展总体要求和政策取向\n今年发展主要预期目标是：国内生产总值增长5%左右；城镇新增就业"
    "1200万人以上，城镇调查失业率5.5%左右；\n",
    2025: "2025年国务院政府工作报告\n一、2024年工作回顾\n主要表现在，经济规模稳步扩大，国内生产总值达到134.9万亿元、"
    "增长5%，增速居世界主要经济体前列，对全球经济增长的贡献率保持在30%左右。就业、物价总体平稳，城镇新增就业"
    "1256万人、城镇调查失业率平均为5.1%，居民消费价格上涨0.2%。\n二、2025年经济社会发展总体要求和政策取向\n"
    "今年发展主要预期目标是：国内生产总值增长5%左右；\n",
}


@pytest.fixture(scope="module")
def rqa(tmp_path_factory, fake_embedder, fake_config):
    folder = tmp_path_factory.mktemp("compare") / "reports"  # the index beside it, in this test's own dir
    folder.mkdir()
    for year, text in NATIONAL.items():
        (folder / f"{year}年国务院政府工作报告.txt").write_text(text, encoding="utf-8")
    (folder / HUANGZHONG).write_text((SEEDS / HUANGZHONG).read_text(encoding="utf-8"), encoding="utf-8")
    return ReportQA.build(folder, folder.parent / "index", fake_config, embedder=fake_embedder)


def test_higher_of_two_years_targets(rqa):
    a = rqa.ask("2021年和2022年政府工作报告拟安排的赤字率，哪一年更高？是多少？")
    assert a.kind == "cross" and a.answer == "2021年（3.2%左右）"
    assert {(r["year"], r["figure"]) for r in a.table} == {(2021, "3.2%左右"), (2022, "2.8%左右")}


def test_named_reports_scope_the_comparison(rqa):
    """The 2024 report reviews 2023, and Huangzhong's 2024 bureau report is of 2024: neither the
    bureau report nor the 2023 review of other reports belongs in "the 2024 and 2025 reports"."""
    a = rqa.ask("2024年和2025年政府工作报告中城镇新增就业哪一年更多？")
    assert {r["doc"] for r in a.table} == {f"{y}年国务院政府工作报告.txt" for y in (2024, 2025)}
    english = rqa.ask(
        "According to the 2024 and 2025 government work reports, which had more new urban jobs?"
    )
    assert {r["doc"] for r in english.table} == {r["doc"] for r in a.table}


def test_targets_compared_not_the_years_reviewed(rqa):
    a = rqa.ask("2024年和2025年政府工作报告的国内生产总值增长目标哪年更高？")
    assert {(r["year"], r["figure"]) for r in a.table} == {(2024, "5%左右"), (2025, "5%左右")}
    assert a.answer == "2024年（5%左右）、2025年（5%左右）"  # equal: both are the highest


@pytest.mark.parametrize(
    "question, most, least",
    [
        ("哪一年更高？是多少？", True, False),
        ("哪年给物价上涨留的空间更大？目标是多少？", True, False),
        ("哪个局罚款最少？", False, True),
        ("Which year planned the larger quota?", True, False),
        ("which bureau had fewer cases", False, True),
        ("各局罚款是多少？", False, False),
        # a difference one report states, not a comparison of reports
        ("According to the 2007 report, how many more rural residents had safe water in 2006?", False, False),
    ],
)
def test_what_the_comparison_asks(question, most, least):
    assert bool(MOST.search(question)) == most and bool(LEAST.search(question)) == least


@pytest.mark.parametrize(
    "question, cross",
    [
        ("许昌和江津哪个区罚款多？", True),
        ("个人所得税起征点在哪个区间？", False),  # 区间 is a range, not a district
        ("Which city's Olympic bid did the 2001 report pledge to support?", False),  # a city's name
        ("Which city's GDP grew fastest?", True),
    ],
)
def test_which_district_is_a_comparison_which_range_is_not(question, cross):
    assert is_cross(question, QueryInfo()) is cross
