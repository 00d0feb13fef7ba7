"""Load: staff asking at once, through the page's Gradio queue and the REST API, in one run.

    python bench/load.py [--users 20] [--questions 3] [--soak-users 50] [--soak-seconds 60]

Starts `python ui.py` on a free 127.0.0.1 port with the built index (building it first if
needed). Burst: --users clients in parallel, each asking --questions different questions once
(bounded), first through the queue (gradio_client → /ask), then through POST /api/ask. Soak:
--soak-users clients asking back to back for --soak-seconds (a fifth of them through the queue,
the rest REST), the server's memory sampled each second. Reports latency as the users see it,
throughput, failures and memory. Writes docs/BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import p50, pct, publish  # noqa: E402
from startup import ROOT, ensure_index, free_port  # noqa: E402

from seeds import QUESTIONS  # noqa: E402


def server_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def asker(route: str, url: str):
    """A function asking one question over ``route`` ('queue' or 'rest'); True when answered."""
    if route == "queue":
        from gradio_client import Client

        client = Client(url, verbose=False)
        return lambda q: bool(client.predict(q, 5, "", "", api_name="/ask").get("passages"))
    import httpx

    client = httpx.Client(base_url=url, timeout=120)
    return lambda q: bool(client.post("/api/ask", json={"question": q, "k": 5}).json().get("passages"))


def timed_ask(ask, q: str) -> tuple[float, bool]:
    t0 = time.perf_counter()
    try:
        ok = ask(q)
    except Exception:
        ok = False
    return (time.perf_counter() - t0) * 1000, ok


def burst(route: str, url: str, users: int, questions: int) -> tuple[list[tuple[float, bool]], float]:
    def user(i: int) -> list[tuple[float, bool]]:
        ask = asker(route, url)
        # distinct text per question: no cached query vectors
        return [
            timed_ask(ask, f"{QUESTIONS[(i + j) % len(QUESTIONS)]}（{route}{i}-{j}）")
            for j in range(questions)
        ]

    t0 = time.perf_counter()
    with ThreadPoolExecutor(users) as pool:
        results = [r for rows in pool.map(user, range(users)) for r in rows]
    return results, time.perf_counter() - t0


def soak(url: str, users: int, seconds: float, pid: int) -> dict:
    stop = time.perf_counter() + seconds
    rows: dict[str, list[tuple[float, bool]]] = {"queue": [], "rest": []}
    memory: list[float] = []

    def user(i: int) -> None:
        route = "queue" if i % 5 == 0 else "rest"
        ask, n = asker(route, url), 0
        while time.perf_counter() < stop:
            rows[route].append(timed_ask(ask, f"{QUESTIONS[(i + n) % len(QUESTIONS)]}（soak{i}-{n}）"))
            n += 1

    def sample() -> None:
        while time.perf_counter() < stop:
            memory.append(server_rss_mb(pid))
            time.sleep(1)

    sampler = threading.Thread(target=sample)
    sampler.start()
    t0 = time.perf_counter()
    with ThreadPoolExecutor(users) as pool:
        list(pool.map(user, range(users)))
    sampler.join()
    return {"rows": rows, "wall": time.perf_counter() - t0, "memory": memory}


def line(name: str, results: list[tuple[float, bool]], wall: float) -> str:
    lat = [ms for ms, _ in results]
    failed = sum(1 for _, ok in results if not ok)
    return (
        f"| {name} | {len(results) - failed} / {failed} | {p50(lat):.0f} / {pct(lat, 0.95):.0f} / "
        f"{max(lat, default=0):.0f} ms | {len(results) / wall:.1f} |"
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--users", type=int, default=20)
    ap.add_argument("--questions", type=int, default=3)
    ap.add_argument("--soak-users", type=int, default=50)
    ap.add_argument("--soak-seconds", type=float, default=60, help="0 skips the soak")
    ap.add_argument("--index", type=Path, default=ROOT / "index")
    args = ap.parse_args()
    ensure_index(args.index)
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    env.pop("QA_AUTH", None), env.pop("QA_AUTH_FILE", None)
    proc = subprocess.Popen(
        [sys.executable, "ui.py", "--index", str(args.index), "--port", str(port)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    try:
        for _ in range(600):
            try:
                urllib.request.urlopen(url, timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        start_mb = server_rss_mb(proc.pid)
        queue, queue_wall = burst("queue", url, args.users, args.questions)
        rest, rest_wall = burst("rest", url, args.users, args.questions)
        long = soak(url, args.soak_users, args.soak_seconds, proc.pid) if args.soak_seconds > 0 else None
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    lines = [
        f"Script: `python bench/load.py` · 127.0.0.1, no login. Burst: {args.users} clients at once, "
        f"{args.questions} questions each, first through the page's queue (gradio_client `/ask`), then "
        "`POST /api/ask`.",
        "",
        "| route | answered / failed | latency p50 / p95 / max | questions/s |",
        "|---|---|---|---|",
        line(f"queue, {args.users} clients", queue, queue_wall),
        line(f"REST, {args.users} clients", rest, rest_wall),
    ]
    failed = sum(1 for _, ok in queue + rest if not ok)
    if long:
        mem = long["memory"] or [0.0]
        for route, results in long["rows"].items():
            lines.append(
                line(
                    f"soak {route}, {args.soak_users} clients × {args.soak_seconds:.0f} s",
                    results,
                    long["wall"],
                )
            )
            failed += sum(1 for _, ok in results if not ok)
        lines += [
            "",
            f"Soak: {args.soak_users} clients back to back for {args.soak_seconds:.0f} s (every fifth through the "
            f"queue). Server memory: {start_mb:.0f} MiB at start, {mem[0]:.0f} → {mem[-1]:.0f} MiB during "
            f"the soak, peak {max(mem):.0f} MiB.",
        ]
    publish("Load: the queue and the REST API", lines)
    return 0 if not failed else 1


if __name__ == "__main__":
    sys.exit(main())
