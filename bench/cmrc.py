"""Retrieval benchmark on CMRC 2018 (trial): each question must find its Wikipedia context.

The 256 contexts are written as one report each (title line + context) and indexed with the
normal pipeline; recall@1/5 and MRR@10 are printed for the dense, keyword and fused
retrievers, so fusion is judged on Chinese text that no one here wrote.

    python bench/cmrc.py ../shared/corpora/cmrc2018_trial.jsonl [--work DIR] [--fusion rrf|weighted]
        [--contexts 848 --filler DIR]

``--contexts N --filler DIR`` adds passages cut from the .txt files in DIR, each as long as a
context of the file in turn, until there are N contexts: the size of the CMRC dev set (848), whose
build time is a target, when only the trial is at hand. Only the build is timed then: the filler
texts carry years and places the trial's contexts lack, so recall among them is not the trial's.
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


def add_filler(folder: Path, contexts: int, filler: Path) -> int:
    """Passages of the filler's texts (in file order), each as long as the next trial context, as
    ``fill0000.txt``… until ``folder`` holds ``contexts`` contexts; how many were added."""
    lengths = [len(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("ctx*.txt"))]
    wanted = contexts - len(lengths)
    added = 0
    for path in sorted(filler.glob("*.txt")):
        lines = path.read_text(encoding="utf-8").splitlines()
        title, text = lines[0].strip(), "\n".join(lines[1:])
        at = 0
        while added < wanted and at < len(text):
            size = lengths[added % len(lengths)]
            part = text[at : at + size]
            at += size
            (folder / f"fill{added:04d}.txt").write_text(f"{title}（{added}）\n{part}\n", encoding="utf-8")
            added += 1
    return added


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("file", type=Path)
    ap.add_argument("--work", type=Path, default=Path("bench/.work/cmrc"), help="cached contexts and index")
    ap.add_argument("--fusion", choices=["rrf", "weighted"], help="override the default fusion")
    ap.add_argument("--contexts", type=int, help="contexts in all, the rest cut from --filler")
    ap.add_argument("--filler", type=Path, help="folder of .txt files (first line a title) to cut them from")
    args = ap.parse_args()
    if (args.contexts is None) != (args.filler is None):
        ap.error("--contexts and --filler go together")
    logging.basicConfig(level=logging.WARNING)
    folder, questions = prepare(args.file, args.work)
    if args.contexts:  # a build-time stand-in: recall among these distractors is not the trial's
        print(f"{add_filler(folder, args.contexts, args.filler)} filler contexts from {args.filler}")
    config = dataclasses.replace(Config(), fusion=args.fusion) if args.fusion else Config()
    t0 = time.perf_counter()
    rqa = ReportQA.open_or_build(folder, args.work / "index", config)
    print(
        f"index ready in {time.perf_counter() - t0:.1f}s: {len(rqa.documents())} contexts, {len(rqa.chunks())} chunks"
    )
    if args.contexts:
        return 0
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
