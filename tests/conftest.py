"""Shared fixtures: a small deterministic embedder for fast tests, the real converted model for
what only it shows (marked slow), and indexes built from the real seeds with each."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import unicodedata
import urllib.error
import urllib.request
import zlib
from pathlib import Path

import numpy as np
import pytest

os.environ["HF_HUB_OFFLINE"] = "1"  # everything must work with no hub at all
os.environ["TRANSFORMERS_OFFLINE"] = "1"

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
HUANGZHONG = "004_62de3936a4750662.txt"


class HashEmbedder:
    """Character 1–2-grams hashed into a fixed-size vector: deterministic, instant, no model.

    It has the Embedder's interface, so every stage after the model (chunking, stores, fusion,
    answers, the page, collection changes) is tested in seconds; what needs real semantics
    (English questions, paraphrases, model fidelity) is tested with the real model (slow)."""

    name = "test:hash-ngrams"
    dim = 256

    def _vec(self, text: str) -> np.ndarray:
        t = unicodedata.normalize("NFKC", text).lower()
        v = np.zeros(self.dim, np.float32)
        for n in (1, 2):
            for i in range(len(t) - n + 1):
                v[zlib.crc32(t[i : i + n].encode()) % self.dim] += 1.0
        norm = np.linalg.norm(v)
        return v / norm if norm else v

    def passages(self, texts: list[str], batch_size: int = 16, progress: bool = False) -> np.ndarray:
        return np.stack([self._vec(t) for t in texts]) if texts else np.zeros((0, self.dim), np.float32)

    clauses = passages

    def encode_query(self, text: str) -> np.ndarray:
        return self._vec(text)

    query = encode_query

    def keep_clauses(self, clauses) -> None:
        pass  # computes every vector on the spot

    def clear_cache(self) -> None:
        pass


@pytest.fixture(scope="session")
def fake_embedder():
    return HashEmbedder()


@pytest.fixture(scope="session")
def fake_config():
    from qa import Config

    return Config(model=HashEmbedder.name)


@pytest.fixture(scope="session")
def fake_index_dir(tmp_path_factory, fake_embedder, fake_config):
    from qa import ReportQA

    folder = tmp_path_factory.mktemp("fake") / "index"
    ReportQA.build(SEEDS, folder, fake_config, embedder=fake_embedder)
    return folder


@pytest.fixture(scope="session")
def fast_rqa(fake_index_dir, fake_embedder):
    """The seeds indexed with the hash embedder: answers, pages and fusion without the model."""
    from qa import ReportQA

    return ReportQA.open(fake_index_dir, embedder=fake_embedder)


@pytest.fixture(scope="session")
def embedder():
    from qa.config import DEFAULT_MODEL
    from qa.index.embed import Embedder

    return Embedder(DEFAULT_MODEL)


@pytest.fixture(scope="session")
def index_dir(tmp_path_factory, embedder):
    from qa import ReportQA

    folder = tmp_path_factory.mktemp("idx") / "index"
    ReportQA.build(SEEDS, folder, embedder=embedder)
    return folder


@pytest.fixture(scope="session")
def rqa(index_dir, embedder):
    from qa import ReportQA

    return ReportQA.open(index_dir, embedder=embedder)


@pytest.fixture(scope="session")
def filled_rqa(index_dir, tmp_path_factory):
    """The seeds index as a serving page leaves it: every clause's vector stored (``fill_clauses``).
    Its own embedder, since an embedder keeps the clause vectors of every index it opened."""
    from qa import ReportQA
    from qa.config import DEFAULT_MODEL
    from qa.index.embed import Embedder

    rqa = ReportQA.open(served_copy(index_dir, tmp_path_factory), embedder=Embedder(DEFAULT_MODEL))
    rqa.fill_clauses()
    return rqa


@pytest.fixture()
def seed_copy(tmp_path):
    """A writable copy of the seeds, for tests that change files."""
    dest = tmp_path / "seeds"
    shutil.copytree(SEEDS, dest)
    return dest


def served_copy(index_dir: Path, tmp_path_factory) -> Path:
    """A copy of ``index_dir`` for a real server: a serving page fills in the clause vectors the build
    left out (``fill_clauses``), which must not change the index the in-process tests answer from."""
    dest = tmp_path_factory.mktemp("served") / "index"
    shutil.copytree(index_dir, dest)
    return dest


@contextlib.contextmanager
def running_server(args: list[str], log: Path, env: dict):
    """A real server (``python ARGS --port P``) on a free local port until the block ends; yields its
    URL once it answers (any HTTP reply counts: a login-protected page answers 401)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with open(log, "w") as out:
        cmd = [sys.executable, *args, "--port", str(port)]
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, env=env)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 180
    while True:
        try:
            urllib.request.urlopen(url, timeout=2)
            break
        except urllib.error.HTTPError:
            break
        except OSError:
            if proc.poll() is not None:
                pytest.fail(f"server exited: {log.read_text()}")
            if time.time() > deadline:
                proc.kill()
                pytest.fail(f"server did not start: {log.read_text()}")
            time.sleep(1)
    try:
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:  # a client's open event stream can hold uvicorn's shutdown
            proc.kill()
            proc.wait()
