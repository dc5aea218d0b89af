"""A map whose every statement has a position (for files written without a canvas)."""

from __future__ import annotations

from argmap.layout.arrange import layout_missing
from argmap.model import ArgumentMap
from argmap.model.types import replace
from argmap.util import gc_paused


def with_layout(amap: ArgumentMap) -> ArgumentMap:
    """``amap`` if every statement has a position, else a new map in which the ones
    without are placed by ``layout_missing`` (placed statements stay where they are)."""
    if all(s.pos is not None for s in amap.statements()):
        return amap
    positions = layout_missing(amap)
    # Copying every placed statement and rebuilding the map allocates much and frees
    # little: no collector passes over the large map meanwhile.
    with gc_paused():
        statements = [
            replace(s, pos=(float(positions[s.id][0]), float(positions[s.id][1])))
            if s.pos is None and s.id in positions
            else s
            for s in amap.statements()
        ]
        return ArgumentMap.from_parts(amap.meta, statements, amap.links())
