"""report QA: cited, offline question answering over Chinese government annual reports.

    from qa import ReportQA
    rqa = ReportQA.build("seeds", "index")      # or ReportQA.open("index")
    ans = rqa.ask("泰顺县PM2.5降幅是多少", k=5)
"""
from .answer import Answer
from .api import ReportQA
from .chunk import Chunk
from .config import Config
from .errors import IndexProblem, QAError
from .search import Passage

__all__ = ["ReportQA", "Answer", "Passage", "Chunk", "Config", "QAError", "IndexProblem"]
