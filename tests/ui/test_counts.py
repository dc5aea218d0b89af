"""`MapCounts` follows adds, removes, undo and a reset without recounting the map; the
status bar's zoom text."""

from __future__ import annotations

from argmap.formats import load_project
from argmap.model import RemoveItems
from argmap.ui import edit_ops
from argmap.ui.counts import MapCounts


def _true(amap) -> tuple[int, int]:
    n = len(amap.statements())
    return n, len(amap) - n


def test_counts_follow_edits_undo_and_reset(example_path):
    amap = load_project(example_path).map
    counts = MapCounts(amap)
    assert (counts.statements, counts.links) == _true(amap)
    edit, new = edit_ops.add_child(amap, amap.questions()[0].id)
    edit.apply(amap)
    child, _ = edit_ops.add_child(amap, new)
    child.apply(amap)
    assert (counts.statements, counts.links) == _true(amap)
    removal = RemoveItems.build(amap, [new])
    removal.apply(amap)
    assert (counts.statements, counts.links) == _true(amap)
    removal.revert(amap)
    child.revert(amap)
    assert (counts.statements, counts.links) == _true(amap)
    amap.reset_from(load_project(example_path).map)
    assert (counts.statements, counts.links) == _true(amap)
    before = counts.statements
    counts.detach()  # no longer follows the map
    edit_ops.add_statement(amap, edit_ops.StatementKind.CLAIM)[0].apply(amap)
    assert counts.statements == before == _true(amap)[0] - 1


def test_zoom_text_never_rounds_to_zero():
    from argmap.ui.counts import zoom_text

    assert [zoom_text(z) for z in (1.0, 0.13, 0.045, 0.0034)] == ["100%", "13%", "4.5%", "0.34%"]
