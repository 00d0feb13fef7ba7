"""Shared fixtures: the real converted model, loaded once; an index built from the real seeds."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ["HF_HUB_OFFLINE"] = "1"  # everything must work with no hub at all
os.environ["TRANSFORMERS_OFFLINE"] = "1"

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
HUANGZHONG = "004_62de3936a4750662.txt"


@pytest.fixture(scope="session")
def embedder():
    from qa.config import DEFAULT_MODEL
    from qa.embed import Embedder

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


@pytest.fixture()
def seed_copy(tmp_path):
    """A writable copy of the seeds, for tests that change files."""
    dest = tmp_path / "seeds"
    shutil.copytree(SEEDS, dest)
    return dest
