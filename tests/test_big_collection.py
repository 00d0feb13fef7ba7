"""A few hundred small reports beside the seeds: the seeds' headline questions keep their answers.

Why: a large collection changes what retrieval sees even inside one report (BM25's idf is counted
over every chunk, the candidate lists are cut before scoping and per-section selection), so a
passage that ranked first among the seeds can fall out of the top few once hundreds of similar
reports arrive. The small reports here are real text that competes: paragraphs of the seeds with
every place they name replaced by another county's, titled as that county's report of some year.
"""

from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

import pytest

from qa import ReportQA
from qa.ingest import places

from .conftest import SEEDS

# Prefectures (and a municipality) of the seeds: an added county inside one would be a report the
# question's place legitimately covers (许昌 names its counties too), which is another test's concern;
# Taiwan's 中区, 东区 … read inside 湟中区 as a place of their own, and 大柴旦行政区 gets the alias
# 行政 (question-understanding matters, not retrieval's); 杭州 (3301) stays a place with no report.
OTHER_AREAS = ("6301", "3303", "4110", "50", "3505", "71", "81", "82", "3301")

HEADLINE = [
    ("湟中区2024年查处了多少起环境违法行为", "25起"),
    ("湟中区2024年环境违法行为罚了多少钱", "65.2256万元"),
    ("湟中区2024年信访举报件办结率是多少？", "94%"),
    ("泰顺县PM2.5降幅是多少", "-17.3%"),
    ("江津区2020年纳入发证或登记的企业共多少家？", "1941家"),
    ("江津区生态环境局请的是哪家律师事务所做法律顾问？", "君策律师事务所"),
    ("许昌和哪些市签了上下游突发水污染事件联防联控协议？", "漯河、周口、平顶山"),
    ("许昌2023年“12369”共接到多少件举报？", "564件"),
]
# Counties whose short names are ordinary words of a question (青山, 金山 in 绿水青山就是金山银山).
WORDLIKE = ("青山区", "金山区")


def paragraphs(texts: list[str], shortest: int = 40, longest: int = 300) -> list[str]:
    """Passage-sized pieces of ``texts``: each line, a long one cut after whole sentences."""
    out = []
    for line in (p.strip() for t in texts for p in t.splitlines()):
        piece = ""
        for sentence in re.findall(r"[^。；！？]*[。；！？]?", line):
            if piece and len(piece) + len(sentence) > longest:
                out.append(piece)
                piece = ""
            piece += sentence
        out.append(piece)
    return [p for p in out if len(p) >= shortest]


def retitle(text: str, name: str) -> str:
    """``text`` with every place the gazetteer finds in it replaced by ``name``."""
    for start, end, _ in sorted(places.find_places(text), key=lambda h: -h[0]):
        text = text[:start] + name + text[end:]
    return text


def small_reports(
    folder: Path, n: int, texts: list[str], per_report: int = 4, seed: int = 0, first: tuple[str, ...] = ()
) -> list[Path]:
    """``n`` small reports of other counties and years in ``folder``, each ``per_report`` paragraphs
    of ``texts`` with their places renamed; deterministic for a given ``seed``. The counties named
    in ``first`` (full names) come first, the others are drawn at random."""
    rng = random.Random(seed)
    fixed = [p for name in first for p in places.lookup(name) if p.level == "county"]
    counties = [
        p
        for p in places.every_place()
        if p.level == "county"
        and len(p.name) > 2
        and p.name[-1] in "区县"
        and not p.code.startswith(OTHER_AREAS)
        and "行政区" not in p.name
    ]
    pool = paragraphs(texts)
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(n):
        county, year = fixed[i] if i < len(fixed) else rng.choice(counties), rng.randint(2019, 2025)
        body = [retitle(p, county.name) for p in rng.sample(pool, per_report)]
        path = folder / f"small_{i:04d}.txt"
        path.write_text(
            f"{county.name}生态环境局{year}年法治政府建设情况报告\n\n" + "\n\n".join(body), "utf-8"
        )
        out.append(path)
    return out


@pytest.fixture(scope="module")
def big(tmp_path_factory, fake_embedder, fake_config):
    """The seeds plus 300 small reports (~1,300 chunks), indexed with the hash embedder."""
    folder = tmp_path_factory.mktemp("big") / "reports"
    shutil.copytree(SEEDS, folder)
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    small_reports(folder, 300, texts, first=WORDLIKE)
    return ReportQA.build(folder, folder.parent / "index", fake_config, embedder=fake_embedder)


@pytest.mark.parametrize("question, expected", HEADLINE)
def test_headline_answers_survive(big, question, expected):
    ans = big.ask(question)
    assert ans.answer == expected and ans.passages[0].doc[:3] in {"000", "001", "002", "003", "004"}


def test_named_report_ranks_alone(big, fast_rqa):
    """Inside the reports a question names, the ranking is that of the seeds alone: the other
    reports change neither side (dense is exact over the rows, keyword counts idf over them)."""
    for question, _ in HEADLINE:
        assert [p.chunk.id for p in big.search(question, k=5)] == [
            p.chunk.id for p in fast_rqa.search(question, k=5)
        ]


def test_wordlike_county_names_name_nothing(big):
    """With 青山区 and 金山区 in the collection, 绿水青山就是金山银山 names no place: report names count
    only as words of their own in the question."""
    ans = big.ask("泰顺“绿水青山就是金山银山”实践创新基地建设实施方案是哪几年的？")
    assert ans.answer == "2024-2026"
