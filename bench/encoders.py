"""The three encoder backends side by side in one run: torch (sentence-transformers) vs ONNX fp32 vs ONNX int8.

    python bench/encoders.py --dev ../shared/eval/dev.jsonl --national-dev ../shared/eval/national_dev.jsonl \\
        --national ../shared/corpora/national --cmrc ../shared/corpora/cmrc2018_trial.jsonl [--work DIR]

Per backend: start (a fresh process importing the library, loading the model and answering one
query encode: wall and CPU seconds, peak RSS), one query encode (p50 over the eval questions, no
cache, wall and CPU ms), passages/s over every seed chunk (wall, and per CPU second), cosine to the
torch vectors (lowest over seed chunks and questions), and recall@5 (dense and fused) on dev and
national_dev (seeds + national reports in one index) and on the CMRC 2018 trial contexts, with the
wall and CPU seconds of building those indexes. CPU seconds are given beside wall because on a
shared machine wall time grows with other people's load; the load average is printed with the table.
Indexes are kept under --work, one per backend. Writes the table to docs/BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import logging
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path[:0] = [
    str(Path(__file__).resolve().parent),
    str(Path(__file__).resolve().parents[1]),
]  # this checkout's qa
from cmrc import prepare  # noqa: E402
from common import clocked, p50, publish  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
START = """
import resource, sys, time
t0 = time.perf_counter()
from qa.index.embed import Embedder
Embedder(sys.argv[1], sys.argv[2]).query("湟中区2024年查处了多少起环境违法行为")
r = resource.getrusage(resource.RUSAGE_SELF)
print(time.perf_counter() - t0, r.ru_utime + r.ru_stime, r.ru_maxrss / 1024, "torch" in sys.modules)
"""


def start(model: str, backend: str) -> tuple[float, float, float, bool]:
    """Wall and CPU seconds to a first query vector in a fresh process, its peak RSS in MiB, and
    whether torch got imported."""
    out = subprocess.run(
        [sys.executable, "-c", START, model, backend], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    return float(out[0]), float(out[1]), float(out[2]), out[3] == "True"


def recall_at_5(rqa, questions: list[tuple[str, list[tuple[str, str]]]], mode: str, doc_only: bool) -> float:
    """Share of questions whose gold passage (or, for CMRC, context) is in the top 5."""
    from qa.evaluate import first_hit

    hits = 0
    for question, pairs in questions:
        passages = rqa.search(question, 10, mode=mode)
        if doc_only:
            docs = list(dict.fromkeys(p.doc for p in passages))
            hits += pairs[0][0] in docs[:5]
        else:
            rank = first_hit(passages, pairs)
            hits += rank is not None and 1 <= rank <= 5
    return hits / len(questions)


def measure_recall(
    config, work: Path, asked: dict, reports_in: list[Path], contexts: Path
) -> tuple[dict, tuple[float, float]]:
    """Recall@5 per question set and retriever, and the wall and CPU seconds to build (or reuse) both indexes."""
    from qa import ReportQA

    t0, c0 = time.perf_counter(), time.process_time()
    reports = ReportQA.open_or_build(reports_in, work / "reports", config)
    cmrc = ReportQA.open_or_build(contexts, work / "cmrc", config)
    build_s = (time.perf_counter() - t0, time.process_time() - c0)
    recalls = {}
    for name, qs in asked.items():
        rqa = cmrc if name == "CMRC trial" else reports
        for mode in ("dense", "fused"):
            recalls[name, mode] = recall_at_5(rqa, qs, mode, doc_only=name == "CMRC trial")
    return recalls, build_s


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dev", type=Path, required=True)
    ap.add_argument("--national-dev", type=Path, required=True)
    ap.add_argument("--national", type=Path, required=True, help="folder of the national reports")
    ap.add_argument("--cmrc", type=Path, required=True, help="cmrc2018_trial.jsonl")
    ap.add_argument("--work", type=Path, default=Path("bench/.work/encoders"))
    ap.add_argument(
        "--recall",
        nargs="+",
        default=None,
        help="backends whose indexes are built for recall (default: all; torch's equal fp32's when cosine ≥ 0.99999)",
    )
    args = ap.parse_args()
    logging.basicConfig(level=logging.WARNING)

    from qa import Config
    from qa.evaluate import gold_pairs, load_questions
    from qa.index.embed import BACKENDS, Embedder
    from qa.ingest import ingest
    from qa.ingest.chunk import embed_text

    config = Config()
    chunks = []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        chunks += [embed_text(c) for c in ingest(path, config.max_chars, config.min_chars)[2]]
    sets = {name: load_questions(p) for name, p in (("dev", args.dev), ("national_dev", args.national_dev))}
    asked = {name: [(q["question"], gold_pairs(q)) for q in qs if gold_pairs(q)] for name, qs in sets.items()}
    contexts, cmrc_pairs = prepare(args.cmrc, args.work / "cmrc")
    asked["CMRC trial"] = [(q, [(doc, "")]) for q, doc in cmrc_pairs]
    questions = [q for q, _ in asked["dev"] + asked["national_dev"]]

    rows, reference = [], None
    load0 = os.getloadavg()[0]
    for backend in BACKENDS:
        start_s, start_cpu, peak_mb, torch_loaded = start(config.model, backend)
        embedder = Embedder(config.model, backend)
        embedder.passages(chunks[:16])  # warm
        vecs, ms, cpu_ms = clocked(embedder.passages, chunks, config.batch_size)
        qvecs = [embedder.encode_query(q) for q in questions[:3]]  # warm
        times, cpu_times = [], []
        for q in questions:
            vec, q_ms, q_cpu = clocked(embedder.encode_query, q)
            times.append(q_ms)
            cpu_times.append(q_cpu)
            qvecs.append(vec)
        qvecs = qvecs[3:]
        if reference is None:
            reference = (vecs, qvecs)
        cos_p = float((vecs * reference[0]).sum(1).min())
        cos_q = min(float(a @ b) for a, b in zip(qvecs, reference[1], strict=True))
        recalls, build_s = {}, (0.0, 0.0)
        if args.recall is None or backend in args.recall:
            reports_in = [ROOT / "seeds", args.national]
            recalls, build_s = measure_recall(
                Config(backend=backend), args.work / backend, asked, reports_in, contexts
            )
        rows.append(
            f"| {backend} | {start_s:.1f} / {start_cpu:.1f} s{' (torch)' if torch_loaded else ''} "
            f"| {peak_mb:.0f} MiB | {p50(times):.1f} / {p50(cpu_times):.1f} ms "
            f"| {len(chunks) / ms * 1000:.1f} ({len(chunks) / cpu_ms * 1000:.1f}) | {cos_p:.6f} / {cos_q:.6f} | "
            + " | ".join(
                f"{recalls[n, 'dense']:.3f} / {recalls[n, 'fused']:.3f}" if recalls else "not built"
                for n in asked
            )
            + f" | {build_s[0]:.0f} / {build_s[1]:.0f} s |"
        )
        print(rows[-1], flush=True)
        del embedder

    lines = [
        f"`python bench/encoders.py` — {len(chunks)} seed chunks, {len(questions)} dev + national_dev questions, "
        f"{len(asked['CMRC trial'])} CMRC trial questions; one run, same machine, one backend after another; "
        f"load average {load0:.1f} at the start, {os.getloadavg()[0]:.1f} at the end ({os.cpu_count()} cores).",
        "Times are wall / CPU (all threads of the process). Start: a fresh process from import to the "
        "first query vector (peak RSS of that process). Passages/s: wall (per CPU second). "
        "Cosine: lowest over seed chunks / questions, against torch. Recall@5: dense / fused. "
        "Indexes: seeds + national reports, and the CMRC contexts (time includes reuse when already built).",
        "",
        "| backend | start | peak RSS | query encode p50 | passages/s | cosine to torch | "
        + " | ".join(f"{n} R@5" for n in asked)
        + " | indexes |",
        "|---|---|---|---|---|---|" + "---|" * len(asked) + "---|",
        *rows,
    ]
    return publish("Encoders: torch vs ONNX fp32 vs ONNX int8", lines)


if __name__ == "__main__":
    sys.exit(main())
