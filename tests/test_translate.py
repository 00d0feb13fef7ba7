"""English questions → the reports' Chinese keywords through CC-CEDICT (qa.translate); no model needed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from qa.ask import translate as tr
from qa.ask.terms import expand
from qa.index.keyword import KeywordIndex
from qa.ingest.chunk import chunk_source, embed_text
from qa.ingest.clean import read_source
from qa.ingest.meta import describe as extract

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
# Verbatim sentences from the State Council's 政府工作报告 (2011, 2022, 2007, 2004).
NATIONAL = [
    (
        "非化石能源占一次能源消费比重提高到11.4%，单位国内生产总值能耗和二氧化碳排放分别降低16%和17%，"
        "主要污染物排放总量减少8%至10%，森林蓄积量增加6亿立方米，森林覆盖率达到21.66%。"
    ),
    "今年赤字率拟按2.8%左右安排、比去年有所下调，有利于增强财政可持续性。",
    "全国财政收入3.93万亿元，比上年增加7694亿元；规模以上工业企业实现利润增长31%，增加4442亿元。",
    "年底国家外汇储备达4033亿美元，比年初增加1168亿美元。",
]


def terms(question: str, glossary: dict | None = None) -> dict[str, float]:
    return dict(tr.translate(question, glossary))


@pytest.fixture(scope="module")
def index() -> tuple[KeywordIndex, list[str]]:
    """BM25 over the seeds' real chunks plus the national sentences above (they come first)."""
    texts = list(NATIONAL)
    for path in sorted(SEEDS.glob("*.txt")):
        src = read_source(path)
        texts += [embed_text(c) for c in chunk_source(src, extract(src), max_chars=400, min_chars=40)]
    return KeywordIndex.build(texts), texts


def test_topics_the_glossary_never_knew():
    assert {"森林", "覆盖率"} <= set(terms("What was the forest coverage rate?"))
    assert "赤字" in terms("What deficit ratio was planned?")
    assert "赤字率" in terms("What deficit-to-GDP ratio was planned?")  # one word, the base implied
    assert "gdp" not in terms("What deficit-to-GDP ratio was planned?")
    assert "比率" not in terms("What deficit-to-GDP ratio was planned?")  # the ratio is 赤字率's 率
    assert "细颗粒物" in terms("How far did PM2.5 fall?")
    assert "外汇储备" in terms("How large were the foreign exchange reserves?")


def test_the_reports_words_for_real_growth_urban_residents_and_pioneers():
    got = terms("By how much did urban residents' per capita disposable income grow in real terms?")
    assert {"城镇居民", "实际"} <= set(got) and "真正" not in got  # (not 真正 and 条件: 实际增长9%)
    assert "排头兵" in terms("Which areas should act as pioneers of reform and opening up?")


def test_acronyms_pass_through_and_through_the_dictionary():
    got = terms("What GDP growth target was set?")
    assert "gdp" in got  # the reports write GDP, PM2.5, 5G in Latin letters too
    assert "国内生产总值" in got or "生产总值" in got  # CC-CEDICT: gross domestic product (GDP)


def test_consumer_prices_are_the_reports_word_not_the_dictionary_s():
    """CC-CEDICT has 消费者物价指数 for CPI; the reports write 居民消费价格(涨幅): the glossary says so."""
    assert "居民消费价格" in terms("What was the CPI growth target?")
    assert "居民消费价格" in terms("How much did consumer prices rise?")
    assert "攻坚战" in terms("Which three critical battles were to be fought?")  # the official rendering


@pytest.mark.parametrize(
    "question, word, not_word",
    [
        ("How much did the rural poor population fall by?", "贫困", "穷人"),
        ("How much did the rural poor population fall by?", "减少", "落下"),
        ("How many people were to be granted household registration?", "落户", "人家"),
        ("How many affordable housing units were to be started?", "保障性住房", "支付得起"),
        ("By how much were taxes to be cut?", "减轻", "切割"),
        ("How much foreign capital was actually used?", "外资", "实在"),
        ("What was the decline in PM2.5 concentration?", "浓度", "集中"),
        ("What was the PM2.5 drop?", "降幅", "落下"),
        ("How many articles did the WeChat account publish?", "发布", "出版"),
        ("By how much did enrolment increase?", "招生", "登记"),
        ("Which probe landed on the Moon?", "登月", "登陆"),
        ("Which branch of the bureau was named a model?", "分局", "分行"),
        ("How much would spending on education rise to?", "增加", "兴起"),
        # schools, not legal publicity; a set of rules, not the rule of law
        ("How much would spending on education rise to?", "教育", "普法"),
        ("Which rules did the bureau follow?", "规则", "法治"),
        # the indicators every work report states, in the statistics bureau's English
        ("How much did fixed-asset investment grow?", "固定资产投资", "本钱"),
        ("How much did retail sales grow?", "社会消费品零售总额", "门市"),
        ("What was general public budget revenue?", "一般公共预算收入", "将军"),
        ("What was per capita disposable income?", "人均", "人头"),
        ("How many special bonds were issued?", "专项债券", "特别"),  # 特别国债 are other bonds
        ("How many people were lifted out of poverty?", "脱贫", "提升"),
        ("Which tax was abolished?", "取消", "铲除"),
        ("How much did the central government plan to invest?", "中央财政", "付出"),
        ("What clean heating rate did the report aim for in northern China?", "取暖", "热力"),
        ("What fund was set up besides the Asian bank?", "设立", "亚运会"),
        (
            "How much was the subsidy for farmers joining the cooperative medical scheme?",
            "合作医疗",
            "合作社",
        ),
        ("Which order, No. 306 or No. 168, applies?", "第306号", "306"),
        ("What is the name of the consumption campaign?", "消费", "结核"),
        ("How much new energy-saving capacity was added?", "能力", "潜力"),
        ("What target was set for the surveyed unemployment rate?", "调查", "探测"),
        ("How many taxpayers benefited?", "受益", "利益"),
        ("How long was the high-speed rail network?", "高速铁路", "悠久"),  # "how long" names no topic
        ("equal to how many points five years earlier?", "5年前", "打早"),
        ("How much did energy consumption per unit of GDP fall?", "能源消耗", "能量"),
        # the glossary's phrases may end in a stop word, which the dictionary's may not
        ("How many target tasks did the bureau break down?", "分解", "打破"),
        ("Who serves as head of the leading group?", "担任", "服务"),
        ("What growth target for broad money (M2) was set?", "广义货币", "广泛"),
        ("Which pollution battles does the bureau plan to fight?", "保卫战", "会战"),
        ("How large were the reserves at the end of 2000?", "年底", "终端"),
        ("What was the total fiscal deficit?", "财政", "财年"),
        ("How many new energy vehicles were produced?", "新能源汽车", "能源"),
        ("How much central government budget money went to investment?", "中央预算内", "预算"),
        # … and may start with one: give up → 让利, not 放弃; take off the road → 淘汰, not 道路
        ("How much profit did the financial system give up?", "让利", "放弃"),
        ("How many old vehicles would be taken off the road?", "淘汰", "道路"),
        ("How many laid-off workers found new jobs?", "再就业", "新生"),
        ("Which lists will provincial governments publish?", "清单", "列举"),
        ("How many laid-off workers were there?", "下岗", "闲散"),
        ("Which provincial governments publish their powers?", "省级", "省会"),
        ("What share of the population had been fully vaccinated?", "接种", "种痘"),
        ("By how much did carbon dioxide per unit of GDP fall?", "二氧化碳", "二氧化物"),
        ("Which commemorative days were used for publicity?", "纪念日", "纪念"),
        ("What kind of team was set up for emergencies?", "队伍", "队员"),
        ("How many enterprises had a major environmental risk level?", "重大", "大事"),
        ("How many cases are still being handled?", "正在办理", "处理"),
        ("How many complaints were still being processed?", "正在办理", "加工"),
        ("What had the current account surplus fallen to?", "经常项目", "往来帐户"),
        ("How many individual businesses were registered?", "个体工商户", "个人"),
        ("How many cases did the Huangzhong bureau handle?", "局", "办公室"),
        ("How many enterprises were rated general risk?", "一般", "将军"),
        ("What was the court appearance rate of the agency heads?", "出庭", "样子"),
        ("What gross enrollment rate was set for higher education?", "毛入学率", "招生"),
        ("Which city-wide contest did the bureau win second prize in?", "二等奖", "大奖"),
        ("Which contest did the bureau win?", "比武", "争夺"),
        ("Which economic belts should be nurtured?", "经济带", "地带"),
        ("How many complaints did the bureau close out?", "办结", "截止"),
        ("How much was the funding for rural junior middle school students?", "初中", "初级"),
        ("What average years of schooling does the report aim for?", "平均受教育年限", "常年"),
        ("Which meeting would China host this year?", "举办", "主人"),
        ("What was the number of tip-offs received?", "举报", "密告"),
        ("How many did it handle as lead office?", "主办", "办公室"),
        ("Who is in charge of the group?", "组长", "罪名"),
        ("How many firms were called in for talks?", "约谈", "号召"),
        ("What was outbound direct investment?", "对外", "出境"),
        ("How many cases ended without a fine?", "免予处罚", "罚款"),
        ("What was the completion rate for the complaints it took in?", "办结率", "采取"),
        ("How many punishment rulings were issued?", "处罚", "惩罚"),
        ("How many penalty rulings were issued?", "决定", "裁决"),
        # a possessive is its noun: the previous year's is 上年/去年, not a sense of "year's" (流年不利)
        ("By how much did the funding exceed the previous year's?", "去年", "流年不利"),
        ("How much went to low-rent housing?", "廉租住房", "低"),
        ("By what percentage did exports grow?", "出口", "比例"),  # a change asked, not a proportion
        ("What share of complaints were resolved?", "办结", "决定"),
        ("How many companies did the bureau help?", "帮扶", "帮忙"),
        ("Which new area was to be built to high standards?", "新区", "面积"),
        ("What was the total length of expressways?", "总里程", "长度"),
        ("How many companies signed up for the environmental code?", "环保码", "条例"),
        ("How many complaints from the public did it receive?", "群众", "公开"),
        ("How many businesses have applied for its eco-code?", "环保码", "条例"),
        ("How many penalty hearings were held?", "听证", "听力"),
        # a budget's money is 安排ed (中央财政安排社会保障资金), not 分配ed; a time is 缩短ed
        ("How much did the central government allocate for social security?", "安排", "分配"),
        ("What was the cut in licensing approval time?", "缩短", "切割"),
        ("How many reports did the bureau formally take up?", "受理", "拍摄"),
        ("How many was it the lead handler for, not a co-handler?", "主办", "处理"),
        ("How many motions from people's congress deputies did it get?", "人大代表", "人民法院"),
        # the reports' policy words: 退耕还林, 自然保护地, 新增政府债务, 加计扣除
        ("How much land was converted from farmland to forest?", "退耕还林", "耕地"),
        ("How many protected areas had been set up?", "自然保护地", "保护区"),
        ("By how much does new government debt exceed last year's?", "新增政府债务", "国债"),
        ("What was the additional deduction ratio of R&D expenses raised to?", "加计扣除", "附加"),
    ],
)
def test_report_words_where_the_dictionary_misleads(question, word, not_word):
    found = terms(question)
    assert word in found and not_word not in found


def test_phrase_wins_over_its_words():
    got = terms("poverty reduction")
    assert next(iter(got)) == "减贫"
    assert got["减贫"] > 1.0  # a two-word phrase weighs more than one word's best headword
    assert "贫穷" not in got  # the phrase consumed "poverty": its single-word senses do not flood in


def test_a_pair_joined_by_and_keeps_its_words_too():
    # import and export is 进出口, and the text may name them apart (进口、出口通关时间分别压减…)
    got = terms("import and export")
    assert {"进出口", "进口", "出口"} <= set(got) and got["进出口"] > got["进口"]


def test_inflections_and_spelling():
    assert "job" in tr.variants("jobs") and "bond" in tr.variants("bonds")
    assert "increase" in tr.variants("increased") and "plan" in tr.variants("planned")
    assert "kilometer" in tr.variants("kilometres")
    assert set(terms("bonds")) == set(terms("bond"))
    assert "公里" in terms("kilometres")


def test_stop_words_numbers_and_empty():
    assert tr.translate("What is the one that was in it?") == []
    assert tr.translate("2024 2023") == []
    assert tr.translate("") == []


def test_candidates_per_word_are_capped_and_weighted():
    got = tr.translate("report")
    assert 1 <= len(got) <= tr.PER_WORD
    weights = [w for _, w in got]
    assert weights == sorted(weights, reverse=True) and weights[0] == pytest.approx(1.0)
    assert all(w >= tr.KEEP_RATIO for w in weights)


def test_glossary_overrides_the_dictionary_for_its_words_only():
    rest = set(terms("pollution", glossary={}))
    assert "污染" in rest
    over = terms("fines for pollution", glossary={"fines": "罚款 处罚金额"})
    assert set(over) - rest == {"罚款", "处罚金额"}  # the glossary's terms replace the dictionary's
    assert rest <= set(over)  # words the glossary does not name still come from the dictionary
    assert "罚款" in terms("fines")  # the default glossary is qa.terms.ENGLISH


def test_keyword_query_repeats_terms_by_weight():
    q = tr.keyword_query("forest coverage", glossary={})
    tokens = q.split()
    assert tokens.count("森林") >= 2  # BM25 counts a repeated query token again
    assert set(tokens) == {t for t, _ in tr.translate("forest coverage", glossary={})}


@pytest.mark.parametrize(
    "question, row",
    [
        ("What forest coverage rate was reached?", 0),
        ("What deficit ratio was planned for the year?", 1),
        ("How much government revenue was there nationwide?", 2),
        ("How large were the foreign exchange reserves?", 3),
    ],
)
def test_keyword_side_finds_the_passage(index, question, row):
    kw, _ = index
    assert row not in [r for r, _ in kw.search(expand(question), 3)]  # the glossary alone misses it
    hits = [r for r, _ in kw.search(tr.keyword_query(question), 3)]
    assert row in hits


def test_seed_questions_still_reach_their_reports(index):
    kw, texts = index
    hits = [r for r, _ in kw.search(tr.keyword_query("How many emergency drills were organized?"), 5)]
    assert any("演练" in texts[r] for r in hits)


def test_cache_is_json_written_once_and_survives_damage(tmp_path, monkeypatch):
    monkeypatch.setenv("QA_CACHE", str(tmp_path))
    tr.reverse_index.cache_clear()
    try:
        built = tr.reverse_index()
        files = list(tmp_path.rglob("*.json"))
        assert len(files) == 1 and not list(tmp_path.rglob("*.tmp"))
        data = json.loads(files[0].read_text(encoding="utf-8"))
        assert set(data) == {"exact", "prefix"}
        tr.reverse_index.cache_clear()
        assert tr.reverse_index().lookup("deficit") == built.lookup("deficit")
        files[0].write_text("{not json", encoding="utf-8")
        tr.reverse_index.cache_clear()
        assert tr.reverse_index().lookup("deficit") == built.lookup("deficit")
    finally:
        tr.reverse_index.cache_clear()


@pytest.mark.parametrize(
    "question, name",
    [
        ("What was done in the 13th Five-Year Plan period?", "十三五"),
        ("the 10th five-year plan", "十五"),
        ("During the 9th Five Year Plan", "九五"),
        ("the 14th Five-Year Plan", "十四五"),
    ],
)
def test_an_ordinal_five_year_plan_is_its_chinese_short_name(question, name):
    found = terms(question)
    assert name in found and not any(t.endswith("th") for t in found)  # "13th" is no code


def test_senses_of_one_word_stay_together():
    """translate_words keeps one list per English word (its senses are alternatives), translate sums them."""
    words = tr.translate_words("How much new energy-saving capacity was added ten years ago?")
    assert [("能力", 1.0), ("产能", 0.8)] in words
    assert [("10年前", 2.0), ("十年前", 2.0)] in words
    flat = dict(tr.translate("How much new energy-saving capacity was added ten years ago?"))
    assert flat == {t: sum(w for g in words for u, w in g if u == t) for g in words for t, _ in g}


def test_spoken_chinese_words_bring_the_reports_terms():
    # 免罚 (seeds/001: 免予处罚案件数量为9件), 打官司 (seeds/003: 应诉行政诉讼案件)
    assert "免予处罚" in expand("许昌局23年免罚了几件案子？")
    assert "应诉" in expand("丰泽局23年打了几场行政官司？")
    assert "发布" in expand("江津区局2020年度法治报告是哪天发到网上的？")
    assert "免予处罚" in expand("许昌生态环境局23年有多少案子最后没罚？")
