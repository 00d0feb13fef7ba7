"""Shared helpers for the benchmark scripts: timing, percentiles, memory, writing tables."""

from __future__ import annotations

import resource
import statistics
import time
from pathlib import Path

DOCS = Path(__file__).resolve().parents[1] / "docs"


def rss_mb() -> float:
    """Current resident memory of this process in MiB (from /proc; peak via getrusage)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return peak_rss_mb()


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(fn, *args, **kwargs):
    t0 = time.perf_counter()
    out = fn(*args, **kwargs)
    return out, (time.perf_counter() - t0) * 1000


def clocked(fn, *args):
    """(result, wall ms, CPU ms of this process) of one call."""
    w, c = time.perf_counter(), time.process_time()
    out = fn(*args)
    return out, (time.perf_counter() - w) * 1000, (time.process_time() - c) * 1000


def pct(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def p50(values):
    return statistics.median(values) if values else 0.0


def publish(title: str, lines: list[str]) -> int:
    """Print a benchmark's table and keep it in docs/BENCHMARKS.md; the scripts' exit code."""
    body = "\n".join(lines)
    print(body)
    write_section(title, body)
    return 0


def write_section(title: str, body: str, path: Path = DOCS / "BENCHMARKS.md") -> None:
    """Replace (or append) one '## title' section of the benchmarks page, keeping the others."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = (
        path.read_text(encoding="utf-8")
        if path.exists()
        else "# Benchmarks\n\nMeasured on the project's 2-core CPU machine; each section names the script that wrote it.\n"
    )
    head = f"## {title}\n"
    start = text.find(head)
    if start >= 0:
        end = text.find("\n## ", start + len(head))
        text = text[:start] + head + body.strip() + "\n" + (text[end:] if end >= 0 else "")
    else:
        text = text.rstrip() + "\n\n" + head + body.strip() + "\n"
    path.write_text(text, encoding="utf-8")
