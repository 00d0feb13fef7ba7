"""Scale benchmark: ~50k chunks of real Chinese legal texts, and FAISS alone at 1M vectors.

    python bench/scale.py ../shared/corpora/laws.jsonl.gz [--chars 17500000] [--embed 3000]
    python bench/scale.py ../shared/corpora/laws.jsonl.gz --store milvus:bench/.work/milvus.db

With ``--store`` the same collection (same vectors, no re-embedding) is also written to that
store and both are timed on the same questions, side by side (printed, docs/SCALING.md).

Embedding 50k chunks takes this 2-core machine well over an hour, so the script embeds a real
sample (--embed chunks, timed: that gives the projected full build) and gives the other chunks
vectors drawn near the real ones. Texts, chunking, the keyword index and every query stage run at
full size, so the latencies are those of a 50k-chunk collection; retrieval *quality* at that
size is not what this measures. Cached in --work; writes docs/BENCHMARKS.md.
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
from dataclasses import replace
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import p50, pct, peak_rss_mb, publish, rss_mb, timed  # noqa: E402

from qa import Config, ReportQA  # noqa: E402
from qa.index.collection import entries_of, list_sources, prepare, write  # noqa: E402
from qa.index.embed import Embedder  # noqa: E402
from qa.index.vectors import make_vector_index  # noqa: E402
from qa.ingest.chunk import embed_text  # noqa: E402


def laws(path: Path, folder: Path, chars: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    total = 0
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            target = folder / f"{row['id']}.md"
            if not target.exists():
                target.write_text(row["text"], encoding="utf-8")
            total += len(row["text"])
            if total >= chars:
                return


def build(folder: Path, index_dir: Path, config: Config, embedder: Embedder, sample: int) -> dict:
    t0 = time.perf_counter()
    entries = [prepare(f, config, {}, {}) for f in list_sources(folder)]
    prep_s = time.perf_counter() - t0
    chunks = [c for e in entries for c in e.chunks]
    rng = np.random.default_rng(0)
    picked = sorted(rng.choice(len(chunks), min(sample, len(chunks)), replace=False))
    texts = [embed_text(chunks[i]) for i in picked]
    t1 = time.perf_counter()
    real = embedder.passages(texts, config.batch_size, progress=True)
    rate = len(texts) / (time.perf_counter() - t1)
    fill = real[rng.integers(0, len(real), len(chunks))] + rng.normal(
        0, 0.02, (len(chunks), real.shape[1])
    ).astype(np.float32)
    fill[picked] = real
    fill /= np.linalg.norm(fill, axis=1, keepdims=True)
    row = 0
    for e in entries:
        e.vectors = fill[row : row + len(e.chunks)]
        row += len(e.chunks)
    t2 = time.perf_counter()
    write(index_dir, entries, embedder, config, [str(folder.resolve())], [], False)
    write_s = time.perf_counter() - t2
    stats = {
        "reports": len(entries),
        "chunks": len(chunks),
        "prepare_s": prep_s,
        "rate": rate,
        "write_s": write_s,
        "sample": len(texts),
    }
    (index_dir.parent / "build.json").write_text(json.dumps(stats))
    return stats


def questions(rqa: ReportQA, n: int) -> list[str]:
    rng = random.Random(7)
    out = []
    while len(out) < n:
        parts = [p for p in re.split(r"[，。；\n]", rng.choice(rqa.chunks()).text) if 8 <= len(p) <= 40]
        if parts:
            out.append(rng.choice(parts) + "的规定是什么")
    return out


def latencies(rqa: ReportQA, qs: list[str]) -> tuple[list[float], list[float]]:
    """Search and ask milliseconds per question, each as a first-time asker would wait."""
    for q in qs[:5]:
        rqa.ask(q)
    search_ms, ask_ms = [], []
    for q in qs:
        rqa.embedder.clear_cache()
        search_ms.append(timed(rqa.search, q, 5)[1])
        rqa.embedder.clear_cache()
        ask_ms.append(timed(rqa.ask, q, 5)[1])
    return search_ms, ask_ms


def side_by_side(rqa: ReportQA, qs: list[str], store: str, work: Path) -> int:
    """The same collection written to ``store`` from the FAISS index's vectors, both timed on
    the same questions; agreement = share of FAISS's top-5 passages the other store returns too."""
    config = replace(rqa.config, store=store)
    index_dir = work / "index-store"
    stored = rqa.searcher.stored
    t0 = time.perf_counter()
    write(index_dir, entries_of(stored), rqa.embedder, config, stored.manifest["sources"], [], False)
    write_s = time.perf_counter() - t0
    other, open_ms = timed(ReportQA.open, index_dir, config, rqa.embedder, False)
    rows = {}
    for name, r in (("FAISS (exact)", rqa), (store, other)):
        search_ms, ask_ms = latencies(r, qs)
        rows[name] = (search_ms, ask_ms)
    agree = sum(
        len({p.chunk.id for p in rqa.search(q, 5)} & {p.chunk.id for p in other.search(q, 5)}) for q in qs
    ) / (5 * len(qs))
    lines = [
        f"{len(stored.chunks):,} chunks, {len(qs)} questions; {store} written from the FAISS index's vectors in {write_s:.0f} s, opened in {open_ms / 1000:.1f} s",
        "",
        "| store | search p50 / p95 | ask p50 / p95 |",
        "|---|---|---|",
    ]
    lines += [
        f"| {name} | {p50(s):.1f} / {pct(s, 0.95):.1f} ms | {p50(a):.1f} / {pct(a, 0.95):.1f} ms |"
        for name, (s, a) in rows.items()
    ]
    lines += ["", f"top-5 passages shared with FAISS: {agree:.3f}"]
    print("\n".join(lines))
    return 0


def ann(n: int, centers: np.ndarray, nq: int = 200) -> list[dict]:
    """Exact vs HNSW on n vectors spread around real embeddings (uniform random vectors have no
    neighbourhoods and make any ANN look broken): build, one-query latency, recall@10 vs exact."""
    rng = np.random.default_rng(0)
    dim = centers.shape[1]
    base = centers[rng.integers(0, len(centers), n)] + rng.normal(0, 0.03, (n, dim)).astype(np.float32)
    base /= np.linalg.norm(base, axis=1, keepdims=True)
    q = centers[rng.integers(0, len(centers), nq)] + rng.normal(0, 0.03, (nq, dim)).astype(np.float32)
    q /= np.linalg.norm(q, axis=1, keepdims=True)
    rows, truth = [], None
    for kind in ("flat", "hnsw"):
        index = make_vector_index(dim, n, kind)
        t0 = time.perf_counter()
        index.add(base)
        build_s = time.perf_counter() - t0
        for ef in (None,) if kind == "flat" else (index.hnsw.efSearch, 4 * index.hnsw.efSearch):
            if ef:
                index.hnsw.efSearch = ef
            lat, found = [], []
            for i in range(nq):
                (_, ids), ms = timed(index.search, q[i : i + 1], 10)
                lat.append(ms)
                found.append(ids[0])
            truth = truth or found
            recall = sum(len(set(a) & set(b)) for a, b in zip(found, truth, strict=True)) / (10 * nq)
            name = kind if ef is None else f"hnsw (efSearch {ef})"
            rows.append(
                {"kind": name, "build_s": build_s, "p50": p50(lat), "p95": pct(lat, 0.95), "recall": recall}
            )
        del index
    return rows


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("file", type=Path)
    ap.add_argument("--chars", type=int, default=17_500_000, help="characters of law text (~50k chunks)")
    ap.add_argument("--embed", type=int, default=3000, help="chunks embedded for real (timed)")
    ap.add_argument("--work", type=Path, default=Path("bench/.work/laws"))
    ap.add_argument(
        "--vectors", type=int, default=1_000_000, help="synthetic vectors for the FAISS part (0: skip)"
    )
    ap.add_argument("--queries", type=int, default=100)
    ap.add_argument("--store", help="also time this vector store (e.g. milvus:PATH.db) beside FAISS")
    args = ap.parse_args()
    logging.basicConfig(level=logging.WARNING)
    config = Config()
    laws(args.file, args.work / "docs", args.chars)
    start_rss = rss_mb()
    embedder = Embedder(config.model, config.backend)
    index_dir = args.work / "index"
    stats_file = args.work / "build.json"
    stats = (
        json.loads(stats_file.read_text())
        if (index_dir / "manifest.json").exists() and stats_file.exists()
        else build(args.work / "docs", index_dir, config, embedder, args.embed)
    )
    rqa, open_ms = timed(ReportQA.open, index_dir, config, embedder, False)
    loaded_rss = rss_mb()
    qs = questions(rqa, args.queries)
    if args.store:
        return side_by_side(rqa, qs, args.store, args.work)
    search_ms, ask_ms = latencies(rqa, qs)
    n = stats["chunks"]
    projected = stats["prepare_s"] + n / stats["rate"] + stats["write_s"]
    lines = [
        f"Script: `python bench/scale.py {args.file}` · {stats['reports']:,} laws, {n:,} chunks; {stats['sample']:,} chunks embedded for real, the rest given nearby vectors (see the script).",
        "",
        "| measure | value |",
        "|---|---|",
        f"| read + clean + chunk all reports | {stats['prepare_s']:.0f} s |",
        f"| embedding rate (real sample) | {stats['rate']:.1f} chunks/s |",
        f"| write index (FAISS + BM25 + tables) | {stats['write_s']:.0f} s |",
        f"| projected full build | {projected / 60:.0f} min |",
        f"| open the index (model already loaded) | {open_ms / 1000:.1f} s |",
        f"| search p50 / p95 | {p50(search_ms):.1f} / {pct(search_ms, 0.95):.1f} ms |",
        f"| ask p50 / p95 | {p50(ask_ms):.1f} / {pct(ask_ms, 0.95):.1f} ms |",
        f"| RSS at start / model + index loaded / peak | {start_rss:.0f} / {loaded_rss:.0f} / {peak_rss_mb():.0f} MiB |",
    ]
    if args.vectors:
        centers = rqa.searcher.retrievers[0].vectors.all()[:: max(1, stats["chunks"] // stats["sample"])]
        lines += [
            "",
            f"FAISS alone, {args.vectors:,} 384-d vectors around real law-chunk embeddings, one query at a time:",
            "",
            "| index | build | p50 | p95 | recall@10 vs exact |",
            "|---|---|---|---|---|",
        ]
        cached = args.work / f"ann-{args.vectors}.json"  # the 1M-vector part takes minutes: kept
        rows = json.loads(cached.read_text()) if cached.exists() else ann(args.vectors, centers)
        cached.write_text(json.dumps(rows))
        lines += [
            f"| {r['kind']} | {r['build_s']:.0f} s | {r['p50']:.2f} ms | {r['p95']:.2f} ms | {r['recall']:.3f} |"
            for r in rows
        ]
    return publish("Scale: ~50k chunks and 1M vectors", lines)


if __name__ == "__main__":
    sys.exit(main())
