"""The gazetteer on real strings: the seeds' titles, lines of the State Council reports, English
names, and paragraphs of ordinary words that must not turn into places."""

from __future__ import annotations

from pathlib import Path

import pytest

from qa.ingest import places
from qa.ingest.places import NATIONAL, descendants, find_places, is_within, issuer_place, lookup

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def one(name: str, within: str | None = None) -> places.Place:
    found = lookup(name, within)
    assert len(found) == 1, (name, found)
    return found[0]


def names(text: str) -> list[tuple[str, str]]:
    return [(text[s:e], p.name) for s, e, p in find_places(text)]


def test_the_gazetteer_is_whole():
    levels = [p.level for p in places.every_place()]
    assert levels.count("province") == 34 and levels.count("prefecture") > 330
    assert levels.count("county") > 2800


def test_place_record_and_parent_chain():
    hz = one("湟中区")
    assert (hz.code, hz.level, hz.parents) == ("630106", "county", ("青海省", "西宁市"))
    assert {"湟中区", "湟中", "huangzhong", "huangzhong district"} <= set(hz.aliases)
    assert one("西宁市").parents == ("青海省",)
    assert one("江津区").parents == ("重庆市",)  # a municipality's district: no 重庆市 twice
    assert one("青海").parents == ()


def test_lookup_short_pinyin_english_and_within():
    assert one("泰顺").name == "泰顺县"
    assert one("泰顺", within="温州市").parents == ("浙江省", "温州市")
    assert lookup("泰顺", within="杭州市") == []
    assert one("Huangzhong District").name == "湟中区"
    assert one("Shaanxi").name == "陕西省" and one("shanxi").name == "山西省"
    assert one("Inner Mongolia").name == "内蒙古自治区"
    assert one("Tibet") == one("Xizang") == one("西藏")
    assert one("Macau") == one("macao") == one("澳门")
    assert one("Hong Kong").name == "香港特别行政区"
    assert one("guangxi").name == "广西壮族自治区" and one("ningxia").name == "宁夏回族自治区"
    assert one("黔南州").name == "黔南布依族苗族自治州"
    assert one("西宁市湟中区").name == "湟中区"  # a qualified name
    assert [p.parents for p in lookup("朝阳区")] == [("北京市",), ("吉林省", "长春市")]
    assert one("朝阳区", within="北京").code == "110105"
    assert "chaoyang" in one("朝阳区", within="北京").aliases  # not only pypinyin's zhaoyang


def test_national_pseudo_place():
    for alias in ("全国", "中国", "国家", "国务院", "China", "nationwide", "the State Council"):
        assert one(alias) is NATIONAL
    assert NATIONAL.level == "national" and NATIONAL.parents == ()
    assert is_within(one("湟中区"), NATIONAL) and not is_within(NATIONAL, one("青海省"))


def test_within_and_descendants():
    qinghai, hz = one("青海省"), one("湟中区")
    assert is_within(hz, qinghai) and is_within(hz, one("西宁市")) and is_within(hz, hz)
    assert not is_within(hz, one("甘肃省")) and not is_within(qinghai, hz)
    below = {p.name for p in descendants(qinghai)}
    assert {"西宁市", "湟中区", "玉树藏族自治州"} <= below and "青海省" not in below
    assert "湟中区" not in {p.name for p in descendants(one("海东市"))}


@pytest.mark.parametrize(
    ("seed", "expected"),
    [
        ("000_036c93c8b5278d1d.txt", "泰顺县"),  # 温州市生态环境局泰顺分局2024年法治政府建设年度报告
        ("001_400143b11109ccf8.txt", "许昌市"),  # no title: ...许昌市生态环境局全面贯彻...
        ("002_d74fa95d098eb50a.txt", "江津区"),  # 重庆市江津区生态环境局
        ("003_4d3e9b55dd373cb7.txt", "丰泽区"),  # 泉州市丰泽生态环境局关于 2023 年...
        ("004_62de3936a4750662.txt", "湟中区"),  # 湟中区生态环境局 / 2024年法治政府建设情况报告
    ],
)
def test_issuer_of_each_seed(seed, expected):
    head = (SEEDS / seed).read_text(encoding="utf-8")[:300]
    assert issuer_place(head).name == expected


def test_issuer_titles():
    assert issuer_place("温州市生态环境局泰顺分局").parents == ("浙江省", "温州市")
    assert issuer_place("陕西省2026年政府工作报告").name == "陕西省"
    assert issuer_place("2024年国务院政府工作报告") is NATIONAL
    assert issuer_place("湟中区生态环境局2024年法治政府建设情况报告").name == "湟中区"
    assert issuer_place("关于做好年度报告工作的通知") is None


def test_seed_texts_name_their_places():
    text = (SEEDS / "004_62de3936a4750662.txt").read_text(encoding="utf-8")
    found = {p.name for _, _, p in find_places(text)}
    assert {"湟中区", "西宁市", "青海省"} <= found
    assert "江源区" not in found  # 湟中区江源给排水有限责任公司 is a company


def test_national_report_lines():
    # Verbatim lines of the State Council reports (2000-2025).
    assert names(
        "胜利完成四川汶川特大地震灾后恢复重建任务，积极推进青海玉树、甘肃舟曲、云南盈江抗灾救灾"
        "和恢复重建工作。"
    ) == [
        ("四川", "四川省"),
        ("汶川", "汶川县"),
        ("青海", "青海省"),
        ("玉树", "玉树藏族自治州"),
        ("甘肃", "甘肃省"),
        ("舟曲", "舟曲县"),
        ("云南", "云南省"),
        ("盈江", "盈江县"),
    ]
    assert names("支持香港特别行政区政府、澳门特别行政区政府依法施政，维护香港、澳门的繁荣和稳定。") == [
        ("香港特别行政区", "香港特别行政区"),
        ("澳门特别行政区", "澳门特别行政区"),
        ("香港", "香港特别行政区"),
        ("澳门", "澳门特别行政区"),
    ]
    assert names("继续发挥经济特区、上海浦东新区的作用，推进天津滨海新区开发开放。") == [
        ("上海", "上海市"),
        ("浦东新区", "浦东新区"),
        ("天津", "天津市"),
        ("滨海新区", "滨海新区"),
    ]
    assert names("2024年中华人民共和国国务院政府工作报告") == [("国务院", "全国")]


def test_ordinary_words_are_not_places():
    # Lines of the national reports full of words that contain or equal county names
    # (合作, 资源, 和平, 共和, 振兴, 大内, 大安, 和政, 衡水, 定西, 重庆, 资中, 城区, 江南...).
    for line in (
        "坚持实行扩大内需的方针，加强国际合作，合理开发和节约使用资源。",
        "坚持“和平统一、一国两制”的方针，实现中华民族的伟大复兴，振兴中华。",
        "重大安全事故时有发生，要加强规划和政策引导，确保金融安全。",
        "失业率在合理、均衡水平上基本稳定，制定西部大开发新十年规划。",
        "去年，我们隆重庆祝了新中国成立60周年。",
        "限制和禁止高耗能、高排放和部分资源性外资项目，切实纠正招商引资中违法违规的做法。",
        "开发区、城区、新区和郊区的江南水乡要保障人民群众安居乐业，推进平安建设。",
        "严控新建政府性楼堂馆所，推进城中村改造，加大城市环境污染治理力度。",
    ):
        assert find_places(line) == [], line
    # the country qualifies no weak county name after it (新建区 of 南昌 is not what 全国新建 names)
    assert [p.name for _, _, p in find_places("2021年全国新建了多少个5G基站？")] == ["全国"]


def test_short_common_names_count_when_qualified():
    assert names("泉州市丰泽生态环境局") == [("泉州市", "泉州市"), ("丰泽", "丰泽区")]
    # 瑞安 before 生态环境分局: a bureau's place, though jieba's 安生 is more frequent than 瑞安
    assert names("瑞安生态环境分局2024年一共查处了几起") == [("瑞安", "瑞安市")]
    assert names("阳泉市城区") == [("阳泉市", "阳泉市"), ("城区", "城区")]
    assert names("北京朝阳区和长春朝阳区") == [
        ("北京", "北京市"),
        ("朝阳区", "朝阳区"),
        ("长春", "长春市"),
        ("朝阳区", "朝阳区"),
    ]
    assert [p.parents for _, _, p in find_places("长春朝阳区")][1] == ("吉林省", "长春市")


def test_english_whole_words():
    q = "How many violations did Huangzhong District investigate? Compare Shaanxi with Shanxi."
    assert [(q[s:e], p.name) for s, e, p in find_places(q)] == [
        ("Huangzhong District", "湟中区"),
        ("Shaanxi", "陕西省"),
        ("Shanxi", "山西省"),
    ]
    assert find_places("the xiningese shaanxian") == []
    # where a unit stands, a pinyin name is the unit's word: yuan, not 裕安 (yu'an)
    assert find_places("a fund of 50 billion yuan, or how many yuan a farmer got") == []
    # a pinyin name that is an English word counts in lower case only where the text capitalises nothing
    assert find_places("What poverty line did the 2013 report set, and which guiding principles?") == []
    assert names("how many cases did huangzhong handle") == [("huangzhong", "湟中区")]
    assert names("Inner Mongolia and Guangxi, China") == [
        ("Inner Mongolia", "内蒙古自治区"),
        ("Guangxi", "广西壮族自治区"),
        ("China", "全国"),
    ]


def test_gazetteer_tables_cached_as_json_give_the_same_places(tmp_path, monkeypatch):
    """The derived tables are written once to the cache dir and read back to the same places, so a
    shell `qa ask` skips the rebuild and pypinyin's import."""
    text = "青海省西宁市湟中区生态环境局；泰顺县；Shaanxi；扩大内需"
    before = places.find_places(text)
    monkeypatch.setenv("QA_CACHE", str(tmp_path))
    try:
        places._gazetteer.cache_clear()
        built = places.find_places(text)
        assert len(list(tmp_path.glob("gazetteer-*.json"))) == 1
        places._gazetteer.cache_clear()
        assert places.find_places(text) == built == before
        assert places.lookup("huangzhong") == [p for p in places.every_place() if p.name == "湟中区"]
    finally:
        places._gazetteer.cache_clear()


def test_full_name_after_a_word_that_ends_in_its_first_character():
    # 报告中|西藏自治区: jieba knows 中西, but 藏自 starts no word, so the full name stands
    assert names("2010年报告中西藏自治区的城镇新增就业是多少？") == [("西藏自治区", "西藏自治区")]


def test_a_quoted_term_that_holds_a_place_name_is_no_place():
    # the 2006 report's “三河三湖” (淮河海河辽河、太湖巢湖滇池) holds 三河, a city's short name
    assert find_places("2006年报告中重点治理的“三河三湖”具体指哪些河湖？") == []
    assert [p.name for _, _, p in find_places("“湟中区”2024年查处了多少起")] == ["湟中区"]  # the whole quote


def test_a_short_name_jieba_reads_as_part_of_another_word_is_no_place():
    # 那波双清零: jieba reads 双|清零, so 双清(区) is not named; 湟中2024年 and 丰泽2023年 still are
    assert find_places("排污许可那波双清零，纳入发证登记的企业") == []
    assert [p.name for _, _, p in find_places("湟中2024年查处")] == ["湟中区"]
    assert [p.name for _, _, p in find_places("丰泽2023年")] == ["丰泽区"]
