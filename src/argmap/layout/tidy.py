"""Tidy layered placement of a forest: parents centred over their children, subtrees
packed against each other's contours (Reingold-Tilford style), rows top-down."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from operator import sub

H_GAP = 24.0  # least horizontal gap between two cards in one row
V_GAP = 40.0  # least vertical gap between two rows
TREE_GAP = 80.0  # gap between separate trees
WRAP_WIDTH = 4000.0  # separate trees wrap onto a new shelf beyond this width
# Positions are rounded to whole pixels at the end: each card moves by at most half a
# pixel, so packing one pixel wider keeps the promised gaps after rounding.
_SLACK = 1.0


@dataclass
class Placed:
    """Top-left positions of a laid-out forest and its rows (for later adjustments)."""

    pos: dict[str, tuple[float, float]]
    rows: list[list[str]]  # node ids of each row, left to right
    row_y: list[float]
    row_h: list[float]

    def translate(self, dx: float, dy: float) -> None:
        if dx or dy:
            self.pos = {n: (x + dx, y + dy) for n, (x, y) in self.pos.items()}
            self.row_y = [y + dy for y in self.row_y]

    def bbox(self, sizes: Mapping[str, tuple[float, float]]) -> tuple[float, float, float, float]:
        """(left, top, right, bottom) of all cards."""
        left = top = float("inf")
        right = bottom = float("-inf")
        for n, (x, y) in self.pos.items():
            w, h = sizes[n]
            left = min(left, x)
            top = min(top, y)
            right = max(right, x + w)
            bottom = max(bottom, y + h)
        return left, top, right, bottom


def preorder_of(roots: Sequence[str], kids: Mapping[str, Sequence[str]]) -> list[str]:
    """The preorder of the trees under ``roots``."""
    out: list[str] = []
    stack = list(reversed(roots))
    while stack:
        node = stack.pop()
        out.append(node)
        mine = kids.get(node)
        if mine:
            stack.extend(reversed(mine))
    return out


def tidy_forest(
    roots: Sequence[str],
    kids: Mapping[str, Sequence[str]],
    preorder: Sequence[str],
    sizes: Mapping[str, tuple[float, float]],
    origin: tuple[float, float] = (0.0, 0.0),
    family: Mapping[str, str | None] | None = None,
    level_gap: float = V_GAP,
) -> Placed:
    """Lay out the trees of ``roots`` left to right from ``origin`` (the top-left of the
    whole forest). ``kids`` lists the children of every node and ``preorder`` is the
    forest's preorder. Neighbouring roots of the same ``family`` (siblings in a larger
    tree) are packed as siblings, not as separate trees. ``level_gap``: least gap
    between two rows."""
    hgap = H_GAP + _SLACK
    rel: dict[str, float] = {}  # centre of a node relative to its parent's centre
    # A contour holds, deepest row first, the left and right edges of a subtree relative
    # to its root's centre, less a shared offset: shifting a contour is O(1), and
    # merging costs the depth of the shallower one only. Walking the preorder backwards,
    # the contours of a node's children are the top of the stack, first child on top.
    stack: list[tuple[list[float], list[float], float]] = []
    pop = stack.pop
    push = stack.append
    for node in reversed(preorder):
        half = sizes[node][0] / 2
        mine = kids[node]
        if not mine:
            push(([-half], [half], 0.0))
            continue
        left, right, off = pop()
        if len(mine) == 1:
            rel[mine[0]] = 0.0
        else:
            xs = [0.0]
            for _ in range(len(mine) - 1):
                c_left, c_right, c_off = pop()
                na, nc = len(left), len(c_left)
                if na == 1 or nc == 1:
                    x = right[-1] + off - c_left[-1] - c_off + hgap
                else:
                    m = min(na, nc)
                    x = max(map(sub, right[na - m :], c_left[nc - m :])) + off - c_off + hgap
                xs.append(x)
                if nc > na:
                    new_off = c_off + x
                    d = off - new_off
                    c_left[nc - na :] = [v + d for v in left]
                    left, right, off = c_left, c_right, new_off
                else:
                    d = c_off + x - off
                    right[na - nc :] = [v + d for v in c_right]
            mid = (xs[0] + xs[-1]) / 2
            for child, x in zip(mine, xs):
                rel[child] = x - mid
            off -= mid
        left.append(-half - off)
        right.append(half - off)
        push((left, right, off))

    # Separate trees go left to right; when the row of trees grows wider than
    # WRAP_WIDTH (or the widest tree, if wider), the next trees start a new shelf below.
    bounds = []
    for _ in roots:
        left, right, off = pop()
        bounds.append((min(left) + off, max(right) + off, len(left)))
    wrap = max([WRAP_WIDTH] + [hi - lo for lo, hi, _ in bounds])
    centre: dict[str, float] = {}
    first_row: dict[str, int] = {}
    cursor = origin[0]
    shelf_row = shelf_depth = 0
    last_family: str | None = None
    for k, (root, (lo, hi, depth)) in enumerate(zip(roots, bounds)):
        this_family = family.get(root) if family is not None else None
        if k and this_family is not None and this_family == last_family:
            cursor += hgap - TREE_GAP
        last_family = this_family
        if k and cursor + hi - lo - origin[0] > wrap:
            shelf_row += shelf_depth
            shelf_depth = 0
            cursor = origin[0]
        shelf_depth = max(shelf_depth, depth)
        first_row[root] = shelf_row
        centre[root] = cursor - lo
        cursor = centre[root] + hi + TREE_GAP

    # Rows top-down: each row is the trees starting there, then the children of the
    # row above, left to right (a row belongs to one shelf).
    starting: dict[int, list[str]] = {}
    for root in roots:
        starting.setdefault(first_row[root], []).append(root)
    rows: list[list[str]] = []
    row = starting.get(0, [])
    while row:
        rows.append(row)
        below: list[str] = []
        for node in row:
            mine = kids[node]
            if mine:
                c = centre[node]
                for child in mine:
                    centre[child] = c + rel[child]
                below.extend(mine)
        row = below or starting.get(len(rows), [])
    row_h = [max(sizes[node][1] for node in row) for row in rows]
    row_y = [float(origin[1])]
    for k, h in enumerate(row_h[:-1]):
        # shelves of separate trees are further apart than the rows of one tree
        row_y.append(row_y[-1] + h + (TREE_GAP if k + 1 in starting else level_gap) + _SLACK)
    pos: dict[str, tuple[float, float]] = {}
    for row, y in zip(rows, row_y):
        for node in row:
            pos[node] = (centre[node] - sizes[node][0] / 2, y)
    return Placed(pos, rows, row_y, row_h)
