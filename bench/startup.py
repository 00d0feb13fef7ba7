"""Start-up: seconds from `python ui.py` to a page that answers, with the index already built.

    python bench/startup.py [--index index]

Builds the index first if there is none (not timed), then starts the server three times and
times each start until the page answers HTTP 200. Writes docs/BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import os
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


def start_once(index: Path) -> float:
    port = free_port()
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
                return time.perf_counter() - t0
            except OSError:
                if proc.poll() is not None or time.perf_counter() - t0 > 120:
                    raise SystemExit("the server did not start") from None
                time.sleep(0.1)
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--index", type=Path, default=ROOT / "index")
    args = ap.parse_args()
    ensure_index(args.index)
    times = [start_once(args.index) for _ in range(3)]
    return publish(
        "Start-up",
        [
            "Script: `python bench/startup.py` · built index over the seeds, converted model cached.",
            "",
            f"| start to a page that answers | median {p50(times):.1f} s (runs: {', '.join(f'{t:.1f}' for t in times)} s) |",
            "|---|---|",
        ],
    )


if __name__ == "__main__":
    sys.exit(main())
