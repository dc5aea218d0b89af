"""Paged output planned as pure geometry (no Qt): the scales tried for a picture on a
page (the ladder), the choice of orientation, scale and page count, the smallest scale
a document may use, and which positions get pages of their own. Sizes are (width,
height) in picture units or points; rectangles are (x, y, width, height)."""

from __future__ import annotations

from argmap.export.tile_plan import Rect, plan_tiles, prepare
from argmap.model import ArgumentMap, Statement, StatementKind
from argmap.model.style import BODY_PX

PT_PER_UNIT = 0.75  # one scene pixel is 1/96 inch: 0.75 pt at 100 %
MIN_READABLE_PT = 6.0 / BODY_PX  # card text of at least 6 pt
MAX_PDF_POINTS = 14_400.0  # the largest page size PDF readers accept (200 inches)
MAX_PAGES = 64  # more pages than this and the map is shrunk (it stays vector: zoom in)
PAGE_MARGIN_MM = 10.0
OVERLAP_MM = 12.0
HEADER_PT = 16.0
LADDER = 0.92  # scales tried for a tiled part: 100 %, 92 %, 85 %, ... down to the fit
EXTRA_SCALE = 0.9  # a legend or footer may shrink a page's map this much, no more

Rung = tuple[float, int]  # (points per picture unit, pages)
Plans = dict[bool, list[Rung]]  # landscape -> rungs, biggest scale first


def ladder_scales(size: tuple[float, float], area: tuple[float, float], overlap_pt: float, cards: list[Rect]) -> list[Rung]:
    """(scale, pages) from 100 % down to the scale that fits a picture of ``size`` on one
    page of ``area``: steps of ``LADDER``, the readable minimum, and the scales where the
    picture just fills a whole number of pages across or down. ``cards`` are what page
    cuts should not go through. Pages are counted before nearly empty ones are left out."""
    (w, h), (aw, ah) = size, area
    fit = min(aw / w, ah / h, PT_PER_UNIT)
    scales = {PT_PER_UNIT * LADDER**k for k in range(64) if PT_PER_UNIT * LADDER**k > fit}
    scales.add(MIN_READABLE_PT)
    for k in range(2, 9):
        for a, length in ((aw, w), (ah, h)):
            scales.update((a * k / length * 0.999, (a * k - (k - 1) * overlap_pt) / length * 0.999))
    bounds = (0.0, 0.0, w, h)
    prepared = prepare(cards, bounds)
    out: list[Rung] = []
    for scale in sorted((x for x in scales if fit * 1.0001 < x <= PT_PER_UNIT), reverse=True):
        tiles = plan_tiles(cards, bounds, aw / scale, ah / scale, overlap_pt / scale, drop=False, prepared=prepared)
        out.append((scale, len(tiles)))
    out.append((fit, 1))
    return out


def choose(plans: Plans, min_pt: float) -> tuple[bool, float, int]:
    """(landscape, scale, pages): the fewest pages at a scale of at least ``min_pt``
    (else the fit on one page), then the biggest scale."""
    best: tuple[int, float, bool] | None = None
    for landscape, rungs in plans.items():
        allowed = [r for r in rungs if r[0] >= min_pt * 0.999] or [rungs[-1]]
        fewest = min(n for _, n in allowed)
        scale = max(s for s, n in allowed if n == fewest)
        if best is None or (fewest, -scale) < (best[0], -best[1]):
            best = (fewest, scale, landscape)
    assert best is not None
    return best[2], best[1], best[0]


def min_scale(plans: list[Plans]) -> float:
    """The smallest scale a tiled part may use: readable, unless that needs more than
    ``MAX_PAGES`` pages in all (then smaller, down to one page per part)."""
    min_pt = MIN_READABLE_PT
    floor = min(rungs[-1][0] for p in plans for rungs in p.values())
    while sum(choose(p, min_pt)[2] for p in plans) > MAX_PAGES and min_pt > floor:
        min_pt *= LADDER
    return min_pt


def position_picks(amap: ArgumentMap) -> list[tuple[Statement, Statement | None]]:
    """The positions that get pages of their own, each with the question it answers
    (None for a position answering none), in question order, each position once."""
    picks: list[tuple[Statement, Statement | None]] = []
    seen: set[str] = set()
    for q in amap.questions():
        for p in amap.positions(q.id):
            if p.id not in seen:
                seen.add(p.id)
                picks.append((p, q))
    for s in amap.statements():
        if s.kind is StatementKind.POSITION and s.id not in seen:
            picks.append((s, None))
    return picks
