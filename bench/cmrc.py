"""Retrieval benchmark on CMRC 2018 (trial): each question must find its Wikipedia context.

The 256 contexts are written as one report each (title line + context) and indexed with the
normal pipeline; recall@1/5 and MRR@10 are printed for the dense, keyword and fused
retrievers, so fusion is judged on Chinese text that no one here wrote.

    python bench/cmrc.py ../shared/corpora/cmrc2018_trial.jsonl [--work DIR] [--fusion rrf|weighted]
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import logging
import sys
import time
from pathlib import Path

from qa import Config, ReportQA
from qa.ask.retrieve import MODES
from qa.evaluate import retrieval_metrics


def prepare(path: Path, work: Path) -> tuple[Path, list[tuple[str, str]]]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    docs: dict[str, str] = {}
    questions = []
    folder = work / "contexts"
    folder.mkdir(parents=True, exist_ok=True)
    for r in rows:
        name = docs.setdefault(r["context"], f"ctx{len(docs):04d}.txt")
        if r["question"].strip():
            questions.append((r["question"], name))
    for context, name in docs.items():
        title = next(r["title"] for r in rows if r["context"] == context)
        (folder / name).write_text(f"{title}\n{context}\n", encoding="utf-8")
    return folder, questions


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("file", type=Path)
    ap.add_argument("--work", type=Path, default=Path("bench/.work/cmrc"), help="cached contexts and index")
    ap.add_argument("--fusion", choices=["rrf", "weighted"], help="override the default fusion")
    args = ap.parse_args()
    logging.basicConfig(level=logging.WARNING)
    folder, questions = prepare(args.file, args.work)
    config = dataclasses.replace(Config(), fusion=args.fusion) if args.fusion else Config()
    t0 = time.perf_counter()
    rqa = ReportQA.open_or_build(folder, args.work / "index", config)
    print(
        f"index ready in {time.perf_counter() - t0:.1f}s: {len(rqa.documents())} contexts, {len(rqa.chunks())} chunks"
    )
    print(f"fusion: {rqa.config.fusion}, keyword weight {rqa.config.keyword_weight}")
    print("| retriever | n | recall@1 | recall@5 | MRR@10 |\n|---|---|---|---|---|")
    for mode in MODES:
        ranks = []
        for q, doc in questions:
            passages = rqa.search(q, 10, mode=mode)
            seen: list[str] = []
            for p in passages:  # rank of the context, counting each context once
                if p.doc not in seen:
                    seen.append(p.doc)
            ranks.append(seen.index(doc) + 1 if doc in seen else 0)
        m = retrieval_metrics(ranks)
        print(f"| {mode} | {m['n']} | {m['recall@1']:.3f} | {m['recall@5']:.3f} | {m['mrr@10']:.3f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
