"""Load: 20 staff asking at once through the page's /ask endpoint on this machine.

    python bench/load.py [--users 20] [--questions 3]

Starts `python ui.py` on a free local port with the built index (building it first if needed),
runs --users clients in parallel, each asking --questions different questions once (bounded),
and reports latency as the users see it and any failure. Writes docs/BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import p50, pct, publish  # noqa: E402
from startup import ROOT, ensure_index, free_port  # noqa: E402

from seeds import QUESTIONS  # noqa: E402


def main() -> int:
    import os
    import subprocess
    import urllib.request

    from gradio_client import Client

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--users", type=int, default=20)
    ap.add_argument("--questions", type=int, default=3)
    ap.add_argument("--index", type=Path, default=ROOT / "index")
    args = ap.parse_args()
    ensure_index(args.index)
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    proc = subprocess.Popen(
        [sys.executable, "ui.py", "--index", str(args.index), "--port", str(port)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "HF_HUB_OFFLINE": "1"},
    )
    try:
        for _ in range(600):
            try:
                urllib.request.urlopen(url, timeout=1)
                break
            except OSError:
                time.sleep(0.2)

        def user(i: int) -> list[tuple[float, bool]]:
            client = Client(url, verbose=False)
            out = []
            for j in range(args.questions):
                q = f"{QUESTIONS[(i + j) % len(QUESTIONS)]}（{i}-{j}）"  # distinct text: no cached vectors
                t0 = time.perf_counter()
                try:
                    ans = client.predict(q, 5, "", "", api_name="/ask")
                    ok = bool(ans.get("passages"))
                except Exception:
                    ok = False
                out.append(((time.perf_counter() - t0) * 1000, ok))
            return out

        t0 = time.perf_counter()
        with ThreadPoolExecutor(args.users) as pool:
            results = [r for rows in pool.map(user, range(args.users)) for r in rows]
        wall = time.perf_counter() - t0
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    lat = [ms for ms, _ in results]
    failed = sum(1 for _, ok in results if not ok)
    publish(
        "Load: 20 staff at once",
        [
            f"Script: `python bench/load.py` · {args.users} clients at once, {args.questions} questions each, over HTTP to the page's /ask.",
            "",
            "| measure | value |",
            "|---|---|",
            f"| answered / failed | {len(results) - failed} / {failed} |",
            f"| latency p50 / p95 / max (as users see it) | {p50(lat):.0f} / {pct(lat, 0.95):.0f} / {max(lat):.0f} ms |",
            f"| throughput | {len(results) / wall:.1f} questions/s |",
        ],
    )
    return 0 if not failed else 1


if __name__ == "__main__":
    sys.exit(main())
