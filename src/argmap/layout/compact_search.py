"""The compact layout's thorough search, for maps of classroom size.

Instead of one block per subtree (chosen greedily against a target), every subtree
keeps a few blocks that trade width for height (its Pareto front: none narrower *and*
shorter than another), built from its children's fronts:

- a row: for each height the row may have, each child's narrowest block that fits;
- a column (beside or below the card): for each width, each child's shortest block;
- two columns, or a column left of the card and one below it (hang): the same for
  every split point between units.

At the root the block that needs the smallest view of the wanted aspect wins; its
choices are then read back down the tree. Cost grows with FRONT**2 per child, so the
greedy `compact` pass handles big maps.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Sequence

import argmap.layout.compact as c

FRONT = 12  # blocks kept per subtree and per kind (free / side)

# A candidate: (width, height, arrangement, split, picks): picks are the indices of
# the children's candidates used (free ones for a row, side ones for columns).
Cand = tuple[float, float, int, int, tuple[int, ...]]


def search_blocks(roots: Sequence[str], kids: c.Kids, preorder: Sequence[str], sizes: c.Sizes,
                  row_only: Collection[str], glued: Collection[str], aspect: float) -> dict[str, c.Block]:
    """Per node the chosen block (width, height, arrangement, split), as `compact._place`
    reads them (the same block under ``free`` and ``side``)."""
    free: dict[str, list[Cand]] = {}
    side: dict[str, list[Cand]] = {}
    for node in reversed(preorder):
        cw, ch = sizes[node]
        mine = kids[node]
        if not mine:
            free[node] = side[node] = [(cw, ch, c.LEAF, 0, ())]
            continue
        rows = _rows(cw, ch, [free[k] for k in mine])
        if node in row_only:
            free[node] = side[node] = rows
            continue
        sides = [side[k] for k in mine]
        cols = _columns(cw, ch, sides)
        below = _below(cw, ch, sides)
        side[node] = _front(rows + cols + below)
        two = _two(cw, ch, sides, [i for i in range(1, len(mine)) if mine[i] not in glued])
        free[node] = _front(rows + cols + below + two)
    chosen: dict[str, tuple[float, float, int, int]] = {}
    for root in roots:
        best = min(range(len(free[root])), key=lambda i: _view(free[root][i], aspect))
        stack = [(root, free[root][best])]
        while stack:
            node, cand = stack.pop()
            w, h, kind, split, picks = cand
            chosen[node] = (w, h, kind, split)
            pool = free if kind == c.ROW else side
            for k, i in zip(kids[node], picks):
                stack.append((k, pool[k][i]))
    return chosen


def _view(cand: Cand, aspect: float) -> tuple[float, float, float]:
    w, h = cand[0], cand[1]
    return (max(w / aspect, h), w * h, w)


def _front(cands: list[Cand]) -> list[Cand]:
    """The candidates no other beats in both width and height, at most FRONT of them
    spread over the range of shapes (the narrowest and the widest always kept)."""
    cands = sorted(cands, key=lambda b: (b[0], b[1], b[2]))  # width up
    out: list[Cand] = []
    for b in cands:
        if not out or b[1] < out[-1][1]:
            out.append(b)
    if len(out) > FRONT:
        # keep shapes spread evenly over the range of aspects (log scale)
        logs = [math.log(b[0] / b[1]) for b in out]
        lo, hi = logs[0], logs[-1]
        keep = {0, len(out) - 1}
        j = 0
        for i in range(1, FRONT - 1):
            want = lo + (hi - lo) * i / (FRONT - 1)
            while j + 1 < len(out) and abs(logs[j + 1] - want) <= abs(logs[j] - want):
                j += 1
            keep.add(j)
        out = [out[i] for i in sorted(keep)]
    return out


def _rows(cw: float, ch: float, fronts: list[list[Cand]]) -> list[Cand]:
    out = []
    caps = sorted({b[1] for f in fronts for b in f})
    least = max(f[-1][1] for f in fronts)  # every child has a block this short
    for cap in caps:
        if cap < least:
            continue
        width = -c.ROW_GAP
        picks = []
        for f in fronts:
            # the narrowest block no taller than cap (fronts: width up, height down)
            i = next(j for j, b in enumerate(f) if b[1] <= cap)
            picks.append(i)
            width += f[i][0] + c.ROW_GAP
        height = max(fronts[k][i][1] for k, i in enumerate(picks))
        out.append((max(cw, width), ch + c.LEVEL_GAP + height, c.ROW, 0, tuple(picks)))
    return out


def _stack(fronts: list[list[Cand]], cap: float) -> tuple[list[int], float, float] | None:
    """Each child's shortest block no wider than cap: (picks, widest, heights summed)."""
    picks = []
    widest = 0.0
    total = -c.STACK_GAP
    for f in fronts:
        i = len(f) - 1
        while i >= 0 and f[i][0] > cap:
            i -= 1
        if i < 0:
            return None
        picks.append(i)
        widest = max(widest, f[i][0])
        total += f[i][1] + c.STACK_GAP
    return picks, widest, total


def _caps(fronts: list[list[Cand]]) -> list[float]:
    return sorted({b[0] for f in fronts for b in f})


def _columns(cw: float, ch: float, fronts: list[list[Cand]]) -> list[Cand]:
    out = []
    for cap in _caps(fronts):
        got = _stack(fronts, cap)
        if got is None:
            continue
        picks, widest, total = got
        first = fronts[0][picks[0]][1]
        if len(fronts) > 1 and first < ch + c.COLUMN_DROP - c.STACK_GAP:
            total += ch + c.COLUMN_DROP - c.STACK_GAP - first
        out.append((cw + c.GUTTER + widest, max(ch, total), c.COL, 0, tuple(picks)))
    return out


def _below(cw: float, ch: float, fronts: list[list[Cand]]) -> list[Cand]:
    out = []
    for cap in _caps(fronts):
        got = _stack(fronts, cap)
        if got is None:
            continue
        picks, widest, total = got
        out.append((max(cw, c.INDENT + widest), ch + c.STACK_GAP + total, c.BELOW, 0, tuple(picks)))
    return out


def _two(cw: float, ch: float, fronts: list[list[Cand]], splits: list[int]) -> list[Cand]:
    out = []
    caps = _caps(fronts)
    for k in splits:
        left, right = fronts[:k], fronts[k:]
        for cap in caps:
            a = _stack(left, cap)
            b = _stack(right, cap)
            if a is None or b is None:
                continue
            first_l = left[0][a[0][0]][1]
            first_r = right[0][b[0][0]][1]
            hl = a[2] + _drop(ch, first_l, len(left))
            hr = b[2] + _drop(ch, first_r, len(right))
            width = a[1] + c.GUTTER + cw + c.GUTTER + b[1]
            out.append((width, max(ch, hl, hr), c.TWO, k, tuple(a[0] + b[0])))
            # hang: the right-hand units below the card instead, indented
            width = a[1] + c.GUTTER + max(cw, c.INDENT + b[1])
            out.append((width, max(ch, hl, ch + c.STACK_GAP + b[2]), c.HANG, k, tuple(a[0] + b[0])))
    return out


def _drop(ch: float, first: float, count: int) -> float:
    if count > 1 and first < ch + c.COLUMN_DROP - c.STACK_GAP:
        return ch + c.COLUMN_DROP - c.STACK_GAP - first
    return 0.0
