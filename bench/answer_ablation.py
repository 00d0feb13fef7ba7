"""Ablation of the answer mechanisms on a question file: answer accuracy per type with and without the
clause similarity from the model (``answer.W_SIM``), on one loaded index.

    python bench/answer_ablation.py INDEX QUESTIONS.jsonl
"""

from __future__ import annotations

import sys
from collections import defaultdict

from qa import ReportQA
from qa.ask import answer
from qa.evaluate import answer_correct, load_questions


def run(rqa: ReportQA, questions: list[dict]) -> dict[str, tuple[int, int]]:
    per: dict[str, list[int]] = defaultdict(list)
    for q in questions:
        ans = rqa.ask(q["question"], k=5)
        if q.get("type") == "none":
            per["none"].append(int(ans.answer is None))
        elif q.get("answer") is not None:
            per[q.get("type", "?")].append(int(answer_correct(q["answer"], ans.answer)))
            per["false abstention"].append(int(ans.answer is None))
    return {k: (sum(v), len(v)) for k, v in per.items()}


def main() -> None:
    rqa = ReportQA.open(sys.argv[1])
    questions = load_questions(sys.argv[2])
    for label, weight in (("clause similarity (W_SIM=2)", 2.0), ("rules only (W_SIM=0)", 0.0)):
        answer.W_SIM = weight
        result = run(rqa, questions)
        print(label, " ".join(f"{k}={ok}/{n}" for k, (ok, n) in sorted(result.items())), flush=True)


if __name__ == "__main__":
    main()
