"""How far from the origin the canvas and every export draw a card.

A map file, an import or a paste can hold any finite position (1e18 passes a plain
"finite number" check). Every painter works on a scene whose cells, arrows, pages and
tiles grow with the map's extent, so an absurd position would make opening or exporting
run for minutes and take gigabytes. The scene therefore places a card at most
``SCENE_LIMIT`` scene pixels from the origin on each axis (the map keeps its value; the
file format's own range is checked when a file is read). ±1,000,000 pixels leaves room
for about 3,000 cards side by side in each direction.
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
