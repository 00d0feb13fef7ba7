"""Figures found and parsed in real report sentences (quoted verbatim from seeds/ and the State Council
reports), plus the traps: years, dates, document numbers, section numbers, ordinals, names with digits."""

from itertools import pairwise
from pathlib import Path

import pytest

from qa.ask.figures import cn_number, find_figures

SEEDS = Path(__file__).resolve().parents[1] / "seeds"

# Verbatim sentences; the source is named above each group.
S = {
    # seeds/004_62de3936a4750662.txt (湟中区 2024)
    "hz_cases": "2024年我局共查处环境违法行为25起，处罚金额65.2256万元，指定专人按要求及时将环境行政处罚案件信息录入"
    "12369环境行政处罚案件系统",
    "hz_days": "根据《中华人民共和国环境影响评价法》相关规定，我局在收到一般审批的建设项目环境影响报告书、报告表后，"
    "均在20个工作日内完成审批。",
    "hz_docnum": "严格按照《西宁市湟中区人民政府办公室关于印发湟中区2024年法治政府建设工作要点的通知》"
    "(湟政办函〔2024〕9号)要求",
    # seeds/001_400143b11109ccf8.txt (许昌 2023)
    "xc_help": "创新异地帮扶执法模式,今年共实行5轮异地帮扶执法,出动执法力量560人次,发现问题330个,拉网式排查“散乱污”",
    "xc_plan": "出台《许昌市2023年环评审批服务提质增效工作方案》,明确4个方面6项改革措施,探索环评打捆审批模式,"
    "为企业节省费用2000余万元,经验全省推广",
    "xc_firms": "修订重污染天气应急预案,将238家民生保障类企业和240个重点建设项目纳入保障范围",
    "xc_train": "市县两级管理人员1100余人参训。",
    "xc_adviser": "2023年以来,我局法律顾问共审核合同协议等50余份次,有效发挥了专家咨询作用。",
    "xc_three": "全市生态环境系统落实行政执法公示、执法全过程记录、重大行政执法决定法制审核三项制度,完善行政执法程序",
    # seeds/000_036c93c8b5278d1d.txt (泰顺 2024)
    "ts_cost": "解决全县24家小微产废企业危废处置难题,补助每家企业服务费3000元,小微危废企业综合处置成本下降52%左右。",
    "ts_pm": "截至目前,我县PM2.5降幅-17.3%,排名全省第二",
    # seeds/002_d74fa95d098eb50a.txt (江津区 2020)
    "jj_fines": "2020年,下达处罚决定30件,罚款316.79万元,其中查封1件,移送公安行政拘留案件1件",
    # 2018年国务院政府工作报告 (digits and magnitudes by turns)
    "n18_rail": "高速铁路运营里程从9000多公里增加到2万5千公里、占世界三分之二",
    "n18_firms": "日均新设企业由5千多户增加到1万6千多户",
    "n18_travel": "出境旅游人次由8300万增加到1亿3千多万",
    "n01_savings": "居民储蓄存款余额五年增长1倍多",
    # 2017年国务院政府工作报告 (a PDF line break between number and unit)
    "n17_gdp": "运行缓中趋稳、稳中向好。国内生产总值达到74.4\n\u200b\n万亿元，增",
    # 2024年国务院政府工作报告
    "n24_gdp": "国内生产总值超过126万亿元，增长5.2%，增速居世界主要经济体前列。城镇新增就业1244万人，"
    "城镇调查失业率平均为5.2%。",
    "n24_grain": "粮食产量1.39万亿斤，再创历史新高。",
    "n24_date": "——2024年3月5日在第十四届全国人民代表大会第二次会议上",
    # 2002年国务院政府工作报告 (full-width digits)
    "n02_gdp": "２００１年国内生产总值达到９５９３３亿元，比上年增长７．３％。",
    # 2010年 / 2017年 / 2011年 / 2005年 / 2003年 / 2004年 reports
    "n10_jobs": "城镇新增就业900万人以上，城镇登记失业率控制在4.6％以内；",
    "n17_targets": "国内生产总值增长6.5%－7%，居民消费价格涨幅3%左右，城镇新增就业1000万人以上，城镇登记失业率4.5%以内",
    "n11_forest": "主要污染物排放总量减少8%至10%，森林蓄积量增加6亿立方米，森林覆盖率达到21.66%。",
    "n05_energy": "全年新增煤炭生产能力1.2亿吨，新增发电装机容量5055万千瓦，铁路新线投产1433公里，新增公路通车里程4.6万公里。",
    "n03_soil": "治理水土流失面积26.6万平方公里，治理沙化土地570万公顷。",
    "n04_tax": "从今年起，逐步降低农业税税率，平均每年降低1个百分点以上，五年内取消农业税。",
    "n03_edu": "从1998年起，中央财政支出中教育经费所占比例每年提高一个百分点，仅此一项五年增加489亿元。",
    "n00_spend": "落实这些措施，国家财政共增加支出540多亿元，全国有8400多万人受益。",
    "n01_profit": "2000年国有及国有控股工业企业实现利润2392亿元，为1997年的2.9倍。",
    "n16_third": "中央对地方专项转移支付项目减少三分之一，一般性转移支付规模增加。",
    "n07_floor": "城镇新增就业人数不低于900万人，城镇登记失业率控制在4.6%以内；",
    "n23_cap": "工程建设项目全流程审批时间压缩到不超过120个工作日。",
    "n05_years": "彻底改变两千多年来农民种田缴纳“皇粮国税”的历史",
    "n03_pop": "在我们这样一个近13亿人口的国家，人民生活总体上达到小康水平",
}

# (sentence, figure as printed, value, unit as printed, kind, qualifier, low, high)
EXPECTED = [
    ("hz_cases", "2024年", 2024, "年", "year", None, None, None),
    ("hz_cases", "25起", 25, "起", "count", None, None, None),
    ("hz_cases", "65.2256万元", 652256, "万元", "money", None, None, None),
    ("hz_cases", "12369", 12369, "", "plain", None, None, None),
    ("hz_days", "20个工作日内", 20, "个工作日", "measure", "at most", None, None),
    ("xc_help", "5轮", 5, "轮", "count", None, None, None),
    ("xc_help", "560人次", 560, "人次", "count", None, None, None),
    ("xc_help", "330个", 330, "个", "count", None, None, None),
    ("xc_adviser", "50余份次", 50, "份次", "count", "over", None, None),  # documents times reviews
    ("xc_plan", "2023年", 2023, "年", "year", None, None, None),
    ("xc_plan", "6项", 6, "项", "count", None, None, None),
    ("xc_plan", "2000余万元", 2e7, "万元", "money", "over", None, None),
    ("xc_firms", "238家", 238, "家", "count", None, None, None),
    ("xc_firms", "240个", 240, "个", "count", None, None, None),
    ("xc_three", "三项", 3, "项", "count", None, None, None),
    ("xc_train", "1100余人", 1100, "人", "count", "over", None, None),  # 人参 is a word; 人 stays the unit
    ("n17_gdp", "74.4\n\u200b\n万亿元", 7.44e13, "万亿元", "money", None, None, None),
    ("ts_cost", "24家", 24, "家", "count", None, None, None),
    ("ts_cost", "3000元", 3000, "元", "money", None, None, None),
    ("ts_cost", "52%左右", 52, "%", "percent", "about", None, None),
    ("ts_pm", "-17.3%", -17.3, "%", "percent", None, None, None),
    ("jj_fines", "30件", 30, "件", "count", None, None, None),
    ("jj_fines", "316.79万元", 3167900, "万元", "money", None, None, None),
    ("n24_gdp", "超过126万亿元", 1.26e14, "万亿元", "money", "over", None, None),
    ("n24_gdp", "1244万人", 12440000, "万人", "count", None, None, None),
    ("n24_grain", "1.39万亿斤", 1.39e12, "万亿斤", "measure", None, None, None),
    ("n24_date", "2024年3月5日", 20240305, "", "date", None, None, None),
    ("n02_gdp", "２００１年", 2001, "年", "year", None, None, None),
    ("n02_gdp", "９５９３３亿元", 9.5933e12, "亿元", "money", None, None, None),
    ("n02_gdp", "７．３％", 7.3, "%", "percent", None, None, None),
    ("n10_jobs", "900万人以上", 9e6, "万人", "count", "at least", None, None),
    ("n10_jobs", "4.6％以内", 4.6, "%", "percent", "at most", None, None),
    ("n17_targets", "6.5%－7%", 6.5, "%", "percent", None, 6.5, 7),
    ("n17_targets", "3%左右", 3, "%", "percent", "about", None, None),
    ("n17_targets", "1000万人以上", 1e7, "万人", "count", "at least", None, None),
    ("n11_forest", "8%至10%", 8, "%", "percent", None, 8, 10),
    ("n11_forest", "6亿立方米", 6e8, "亿立方米", "measure", None, None, None),
    ("n11_forest", "21.66%", 21.66, "%", "percent", None, None, None),
    ("n05_energy", "1.2亿吨", 1.2e8, "亿吨", "measure", None, None, None),
    ("n05_energy", "5055万千瓦", 5.055e7, "万千瓦", "measure", None, None, None),
    ("n05_energy", "1433公里", 1433, "公里", "measure", None, None, None),
    ("n05_energy", "4.6万公里", 46000, "万公里", "measure", None, None, None),
    ("n03_soil", "26.6万平方公里", 266000, "万平方公里", "measure", None, None, None),
    ("n03_soil", "570万公顷", 5.7e6, "万公顷", "measure", None, None, None),
    ("n04_tax", "1个百分点以上", 1, "个百分点", "points", "at least", None, None),
    ("n04_tax", "五年内", 5, "年", "measure", "at most", None, None),
    ("n03_edu", "一个百分点", 1, "个百分点", "points", None, None, None),
    ("n03_edu", "489亿元", 4.89e10, "亿元", "money", None, None, None),
    ("n00_spend", "540多亿元", 5.4e10, "亿元", "money", "over", None, None),
    ("n00_spend", "8400多万人", 8.4e7, "万人", "count", "over", None, None),
    ("n01_profit", "2.9倍", 2.9, "倍", "multiple", None, None, None),
    ("n01_profit", "1997年", 1997, "年", "year", None, None, None),
    ("n16_third", "三分之一", 1 / 3, "", "ratio", None, None, None),
    ("n07_floor", "不低于900万人", 9e6, "万人", "count", "at least", None, None),
    ("n23_cap", "不超过120个工作日", 120, "个工作日", "measure", "at most", None, None),
    ("n05_years", "两千多年", 2000, "年", "measure", "over", None, None),
    ("n03_pop", "近13亿", 1.3e9, "亿", "count", "about", None, None),
    ("n18_rail", "2万5千公里", 25000, "公里", "measure", None, None, None),
    ("n18_firms", "5千多户", 5000, "千户", "count", "over", None, None),
    ("n18_firms", "1万6千多户", 16000, "户", "count", "over", None, None),
    ("n18_travel", "1亿3千多万", 1.3e8, "", "plain", "over", None, None),  # 3千多万: thousands of 万
    ("n01_savings", "1倍多", 1, "倍", "multiple", "over", None, None),  # more than doubled
]


def _figure(key: str, printed: str):
    text = S[key]
    found = [f for f in find_figures(text) if f.text == printed]
    assert found, f"{printed} not found in {[f.text for f in find_figures(text)]}"
    return text, found[0]


@pytest.mark.parametrize("key, printed, value, unit, kind, qualifier, low, high", EXPECTED)
def test_real_figures(key, printed, value, unit, kind, qualifier, low, high):
    text, f = _figure(key, printed)
    assert text[f.start : f.end] == printed  # offsets point into the original, full-width text
    assert f.value == pytest.approx(value)
    assert (f.unit, f.kind, f.qualifier) == (unit, kind, qualifier)
    assert (f.low, f.high) == (pytest.approx(low) if low else None, pytest.approx(high) if high else None)


def test_base_units():
    assert _figure("hz_cases", "65.2256万元")[1].base == "元"
    assert _figure("n24_gdp", "超过126万亿元")[1].base == "元"
    assert _figure("n05_energy", "5055万千瓦")[1].base == "千瓦"
    assert _figure("n11_forest", "6亿立方米")[1].base == "立方米"


def test_counted_noun():
    """After the measure word when a noun follows it, else the noun words before the figure."""
    assert _figure("hz_cases", "25起")[1].noun == "环境违法行为"
    assert _figure("xc_firms", "240个")[1].noun == "重点建设项目"
    assert _figure("xc_plan", "6项")[1].noun == "改革措施"
    assert _figure("xc_three", "三项")[1].noun == "制度"
    assert _figure("n11_forest", "6亿立方米")[1].noun == "森林蓄积量"
    assert find_figures("25起违法行为")[0].noun == "违法行为"


def test_nothing_taken_as_a_count():
    """Document numbers, ordinals and names with digits are not figures; the year in a title is a year."""
    texts = [f.text for f in find_figures(S["hz_docnum"])]
    assert texts == ["2024年"]
    assert [f.text for f in find_figures(S["n24_date"])] == ["2024年3月5日"]  # 第十四届, 第二次: ordinals
    assert [f.text for f in find_figures(S["ts_pm"])] == ["-17.3%"]  # PM2.5 is a name; 第二 an ordinal
    assert not find_figures("国产大飞机C919投入商业运营，5G网络")
    assert not find_figures("深刻领会党的十九大、二十大精神，“十四五”规划，十九届四中全会")
    assert not find_figures("这十分重要，底气十足")  # a bare 十 with no measure word after it
    # the 2000 report: a century is an ordinal, however a question asks 多少 of it
    assert not find_figures("关系到21世纪初我国经济和社会发展的全局，迈向二十一世纪")


def test_a_bare_ten_of_a_measure_word_is_a_count():
    # the 2013 report: 出台实施了十项措施
    assert [(f.text, f.value, f.kind) for f in find_figures("果断出台十项措施")] == [("十项", 10.0, "count")]


def test_section_and_list_numbers_are_skipped():
    text = "1. 坚持党的领导\n2、推进依法行政\n（3）严格执法\n一、2023年工作回顾"
    assert [(f.text, f.kind) for f in find_figures(text)] == [("2023年", "year")]


def test_chinese_numerals():
    assert cn_number("十二") == 12
    assert cn_number("两千") == 2000
    assert cn_number("三万五千") == 35000
    assert cn_number("二〇二四") == 2024
    assert cn_number("一百零五") == 105
    assert cn_number("十四五") is None
    # 一批, 一项 read as "a batch", "an item": not counts
    assert not find_figures("一批重大产业创新成果达到国际先进水平，作为一项重要工作来抓")


def test_a_deadline_keeps_its_part_of_the_month():
    # the 2022 report: "before the end of June", not June
    f = find_figures("对小微企业的存量留抵税额于6月底前一次性全部退还")[0]
    assert (f.text, f.kind, f.value) == ("6月底前", "date", 600)


def test_brief_forms():
    """Constructed from the forms reports use (these exact strings are not in the bundled reports)."""
    f = find_figures("细颗粒物平均浓度低于每立方米25微克")[0]
    assert (f.text, f.value, f.unit, f.kind, f.qualifier) == (
        "低于每立方米25微克",
        25,
        "微克/立方米",
        "measure",
        "under",
    )
    f = find_figures("年均浓度为30微克/立方米")[0]
    assert (f.text, f.unit, f.base) == ("30微克/立方米", "微克/立方米", "微克/立方米")
    f = find_figures("增长4%—4.5%")[0]
    assert (f.text, f.low, f.high, f.unit) == ("4%—4.5%", 4, 4.5, "%")
    f = find_figures("涨幅3-3.5%")[0]
    assert (f.text, f.low, f.high) == ("3-3.5%", 3, 3.5)
    f = find_figures("新增8万人以上")[0]
    assert (f.value, f.unit, f.base, f.qualifier) == (80000, "万人", "人", "at least")
    f = find_figures("两千多人参加")[0]
    assert (f.value, f.unit, f.kind, f.qualifier) == (2000, "人", "count", "over")
    assert [(f.text, f.value) for f in find_figures("查处三起，制定十二项")] == [("三起", 3), ("十二项", 12)]
    f = find_figures("下降0.5个百分点")[0]
    assert (f.kind, f.value) == ("points", 0.5)
    f = find_figures("凝聚13亿人民的智慧")[0]  # 人 starts 人民: the unit does not take it
    assert (f.text, f.noun) == ("13亿", "人民")


def test_seed_reports_offsets():
    """Every figure in every seed report is the original text at its offsets, in order, disjoint."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    found = [find_figures(t) for t in texts]
    assert sum(map(len, found)) > 150
    for text, figures in zip(texts, found, strict=True):
        assert all(text[f.start : f.end] == f.text for f in figures)
        assert [f.start for f in figures] == sorted(f.start for f in figures)
        assert all(a.end <= b.start for a, b in pairwise(figures))


def test_a_magnitude_of_magnitudes_before_a_unit_is_one_of_it():
    # 2024 report: 实施新一轮千亿斤粮食产能提升行动; but 千万 also means "by all means"
    assert [(f.text, f.value, f.base) for f in find_figures("实施新一轮千亿斤粮食产能提升行动")] == [
        ("千亿斤", 1e11, "斤")
    ]
    assert find_figures("千万不要放松") == ()
