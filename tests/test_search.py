"""Query understanding, fusion and the keyword index: pure functions plus the real seed index."""

from collections import Counter
from dataclasses import replace

import numpy as np
import pytest

from qa.ask.retrieve import RRFusion, WeightedFusion, keyword_query
from qa.ask.understand import asked_heading, focus_years, section_years, understand, without_report_names
from qa.index.keyword import KeywordIndex, tokenize
from qa.index.store import load_index
from qa.ingest.chunk import embed_text
from qa.text import find_years

from .conftest import HUANGZHONG


@pytest.mark.parametrize(
    "text, year",
    [
        ("湟中区2024年查处了多少起", 2024),
        ("２０２３年的举报", 2023),
        ("二〇二四年查处", 2024),
        ("in 2020, how many", 2020),
        ("今年查处", None),
        ("共12369件", None),
    ],
)
def test_find_year(text, year):
    assert find_years(text)[:1] == ([year] if year else [])


@pytest.mark.parametrize(
    "question, region",
    [
        ("湟中区2024年查处了多少起环境违法行为", "湟中区"),
        ("湟中查处了多少起", "湟中区"),
        ("How many cases did Huangzhong handle?", "湟中区"),
        ("What did the Taishun branch plan?", "泰顺县"),
        ("泰顺县PM2.5降幅", "泰顺县"),
        ("Xuchang emergency drills", "许昌市"),
        ("Jiangjin district legal adviser", "江津区"),
        ("丰泽的普法计划", "丰泽区"),
        ("FENGZE lawsuits", "丰泽区"),
    ],
)
def test_regions_from_the_reports_own_names(fast_rqa, question, region):
    assert understand(question, fast_rqa.documents()).regions == (region,)


@pytest.mark.parametrize(
    "question, places",
    [
        (
            "丰泽生态环境局在泉州市执法大练兵中获得了什么奖？",
            ("丰泽区",),
        ),  # the city only frames the district
        ("Which branch of the Xuchang bureau was named a model in Henan?", ("许昌市",)),
        ("泰顺和许昌的罚款金额", ("泰顺县", "许昌市")),  # a short name before a conjunction
        ("丰泽与湟中哪个多", ("丰泽区", "湟中区")),
    ],
)
def test_places_named(fast_rqa, question, places):
    assert set(understand(question, fast_rqa.documents()).places) == set(places)


@pytest.mark.parametrize(
    "question",
    ["How many survivors were rescued after the Wenchuan earthquake?", "汶川地震后从废墟中抢救出多少人？"],
)
def test_a_place_that_names_an_event_is_not_asked_about(fast_rqa, question):
    info = understand(question, fast_rqa.documents())
    assert info.unknown is None and not info.places


def test_no_region_searches_everything(fast_rqa):
    info = understand("how many legal advisers are there", fast_rqa.documents())
    assert info.regions == () and info.docs == () and info.english


def test_naming_fengze_returns_fengze_first(fast_rqa):
    # several reports mention legal advisers and lawsuits; the named region decides
    for q in [
        "丰泽法律顾问发挥了什么作用",
        "丰泽2023年行政应诉案件有几件",
        "How many lawsuits did Fengze respond to in 2023?",
    ]:
        assert fast_rqa.search(q, k=3)[0].doc == "003_4d3e9b55dd373cb7.txt", q
    # and without a name the same words reach other reports too
    docs = {p.doc for p in fast_rqa.search("法律顾问", k=5)}
    assert len(docs) > 1


def test_year_alone_scopes_to_that_year(fast_rqa):
    passages = fast_rqa.search("2020年行政许可审批时限缩短了多少", k=5)
    assert {p.year for p in passages} == {2020}


def test_passages_hold_a_few_per_section_with_score_parts(fast_rqa):
    passages = fast_rqa.search("湟中区行政处罚案件", k=8)
    keys = Counter((p.doc, p.section) for p in passages)
    assert max(keys.values()) <= fast_rqa.config.per_section
    assert all(p.dense is not None or p.keyword is not None for p in passages)
    assert passages[0].doc == HUANGZHONG


def test_keyword_query_uses_the_reports_words():
    from qa.types import QueryInfo

    en = keyword_query("How many fines and cases?", QueryInfo(english=True))
    assert "罚款" in en and "案件" in en and "fines" not in en
    zh = keyword_query("罚了多少钱的案子", QueryInfo())
    assert "案件" in zh and "处罚" in zh


def test_tokenize_is_chinese_aware():
    tokens = tokenize("湟中区2024年查处了多少起环境违法行为")
    assert "违法行为" in tokens and "查处" in tokens and "多少" not in tokens and "的" not in tokens


def test_fusion_on_hand_built_lists():
    # rrf: a row ranked well by both sides beats one ranked first by a single side
    rrf = RRFusion(60).fuse
    fused = rrf([([(1, 0), (2, 0), (3, 0)], 1.0), ([(2, 0), (3, 0), (1, 0)], 1.0)])
    assert max(fused, key=fused.get) == 2
    assert rrf([([(1, 0)], 1.0), ([(2, 0)], 0.0)])[2] == 0.0
    # weighted: each side scaled by its best score, then summed with weights
    weighted_sum = WeightedFusion().fuse
    fused = weighted_sum([([(1, 0.9), (2, 0.6)], 1.0), ([(2, 8.0), (3, 4.0)], 1.0)])
    assert fused == pytest.approx({1: 1.0, 2: 0.6 / 0.9 + 1.0, 3: 0.5})
    assert weighted_sum([([], 1.0)]) == {}


def test_keyword_index_persists_and_reloads(fake_index_dir, tmp_path):
    stored = load_index(fake_index_dir)
    texts = [embed_text(c) for c in stored.chunks]
    fresh = KeywordIndex.build(texts)
    fresh.save(tmp_path / "kw")
    again = KeywordIndex.load(tmp_path / "kw", len(texts))
    q = "湟中区查处环境违法行为"
    assert again.search(q, 5) == fresh.search(q, 5) == stored.keyword.search(q, 5)
    rows = [i for i, c in enumerate(stored.chunks) if c.doc == HUANGZHONG]
    assert {r for r, _ in stored.keyword.search_rows(q, np.array(rows), 10)} <= set(rows)
    # over every row, idf counted over the rows is the collection's: the same BM25 scores
    whole = stored.keyword.search_rows(q, np.arange(len(texts)), 5)
    assert [r for r, _ in whole] == [r for r, _ in fresh.search(q, 5)]
    assert [s for _, s in whole] == pytest.approx([s for _, s in fresh.search(q, 5)], rel=1e-5)


# Excerpts of the 2015 State Council government work report: the review of 2014 and the plan for
# 2015 say the same things (国内生产总值增长, 城镇新增就业) about different years.
REVIEW_AND_PLAN = """2015年政府工作报告

一、2014年工作回顾

一年来，我国经济社会发展总体平稳，稳中有进。增速稳，国内生产总值达到63.6万亿元，比上年增长7.4%，\
在世界主要经济体中名列前茅。就业稳，城镇新增就业1322万人，高于上年。价格稳，居民消费价格上涨2%。

二、2015年工作总体部署

今年经济社会发展的主要预期目标是：国内生产总值增长7%左右，居民消费价格涨幅3%左右，城镇新增就业\
1000万人以上，城镇登记失业率4.5%以内，进出口增长6%左右，国际收支基本平衡。
"""


@pytest.mark.parametrize(
    "question, years",
    [
        ("2015年报告里说的去年城镇新增就业多少", {2014}),  # 去年 of the report named
        ("the 2015 report: how many new urban jobs last year?", {2014}),
        ("2015年报告定的经济增长目标是多少", {2015}),  # what the report sets out: its own year
        ("What growth target did the 2015 government work report set?", {2015}),
        ("2014年国内生产总值增长多少", {2014}),  # a year, not a report
        ("2015年报告里城镇新增就业多少", set()),  # a report named and nothing else
        ("2020年报告回顾过去五年做了什么", {2015, 2016, 2017, 2018, 2019}),
        ("城镇新增就业多少", set()),
    ],
)
def test_focus_years_tell_the_year_asked_from_the_report_named(question, years):
    assert focus_years(question) == years


@pytest.mark.parametrize(
    "path, year, years",
    [
        (("一、2014年工作回顾", "（一）稳增长"), 2015, {2014}),  # the deepest heading naming a year
        (("二、今年主要任务",), 2006, {2006}),
        (("一、过去一年工作回顾",), 2005, {2004}),
        (("一、过去一年和五年工作回顾",), 2023, {2022}),
        (("一、一年来工作回顾",), 2004, {2003}),  # 一年来, the year just past; not 十一年来
        (("五年来，外交工作开创新局面",), 2003, {1998, 1999, 2000, 2001, 2002}),
        (("三、存在的不足",), 2024, set()),
        ((), 2024, set()),
    ],
)
def test_section_years_from_headings(path, year, years):
    assert section_years(path, year) == years


def test_the_section_about_the_year_asked_ranks_first(tmp_path, fake_embedder, fake_config):
    from qa import ReportQA

    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "2015年政府工作报告.txt").write_text(REVIEW_AND_PLAN, encoding="utf-8")
    rqa = ReportQA.build(tmp_path / "docs", tmp_path / "index", fake_config, embedder=fake_embedder)
    review = rqa.search("2015年报告里说的去年城镇新增就业多少人", 2)
    plan = rqa.search("2015年报告定的城镇新增就业目标是多少人", 2)
    assert "1322万人" in review[0].text and "2014年工作回顾" in review[0].section
    assert "1000万人以上" in plan[0].text and "2015年工作总体部署" in plan[0].section


def test_english_keyword_query_leaves_out_the_report_named(fast_rqa):
    question = "What forest coverage did the 2011 government work report say had been reached?"
    assert "government work report" not in without_report_names(question)
    assert "forest coverage" in without_report_names(question)
    words = keyword_query(question, fast_rqa.understand(question)).split()
    assert "覆盖率" in words and "劳动" not in words  # work, translated, is noise


# Sentences of the 2021 State Council government work report: the first section names 就业, 新增
# and 城镇 in separate sentences, several times; the second states the new urban jobs in one.
WORDS_APART_AND_TOGETHER = """2021年政府工作报告

一、稳就业保民生

就业是最大的民生，保市场主体也是为稳就业保民生。多渠道做好重点群体就业工作，支持大众创业万众创新带动就业。\
新增市场主体恢复快速增长，创造了大量就业岗位。加大城镇老旧小区改造力度，因城施策促进房地产市场平稳健康发展。\
1亿农业转移人口和其他常住人口在城镇落户目标顺利实现，城镇棚户区住房改造超过2100万套。

二、2020年主要成就

城镇新增就业1186万人，年末全国城镇调查失业率降到5.2％。农业现代化稳步推进，粮食生产连年丰收。
"""


def test_the_chunk_stating_the_words_in_one_sentence_ranks_first(tmp_path, fake_embedder, fake_config):
    from qa import ReportQA

    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "report.txt").write_text(WORDS_APART_AND_TOGETHER, encoding="utf-8")
    rqa = ReportQA.build(tmp_path / "docs", tmp_path / "index", fake_config, embedder=fake_embedder)
    question = "城镇新增就业多少人"
    assert "1186万人" in rqa.search(question, 1)[0].text
    plain = ReportQA.open(tmp_path / "index", replace(fake_config, sentence_weight=0.0), fake_embedder)
    assert "1186万人" not in plain.search(question, 1)[0].text  # what the second stage changes


def test_a_national_report_named_is_not_a_local_one_of_its_year(fast_rqa):
    # 江津's 2020 bureau report is no 2020 government work report; the 2021 one only reviews 2020
    from dataclasses import replace

    from qa.types import DocInfo

    national = DocInfo(
        "2021.txt", "2021.txt", "", "2021年国务院政府工作报告", "国务院", "全国", ("全国", "国务院"), 2021, None, 9,
        level="national", code="100000", years=(2020, 2021),
    )  # fmt: skip
    docs = [*fast_rqa.documents(), national, replace(national, doc="2019.txt", year=2019, years=(2018, 2019))]
    info = understand("2020年国务院政府工作报告提出的城镇新增就业目标是多少？", docs)
    assert info.missing and "全国现有 2019、2021 年报告" in info.missing


def test_a_year_with_no_report_names_the_reports_own_years(fast_rqa):
    # 丰泽's 2023 report also speaks of 2024; it is still no 2024 report
    info = understand("丰泽生态环境局2022年共下达处罚决定多少件？", fast_rqa.documents())
    assert info.missing and "丰泽区现有 2023 年报告" in info.missing


@pytest.mark.parametrize(
    "question, asked",
    [
        ("湟中区生态环境局法治建设存在哪些问题", True),
        ("江津区生态环境局工作中存在的不足是什么", True),
        ("What weaknesses did the Huangzhong bureau admit in its 2024 report?", True),
        # the problems counted, or named as the occasion of what is asked: not the section of failings
        ("How many problems were handed over to Xuchang during the supervision visits?", False),
        ("针对收容遣送工作中存在的问题，国务院制定并组织实施了哪个办法？", False),
        ("湟中区2024年查处了多少起环境违法行为", False),
    ],
)
def test_a_shortcoming_asked_names_the_section_of_failings(question, asked):
    heading = asked_heading(question)
    assert (heading is not None and bool(heading.search("四、存在的问题"))) == asked


def test_the_failings_heading_names_failings_not_problems_to_solve():
    heading = asked_heading("2006年报告说政府工作中还存在哪些问题和不足？")
    assert heading.search("二、2020年推进法治政府建设存在的不足和原因")
    assert heading.search("四是政府自身建设存在一些问题")  # a national report's failings, one by one
    assert not heading.search("（一）着力解决经济运行中的突出问题")  # 2006 report: a task, nothing fell short


def test_the_failings_section_ranks_first_when_its_words_are_not_the_questions(fast_rqa):
    # 湟中 says 存在一些问题和不足 and 还需进一步完善, never 短板: the section is asked by what it is
    top = fast_rqa.search("湟中区生态环境局的法治建设有什么短板", k=3)
    assert any("存在的问题" in p.chunk.section[0] for p in top if p.chunk.section)
