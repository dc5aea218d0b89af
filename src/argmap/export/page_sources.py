"""The source list of paged output (no Qt): one numbering for the whole document (the
order of the outline, as every source list of the map), and the part of it each page
cites, so a source keeps its number on every page that lists it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from argmap.export.handout_outline import Entry, build_outline, source_line
from argmap.model import ArgumentMap


@dataclass(frozen=True)
class NumberedSources:
    """Every source line of a map (``"3. Citation (date). URL"``) by number, the number
    each statement cites, and the numbers of the map's documents no card cites."""

    lines: dict[int, str]
    cited_by: dict[str, int]
    uncited: tuple[int, ...]

    def for_statements(self, ids: Iterable[str], *, uncited: bool = False) -> list[str]:
        """The lines the statements ``ids`` cite, in number order (with ``uncited``, the
        map's documents no card cites too: for the last page)."""
        numbers = {self.cited_by[i] for i in ids if i in self.cited_by}
        if uncited:
            numbers.update(self.uncited)
        return [self.lines[n] for n in sorted(numbers)]

    def all_lines(self) -> list[str]:
        return [self.lines[n] for n in sorted(self.lines)]


def numbered_sources(amap: ArgumentMap) -> NumberedSources:
    """The numbered sources of ``amap`` (the same numbers and lines as ``source_list``)."""
    outline = build_outline(amap)
    lines: dict[int, str] = {}
    uncited: list[int] = []
    for no, src, doc_title, url in outline.sources:
        lines[no] = source_line(no, src, doc_title, url)
        if src is None:
            uncited.append(no)
    cited_by: dict[str, int] = {}
    stack: list[Entry] = [*outline.questions, *outline.others]
    while stack:
        entry = stack.pop()
        if entry.source_no is not None:
            cited_by.setdefault(entry.statement.id, entry.source_no)
        for group in entry.groups:
            stack.extend(group.members)
            stack.extend(group.undercuts)
    return NumberedSources(lines, cited_by, tuple(uncited))
