"""Auto-layout as one undoable edit."""

from __future__ import annotations

from collections.abc import Iterable

from argmap.layout.arrange import CLASSIC, COMPACT, DEFAULT_ASPECT, LEFT_RIGHT, layout_map
from argmap.layout.sizes import SizeOf
from argmap.model import ArgumentMap, MoveStatements, move
from argmap.util import plural


def auto_layout_edit(
    amap: ArgumentMap,
    only: Iterable[str] | None = None,
    size_of: SizeOf | None = None,
    style: str = CLASSIC,
    aspect: float = DEFAULT_ASPECT,
) -> MoveStatements:
    """One `MoveStatements` that lays out the whole map ("Auto-layout") or the
    statements among ``only`` ("Auto-layout 3 statements") in ``style`` (see
    `layout_map`); link ids are ignored."""
    if only is None:
        label = {CLASSIC: "Auto-layout", COMPACT: "Compact layout", LEFT_RIGHT: "Left-to-right layout"}.get(style, "Auto-layout")
        return move(amap, layout_map(amap, size_of=size_of, style=style, aspect=aspect), label)
    ids = sorted({i for i in only if amap.is_statement(i)})
    positions = layout_map(amap, size_of=size_of, only=ids, style=style, aspect=aspect)
    return move(amap, positions, f"Auto-layout {plural(len(ids), 'statement')}")
