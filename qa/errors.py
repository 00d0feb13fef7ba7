"""The one error family the library raises for bad input; the CLI and page show its message as is."""


class QAError(Exception):
    """Something the user can fix; the message says what was given, what is valid and how to fix it."""


class IndexProblem(QAError):
    """A missing, broken, stale or mismatched index."""
