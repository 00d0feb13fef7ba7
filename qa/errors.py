"""The one error family the library raises for bad input, with the fix as data.

Why data and not a finished sentence: the same problem is fixed differently from the command
line (``qa build …``), the page (the upload box) or Python (``ReportQA.build``). The library
says what was wrong and names the fix as an ``action``; each front end phrases that action in its
own words. ``str(error)`` reads as one line for Python users.
"""

from __future__ import annotations

# What a user can do about a problem; front ends map these to their own commands.
ACTIONS = {
    "build": "build the index from the reports",
    "rebuild": "rebuild the index from the reports",
    "update": "update the index from its sources",
    "edit": "set the report's metadata",
    "list": "list the reports in the collection",
    "wait": "wait for the other update to finish",
}


class QAError(Exception):
    """Something the user can fix: ``message`` says what was given and what is valid, ``hint``
    says how to fix it, ``action`` (one of ACTIONS) names the fix for front ends."""

    def __init__(self, message: str, hint: str | None = None, action: str | None = None, **details):
        self.message, self.hint, self.action, self.details = message, hint, action, details
        super().__init__(message if not (hint or action) else f"{message}; {hint or ACTIONS[action]}")


class IndexProblem(QAError):
    """A missing, broken, stale or mismatched index."""
