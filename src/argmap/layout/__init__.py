"""Deterministic top-down layered layout of argument maps (no Qt): whole maps,
selections, and statements that have no position yet."""

from argmap.layout.arrange import Positions, layout_map, layout_missing
from argmap.layout.placed import with_layout
from argmap.layout.sizes import CARD_WIDTH, SizeOf, estimate_card_size
from argmap.layout.tidy import H_GAP, TREE_GAP, V_GAP

__all__ = [
    "CARD_WIDTH",
    "H_GAP",
    "Positions",
    "SizeOf",
    "TREE_GAP",
    "V_GAP",
    "estimate_card_size",
    "layout_map",
    "layout_missing",
    "with_layout",
]
