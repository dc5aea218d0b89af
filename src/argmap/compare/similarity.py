"""How alike two statements read: text similarity that survives paraphrase and word
order, and how much two quoted passages overlap. Qt-free; uses rapidfuzz (C speed)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from argmap.model import Statement, StatementKind

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"})

#: Words that say little about what a statement is about (compared without them).
STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further had has
    have having he her here hers him his how i if in into is it its itself just may me might more most
    must my no nor not now of off on once only or other our ours out over own same she should so some
    such than that the their theirs them then there these they this those through to too under until up
    very was we were what when where which while who whom why will with would yes you your""".split()
)

#: Stems keep this many leading letters: "deter", "deterrence", "deterring" meet.
STEM = 5


def normalize(text: str) -> str:
    """Lower case, typographic quotes and dashes made plain, punctuation dropped,
    spaces collapsed: what two quotations of the same sentence share."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold()
    return " ".join(_WORD.findall(text))


def stems(text: str) -> frozenset[str]:
    """The content words of ``text``, cut to a short stem (a cheap, language-light
    lemmatiser: good enough for paraphrase that keeps the key words)."""
    return frozenset(w[:STEM] for w in normalize(text).split() if w not in STOPWORDS and len(w) > 1)


@dataclass(frozen=True, slots=True)
class Prepared:
    """A statement reduced to what comparison reads."""

    kind: StatementKind
    full: str  # title and text, normalised
    title: str
    text: str
    quote: str
    stems: frozenset[str]
    title_stems: frozenset[str]


def prepare(s: Statement) -> Prepared:
    quote = normalize(s.source.quotation) if s.source is not None else ""
    text = normalize(s.text)
    title = normalize(s.title)
    full = f"{title} {text}".strip()
    return Prepared(s.kind, full, title, text, quote, stems(full), stems(s.title))


def dice(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b))


def quote_overlap(a: str, b: str) -> float:
    """0..1: how much two normalised quotations overlap. A student who quotes a shorter
    or a longer span of the same sentence scores high; a short common phrase does not."""
    if not a or not b:
        return 0.0
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    words = short.split()
    pairs = set(zip(words, words[1:]))
    long_words = long_.split()
    contained = len(pairs & set(zip(long_words, long_words[1:]))) / len(pairs) if pairs else 0.0
    # A retyped quotation (a typo, other punctuation) still aligns character by character.
    aligned = max(0.0, (fuzz.partial_ratio(short, long_) / 100 - 0.6) / 0.4)
    score = max(contained, aligned)
    if len(words) < 4:  # "Russia", "the treaty": too short to tell which passage is meant
        score *= len(words) / 4
    return score


def text_matrix(students: Sequence[Prepared], models: Sequence[Prepared]) -> list[list[float]]:
    """Text similarity 0..1 of every student statement with every model statement: the
    best of word-order-free fuzzy ratios of the whole, of the titles, and the overlap
    of content-word stems (paraphrase keeps the key words more often than the wording)."""
    ratio = fuzz.token_sort_ratio
    out: list[list[float]] = []
    for s in students:
        row = []
        for m in models:
            best = ratio(s.full, m.full)
            if s.text and m.text:
                best = max(best, ratio(s.text, m.text))
            best /= 100
            if s.title and m.title:
                best = max(best, 0.9 * ratio(s.title, m.title) / 100)
            # Stems are a coarser signal than the fuzzy ratio; scaled up because a
            # paraphrase shares about half of its content words. Titles are short, so
            # one common word in two says less there.
            d = min(1.0, 1.3 * dice(s.stems, m.stems))
            if s.title_stems and m.title_stems:
                d = max(d, 0.8 * dice(s.title_stems, m.title_stems))
            row.append(max(best, d))
        out.append(row)
    return out
