"""Arrows between the parts of paged output (no Qt). A part (a position with everything
under it, the statements under no position, ...) is printed on its own pages; an arrow
whose premise and target are printed in different parts is drawn in neither. Each part
where such an arrow loses an end gets a labelled stub instead: "→ p. 2" on the card the
arrow leaves, "from p. 1" on the card (or the arrow, for an undercut) it reaches.
``cut_links`` finds them; ``place_stub`` finds a spot for each stub clear of the cards.
Rectangles are ``(x, y, width, height)`` in picture units."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from argmap.model import ArgumentMap, Link, LinkKind

Rect = tuple[float, float, float, float]
Line = tuple[float, float, float, float]


@dataclass(frozen=True)
class CutEnd:
    """One end of an arrow that is not whole in part ``part``: ``anchor`` (a statement,
    or the link an undercut attacks) is in that part; the arrow's other end is printed
    in part ``other`` at ``other_anchor``. ``outgoing``: the arrow leaves ``anchor``."""

    part: int
    anchor: str
    outgoing: bool
    kind: LinkKind
    link: str
    other: int
    other_anchor: str


class _Presence:
    """Which statements a part prints and which links it draws (a link is drawn where
    its target is and at least one of its premises: cutting a map keeps such links)."""

    def __init__(self, amap: ArgumentMap, keep: set[str]) -> None:
        self.amap = amap
        self.keep = keep
        self.memo: dict[str, bool] = {}

    def has(self, item: str) -> bool:
        if self.amap.is_statement(item):
            return item in self.keep
        return self.drawn(self.amap.link(item))

    def drawn(self, link: Link) -> bool:
        if link.id not in self.memo:
            self.memo[link.id] = False  # (a cycle of undercuts is drawn nowhere)
            self.memo[link.id] = self.has(link.target) and any(p in self.keep for p in link.premises)
        return self.memo[link.id]

    def whole(self, link: Link) -> bool:
        return self.has(link.target) and all(p in self.keep for p in link.premises)


def cut_links(amap: ArgumentMap, parts: Sequence[set[str]]) -> list[CutEnd]:
    """The cut ends of the arrows of ``amap`` printed in the ``parts`` (statement ids
    per part), part by part, in link order: where a part has the target but not every
    premise, one "from" end at the target; where it has premises but not the target,
    one "to" end at its first premise. The other part is where the arrow is whole,
    else where it is drawn, else the first with the missing end."""
    seen = [_Presence(amap, set(p)) for p in parts]
    touching: dict[str, list[Link]] = {}  # statement or link -> the links it is an end of
    for link in amap.links():
        for end in (*link.premises, link.target):
            touching.setdefault(end, []).append(link)
    order = {link.id: n for n, link in enumerate(amap.links())}
    where: dict[str, list[int]] = {}  # statement -> the parts printing it
    for k, here in enumerate(seen):
        for sid in here.keep:
            where.setdefault(sid, []).append(k)
    out: list[CutEnd] = []
    for k, here in enumerate(seen):
        near: dict[str, Link] = {}
        stack = [link for sid in here.keep for link in touching.get(sid, ())]
        while stack:  # the links with an end here, and the undercuts of those
            link = stack.pop()
            if link.id not in near:
                near[link.id] = link
                stack.extend(touching.get(link.id, ()))
        for link in sorted(near.values(), key=lambda x: order[x.id]):
            at_target = here.has(link.target)
            premises = [p for p in link.premises if p in here.keep]
            if at_target and len(premises) == len(link.premises):
                continue
            if at_target:
                missing = [p for p in link.premises if p not in here.keep]
                other = _best(seen, k, link, missing, _parts_near(amap, link, where))
                if other is not None:
                    anchor = next(p for p in missing if p in seen[other].keep)
                    out.append(CutEnd(k, link.target, False, link.kind, link.id, other, anchor))
            elif premises:
                other = _best(seen, k, link, [link.target], _parts_near(amap, link, where))
                if other is not None:
                    out.append(CutEnd(k, premises[0], True, link.kind, link.id, other, link.target))
    return out


def _parts_near(amap: ArgumentMap, link: Link, where: dict[str, list[int]]) -> list[int]:
    """The parts printing a statement at an end of ``link`` (or of the links it
    undercuts): the only ones that can show any end of it."""
    found: set[int] = set()
    seen: set[str] = set()
    stack = [link]
    while stack:
        cur = stack.pop()
        if cur.id in seen:
            continue
        seen.add(cur.id)
        for end in (*cur.premises, cur.target):
            if amap.is_statement(end):
                found.update(where.get(end, ()))
            elif amap.is_link(end):
                stack.append(amap.link(end))
    return sorted(found)


def _best(seen: list[_Presence], k: int, link: Link, ends: list[str], near: list[int]) -> int | None:
    """The part other than ``k`` (of the ``near`` ones) that best shows the missing
    ``ends`` of ``link``: one where it is whole, else one drawing it with one of them,
    else one with one of them."""
    def has_end(s: _Presence) -> bool:
        return any(s.has(e) for e in ends)

    for test in (lambda s: s.whole(link), lambda s: s.drawn(link) and has_end(s), has_end):
        for j in near:
            if j != k and test(seen[j]):
                return j
    return None


# ----------------------------------------------------------------------- placement
STUB_LENGTH = 22.0  # the short arrow between a card and its stub's label
OFFSETS = (0.5, 0.75, 0.25, 0.9, 0.1)  # where along a card's side a stub may leave it
SIDES_OUT = ("top", "right", "left", "bottom")  # arrows mostly run up from a premise
SIDES_IN = ("bottom", "left", "right", "top")


@dataclass(frozen=True)
class StubPlace:
    """A placed stub: its short line (from the card's edge outwards) and its label."""

    line: Line
    label: Rect


def place_stub(anchor: Rect, label_size: tuple[float, float], outgoing: bool, obstacles: Sequence[Rect],
               bounds: Rect, length: float = STUB_LENGTH, lines: Sequence[Line] = ()) -> StubPlace:
    """A spot for a stub at ``anchor`` (a card, or a point as an empty rectangle): a line
    of ``length`` from a side of it outwards and a label of ``label_size`` beyond, inside
    ``bounds`` and clear of the ``obstacles`` (other cards, labels placed before) and,
    where possible, of the arrows' ``lines``. Outgoing stubs try the top first, incoming
    ones the bottom. When no spot is clear, the first that lies inside ``bounds``, else
    the label inside the anchor's top."""
    lw, lh = label_size
    first: StubPlace | None = None
    clear_of_cards: StubPlace | None = None
    for side in SIDES_OUT if outgoing else SIDES_IN:
        for f in OFFSETS:
            place = _candidate(anchor, side, f, lw, lh, length)
            if not _inside(place.label, bounds):
                continue
            if first is None:
                first = place
            if not _blocked(place, anchor, obstacles):
                if not any(_crosses(seg, place.label) for seg in lines):
                    return place
                if clear_of_cards is None:
                    clear_of_cards = place
    if clear_of_cards is not None:
        return clear_of_cards
    if first is not None:
        return first
    x, y, w, _h = anchor
    left = min(max(x + (w - lw) / 2, bounds[0]), bounds[0] + bounds[2] - lw)
    top = min(max(y + 2, bounds[1]), bounds[1] + bounds[3] - lh)
    return StubPlace((left + lw / 2, y, left + lw / 2, y), (left, top, lw, lh))


def _candidate(anchor: Rect, side: str, f: float, lw: float, lh: float, length: float) -> StubPlace:
    x, y, w, h = anchor
    if side == "top":
        sx, sy, ex, ey = x + w * f, y, x + w * f, y - length
        label = (ex - lw / 2, ey - lh, lw, lh)
    elif side == "bottom":
        sx, sy, ex, ey = x + w * f, y + h, x + w * f, y + h + length
        label = (ex - lw / 2, ey, lw, lh)
    elif side == "left":
        sx, sy, ex, ey = x, y + h * f, x - length, y + h * f
        label = (ex - lw, ey - lh / 2, lw, lh)
    else:
        sx, sy, ex, ey = x + w, y + h * f, x + w + length, y + h * f
        label = (ex, ey - lh / 2, lw, lh)
    return StubPlace((sx, sy, ex, ey), label)


def _inside(r: Rect, bounds: Rect) -> bool:
    return r[0] >= bounds[0] and r[1] >= bounds[1] and r[0] + r[2] <= bounds[0] + bounds[2] and r[1] + r[3] <= bounds[1] + bounds[3]


def _meets(a: Rect, b: Rect, pad: float = 2.0) -> bool:
    return a[0] < b[0] + b[2] + pad and b[0] < a[0] + a[2] + pad and a[1] < b[1] + b[3] + pad and b[1] < a[1] + a[3] + pad


def _blocked(place: StubPlace, anchor: Rect, obstacles: Sequence[Rect]) -> bool:
    sx, sy, ex, ey = place.line
    # the line, less its first unit (which touches the anchor's edge), as a thin box
    dx, dy = ex - sx, ey - sy
    n = max(abs(dx), abs(dy), 1e-9)
    sx, sy = sx + dx / n, sy + dy / n
    shaft = (min(sx, ex), min(sy, ey), abs(ex - sx), abs(ey - sy))
    for r in obstacles:
        if r == anchor:
            continue
        if _meets(place.label, r) or _meets(shaft, r, 0.0):
            return True
    return False


def _crosses(seg: Line, r: Rect) -> bool:
    """The segment meets the rectangle (clipped against it, Liang-Barsky)."""
    x1, y1, x2, y2 = seg
    dx, dy = x2 - x1, y2 - y1
    lo, hi = 0.0, 1.0
    for p, q in ((-dx, x1 - r[0]), (dx, r[0] + r[2] - x1), (-dy, y1 - r[1]), (dy, r[1] + r[3] - y1)):
        if p == 0:
            if q < 0:
                return False
        else:
            t = q / p
            if p < 0:
                lo = max(lo, t)
            else:
                hi = min(hi, t)
            if lo > hi:
                return False
    return True
