"""Where to cut a picture into pages: windows whose edges fall in the gaps between cards
where possible, so every card is whole on at least one page, and no page that is nearly
empty (plain Python: rectangles are ``(x, y, w, h)`` tuples)."""

from __future__ import annotations

from dataclasses import dataclass

Rect = tuple[float, float, float, float]  # x, y, width, height
Span = tuple[float, float]  # start, end

EPS = 1e-6
MIN_FILL = 0.7  # a window may end early, in a gap, if it still covers this much of a page
NEARLY_EMPTY = 0.05  # a page whose cards cover less of it than this is nearly empty


@dataclass(frozen=True)
class Tile:
    """One page's window (picture units) and where it sits in the grid of windows;
    ``cut_x``/``cut_y`` are the neighbours' edges inside it (overlap marks go there)."""

    rect: Rect
    row: int
    col: int
    cut_x: tuple[float, ...] = ()
    cut_y: tuple[float, ...] = ()


def free_spans(spans: list[Span], lo: float, hi: float) -> list[Span]:
    """The parts of ``[lo, hi]`` that no span covers (the gaps between cards)."""
    out: list[Span] = []
    x = lo
    for a, b in sorted(spans):
        if a > x + EPS:
            out.append((x, min(a, hi)))
        x = max(x, b)
        if x >= hi:
            break
    if x < hi - EPS:
        out.append((x, hi))
    return [s for s in out if s[1] > s[0] + EPS]


def axis_windows(spans: list[Span], lo: float, hi: float, size: float, overlap: float = 0.0, pad: float = 8.0) -> list[Span]:
    """Windows no longer than ``size`` covering ``[lo, hi]`` in order. A window ends in a
    gap between spans when one lies in its second half (the next window starts in that
    gap); otherwise the next window starts ``overlap`` before the cut, or earlier, at the
    start of the first span the cut went through, so that span is whole on it. Every
    span no longer than ``size`` - ``overlap`` lies whole inside some window."""
    overlap = max(0.0, min(overlap, size / 4))
    if hi - lo <= size + EPS:
        return [(lo, hi)]
    free = free_spans(spans, lo, hi)
    out: list[Span] = []
    s = lo
    while True:
        limit = s + size
        if limit >= hi - EPS:
            out.append((s, hi))
            return out
        gap = next((g for g in reversed(free) if g[0] < limit - EPS and g[1] > s + size * MIN_FILL), None)
        if gap is not None:
            g0, g1 = gap
            inset = min(pad, (g1 - g0) / 2)
            e = limit if limit <= g1 else g1 - inset
            nxt = max(g0 + inset, e - overlap)
        else:
            e = limit
            cut = [a for a, b in spans if a < e < b and a > s + size * 0.1]
            nxt = min([e - overlap] + [a - pad for a in cut])
        if nxt <= s + size * 0.1:  # only a span longer than a window starts there: no help
            nxt = e - overlap
        out.append((s, e))
        s = max(nxt, s + EPS * 10)


def plan_tiles(cards: list[Rect], bounds: Rect, tile_w: float, tile_h: float, overlap: float = 0.0,
               pad: float = 8.0, drop: bool = True) -> list[Tile]:
    """Cover ``bounds`` with windows at most ``tile_w`` x ``tile_h`` (a grid whose column
    and row edges snap to gaps between the ``cards``), row by row, and (with ``drop``)
    leave out the nearly empty ones whose cards are whole elsewhere."""
    bx, by, bw, bh = bounds
    cols = axis_windows([(x, x + w) for x, _, w, _ in cards], bx, bx + bw, tile_w, overlap, pad)
    rows = axis_windows([(y, y + h) for _, y, _, h in cards], by, by + bh, tile_h, overlap, pad)
    tiles = []
    for r, (y0, y1) in enumerate(rows):
        for c, (x0, x1) in enumerate(cols):
            cut_x = tuple(v for v in ((cols[c - 1][1] if c else None), (cols[c + 1][0] if c + 1 < len(cols) else None))
                          if v is not None and x0 + EPS < v < x1 - EPS)
            cut_y = tuple(v for v in ((rows[r - 1][1] if r else None), (rows[r + 1][0] if r + 1 < len(rows) else None))
                          if v is not None and y0 + EPS < v < y1 - EPS)
            tiles.append(Tile((x0, y0, x1 - x0, y1 - y0), r, c, cut_x, cut_y))
    return drop_nearly_empty(tiles, cards) if drop else tiles


def contains(outer: Rect, inner: Rect) -> bool:
    ox, oy, ow, oh = outer
    x, y, w, h = inner
    return x >= ox - EPS and y >= oy - EPS and x + w <= ox + ow + EPS and y + h <= oy + oh + EPS


def overlap_area(a: Rect, b: Rect) -> float:
    w = min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0])
    h = min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1])
    return w * h if w > 0 and h > 0 else 0.0


def content_fraction(tile: Rect, cards: list[Rect]) -> float:
    """How much of ``tile`` the cards cover (0 to 1; overlapping cards count twice)."""
    area = tile[2] * tile[3]
    return min(1.0, sum(overlap_area(tile, c) for c in cards) / area) if area > 0 else 0.0


def drop_nearly_empty(tiles: list[Tile], cards: list[Rect], threshold: float = NEARLY_EMPTY) -> list[Tile]:
    """``tiles`` without those whose cards cover less than ``threshold`` of them, when
    every card they touch is whole on a page that stays (the emptiest go first). A lone
    tile is always kept."""
    kept = list(tiles)
    for tile in sorted(tiles, key=lambda t: content_fraction(t.rect, cards)):
        if len(kept) == 1 or content_fraction(tile.rect, cards) >= threshold:
            continue
        others = [t for t in kept if t is not tile]
        touched = [c for c in cards if overlap_area(tile.rect, c) > 0]
        if all(any(contains(t.rect, c) for t in others) for c in touched):
            kept = others
    return kept


def whole_somewhere(tiles: list[Tile], cards: list[Rect]) -> list[Rect]:
    """The cards not whole on any tile (empty when the plan keeps every card whole)."""
    return [c for c in cards if not any(contains(t.rect, c) for t in tiles)]
