"""Marking display strings for translation without Qt: ``translate_noop(context, text)``
does what ``QT_TRANSLATE_NOOP`` does (returns the text unchanged) so a translation tool
finds every marked string; the UI translates them with ``QCoreApplication.translate``
in the same context."""

from __future__ import annotations

#: The context of undo texts (the labels of edits).
EDITS = "edits"


def translate_noop(context: str, text: str) -> str:
    """Marks ``text`` for translation in ``context``; returns it unchanged."""
    del context
    return text
