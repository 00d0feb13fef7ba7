"""report QA: cited, offline question answering over Chinese government annual reports.

    from qa import ReportQA
    rqa = ReportQA.build("seeds", "index")      # or ReportQA.open("index")
    ans = rqa.ask("泰顺县PM2.5降幅是多少", k=5)

The package follows the pipeline: ``qa.ingest`` (files → chunks), ``qa.index`` (chunks → index),
``qa.ask`` (index → hits → answer), ``qa.serve`` (the page and HTTP); shared data types in
``qa.types``, text helpers in ``qa.text``.
"""

from .api import ReportQA
from .config import Config
from .errors import IndexProblem, QAError
from .types import Answer, Chunk, DocInfo, Passage, Update

__all__ = ["ReportQA", "Answer", "Passage", "Chunk", "DocInfo", "Update", "Config", "QAError", "IndexProblem"]
