"""How far from the origin the canvas and every export draw a card.

The model refuses positions beyond ±``MAX_COORDINATE`` (1e8, in files, imports and
edits alike). Painters need a tighter bound: every one works on a scene whose cells,
arrows, pages and tiles grow with the map's extent, and a map spanning ±1e8 pixels
still makes paged PDF planning take tens of gigabytes. So the scene places a card at
most ``SCENE_LIMIT`` scene pixels from the origin on each axis (the map keeps its
value). ±1,000,000 pixels leaves room for about 3,000 cards side by side each way; a
map laid out by argmap stays far inside it.
"""

from __future__ import annotations

import math

SCENE_LIMIT = 1_000_000.0


def bounded_pos(pos: tuple[float, float]) -> tuple[float, float]:
    """``pos`` with each coordinate clamped to ±SCENE_LIMIT (NaN, which no valid map
    holds, counts as 0)."""
    x, y = pos
    return (_bounded(x), _bounded(y))


def out_of_range(pos: tuple[float, float] | None) -> bool:
    return pos is not None and bounded_pos(pos) != (float(pos[0]), float(pos[1]))


def _bounded(v: float) -> float:
    v = float(v)
    if math.isnan(v):
        return 0.0
    return max(-SCENE_LIMIT, min(SCENE_LIMIT, v))
