"""The narrow tokenizer (a vocabulary of Chinese and English pieces, loaded in a quarter of the time)
gives exactly the full tokenizer's ids, falling back to the full one for text it cannot encode."""

import json
import shutil
from pathlib import Path

import pytest

from qa.config import DEFAULT_MODEL
from qa.index.embed import onnx_model
from qa.index.onnx_encoder import NARROW_FILE, NarrowTokenizer, load_tokenizer

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
QUESTIONS = [
    "湟中区2024年查处了多少起环境违法行为",
    "How many environmental violations did Huangzhong district investigate in 2024?",
    "２０２３年 GDP 增长５．２％，“十四五”规划 —— 完成了吗？",
    "①推进依法行政；②严格规范执法 · 第三条",
]
FOREIGN = ["Россия и 中国 2024", "ｶﾀｶﾅ 半角", "日本語のテキストです", "a <mask> b", "한국어 보고서"]


@pytest.mark.slow
def test_narrow_ids_equal_the_full_tokenizers(tmp_path):
    folder = onnx_model(DEFAULT_MODEL)
    for name in ("tokenizer.json", "encoder.json"):
        shutil.copy(folder / name, tmp_path / name)
    meta = json.loads((tmp_path / "encoder.json").read_text(encoding="utf-8"))
    narrow, pad = load_tokenizer(tmp_path / "tokenizer.json", meta)  # derives the narrow files
    assert isinstance(narrow, NarrowTokenizer) and (tmp_path / NARROW_FILE).exists()
    full = narrow.full()
    assert pad == full.token_to_id(meta["pad_token"])
    texts = list(QUESTIONS)
    for f in sorted(SEEDS.glob("*.txt")):
        report = f.read_text(encoding="utf-8")
        texts += [report, *report.splitlines()]  # the whole report is cut at the model's length
    texts = [prompt + t for t in texts + FOREIGN for prompt in ("query: ", "passage: ")]
    got = [e.ids for e in narrow.encode_batch(texts)]
    assert got == [e.ids for e in full.encode_batch(texts)]
    assert [t for t in texts if not narrow.fits(t)] == [
        p + t for t in FOREIGN for p in ("query: ", "passage: ")
    ]
    again, _ = load_tokenizer(tmp_path / "tokenizer.json", meta)  # derived once, then read
    assert again.encode_batch(texts[:4])[0].ids == got[0]
