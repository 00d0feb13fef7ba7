"""Large collections: the dev set's retrieval and answers with N small reports added to the seeds.

    python bench/big_collection.py ../shared/eval/dev.jsonl [--sizes 0,200,500] [--work /tmp/big]

The small reports are those of tests/test_big_collection.py (paragraphs of the seeds with their
places renamed, titled as other counties' reports of other years), so they compete with the
seeds' own passages; ``--texts FOLDER`` draws the paragraphs from other reports as well. The seeds
are indexed once with the real model and the reports added in steps (only they are embedded).
"""

from __future__ import annotations

import argparse
import logging
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from qa import Config, ReportQA  # noqa: E402
from qa.evaluate import evaluate, format_report, load_questions  # noqa: E402
from tests.test_big_collection import HEADLINE, small_reports  # noqa: E402

SEEDS = ROOT / "seeds"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dev", help="eval questions (jsonl) on the seeds")
    ap.add_argument("--sizes", default="0,200,500", help="numbers of added reports, ascending")
    ap.add_argument("--work", default="/tmp/big-collection", help="scratch folder (replaced)")
    ap.add_argument("--texts", help="a folder of further .txt reports to draw paragraphs from")
    args = ap.parse_args()
    logging.basicConfig(level=logging.WARNING)
    sizes = sorted(int(s) for s in args.sizes.split(","))
    work = Path(args.work)
    shutil.rmtree(work, ignore_errors=True)
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    if args.texts:
        texts += [p.read_text(encoding="utf-8") for p in sorted(Path(args.texts).glob("*.txt"))]
    added = small_reports(work / "small", sizes[-1], texts)
    shutil.copytree(SEEDS, work / "seeds")
    rqa = ReportQA.build(work / "seeds", work / "index", Config())
    questions = load_questions(args.dev)
    summary = []
    have = 0
    for n in sizes:
        if n > have:
            rqa.add(added[have:n])
            have = n
        result = evaluate(rqa, questions)
        print(f"\n## {n} reports added ({len(rqa.documents())} in all)\n\n{format_report(result)}")
        wrong = [f"{d['id']} {d['gold']}→{d['answer']}" for d in result["details"] if not d["ok"]]
        print(f"\nwrong answers: {'; '.join(wrong) or 'none'}")
        headline = sum(rqa.ask(q).answer == a for q, a in HEADLINE)
        fused = result["retrieval"]["fused"]["all"]
        ok = sum(v[0] for v in result["answers"].values())
        total = sum(v[1] for v in result["answers"].values())
        summary.append((n, fused["recall@1"], fused["recall@5"], ok, total, headline))
    print("\n| added | fused R@1 | fused R@5 | answers | headline questions |\n|---|---|---|---|---|")
    for n, r1, r5, ok, total, headline in summary:
        print(f"| {n} | {r1:.3f} | {r5:.3f} | {ok}/{total} | {headline}/{len(HEADLINE)} |")


if __name__ == "__main__":
    main()
