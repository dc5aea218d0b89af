"""Keeping a layout clear of cards that must not move: a grid index of obstacles, a
whole-block shift, and a row sweep that pushes cards right past obstacles."""

from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Iterable, Mapping

from argmap.layout.tidy import H_GAP, V_GAP, Placed

Rect = tuple[float, float, float, float]  # x, y, w, h

# Gaps used when checking against obstacles (a pixel wider: see tidy._SLACK).
GX = H_GAP + 1.0
GY = V_GAP + 1.0
_CELL = 600.0


class Grid:
    """A uniform grid over rectangles, for "which obstacles are near this card"."""

    def __init__(self, rects: Iterable[Rect] = ()) -> None:
        self.rects: list[Rect] = []
        self.right = self.bottom = float("-inf")  # extent of all rectangles
        self._cells: dict[tuple[int, int], list[int]] = {}
        for r in rects:
            self.add(r)

    def __len__(self) -> int:
        return len(self.rects)

    def _span(self, x: float, y: float, w: float, h: float) -> tuple[range, range]:
        return (
            range(math.floor(x / _CELL), math.floor((x + w) / _CELL) + 1),
            range(math.floor(y / _CELL), math.floor((y + h) / _CELL) + 1),
        )

    def add(self, rect: Rect) -> None:
        idx = len(self.rects)
        self.rects.append(rect)
        self.right = max(self.right, rect[0] + rect[2])
        self.bottom = max(self.bottom, rect[1] + rect[3])
        cols, rows = self._span(*rect)
        cells = self._cells
        for cx in cols:
            for cy in rows:
                cells.setdefault((cx, cy), []).append(idx)

    def conflicts(self, x: float, y: float, w: float, h: float) -> list[Rect]:
        """Obstacles closer to the card than the gaps allow (overlapping included)."""
        cols, rows = self._span(x - GX, y - GY, w + 2 * GX, h + 2 * GY)
        cells = self._cells
        seen: set[int] = set()
        out = []
        for cx in cols:
            for cy in rows:
                for idx in cells.get((cx, cy), ()):
                    if idx in seen:
                        continue
                    seen.add(idx)
                    ox, oy, ow, oh = r = self.rects[idx]
                    if x < ox + ow + GX and ox < x + w + GX and y < oy + oh + GY and oy < y + h + GY:
                        out.append(r)
        return out


def block_shift(cards: list[Rect], grid: Grid) -> tuple[float, float]:
    """The smaller of the shifts right or down that moves all ``cards`` clear of the
    obstacles in ``grid``, as (dx, dy); (0, 0) when they are clear already.

    Both directions are searched step by step in turn (each step jumps past the
    obstacle in the way), and a search stops once it is longer than the other's
    answer or than the shift that clears the whole grid."""
    if not len(grid) or not cards:
        return 0.0, 0.0
    left = min(x for x, _, _, _ in cards)
    top = min(y for _, y, _, _ in cards)
    limit = [grid.right + GX - left, grid.bottom + GY - top]
    dist = [0.0, 0.0]
    done = [False, False]
    clear = [False, False]
    while not (done[0] and done[1]):
        for axis in (0, 1):
            if done[axis]:
                continue
            d = dist[axis]
            need = 0.0
            for x, y, w, h in cards:
                px, py = (x + d, y) if axis == 0 else (x, y + d)
                for ox, oy, ow, oh in grid.conflicts(px, py, w, h):
                    step = (ox + ow + GX - px) if axis == 0 else (oy + oh + GY - py)
                    if step > need:
                        need = step
            if need <= 0.0:
                done[axis] = clear[axis] = True
            elif d + need >= limit[axis]:
                dist[axis] = limit[axis]
                done[axis] = clear[axis] = True
            else:
                dist[axis] = d + need
            other = 1 - axis
            if clear[axis] and not done[other] and dist[other] >= dist[axis]:
                done[other] = True  # can only end further away
            if clear[other] and not done[axis] and dist[axis] >= dist[other]:
                done[axis] = True
    if clear[0] and (not clear[1] or dist[0] <= dist[1]):
        return dist[0], 0.0
    return 0.0, dist[1]


def sweep(
    placed: Placed,
    parent: Mapping[str, str | None],
    sizes: Mapping[str, tuple[float, float]],
    obstacles: list[Rect],
    fixed: Mapping[str, tuple[float, float]],
) -> dict[str, tuple[float, float]]:
    """Push cards right, row by row, until none is near an obstacle.

    A card moves at least as far as its parent and its left neighbour did, so the rows
    keep their order and their gaps and subtrees stay under their parents. Cards in
    ``fixed`` stay at the given positions (they should be among ``obstacles``)."""
    shift: dict[str, float] = {}
    out: dict[str, tuple[float, float]] = {}
    for row, top, height in zip(placed.rows, placed.row_y, placed.row_h):
        band = sorted(
            (ox, ox + ow)
            for ox, oy, ow, oh in obstacles
            if oy < top + height + GY and top < oy + oh + GY
        )
        lefts = [b[0] for b in band]
        widest = max((r - left for left, r in band), default=0.0)
        prev = float("-inf")
        for node in row:
            p = parent.get(node)
            s = max(prev, shift[p] if p is not None and p in shift else 0.0)
            x, y = placed.pos[node]
            if node in fixed:
                shift[node] = prev = s
                out[node] = fixed[node]
                continue
            x += s
            if band:
                x = _clear(x, sizes[node][0], band, lefts, widest)
            shift[node] = prev = x - placed.pos[node][0]
            out[node] = (x, y)
    return out


def _clear(x: float, w: float, band: list[tuple[float, float]], lefts: list[float], widest: float) -> float:
    while True:
        i = bisect_left(lefts, x - GX - widest)
        for left, right in band[i:]:
            if left >= x + w + GX:
                return x
            if right + GX > x:
                x = right + GX
                break
        else:
            return x
