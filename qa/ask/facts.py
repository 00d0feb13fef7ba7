"""Questions about a report itself: when it was signed or published, who issued it, its title or number.

Why apart from span finding: a report states these once, in its header or signature block (落款),
often outside the body the chunks hold, and reading them as facts of the report (``DocInfo.facts``,
found when the report was read) is surer than looking for a date or a name among the passages: "丰泽
的报告是哪天落款的" wants the report's own date, not the first date of its body. The answer cites the
words that state the fact, by their offsets in the source file: through the chunk that holds them,
else through the line they stand on.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from ..types import Answer, Chunk, DocInfo, Fact, Passage, QueryInfo

# The report itself is what is asked about: it is named (a 文件 or 通知 asked about is usually one the
# report mentions), or its signature is.
# (…情况 网页 发布日期: the report's page; …情况的那篇: the piece itself, not a 文件 it names)
REPORT = re.compile(r"报告|落款|签发|网页|[那这]篇|\breport\b", re.I)
# What is asked, in order of preference; each with the facts that answer it (a publication date
# asked of a report that prints only its signing date is answered by that, with a note).
ASKED: tuple[tuple[str, re.Pattern, tuple[str, ...]], ...] = (
    ("docnum", re.compile(r"文号|发文字号|文件号|document number", re.I), ("docnum",)),
    (
        "signed",
        # (报告是哪天写的, 什么时候写成的: when it was written is the date it signs)
        re.compile(
            r"落款|成文日期|签发|签的日子|(?:哪天|哪一天|什么时候|何时|日期).{0,3}(?:写|写成|完成|形成)的"
            # 最后签的是哪一天, 哪天签的: the day it was signed
            r"|签的是?(?:哪天|哪一天|什么时候|啥时候|几号)|(?:哪天|哪一天|什么时候|啥时候)签的"
            # 最后署的日期: the signature's
            r"|署的?(?:日期|时间|日子)|(?:最后|末尾|结尾|文末)的?(?:日期|时间)"
            # (how many agreements were signed: a count; the report's own signing is asked with a date)
            r"|\b(?:when|date|day)\b.{0,60}\bsigned\b|\bsigned on what\b|\bdated\b"
            r"|\bwhen\b.{0,40}\b(?:written|drafted)\b"
            r"|\b(?:what|which) date\b.{0,60}\b(?:at the end|at its end|at the bottom)\b",
            re.I,
        ),
        ("signed", "published"),
    ),
    (
        "published",
        re.compile(
            r"(?:哪天|哪一天|什么时候|何时|日期|时间|几月|哪年哪月).{0,8}(?:发布|公布|印发|报送|上报|发出|出台|挂网|上网|[挂放贴传]到网上|挂出来?)"
            r"|(?:发布|公布|印发|报送|上报|发出|出台|挂网|上线|上网)(?:的)?(?:日期|时间|日子|日|于哪)"
            # 网上挂出来是哪年哪月哪日: the date after the verb
            r"|(?:发布|公布|挂网|上网|[挂放贴传]到网上|挂出来?)的?(?:是|于|在)?(?:哪天|哪一天|什么时候|何时|哪年哪月|几月几)"
            r"|\b(?:when|(?:what|which) (?:date|day))\b.{0,60}"
            r"\b(?:publish(?:ed)?|releas(?:e|ed)|issued?|submit(?:ted)?|post(?:ed)?|upload(?:ed)?"
            r"|put (?:it )?online)\b"
            r"|(?:publication|release) date|date of (?:publication|issue|release)",
            re.I,
        ),
        ("published", "signed"),
    ),
    (
        "issuer",
        re.compile(
            r"(?:哪个|哪家|什么|哪一个)(?:单位|部门|机关|机构).{0,3}(?:发布|印发|发的|写的|报送|出具|提交|作的)"
            r"|谁(?:发布|印发|发的|写的|报送)|(?:发布|印发|发文)(?:单位|机关|机构)"
            r"|\bissued by\b|\bwho (?:issued|published|wrote)\b"
            r"|which (?:office|body|department|bureau|agency)",
            re.I,
        ),
        ("issuer",),
    ),
    ("title", re.compile(r"标题|题目|全称|\b(?:full )?title\b", re.I), ("title",)),
)
NAMES = {
    "docnum": "文号",
    "signed": "落款日期",
    "published": "发布日期",
    "issuer": "发布单位",
    "title": "标题",
}


def fact_asked(question: str) -> tuple[str, tuple[str, ...]] | None:
    """What a question asks of a report itself (``signed``, ``published``, …) and the facts that
    answer it, or None when it asks about the report's content."""
    if not REPORT.search(question):
        return None
    return next(((name, facts) for name, pattern, facts in ASKED if pattern.search(question)), None)


def report_fact(
    question: str,
    info: QueryInfo,
    documents: list[DocInfo],
    passages: list[Passage],
    chunks_of: Callable[[str], Iterable[Chunk]],
    text_of: Callable[[str], str],
) -> Answer | None:
    """The answer from the report's own facts, or None when the question asks something else.

    The report is the one the question scopes to, else the one its best passage is from; one that
    does not state the fact gets a note saying so, with the passages, rather than another date."""
    asked = fact_asked(question)
    if asked is None:
        return None
    name, wanted = asked
    scoped = [d for d in documents if d.doc in info.docs] if info.docs else []
    doc = scoped[0] if len(scoped) == 1 else None
    if doc is None and passages:
        doc = next((d for d in documents if d.doc == passages[0].doc), None)
    if doc is None:
        return None
    fact = next((f for w in wanted for f in doc.facts if f.name == w), None)
    if fact is None:
        note = f"《{doc.title}》没有写明{NAMES[name]}；下列为最相关的段落。"
        return Answer(question, None, passages, note, "fact")
    text = text_of(doc.doc)
    cited, span = _cited(doc, fact, chunks_of(doc.doc), text)
    note = None if fact.name == name else f"报告没有写明{NAMES[name]}，这是它的{NAMES[fact.name]}。"
    rest = [p for p in passages if p.id != cited.id]
    value = text[fact.start : fact.end]  # as written (2024年2月26日), which the citation shows
    return Answer(
        question, value, [cited, *rest][: max(1, len(passages))], note, "fact", span, confidence=1.0
    )


def _cited(doc: DocInfo, fact: Fact, chunks: Iterable[Chunk], text: str) -> tuple[Passage, tuple[int, int]]:
    """The passage that cites ``fact`` (the chunk holding its words, else their line of the file)
    and the fact's offsets in that passage's text."""
    chunk = next((c for c in chunks if c.start <= fact.start and fact.end <= c.end), None)
    if chunk is None:  # a header or signature line no chunk holds: cite the line itself
        start = text.rfind("\n", 0, fact.start) + 1
        end = text.find("\n", fact.end)
        end = len(text) if end < 0 else end
        where = ("（文首）",) if fact.start < len(text) // 2 else ("（落款）",)
        chunk = Chunk(
            f"{doc.doc}#{fact.name}",
            doc.doc,
            doc.title,
            doc.region,
            doc.year,
            where,
            start,
            end,
            text[start:end],
        )
    return Passage(chunk, 1.0), (fact.start - chunk.start, fact.end - chunk.start)
