"""One figure across a collection: index the seeds plus a folder of reports, print the indicator table.

Usage: python bench/indicator.py ../shared/corpora/national [--index /tmp/indicator-nat] [-q QUESTION]
       python bench/indicator.py --open INDEX --questions bench/indicator_questions.jsonl

``--questions`` scores a file of questions: "indicator" ones carry the true figure of every report
in scope (``rows``: file name → figure as printed, null where the report does not state it, or a
list of readings that are all right), and
each row is counted right, wrong, missed (not stated given for a stated figure) or not-stated
correct; "cross" ones (the eval format) count when the gold answer stands in the answer.

Why a script and not a test: the national reports live outside the repository (tests never read
../shared). Each stated row is checked against the source text (figure and sentence at their
offsets), so a wrong citation fails loudly; whether the figure is the right one is for the reader
to check against the printed sentence.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from qa import ReportQA  # noqa: E402

QUESTION = "历年政府工作报告提出的国内生产总值增长预期目标"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", nargs="?", help="a folder of reports to index with the seeds")
    ap.add_argument("--open", help="open this index as it is (read only) instead of building one")
    ap.add_argument("--questions", help="score this .jsonl of indicator and cross questions")
    ap.add_argument("--index", default="/tmp/indicator-bench", help="index folder (reused when current)")
    ap.add_argument("-q", "--question", action="append", help=f"question(s) (default: {QUESTION})")
    ap.add_argument("--csv", help="also write the first question's rows as CSV here")
    args = ap.parse_args()
    if args.open:
        rqa = ReportQA.open(args.open)
    elif args.folder:
        rqa = ReportQA.open_or_build([str(ROOT / "seeds"), args.folder], args.index)
    else:
        ap.error("give a folder to index or --open INDEX")
    if args.questions:
        return score(rqa, Path(args.questions))
    for question in args.question or [QUESTION]:
        t0 = time.perf_counter()
        ind = rqa.indicator(question)
        ms = (time.perf_counter() - t0) * 1000
        print(f"\n{question}  ({len(ind.rows)} reports in scope, {len(ind.stated)} state it, {ms:.0f} ms)")
        print(f"chart: {ind.chart()['type']}; groups: {'；'.join(g.label for g in ind.groups) or '-'}")
        if ind.note:
            print(f"note: {ind.note}")
        for r in ind.rows:
            if r.stated:
                text = rqa.source_text(r.doc)
                assert text[r.start : r.end] == r.figure, r
                assert text[r.sentence_start : r.sentence_end] == r.sentence, r
            figure = f"{r.figure} = {r.value:g} {r.base} {r.qualifier or ''}" if r.stated else "（未提及）"
            print(
                f"  {r.region or '?'}\t{r.year or '?'}\t{figure}\t{r.noun or ''}\t{(r.sentence or '')[:70]}"
            )
        if args.csv and question == (args.question or [QUESTION])[0]:
            Path(args.csv).write_text(ind.to_csv(), encoding="utf-8")
    return 0


def _norm(figure: str | None) -> str | None:
    return None if figure is None else re.sub(r"\s+", "", unicodedata.normalize("NFKC", figure))


def score(rqa: ReportQA, path: Path) -> int:
    """Rows right / wrong / missed / not-stated correct per indicator question; cross answers right."""
    totals = dict(right=0, wrong=0, missed=0, not_stated_ok=0)
    cross = [0, 0]
    for line in path.read_text(encoding="utf-8").splitlines():
        q = json.loads(line)
        if q["type"] == "cross":
            answer = rqa.ask(q["question"]).answer
            ok = _norm(q["answer"]) in (_norm(answer) or "")
            cross[0] += ok
            cross[1] += 1
            print(f"{q['id']} cross {'ok ' if ok else 'BAD'} {answer!r} (gold {q['answer']})")
            continue
        got = {r.doc: r.figure for r in rqa.indicator(q["question"]).rows}
        counts = dict.fromkeys(totals, 0)
        for doc, gold in q["rows"].items():
            figure = _norm(got.get(doc))
            if isinstance(gold, list):  # several readings are right: take the one given, if any
                gold = next((g for g in gold if _norm(g) == figure), gold[0])
            if gold is None:
                key = "not_stated_ok" if figure is None else "wrong"
            elif figure is None:
                key = "missed"
            else:
                key = "right" if figure == _norm(gold) else "wrong"
            counts[key] += 1
            if key in ("wrong", "missed"):
                print(f"    {doc}: got {got.get(doc)!r}, true {gold!r}")
        extra = sorted(set(got) - set(q["rows"]))
        print(
            f"{q['id']} {q['question']}: {counts}"
            + (f"; rows outside the scope: {len(extra)}" if extra else "")
        )
        totals = {k: totals[k] + counts[k] for k in totals}
    print(f"\nindicator rows: {totals}; cross answers: {cross[0]}/{cross[1]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
