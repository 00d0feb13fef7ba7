"""One writer at a time: an OS file lock beside the index.

Why an OS lock: the kernel releases it when the holder dies (kill -9 included), so a crashed
update never blocks the next one, and two processes can never both believe they hold it (a pid
file taken over by whoever sees a dead pid first can be taken by two at once).
"""

from __future__ import annotations

from pathlib import Path

from filelock import FileLock, Timeout

from ..errors import QAError


class IndexLock:
    """``with IndexLock(index_dir):`` holds ``INDEX.lock`` or fails at once with a clear error."""

    def __init__(self, index_dir: Path):
        index_dir = Path(index_dir)
        self.path = index_dir.with_name(index_dir.name + ".lock")
        self._lock = FileLock(self.path, timeout=0)

    def __enter__(self) -> IndexLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._lock.acquire()
        except Timeout:
            raise QAError(f"another update is changing {self.path.with_suffix('')}", action="wait") from None
        return self

    def __exit__(self, *exc) -> None:
        self._lock.release()
