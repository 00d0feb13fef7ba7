"""The model as ONNX Runtime graphs: exported once from the sentence-transformers folder, run without torch.

Why: on a 2-core CPU, torch + sentence-transformers cost seconds of import and load before the first
question, and fp32 BERT matmuls dominate indexing. The same weights exported to ONNX start in well
under a second with ``onnxruntime`` + ``tokenizers`` alone, and the dynamically quantised int8 graph
(per-channel weights) encodes about twice as fast. The fp32 graph reproduces sentence-transformers to
cosine >= 0.99999. In int8 (``INT8_RECIPE``) the feed-forward down-projections need care: their input
is the GELU output, a few of whose channels reach 30-70 where the median channel stays near 1, and a
per-tensor activation scale set by those channels rounds the rest away (quantised as is: mean cosine
to fp32 .9970 on the seeds, .9992 with them left fp32). They are a third of the matmul work, so they
are smoothed instead (``smooth``, SmoothQuant): per-channel maxima measured once on ``CALIBRATION``
move into the weight rows, and every matmul runs int8 (.9985; a query and a chunk cost about a third
less CPU than with those matmuls in fp32).

What the export gets right (an earlier attempt agreed only to cosine 0.993): the graph takes
``input_ids``, ``attention_mask`` and ``token_type_ids`` as inputs with dynamic batch and sequence
axes (nothing about the shapes is fixed when tracing); position ids come from the model's own
buffer sliced to the sequence length; attention is exported in its eager form so no padding branch
is decided at trace time; and the tokenizer truncates at the model's ``max_seq_length`` with the
same ``query: `` / ``passage: `` prompts as sentence-transformers. Mean pooling over the attention
mask and L2 normalisation run in numpy after the graph.

Folder written next to the converted model (``<model>.onnx/``), atomically: ``model.onnx``,
``model.int8.onnx``, ``tokenizer.json`` and ``encoder.json`` (prompts, max length, pad id, dimension).
The narrow tokenizer (``derive_narrow``) is derived beside them on first load.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
from tqdm import tqdm

from ..config import INT8_RECIPE

log = logging.getLogger(__name__)

GRAPHS = {"onnx-fp32": "model.onnx", "onnx-int8": "model.int8.onnx"}
INPUTS = ("input_ids", "attention_mask", "token_type_ids")
OPSET = 17
# How far smoothing moves the activations' range into the weights: measured on the seeds (held out from
# the calibration text), mean cosine to fp32 .9965 at 0.5, .9983 at 0.6 and 0.75, .9985 at 0.65-0.7
# (.9970 unsmoothed). Chosen per layer by each matmul's own output error instead, it did no better.
SMOOTH_ALPHA = 0.7
CALIBRATION = Path(__file__).with_name("calibration.txt")
ACTIVATIONS = {"Erf", "Tanh", "Gelu", "FastGelu", "BiasGelu", "Sigmoid"}
# What lies between an activation and the matmul it feeds (GELU exported as Erf, Mul, Add, Mul): the
# search walks back only through these, so in a graph with fused operators (SkipLayerNormalization,
# Attention) it never crosses into the previous layer's GELU and smooths that layer's matmuls too.
ELEMENTWISE = {"Mul", "Add", "Div", "Sub", "Pow", "Cast"}
PAD_SLACK = 1.25  # a batch's padded size over its real tokens, at most
SPIN_US = 100  # microseconds an idle onnxruntime thread spins before it sleeps (measured: OnnxEncoder)
BATCH_TOKENS = 512  # padded tokens a batch of short texts may hold (more texts than batch_size)


def export(st, model_dir: str | os.PathLike, dest: str | os.PathLike) -> Path:
    """Export ``st`` (the SentenceTransformer loaded from ``model_dir``) to ONNX fp32 + int8 in ``dest``.

    Written into a temporary sibling folder and renamed, so an interrupted export never leaves a
    half-written graph that would later load. Needs torch once; serving the result needs neither
    torch nor sentence-transformers. Only the architecture this project ships is accepted (mean
    pooling, then normalisation): another pooling would be silently wrong in numpy, so it is refused.
    """
    import torch

    model_dir, dest = Path(model_dir), Path(dest)
    modules = [type(m).__name__ for m in st]
    pooling = st[1] if len(st) > 1 else None
    if modules[1:] != ["Pooling", "Normalize"] or pooling.get_config_dict().get("pooling_mode") != "mean":
        raise ValueError(f"ONNX export supports Transformer → mean Pooling → Normalize, not {modules}")
    bert = st[0].auto_model
    bert.config._attn_implementation = "eager"  # plain matmul + mask: no shape-dependent branch traced
    bert.eval()
    tokenizer_file = model_dir / "tokenizer.json"
    if not tokenizer_file.exists():
        raise ValueError(f"{model_dir} has no tokenizer.json (a fast tokenizer is needed without torch)")

    class Hidden(torch.nn.Module):
        """The transformer with its three inputs explicit, returning token embeddings."""

        def __init__(self, model):
            super().__init__()
            self.model = model

        def forward(self, input_ids, attention_mask, token_type_ids):
            kwargs = {"attention_mask": attention_mask, "token_type_ids": token_type_ids}
            return self.model(input_ids=input_ids, **kwargs).last_hidden_state

    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=dest.name + ".", dir=dest.parent))
    try:
        # Two rows of different lengths, one padded: the traced graph sees a real mask.
        ids = torch.tensor([[0, 1000, 2000, 3000, 2], [0, 4000, 2, 1, 1]], dtype=torch.long)
        mask = torch.tensor([[1, 1, 1, 1, 1], [1, 1, 1, 0, 0]], dtype=torch.long)
        axes = {name: {0: "batch", 1: "sequence"} for name in (*INPUTS, "last_hidden_state")}
        with torch.no_grad():
            torch.onnx.export(
                Hidden(bert),
                (ids, mask, torch.zeros_like(ids)),
                str(tmp / GRAPHS["onnx-fp32"]),
                input_names=list(INPUTS),
                output_names=["last_hidden_state"],
                dynamic_axes=axes,
                opset_version=OPSET,
                do_constant_folding=True,
                dynamo=False,
            )
        shutil.copy(tokenizer_file, tmp / "tokenizer.json")
        tok_cfg = json.loads((model_dir / "tokenizer_config.json").read_text(encoding="utf-8"))
        meta = {
            "source": str(model_dir),
            "prompts": dict(st.prompts or {}),
            "max_seq_length": int(st.max_seq_length),
            "pad_token": tok_cfg.get("pad_token"),
            "dimension": int(bert.config.hidden_size),
            "opset": OPSET,
            "int8": INT8_RECIPE,
        }
        (tmp / "encoder.json").write_text(json.dumps(meta, ensure_ascii=False, indent=2), encoding="utf-8")
        quantize(tmp, tmp / GRAPHS["onnx-int8"])  # calibrates with the tokenizer and prompts just written
        tmp.chmod(0o755)  # mkdtemp makes it private; the cache is shared like the converted model
        if dest.exists():
            shutil.rmtree(dest)
        os.replace(tmp, dest)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return dest


def after_activation(graph) -> list[str]:
    """Names of the MatMul nodes whose input is an activation function's output (found within three
    steps back, as GELU is exported as Erf, Mul, Add, Mul): the feed-forward down-projections.

    Found by the graph's structure rather than by layer names, so any exported encoder is served alike."""
    producer = {out: node for node in graph.node for out in node.output}

    def reaches_activation(name: str, depth: int) -> bool:
        node = producer.get(name)
        if node is None or depth == 0:
            return False
        if node.op_type in ACTIVATIONS:
            return True
        return node.op_type in ELEMENTWISE and any(reaches_activation(i, depth - 1) for i in node.input)

    return [n.name for n in graph.node if n.op_type == "MatMul" and reaches_activation(n.input[0], 4)]


def feed(encodings, pad: int) -> dict[str, np.ndarray]:
    """The graph's inputs for one batch of encodings: ids padded with ``pad`` to the longest, the mask
    of the real tokens, token types all 0 (encoding and calibrating feed the graph alike)."""
    width = max(len(e.ids) for e in encodings)
    ids = np.full((len(encodings), width), pad, np.int64)
    mask = np.zeros((len(encodings), width), np.int64)
    for row, e in enumerate(encodings):
        ids[row, : len(e.ids)] = e.ids
        mask[row, : len(e.ids)] = 1
    return {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}


def calibration_texts(prompts: dict[str, str]) -> list[str]:
    """The texts of ``CALIBRATION`` with the prompts they are embedded with: a line ending in a question
    mark as a query, any other as a passage (where each file's lines come from is said in its header)."""
    lines = [line.strip() for line in CALIBRATION.read_text(encoding="utf-8").splitlines()]
    return [
        prompts.get("query" if line.endswith(("?", "？")) else "passage", "") + line
        for line in lines
        if line and not line.startswith("#")
    ]


def activation_maxima(model, names: list[str], folder: Path, meta: dict) -> list[np.ndarray]:
    """Per input channel of each named MatMul, the largest |value| its activation input takes over the
    real tokens (padding left out) of the calibration text, run through the fp32 graph ``model``."""
    import onnx
    import onnxruntime as ort

    nodes = {n.name: n for n in model.graph.node}
    inputs = [nodes[name].input[0] for name in names]
    extra = [onnx.helper.make_tensor_value_info(i, onnx.TensorProto.FLOAT, None) for i in inputs]
    model.graph.output.extend(extra)
    try:
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = threads()
        opts.log_severity_level = 3
        session = ort.InferenceSession(model.SerializeToString(), opts, providers=["CPUExecutionProvider"])
    finally:
        for _ in extra:
            model.graph.output.pop()
    tokenizer, pad = load_tokenizer(folder / "tokenizer.json", meta)
    encodings = tokenizer.encode_batch(calibration_texts(meta["prompts"]))
    maxima = [np.zeros(0, np.float32)] * len(names)
    for rows in batches([len(e.ids) for e in encodings], 16):
        batch = feed([encodings[i] for i in rows], pad)
        real = batch["attention_mask"].astype(bool)
        for k, x in enumerate(session.run(inputs, batch)):
            top = np.abs(x[real]).max(0)
            maxima[k] = top if not maxima[k].size else np.maximum(maxima[k], top)
    return maxima


def smooth(model, names: list[str], maxima: list[np.ndarray], alpha: float) -> None:
    """Move the activation outliers of each named MatMul into its weights (SmoothQuant): input channel j
    is divided by s_j = max|X_j|^alpha / max|W_j|^(1 - alpha) (a Mul inserted before the MatMul) and
    weight row j multiplied by it, so X W is unchanged in fp32 while the few channels whose range would
    set the per-tensor int8 step of the whole activation come down towards the others."""
    from onnx import helper, numpy_helper

    graph = model.graph
    weights = {init.name: init for init in graph.initializer}
    for name, top in zip(names, maxima, strict=True):
        index, node = next((i, n) for i, n in enumerate(graph.node) if n.name == name)
        init = weights[node.input[1]]
        w = numpy_helper.to_array(init)
        s = np.maximum(top, 1e-5) ** alpha / np.maximum(np.abs(w).max(1), 1e-5) ** (1 - alpha)
        init.CopyFrom(numpy_helper.from_array((w * s[:, None]).astype(np.float32), init.name))
        scale = numpy_helper.from_array((1 / s).astype(np.float32), f"{name}/smooth_scale")
        graph.initializer.append(scale)
        smoothed = name + "/smoothed"
        mul = helper.make_node("Mul", [node.input[0], scale.name], [smoothed], name=smoothed)
        graph.node.insert(index, mul)
        node.input[0] = smoothed


def quantize(folder: Path, int8: Path) -> None:
    """Write the int8 graph of ``folder``'s fp32 graph (``INT8_RECIPE``): every MatMul weight int8 per
    channel (which halves the cosine loss of per-tensor at the same size and speed), the feed-forward
    down-projections smoothed first (``smooth``) with scales from the calibration text."""
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    meta = json.loads((folder / "encoder.json").read_text(encoding="utf-8"))
    model = onnx.load(str(folder / GRAPHS["onnx-fp32"]))
    names = after_activation(model.graph)
    smooth(model, names, activation_maxima(model, names, folder, meta), SMOOTH_ALPHA)
    quantize_dynamic(model, int8, per_channel=True, weight_type=QuantType.QInt8)


def requantize(folder: Path) -> None:
    """Redo the int8 graph of an export made with another recipe, from its own fp32 graph (no torch)."""
    fd, tmp = tempfile.mkstemp(prefix="model.", suffix=".int8.onnx", dir=folder)
    os.close(fd)
    try:
        quantize(folder, Path(tmp))
        os.chmod(tmp, 0o644)
        os.replace(tmp, folder / GRAPHS["onnx-int8"])
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    meta = json.loads((folder / "encoder.json").read_text(encoding="utf-8"))
    meta["int8"] = INT8_RECIPE
    fd, tmp = tempfile.mkstemp(prefix="encoder.", suffix=".json", dir=folder)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        json.dump(meta, f, ensure_ascii=False, indent=2)
    os.chmod(tmp, 0o644)
    os.replace(tmp, folder / "encoder.json")


# Characters of Chinese and English reports: ASCII and Latin-1, general punctuation, letter-like
# symbols to dingbats (①, →, ■), CJK radicals, symbols and ideographs (with extension A), full-width forms.
NARROW_CHARS = (
    "\u0020-\u007e\u00a0-\u00ff\u2000-\u206f\u2100-\u27bf\u2e80-\u2fdf\u3000-\u303f"
    "\u3400-\u4dbf\u4e00-\u9fff\uff01-\uff60\uffe0-\uffee\u2581"
)
NARROW_FILE, NARROW_MAP = "tokenizer.narrow.json", "tokenizer.narrow.map.json"
SPECIAL_IDS = 5  # <s> <pad> </s> <unk> and the first piece keep their ids in the narrow vocabulary


def derive_narrow(folder: Path) -> None:
    """Write the narrow tokenizer beside ``tokenizer.json``: its vocabulary kept to the pieces made only
    of ``NARROW_CHARS`` (117 k of 250 k), which loads in a quarter of the time (0.26 s of CPU, not 0.9 s,
    all of it holding the GIL and so on every command's critical path).

    Why it gives the same ids: a piece holding a character the text lacks can never match it, so on a
    text with none of the dropped pieces' other characters (``outside`` in the map) the unigram lattice
    is the same, as is the unknown-piece score (the lowest-scoring piece is kept). The map holds each
    narrow id's full id, those characters, and the added tokens left out (``<mask>``). Written once,
    atomically, like the export."""
    full = json.loads((folder / "tokenizer.json").read_text(encoding="utf-8"))
    vocab = full["model"]["vocab"]
    narrow = re.compile(f"[{NARROW_CHARS}]+")
    lowest = min(range(len(vocab)), key=lambda i: vocab[i][1])
    keep = [
        i for i, (piece, _) in enumerate(vocab) if i < SPECIAL_IDS or i == lowest or narrow.fullmatch(piece)
    ]
    kept = set(keep)
    outside = {c for i, (piece, _) in enumerate(vocab) if i not in kept for c in piece if not narrow.match(c)}
    full["model"]["vocab"] = [vocab[i] for i in keep]
    dropped = [t["content"] for t in full["added_tokens"] if t["id"] >= SPECIAL_IDS]
    full["added_tokens"] = [t for t in full["added_tokens"] if t["id"] < SPECIAL_IDS]
    mapping = {"ids": keep, "outside": "".join(sorted(outside)), "added": dropped}
    for name, data in ((NARROW_MAP, mapping), (NARROW_FILE, full)):  # the map first: the json marks it done
        fd, tmp = tempfile.mkstemp(prefix=name + ".", dir=folder)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(data, f, ensure_ascii=False)
        os.chmod(tmp, 0o644)
        os.replace(tmp, folder / name)


class Encoded:
    """Token ids of one text, in the full vocabulary's numbering (what the graph was exported with)."""

    __slots__ = ("ids",)

    def __init__(self, ids: list[int]):
        self.ids = ids


class NarrowTokenizer:
    """The narrow tokenizer (``derive_narrow``) for texts it encodes exactly, the full one, loaded on
    first need, for the rest (a report quoting Cyrillic or Japanese): ids always as the full one gives."""

    def __init__(self, narrow, mapping: dict, load_full):
        self.narrow = narrow
        self.ids = np.asarray(mapping["ids"], np.int64)
        self.outside = frozenset(mapping["outside"])
        self.added = tuple(mapping["added"])
        self._load_full = load_full
        self._full = None
        self._lock = threading.Lock()

    def fits(self, text: str) -> bool:
        """Whether the narrow vocabulary gives ``text`` the full one's ids."""
        normal = self.narrow.normalizer.normalize_str(text)
        return self.outside.isdisjoint(normal) and not any(a in text for a in self.added)

    def full(self):
        with self._lock:
            if self._full is None:
                self._full = self._load_full()
            return self._full

    def encode_batch(self, texts: list[str]) -> list[Encoded]:
        fits = [self.fits(t) for t in texts]
        out: list[Encoded | None] = [None] * len(texts)
        inside = [i for i, f in enumerate(fits) if f]
        for i, e in zip(inside, self.narrow.encode_batch([texts[i] for i in inside]), strict=True):
            out[i] = Encoded(self.ids[e.ids].tolist())
        rest = [i for i, f in enumerate(fits) if not f]
        if rest:
            for i, e in zip(rest, self.full().encode_batch([texts[i] for i in rest]), strict=True):
                out[i] = Encoded(e.ids)
        return out


def load_tokenizer(path: Path, meta: dict):
    """The tokenizer as the export recorded it (truncation at the model's length) and its pad id: the
    narrow one (``derive_narrow``, derived on first use) where the cache holds or takes it, else the full."""
    from tokenizers import Tokenizer

    def load(file: Path):
        tokenizer = Tokenizer.from_file(str(file))
        tokenizer.no_padding()  # batches are padded here, to their own longest row
        tokenizer.enable_truncation(int(meta["max_seq_length"]))
        return tokenizer

    pad = meta.get("pad_token")
    folder = path.parent
    if not (folder / NARROW_FILE).exists():
        try:
            derive_narrow(folder)
        except (OSError, KeyError, ValueError) as exc:  # a read-only cache or another tokenizer model
            log.info("serving the full tokenizer (no narrow one: %s)", exc)
            full = load(path)
            return full, full.token_to_id(pad) if pad else 0
    mapping = json.loads((folder / NARROW_MAP).read_text(encoding="utf-8"))
    narrow = NarrowTokenizer(load(folder / NARROW_FILE), mapping, lambda: load(path))
    return narrow, int(narrow.ids[narrow.narrow.token_to_id(pad)]) if pad else 0


def threads() -> int:
    """Intra-op threads: ``QA_THREADS`` or every core (measured best on 2 cores; see docs/BENCHMARKS.md)."""
    return int(os.environ.get("QA_THREADS") or os.cpu_count() or 1)


class OnnxEncoder:
    """Token ids in, normalised mean-pooled vectors out; ``tokenizers`` + ``onnxruntime`` only.

    The tokenizer (a 16 MB vocabulary) and the graph load in background threads and the first
    ``encode`` waits for them: onnxruntime releases the GIL while it builds the session, so that
    second of a command's start overlaps with what runs before the first question is embedded
    (opening the index, reading the question's places and words), instead of preceding it."""

    def __init__(self, folder: str | os.PathLike, backend: str):
        import onnxruntime as ort

        folder = Path(folder)
        meta = json.loads((folder / "encoder.json").read_text(encoding="utf-8"))
        self.prompts: dict[str, str] = meta["prompts"]
        self.dim = int(meta["dimension"])
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = threads()
        opts.inter_op_num_threads = 1
        # Idle threads spin for at most SPIN_US before they sleep: a thread asleep between two operators
        # wakes too late for the next, 300 of them in a query (one query 7.9 -> 5.7 ms p50 quiet), while
        # spinning without a bound burns the cores other work needs (at load 7 on 2 cores it doubled a
        # query's wall and CPU time, 15 -> 31 ms; four threads asking at once: 197 queries/s against 257
        # asleep, 248 bounded). docs/BENCHMARKS.md has the runs.
        opts.add_session_config_entry("session.intra_op.allow_spinning", "1")
        opts.add_session_config_entry("session.intra_op.spin_duration_us", str(SPIN_US))
        opts.log_severity_level = 3  # the int8 graph's benign "unused initializer" notes stay quiet
        graph = str(folder / GRAPHS[backend])
        pool = ThreadPoolExecutor(2, thread_name_prefix="qa-encoder-load")
        # The session first: the tokenizer's load holds the GIL for its whole second, so submitted first
        # it would keep this thread from even submitting the session until it was done.
        self._session = pool.submit(ort.InferenceSession, graph, opts, providers=["CPUExecutionProvider"])
        self._tokenizer = pool.submit(load_tokenizer, folder / "tokenizer.json", meta)
        pool.shutdown(wait=False)  # the threads end when loaded; nothing else runs on them

    @property
    def tokenizer(self):
        return self._tokenizer.result()[0]

    @property
    def session(self):
        return self._session.result()

    def _run(self, encodings) -> np.ndarray:
        inputs = feed(encodings, self._tokenizer.result()[1])
        hidden = self.session.run(None, inputs)[0]
        weights = inputs["attention_mask"][..., None].astype(np.float32)
        vecs = (hidden * weights).sum(1) / np.maximum(weights.sum(1), 1e-9)
        return vecs / np.maximum(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-12)

    def encode(self, texts: list[str], batch_size: int, progress: bool = False) -> np.ndarray:
        """Vectors in input order, from batches of length-sorted texts (``batches``)."""
        encodings = self.tokenizer.encode_batch(texts)
        out = np.zeros((len(texts), self.dim), np.float32)
        bar = tqdm(total=len(texts), desc="Batches", unit="text", disable=not progress)
        for rows in batches([len(e.ids) for e in encodings], batch_size):
            out[rows] = self._run([encodings[i] for i in rows])
            bar.update(len(rows))
        bar.close()
        return out


def batches(lengths: list[int], size: int, slack: float = PAD_SLACK) -> list[list[int]]:
    """Row numbers grouped into batches of at most ``size`` texts of similar length.

    Every row of a batch is padded to its longest, and padding costs as much as text, so a batch
    also ends where padding would exceed ``slack`` - 1 of its real tokens: the few clauses embedded
    per question (25 to 50 tokens) then run as two or three tight batches instead of one padded to
    the longest, about a fifth less work; length-sorted chunks at indexing still fill whole batches.

    Short texts go more to a batch (up to ``BATCH_TOKENS`` padded tokens): a matrix product over a
    few short rows leaves the cores idle between its steps; the figure clauses stored at indexing
    embed in a quarter less time than four to a batch."""
    out: list[list[int]] = []
    rows: list[int] = []
    real = 0
    for i in sorted(range(len(lengths)), key=lengths.__getitem__):
        full = len(rows) >= max(size, BATCH_TOKENS // max(lengths[i], 1))
        if rows and (full or (len(rows) + 1) * lengths[i] > slack * (real + lengths[i])):
            out.append(rows)
            rows, real = [], 0
        rows.append(i)
        real += lengths[i]
    if rows:
        out.append(rows)
    return out
