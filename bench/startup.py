"""Start-up: seconds from `python ui.py` to a page that answers, and from `qa ask` to its answer.

    python bench/startup.py [--index index] [--runs 3]

Builds the index first if there is none (not timed), then starts the server --runs times and times
each start until the page answers HTTP 200, and runs `qa ask` from the shell --runs times. Each is
given as wall seconds (the minimum is the run least disturbed by others' load) and as CPU seconds of
the child process (user + system): on a shared machine wall time grows with others' load, CPU time
much less; the load average is printed with the table.
Writes docs/BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import os
import resource
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import p50, publish  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def ensure_index(index: Path) -> None:
    """Build the seeds' index first when there is none (not part of any timing)."""
    if not (index / "manifest.json").exists():
        subprocess.run(
            [sys.executable, "-m", "qa.cli", "build", str(ROOT / "seeds"), "--index", str(index), "-q"],
            check=True,
        )


def children_cpu() -> float:
    """CPU seconds of every child process waited for so far."""
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def ask_once(index: Path) -> tuple[float, float]:
    """Wall and CPU seconds of one `qa ask` from the shell, start to answer printed."""
    t0, c0 = time.perf_counter(), children_cpu()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "qa.cli",
            "ask",
            "湟中区2024年查处了多少起环境违法行为",
            "--index",
            str(index),
        ],
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - t0, children_cpu() - c0


def start_once(index: Path) -> tuple[float, float]:
    """Wall seconds from starting the server to a page that answers, and the CPU seconds the server
    used in all (its start, then idling until stopped right away)."""
    port = free_port()
    c0 = children_cpu()
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "ui.py", "--index", str(index), "--port", str(port)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "HF_HUB_OFFLINE": "1"},
    )
    try:
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1)
                wall = time.perf_counter() - t0
                break
            except OSError:
                if proc.poll() is not None or time.perf_counter() - t0 > 120:
                    raise SystemExit("the server did not start") from None
                time.sleep(0.1)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    return wall, children_cpu() - c0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--index", type=Path, default=ROOT / "index")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    ensure_index(args.index)
    load0 = os.getloadavg()[0]
    pages, asks = [], []
    for _ in range(args.runs):  # interleaved, so the load falls on both alike
        pages.append(start_once(args.index))
        asks.append(ask_once(args.index))

    def row(name: str, runs: list[tuple[float, float]]) -> str:
        walls, cpus = [w for w, _ in runs], [c for _, c in runs]
        return (
            f"| {name} | {min(walls):.1f} s | {p50(walls):.1f} s | {p50(cpus):.1f} s | "
            + ", ".join(f"{w:.1f} / {c:.1f}" for w, c in runs)
            + " |"
        )

    return publish(
        "Start-up",
        [
            f"Script: `python bench/startup.py` · built index over the seeds, converted model cached · "
            f"load average {load0:.1f} at the start, {os.getloadavg()[0]:.1f} at the end ({os.cpu_count()} cores).",
            "",
            "| from the shell | min wall | median wall | median CPU (user + system) | runs: wall / CPU s |",
            "|---|---|---|---|---|",
            row("`python ui.py` to a page that answers", pages),
            row("`qa ask` to its answer", asks),
        ],
    )


if __name__ == "__main__":
    sys.exit(main())
