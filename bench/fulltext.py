"""Keyword side: bm25s with jieba (the index's own) against Milvus's BM25 full-text search.

    python bench/fulltext.py seeds ../shared/eval/dev.jsonl
    python bench/fulltext.py ../shared/corpora/national ../shared/eval/national_dev.jsonl
    python bench/fulltext.py --cmrc ../shared/corpora/cmrc2018_trial.jsonl

Both sides get the same chunks, the same question rewriting (``keyword_query``), the same
report scoping (a mask in bm25s, a filter expression in Milvus), the same jieba search-mode
tokens and stop words; only the BM25 engine differs. Recall is the keyword retriever alone.
The index is built with the tests' hash embedder: the keyword side does not depend on the
model, and the 2-core machine need not embed a corpus to measure it.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
import unicodedata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from cmrc import prepare as cmrc_contexts  # noqa: E402
from common import p50  # noqa: E402

from qa import Config, ReportQA  # noqa: E402
from qa.ask.retrieve import KeywordRetriever, keyword_query  # noqa: E402
from qa.evaluate import first_hit, gold_pairs, load_questions, retrieval_metrics  # noqa: E402
from qa.index.keyword import STOP  # noqa: E402
from qa.ingest.chunk import embed_text  # noqa: E402
from qa.types import QueryInfo  # noqa: E402
from tests.conftest import HashEmbedder  # noqa: E402


class MilvusBM25Retriever(KeywordRetriever):
    """The keyword retriever with Milvus's BM25 function (jieba analyzer) in place of bm25s."""

    def __init__(self, rqa: ReportQA, uri: str):
        from pymilvus import DataType, Function, FunctionType, MilvusClient

        super().__init__(rqa.searcher.stored.keyword, rqa.config, len(rqa.chunks()))
        self.client, self.collection = MilvusClient(uri), "fulltext"
        analyzer = {"tokenizer": "jieba", "filter": [{"type": "stop", "stop_words": sorted(STOP)}]}
        schema = self.client.create_schema(auto_id=False)
        schema.add_field("row", DataType.INT64, is_primary=True)
        schema.add_field("doc", DataType.VARCHAR, max_length=1024)
        schema.add_field(
            "text", DataType.VARCHAR, max_length=8192, enable_analyzer=True, analyzer_params=analyzer
        )
        schema.add_field("sparse", DataType.SPARSE_FLOAT_VECTOR)
        schema.add_function(
            Function(
                name="bm25",
                function_type=FunctionType.BM25,
                input_field_names=["text"],
                output_field_names=["sparse"],
            )
        )
        params = self.client.prepare_index_params()
        params.add_index("sparse", index_type="SPARSE_INVERTED_INDEX", metric_type="BM25")
        params.add_index("doc", index_type="INVERTED")
        if self.client.has_collection(self.collection):
            self.client.drop_collection(self.collection)
        self.client.create_collection(self.collection, schema=schema)
        self.client.create_index(self.collection, params, sync=False)  # as qa/index/milvus_store.py
        self.client.load_collection(self.collection)
        rows = [{"row": i, "doc": c.doc, "text": normal(embed_text(c))} for i, c in enumerate(rqa.chunks())]
        for start in range(0, len(rows), 1000):
            self.client.insert(self.collection, rows[start : start + 1000])
        self.client.flush(self.collection)

    def hits(self, query: str, info: QueryInfo, k: int, rows) -> list[tuple[int, float]]:
        expr = f"doc in {json.dumps(list(info.docs), ensure_ascii=False)}" if info.docs else ""
        found = self.client.search(
            self.collection,
            data=[normal(keyword_query(query, info))],
            anns_field="sparse",
            limit=k,
            filter=expr,
            output_fields=["row"],
            search_params={"metric_type": "BM25"},
        )[0]
        # Milvus Lite reports BM25 as a negative distance (best first); a server as a positive score
        return [(int(h["row"]), abs(float(h["distance"]))) for h in found]


def normal(text: str) -> str:
    """What bm25s's tokenizer sees: NFKC, lower case."""
    return unicodedata.normalize("NFKC", text).lower()


def ranks(rqa: ReportQA, questions: list[tuple[str, object]], cmrc: bool) -> tuple[list[int], list[float]]:
    """Rank of the first right passage (CMRC: of the right context) per question; search ms."""
    out, ms = [], []
    for question, gold in questions:
        t0 = time.perf_counter()
        passages = rqa.search(question, 10, mode="keyword")
        ms.append((time.perf_counter() - t0) * 1000)
        if cmrc:
            seen = list(dict.fromkeys(p.doc for p in passages))
            out.append(seen.index(gold) + 1 if gold in seen else 0)
        else:
            out.append(first_hit(passages, gold) or 0)
    return out, ms


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("sources", type=Path, help="reports folder, or the CMRC file with --cmrc")
    ap.add_argument("questions", type=Path, nargs="?", help="eval JSONL (not with --cmrc)")
    ap.add_argument("--cmrc", action="store_true")
    ap.add_argument("--work", type=Path, default=Path("bench/.work/fulltext"))
    args = ap.parse_args()
    logging.basicConfig(level=logging.WARNING)
    work = args.work / (args.sources.stem if args.cmrc else args.sources.name)
    if args.cmrc:
        folder, pairs = cmrc_contexts(args.sources, work)
        questions = list(pairs)
    else:
        folder = args.sources
        questions = [(q["question"], gold_pairs(q)) for q in load_questions(args.questions)]
        questions = [(q, g) for q, g in questions if g]
    embedder = HashEmbedder()
    index = work / "index"
    rqa = (
        ReportQA.open(index, embedder=embedder, check_sources=False)
        if (index / "manifest.json").exists()
        else ReportQA.build(folder, index, Config(model=embedder.name), embedder=embedder)
    )
    print(f"{len(rqa.documents())} reports, {len(rqa.chunks())} chunks, {len(questions)} questions")
    print("| keyword engine | n | recall@1 | recall@5 | MRR@10 | search p50 |\n|---|---|---|---|---|---|")
    t0 = time.perf_counter()
    milvus = MilvusBM25Retriever(rqa, str((work / "fulltext.db").resolve()))
    build_s = time.perf_counter() - t0
    for label, retriever in (("bm25s + jieba", rqa.searcher.retrievers[1]), ("Milvus BM25 (jieba)", milvus)):
        rqa.searcher.retrievers[1] = retriever
        found, ms = ranks(rqa, questions, args.cmrc)
        m = retrieval_metrics(found)
        print(
            f"| {label} | {m['n']} | {m['recall@1']:.3f} | {m['recall@5']:.3f} | {m['mrr@10']:.3f} | {p50(ms):.1f} ms |"
        )
    print(f"Milvus full-text collection built in {build_s:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
