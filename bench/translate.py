"""Keyword-side recall of English questions: glossary (qa.terms) vs CC-CEDICT (qa.translate) vs both.

    python bench/translate.py [--national ../shared/corpora/national] [QUESTIONS.jsonl ...] [-v]

Chunks the seeds and the national reports with the index's own pipeline, builds the BM25 index
over the chunks' embed texts (no model needed), and asks each English question with a gold
document and evidence through the keyword side alone. A hit is a chunk of the gold report that
contains an evidence string (qa.evaluate.first_hit). "all" searches every chunk; "scoped" first
narrows to the reports of the question's year and region, as the retriever does. Also times the
reverse dictionary (built from the package, then loaded from its cache) and one translation.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DEFAULT_QUESTIONS = [
    SHARED / "eval" / "dev.jsonl",
    SHARED / "eval" / "national_dev.jsonl",
    ROOT / "bench" / "translate_questions.jsonl",
]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("questions", nargs="*", type=Path, default=DEFAULT_QUESTIONS)
    ap.add_argument("--seeds", type=Path, default=ROOT / "seeds")
    ap.add_argument("--national", type=Path, default=SHARED / "corpora" / "national")
    ap.add_argument(
        "-v", "--verbose", action="store_true", help="per question: the queries and the hit ranks"
    )
    args = ap.parse_args()
    logging.basicConfig(level=logging.WARNING)
    sys.path.insert(0, str(ROOT))
    os.environ["QA_CACHE"] = tempfile.mkdtemp(prefix="bench-translate-")  # time a cold build first
    import jieba

    from qa.ask import translate as tr
    from qa.ask.terms import expand
    from qa.ask.understand import understand
    from qa.config import Config
    from qa.evaluate import first_hit, gold_pairs
    from qa.index.collection import prepare
    from qa.index.keyword import KeywordIndex
    from qa.ingest.chunk import embed_text

    jieba.dt.check_initialized()  # jieba's own dictionary load is not the reverse index's cost
    t0 = time.perf_counter()
    tr.reverse_index()
    build_s = time.perf_counter() - t0
    tr.reverse_index.cache_clear()
    t0 = time.perf_counter()
    tr.reverse_index()
    load_s = time.perf_counter() - t0

    chunks, documents = [], []
    paths = sorted(args.seeds.glob("*.txt")) + sorted(args.national.glob("*.txt"))
    for path in paths:  # read, describe and chunk each report as an index build does
        entry = prepare(path, Config(), {}, {})
        chunks += entry.chunks
        documents.append(entry.info)
    index = KeywordIndex.build([embed_text(c) for c in chunks])
    rows_of: dict[str, list[int]] = {}
    for i, c in enumerate(chunks):
        rows_of.setdefault(c.doc, []).append(i)

    methods = {
        "glossary": expand,
        "dictionary": lambda q: tr.keyword_query(q, glossary={}),
        "dictionary+glossary": tr.keyword_query,
    }
    latencies = []
    for q in ["What GDP growth target did the report set?", "How many new urban jobs were created?"] * 10:
        t0 = time.perf_counter()
        tr.translate(q)
        latencies.append((time.perf_counter() - t0) * 1000)
    print(
        f"{len(paths)} reports, {len(chunks)} chunks; reverse dictionary: built {build_s:.2f} s, "
        f"loaded from cache {load_s:.2f} s; translate() median {statistics.median(latencies):.2f} ms\n"
    )
    print("| questions | n | scope | method | recall@5 | recall@10 |")
    print("|---|---|---|---|---|---|")
    for qfile in args.questions:
        rows = [json.loads(line) for line in qfile.read_text(encoding="utf-8").splitlines() if line.strip()]
        rows = [r for r in rows if r.get("lang") == "en" and gold_pairs(r)]
        for scope in ("all", "scoped"):
            for name, make in methods.items():
                ranks = []
                for r in rows:
                    mask = None
                    info = understand(r["question"], documents)
                    if scope == "scoped" and info.docs:
                        mask = np.zeros(len(chunks), np.float32)
                        mask[[i for d in info.docs for i in rows_of.get(d, [])]] = 1
                    query = make(r["question"])
                    hits = index.search(query, 10, mask) if query.strip() else []
                    rank = first_hit([chunks[i] for i, _ in hits], gold_pairs(r))
                    ranks.append(rank or 0)
                    if args.verbose and scope == "all":
                        print(f"  {r['id']} {name}: rank {rank} ← {query[:150]}")
                n = len(ranks)
                r5 = sum(1 for x in ranks if 1 <= x <= 5) / n
                r10 = sum(1 for x in ranks if 1 <= x <= 10) / n
                print(f"| {qfile.name} | {n} | {scope} | {name} | {r5:.3f} | {r10:.3f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
