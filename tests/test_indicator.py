"""One figure across every report: cited rows, "not stated" rows, comparable groups, chart, CSV.

Fast: the seeds indexed with the hash embedder (``fast_rqa``), and small collections made of real
report text (the Huangzhong seed, excerpts of the State Council's reports quoted below)."""

from __future__ import annotations

import csv
import io
import json

import pytest

from qa import ReportQA
from qa.ask.indicator import UNIT_CLASSES, is_indicator, measure, report_kind, rows_from_csv, tense
from tests.conftest import HUANGZHONG, SEEDS

QUESTION = "各地查处环境违法案件数"

# Excerpts of 政府工作报告 (2013, 2016, 2024): the target sentence and, as a distractor, the review
# of the year before, which states the growth achieved in the same words.
NATIONAL = {
    2013: "2013年国务院政府工作报告\n一、过去五年工作回顾\n国内生产总值从26.6万亿元增加到51.9万亿元，"
    "年均增长9.3%。\n二、对今年政府工作的建议\n今年经济社会发展的主要预期目标是：国内生产总值增长7.5%"
    "左右，发展的协调性进一步增强；居民消费价格涨幅3.5%左右；城镇新增就业900万人以上。\n",
    2016: "2016年中华人民共和国国务院政府工作报告\n一、2015年工作回顾\n——经济运行保持在合理区间。国内生产"
    "总值达到67.7万亿元，增长6.9%，在世界主要经济体中位居前列。\n三、2016年重点工作\n今年发展的主要预期"
    "目标是：国内生产总值增长6.5%－7%，居民消费价格涨幅3%左右，城镇新增就业1000万人以上，城镇登记失业率"
    "4.5%以内。\n",
    # 2002 states the year before's growth and no target for the year: "not stated" is the true row
    2002: "2002年中华人民共和国国务院政府工作报告\n在世界经济增长明显减速的情况下，我们坚持扩大内需的方针，"
    "坚定地实施积极的财政政策和稳健的货币政策，实现了经济较快增长。２００１年国内生产总值达到９５９３３亿元，"
    "比上年增长７．３％。\n",
    # 2004 states the target as 经济增长预期目标 (no 国内生产总值), the result as 国内生产总值比上年增长
    2004: "2004年中华人民共和国国务院政府工作报告\n一、一年来工作回顾\n———经济快速发展。国内生产总值比上年"
    "增长9.1%，达到11.67万亿元；按现行汇率计算，人均国内生产总值突破1000美元，跨上一个重要台阶。\n"
    "二、2004年主要任务\n今年经济工作的基本着眼点，是把各方面加快发展的积极性保护好、引导好、发挥好，实现"
    "经济平稳较快发展，防止经济出现大起大落。中央提出今年经济增长预期目标为7%左右，既考虑了保持宏观调控"
    "目标的连续性，也考虑了经济增长速度与能源、重要原材料、交通运输等实际条件的衔接，减轻对资源和环境的压力。\n",
    2024: "2024年国务院政府工作报告\n一、2023年工作回顾\n国内生产总值超过126万亿元，增长5.2%，增速居世界主要"
    "经济体前列。\n二、2024年经济社会发展总体要求和政策取向\n今年发展主要预期目标是：国内生产总值增长5%左右；"
    "城镇新增就业1200万人以上；城镇调查失业率5.5%左右；居民消费价格涨幅3%左右。\n",
}


@pytest.fixture(scope="module")
def cases(fast_rqa):
    return fast_rqa.indicator(QUESTION)


def _row(ind, region):
    return next(r for r in ind.rows if r.region == region)


def _checkable(rqa, row):
    text = rqa.source_text(row.doc)
    return (
        text[row.start : row.end] == row.figure
        and text[row.sentence_start : row.sentence_end] == row.sentence
        and row.sentence_start <= row.start < row.end <= row.sentence_end
    )


def test_one_row_per_report_with_checkable_citations(fast_rqa, cases):
    assert sorted(r.doc for r in cases.rows) == sorted(p.name for p in SEEDS.glob("*.txt"))
    hz = _row(cases, "湟中区")
    assert hz.doc == HUANGZHONG and hz.year == 2024 and hz.level
    assert (hz.figure, hz.value, hz.unit, hz.base, hz.kind) == ("25起", 25.0, "起", "起", "count")
    assert "违法行为" in hz.noun and "共查处环境违法行为25起" in hz.sentence
    ts = _row(cases, "泰顺县")
    assert (ts.figure, ts.value) == ("6件", 6.0) and "立案查处环境违法行为6件" in ts.sentence
    for r in cases.stated:
        assert _checkable(fast_rqa, r), r
        assert r.figure in r.sentence and r.kind == "count"
    for r in cases.rows:
        if not r.stated:  # "not stated" rows carry the report but nothing made up
            assert r.value is None and r.sentence is None and r.start is None and r.title


def test_groups_never_mix_units_or_counted_things(cases):
    hz, ts = _row(cases, "湟中区"), _row(cases, "泰顺县")
    group = next(g for g in cases.groups if hz in g.rows)
    assert ts in group.rows  # 6件 and 25起 环境违法行为: one series
    for g in cases.groups:
        assert len({r.kind for r in g.rows}) == 1
        assert len({next((c for c in UNIT_CLASSES if r.base in c), r.base) for r in g.rows}) == 1
    complaints = [r for r in cases.stated if "投诉" in r.sentence and "违法行为" not in (r.noun or "")]
    assert not any(r in group.rows for r in complaints)  # 160件群众投诉件 is not 25起违法行为
    if len(cases.groups) > 1:
        assert "不宜直接比较" in cases.note


def test_csv_round_trips(cases):
    text = cases.to_csv()
    assert rows_from_csv(text) == cases.rows
    read = list(csv.DictReader(io.StringIO(text)))
    assert len(read) == 5 and {r["figure"] for r in read} >= {"25起", "6件"}
    assert all(r["value"] == "" for r in read if r["figure"] == "")


def test_bars_across_places_each_point_cited(cases):
    chart = cases.chart()
    assert chart["type"] == "bar" and chart["x"] == "region"
    points = [p for s in chart["series"] for p in s["points"]]
    assert len(points) == len(cases.stated)
    hz = next(p for p in points if p["x"] == "湟中区")
    assert hz["y"] == 25.0 and hz["doc"] == HUANGZHONG and "字符" in hz["citation"]
    json.dumps(cases.to_dict(), ensure_ascii=False)  # JSON-ready for the page and the CLI


def test_money_is_normalised(fast_rqa):
    ind = fast_rqa.indicator("各地罚款金额")
    hz = _row(ind, "湟中区")
    assert (hz.figure, hz.value, hz.base, hz.kind) == ("65.2256万元", 652256.0, "元", "money")
    assert all(r.kind == "money" for r in ind.stated)


def test_honest_when_one_report_states_it(fast_rqa):
    ind = fast_rqa.indicator(QUESTION, filters={"region": "湟中区"})
    assert [r.figure for r in ind.rows] == ["25起"] and "无从比较" in ind.note
    nothing = fast_rqa.indicator("各地核电站机组装机容量")
    assert not nothing.stated and len(nothing.rows) == 5 and "都没有找到" in nothing.note
    assert nothing.chart()["series"] == []


@pytest.fixture(scope="module")
def huangzhong_years(tmp_path_factory, fake_embedder, fake_config):
    """The Huangzhong report and a 2023 version of it (other year, other count): one place, two years."""
    folder = tmp_path_factory.mktemp("hz")
    text = (SEEDS / HUANGZHONG).read_text(encoding="utf-8")
    (folder / "2024.txt").write_text(text, encoding="utf-8")
    (folder / "2023.txt").write_text(
        text.replace("2024", "2023").replace("环境违法行为25起", "环境违法行为18起"), encoding="utf-8"
    )
    return ReportQA.build(
        folder, tmp_path_factory.mktemp(folder.name + "-index"), fake_config, embedder=fake_embedder
    )


def test_line_across_years_for_one_place(huangzhong_years):
    ind = huangzhong_years.indicator("湟中区历年查处环境违法行为数")
    chart = ind.chart()
    assert chart["type"] == "line" and chart["x"] == "year" and len(chart["series"]) == 1
    assert [(p["x"], p["y"]) for p in chart["series"][0]["points"]] == [(2023, 18.0), (2024, 25.0)]
    assert ind.note is None


@pytest.fixture(scope="module")
def national(tmp_path_factory, fake_embedder, fake_config):
    """The State Council excerpts above and a bureau report (Huangzhong 2024) in one collection."""
    folder = tmp_path_factory.mktemp("national")
    for year, text in NATIONAL.items():
        (folder / f"{year}年国务院政府工作报告.txt").write_text(text, encoding="utf-8")
    (folder / HUANGZHONG).write_text((SEEDS / HUANGZHONG).read_text(encoding="utf-8"), encoding="utf-8")
    return ReportQA.build(
        folder, tmp_path_factory.mktemp(folder.name + "-index"), fake_config, embedder=fake_embedder
    )


def test_national_growth_targets(national):
    ind = national.indicator("历年政府工作报告提出的国内生产总值增长预期目标")
    got = {r.year: (r.figure, r.value, r.low, r.high, r.qualifier) for r in ind.rows}
    assert got == {  # the bureau report is not a 政府工作报告: no row
        2002: (None, None, None, None, None),  # the year reviewed (比上年增长7.3%) is no target
        2004: ("7%左右", 7.0, None, None, "about"),  # the target, not 比上年增长9.1%
        2013: ("7.5%左右", 7.5, None, None, "about"),
        2016: ("6.5%－7%", 6.5, 6.5, 7.0, None),
        2024: ("5%左右", 5.0, None, None, "about"),
    }
    assert ind.chart()["type"] == "line" and all(_checkable(national, r) for r in ind.stated)
    # 经济增长预期目标为7%左右 and 国内生产总值增长5%左右: one series, however the sentence words it
    assert len(ind.chart()["series"]) == 1 and ind.note is not None and "不宜直接比较" not in ind.note


def test_english_indicator_question_reads_like_the_chinese(national):
    ind = national.indicator("GDP growth target in each year's government work report")
    assert {r.year for r in ind.rows} == set(NATIONAL)
    got = {r.year: r.figure for r in ind.stated}
    assert {got.get(y) for y in (2013, 2016, 2024)} == {"7.5%左右", "6.5%－7%", "5%左右"}
    assert "9.1%" not in got.values() and 2002 not in got


def test_results_asked_take_the_year_reviewed(national):
    ind = national.indicator("历年政府工作报告中国内生产总值比上年实际增长多少")
    got = {r.year: r.figure for r in ind.stated}
    assert got.get(2004) == "9.1%" and got.get(2002) == "７．３％"


def test_report_kind_scopes_only_when_some_titles_name_it(national):
    docs = national.documents()
    assert {d.year for d in report_kind("历年政府工作报告的目标", docs)} == set(NATIONAL)
    assert {d.region for d in report_kind("each government work report", docs, english=True)} == {"全国"}
    assert report_kind("各地年度报告的罚款", docs) == docs  # 年度报告 alone is too short to be a kind
    assert report_kind("各地查处环境违法案件数", docs) == docs


@pytest.mark.parametrize(
    "question",
    [
        "各地2024年查处了多少起环境违法案件",
        "历年政府工作报告的GDP增长目标",
        "每年罚款多少",
        "各省的经济增长目标",
        "how many cases did each county investigate",
        "GDP growth target every year",
    ],
)
def test_indicator_questions_are_recognised(question):
    assert is_indicator(question)


@pytest.mark.parametrize(
    "question",
    [
        "湟中区2024年查处了多少起环境违法行为",
        "江津区和丰泽区哪个罚款多",
        "法律顾问",
        "what was the fine in Huangzhong",
        "2004年报告提出农业税税率平均每年降低多少？",  # an average, in one report
        "By how much did it fall on average per year?",
        "2013年报告中，今年新农合和城镇居民医保财政补助标准提高到每人每年多少？",  # a rate per year
        "How fast did rural per capita net income grow each year on average in those five years?",
        # one named report's annual or all-covering figure
        "2004年报告说，除烟叶外取消农业特产税，每年可使农民减轻多少负担？",
        "According to the 2012 report, by what year would PM2.5 monitoring cover all cities at prefecture level?",
    ],
)
def test_other_questions_are_not(question):
    assert not is_indicator(question)


def test_tense_of_the_question():
    assert tense("国内生产总值增长预期目标") == "plan" and tense("GDP growth target") == "plan"
    assert tense("国内生产总值实际增长") == "done" and tense("查处环境违法案件数") is None


def test_measure_of_the_question():
    assert measure("国内生产总值增长预期目标") == "percent"
    assert measure("罚款金额") == "money"
    assert measure("查处环境违法案件数") == "count"
    assert measure("法律顾问") is None


def test_cli_prints_rows_and_writes_csv(fast_rqa, tmp_path, monkeypatch, capsys):
    from qa import cli

    monkeypatch.setattr(cli, "open_index", lambda args: fast_rqa)
    out = tmp_path / "rows.csv"
    assert cli.main(["indicator", QUESTION, "--csv", str(out)]) == 0
    printed = capsys.readouterr().out
    rows = fast_rqa.indicator(QUESTION).rows
    assert "25起" in printed and printed.count("not stated") == sum(not r.stated for r in rows)
    assert rows_from_csv(out.read_text(encoding="utf-8-sig")) == rows
    assert cli.main(["indicator", QUESTION, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data["rows"]) == 5 and data["chart"]["type"] == "bar"


def test_figure_whose_head_words_name_another_thing_loses(cases):
    """丰泽 2023 states 查处群众投诉件160件 (complaints) and 对违法企业累计立案处罚 9 起 (cases): the
    complaints share 查处 with the question but count another thing."""
    fz = _row(cases, "丰泽区")
    assert fz.figure == "9 起" and "立案处罚" in fz.sentence
    assert "160件" not in {r.figure for r in cases.stated}
    assert any(fz in g.rows and _row(cases, "湟中区") in g.rows for g in cases.groups)


# 政府工作报告 2011 (a five-year total before the year's target), 2023 (a ten-year level beside the
# year's target) and 2004 (a figure in the sentence of
# a question's word, 安排, that counts another thing: 补助资金 比去年增长11.3%).
PERIODS = {
    2011: "2011年国务院政府工作报告\n二、“十二五”时期的主要目标和任务\n坚持把增加就业作为经济社会发展的优先目标，"
    "为全体劳动者创造公平的就业机会，五年城镇新增就业4500万人。\n三、2011年的工作\n今年经济社会发展的主要预期"
    "目标是：城镇新增就业900万人以上，城镇登记失业率控制在4.6%以内；\n",
    2023: "2023年国务院政府工作报告\n一、过去一年和五年工作回顾\n保持物价总体平稳。加强市场监管，维护正常价格"
    "秩序。十年来我国居民消费价格涨幅稳定在2%左右的较低水平，成如容易却艰辛，既维护了市场经济秩序、为宏观政策"
    "实施提供了空间，又有利于更好保障基本民生。\n二、对今年政府工作的建议\n今年发展主要预期目标是：国内生产总值"
    "增长5%左右；城镇新增就业1200万人左右，城镇调查失业率5.5%左右；居民消费价格涨幅3%左右；居民收入增长与经济"
    "增长基本同步；\n",
    2004: "2004年中华人民共和国国务院政府工作报告\n二、2004年主要任务\n今年，中央财政安排用于“两个确保”和城市"
    "“低保”的补助资金779亿元，比去年增长11.3%。\n",
}


@pytest.fixture(scope="module")
def periods(tmp_path_factory, fake_embedder, fake_config):
    folder = tmp_path_factory.mktemp("periods")
    for year, text in PERIODS.items():
        (folder / f"{year}年国务院政府工作报告.txt").write_text(text, encoding="utf-8")
    return ReportQA.build(
        folder, tmp_path_factory.mktemp(folder.name + "-index"), fake_config, embedder=fake_embedder
    )


def test_a_years_figure_over_one_of_several_years(periods):
    ind = periods.indicator("历年政府工作报告提出的城镇新增就业目标")
    assert {r.year: r.figure for r in ind.stated}.get(2011) == "900万人以上"
    ind = periods.indicator("历年政府工作报告的居民消费价格涨幅目标")
    assert {r.year: r.figure for r in ind.stated}.get(2023) == "3%左右"


def test_a_figure_of_another_thing_is_not_stated(periods):
    ind = periods.indicator("历年政府工作报告拟安排的赤字率")
    assert not {r.year: r.figure for r in ind.stated}.get(2004)


def test_single_year_follow_up_answers_with_the_cited_figure(national):
    """历年… then 2016年的呢: one report in scope, so the chat reply is its figure, cited in place."""
    ans = national.ask("2016年的呢", history=["历年政府工作报告提出的国内生产总值增长预期目标"])
    assert ans.kind == "indicator" and ans.answer == "6.5%－7%"
    cited = ans.passages[0]
    assert cited.text[slice(*ans.span)] == ans.answer and cited.year == 2016
    assert national.source_text(cited.doc)[slice(*ans.source_span)] == ans.answer
    assert [r["figure"] for r in ans.table] == ["6.5%－7%"]
    many = national.ask("历年政府工作报告提出的国内生产总值增长预期目标")
    assert many.answer is None and len([r for r in many.table if r["figure"]]) > 1  # the table answers


@pytest.mark.parametrize(
    "question", ["各局查处环境违法行为数", "cases of environmental violations in each bureau"]
)
def test_each_bureau_scopes_to_bureau_reports(national, question):
    """The collection mixes State Council reports and a bureau's: 各局 asks about the bureau's only."""
    ind = national.indicator(question)
    assert [r.doc for r in ind.rows] == [HUANGZHONG]
    assert ind.rows[0].figure == "25起"


def test_bureau_reports_are_told_by_their_issuer():
    from qa.ingest.meta import is_bureau

    assert is_bureau("", None, "北京市市场监督管理局关于2023年法治政府建设情况的报告")
    assert is_bureau("", "国家统计局", "2023年工作总结")
    assert not is_bureau("", None, "2021年政府工作报告——开局之年")
    assert not is_bureau("", "国务院", "2024年国务院政府工作报告")
