"""Auto-layout of a whole map, of a selection, or of the statements not yet placed."""

from __future__ import annotations

from collections.abc import Iterable

from argmap.layout.outline import Forest, Outline
from argmap.layout.placement import Grid, Rect, block_shift, sweep
from argmap.layout.sizes import SizeOf, estimate_card_size
from argmap.layout.tidy import TREE_GAP, V_GAP, Placed, preorder_of, tidy_forest
from argmap.model import ArgumentMap, Statement
from argmap.util import gc_paused

Positions = dict[str, tuple[float, float]]


def layout_map(
    amap: ArgumentMap,
    *,
    size_of: SizeOf | None = None,
    only: Iterable[str] | None = None,
    keep: Iterable[str] | None = None,
    origin: tuple[float, float] = (0.0, 0.0),
) -> Positions:
    """Top-left positions for the statements of ``amap`` in a top-down layered layout.

    ``size_of(statement) -> (w, h)`` gives card sizes (default: `estimate_card_size`).
    ``only``: lay out just these statement ids (other ids are ignored), as one block
    placed where they were and moved clear of the other cards. ``keep``: statements
    that stay where they are; the layout is moved so that the first kept statement (in
    outline order) sits in its own slot, and the others are pushed clear of every kept
    card. The result holds every laid-out statement, kept ones at their unchanged
    positions. ``origin`` is the top-left of a whole-map layout without kept cards.
    """
    with gc_paused():
        return _layout_map(amap, size_of or estimate_card_size, only, keep, origin)


def _layout_map(
    amap: ArgumentMap,
    size_of: SizeOf,
    only: Iterable[str] | None,
    keep: Iterable[str] | None,
    origin: tuple[float, float],
) -> Positions:
    outline = Outline(amap)
    stmts = outline.statements
    full = Forest(outline, outline.seeds())
    if only is None:
        forest = full
        targets = None
    else:
        targets = {i for i in only if i in stmts}
        if not targets:
            return {}
        forest = Forest(outline, full.preorder, targets)
    fixed: dict[str, tuple[float, float]] = {
        i: at
        for i in (keep or ())
        if i in stmts and (at := stmts[i].pos) is not None and (targets is None or i in targets)
    }
    sizes = {n: size_of(stmts[n]) for n in forest.preorder}
    placed = tidy_forest(forest.roots, forest.kids, forest.preorder, sizes, origin, family=full.parent)
    obstacles: list[Rect] = [(*fixed[i], *sizes[i]) for i in sorted(fixed)]
    if fixed:
        # the first kept statement in outline order sits in its own slot
        first = next(n for n in forest.preorder if n in fixed)
        slot = placed.pos[first]
        placed.translate(fixed[first][0] - slot[0], fixed[first][1] - slot[1])
    if targets is not None:
        others = _rects(stmts, (i for i in stmts if i not in targets), size_of)
        anchor = None if fixed else _top_left(stmts, targets)
        _place_block(placed, sizes, fixed, others, anchor=anchor, stay=bool(fixed))
        obstacles.extend(others)
    if obstacles:
        pos = sweep(placed, forest.parent, sizes, obstacles, fixed)
    else:
        pos = placed.pos
    if fixed:
        return {n: (fixed[n] if n in fixed else _rounded(x, y)) for n, (x, y) in pos.items()}
    # round(v, 0) keeps a float; adding 0.0 turns -0.0 into 0.0
    return {n: (round(x, 0) + 0.0, round(y, 0) + 0.0) for n, (x, y) in pos.items()}


def layout_missing(amap: ArgumentMap, size_of: SizeOf | None = None) -> Positions:
    """Positions for the statements whose ``pos`` is None, each group placed below the
    placed statement it argues about (or to the right of the map), clear of the
    placed cards. Used after an import."""
    with gc_paused():
        return _layout_missing(amap, size_of or estimate_card_size)


def _layout_missing(amap: ArgumentMap, size_of: SizeOf) -> Positions:
    outline = Outline(amap)
    stmts = outline.statements
    missing = {i for i, s in stmts.items() if s.pos is None}
    if not missing:
        return {}
    if len(missing) == len(stmts):
        return _layout_map(amap, size_of, None, None, (0.0, 0.0))
    full = Forest(outline, outline.seeds())
    sub = Forest(outline, full.preorder, missing)
    groups: dict[str | None, list[str]] = {}
    for root in sub.roots:
        anchor = full.parent.get(root)
        groups.setdefault(anchor if anchor is not None and anchor not in missing else None, []).append(root)
    sizes = {n: size_of(stmts[n]) for n in sub.preorder}
    placed_rects = _rects(stmts, (i for i in stmts if i not in missing), size_of)
    grid = Grid(placed_rects)
    right = max(x + w for x, _, w, _ in placed_rects)
    top = min(y for _, y, _, _ in placed_rects)
    out: Positions = {}
    for anchor, roots in sorted(groups.items(), key=lambda kv: kv[0] is None):
        placed = tidy_forest(roots, sub.kids, preorder_of(roots, sub.kids), sizes, family=full.parent)
        left, up, r, _ = placed.bbox(sizes)
        if anchor is None:
            placed.translate(right + TREE_GAP - left, top - up)
        else:
            anchor_pos = stmts[anchor].pos
            assert anchor_pos is not None  # anchors are placed statements
            ax, ay = anchor_pos
            aw, ah = size_of(stmts[anchor])
            placed.translate(ax + aw / 2 - (left + r) / 2, ay + ah + V_GAP + 1 - up)
        _place_block(placed, sizes, {}, grid, anchor=None)
        for n, (x, y) in placed.pos.items():
            out[n] = _rounded(x, y)
            grid.add((*out[n], *sizes[n]))
    return out


def _rounded(x: float, y: float) -> tuple[float, float]:
    """Whole pixels, as floats, never -0.0."""
    return round(x, 0) + 0.0, round(y, 0) + 0.0


def _rects(stmts: dict[str, Statement], ids: Iterable[str], size_of: SizeOf) -> list[Rect]:
    rects = []
    for i in ids:
        s = stmts[i]
        if s.pos is not None:
            rects.append((*s.pos, *size_of(s)))
    return rects


def _top_left(stmts: dict[str, Statement], ids: set[str]) -> tuple[float, float] | None:
    known = [pos for i in ids if (pos := stmts[i].pos) is not None]
    if not known:
        return None
    return min(p[0] for p in known), min(p[1] for p in known)


def _place_block(
    placed: Placed,
    sizes: dict[str, tuple[float, float]],
    fixed: dict[str, tuple[float, float]],
    others: list[Rect] | Grid,
    anchor: tuple[float, float] | None,
    stay: bool = False,
) -> None:
    """Move a laid-out block so its top-left is ``anchor`` (when given; else, unless it
    should ``stay``, right of ``others``), then right or down until it is clear of
    ``others``."""
    grid = others if isinstance(others, Grid) else Grid(others)
    left, top, _, _ = placed.bbox(sizes)
    if anchor is not None:
        placed.translate(anchor[0] - left, anchor[1] - top)
    elif not stay and not isinstance(others, Grid) and others:
        placed.translate(max(x + w for x, _, w, _ in others) + TREE_GAP - left, min(y for _, y, _, _ in others) - top)
    cards = [(*placed.pos[n], *sizes[n]) for n in placed.pos if n not in fixed]
    dx, dy = block_shift(cards, grid)
    placed.translate(dx, dy)
