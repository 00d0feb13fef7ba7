"""onnxruntime's idle-thread policy for the int8 encoder: asleep, spinning, or spinning for a bounded time.

    python bench/spin.py [--rounds 15] [--tokens 22]

One session per setting in this one process, the settings interleaved round by round so that load from
other processes falls on all alike: one query of ``--tokens`` tokens at a time (p50 and min wall ms, p50
CPU ms of the process), then four threads asking at once for three seconds (runs/s). The numbers behind
``SPIN_US`` in qa/index/onnx_encoder.py (docs/BENCHMARKS.md, "Encoder threads").
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
import time
from pathlib import Path

import numpy as np

sys.path[:0] = [str(Path(__file__).resolve().parent), str(Path(__file__).resolve().parents[1])]
from common import p50  # noqa: E402

from qa.config import DEFAULT_MODEL  # noqa: E402
from qa.index.embed import onnx_model  # noqa: E402
from qa.index.onnx_encoder import GRAPHS  # noqa: E402

SETTINGS = {
    "asleep": {"session.intra_op.allow_spinning": "0"},
    "spin <= 100 us": {"session.intra_op.allow_spinning": "1", "session.intra_op.spin_duration_us": "100"},
    "spin <= 300 us": {"session.intra_op.allow_spinning": "1", "session.intra_op.spin_duration_us": "300"},
    "spin, no bound": {"session.intra_op.allow_spinning": "1"},
}


def session(graph: Path, config: dict[str, str]):
    import onnxruntime as ort

    opts = ort.SessionOptions()
    opts.intra_op_num_threads = os.cpu_count() or 1
    opts.inter_op_num_threads = 1
    opts.log_severity_level = 3
    for key, value in config.items():
        opts.add_session_config_entry(key, value)
    return ort.InferenceSession(str(graph), opts, providers=["CPUExecutionProvider"])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=15)
    ap.add_argument("--tokens", type=int, default=22)
    args = ap.parse_args()
    graph = onnx_model(DEFAULT_MODEL) / GRAPHS["onnx-int8"]
    sessions = {name: session(graph, config) for name, config in SETTINGS.items()}
    ids = np.array([[0, *range(1000, 998 + args.tokens), 2]], np.int64)
    feed = {"input_ids": ids, "attention_mask": np.ones_like(ids), "token_type_ids": np.zeros_like(ids)}
    wall: dict[str, list[float]] = {name: [] for name in sessions}
    cpu: dict[str, list[float]] = {name: [] for name in sessions}
    for _ in range(args.rounds):
        for name, s in sessions.items():
            for _ in range(10):
                s.run(None, feed)
            for _ in range(60):
                t, c = time.perf_counter(), time.process_time()
                s.run(None, feed)
                wall[name].append((time.perf_counter() - t) * 1000)
                cpu[name].append((time.process_time() - c) * 1000)
    print(
        f"load average {os.getloadavg()[0]:.1f}; one {args.tokens}-token query, wall p50 (min) / CPU p50 ms:"
    )
    for name in sessions:
        print(f"  {name:16s} {p50(wall[name]):.2f} ({min(wall[name]):.2f}) / {p50(cpu[name]):.2f}")
    print("four threads asking at once for 3 s, runs/s:")
    for name, s in sessions.items():
        done, stop = [], time.perf_counter() + 3

        def work(s=s, done=done, stop=stop) -> None:
            while time.perf_counter() < stop:
                s.run(None, feed)
                done.append(1)

        threads = [threading.Thread(target=work) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        print(f"  {name:16s} {len(done) / 3:.0f}")


if __name__ == "__main__":
    main()
