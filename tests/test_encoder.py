"""The ONNX encoder's batching and the choice of what int8 leaves in fp32, without loading the model."""

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

from qa.index.onnx_encoder import BATCH_TOKENS, PAD_SLACK, after_activation, batches


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


def test_only_matmuls_fed_by_the_activation_stay_fp32():
    """A feed-forward block as torch exports it (GELU as Div, Erf, Add, Mul, Mul) beside attention
    (Softmax, then a matmul of two activations): only the down-projection after GELU is kept."""
    rng = np.random.default_rng(0)
    w = {
        name: numpy_helper.from_array(rng.standard_normal(shape).astype(np.float32), name)
        for name, shape in (("w_up", (4, 8)), ("w_down", (8, 4)), ("w_q", (4, 4)))
    }
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
        helper.make_node("MatMul", ["g", "w_down"], ["down"], name="down"),
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


def test_in_a_fused_graph_only_the_matmul_right_after_bias_gelu_stays_fp32():
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
