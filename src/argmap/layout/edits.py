"""Auto-layout as one undoable edit."""

from __future__ import annotations

from collections.abc import Iterable

from argmap.layout.arrange import layout_map
from argmap.layout.sizes import SizeOf
from argmap.model import ArgumentMap, MoveStatements, move
from argmap.util import plural


def auto_layout_edit(
    amap: ArgumentMap, only: Iterable[str] | None = None, size_of: SizeOf | None = None
) -> MoveStatements:
    """One `MoveStatements` that lays out the whole map ("Auto-layout") or the
    statements among ``only`` ("Auto-layout 3 statements"); link ids are ignored."""
    if only is None:
        return move(amap, layout_map(amap, size_of=size_of), "Auto-layout")
    ids = sorted({i for i in only if amap.is_statement(i)})
    return move(amap, layout_map(amap, size_of=size_of, only=ids), f"Auto-layout {plural(len(ids), 'statement')}")
