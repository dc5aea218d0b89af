"""Compact, aspect-aware "tip-over" tree layout.

Each card's subtree is a rectangular block. A card's children go

- in a *row* under it (the classic arrangement, card centred over the row),
- in a *column* beside it (card at the block's top-left, children stacked to its
  right: the tree "tips over"),
- in a column *below* it, indented (the arrows run in the strip the indent leaves), or
- in *two columns*, one on each side of it (card top-centre), or
- in a column left of it and a column below it, indented (*hang*),

chosen per subtree, bottom-up, so that the block comes close to a target aspect ratio.
Targets flow top-down: the root gets the wanted aspect; where a row is required (a
question's positions, co-premises, undercuts) each child gets a share of its parent's
target proportional to the area of its subtree, so the row as a whole keeps the aspect.

Blocks never overlap, so cards never do; an arrow from a child in a row runs through
the gap between the rows, one from a child in a column through the gutter beside its
parent (a card in a column sits at the near edge of its own block). One pass up and
one pass down over the preorder: linear time, deterministic.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

from argmap.layout.tidy import H_GAP, TREE_GAP, Placed

# Gaps, one pixel wider than the promise (positions are rounded at the end).
ROW_GAP = H_GAP + 1.0  # between blocks side by side in a row
STACK_GAP = 20.0  # between blocks stacked in a column
LEVEL_GAP = 33.0  # between a card and the row of its children
GUTTER = 40.0  # between a card and the column of its children (arrows run here)
# The second card of a column starts at least this far below its parent's bottom edge,
# so the canvas draws its arrow from the side, through the gutter (ui records: _side).
COLUMN_DROP = GUTTER + 2.0
INDENT = 36.0  # a column below its parent starts this far in (arrows run in the strip)
ROW_BIAS = 0.93  # a row wins ties: it reads like the classic layout
MIN_TARGET, MAX_TARGET = 0.12, 40.0

Kids = Mapping[str, Sequence[str]]
Sizes = Mapping[str, tuple[float, float]]

# arrangements
LEAF, ROW, COL, TWO, BELOW, HANG = 0, 1, 2, 3, 4, 5
# where a block's card sits
CENTRE, LEFT, RIGHT = 0, 1, 2


def compact_forest(
    roots: Sequence[str],
    kids: Mapping[str, Sequence[str]],
    preorder: Sequence[str],
    sizes: Mapping[str, tuple[float, float]],
    row_only: set[str] | frozenset[str],
    aspect: float,
    origin: tuple[float, float] = (0.0, 0.0),
    glued: set[str] | frozenset[str] = frozenset(),
) -> Placed:
    """Top-left positions of the forest under ``roots`` (``kids``: tree children in
    outline order; ``preorder``: the forest's preorder) whose whole drawing comes close
    to ``aspect`` (width / height). Cards in ``row_only`` keep their children in a row;
    a child in ``glued`` stays in the same row or column as the child before it."""
    aspect = min(MAX_TARGET, max(MIN_TARGET, aspect))
    area = _areas(preorder, kids, sizes)
    rows = [n for n in row_only if len(kids.get(n, ())) > 1]
    n = len(preorder)
    tries = 1 if len(roots) != 1 or n > 5_000 else 4
    boost: dict[str, float] = {}
    scale = 1.0
    best: tuple[float, Blocks] | None = None
    for _ in range(tries):
        blocks = _solve(roots, kids, preorder, sizes, row_only, area, aspect * scale, glued, boost)
        free = blocks[0]
        w, h = free[roots[0]][:2]
        score = max(w / aspect, h)  # the size of the view that shows it all
        if best is None or score < best[0]:
            best = (score, blocks)
        # aim again: the whole target scaled by how far this try missed, and the
        # children of each fixed row nudged towards one common height (the row is
        # as tall as its tallest block)
        scale *= (aspect / (w / h)) ** 0.5
        for node in rows:
            mine = kids[node]
            mean = sum(free[c][1] for c in mine) / len(mine)
            for c in mine:
                boost[c] = boost.get(c, 1.0) * (free[c][1] / mean) ** 0.5
    assert best is not None
    pos = _place(roots, kids, sizes, best[1], aspect, origin)
    return Placed(pos, [], [], [])


def _areas(preorder: Sequence[str], kids: Kids, sizes: Sizes) -> dict[str, float]:
    area: dict[str, float] = {}
    for node in reversed(preorder):
        w, h = sizes[node]
        a = w * h
        for c in kids[node]:
            a += area[c]
        area[node] = a
    return area


Block = tuple[float, float, int, int]  # width, height, arrangement, split (TWO)
Blocks = tuple[dict[str, Block], dict[str, Block]]  # free and side blocks per node


def _solve(roots: Sequence[str], kids: Kids, preorder: Sequence[str], sizes: Sizes, row_only: Collection[str],
           area: Mapping[str, float], aspect: float, glued: Collection[str], boost: Mapping[str, float]) -> Blocks:
    """Blocks per node: ``free[n]`` (card anywhere on top) and ``side[n]`` (card at the
    block's left or right edge, for a block in a column)."""
    target: dict[str, float] = {}
    for r in roots:
        target[r] = aspect
    for node in preorder:
        mine = kids[node]
        if not mine:
            continue
        t = target[node]
        if node in row_only and len(mine) > 1:
            total = 0.0
            for c in mine:
                total += area[c]
            for c in mine:
                share = t * area[c] / total * boost.get(c, 1.0)
                target[c] = MIN_TARGET if share < MIN_TARGET else share
        else:
            for c in mine:
                target[c] = t
    free: dict[str, Block] = {}
    side: dict[str, Block] = {}
    for node in reversed(preorder):
        cw, ch = sizes[node]
        mine = kids[node]
        if not mine:
            free[node] = side[node] = (cw, ch, LEAF, 0)
            continue
        # a row of the children's free blocks
        rw = -ROW_GAP
        rh = 0.0
        for c in mine:
            b = free[c]
            rw += b[0] + ROW_GAP
            if b[1] > rh:
                rh = b[1]
        row = (cw if cw > rw else rw, ch + LEVEL_GAP + rh, ROW, 0)
        if node in row_only:
            free[node] = side[node] = row
            continue
        t = target[node]
        # a column of the children's side blocks, right of the card
        heights = []
        cwid = 0.0
        for c in mine:
            b = side[c]
            heights.append(b[1])
            if b[0] > cwid:
                cwid = b[0]
        plain = sum(heights) + STACK_GAP * (len(mine) - 1)
        below = (max(cw, INDENT + cwid), ch + STACK_GAP + plain, BELOW, 0)
        stack = plain
        if len(mine) > 1 and heights[0] < ch + COLUMN_DROP - STACK_GAP:
            stack += ch + COLUMN_DROP - STACK_GAP - heights[0]
        col = (cw + GUTTER + cwid, ch if ch > stack else stack, COL, 0)
        best, s_best = row, max(row[1], row[0] / t) * ROW_BIAS
        for b in (col, below):
            score = max(b[1], b[0] / t)
            if score < s_best:
                best, s_best = b, score
        side[node] = best
        if len(mine) > 1 and not (len(mine) == 2 and mine[1] in glued):
            two = _two_columns(mine, side, heights, cw, ch, glued)
            s_two = max(two[1], two[0] / t)
            if s_two < s_best:
                best = two
        free[node] = best
    return free, side


def _two_columns(mine: Sequence[str], side: Mapping[str, Block], heights: Sequence[float], cw: float, ch: float,
                 glued: Collection[str]) -> Block:
    """Children split (in outline order) into a left and a right column of the card,
    at the split that keeps the taller column lowest (never before a glued child)."""
    total = sum(heights) + STACK_GAP * (len(mine) - 1)
    best_k, best_h = 1, float("inf")
    acc = -STACK_GAP
    for k in range(1, len(mine)):
        acc += heights[k - 1] + STACK_GAP
        h = max(acc, total - acc - STACK_GAP)
        if h < best_h and mine[k] not in glued:
            best_k, best_h = k, h
    lw = max(side[c][0] for c in mine[:best_k])
    rw = max(side[c][0] for c in mine[best_k:])
    return (lw + GUTTER + cw + GUTTER + rw, ch if ch > best_h else best_h, TWO, best_k)


def place_blocks(roots: Sequence[str], kids: Kids, sizes: Sizes, chosen: dict[str, Block], aspect: float,
                 origin: tuple[float, float] = (0.0, 0.0)) -> Placed:
    """Positions from one chosen block per node (as `compact_search` finds them)."""
    return Placed(_place(roots, kids, sizes, (chosen, chosen), aspect, origin), [], [], [])


def _place(roots: Sequence[str], kids: Kids, sizes: Sizes, blocks: Blocks, aspect: float,
           origin: tuple[float, float]) -> dict[str, tuple[float, float]]:
    free, side = blocks
    pos: dict[str, tuple[float, float]] = {}
    # separate trees: shelves about as wide as the wanted aspect asks
    total = sum(free[r][0] * free[r][1] for r in roots)
    wrap = max(max(free[r][0] for r in roots), (total * aspect) ** 0.5)
    stack: list[tuple[str, float, float, int, bool]] = []
    x, y = origin
    shelf_h = 0.0
    for k, r in enumerate(roots):
        w, h = free[r][:2]
        if k and x + w - origin[0] > wrap:
            x = origin[0]
            y += shelf_h + TREE_GAP
            shelf_h = 0.0
        stack.append((r, x, y, CENTRE, False))
        x += w + TREE_GAP
        shelf_h = max(shelf_h, h)
    stack.reverse()
    while stack:
        node, bx, by, where, in_column = stack.pop()
        bw, bh, kind, split = (side if in_column else free)[node]
        cw, ch = sizes[node]
        mine = kids[node]
        if kind == LEAF:
            pos[node] = (bx, by)
            continue
        if kind == ROW:
            rw = -ROW_GAP
            for c in mine:
                rw += free[c][0] + ROW_GAP
            if where == LEFT:
                cx, rx = bx, bx
            elif where == RIGHT:
                cx, rx = bx + bw - cw, bx + bw - rw
            else:
                cx, rx = bx + (bw - cw) / 2, bx + (bw - rw) / 2
            pos[node] = (cx, by)
            cy = by + ch + LEVEL_GAP
            todo = []
            for c in mine:
                todo.append((c, rx, cy, CENTRE, False))
                rx += free[c][0] + ROW_GAP
            stack.extend(reversed(todo))
        elif kind == BELOW:
            y0 = by + ch + STACK_GAP
            if where == RIGHT:
                pos[node] = (bx + bw - cw, by)
                stack.extend(reversed(_column(mine, side, bx, y0, 0.0, RIGHT, bw - INDENT)))
            else:
                pos[node] = (bx, by)
                stack.extend(reversed(_column(mine, side, bx + INDENT, y0, 0.0, LEFT, 0.0)))
        elif kind == COL:
            cwid = bw - cw - GUTTER
            if where == RIGHT:  # mirrored: the column left of the card
                pos[node] = (bx + cwid + GUTTER, by)
                stack.extend(reversed(_column(mine, side, bx, by, ch, RIGHT, cwid)))
            else:
                pos[node] = (bx, by)
                stack.extend(reversed(_column(mine, side, bx + cw + GUTTER, by, ch, LEFT, cwid)))
        elif kind == HANG:  # the first children left of the card, the others below it
            left, rest = mine[:split], mine[split:]
            lw = max(side[c][0] for c in left)
            cx = bx + lw + GUTTER
            pos[node] = (cx, by)
            todo = _column(left, side, bx, by, ch, RIGHT, lw)
            todo += _column(rest, side, cx + INDENT, by + ch + STACK_GAP, 0.0, LEFT, 0.0)
            stack.extend(reversed(todo))
        else:  # TWO
            left, right = mine[:split], mine[split:]
            lw = max(side[c][0] for c in left)
            pos[node] = (bx + lw + GUTTER, by)
            todo = _column(left, side, bx, by, ch, RIGHT, lw)
            todo += _column(right, side, bx + lw + GUTTER + cw + GUTTER, by, ch, LEFT, 0.0)
            stack.extend(reversed(todo))
    return pos


def _column(mine: Sequence[str], side: Mapping[str, Block], x: float, y: float, ch: float, where: int,
            width: float) -> list[tuple[str, float, float, int, bool]]:
    """Blocks stacked from (x, y); ``where`` says which edge their cards sit on (a
    right-edge column is aligned to the right of ``width``). Beside a card ``ch`` high
    (0: below it), the second block starts COLUMN_DROP below the card's bottom."""
    todo: list[tuple[str, float, float, int, bool]] = []
    first = True
    for c in mine:
        w, h = side[c][:2]
        bx = x + width - w if where == RIGHT else x
        todo.append((c, bx, y, where, True))
        y += h + STACK_GAP
        if first:
            first = False
            if ch and y < ch + COLUMN_DROP + todo[0][2]:
                y = todo[0][2] + ch + COLUMN_DROP
    return todo
