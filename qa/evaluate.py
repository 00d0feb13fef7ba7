"""Evaluation on a question file: retrieval recall@1/5 and MRR@10 per retriever, answer accuracy.

A retrieval hit is a passage from the right report that contains one of the question's evidence
strings, compared after NFKC and whitespace removal. An answer is right when the gold span stands in
a short answer (at most 40 characters, or 3x the gold) and a gold number is not glued to other digits
(gold 25 is not inside 125); a ``none`` question is right when no answer is given. Per type: accuracy;
for lists also the share of gold items recalled; overall the abstention rate on unanswerable
questions and the false-abstention rate on answerable ones. Numbers only: nothing here is tuned to
the questions.
"""

from __future__ import annotations

import json
import re
import statistics
import time
from collections import defaultdict
from pathlib import Path

from .api import ReportQA
from .ask.retrieve import MODES
from .errors import QAError
from .text import nfkc_compact


def load_questions(path: str | Path) -> list[dict]:
    try:
        rows = [
            json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()
        ]
    except (OSError, json.JSONDecodeError) as exc:
        raise QAError(f"cannot read questions from {path}: {exc}") from exc
    for n, r in enumerate(rows, start=1):
        if not isinstance(r, dict) or not isinstance(r.get("question"), str):
            raise QAError(f"{path}: question {n} has no 'question' text")
        gradable = (
            (r.get("doc") and r.get("evidence")) or r.get("answer") is not None or r.get("type") == "none"
        )
        if not gradable:
            raise QAError(
                f"{path}: question {n} ({r.get('id', 'no id')}) has nothing to measure against",
                "give it 'doc' and 'evidence', or 'answer' (or type 'none')",
            )
    if not rows:
        raise QAError(f"{path} has no questions")
    return rows


def gold_pairs(q: dict) -> list[tuple[str, str]]:
    docs = q.get("doc")
    ev = q.get("evidence") or []
    if not docs or not ev:
        return []
    if isinstance(docs, list):
        return [(docs[min(i, len(docs) - 1)], e) for i, e in enumerate(ev)]
    return [(docs, e) for e in ev]


def first_hit(passages, pairs) -> int | None:
    for rank, p in enumerate(passages, start=1):
        text = nfkc_compact(p.text)
        if any(p.doc == d and nfkc_compact(e) in text for d, e in pairs):
            return rank
    return None


SHORT = 40  # an answer this long or shorter is short whatever the gold's length
ITEM_SPLIT = re.compile(r"[、，,；;]")


def answer_correct(gold: str, predicted: str | None) -> bool:
    """The gold span stands in a short answer, its numbers not glued to other digits."""
    if predicted is None:
        return False
    g, p = nfkc_compact(gold), nfkc_compact(predicted)
    if not g or len(p) > max(SHORT, 3 * len(g)):
        return False
    for m in re.finditer(re.escape(g), p):
        before, after = p[m.start() - 1 : m.start()], p[m.end() : m.end() + 1]
        glued = (g[0].isdigit() and (before.isdigit() or before == ".")) or (
            g[-1].isdigit() and (after.isdigit() or after == ".")
        )
        if not glued:
            return True
    return False


def items_recalled(gold: str, predicted: str | None) -> float:
    """Share of a gold list's items that stand whole in the predicted answer."""
    items = [nfkc_compact(i) for i in ITEM_SPLIT.split(gold) if i.strip()]
    p = nfkc_compact(predicted or "")
    return sum(1 for i in items if i in p) / len(items) if items else 0.0


def evaluate(rqa: ReportQA, questions: list[dict]) -> dict:
    """Per-retriever retrieval metrics (overall and by difficulty) and answer metrics by type."""
    retrieval: dict[str, dict[str, list[float]]] = {m: defaultdict(list) for m in MODES}
    for q in questions:
        pairs = gold_pairs(q)
        if not pairs:
            continue
        for mode in MODES:
            passages = rqa.search(q["question"], 10, mode=mode)
            rank = first_hit(passages, pairs)
            for group in ("all", q.get("difficulty", "?")):
                retrieval[mode][group].append(rank or 0)
    answers: dict[str, list[int]] = defaultdict(list)
    recalled: list[float] = []
    false_abstain, answerable, latencies, details = 0, 0, [], []
    for q in questions:
        rqa.embedder.clear_cache()  # time the question as a first-time asker would wait
        t0 = time.perf_counter()
        ans = rqa.ask(q["question"], k=5)
        latencies.append(time.perf_counter() - t0)
        kind = q.get("type", "?")
        if kind == "none":
            ok = ans.answer is None
        elif q.get("answer") is None:
            continue
        else:
            ok = answer_correct(q["answer"], ans.answer)
            false_abstain += ans.answer is None
            answerable += 1
            if kind == "list":
                recalled.append(items_recalled(q["answer"], ans.answer))
        answers[kind].append(int(ok))
        details.append(
            {
                "id": q.get("id"),
                "type": kind,
                "ok": ok,
                "gold": q.get("answer"),
                "answer": ans.answer,
                "note": ans.note,
                "confidence": ans.confidence,
            }
        )
    return {
        "retrieval": {
            m: {g: retrieval_metrics(r) for g, r in groups.items()} for m, groups in retrieval.items()
        },
        "answers": {k: (sum(v), len(v)) for k, v in answers.items()},
        "false_abstentions": false_abstain,
        "answerable": answerable,
        "list_items_recalled": sum(recalled) / len(recalled) if recalled else None,
        "latency_ms_median": 1000 * statistics.median(latencies) if latencies else 0.0,
        "details": details,
    }


def retrieval_metrics(ranks: list[int]) -> dict:
    n = len(ranks)
    return {
        "n": n,
        "recall@1": sum(1 for r in ranks if r == 1) / n,
        "recall@5": sum(1 for r in ranks if 1 <= r <= 5) / n,
        "mrr@10": sum(1 / r for r in ranks if 1 <= r <= 10) / n,
    }


def format_report(result: dict) -> str:
    """Markdown tables, printable and pasteable into docs/ and closing notes."""
    lines = ["| retriever | group | n | recall@1 | recall@5 | MRR@10 |", "|---|---|---|---|---|---|"]
    for mode, groups in result["retrieval"].items():
        for group in sorted(groups, key=lambda g: (g != "all", g)):
            m = groups[group]
            lines.append(
                f"| {mode} | {group} | {m['n']} | {m['recall@1']:.3f} | {m['recall@5']:.3f} "
                f"| {m['mrr@10']:.3f} |"
            )
    lines += ["", "| answer type | correct | n | accuracy |", "|---|---|---|---|"]
    total_ok = total = 0
    for kind, (ok, n) in sorted(result["answers"].items()):
        lines.append(f"| {kind} | {ok} | {n} | {ok / n:.3f} |")
        total_ok, total = total_ok + ok, total + n
    if total:
        lines.append(f"| all | {total_ok} | {total} | {total_ok / total:.3f} |")
    none = result["answers"].get("none")
    lines += ["", f"false abstentions: {result['false_abstentions']} of {result['answerable']} answerable"]
    if result["answerable"]:
        lines.append(f"false abstention rate: {result['false_abstentions'] / result['answerable']:.3f}")
    if none:
        lines.append(f"abstention on unanswerable: {none[0]}/{none[1]} = {none[0] / none[1]:.3f}")
    if result["list_items_recalled"] is not None:
        lines.append(f"list items recalled: {result['list_items_recalled']:.3f}")
    lines += [
        f"median ask latency: {result['latency_ms_median']:.1f} ms",
    ]
    return "\n".join(lines)
