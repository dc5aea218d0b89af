"""Deterministic layout of argument maps (no Qt): whole maps, selections, and statements
that have no position yet; compact (aspect-aware), classic top-down and left-right."""

from argmap.layout.arrange import (
    CLASSIC,
    COMPACT,
    DEFAULT_ASPECT,
    LEFT_RIGHT,
    STYLES,
    Positions,
    layout_map,
    layout_missing,
)
from argmap.layout.placed import with_layout
from argmap.layout.sizes import CARD_WIDTH, SizeOf, estimate_card_size
from argmap.layout.tidy import H_GAP, TREE_GAP, V_GAP

__all__ = [
    "CARD_WIDTH",
    "CLASSIC",
    "COMPACT",
    "DEFAULT_ASPECT",
    "LEFT_RIGHT",
    "STYLES",
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
