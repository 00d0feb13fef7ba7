"""Speed on the bundled seeds, backends side by side: indexing, query latency by stage, throughput, memory.

    python bench/seeds.py [--backends onnx-fp32 onnx-int8] [--rounds 5] [--questions FILE.jsonl]
                          [--clause-vectors figures all]

Every backend is loaded in this one process and measured in the same run, the questions asked in
turn on each (A/B interleaved), so load from other processes falls on all of them alike. Each
timing is given as wall milliseconds and as CPU milliseconds of this process (all its threads):
on a busy shared machine wall time grows with the load, CPU time much less. Prints the tables
and writes them to docs/BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import jieba

sys.path[:0] = [
    str(Path(__file__).resolve().parent),
    str(Path(__file__).resolve().parents[1]),
]  # this checkout's qa
from common import clocked, p50, pct, peak_rss_mb, publish, rss_mb  # noqa: E402

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
STAGES = (
    "understand",
    "query embedding",
    "dense search",
    "keyword search",
    "fusion",
    "answer extraction (clause vectors included)",
    "**search** (all stages to passages)",
    "**ask** (search + answer)",
    "ask again (question and clause vectors cached)",
)


def loaded(make, model: str, backend: str):
    """An embedder that has answered one query: ONNX loads in the background until first used."""
    embedder = make(model, backend)
    embedder.encode_query("法律顾问")
    return embedder


class Backend:
    """One backend's embedder, its index over the seeds and every timing taken on it."""

    def __init__(self, name: str, folder: Path, texts: list[str], clause_vectors: str = "figures"):
        from qa import Config, ReportQA
        from qa.index.embed import Embedder

        self.name = name
        self.label = name if clause_vectors == "figures" else f"{name}, {clause_vectors} clauses"
        filled = clause_vectors == "filled"  # built with the figures' clauses, the rest filled in after
        self.config = Config(backend=name, clause_vectors="figures" if filled else clause_vectors)
        rss0 = rss_mb()
        self.embedder, self.load_ms, self.load_cpu = clocked(loaded, Embedder, self.config.model, name)
        self.embedder.passages(texts[:16])  # warm
        _, self.raw_ms, self.raw_cpu = clocked(self.embedder.passages, texts, self.config.batch_size)
        index = folder / self.label
        passages, self.encoder_ms = self.embedder.passages, 0.0

        def timed(*args, **kwargs):  # the build's encoder calls: chunks and the clauses it stores
            t = time.perf_counter()
            try:
                return passages(*args, **kwargs)
            finally:
                self.encoder_ms += (time.perf_counter() - t) * 1000

        self.embedder.passages = timed
        try:
            self.rqa, self.build_ms, self.build_cpu = clocked(
                ReportQA.build, ROOT / "seeds", index, self.config, self.embedder
            )
        finally:
            del self.embedder.passages  # the class's method again
        self.fill_ms = clocked(self.rqa.fill_clauses)[1] if filled else None
        _, self.open_ms, _ = clocked(ReportQA.open, index, self.config, self.embedder)
        self.rss_model = rss_mb() - rss0
        self.times: dict[str, list[tuple[float, float]]] = {s: [] for s in STAGES}
        self.qps: dict[int, float] = {}

    def round(self, q: str) -> None:
        """Every stage of one question once, then search, ask and a repeated ask end to end."""
        from qa.ask.answer import answer_question

        rqa, config, emb = self.rqa, self.config, self.embedder
        dense_side, keyword_side = rqa.searcher.retrievers
        t = self.times
        info, *ms = clocked(rqa.understand, q)
        t["understand"].append(ms)
        qv, *ms = clocked(emb.encode_query, q)
        t["query embedding"].append(ms)
        t["dense search"].append(clocked(dense_side.vectors.search, qv, config.candidates)[1:])
        kw, *ms = clocked(keyword_side.hits, q, info, config.candidates, None)
        t["keyword search"].append(ms)
        dense = [(i, 1.0 / (i + 1)) for i in range(config.candidates)]
        t["fusion"].append(clocked(rqa.searcher.fusion.fuse, [(dense, 1.0), (kw, 1.0)])[1:])
        passages = rqa.searcher.search(q, info, 5)
        emb.clear_cache()
        emb.query(q)  # the stage below times the clauses only
        answer = clocked(answer_question, q, info, passages, rqa.documents(), rqa.words, emb)
        t["answer extraction (clause vectors included)"].append(answer[1:])
        emb.clear_cache()  # cold: the question is embedded again
        t["**search** (all stages to passages)"].append(clocked(rqa.search, q, 5)[1:])
        emb.clear_cache()
        t["**ask** (search + answer)"].append(clocked(rqa.ask, q, 5)[1:])
        t["ask again (question and clause vectors cached)"].append(clocked(rqa.ask, q, 5)[1:])

    def throughput(self, questions: list[str], threads: int) -> None:
        """Questions per second with ``threads`` askers, every question cold."""
        emb = self.embedder
        t1 = time.perf_counter()
        with ThreadPoolExecutor(threads) as pool:
            list(pool.map(lambda q: (emb.clear_cache(), self.rqa.ask(q)), questions))
        self.qps[threads] = len(questions) / (time.perf_counter() - t1)


def thread_sweep(backend: str, texts: list[str], counts: tuple[int, ...] = (1, 2, 4)) -> list[str]:
    """Raw encode of the chunk texts with each onnxruntime thread count (``QA_THREADS``): the
    measurement the default (every core) is chosen by. Rows of the indexing table."""
    from qa import Config
    from qa.index.embed import Embedder

    config, rows = Config(backend=backend), []
    before = os.environ.get("QA_THREADS")
    try:
        for count in counts:
            os.environ["QA_THREADS"] = str(count)
            embedder = Embedder(config.model, backend)
            embedder.passages(texts[:16])  # warm
            _, wall, cpu = clocked(embedder.passages, texts, config.batch_size)
            rows.append(f"{count}: {len(texts) / wall * 1000:.1f} ({len(texts) / cpu * 1000:.1f})")
    finally:
        if before is None:
            os.environ.pop("QA_THREADS", None)
        else:
            os.environ["QA_THREADS"] = before
    return rows


def main() -> int:
    from qa.index.embed import BACKENDS

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--backends", nargs="+", choices=BACKENDS, default=["onnx-fp32", "onnx-int8"])
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--questions", type=Path, help="optional JSONL with a 'question' field per line")
    ap.add_argument(
        "--clause-vectors",
        nargs="+",
        choices=("figures", "all", "filled"),
        default=["figures"],
        help="clauses embedded at build (Config.clause_vectors), or 'filled': the figures' at build and "
        "the rest after it, as a server fills them in (ReportQA.fill_clauses); each a run beside the others",
    )
    args = ap.parse_args()
    logging.basicConfig(level=logging.WARNING)
    start_rss = rss_mb()
    from qa import Config
    from qa.ingest import ingest
    from qa.ingest.chunk import embed_text

    config = Config()
    texts = []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        texts += [embed_text(c) for c in ingest(path, config.max_chars, config.min_chars)[2]]
    questions = QUESTIONS
    if args.questions:
        lines = args.questions.read_text(encoding="utf-8").splitlines()
        questions = [json.loads(line)["question"] for line in lines if line.strip()]
    jieba.initialize()  # its dictionary loads once a process (~0.5 s): start-up, not indexing
    load0 = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp:
        runs = [
            Backend(name, Path(tmp), texts, which) for name in args.backends for which in args.clause_vectors
        ]
        for run in runs:
            for q in questions:
                run.rqa.ask(q)  # warm: first-use tables, jieba's dictionary
        for _ in range(args.rounds):
            for q in questions:
                for run in runs:  # interleaved: each question on every backend in turn
                    run.round(q)
        for threads in (1, 4):
            for run in runs:
                run.throughput(questions * args.rounds, threads)
    sweeps = {
        r.name: thread_sweep(r.name, texts) for r in {r.name: r for r in runs}.values() if r.name != "torch"
    }
    load1 = os.getloadavg()[0]

    n = len(texts)
    names = " | ".join(r.label for r in runs)
    bar = "|---|" + "---|" * len(runs)

    def row(label: str, cell) -> str:
        """One table row: ``label`` and ``cell(run)`` for every backend."""
        return f"| {label} | " + " | ".join(cell(r) for r in runs) + " |"

    def stage(r, name: str) -> str:
        wall, cpu = [w for w, _ in r.times[name]], [c for _, c in r.times[name]]
        return f"{p50(wall):.1f} / {p50(cpu):.1f} ({pct(wall, 0.95):.1f})"

    lines = [
        f"Script: `python bench/seeds.py` · 5 seed reports, {n} chunks, {len(questions)} questions × "
        f"{args.rounds} rounds, warm, backends interleaved in one process · load average {load0:.1f} "
        f"at the start, {load1:.1f} at the end ({os.cpu_count()} cores). Times: wall / CPU of the process.",
        "",
        f"| indexing | {names} |",
        bar,
        row(
            "raw `encode` of the chunk texts, chunks/s wall (per CPU s)",
            lambda r: f"{n / r.raw_ms * 1000:.1f} ({n / r.raw_cpu * 1000:.1f})",
        ),
        row(
            "whole `build` (read, clean, chunk, embed, BM25, write), chunks/s wall (per CPU s)",
            lambda r: f"{n / r.build_ms * 1000:.1f} ({n / r.build_cpu * 1000:.1f})",
        ),
        row(
            "share of build time outside the encoder (read, clean, chunk, BM25, write)",
            lambda r: f"{max(0.0, 1 - r.encoder_ms / r.build_ms):.1%}",
        ),
        row(
            "model load to a first query vector, s wall / CPU (converted model cached)",
            lambda r: f"{r.load_ms / 1000:.1f} / {r.load_cpu / 1000:.1f}",
        ),
        row(
            "the other clauses' vectors filled in after the build (a server does it once serving), s",
            lambda r: "—" if r.fill_ms is None else f"{r.fill_ms / 1000:.1f}",
        ),
        row("open a built index, ms", lambda r: f"{r.open_ms:.0f}"),
        row(
            "raw `encode` by onnxruntime threads (`QA_THREADS`): chunks/s wall (per CPU s)",
            lambda r: ", ".join(sweeps.get(r.name, ["—"])),
        ),
        "",
        f"| query stage: p50 wall / CPU ms (p95 wall) | {names} |",
        bar,
        *(row(name, lambda r, name=name: stage(r, name)) for name in STAGES),
        "",
        f"| throughput / memory | {names} |",
        bar,
        row("ask, 1 thread, questions/s", lambda r: f"{r.qps[1]:.1f}"),
        row("ask, 4 threads, questions/s", lambda r: f"{r.qps[4]:.1f}"),
        row("RSS added by loading the model, MiB", lambda r: f"{r.rss_model:.0f}"),
        "",
        f"RSS of the process: {start_rss:.0f} MiB at start, {rss_mb():.0f} MiB with every backend and "
        f"index loaded (peak {peak_rss_mb():.0f}).",
    ]
    return publish("Seeds: indexing, query latency, throughput, memory", lines)


if __name__ == "__main__":
    sys.exit(main())
