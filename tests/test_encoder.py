"""The ONNX encoder's batching and how the int8 graph is made (which matmuls are smoothed, what
smoothing does), without loading the model."""

import math

import numpy as np
import onnx
import onnxruntime as ort
from onnx import TensorProto, helper, numpy_helper

from qa.index.onnx_encoder import (
    BATCH_TOKENS,
    PAD_SLACK,
    SMOOTH_ALPHA,
    after_activation,
    batches,
    calibration_texts,
    smooth,
)


def test_batches_cover_every_row_once_with_little_padding():
    # token counts of the clauses of one real question's candidates, and of a seeds indexing run
    for lengths, size in (([41, 28, 33, 30, 47, 35, 38], 16), ([250] * 40 + [240] * 3 + [61], 16)):
        groups = batches(lengths, size)
        assert sorted(i for g in groups for i in g) == list(range(len(lengths)))
        for g in groups:
            assert len(g) <= max(size, BATCH_TOKENS // min(lengths[i] for i in g))
            real = sum(lengths[i] for i in g)
            assert len(g) == 1 or len(g) * max(lengths[i] for i in g) <= PAD_SLACK * real
    assert batches([], 16) == []
    assert batches([250] * 40, 16) == [list(range(16)), list(range(16, 32)), list(range(32, 40))]


def test_short_texts_fill_a_batch_by_tokens():
    # figure clauses at indexing (about 30 tokens): more than batch_size to a batch, as many as fit
    groups = batches([30] * 40, 4)
    assert [len(g) for g in groups] == [BATCH_TOKENS // 30, BATCH_TOKENS // 30, 40 - 2 * (BATCH_TOKENS // 30)]
    assert [len(g) for g in batches([250] * 12, 4)] == [4, 4, 4]  # chunks keep batch_size


def test_only_matmuls_fed_by_the_activation_are_found():
    """A feed-forward block as torch exports it (GELU as Div, Erf, Add, Mul, Mul) beside attention
    (Softmax, then a matmul of two activations): only the down-projection after GELU is kept."""
    rng = np.random.default_rng(0)
    w = {
        name: numpy_helper.from_array(rng.standard_normal(shape).astype(np.float32), name)
        for name, shape in (("w_up", (4, 8)), ("w_down", (8, 4)), ("w_q", (4, 4)))
    }
    gelu, consts = gelu_block("down")
    nodes = [
        *gelu,
        helper.make_node("MatMul", ["down", "w_q"], ["q"], name="query"),
        helper.make_node("Softmax", ["q"], ["p"], name="softmax"),
        helper.make_node("MatMul", ["p", "q"], ["y"], name="attend"),
    ]
    graph = helper.make_graph(
        nodes,
        "ffn",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [4, 4])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, [4, 4])],
        initializer=[*w.values(), *consts],
    )
    onnx.checker.check_model(helper.make_model(graph))
    assert after_activation(graph) == ["down"]


def test_in_a_fused_graph_only_the_matmul_right_after_bias_gelu_is_found():
    """The shape onnxruntime's BERT fusion leaves (up-projection, BiasGelu, down-projection,
    SkipLayerNormalization, then the next layer's Attention output matmul): the next layer's matmul
    is three steps past BiasGelu but across a normalisation, so it is quantised like any other."""
    nodes = [
        helper.make_node("MatMul", ["x", "w_up"], ["up"], name="up"),
        helper.make_node("BiasGelu", ["up", "b"], ["g"], name="gelu", domain="com.microsoft"),
        helper.make_node("MatMul", ["g", "w_down"], ["down"], name="down"),
        helper.make_node(
            "SkipLayerNormalization", ["down", "x", "gamma"], ["s"], name="skip", domain="com.microsoft"
        ),
        helper.make_node("MatMul", ["s", "w_next"], ["y"], name="next"),
    ]
    graph = helper.make_graph(nodes, "fused", [], [])
    assert after_activation(graph) == ["down"]


def gelu_block(out: str) -> tuple[list, list]:
    """Nodes and constants of a feed-forward block as torch exports it, from ``x`` to ``out``:
    up-projection, GELU (Div, Erf, Add, Mul, Mul), down-projection."""
    consts = [
        numpy_helper.from_array(np.array(v, np.float32), n)
        for n, v in (("sqrt2", 1.4142135), ("one", 1.0), ("half", 0.5))
    ]
    nodes = [
        helper.make_node("MatMul", ["x", "w_up"], ["up"], name="up"),
        helper.make_node("Div", ["up", "sqrt2"], ["d"], name="div"),
        helper.make_node("Erf", ["d"], ["e"], name="erf"),
        helper.make_node("Add", ["e", "one"], ["a"], name="add"),
        helper.make_node("Mul", ["up", "a"], ["m"], name="mul"),
        helper.make_node("Mul", ["m", "half"], ["g"], name="mul_half"),
        helper.make_node("MatMul", ["g", "w_down"], [out], name="down"),
    ]
    return nodes, consts


def ffn(w_up: np.ndarray, w_down: np.ndarray) -> onnx.ModelProto:
    """The feed-forward block alone, with these weights."""
    nodes, consts = gelu_block("y")
    weights = [numpy_helper.from_array(w_up, "w_up"), numpy_helper.from_array(w_down, "w_down")]
    graph = helper.make_graph(
        nodes,
        "ffn",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["n", w_up.shape[0]])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["n", w_down.shape[1]])],
        initializer=[*weights, *consts],
    )
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)], ir_version=9)


def run(model, x: np.ndarray) -> np.ndarray:
    return ort.InferenceSession(model.SerializeToString(), providers=["CPUExecutionProvider"]).run(
        None, {"x": x}
    )[0]


def test_smoothing_keeps_the_fp32_output_and_brings_int8_closer(tmp_path):
    """GELU output with a few channels far larger than the rest (as in the model: max |x| 70 beside a
    median of 1): per-tensor int8 of that activation loses the small channels; smoothed, the same
    dynamic int8 quantisation stays several times closer to fp32, and fp32 itself is unchanged."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    rng = np.random.default_rng(0)
    w_up = rng.standard_normal((16, 64)).astype(np.float32)
    w_up[:, :3] *= 40  # three outlier channels
    w_down = (rng.standard_normal((64, 16)) / 8).astype(np.float32)
    w_down[:3] /= 40  # whose weights are small, so the other channels still make most of the output
    x = rng.standard_normal((256, 16)).astype(np.float32)
    plain = ffn(w_up, w_down)
    exact = run(plain, x)
    gelu = x @ w_up * 0.5 * (1 + np.vectorize(math.erf)(x @ w_up / np.sqrt(2)))
    smoothed = ffn(w_up, w_down)
    smooth(smoothed, after_activation(smoothed.graph), [np.abs(gelu).max(0)], SMOOTH_ALPHA)
    assert [n.op_type for n in smoothed.graph.node][-2:] == ["Mul", "MatMul"]
    np.testing.assert_allclose(run(smoothed, x), exact, rtol=1e-4, atol=1e-3)

    def int8_error(model) -> float:
        quantize_dynamic(model, tmp_path / "q.onnx", per_channel=True, weight_type=QuantType.QInt8)
        return float(np.linalg.norm(run(onnx.load(tmp_path / "q.onnx"), x) - exact) / np.linalg.norm(exact))

    assert int8_error(smoothed) < int8_error(plain) / 3


def test_calibration_text_ships_with_queries_and_passages():
    """Both prompts are calibrated, on Chinese and English text, from the file in the package."""
    texts = calibration_texts({"query": "query: ", "passage": "passage: "})
    assert len(texts) >= 250 and not any(t.startswith("#") for t in texts)
    queries = [t for t in texts if t.startswith("query: ")]
    assert 20 <= len(queries) < len(texts) / 4
    assert any(t.isascii() for t in queries) and any(not t.isascii() for t in queries)
