"""Query understanding, fusion and the keyword index: pure functions plus the real seed index."""

import numpy as np
import pytest

from qa.ask.retrieve import RRFusion, WeightedFusion, keyword_query
from qa.ask.understand import understand
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


def test_passages_are_distinct_sections_with_score_parts(fast_rqa):
    passages = fast_rqa.search("湟中区行政处罚案件", k=8)
    keys = [(p.doc, p.section) for p in passages]
    assert len(keys) == len(set(keys))
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
