"""Report metadata from the text itself: the issuing place from the national gazetteer (with level
and parents), the years a report covers, nothing invented for texts that are not reports."""

from pathlib import Path

import pytest

from qa.ask.understand import understand
from qa.ingest import ingest
from qa.ingest.meta import covered_years, place_fields
from qa.types import DocInfo

from .conftest import ROOT, SEEDS

NATIONAL = ROOT.parent / "shared" / "corpora" / "national"  # beside the clone in CI; skipped elsewhere

SEED_META = {
    "000_036c93c8b5278d1d.txt": ("泰顺县", "county", ("浙江省", "温州市"), (2024,)),
    "001_400143b11109ccf8.txt": ("许昌市", "prefecture", ("河南省",), (2023,)),
    "002_d74fa95d098eb50a.txt": ("江津区", "county", ("重庆市",), (2020, 2021)),
    "003_4d3e9b55dd373cb7.txt": ("丰泽区", "county", ("福建省", "泉州市"), (2023, 2024)),
    "004_62de3936a4750662.txt": ("湟中区", "county", ("青海省", "西宁市"), (2024, 2025)),
}


def meta_of(path: Path):
    return ingest(path, 400, 40)[1]


@pytest.mark.parametrize("name", sorted(SEED_META))
def test_seed_places_levels_and_years(name):
    meta = meta_of(SEEDS / name)
    assert (meta.region, meta.level, meta.parents, meta.years) == SEED_META[name]


@pytest.mark.skipif(not NATIONAL.is_dir(), reason="the national corpus lies beside the clone only in CI")
def test_national_reports_are_national_and_cover_the_year_they_review():
    for path in sorted(NATIONAL.glob("*.txt")):
        meta = meta_of(path)
        year = int(path.name[:4])
        assert (meta.region, meta.level, meta.parents, meta.year) == ("全国", "national", (), year), path.name
        assert year in meta.years and set(meta.years) <= {year - 1, year}, path.name
    covered = [meta_of(p).years for p in sorted(NATIONAL.glob("*.txt"))]
    assert sum(len(y) == 2 for y in covered) >= 20  # nearly every report reviews the year before


def test_a_review_of_the_years_before_covers_the_year_before():
    """一、过去五年工作回顾 (the 2018 report) reviews 2017 though no heading names it."""
    assert covered_years(2018, "一、过去五年工作回顾\n五年来，经济实力跃上新台阶。\n") == (2017, 2018)
    assert covered_years(2023, "一、过去一年和五年工作回顾\n") == (2022, 2023)
    assert covered_years(
        2018, "各位代表：\n现在，我代表国务院，向大会报告过去五年政府工作，对今年工作提出建议，请予审议。\n"
    ) == (2018,)


def test_a_text_that_is_no_report_gets_no_place_or_year(tmp_path):
    path = tmp_path / "wiki.txt"
    path.write_text(
        "西宁市\n西宁市是青海省省会，2019年末常住人口约238万人。湟中区位于西宁市西南部，1999年……\n",
        encoding="utf-8",
    )
    meta = meta_of(path)
    assert meta.region == "" and meta.year is None and meta.years == () and meta.title == "西宁市"


def test_a_provincial_work_report_is_its_province(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text(
        "陕西省2026年政府工作报告\n一、2025年工作回顾\n过去一年，全省生产总值增长5.5%。2025年……\n"
        "二、2026年主要目标任务\n全省生产总值增长5%左右。\n",
        encoding="utf-8",
    )
    meta = meta_of(path)
    assert (meta.region, meta.level, meta.years) == ("陕西省", "province", (2025, 2026))
    assert "shaanxi" in meta.aliases and "陕西" in meta.aliases


def test_places_by_hand_use_the_gazetteer():
    assert place_fields("湟中")["parents"] == ("青海省", "西宁市")
    assert place_fields("某某开发区")["region"] == "某某开发区"


def _doc(name, **kw):
    base = dict(doc=name, path=name, sha256=name, title=name, bureau="", aliases=(), published=None, chunks=1)
    return DocInfo(**{**base, **kw})


DOCS = [
    _doc(
        "hz.txt",
        region="湟中区",
        level="county",
        parents=("青海省", "西宁市"),
        code="630106",
        year=2024,
        years=(2024, 2025),
        aliases=("湟中区", "湟中", "huangzhong"),
    ),
    _doc(
        "ts.txt",
        region="泰顺县",
        level="county",
        parents=("浙江省", "温州市"),
        code="330329",
        year=2024,
        years=(2024,),
        aliases=("泰顺县", "泰顺", "taishun"),
    ),
    _doc("gwr2024.txt", region="全国", level="national", code="100000", year=2024, years=(2023, 2024)),
    _doc("gwr2023.txt", region="全国", level="national", code="100000", year=2023, years=(2022, 2023)),
]


@pytest.mark.parametrize(
    "question, docs, note",
    [
        ("青海2024年查处了多少起环境违法行为", ("hz.txt",), None),  # a province reaches its county's report
        ("How many cases did Qinghai handle in 2024?", ("hz.txt",), None),
        ("Huangzhong 2024 fines", ("hz.txt",), None),
        ("2023年国内生产总值增长多少", ("gwr2024.txt", "gwr2023.txt"), None),  # reviewed in the 2024 report
        ("国务院2024年政府工作报告提出的目标", ("gwr2024.txt",), None),
        # the reports of the named year, not the 2023 report that also speaks of 2023
        ("2024年报告说，2023年经济增长多少", ("gwr2024.txt", "hz.txt", "ts.txt"), None),
    ],
)
def test_questions_are_scoped_by_place_hierarchy_and_covered_years(question, docs, note):
    info = understand(question, DOCS)
    assert set(info.docs) == set(docs) and info.missing == note and info.unknown is None


@pytest.mark.parametrize(
    "question", ["2013到2017年贫困发生率下降到多少", "2013年至2017年", "from 2013 to 2017"]
)
def test_a_span_of_years_names_every_year_in_it(question):
    assert set(understand(question, DOCS).years) == {2013, 2014, 2015, 2016, 2017}


def test_a_sibling_or_uncollected_place_is_not_answered_from_another_report():
    sibling = understand(
        "文成县2024年查处了多少起环境违法行为", DOCS
    )  # 文成县 is 泰顺县's sibling under 温州市
    assert sibling.unknown == "文成县" and sibling.regions == ()
    assert understand("What were Hangzhou's fines in 2023?", DOCS).unknown == "杭州市"
    missing = understand("湟中区2021年查处了多少起", DOCS)
    assert "2021" in missing.missing and missing.docs == ("hz.txt",)


def test_a_place_under_a_collected_report_s_place_is_asked_of_that_report():
    """许昌市's report names its 长葛分局: a question about 长葛 is searched there (and answered only from a
    sentence that names it, see test_answer), while a sibling of a collected place stays unknown."""
    xc = _doc(
        "xc.txt",
        region="许昌市",
        level="prefecture",
        parents=("河南省",),
        code="411000",
        year=2023,
        years=(2023,),
        aliases=("许昌市", "许昌", "xuchang"),
    )
    info = understand("长葛分局被命名为什么称号？", [*DOCS, xc])
    assert info.unknown is None and info.docs == ("xc.txt",) and info.places == ("长葛市",)
    assert understand("长葛分局被命名为什么称号？", DOCS).unknown == "长葛市"


def test_government_work_reports_named_reach_only_those():
    """A 2020 bureau report is no 2020 government work report: asked for the latter, the collection
    says it has none instead of searching the bureau's."""
    docs = [
        _doc(
            "gwr2024.txt",
            title="2024年国务院政府工作报告",
            region="全国",
            level="national",
            code="100000",
            year=2024,
        ),
        _doc(
            "jj.txt",
            title="江津区生态环境局关于报送2020年度法治政府建设情况的报告",
            region="江津区",
            year=2020,
        ),
    ]
    info = understand("2020年政府工作报告提出的城镇新增就业目标是多少？", docs)
    assert info.missing and "2020" in info.missing and info.docs == ("gwr2024.txt",)
    assert understand("2020年法治政府建设情况报告提到几起案件？", docs).docs == ("jj.txt",)
    assert understand("2020年的法治政府建设有哪些不足？", docs).missing is None  # a topic, not a kind


def test_a_place_in_a_named_report_s_question_is_what_it_speaks_of():
    # 北京 has no report; the question names the country's 2024 report, which speaks of it
    info = understand("2024年报告说，去年在北京成功举办了哪个论坛的峰会？", DOCS)
    assert info.unknown is None and info.docs == ("gwr2024.txt",) and info.places == ("北京市",)
    assert understand("去年在北京成功举办了哪个论坛的峰会？", DOCS).unknown == "北京市"  # no report named
