"""Card geometry: word wrapping and the size of a statement's card (``card_size``), shared
by the card item, the layout (as ``size_of``) and every export."""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetricsF

from argmap.model import Statement, StatementKind
from argmap.ui.styles import BODY_PX, HEADER_PX, SMALL_PX, make_font

CARD_WIDTH = 260.0
PAD_X = 12.0
PAD_TOP = 8.0
PAD_BOTTOM = 10.0
HEADER_H = 16.0  # glyph + kind word + badges
HEADER_GAP = 3.0
TITLE_GAP = 3.0
CITE_GAP = 11.0  # includes the separator rule
MIN_HEIGHT = 58.0
HEX_INSET = 14.0  # how far a question's pointed ends reach in
MAX_CITE_LINES = 2
LINE_SEP = "\u2028"  # QStaticText breaks lines here and nowhere else


def pad_x(kind: StatementKind) -> float:
    return PAD_X + (HEX_INSET if kind is StatementKind.QUESTION else 0.0)


def inner_width(kind: StatementKind) -> float:
    return CARD_WIDTH - 2 * pad_x(kind)


class _Metrics:
    """Font metrics and a word-width cache for one font."""

    __slots__ = ("fm", "line_h", "space", "ascent", "_widths")

    def __init__(self, px: int, bold: bool = False) -> None:
        self.fm = QFontMetricsF(make_font(px, bold))
        self.line_h = float(math.ceil(self.fm.lineSpacing()))
        self.space = self.fm.horizontalAdvance(" ")
        self.ascent = self.fm.ascent()
        self._widths: dict[str, float] = {}

    def width(self, word: str) -> float:
        w = self._widths.get(word)
        if w is None:
            if len(self._widths) > 200_000:
                self._widths.clear()
            w = self._widths[word] = self.fm.horizontalAdvance(word)
        return w

    def wrap(self, text: str, width: float, max_lines: int = 0) -> list[str]:
        """Greedy word wrap of ``text`` into lines no wider than ``width``; newlines in
        the text start new lines; a word wider than a line is broken by characters.
        With ``max_lines`` the last kept line ends with an ellipsis when text is cut."""
        lines: list[str] = []
        space = self.space
        limit = width - 1.0
        for para in text.split("\n"):
            cur: list[str] = []
            used = 0.0
            for word in para.split():
                ww = self.width(word)
                if ww > limit:
                    if cur:
                        lines.append(" ".join(cur))
                        cur, used = [], 0.0
                    pieces = self._break_word(word, limit)
                    lines.extend(pieces[:-1])
                    word = pieces[-1]
                    ww = self.width(word)
                if not cur:
                    cur, used = [word], ww
                elif used + space + ww <= limit:
                    cur.append(word)
                    used += space + ww
                else:
                    lines.append(" ".join(cur))
                    cur, used = [word], ww
            lines.append(" ".join(cur))
        while len(lines) > 1 and not lines[-1]:
            lines.pop()
        if max_lines and len(lines) > max_lines:
            lines = lines[:max_lines]
            lines[-1] = self.fm.elidedText(lines[-1] + " \u2026 ", Qt.TextElideMode.ElideRight, limit)
        return lines

    def _break_word(self, word: str, limit: float) -> list[str]:
        pieces: list[str] = []
        start = 0
        for end in range(1, len(word) + 1):
            if end - start > 1 and self.fm.horizontalAdvance(word[start:end]) > limit:
                pieces.append(word[start : end - 1])
                start = end - 1
        pieces.append(word[start:])
        return pieces


@lru_cache(maxsize=None)
def metrics(role: str) -> _Metrics:
    """Metrics for "body", "title", "small" or "header" (created on first use; needs a
    QGuiApplication)."""
    if role == "body":
        return _Metrics(BODY_PX)
    if role == "title":
        return _Metrics(BODY_PX, bold=True)
    if role == "small":
        return _Metrics(SMALL_PX)
    return _Metrics(HEADER_PX, bold=True)


@dataclass(slots=True)
class CardText:
    """A card's wrapped text: line blocks joined with ``LINE_SEP`` and the card height."""

    title: str
    body: str
    cite: str
    title_lines: int
    body_lines: int
    cite_lines: int
    height: float


def citation_of(s: Statement) -> str:
    src = s.source
    if src is None or s.kind is not StatementKind.EVIDENCE:
        return ""
    parts = [p for p in (src.citation, src.locator) if p]
    if not parts and src.url:
        parts = [src.url]
    return ", ".join(parts)


def wrap_card(s: Statement) -> CardText:
    """Wrap a statement's title, text and citation for its card."""
    width = inner_width(s.kind)
    body_m = metrics("body")
    h = PAD_TOP + HEADER_H + HEADER_GAP
    title = ""
    tl = 0
    if s.title.strip():
        lines = metrics("title").wrap(s.title.strip(), width, max_lines=3)
        title, tl = LINE_SEP.join(lines), len(lines)
        h += tl * metrics("title").line_h + TITLE_GAP
    body_lines = body_m.wrap(s.text.strip(), width) if s.text.strip() else []
    body = LINE_SEP.join(body_lines)
    h += len(body_lines) * body_m.line_h
    cite = ""
    cl = 0
    text = citation_of(s)
    if text:
        small = metrics("small")
        lines = small.wrap("\u2014 " + text, width, max_lines=MAX_CITE_LINES)
        cite, cl = LINE_SEP.join(lines), len(lines)
        h += CITE_GAP + cl * small.line_h
    h += PAD_BOTTOM
    return CardText(title, body, cite, tl, len(body_lines), cl, max(MIN_HEIGHT, float(math.ceil(h))))


def card_size(statement: Statement) -> tuple[float, float]:
    """Width and height of a statement's card in scene units (what the layout needs)."""
    return CARD_WIDTH, wrap_card(statement).height
