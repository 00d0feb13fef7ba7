"""Cleaning, metadata and section chunking on the five real seeds."""

from pathlib import Path

import pytest

from qa.config import Config
from qa.ingest.chunk import chunk_source, embed_text, find_headings
from qa.ingest.clean import ARTEFACT, read_source
from qa.ingest.meta import describe as extract
from qa.ingest.read import ReadError

from .conftest import HUANGZHONG, SEEDS

FILES = sorted(SEEDS.glob("*.txt"))
CFG = Config()


def chunks_of(path: Path):
    src = read_source(path)
    return src, chunk_source(src, extract(src), CFG.max_chars, CFG.min_chars)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name[:3])
def test_offsets_are_verbatim_and_ordered(path):
    src, chunks = chunks_of(path)
    raw = path.read_text(encoding="utf-8")
    assert src.text == raw
    assert chunks, "every seed yields chunks"
    last_end = 0
    for i, c in enumerate(chunks):
        assert raw[c.start : c.end] == c.text
        assert c.id == f"{path.name}#{i}"
        assert c.start >= last_end
        last_end = c.end
        assert len(c.text) <= CFG.max_chars + CFG.min_chars


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name[:3])
def test_headings_found_in_every_seed(path):
    src, chunks = chunks_of(path)
    paths = [c.section for c in chunks if c.section]
    assert len(paths) >= len(chunks) - 2, "nearly every chunk sits under a heading"
    tops = {p[0] for p in paths}
    assert len(tops) >= 3, f"top-level sections found: {tops}"


def test_one_line_report_is_split_inline():
    src, chunks = chunks_of(SEEDS / "000_036c93c8b5278d1d.txt")
    assert src.text.count("\n") <= 3, "this seed is one long line"
    labels = [c.section for c in chunks]
    assert ("一、基本情况", "(一)进一步加强组织领导,提升依法治理能力", "二是落实党组班子学法制度") in labels
    assert any(p and p[0] == "三、下阶段努力方向" for p in labels)
    # "排名全省第二、全市第一" is not a heading
    assert not any("全市第一" in part for p in labels for part in p)


def test_inconsistent_numbering_keeps_levels():
    _, chunks = chunks_of(SEEDS / HUANGZHONG)
    hit = next(c for c in chunks if "共查处环境违法行为25起" in c.text)
    assert hit.section[0].startswith("2、")
    assert hit.section[1].startswith("（五）")
    assert hit.section[2] == "2.加强重点领域执法力度"
    tenth = next(c for c in chunks if "在线监测数据远程监管" in c.text)
    assert tenth.section[1].startswith("（10）") and len(tenth.section) == 3
    assert any(c.section and c.section[0].startswith("3、") for c in chunks)


def test_artefacts_are_not_in_embedded_text():
    for path in FILES:
        _, chunks = chunks_of(path)
        for c in chunks:
            assert not ARTEFACT.search(embed_text(c))


def test_page_chrome_is_outside_chunks():
    for path in FILES:
        _, chunks = chunks_of(path)
        joined = "".join(c.text for c in chunks)
        for chrome in ("当前位置", "发布日期", "【打印本页】", "扫一扫在手机打开当前页", "主办:", "版权所有"):
            assert chrome not in joined, (path.name, chrome)


def test_headings_need_a_boundary():
    shadow = "排名全省第二、全市第一。二是落实制度。统一是基础"
    found = [(h.family, h.number) for h in find_headings(shadow)]
    assert found == [("e", 2)]


EXPECTED = {
    "000_036c93c8b5278d1d.txt": ("温州市生态环境局泰顺分局", "泰顺县", 2024, "taishun"),
    "001_400143b11109ccf8.txt": ("许昌市生态环境局", "许昌市", 2023, "xuchang"),
    "002_d74fa95d098eb50a.txt": ("重庆市江津区生态环境局", "江津区", 2020, "jiangjin"),
    "003_4d3e9b55dd373cb7.txt": ("泉州市丰泽生态环境局", "丰泽区", 2023, "fengze"),
    "004_62de3936a4750662.txt": ("湟中区生态环境局", "湟中区", 2024, "huangzhong"),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_metadata_from_the_text(name):
    meta = extract(read_source(SEEDS / name))
    bureau, region, year, pinyin = EXPECTED[name]
    assert (meta.bureau, meta.region, meta.year) == (bureau, region, year)
    assert pinyin in meta.aliases and region in meta.aliases
    assert meta.title


def test_publication_date_is_not_the_report_year():
    meta = extract(read_source(SEEDS / "002_d74fa95d098eb50a.txt"))
    assert meta.year == 2020 and meta.published == "2021-02-18"


def test_gbk_report_reads_like_utf8(tmp_path):
    src = SEEDS / HUANGZHONG
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes(src.read_text(encoding="utf-8").encode("gb18030"))
    assert read_source(gbk).text == read_source(src).text


@pytest.mark.parametrize(
    "content, message",
    [(b"", "empty"), (b"\x00\x01binary", "binary"), (bytes(range(128, 256)) * 3, "encoding")],
)
def test_bad_files_get_one_line_errors(tmp_path, content, message):
    f = tmp_path / "bad.txt"
    f.write_bytes(content)
    with pytest.raises(ReadError, match=message) as err:
        read_source(f)
    assert "\n" not in str(err.value)
