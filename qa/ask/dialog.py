"""Follow-up questions: carry region, year and topic over from the conversation so far.

Why rewrite instead of keeping hidden state: the rewritten question ("那2023年呢" after a
question about 湟中区 2024 becomes "湟中区 2023年 查处了多少起环境违法行为") is shown to the user,
so what was searched is never a guess they cannot see. Only the user's own earlier questions are
used.
"""

from __future__ import annotations

import re
import unicodedata

from ..text import CN_YEAR, find_years
from ..types import DocInfo
from .indicator import DONE_ASKED, KIND_EN, KIND_ZH, PLAN_ASKED, SCOPE, is_indicator
from .understand import find_regions

# Words that only compare or ask for the figure: not a topic of their own
COMPARING = re.compile(
    r"哪一?年|哪个|哪家|更高|更低|更多|更少|更大|更小|最高|最低|最多|最少|是多少|多少|"
    r"which|higher|lower|more|less|larger|smaller|most|least",
    re.I,
)
# A follow-up that leans on the question before: 那…呢, "and …?", "what about …"
FOLLOW = re.compile(r"^\s*(?:那么?|and\b|what about|how about)|呢\s*[？?]?\s*$", re.I)
CJK_CHAR = re.compile(r"[\u4e00-\u9fff]")
EN_FILLER = re.compile(r"\b(?:and|what|how|about|then)\b|[?？!！,，。.]", re.I)
FILLER = re.compile(
    r"那么|那|呢|吗|它们|它的|它|其|他们|该局|这个局|这个|and|what|about|how|in|for|the|of|then|year|[\s?？!！,，。.、:：()（）]",
    re.I,
)


# 09年, 23年: a short year is this century's (not 近10年, 10年内, 20年来, 用20年时间: ten or twenty years)
SHORT_BEFORE = r"(?<![\d.第近连续过去用])"
SHORT_AFTER = "[来间内前后代时多]"
SHORT_YEAR = re.compile(rf"{SHORT_BEFORE}([0-2]\d)\s*年(?!{SHORT_AFTER}|以)")
# spoken question words (是啥, 咋样): the written ones the question kinds and the keyword index know
SPOKEN = str.maketrans({"啥": "什么", "咋": "怎么", "仨": "三个", "俩": "两个"})  # (那仨大厂: 那三个)


def user_turns(history) -> list[str]:
    """The user's questions from a history of strings, {"role", "content"} messages (content a
    string, one {"type": "text", "text"} block or a list of them, as chat UIs send), {"question"}
    dicts or (question, answer) pairs; files and other media are left out."""
    turns = []
    for item in history or []:
        if isinstance(item, str):
            turns.append(item)
        elif isinstance(item, dict) and item.get("role", "user") == "user":
            turns.append(_text_of(item.get("content") or item.get("question")))
        elif isinstance(item, (list, tuple)) and item:
            turns.append(_text_of(item[0]))  # (question, answer) pairs
    return [t for t in turns if t.strip()]


def _text_of(content) -> str:
    blocks = content if isinstance(content, list) else [content]
    parts = [b if isinstance(b, str) else b.get("text") if isinstance(b, dict) else None for b in blocks]
    return " ".join(p for p in parts if isinstance(p, str))


def _strip_names(question: str, documents: list[DocInfo]) -> str:
    """The question without region names and years: what it is about."""
    text = unicodedata.normalize("NFKC", question)
    for alias in sorted({a for d in documents for a in d.aliases}, key=len, reverse=True):
        text = re.sub(re.escape(alias), " ", text, flags=re.I)
    text = re.sub(r"(?<!\d)(?:19|20)\d{2}\s*(?:年度|年)?", " ", CN_YEAR.sub(" ", text))
    return re.sub(r"\s+", " ", text).strip()


def has_topic(question: str, documents: list[DocInfo]) -> bool:
    """Whether the question names what it is about; "2023年和2024年哪年更高" (a comparison) does not."""
    rest = COMPARING.sub("", FILLER.sub("", _strip_names(question, documents)))
    rest = re.sub(r"^年|年$", "", rest)
    return len(rest) >= 2


def _scope_of(question: str) -> str | None:
    """The words that make a question one across reports (历年政府工作报告, 各地), from its start to
    the end of its scope word or the report kind it names."""
    m = SCOPE.search(question)
    if m is None:
        return None
    if not CJK_CHAR.search(question):  # "… in each year's government work report": scope words follow
        kind = KIND_EN.search(question, m.end())
        return f"{m.group()} {kind.group() if kind else ''}".strip()
    kind = KIND_ZH.search(question, m.start())
    end = kind.end() if kind is not None and kind.start() <= m.end() else m.end()
    return question[:end].strip()


def resolve(question: str, history, documents: list[DocInfo]) -> str:
    """A standalone question: the follow-up completed from the latest earlier questions, and a year
    written short spelled out (09年 → 2009年: people say it so, and the reports' years are 4 digits),
    spoken question words written out (是啥 → 是什么)."""
    question = SHORT_YEAR.sub(r"20\1年", question).translate(SPOKEN)
    # the year once spelled out is the year its short form names again (江津20年…？不是问20年以前那批)
    for short in {m.group(1) for m in re.finditer(r"(?<!\d)20([0-2]\d)年", question)}:
        question = re.sub(rf"{SHORT_BEFORE}{short}年(?!{SHORT_AFTER}|以[上来内])", f"20{short}年", question)
    turns = user_turns(history)
    if not turns:
        return question
    regions, years = find_regions(question, documents), find_years(question)
    topic = has_topic(question, documents)
    if regions and years and topic:
        return question
    prev_region = prev_year = prev_topic = None
    for turn in reversed(turns):
        if prev_region is None and find_regions(turn, documents):
            prev_region = find_regions(turn, documents)[0]
        if prev_year is None and find_years(turn):
            prev_year = find_years(turn)[0]
        if prev_topic is None and has_topic(turn, documents):
            prev_topic = _strip_names(turn, documents)
    latest = turns[-1]
    scope = _scope_of(latest)
    if scope and not is_indicator(question) and not regions and not years and FOLLOW.search(question):
        # "那城镇新增就业呢" after 历年政府工作报告…增长预期目标: the same reports, another figure, asked
        # in the same tense (the target, not the year's result)
        tense = " ".join(m.group() for m in (PLAN_ASKED.search(latest), DONE_ASKED.search(latest)) if m)
        if not CJK_CHAR.search(latest):
            topic = " ".join(EN_FILLER.sub(" ", question).split())
            return " ".join(f"{topic} {tense} in {scope}".split())
        topic = FILLER.sub(" ", question).strip()
        return f"{scope} {topic}{tense}"
    parts = []
    if not regions and prev_region:
        parts.append(prev_region)
    if not years and prev_year and (not regions or regions == (prev_region,)):
        parts.append(f"{prev_year}年")  # a new region keeps no old year: its report may be another year's
    core = question if topic or not prev_topic else f"{FILLER.sub(' ', question).strip()} {prev_topic}"
    return " ".join([*parts, core]).strip()
