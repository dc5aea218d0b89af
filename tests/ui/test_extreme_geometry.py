"""Cards as far out as a map may hold them (±MAX_COORDINATE; the model refuses 1e18):
the canvas and every export place them within ±SCENE_LIMIT, so opening and exporting
stay small and quick instead of running for minutes."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QImage

from argmap.model import MAX_COORDINATE, ArgumentMap, Link, LinkKind, Statement, StatementKind
from argmap.ui.document import Document
from argmap.ui.render.export import ExportOptions, render_bytes
from argmap.ui.extent import SCENE_LIMIT, bounded_pos, out_of_range
from argmap.ui.canvas.scene import MapScene
from tests.export_maps import pdf_pages
from tests.ui.window_support import OFFSCREEN_NOISE, dialogs, isolated_env, make_window  # noqa: F401

pytestmark = OFFSCREEN_NOISE
FAR = MAX_COORDINATE
ABSURD = 1e18


def far_map() -> ArgumentMap:
    amap = ArgumentMap()
    amap.add_statement(Statement("q", StatementKind.QUESTION, "Near the origin?", pos=(0.0, 0.0)))
    amap.add_statement(Statement("p", StatementKind.POSITION, "Far right", answers="q", pos=(FAR, 5.0)))
    amap.add_statement(Statement("c", StatementKind.CLAIM, "Far up and left", pos=(-FAR, -FAR)))
    amap.add_statement(Statement("e", StatementKind.EVIDENCE, "Far down", pos=(3.0, FAR)))
    amap.add_link(Link("l1", LinkKind.SUPPORT, ("c",), "p"))
    amap.add_link(Link("l2", LinkKind.ATTACK, ("e",), "p"))
    return amap


def test_bounded_pos() -> None:
    assert bounded_pos((ABSURD, -ABSURD)) == (SCENE_LIMIT, -SCENE_LIMIT)
    assert bounded_pos((12.5, -3.0)) == (12.5, -3.0)
    assert bounded_pos((float("nan"), 1.0)) == (0.0, 1.0)
    assert out_of_range((ABSURD, 0.0)) and out_of_range((FAR, 2.0)) and not out_of_range((1.0, 2.0)) and not out_of_range(None)


def test_scene_is_bounded_and_the_map_keeps_its_values(qapp) -> None:
    amap = far_map()
    scene = MapScene(amap)
    rect = scene.content_rect()
    assert rect.width() < 2 * SCENE_LIMIT + 2000 and rect.height() < 2 * SCENE_LIMIT + 2000
    assert amap.statement("p").pos == (FAR, 5.0)  # only the drawing is clamped


@pytest.mark.parametrize(
    "fmt, options",
    [
        ("png", ExportOptions()),
        ("svg", ExportOptions(legend=True, sources=True)),
        ("pdf", ExportOptions()),
        ("pdf", ExportOptions(paper="a4")),
        ("pdf", ExportOptions(paper="a4", pages="tiles")),
    ],
)
def test_every_export_finishes_small(qapp, fmt, options) -> None:
    data = render_bytes(far_map(), fmt, options)
    assert len(data) < 5_000_000
    if fmt == "png":
        image = QImage()
        assert image.loadFromData(data, "PNG")
        assert image.width() * image.height() <= 32 * 2**20 and max(image.width(), image.height()) <= 30_000
    if fmt == "pdf":
        assert 1 <= len(pdf_pages(data)) <= 8  # shrunk to a few pages, not millions of readable ones


def test_window_opens_fits_and_moves_a_far_card(qtbot, make_window) -> None:
    doc = Document(far_map())
    w = make_window(doc)
    w.resize(1200, 800)
    w.actions_by_name["zoom_fit"].trigger()
    assert w.grab().width() > 0
    item = w.scene.item_for("q")
    assert item is not None
    # a far card dragged (its model position set) is drawn where it was put
    from argmap.model import change_statement

    doc.apply(change_statement(doc.map, "p", text="Far right", pos=(400.0, 300.0)))
    assert w.scene.item_for("p") is not None and w.scene.item_for("p").pos().x() == 400.0
