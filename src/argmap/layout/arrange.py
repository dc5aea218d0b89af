"""Auto-layout of a whole map, of a selection, or of the statements not yet placed."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import pairwise

from argmap.layout.compact import compact_forest, place_blocks
from argmap.layout.compact_search import search_blocks
from argmap.layout.outline import Forest, Outline
from argmap.layout.placement import Grid, Rect, block_shift, sweep
from argmap.layout.sizes import SizeOf, estimate_card_size
from argmap.layout.tidy import TREE_GAP, V_GAP, Placed, preorder_of, tidy_forest
from argmap.model import ArgumentMap, Statement, StatementKind
from argmap.util import gc_paused

Positions = dict[str, tuple[float, float]]

COMPACT, CLASSIC, LEFT_RIGHT = "compact", "classic", "left-right"
STYLES = (COMPACT, CLASSIC, LEFT_RIGHT)
DEFAULT_ASPECT = 16 / 9
# between a card and the column of its children in the left-right style: arrows from
# cards further above or below than this come in from the side (ui records: _side)
LR_GAP = 48.0
SEARCH_LIMIT = 2_000  # maps up to this many statements get the compact layout's thorough search


def layout_map(
    amap: ArgumentMap,
    *,
    size_of: SizeOf | None = None,
    only: Iterable[str] | None = None,
    keep: Iterable[str] | None = None,
    origin: tuple[float, float] = (0.0, 0.0),
    style: str = CLASSIC,
    aspect: float = DEFAULT_ASPECT,
) -> Positions:
    """Top-left positions for the statements of ``amap``.

    ``style``: ``"classic"`` (top-down layers, every card's children in a row),
    ``"compact"`` (children in a row, a column or two columns, chosen per subtree so
    that the whole drawing comes close to ``aspect`` = width / height) or
    ``"left-right"`` (classic turned on its side: children right of their parent).

    ``size_of(statement) -> (w, h)`` gives card sizes (default: `estimate_card_size`).
    ``only``: lay out just these statement ids (other ids are ignored), as one block
    placed where they were and moved clear of the other cards. ``keep``: statements
    that stay where they are; the layout is moved so that the first kept statement (in
    outline order) sits in its own slot, and the others are pushed clear of every kept
    card. The result holds every laid-out statement, kept ones at their unchanged
    positions. ``origin`` is the top-left of a whole-map layout without kept cards.
    """
    if style not in STYLES:
        raise ValueError(f"unknown layout style {style!r} (choose from {', '.join(STYLES)})")
    if not aspect > 0 or aspect == float("inf"):
        raise ValueError(f"aspect must be a positive number, not {aspect!r}")
    with gc_paused():
        return _layout_map(amap, size_of or estimate_card_size, only, keep, origin, style, aspect)


def _arrange(
    style: str,
    aspect: float,
    forest: Forest,
    outline: Outline,
    sizes: dict[str, tuple[float, float]],
    origin: tuple[float, float],
    family: dict[str, str | None],
) -> Placed:
    """The forest laid out in ``style`` (whole-pixel rounding comes later)."""
    if style == COMPACT and len(forest.preorder) <= SEARCH_LIMIT:
        rows = row_only(outline)
        chosen = search_blocks(forest.roots, forest.kids, forest.preorder, sizes, rows, glued(outline, forest), aspect)
        return place_blocks(forest.roots, forest.kids, sizes, chosen, aspect, origin)
    if style == COMPACT:
        return compact_forest(
            forest.roots, forest.kids, forest.preorder, sizes, row_only(outline), aspect, origin, glued(outline, forest)
        )
    if style == LEFT_RIGHT:
        turned = {n: (h, w) for n, (w, h) in sizes.items()}
        placed = tidy_forest(forest.roots, forest.kids, forest.preorder, turned, (origin[1], origin[0]), family=family, level_gap=LR_GAP)
        # swap the axes back: the layout's rows become columns
        pos = {n: (y, x) for n, (x, y) in placed.pos.items()}
        return Placed(pos, [], [], [])
    return tidy_forest(forest.roots, forest.kids, forest.preorder, sizes, origin, family=family)


def row_only(outline: Outline) -> set[str]:
    """Statements whose children must stay in a row: questions (their positions)."""
    return {q for q in outline.answering if outline.statements[q].kind is StatementKind.QUESTION}


def glued(outline: Outline, forest: Forest) -> set[str]:
    """Tree children that must stay next to the child before them: the co-premises of
    one link, and the premises of undercuts right after the link they attack."""
    out: set[str] = set()
    into = outline.into
    for target in outline.into_many:
        mine = forest.kids.get(target)
        if not mine or len(mine) < 2:
            continue
        unit: dict[str, str] = {}
        for link in into[target]:
            stack = [link]
            while stack:
                current = stack.pop()
                for p in current.premises:
                    unit.setdefault(p, link.id)
                stack.extend(into.get(current.id, ()))
        for prev, kid in pairwise(mine):
            if prev in unit and unit.get(kid) == unit[prev]:
                out.add(kid)
    return out


def _layout_map(
    amap: ArgumentMap,
    size_of: SizeOf,
    only: Iterable[str] | None,
    keep: Iterable[str] | None,
    origin: tuple[float, float],
    style: str = CLASSIC,
    aspect: float = DEFAULT_ASPECT,
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
    if fixed:
        style = CLASSIC  # the row sweep that keeps cards clear of kept ones needs rows
    placed = _arrange(style, aspect, forest, outline, sizes, origin, full.parent)
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
    if obstacles and not placed.rows:
        pos = placed.pos  # moved clear as one block above
    elif obstacles:
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
