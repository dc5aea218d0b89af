"""Card geometry: word wrapping and the size of a statement's card (``card_size``), shared
by the card item, the layout (as ``size_of``) and every export."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetricsF

from argmap.model import Statement, StatementKind
from argmap.ui.styles import BODY_PX, CARD_WIDTH, HEADER_PX, SMALL_PX, make_font

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
        widths = self._widths
        measure = self.width
        for para in text.split("\n"):
            words = para.split()
            start = 0
            used = -space  # the first word of a line adds no space before it
            i = 0
            while i < len(words):
                word = words[i]
                ww = widths.get(word)
                if ww is None:
                    ww = measure(word)
                if ww > limit and len(word) > 1:  # wider than a line: break it by characters
                    if i > start:
                        lines.append(" ".join(words[start:i]))
                    pieces = self._break_word(word, limit)
                    lines.extend(pieces[:-1])
                    words[i] = pieces[-1]
                    start, used = i, -space
                    continue
                used += space + ww
                if used > limit and i > start:
                    lines.append(" ".join(words[start:i]))
                    start, used = i, ww
                i += 1
            lines.append(" ".join(words[start:]))
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


_FILE_IN_PARENS = re.compile(r"\s*\((?:[^()]*[/\\][^()]*|[^()\s]+\.[A-Za-z0-9]{1,5})\)\s*$")


def short_citation(citation: str) -> str:
    """The citation without a trailing file path in parentheses ("Title (seeds/a.txt)")."""
    short = _FILE_IN_PARENS.sub("", citation).strip()
    return short or citation.strip()


def citation_parts(s: Statement) -> tuple[str, str]:
    """The (short) citation and the locator an evidence card shows."""
    src = s.source
    if src is None or s.kind is not StatementKind.EVIDENCE:
        return "", ""
    citation = short_citation(src.citation) if src.citation else ""
    if not citation and not src.locator and src.url:
        citation = src.url
    return citation, src.locator.strip()


def _cite_lines(s: Statement, width: float) -> list[str]:
    """The citation wrapped into at most ``MAX_CITE_LINES``; when it is too long the
    citation is shortened with an ellipsis and the locator always stays at the end."""
    citation, locator = citation_parts(s)
    if not citation and not locator:
        return []
    small = metrics("small")
    text = ", ".join(p for p in (citation, locator) if p)
    lines = small.wrap("\u2014 " + text, width)
    if len(lines) <= MAX_CITE_LINES:
        return lines
    if not locator or not citation:
        return small.wrap("\u2014 " + text, width, max_lines=MAX_CITE_LINES)
    budget = MAX_CITE_LINES * (width - 1.0) - small.fm.horizontalAdvance("\u2014 , " + locator)
    while budget > 20:
        short = small.fm.elidedText(citation, Qt.TextElideMode.ElideRight, budget)
        lines = small.wrap(f"\u2014 {short}, {locator}", width)
        if len(lines) <= MAX_CITE_LINES:
            return lines
        budget -= small.fm.averageCharWidth() * 3
    return small.wrap(f"\u2014 {locator}", width, max_lines=MAX_CITE_LINES)


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
    lines = _cite_lines(s, width) if s.source is not None else []
    if lines:
        cite, cl = LINE_SEP.join(lines), len(lines)
        h += CITE_GAP + cl * metrics("small").line_h
    h += PAD_BOTTOM
    return CardText(title, body, cite, tl, len(body_lines), cl, max(MIN_HEIGHT, float(math.ceil(h))))


def card_size(statement: Statement) -> tuple[float, float]:
    """Width and height of a statement's card in scene units (what the layout needs)."""
    return CARD_WIDTH, wrap_card(statement).height
