"""Value types of an argument map: statements, links, sources and map metadata.

All are frozen dataclasses; a change is a new value (``dataclasses.replace``).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from enum import StrEnum
from typing import Any


class StatementKind(StrEnum):
    QUESTION = "question"
    POSITION = "position"
    CLAIM = "claim"
    EVIDENCE = "evidence"
    REBUTTAL = "rebuttal"


class LinkKind(StrEnum):
    SUPPORT = "support"
    ATTACK = "attack"


class Basis(StrEnum):
    STATISTIC = "statistic"
    EXPERT = "expert"
    OFFICIAL_STATEMENT = "official_statement"
    NEWS_REPORT = "news_report"
    STUDY = "study"
    OTHER = "other"


class Rating(StrEnum):
    """A student's own judgement of a statement (as in Rationale)."""

    ACCEPTED = "accepted"
    REJECTED = "rejected"
    UNDECIDED = "undecided"


class Strength(StrEnum):
    """A student's own judgement of an inference (a link)."""

    STRONG = "strong"
    WEAK = "weak"
    NONE = "none"


@dataclass(frozen=True, slots=True)
class Source:
    """Where evidence comes from."""

    citation: str = ""
    quotation: str = ""
    url: str = ""
    locator: str = ""  # page, paragraph or section, e.g. "para. 3"
    date: str = ""  # free text or ISO date, as the user wrote it
    basis: Basis | None = None

    def is_empty(self) -> bool:
        return not any((self.citation, self.quotation, self.url, self.locator, self.date, self.basis))


@dataclass(frozen=True, slots=True)
class Statement:
    """A node a person reads: a question, position, claim, evidence or rebuttal.

    ``pos`` is the canvas position of the card's top-left corner, or ``None`` when the
    statement has not been placed yet (an import without layout): views lay it out.
    ``answers`` is, for a position, the id of the question it answers.
    ``order`` sorts siblings in the outline and the layout (lower first, then by id).
    """

    id: str
    kind: StatementKind
    text: str
    title: str = ""
    notes: str = ""
    tags: tuple[str, ...] = ()
    pos: tuple[float, float] | None = None
    source: Source | None = None
    answers: str | None = None
    order: float = 0.0
    rating: Rating | None = None
    credence: int | None = None  # 0..100, optional refinement of ``rating``

    def label(self, limit: int = 60) -> str:
        """A short human name: the title, else the start of the text."""
        name = self.title or " ".join(self.text.split())
        return name if len(name) <= limit else name[: limit - 1].rstrip() + "\u2026"


@dataclass(frozen=True, slots=True)
class Link:
    """An inference: premises point into the link, the link points at one target.

    The target is a statement, or (for an undercut or an attack on an attack) a link.
    """

    id: str
    kind: LinkKind
    premises: tuple[str, ...]
    target: str
    strength: Strength | None = None
    scheme: str = ""  # e.g. an AIF scheme name; free text
    notes: str = ""


@dataclass(frozen=True, slots=True)
class SourceDocument:
    """A document the map draws on (for example the seed article).

    ``text`` is the document's full readable text, embedded in the project so that a map
    carries its article with it (stored once, however many cards quote it). Paragraphs
    are separated by blank lines; a form feed (``\\f``) separates the pages of a PDF, whose
    locators are then page numbers. ``path`` is where the text was taken from, or where
    it can be found beside the project when it is not embedded.
    """

    id: str
    title: str
    path: str = ""
    url: str = ""
    author: str = ""
    publisher: str = ""
    date: str = ""  # free text or ISO date, as the user wrote it
    text: str = ""

    @property
    def paged(self) -> bool:
        """True for a document kept page by page (a PDF): locators are pages."""
        return "\f" in self.text

    def citation(self) -> str:
        """How an evidence card cites this document: title, then who and when."""
        who = ", ".join(p for p in (self.author, self.publisher) if p)
        parts = [self.title or self.id]
        if who:
            parts.append(who)
        if self.date:
            parts.append(self.date)
        return ", ".join(parts)


@dataclass(frozen=True, slots=True)
class MapMeta:
    """Document-level data of a map."""

    title: str = ""
    description: str = ""
    authors: tuple[str, ...] = ()
    created: str = ""  # ISO 8601
    modified: str = ""  # ISO 8601
    sources: tuple[SourceDocument, ...] = ()
    # Data from foreign formats kept so a round trip loses nothing (JSON-able values).
    extras: tuple[tuple[str, Any], ...] = field(default=())
    # A model answer's rubric: finding kind -> weight (see argmap.compare.rubric); empty
    # means the default rubric. Optional in the file (left out when empty).
    rubric: tuple[tuple[str, float], ...] = ()
    # What students read about the task (worksheets, the starter file), kept apart from
    # ``description`` (the teacher's notes). Optional in the file (left out when empty).
    student_description: str = ""


STATEMENT_FIELDS = frozenset(f.name for f in fields(Statement)) - {"id"}
LINK_FIELDS = frozenset(f.name for f in fields(Link)) - {"id"}


#: Largest distance of a card position from the origin on either axis, in scene units
#: (documented in docs/file-format.md). Far beyond any real map (a 100,000-card row is
#: about 2.5e7 wide) and small enough for every painter and exporter.
MAX_COORDINATE = 1e8


def finite_pos(pos: tuple[float, float] | None) -> bool:
    """``pos`` is absent, or two finite numbers within ±``MAX_COORDINATE``."""
    return pos is None or (
        len(pos) == 2
        and all(isinstance(v, (int, float)) and not isinstance(v, bool) and -MAX_COORDINATE <= v <= MAX_COORDINATE for v in pos)
    )


__all__ = [
    "Basis",
    "Link",
    "LinkKind",
    "LINK_FIELDS",
    "MapMeta",
    "MAX_COORDINATE",
    "Rating",
    "Source",
    "SourceDocument",
    "Statement",
    "STATEMENT_FIELDS",
    "StatementKind",
    "Strength",
    "finite_pos",
    "replace",
]
