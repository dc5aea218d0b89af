"""Build edits from gestures and keys: add children and siblings (placed without
overlap), re-parent and reorder. Qt-free; the window applies the edits via Document."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from argmap.layout import CARD_WIDTH, SizeOf, estimate_card_size
from argmap.model import (
    AddLink,
    AddStatement,
    ArgumentMap,
    Batch,
    ChangeLink,
    ChangeStatement,
    Edit,
    Link,
    LinkKind,
    RemoveItems,
    Source,
    Statement,
    StatementKind,
    new_id,
)
from argmap.model.style import KIND_WORDS
from argmap.model.types import replace

DEFAULT_SIZE = (CARD_WIDTH, 60.0)
H_GAP = 40.0
V_GAP = 70.0

KIND_NAMES = KIND_WORDS
DEFAULT_TEXT = {
    StatementKind.QUESTION: "New question",
    StatementKind.POSITION: "New position",
    StatementKind.CLAIM: "New claim",
    StatementKind.EVIDENCE: "New evidence",
    StatementKind.REBUTTAL: "New objection",
}


def _size(size_of: SizeOf | None, s: Statement) -> tuple[float, float]:
    return (size_of or estimate_card_size)(s)


#: Placed cards overlapping a box (x, y, w, h), as (x, y, w, h) rectangles: a spatial
#: index (the canvas's grid) that lets ``free_spot`` look only near where it searches.
Obstacles = Callable[[float, float, float, float], Iterable[tuple[float, float, float, float]]]


def _rects(amap: ArgumentMap, size_of: SizeOf | None) -> list[tuple[float, float, float, float]]:
    out = []
    for s in amap.items_unordered():
        if isinstance(s, Statement) and s.pos is not None:
            w, h = _size(size_of, s)
            out.append((s.pos[0], s.pos[1], w, h))
    return out


def free_spot(
    amap: ArgumentMap,
    near: tuple[float, float],
    size: tuple[float, float] = DEFAULT_SIZE,
    size_of: SizeOf | None = None,
    taken: Iterable[tuple[float, float, float, float]] = (),
    obstacles: Obstacles | None = None,
) -> tuple[float, float]:
    """The first place at or to the right of ``near`` (then on rows below) where a card
    of ``size`` overlaps no placed card. With ``obstacles`` only the cards near each
    place tried are looked at; without, every placed card of ``amap`` is."""
    taken = list(taken)
    if obstacles is None:
        everything = _rects(amap, size_of) + taken

        def near_box(x: float, y: float, w: float, h: float) -> Iterable[tuple[float, float, float, float]]:
            return everything

    else:

        def near_box(x: float, y: float, w: float, h: float) -> Iterable[tuple[float, float, float, float]]:
            return [*obstacles(x, y, w, h), *taken]

    w, h = size
    x0, y0 = near
    for row in range(200):
        y = y0 + row * (h + V_GAP / 2)
        x = x0
        for _ in range(200):
            box = (x - H_GAP / 2, y - 10, w + H_GAP, h + 20)
            clash = [r for r in near_box(*box) if x < r[0] + r[2] + H_GAP / 2 and r[0] < x + w + H_GAP / 2 and y < r[1] + r[3] + 10 and r[1] < y + h + 10]
            if not clash:
                return (round(x, 1), round(y, 1))
            x = max(r[0] + r[2] for r in clash) + H_GAP
    return (x0, y0)


def next_order(amap: ArgumentMap, parent_id: str | None) -> float:
    """An ``order`` that puts a new child of ``parent_id`` after its existing children."""
    if parent_id is None or parent_id not in amap:
        return 0.0
    orders = [c.order for c in amap.children(parent_id)]
    return float(int(max(orders)) + 1) if orders else 0.0


def _new_statement(amap: ArgumentMap, kind: StatementKind, pos: tuple[float, float], text: str = "", **extra: object) -> Statement:
    if kind is StatementKind.EVIDENCE and "source" not in extra:
        extra["source"] = Source()
    return Statement(new_id(amap, "s"), kind, text or DEFAULT_TEXT[kind], pos=pos, **extra)  # type: ignore[arg-type]


def _below(amap: ArgumentMap, parent_id: str, size_of: SizeOf | None) -> tuple[float, float]:
    if amap.is_link(parent_id):
        target = amap.link(parent_id).target
        premise = amap.link(parent_id).premises[0]
        a = amap.item(premise)
        b = amap.item(target)
        pa = getattr(a, "pos", None) or (0.0, 0.0)
        pb = getattr(b, "pos", None) or pa
        return ((pa[0] + pb[0]) / 2 + DEFAULT_SIZE[0] / 2 + H_GAP, (pa[1] + pb[1]) / 2)
    parent = amap.statement(parent_id)
    px, py = parent.pos or (0.0, 0.0)
    _w, h = _size(size_of, parent)
    return (px, py + h + V_GAP)


def add_statement(
    amap: ArgumentMap,
    kind: StatementKind,
    near: tuple[float, float] | None = None,
    size_of: SizeOf | None = None,
    answers: str | None = None,
    obstacles: Obstacles | None = None,
) -> tuple[Edit, str]:
    """A new unconnected statement (a position answering ``answers`` if given), placed
    at ``near`` (default: under the lowest card, at the left edge) or the next free spot."""
    kind = StatementKind(kind)
    if near is None:
        rects = _rects(amap, size_of)
        near = (min((r[0] for r in rects), default=0.0), max((r[1] + r[3] for r in rects), default=-V_GAP) + V_GAP)
    if answers is not None:
        near = _below(amap, answers, size_of)
    pos = free_spot(amap, near, size_of=size_of, obstacles=obstacles)
    answers = answers if kind is StatementKind.POSITION else None
    s = _new_statement(amap, kind, pos, answers=answers, order=next_order(amap, answers))
    return AddStatement(s, f"Add {KIND_NAMES[kind]}"), s.id


def add_child(
    amap: ArgumentMap,
    parent_id: str,
    link_kind: LinkKind | str = LinkKind.SUPPORT,
    kind: StatementKind | None = None,
    size_of: SizeOf | None = None,
    obstacles: Obstacles | None = None,
) -> tuple[Edit, str]:
    """A new statement arguing for (support) or against (attack) ``parent_id``, placed
    below it. Under a question the child is a position; under a link it is an undercut."""
    link_kind = LinkKind(link_kind)
    if amap.is_link(parent_id):
        link_kind = LinkKind.ATTACK
    elif amap.statement(parent_id).kind is StatementKind.QUESTION:
        return add_statement(amap, StatementKind.POSITION, size_of=size_of, answers=parent_id, obstacles=obstacles)
    if kind is None:
        kind = StatementKind.CLAIM if link_kind is LinkKind.SUPPORT else StatementKind.REBUTTAL
    pos = free_spot(amap, _below(amap, parent_id, size_of), size_of=size_of, obstacles=obstacles)
    s = _new_statement(amap, kind, pos, order=next_order(amap, parent_id))
    link = Link(new_id(amap, "l"), link_kind, (s.id,), parent_id)
    what = KIND_NAMES[kind]
    label = f"Add {what}" if link_kind is LinkKind.SUPPORT else f"Add {what} (attack)"
    if kind is StatementKind.REBUTTAL:
        label = "Add rebuttal" if amap.is_statement(parent_id) else "Add undercut"
    return Batch((AddStatement(s), AddLink(link)), label), s.id


def add_sibling(amap: ArgumentMap, id_: str, size_of: SizeOf | None = None, obstacles: Obstacles | None = None) -> tuple[Edit, str]:
    """A new statement beside ``id_``: same kind, arguing the same way for the same target."""
    s = amap.statement(id_)
    if s.answers is not None:
        return add_statement(amap, StatementKind.POSITION, size_of=size_of, answers=s.answers, obstacles=obstacles)
    out = amap.links_from(id_)
    w, _h = _size(size_of, s)
    px, py = s.pos or (0.0, 0.0)
    pos = free_spot(amap, (px + w + H_GAP, py), size_of=size_of, obstacles=obstacles)
    new = _new_statement(amap, s.kind, pos, order=next_order(amap, out[0].target) if out else 0.0)
    if not out:
        return AddStatement(new, f"Add {KIND_NAMES[s.kind]}"), new.id
    link = out[0]
    edge = Link(new_id(amap, "l"), link.kind, (new.id,), link.target)
    return Batch((AddStatement(new), AddLink(edge)), f"Add {KIND_NAMES[s.kind]}"), new.id


# ----------------------------------------------------------------- outline moves
def reparent(
    amap: ArgumentMap,
    child_id: str,
    via_link: str | None,
    new_parent: str | None,
    default_kind: LinkKind = LinkKind.SUPPORT,
) -> list[Edit]:
    """Edits that make ``child_id`` argue for ``new_parent`` instead of what it argued for
    through ``via_link`` (``None``: it was a position or unconnected), keeping the link
    kind; ``new_parent`` None detaches it to the top level. The edits are meant to be
    applied in order; [] means no change (or a change that would create a loop)."""
    child = amap.statement(child_id)
    kind = default_kind
    old_target: str | None = child.answers
    if via_link is not None:
        old_target = amap.link(via_link).target
        kind = amap.link(via_link).kind
    if new_parent == old_target:
        return []
    if new_parent is not None and (new_parent == child_id or new_parent in amap.subtree(child_id)):
        return []
    edits: list[Edit] = []
    if via_link is not None:
        link = amap.link(via_link)
        if len(link.premises) > 1:
            edits.append(ChangeLink(link, replace(link, premises=tuple(p for p in link.premises if p != child_id)), "Move in outline"))
        elif new_parent is not None and _can_target(amap, link.kind, new_parent):
            return [ChangeLink(link, replace(link, target=new_parent), "Move in outline")]
        else:
            edits.append(RemoveItems.build(amap, [via_link]))
    elif child.answers is not None:
        child = replace(child, answers=None)
        edits.append(ChangeStatement(amap.statement(child_id), child, "Move in outline"))
    if new_parent is None:
        return edits
    if amap.is_statement(new_parent) and amap.statement(new_parent).kind is StatementKind.QUESTION:
        if child.kind is StatementKind.POSITION:
            edits.append(ChangeStatement(child, replace(child, answers=new_parent), "Move in outline"))
            return edits
        kind = LinkKind.SUPPORT
    if amap.is_link(new_parent):
        kind = LinkKind.ATTACK
    edits.append(AddLink(Link(new_id(amap, "l"), kind, (child_id,), new_parent), "Move in outline"))
    return edits


def _can_target(amap: ArgumentMap, kind: LinkKind, target: str) -> bool:
    if amap.is_link(target):
        return kind is LinkKind.ATTACK
    return amap.statement(target).kind is not StatementKind.QUESTION


def reorder(amap: ArgumentMap, ordered_ids: list[str]) -> list[Edit]:
    """Edits giving ``ordered_ids`` increasing ``order`` values (siblings in the outline)."""
    edits: list[Edit] = []
    for i, id_ in enumerate(dict.fromkeys(ordered_ids)):
        s = amap.statement(id_)
        if s.order != float(i):
            edits.append(ChangeStatement(s, replace(s, order=float(i)), "Reorder"))
    return edits


def sequence(amap: ArgumentMap, steps: list[Callable[[ArgumentMap], list[Edit]]], label: str) -> Edit | None:
    """Build edits step by step on a scratch copy (each step sees the previous steps'
    result) and return them as one Batch, or None when nothing changes."""
    scratch = amap.copy()
    edits: list[Edit] = []
    for step in steps:
        for edit in step(scratch):
            edit.apply(scratch)
            edits.append(edit)
    if not edits:
        return None
    return Batch(tuple(edits), label)
