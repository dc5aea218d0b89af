"""`ImportReport`: what an import or export repaired, approximated or left behind, with
counts and a few examples of each, ready to print (``lines()``) or show in a dialog."""

from __future__ import annotations

from dataclasses import dataclass, field

from argmap.util import plural

#: Examples kept per kind of note (the count keeps going).
MAX_EXAMPLES = 3

REPAIRED = "repaired"
CHANGED = "changed"
DROPPED = "dropped"
KEPT = "kept"
NOTED = "noted"

_HEADINGS = {
    REPAIRED: "Repaired",
    CHANGED: "Approximated",
    DROPPED: "Left behind",
    KEPT: "Kept for a round trip",
    NOTED: "Noted",
}


@dataclass
class Note:
    """One kind of thing that happened ``count`` times, with a few ``examples``."""

    severity: str
    what: str
    count: int = 0
    examples: list[str] = field(default_factory=list)


@dataclass
class ImportReport:
    """Counts and examples of what a reader or writer did beyond a faithful copy.

    ``direction`` is ``"import"`` or ``"export"``; ``statements``/``links`` count what
    was carried over. Notes are grouped by their message ``what``.
    """

    path: str = ""
    fmt: str = ""
    direction: str = "import"
    statements: int = 0
    links: int = 0
    notes: dict[str, Note] = field(default_factory=dict)

    # ------------------------------------------------------------------ recording
    def add(self, severity: str, what: str, example: object = "", count: int = 1) -> None:
        note = self.notes.get(what)
        if note is None:
            note = self.notes[what] = Note(severity, what)
        note.count += count
        text = str(example)
        if text and len(note.examples) < MAX_EXAMPLES:
            if len(text) > 80:
                text = text[:79].rstrip() + "\u2026"
            note.examples.append(text)

    def repaired(self, what: str, example: object = "", count: int = 1) -> None:
        self.add(REPAIRED, what, example, count)

    def changed(self, what: str, example: object = "", count: int = 1) -> None:
        self.add(CHANGED, what, example, count)

    def dropped(self, what: str, example: object = "", count: int = 1) -> None:
        self.add(DROPPED, what, example, count)

    def kept(self, what: str, example: object = "", count: int = 1) -> None:
        self.add(KEPT, what, example, count)

    def noted(self, what: str, example: object = "", count: int = 1) -> None:
        self.add(NOTED, what, example, count)

    # ------------------------------------------------------------------- queries
    def count(self, severity: str | None = None) -> int:
        return sum(n.count for n in self.notes.values() if severity is None or n.severity == severity)

    def find(self, fragment: str) -> Note | None:
        """The first note whose message contains ``fragment`` (case-insensitive)."""
        fragment = fragment.lower()
        return next((n for n in self.notes.values() if fragment in n.what.lower()), None)

    @property
    def clean(self) -> bool:
        """True when nothing was repaired, approximated or left behind."""
        return all(n.severity in (KEPT, NOTED) for n in self.notes.values())

    def lines(self) -> list[str]:
        """Plain-text lines for a terminal or a dialog."""
        name = self.path or "the map"
        fmt = f" ({self.fmt})" if self.fmt else ""
        verb, prep = ("Imported", "from") if self.direction == "import" else ("Exported", "to")
        out = [f"{verb} {plural(self.statements, 'statement')} and {plural(self.links, 'link')} {prep} {name}{fmt}."]
        for severity in (REPAIRED, CHANGED, DROPPED, KEPT, NOTED):
            notes = [n for n in self.notes.values() if n.severity == severity]
            if not notes:
                continue
            out.append(f"{_HEADINGS[severity]}:")
            for n in notes:
                eg = f" (e.g. {'; '.join(n.examples)})" if n.examples else ""
                out.append(f"  - {n.count} \u00d7 {n.what}{eg}")
        return out

    def __str__(self) -> str:
        return "\n".join(self.lines())
