"""Qt-free estimate of a statement card's size, used when the UI has not measured it."""

from __future__ import annotations

from collections.abc import Callable

from argmap.model import Statement, StatementKind
from argmap.model.style import CARD_WIDTH

CHARS_PER_LINE = 34  # 13 px font in a 260 px card less padding
LINE_HEIGHT = 18.0
PADDING = 12.0  # above and below the text
_PAD2 = 2 * PADDING
_EVIDENCE = StatementKind.EVIDENCE

SizeOf = Callable[[Statement], tuple[float, float]]


def estimate_card_size(statement: Statement) -> tuple[float, float]:
    """(width, height) of the card for ``statement``: 260 px wide, text wrapped at about
    34 characters a line of 18 px, plus padding, a title line and a citation line."""
    text = statement.text
    # Word wrap leaves the end of most lines short: count a tenth more characters.
    if "\n" in text:
        lines = sum(-(-(len(part) * 11 // 10) // CHARS_PER_LINE) or 1 for part in text.strip().split("\n"))
    else:
        lines = -(-(len(text) * 11 // 10) // CHARS_PER_LINE) or 1
    if statement.title:
        lines += 1
    if statement.kind is _EVIDENCE and statement.source is not None and statement.source.citation:
        lines += 1
    return CARD_WIDTH, _PAD2 + LINE_HEIGHT * lines
