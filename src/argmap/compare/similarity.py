"""How alike two statements read: text similarity that survives paraphrase and word
order, and how much two quoted passages overlap. Qt-free; uses rapidfuzz (C speed)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from rapidfuzz import fuzz, process

from argmap.model import Statement, StatementKind

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"})

#: Words that say little about what a statement is about (compared without them).
STOPWORDS = frozenset(
    ["a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "could", "did", "do", "does", "doing", "down", "during", "each", "few", "for", "from", "further", "had", "has", "have", "having", "he", "her", "here", "hers", "him", "his", "how", "i", "if", "in", "into", "is", "it", "its", "itself", "just", "may", "me", "might", "more", "most", "must", "my", "nor", "now", "of", "off", "on", "once", "only", "or", "other", "our", "ours", "out", "over", "own", "same", "she", "should", "so", "some", "such", "than", "that", "the", "their", "theirs", "them", "then", "there", "these", "they", "this", "those", "through", "to", "too", "under", "until", "up", "very", "was", "we", "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will", "with", "would", "you", "your"]
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
    lemmatiser: good enough for paraphrase that keeps the key words). "yes", "no" and
    "not" are kept: they tell positions apart."""
    out = set()
    for w in normalize(text).split():
        if w in STOPWORDS or len(w) < 2:
            continue
        out.add(w[:STEM])
        if len(w) >= 8:  # a compound's last part: "landmines" meets "mines"
            out.add(w[-STEM:])
    return frozenset(out)


@dataclass(frozen=True, slots=True)
class Prepared:
    """A statement reduced to what comparison reads."""

    kind: StatementKind
    full: str  # title and text, normalised, words sorted (word order never matters)
    title: str  # the same for the title
    text: str  # and for the text
    quote: str  # the quotation, normalised, in its own order
    quote_pairs: frozenset[tuple[str, str]]  # the quotation's word pairs
    stems: frozenset[str]
    title_stems: frozenset[str]


def _sorted_words(text: str) -> str:
    return " ".join(sorted(text.split()))


def prepare(s: Statement) -> Prepared:
    quote = normalize(s.source.quotation) if s.source is not None else ""
    text = normalize(s.text)
    title = normalize(s.title)
    full = f"{title} {text}".strip()
    words = quote.split()
    return Prepared(
        s.kind, _sorted_words(full), _sorted_words(title), _sorted_words(text), quote,
        frozenset(pairwise(words)), stems(full), stems(s.title),
    )


def dice(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b))


def quote_overlap(a: Prepared, b: Prepared) -> float:
    """0..1: how much the quotations of two statements overlap. A student who quotes a
    shorter or a longer span of the same sentence scores high; a short common phrase
    does not."""
    if not a.quote or not b.quote:
        return 0.0
    short, long_ = (a, b) if len(a.quote) <= len(b.quote) else (b, a)
    words = len(short.quote_pairs) + 1
    contained = len(short.quote_pairs & long_.quote_pairs) / len(short.quote_pairs) if short.quote_pairs else 0.0
    score = contained
    if 0.3 <= contained < 0.9:
        # A retyped quotation (a typo, other punctuation) still aligns letter by letter
        # (only worth the time when some word pairs are shared at all).
        aligned = max(0.0, (fuzz.partial_ratio(short.quote, long_.quote) / 100 - 0.6) / 0.4)
        score = max(contained, aligned)
    if words < 4:  # "Russia", "the treaty": too short to tell which passage is meant
        score *= words / 4
    return score


def _scores(query: str, choices: list[str]) -> list[float]:
    """fuzz.ratio of ``query`` with every choice (in C, the query prepared once)."""
    out = [0.0] * len(choices)
    if not query:
        return out
    for _choice, score, index in process.extract(query, choices, scorer=fuzz.ratio, limit=None, score_cutoff=1):
        out[index] = score
    return out


def text_matrix(students: Sequence[Prepared], models: Sequence[Prepared]) -> list[list[float]]:
    """Text similarity 0..1 of every student statement with every model statement: the
    best of word-order-free fuzzy ratios (on sorted words) of the whole, the texts and
    the titles, and the overlap of content-word stems (paraphrase keeps the key words
    more often than the wording)."""
    fulls = [m.full for m in models]
    texts = [m.text for m in models]
    titles = [m.title for m in models]
    m_stems = [(m.stems, len(m.stems), m.title_stems, len(m.title_stems)) for m in models]
    out: list[list[float]] = []
    for s in students:
        whole = _scores(s.full, fulls)
        text = _scores(s.text, texts)
        title = _scores(s.title, titles)
        st, n_st, tst, n_tst = s.stems, len(s.stems), s.title_stems, len(s.title_stems)
        row = []
        for j, (ms, n_ms, mts, n_mts) in enumerate(m_stems):
            best = max(whole[j], text[j], 0.9 * title[j]) / 100
            # Stems are a coarser signal than the fuzzy ratio; scaled up because a
            # paraphrase shares about half of its content words. Titles are short, so
            # one common word in two says less there.
            if n_st and n_ms:
                best = max(best, min(1.0, 2.6 * len(st & ms) / (n_st + n_ms)))
            if n_tst and n_mts:
                best = max(best, 1.6 * len(tst & mts) / (n_tst + n_mts))
            row.append(best)
        out.append(row)
    return out
