"""Scale benchmark: ~50k chunks of real Chinese legal texts, and FAISS at 1M synthetic vectors.

    python bench/scale.py ../shared/corpora/laws.jsonl.gz [--chars 17500000] [--work bench/.work/laws]

The laws are written as one file each and indexed with the normal pipeline (cached in --work, so
a second run only measures queries). Prints and writes to docs/BENCHMARKS.md: build time, chunks,
query latency (p50/p95 of search and ask), memory; then flat vs HNSW at 1M vectors.
"""
from __future__ import annotations

import argparse
import gzip
import json
import logging
import random
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import p50, pct, peak_rss_mb, rss_mb, timed, write_section  # noqa: E402

from qa import ReportQA  # noqa: E402


def prepare(path: Path, folder: Path, chars: int) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    total = n = 0
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            target = folder / f"{row['id']}.md"
            if not target.exists():
                target.write_text(row["text"], encoding="utf-8")
            total += len(row["text"])
            n += 1
            if total >= chars:
                break
    return n


def queries_from(rqa: ReportQA, n: int, seed: int = 7) -> list[str]:
    """Questions made from real chunk text: a clause of a random chunk, lightly reworded."""
    rng = random.Random(seed)
    chunks = rqa._stored.chunks
    out = []
    while len(out) < n:
        text = rng.choice(chunks).text
        parts = [p for p in re.split(r"[，。；\n]", text) if 8 <= len(p) <= 40]
        if parts:
            out.append(rng.choice(parts) + "的规定是什么")
    return out


def query_bench(rqa: ReportQA, queries: list[str]) -> dict:
    for q in queries[:5]:
        rqa.ask(q)  # warm up
    search_ms = [timed(rqa.search, q, 5)[1] for q in queries]
    ask_ms = [timed(rqa.ask, q, 5)[1] for q in queries]
    return {"search_p50": p50(search_ms), "search_p95": pct(search_ms, 0.95), "ask_p50": p50(ask_ms), "ask_p95": pct(ask_ms, 0.95)}


def ann_bench(n: int, dim: int = 384, queries: int = 200) -> list[dict]:
    """Flat vs HNSW on n synthetic unit vectors: build time, query latency, recall@10 vs flat."""
    import faiss
    import numpy as np

    from qa.store import make_vector_index

    rng = np.random.default_rng(0)
    base = rng.standard_normal((n, dim), dtype=np.float32)
    base /= np.linalg.norm(base, axis=1, keepdims=True)
    q = base[rng.choice(n, queries, replace=False)] + 0.3 * rng.standard_normal((queries, dim), dtype=np.float32)
    q /= np.linalg.norm(q, axis=1, keepdims=True)
    rows = []
    truth = None
    for kind in ("flat", "hnsw"):
        index, build_ms = timed(make_vector_index, dim, n, kind)
        t0 = time.perf_counter()
        index.add(base)
        build_s = (time.perf_counter() - t0) + build_ms / 1000
        lat = []
        found = []
        for i in range(queries):
            (scores, ids), ms = timed(index.search, q[i : i + 1], 10)
            lat.append(ms)
            found.append(ids[0])
        if kind == "flat":
            truth = found
        recall = sum(len(set(a) & set(b)) for a, b in zip(found, truth)) / (10 * queries)
        rows.append({"kind": kind, "n": n, "build_s": build_s, "p50_ms": p50(lat), "p95_ms": pct(lat, 0.95), "recall@10": recall})
        del index
    return rows


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("file", type=Path)
    ap.add_argument("--chars", type=int, default=17_500_000, help="characters of law text to index (~50k chunks)")
    ap.add_argument("--work", type=Path, default=Path("bench/.work/laws"))
    ap.add_argument("--vectors", type=int, default=1_000_000, help="synthetic vectors for the FAISS part")
    ap.add_argument("--queries", type=int, default=100)
    args = ap.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s: %(message)s")
    for noisy in ("sentence_transformers", "transformers", "faiss", "bm25s", "httpx"):
        logging.getLogger(noisy).setLevel(logging.ERROR)
    docs = prepare(args.file, args.work / "docs", args.chars)
    start_rss = rss_mb()
    t0 = time.perf_counter()
    index_dir = args.work / "index"
    fresh = not (index_dir / "manifest.json").exists()
    rqa = ReportQA.open_or_build(args.work / "docs", index_dir, progress=True)
    build_s = time.perf_counter() - t0
    chunks = len(rqa._stored.chunks)
    loaded_rss = rss_mb()
    qs = queries_from(rqa, args.queries)
    result = query_bench(rqa, qs)
    lines = [
        f"Script: `python bench/scale.py {args.file}` · {docs} laws, {chunks:,} chunks, vector index `{rqa._stored.manifest.get('vector_index', 'flat')}`.",
        "",
        "| measure | value |", "|---|---|",
        (f"| build (embed everything) | {build_s:.0f} s, {chunks / build_s:.1f} chunks/s |" if fresh else f"| open cached index (model + index load) | {build_s:.1f} s |"),
        f"| search p50 / p95 | {result['search_p50']:.1f} / {result['search_p95']:.1f} ms |",
        f"| ask p50 / p95 | {result['ask_p50']:.1f} / {result['ask_p95']:.1f} ms |",
        f"| RSS at start / after load / peak | {start_rss:.0f} / {loaded_rss:.0f} / {peak_rss_mb():.0f} MiB |",
    ]
    if args.vectors:
        ann = ann_bench(args.vectors)
        lines += ["", f"FAISS alone at {args.vectors:,} synthetic 384-d vectors (one query at a time):", "",
                  "| index | build | p50 | p95 | recall@10 vs flat |", "|---|---|---|---|---|"]
        lines += [f"| {r['kind']} | {r['build_s']:.0f} s | {r['p50_ms']:.2f} ms | {r['p95_ms']:.2f} ms | {r['recall@10']:.3f} |" for r in ann]
    body = "\n".join(lines)
    print(body)
    write_section("Scale: ~50k chunks and 1M vectors", body)
    return 0


if __name__ == "__main__":
    sys.exit(main())
