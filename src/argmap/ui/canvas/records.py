"""Light records of what the canvas shows (a card's wrapped text and rectangle, an arrow's
geometry): one per statement and link; graphics items are made from them on demand."""

from __future__ import annotations

import math

from argmap.model import Link, LinkKind, Statement
from argmap.ui.canvas.card_layout import CARD_WIDTH, wrap_card
from argmap.ui.canvas.painting import HEAD_HALF, HEAD_LEN, unit

JOIN_DIST = 34.0  # how far beyond the co-premises their lines meet
PORT_SPREAD = 0.22  # how far along the target's edge arrows fan out (per unit of offset)
PORT_INSET = 22.0
ARROW_PAD = HEAD_HALF + HEAD_LEN + 6  # room around an arrow's lines for its head
ANSWER_PREFIX = "answer:"
# A premise beside its target (clear of it sideways by SIDE_MIN..SIDE_MAX, a narrow
# gutter, and at least as far below or above as beside) is joined from its side: the
# compact and left-right layouts put a card's children in a column beside it, and the
# arrows run in the gutter between. Cards placed further apart keep top/bottom arrows.
SIDE_MIN = 36.0
SIDE_MAX = 64.0
SIDE_END_INSET = 10.0
# A premise under its target whose near edge is indented by INDENT_MIN..INDENT_MAX from
# the target's (a column of children below their parent, as the compact layout stacks
# them) is joined from its side too, through the strip left free by the indent.
INDENT_MIN = 30.0
INDENT_MAX = 70.0

Rect = tuple[float, float, float, float]


def answer_link(position_id: str, question_id: str) -> Link:
    """The connector drawn from a position to the question it answers (not a model link)."""
    return Link(ANSWER_PREFIX + position_id, LinkKind.SUPPORT, (position_id,), question_id)


class CardRec:
    """One statement's card: the statement, its wrapped text, its rectangle (``x0, y0``
    top-left, ``w`` x ``h``), whether it is shown, and its item once created."""

    __slots__ = ("sid", "statement", "wrap", "x0", "y0", "w", "h", "shown", "item", "cells")

    def __init__(self, statement: Statement, x: float, y: float) -> None:
        self.sid = statement.id
        self.statement = statement
        self.wrap = wrap = wrap_card(statement)
        self.x0 = x
        self.y0 = y
        self.w = CARD_WIDTH
        self.h = wrap.height
        self.shown = True
        self.item = None
        self.cells: tuple = ()

    def set_statement(self, statement: Statement) -> bool:
        """Take a new value of the statement; re-wraps (and returns True) only when the
        card's text changed."""
        old = self.statement
        self.statement = statement
        if (old.text, old.title, old.kind, old.source) == (statement.text, statement.title, statement.kind, statement.source):
            return False
        self.wrap = wrap_card(statement)
        self.h = self.wrap.height
        return True

    def rect(self) -> Rect:
        return (self.x0, self.y0, self.w, self.h)


class ArrowRec:
    """One arrow (a link, or a position's connector to its question): premise lines in
    scene coordinates, the junction of co-premises, the tip and its direction, and the
    middle of the final shaft (where undercuts point)."""

    __slots__ = ("lid", "link", "answer", "segs", "junction", "tip", "dir", "anchor", "bounds", "valid", "shown", "item", "cells", "long_lines")

    def __init__(self, link: Link, answer: bool = False) -> None:
        self.lid = link.id
        self.link = link
        self.answer = answer
        self.segs: list[tuple[float, float, float, float]] = []
        self.junction: tuple[float, float] | None = None
        self.tip = (0.0, 0.0)
        self.dir = (0.0, -1.0)
        self.anchor = (0.0, 0.0)
        self.bounds: Rect | None = None  # (x1, y1, x2, y2) with room for the head
        self.valid = False
        self.shown = True
        self.item = None
        self.cells: list = []  # grid keys the scene entered it under
        self.long_lines: list = []  # its lines kept in a coarse grid level (set by the scene)

    def targets_link(self, recs: dict) -> bool:
        return isinstance(recs.get(self.link.target), ArrowRec)

    def set_invalid(self) -> None:
        self.valid = False
        self.segs = []
        self.junction = None
        self.bounds = None

    def update_geometry(self, recs: dict) -> None:
        """Recompute the arrow from the current card rectangles (and target arrow)."""
        rects = []
        for p in self.link.premises:
            rec = recs.get(p)
            if rec is not None and rec.shown:
                rects.append((rec.x0, rec.y0, rec.w, rec.h))
        target = recs.get(self.link.target)
        if not rects or target is None or not target.shown or (isinstance(target, ArrowRec) and not target.valid):
            self.set_invalid()
            return
        target_rect = None
        if isinstance(target, ArrowRec):
            aim = target.anchor
        else:
            tx0, ty0 = target.x0, target.y0
            target_rect = (tx0, ty0, target.w, target.h)
            aim = (tx0 + target.w / 2, ty0 + target.h / 2)
        if len(rects) == 1:
            start, end = _ends(rects[0], target_rect, aim)
            self.segs = [(*start, *end)]
            self.junction = None
            base = start
        else:
            sides = {_side(r, target_rect, aim) for r in rects}
            side = sides.pop() if len(sides) == 1 else 0
            starts = [_ends(r, target_rect, aim)[0] for r in rects]
        if len(rects) > 1 and side:
            # co-premises in a column beside or below their conclusion: they meet in the gutter
            sx = min(p[0] for p in starts) if side < 0 else max(p[0] for p in starts)
            sy = sum(p[1] for p in starts) / len(starts)
            end = _side_port(target_rect, side, sy, rects[0]) if target_rect else aim
            step = min(JOIN_DIST, abs(sx - end[0]) * 0.45)
            j = (sx + side * step, sy)
            self.segs = [(*p, *j) for p in starts]
            self.junction = j
            base = j
        elif len(rects) > 1:
            sx = sum(p[0] for p in starts) / len(starts)
            below = aim[1] < min(p[1] for p in starts)
            sy = min(p[1] for p in starts) if below else max(p[1] for p in starts)
            end = _port(target_rect, sx, sy) if target_rect else aim
            dist = math.hypot(end[0] - sx, end[1] - sy)
            step = min(JOIN_DIST, dist * 0.45)
            ux, uy = unit(end[0] - sx, end[1] - sy)
            j = (sx + ux * step, sy + uy * step)
            if below:  # premises under their conclusion: meet straight above them
                j = (sx, sy - step)
            self.segs = [(*p, *j) for p in starts]
            self.junction = j
            base = j
        ux, uy = unit(end[0] - base[0], end[1] - base[1])
        if target_rect is None:
            end = (end[0] - ux * 1.5, end[1] - uy * 1.5)
        self.tip = end
        self.dir = (ux, uy)
        self.anchor = ((base[0] + end[0]) / 2, (base[1] + end[1]) / 2)
        segs = self.segs
        if len(segs) == 1:
            x1, y1, _x2, _y2 = segs[0]
            xa, xb = (x1, end[0]) if x1 < end[0] else (end[0], x1)
            ya, yb = (y1, end[1]) if y1 < end[1] else (end[1], y1)
        else:
            xs = [s[0] for s in segs] + [s[2] for s in segs] + [end[0]]
            ys = [s[1] for s in segs] + [s[3] for s in segs] + [end[1]]
            xa, xb, ya, yb = min(xs), max(xs), min(ys), max(ys)
        pad = ARROW_PAD
        self.bounds = (xa - pad, ya - pad, xb + pad, yb + pad)
        self.valid = True

    def lines(self, back: float = 0.0) -> list[tuple[float, float, float, float]]:
        """The arrow's lines: each premise's line, then (for co-premises) the shaft from
        the junction; the last line stops ``back`` before the tip (room for the head)."""
        ux, uy = self.dir
        tx, ty = self.tip[0] - ux * back, self.tip[1] - uy * back
        if self.junction is None:
            x1, y1, _x2, _y2 = self.segs[0]
            return [(x1, y1, tx, ty)]
        jx, jy = self.junction
        return [*self.segs, (jx, jy, tx, ty)]


def link_depth(recs: dict, lid: str) -> int:
    """How many links lie between a link and the statement its chain of targets ends at
    (0: the link targets a statement)."""
    depth = 0
    rec = recs.get(lid)
    while isinstance(rec, ArrowRec) and depth <= len(recs):  # (a cycle cannot loop forever)
        rec = recs.get(rec.link.target)
        if isinstance(rec, ArrowRec):
            depth += 1
    return depth


def link_order(recs: dict, links: list[Link]) -> list[ArrowRec]:
    """The records of ``links`` ordered so a link comes after any link it targets."""
    out: list[ArrowRec] = []
    done: set[str] = set()
    for link in links:
        chain = []
        lid = link.id
        while lid not in done and isinstance(recs.get(lid), ArrowRec):
            chain.append(lid)
            done.add(lid)
            lid = recs[lid].link.target
        out.extend(recs[i] for i in reversed(chain))
    return out


def rect_exit(x: float, y: float, w: float, h: float, tx: float, ty: float) -> tuple[float, float]:
    """Where the ray from the centre of rect (x, y, w, h) towards (tx, ty) leaves it."""
    cx, cy = x + w / 2, y + h / 2
    dx, dy = tx - cx, ty - cy
    if abs(dx) < 1e-9 and abs(dy) < 1e-9:
        return cx, y
    t = min(w / 2 / abs(dx) if dx else math.inf, h / 2 / abs(dy) if dy else math.inf)
    return cx + dx * t, cy + dy * t


def _port(target: Rect, fx: float, fy: float) -> tuple[float, float]:
    """Where an arrow coming from (fx, fy) enters the target card: on the facing
    horizontal edge, shifted towards the arrow's side so arrows fan in; else the side."""
    x, y, w, h = target
    cx = x + w / 2
    if fy >= y + h:
        edge_y = y + h
    elif fy <= y:
        edge_y = y
    else:
        return rect_exit(x, y, w, h, fx, fy)
    offset = max(-(w / 2 - PORT_INSET), min(w / 2 - PORT_INSET, (fx - cx) * PORT_SPREAD))
    return cx + offset, edge_y


def _ends(premise: Rect, target: Rect | None, aim: tuple[float, float]) -> tuple[tuple[float, float], tuple[float, float]]:
    """Start and end of one premise's arrow. A premise below (above) its target starts at
    the middle of its top (bottom) edge, so a line never crosses its row neighbours."""
    x, y, w, h = premise
    ax, ay = aim
    side = _side(premise, target, aim)
    if side:
        start = (x if side < 0 else x + w, y + h / 2)
        return start, (_side_port(target, side, start[1], premise) if target else aim)
    top = target[1] if target else ay
    bottom = target[1] + target[3] if target else ay
    if bottom <= y:
        start = (x + w / 2, y)
    elif top >= y + h:
        start = (x + w / 2, y + h)
    else:
        start = rect_exit(x, y, w, h, ax, ay)
    end = _port(target, *start) if target else aim
    return start, end


def _side(premise: Rect, target: Rect | None, aim: tuple[float, float]) -> int:
    """-1 when the premise's arrow leaves from its left side (target to its left), +1
    from its right side, 0 from its top or bottom (or the way its centre faces)."""
    x, y, w, h = premise
    if target is not None and y >= target[1] + target[3]:
        if INDENT_MIN <= x - target[0] <= INDENT_MAX:
            return -1
        if INDENT_MIN <= target[0] + target[2] - (x + w) <= INDENT_MAX:
            return 1
    if target is not None:
        lo, top = target[0], target[1]
        hi, bottom = lo + target[2], top + target[3]
        least = SIDE_MIN
    else:
        lo = hi = aim[0]
        top = bottom = aim[1]
        least = 8.0
    right_gap = x - hi  # the premise right of the target
    left_gap = lo - (x + w)
    gap, side = (right_gap, -1) if right_gap >= left_gap else (left_gap, 1)
    if not least <= gap <= SIDE_MAX:
        return 0
    if y < bottom and top < y + h:
        return side if target is not None else 0  # side by side: straight across
    drop = y - bottom if y >= bottom else top - (y + h)
    return side if drop >= gap else 0


def _side_port(target: Rect, side: int, fy: float, premise: Rect) -> tuple[float, float]:
    """Where an arrow from the side enters the target: for a premise in an indented
    column below, the bottom edge halfway along the indent; else the target's near side,
    level with the arrow's start as far as the card's height allows."""
    x, y, w, h = target
    if premise[1] >= y + h:
        if side < 0 and INDENT_MIN <= premise[0] - x <= INDENT_MAX:
            return x + (premise[0] - x) / 2, y + h
        if side > 0 and INDENT_MIN <= x + w - (premise[0] + premise[2]) <= INDENT_MAX:
            return x + w - (x + w - premise[0] - premise[2]) / 2, y + h
    inset = min(SIDE_END_INSET, h / 2)
    return (x + w if side < 0 else x), max(y + inset, min(y + h - inset, fy))
