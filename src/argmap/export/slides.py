"""The order in which a presentation reveals a map (View > Present, ``--slides``): the
question, then each position, then that position's reasons and objections in outline
order, level by level (so rebuttals of rebuttals come last), one argument (a link's
premises together) per step; whatever no position reaches comes at the end."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from argmap.layout.outline import Forest, Outline
from argmap.model import ArgumentMap, Link, StatementKind


@dataclass(frozen=True)
class Step:
    """One step: the statements it reveals (``new``), everything shown so far
    (statements and the links between them, ``shown``), and a short caption."""

    new: tuple[str, ...]
    shown: frozenset[str]
    caption: str


def presentation_steps(amap: ArgumentMap) -> list[Step]:
    """The steps of a presentation of ``amap`` (empty for an empty map)."""
    outline = Outline(amap)
    if not len(outline):
        return []
    forest = Forest(outline, outline.seeds())
    # co-premises are revealed together (an undercut of their link comes after them)
    link_of = {p: link.id for link in amap.links() if len(link.premises) > 1 for p in link.premises}
    groups: list[tuple[tuple[str, ...], str]] = []
    done: set[str] = set()

    def add(ids: list[str], caption: str) -> None:
        ids = [i for i in ids if i not in done]
        if ids:
            done.update(ids)
            groups.append((tuple(ids), caption))

    stmts = outline.statements
    questions = [r for r in forest.roots if stmts[r].kind is StatementKind.QUESTION]
    for q in questions:
        add([q], _title(stmts[q]))
    for q in questions:
        for position in forest.kids[q]:
            add([position], _title(stmts[position]))
            level = [position]
            while level:
                below: list[str] = []
                for parent in level:
                    for unit in _units(forest.kids[parent], link_of):
                        add(unit, _title(stmts[unit[0]]))
                        below.extend(unit)
                level = below
    rest = [n for n in forest.preorder if n not in done]
    if rest:
        add(rest, "Other statements")
    steps: list[Step] = []
    shown: set[str] = set()
    links = list(amap.links())
    for ids, caption in groups:
        shown.update(ids)
        _add_links(links, shown)
        steps.append(Step(ids, frozenset(shown), caption))
    return steps


def _units(kids, link_of: dict[str, str]) -> list[list[str]]:  # type: ignore[no-untyped-def]
    """Children in outline order, the co-premises of one link together."""
    units: list[list[str]] = []
    for kid in kids:
        if units and kid in link_of and link_of.get(units[-1][-1]) == link_of[kid]:
            units[-1].append(kid)
        else:
            units.append([kid])
    return units


def _add_links(links: Sequence[Link], shown: set[str]) -> None:
    """Add every link whose premises and target are shown (undercuts once the link they
    attack is shown), until nothing changes."""
    changed = True
    while changed:
        changed = False
        for link in links:
            if link.id not in shown and link.target in shown and all(p in shown for p in link.premises):
                shown.add(link.id)
                changed = True


def _title(statement) -> str:  # type: ignore[no-untyped-def]
    text = statement.title or statement.text
    text = " ".join(text.split())
    return text if len(text) <= 60 else text[:59] + "\u2026"
