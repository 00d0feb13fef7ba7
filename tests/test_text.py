"""Text helpers on real report text: passages widened to the sentences a chunk boundary cut."""

from qa.text import in_heading, whole_sentences

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
