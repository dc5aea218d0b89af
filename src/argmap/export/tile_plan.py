"""Where to cut a picture into pages: windows whose edges fall in the gaps between cards
where possible, so every card is whole on at least one page, and no page that is nearly
empty (plain Python: rectangles are ``(x, y, w, h)`` tuples)."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
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


def axis_windows(spans: list[Span], lo: float, hi: float, size: float, overlap: float = 0.0, pad: float = 8.0,
                 free: list[Span] | None = None) -> list[Span]:
    """Windows no longer than ``size`` covering ``[lo, hi]`` in order. A window ends in a
    gap between spans when one lies near its end (the next window starts in that gap);
    otherwise the next window starts ``overlap`` before the cut, or earlier, at the
    start of the first span the cut went through, so that span is whole on it. Every
    span no longer than ``size`` - ``overlap`` lies whole inside some window. ``spans``
    sorted and ``free`` given (``free_spans``) save time when planning many sizes."""
    overlap = max(0.0, min(overlap, size / 4))
    if hi - lo <= size + EPS:
        return [(lo, hi)]
    spans = spans if free is not None else sorted(spans)
    free = free if free is not None else free_spans(spans, lo, hi)
    starts = [a for a, _ in spans]
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
            first = bisect_right(starts, s + size * 0.1)
            cut = next((a for a, b in spans[first: bisect_left(starts, e)] if b > e), None)  # the first card cut
            nxt = min(e - overlap, cut - pad) if cut is not None else e - overlap
        if nxt <= s + size * 0.1:  # only a span longer than a window starts there: no help
            nxt = e - overlap
        out.append((s, e))
        s = max(nxt, s + EPS * 10)


@dataclass(frozen=True)
class Prepared:
    """Cards' spans across and down, sorted, and the gaps between them."""

    xs: list[Span]
    ys: list[Span]
    free_x: list[Span]
    free_y: list[Span]


def prepare(cards: list[Rect], bounds: Rect) -> Prepared:
    bx, by, bw, bh = bounds
    xs = sorted((x, x + w) for x, _, w, _ in cards)
    ys = sorted((y, y + h) for _, y, _, h in cards)
    return Prepared(xs, ys, free_spans(xs, bx, bx + bw), free_spans(ys, by, by + bh))


def plan_tiles(cards: list[Rect], bounds: Rect, tile_w: float, tile_h: float, overlap: float = 0.0,
               pad: float = 8.0, drop: bool = True, prepared: Prepared | None = None) -> list[Tile]:
    """Cover ``bounds`` with windows at most ``tile_w`` x ``tile_h`` (a grid whose column
    and row edges snap to gaps between the ``cards``), row by row, and (with ``drop``)
    leave out the nearly empty ones whose cards are whole elsewhere. ``prepared`` (from
    ``prepare(cards, bounds)``) saves time when planning many sizes."""
    bx, by, bw, bh = bounds
    p = prepared or prepare(cards, bounds)
    cols = axis_windows(p.xs, bx, bx + bw, tile_w, overlap, pad, p.free_x)
    rows = axis_windows(p.ys, by, by + bh, tile_h, overlap, pad, p.free_y)
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
    near = _Near(cards)
    touching = {id(t): near.touching(t.rect) for t in tiles}
    fraction = {id(t): content_fraction(t.rect, touching[id(t)]) for t in tiles}
    kept = list(tiles)
    for tile in sorted(tiles, key=lambda t: fraction[id(t)]):
        if len(kept) == 1 or fraction[id(tile)] >= threshold:
            continue
        others = [t for t in kept if t is not tile]
        if all(any(contains(t.rect, c) for t in others) for c in touching[id(tile)]):
            kept = others
    return kept


class _Near:
    """Cards sorted by their left edge, to find those meeting a rectangle quickly."""

    def __init__(self, cards: list[Rect]) -> None:
        self.cards = sorted(cards)
        self.xs = [c[0] for c in self.cards]
        self.widest = max((c[2] for c in cards), default=0.0)

    def touching(self, rect: Rect) -> list[Rect]:
        lo = bisect_left(self.xs, rect[0] - self.widest)
        hi = bisect_right(self.xs, rect[0] + rect[2])
        return [c for c in self.cards[lo:hi] if overlap_area(rect, c) > 0]


def whole_somewhere(tiles: list[Tile], cards: list[Rect]) -> list[Rect]:
    """The cards not whole on any tile (empty when the plan keeps every card whole)."""
    return [c for c in cards if not any(contains(t.rect, c) for t in tiles)]
