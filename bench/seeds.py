"""Speed on the bundled seeds: indexing against raw encode, query latency by stage, throughput, memory.

    python bench/seeds.py [--rounds 5]

Prints the tables and writes them to docs/BENCHMARKS.md. Timings are wall-clock on this machine;
the dev questions are the query set (each asked --rounds times, warm).
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import p50, pct, peak_rss_mb, publish, rss_mb, timed  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
QUESTIONS = [
    "湟中区2024年查处了多少起环境违法行为",
    "how many environmental violations did Huangzhong investigate in 2024",
    "泰顺县PM2.5降幅是多少",
    "许昌2023年“12369”共接到多少件举报？",
    "江津区生态环境局请的是哪家律师事务所做法律顾问？",
    "丰泽2023年办成了几起生态损害索赔的案子？",
    "How many emergency drills did Xuchang organize in 2023?",
    "行政复议案件有多少",
]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--questions", type=Path, help="optional JSONL with a 'question' field per line")
    args = ap.parse_args()
    logging.basicConfig(level=logging.WARNING)
    start_rss = rss_mb()
    t0 = time.perf_counter()
    from qa import Config, ReportQA
    from qa.ask.answer import answer_question
    from qa.index.embed import Embedder
    from qa.ingest import ingest
    from qa.ingest.chunk import embed_text

    config = Config()
    embedder = Embedder(config.model, config.backend)
    model_s = time.perf_counter() - t0
    model_rss = rss_mb()

    # indexing: the whole build against raw encode of the same texts, same run
    texts = []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        texts += [embed_text(c) for c in ingest(path, config.max_chars, config.min_chars)[2]]
    embedder.passages(texts[:16])  # warm
    _, raw_ms = timed(embedder.passages, texts, config.batch_size)
    with tempfile.TemporaryDirectory() as tmp:
        rqa, build_ms = timed(ReportQA.build, ROOT / "seeds", Path(tmp) / "index", config, embedder)
        loaded_rss = rss_mb()
        t_open = time.perf_counter()
        ReportQA.open(Path(tmp) / "index", config, embedder)
        open_ms = (time.perf_counter() - t_open) * 1000

        questions = QUESTIONS
        if args.questions:
            questions = [
                json.loads(line)["question"]
                for line in args.questions.read_text(encoding="utf-8").splitlines()
                if line.strip()
            ]
        for q in questions:
            rqa.ask(q)
        stages = {
            s: []
            for s in (
                "understand",
                "query embedding",
                "dense search",
                "keyword search",
                "fusion",
                "answer extraction",
            )
        }
        search_ms, ask_ms, cached_ms = [], [], []
        searcher = rqa.searcher
        dense_side, keyword_side = searcher.retrievers
        docs = rqa.documents()
        for _ in range(args.rounds):
            for q in questions:
                info, ms = timed(rqa.understand, q)
                stages["understand"].append(ms)
                qv, ms = timed(embedder.encode_query, q)
                stages["query embedding"].append(ms)
                _, ms = timed(dense_side.vectors.search, qv, config.candidates)
                stages["dense search"].append(ms)
                kw, ms = timed(keyword_side.hits, q, info, config.candidates, None)
                stages["keyword search"].append(ms)
                dense = [(i, 1.0 / (i + 1)) for i in range(config.candidates)]
                _, ms = timed(searcher.fusion.fuse, [(dense, 1.0), (kw, 1.0)])
                stages["fusion"].append(ms)
                passages = searcher.search(q, info, 5)
                _, ms = timed(answer_question, q, info, passages, docs, rqa.idf)
                stages["answer extraction"].append(ms)
                embedder.clear_cache()  # cold: the question is embedded again
                search_ms.append(timed(rqa.search, q, 5)[1])
                embedder.clear_cache()
                ask_ms.append(timed(rqa.ask, q, 5)[1])
                cached_ms.append(timed(rqa.ask, q, 5)[1])
        qps = {}
        for threads in (1, 4):
            batch = questions * args.rounds
            embedder.clear_cache()
            t1 = time.perf_counter()
            with ThreadPoolExecutor(threads) as pool:
                list(pool.map(lambda q: (embedder.clear_cache(), rqa.ask(q)), batch))
            qps[threads] = len(batch) / (time.perf_counter() - t1)
        load_rss = rss_mb()

    n = len(texts)
    lines = [
        f"Script: `python bench/seeds.py` · 5 seed reports, {n} chunks, {len(questions)} questions × {args.rounds} rounds, warm.",
        "",
        "| indexing | value |",
        "|---|---|",
        f"| raw `encode` of the chunk texts | {n / (raw_ms / 1000):.1f} chunks/s |",
        f"| whole `build` (read, clean, chunk, embed, BM25, write) | {n / (build_ms / 1000):.1f} chunks/s |",
        f"| ratio build / raw encode | {raw_ms / build_ms:.2f} |",
        f"| model load (first start, converted model cached) | {model_s:.1f} s |",
        f"| open a built index | {open_ms:.0f} ms |",
        "",
        "| query stage | p50 ms | p95 ms |",
        "|---|---|---|",
    ]
    lines += [f"| {name} | {p50(v):.2f} | {pct(v, 0.95):.2f} |" for name, v in stages.items()]
    lines += [
        f"| **search** (all stages to passages) | {p50(search_ms):.1f} | {pct(search_ms, 0.95):.1f} |",
        f"| **ask** (search + answer) | {p50(ask_ms):.1f} | {pct(ask_ms, 0.95):.1f} |",
        f"| ask, question vector cached (repeat, follow-up) | {p50(cached_ms):.1f} | {pct(cached_ms, 0.95):.1f} |",
        "",
        "| throughput / memory | value |",
        "|---|---|",
        f"| ask, 1 thread | {qps[1]:.1f} questions/s |",
        f"| ask, 4 threads | {qps[4]:.1f} questions/s |",
        f"| RSS at start / model loaded / index built / after load test | {start_rss:.0f} / {model_rss:.0f} / {loaded_rss:.0f} / {load_rss:.0f} MiB (peak {peak_rss_mb():.0f}) |",
    ]
    return publish("Seeds: indexing, query latency, throughput, memory", lines)


if __name__ == "__main__":
    sys.exit(main())
