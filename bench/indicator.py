"""One figure across a collection: index the seeds plus a folder of reports, print the indicator table.

Usage: python bench/indicator.py ../shared/corpora/national [--index /tmp/indicator-nat] [-q QUESTION]

Why a script and not a test: the national reports live outside the repository (tests never read
../shared). Each stated row is checked against the source text (figure and sentence at their
offsets), so a wrong citation fails loudly; whether the figure is the right one is for the reader
to check against the printed sentence.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from qa import ReportQA  # noqa: E402

QUESTION = "历年政府工作报告提出的国内生产总值增长预期目标"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", help="a folder of reports to index with the seeds")
    ap.add_argument("--index", default="/tmp/indicator-bench", help="index folder (reused when current)")
    ap.add_argument("-q", "--question", action="append", help=f"question(s) (default: {QUESTION})")
    ap.add_argument("--csv", help="also write the first question's rows as CSV here")
    args = ap.parse_args()
    rqa = ReportQA.open_or_build([str(ROOT / "seeds"), args.folder], args.index)
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


if __name__ == "__main__":
    sys.exit(main())
