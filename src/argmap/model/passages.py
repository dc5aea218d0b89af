"""The text of a source document as paragraphs and pages: where a quotation occurs in
it, the locator of that place ("para. 4", "p. 12"), and the closest passage to a
quotation that does not occur. Pure functions over strings (stdlib only).

Matching ignores case, runs of whitespace, the kind of quote marks and dashes, and soft
hyphens; a quotation may leave words out with an ellipsis ("...", "…", "[...]").
"""

from __future__ import annotations

import bisect
import difflib
import re
from dataclasses import dataclass
from functools import lru_cache

PAGE_BREAK = "\f"

#: One character for one character, so offsets in the folded text are offsets in the
#: original (a soft hyphen becomes a space: whitespace runs match any whitespace).
_FOLD = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
        "\u00ab": '"', "\u00bb": '"',
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-",
        "\u2212": "-", "\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u00ad": " ",
    }
)
_ELLIPSIS = re.compile(r"\s*(?:\[\s*(?:\.\s*){3}\]|\[\s*\u2026\s*\]|(?:\.\s*){3}|\u2026)\s*")
_BLOCK_BREAK = re.compile(r"\n[ \t\r\v]*\n\s*|\f\s*")
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A block of text between blank lines. ``number`` counts from 1 in reading order
    (0 for a headline that repeats the document's title); ``page`` is the 1-based page
    of a paged document, else 0. ``start``/``end`` are offsets into the text."""

    number: int
    start: int
    end: int
    page: int = 0


@dataclass(frozen=True, slots=True)
class Span:
    """Where a quotation occurs: offsets into the document's text."""

    start: int
    end: int


def _fold(text: str) -> str:
    """Text for matching with the same length as ``text``."""
    folded = text.translate(_FOLD).lower()
    if len(folded) != len(text):  # a character whose lower case is longer (rare)
        folded = "".join(c if len(c.lower()) != 1 else c.lower() for c in text.translate(_FOLD))
    return folded


@lru_cache(maxsize=16)
def folded(text: str) -> str:
    return _fold(text)


@lru_cache(maxsize=16)
def paragraphs(text: str, title: str = "") -> tuple[Paragraph, ...]:
    """The paragraphs of ``text``: blocks separated by blank lines or page breaks. A
    first block equal to ``title`` (the headline) is numbered 0 and not counted."""
    out: list[Paragraph] = []
    page = 1 if PAGE_BREAK in text else 0
    pos = 0
    number = 0
    heading_title = " ".join(_fold(title).split())
    for brk in [*_BLOCK_BREAK.finditer(text), None]:
        end = brk.start() if brk is not None else len(text)
        chunk = text[pos:end]
        lead = len(chunk) - len(chunk.lstrip())
        body = chunk.strip()
        if body:
            start = pos + lead
            stop = start + len(body)
            if not out and heading_title and " ".join(_fold(body).split()) == heading_title:
                out.append(Paragraph(0, start, stop, page))
            else:
                number += 1
                out.append(Paragraph(number, start, stop, page))
        if brk is None:
            break
        if page:
            page += text.count(PAGE_BREAK, brk.start(), brk.end())
        pos = brk.end()
    return tuple(out)


def counted(paras: tuple[Paragraph, ...]) -> list[Paragraph]:
    """The paragraphs that count (without a headline)."""
    return [p for p in paras if p.number > 0]


def paragraph_at(paras: tuple[Paragraph, ...], offset: int) -> Paragraph | None:
    """The paragraph holding ``offset`` (or the next one when it falls between two)."""
    starts = [p.start for p in paras]
    i = bisect.bisect_right(starts, offset) - 1
    if i >= 0 and offset < paras[i].end:
        return paras[i]
    return paras[i + 1] if i + 1 < len(paras) else (paras[i] if paras and i >= 0 else None)


def locator(text: str, span: Span, title: str = "") -> str:
    """"para. 4" (or "paras. 4-5"), or "p. 12" ("pp. 12-13") for a paged text."""
    paras = paragraphs(text, title)
    first = paragraph_at(paras, span.start)
    last = paragraph_at(paras, max(span.start, span.end - 1))
    if first is None or last is None:
        return ""
    if PAGE_BREAK in text:
        a, b = first.page, last.page
        return f"p. {a}" if a == b else f"pp. {a}-{b}"
    a, b = first.number, last.number
    if a == 0 and b == 0:
        return "headline"
    a = max(a, 1)
    return f"para. {a}" if a == b else f"paras. {a}-{b}"


def fragments(quotation: str) -> list[str]:
    """The parts of a quotation to look for, split at ellipses, outer quote marks
    dropped, folded (see ``_fold``)."""
    text = " ".join(_fold(quotation).split()).strip("\"' ")
    return [part.strip("\"' ") for part in _ELLIPSIS.split(text) if part.strip("\"' ")]


@lru_cache(maxsize=4096)
def _pattern(part: str) -> re.Pattern[str]:
    return re.compile(r"\s+".join(re.escape(word) for word in part.split()))


def find(text: str, quotation: str) -> Span | None:
    """Where ``quotation`` occurs in ``text`` (every ellipsis-separated part, in order),
    or None. Equal inputs give the answer from a cache."""
    if not quotation.strip() or not text:
        return None
    return _find(text, quotation)


@lru_cache(maxsize=8192)
def _find(text: str, quotation: str) -> Span | None:
    parts = fragments(quotation)
    if not parts:
        return None
    hay = folded(text)
    pos = 0
    start = -1
    for part in parts:
        m = _pattern(part).search(hay, pos)
        if m is None:
            return None
        if start < 0:
            start = m.start()
        pos = m.end()
    return Span(start, pos)


def locate(text: str, quotation: str, title: str = "") -> str:
    """The locator of ``quotation`` in ``text``, or "" when it does not occur."""
    span = find(text, quotation)
    return "" if span is None else locator(text, span, title)


def _sentences(text: str, paras: tuple[Paragraph, ...]) -> list[tuple[int, Span]]:
    """(paragraph index, sentence span) for every sentence."""
    out: list[tuple[int, Span]] = []
    for k, p in enumerate(paras):
        start = p.start
        for m in _SENTENCE_END.finditer(text, p.start, p.end):
            out.append((k, Span(start, m.start() + 1)))
            start = m.end()
        if start < p.end:
            out.append((k, Span(start, p.end)))
    return out


_SENTENCE_END = re.compile(r"[.!?\u2026][\"'\u201d\u2019)]*\s+")


@lru_cache(maxsize=256)
def closest(text: str, quotation: str, title: str = "") -> Span | None:
    """The passage of ``text`` most like ``quotation`` (within one to three consecutive
    sentences of a paragraph, trimmed to the words that match), or None when nothing
    is alike enough."""
    wanted = " ".join(_fold(quotation).split()).strip("\"' ")
    words = set(_WORD.findall(wanted))
    if not words:
        return None
    hay = folded(text)
    sentences = _sentences(text, paragraphs(text, title))
    word_sets = [set(_WORD.findall(hay[s.start : s.end])) for _k, s in sentences]
    ranked: list[tuple[float, int, int]] = []
    for i, (para, _s) in enumerate(sentences):
        seen: set[str] = set()
        for j in range(i, min(i + 3, len(sentences))):
            if sentences[j][0] != para:
                break
            seen |= word_sets[j]
            shared = len(words & seen)
            if shared:
                ranked.append((shared / len(words) - 0.01 * (j - i), i, j))
    if not ranked:
        return None
    ranked.sort(key=lambda r: (-r[0], r[1], r[2]))
    best: tuple[float, Span] | None = None
    for _score, i, j in ranked[:40]:
        span = Span(sentences[i][1].start, sentences[j][1].end)
        candidate = hay[span.start : span.end]
        matcher = difflib.SequenceMatcher(None, candidate, wanted, autojunk=False)
        blocks = [b for b in matcher.get_matching_blocks() if b.size >= 3]
        if not blocks:
            continue
        lo, hi = _word_bounds(candidate, blocks[0].a, blocks[-1].a + blocks[-1].size)
        trimmed = " ".join(candidate[lo:hi].split())
        ratio = difflib.SequenceMatcher(None, trimmed, wanted, autojunk=False).ratio()
        if best is None or ratio > best[0]:
            best = (ratio, Span(span.start + lo, span.start + hi))
    return best[1] if best is not None and best[0] >= 0.5 else None


def _word_bounds(text: str, lo: int, hi: int) -> tuple[int, int]:
    """``lo``..``hi`` widened to whole words and stripped of outer spaces and quotes."""
    while lo > 0 and text[lo - 1].isalnum():
        lo -= 1
    while hi < len(text) and text[hi].isalnum():
        hi += 1
    while lo < hi and (text[lo].isspace() or text[lo] in "\"'"):
        lo += 1
    while hi > lo and (text[hi - 1].isspace() or text[hi - 1] in "\"'"):
        hi -= 1
    return lo, hi


__all__ = [
    "PAGE_BREAK",
    "Paragraph",
    "Span",
    "closest",
    "counted",
    "find",
    "fragments",
    "locate",
    "locator",
    "paragraph_at",
    "paragraphs",
]
