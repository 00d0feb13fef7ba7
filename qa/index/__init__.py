"""Stage 2, chunks → index: embed, store vectors (FAISS) and keywords (BM25) with a manifest,
and change the collection safely (one writer, atomic swaps, only changed files embedded)."""
