"""What every hostile case ends with: the collection still answers the headline question."""

from __future__ import annotations

import shutil
from pathlib import Path

QUESTION = "湟中区2024年查处了多少起环境违法行为"
ANSWER = "25起"


def still_answers(rqa) -> None:
    """The collection answers its headline question from the right report, cited."""
    ans = rqa.ask(QUESTION)
    assert ans.answer == ANSWER and ans.passages[0].doc.startswith("004_")
    assert (
        rqa.source_text(ans.passages[0].doc)[ans.passages[0].start : ans.passages[0].end]
        == ans.passages[0].text
    )


def copy_index(src: Path, dest: Path) -> Path:
    shutil.copytree(src, dest)
    return dest
