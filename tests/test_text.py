"""Text helpers on real report text: passages widened to the sentences a chunk boundary cut."""

from qa.text import announced_items, clauses, in_heading, sentence_at, sentences, whole_sentences

# The 2017 national report as extracted, a page break inside a sentence (line break, zero-width space)
BROKEN = (
    "二、2017年工作总体部署\n\n"
    "今年将召开中国共产党第十九次全国代表大会。坚持宏观政策要稳、产业政策要准、微观政策要活、改革政策要实、"
    "社会政策要托底的政策思路，坚持以推进供给侧结构性改革为主线，适度扩大总需求，加强预期\n\u200b\n"
    "引导，深化创新驱动，全面做好稳增长、促改革、调结构、惠民生、防风险各项工作，保持经济平稳健康发展。\n\n"
    "综合分析国内外形势，我们要做好应对更加复杂严峻局面的充分准备。"
)


def test_a_passage_cut_by_a_page_break_reads_to_its_sentence_end():
    start, end = BROKEN.index("今年"), BROKEN.index("\n\u200b\n")
    s, e = whole_sentences(BROKEN, start, end)
    assert s == start and BROKEN[s:e].endswith("防风险各项工作，保持经济平稳健康发展。")


def test_a_passage_starting_inside_a_sentence_reads_from_its_start():
    start = BROKEN.index("引导")
    s, e = whole_sentences(BROKEN, start, BROKEN.index("综合"))
    assert BROKEN[s:e].startswith("坚持宏观政策要稳") and e == BROKEN.index("综合")


def test_whole_sentences_and_headings_stay_as_they_are():
    start = BROKEN.index("今年")  # after a heading line
    end = BROKEN.index("坚持宏观")  # after a full stop
    assert whole_sentences(BROKEN, start, end) == (start, end)
    assert whole_sentences(BROKEN, 0, BROKEN.index("\n")) == (0, BROKEN.index("\n"))


def test_a_sentence_longer_than_the_reach_is_left_as_cut():
    text = "开头。" + "很长的句子" * 100 + "。"
    assert whole_sentences(text, 3, 103, reach=50) == (3, 103)


def test_a_numbered_heading_line_is_known():
    # the 2021 report: a chunk opens with its section's heading, which lists two things but answers nothing
    text = (
        "二、“十三五”时期发展成就和“十四五”时期主要目标任务\n\n“十三五”时期，我国经济实力、科技实力大幅跃升。"
    )
    assert in_heading(text, 3)
    assert not in_heading(text, text.index("我国"))
    assert not in_heading("一、加强执法，查处案件25起。", 3)  # a numbered sentence, not a heading


def test_a_line_break_around_an_inline_fragment_is_no_stop():
    # the 2017 report as published on the web: subscripts and titles on lines of their own
    text = "稳健的货币政策灵活适度，广义货币M\n2\n增长11.3%，低于13%左右的预期目标。"
    assert [text[a:b] for a, b in clauses(text)][1] == "广义货币M\n2\n增长11.3%"
    assert sentences(text) == [(0, len(text))]  # the reranker's sentences read it the same way
    text = "74个重点城市细颗粒物（PM\n2.5\n）年均浓度下降9.1%。优化能源结构"
    assert sentence_at(text, text.index("9.1%")) == (0, text.index("。") + 1)
    text = (
        "制定并颁布了《\n重大动物疫情应急条例\n》、《\n关于预防煤矿生产安全事故的特别规定\n》等22部行政法规。"
    )
    assert sentence_at(text, text.index("22")) == (0, len(text))
    # a heading on its own line after a sentence is one still
    text = "全面完成了年度目标。\n一、总体要求\n坚持稳中求进。"
    assert sentence_at(text, text.index("坚持"))[0] == text.index("坚持")
    text = "一、总体要求\n（一）目标\n坚持稳中求进。"  # nor is a numbered heading after a heading
    assert sentence_at(text, text.index("坚持"))[0] == text.index("坚持")


def test_a_count_of_four_digits_is_no_year():
    from qa.text import find_years

    assert find_years("企业是不是快2000家了？") == [] and find_years("共2018件") == []
    assert find_years("2020年") == [2020] and find_years("in 2016.") == [2016]


# 丰泽 2023 (seeds/003_…): the lead-in of its 存在的问题 section, its two items, then the next section's own items
SHORTFALLS = (
    "二、存在的问题\n\n回顾2023年，我局法治政府建设工作在取得成绩的同时，也存在不足，主要表现在："
    "一是法治思维和法治方式的运用不足。部分领导和执法人员对于法治政府建设的重要性认识不够。"
    "二是普法宣传工作的深度和广度有待进一步加强，宣传形式和内容有待进一步丰富，企业学法守法意识仍然不足。\n\n"
    "三、2024年工作思路\n\n一是强化法治制度建设。继续深入贯彻习近平法治思想。"
    "二是严格公正规范文明执法。三是建立健全生态环境领域常态监管法治机制。"
)


def test_a_passage_ending_on_a_colon_reads_on_over_the_items_it_announces():
    end = SHORTFALLS.index("一是") + len("一是法治思维和法治方式的运用不足。")
    grown = announced_items(SHORTFALLS, 0, end)
    assert SHORTFALLS[:grown].endswith("企业学法守法意识仍然不足。")  # to the last item's first sentence
    # …and not into the next section, whose numbered heading opens a line
    assert "强化法治制度建设" not in SHORTFALLS[:grown]


def test_a_passage_without_an_announcing_colon_keeps_its_end():
    start = SHORTFALLS.index("三、")
    end = SHORTFALLS.index("二是严格")
    assert announced_items(SHORTFALLS, start, end) == end
