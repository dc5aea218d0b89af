"""Items exist only where the map is looked at: views, renders, hit tests and lookups
create them on demand; arrows crossing many grid cells (long cross-links) still draw
everywhere; fit shows no scroll bars; the opening view; citations keep their locator."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor

from argmap.model import ArgumentMap, Link, LinkKind, MapMeta, Source, Statement, StatementKind, move
from argmap.ui.canvas.arrow_layer import TILE, segment_keys, segment_level
from argmap.ui.canvas.card_layout import short_citation, wrap_card
from argmap.ui.canvas.link_item import LinkItem
from argmap.ui.canvas.statement_item import StatementItem
from argmap.ui.canvas.scene import MapScene
from argmap.ui.styles import get_theme
from tests.ui.canvas_support import shown_view
from tests.ui.test_items import make_small_map, render

K = StatementKind


def wide_map(columns: int = 60, rows: int = 4) -> ArgumentMap:
    """A grid of claims, each supporting the one above it, plus one attack from the far
    right bottom to the far left top (a cross-link spanning the whole map)."""
    statements = [
        Statement(f"c{i}_{j}", K.CLAIM, f"Claim {i} {j}", pos=(i * 320.0, j * 220.0)) for i in range(columns) for j in range(rows)
    ]
    links = [Link(f"l{i}_{j}", LinkKind.SUPPORT, (f"c{i}_{j + 1}",), f"c{i}_{j}") for i in range(columns) for j in range(rows - 1)]
    links.append(Link("far", LinkKind.ATTACK, (f"c{columns - 1}_{rows - 1}",), "c0_0"))
    return ArgumentMap.from_parts(MapMeta(), statements, links)


@pytest.fixture
def wide(qtbot):
    amap = wide_map()
    scene = MapScene(amap)
    yield amap, scene
    scene.detach()


def _cards(scene: MapScene) -> set[str]:
    return {i.sid for i in scene.items() if isinstance(i, StatementItem)}


def test_scene_creates_no_items_until_looked_at(wide):
    _amap, scene = wide
    assert _cards(scene) == set() and scene.card_count() == 240
    assert scene.content_rect().width() > 60 * 300  # known without items
    item = scene.item_for("c30_2")
    assert isinstance(item, StatementItem) and item.card_rect().topLeft() == QPointF(9600.0, 440.0)
    assert _cards(scene) == {"c30_2"}


def test_rendering_an_area_creates_only_its_items(wide):
    _amap, scene = wide
    area = QRectF(0, 0, 900, 800)
    image = render(scene, area)
    made = _cards(scene)
    assert {"c0_0", "c1_1", "c2_3"} <= made and "c40_0" not in made and len(made) < 60
    fill = QColor(get_theme("default").kinds[K.CLAIM].fill)
    assert image.pixelColor(100, 30) == fill  # c0_0 is painted


def test_hit_tests_and_selection_find_items_not_created_yet(wide):
    _amap, scene = wide
    card = scene.index.card_at(QPointF(50 * 320 + 100, 3 * 220 + 20))
    assert card is not None and card.sid == "c50_3"
    scene.select_ids(["c55_1", "l20_0"])
    assert scene.selected_ids() == ["c55_1", "l20_0"]
    assert isinstance(scene.item_for("l20_0"), LinkItem)


def test_a_view_creates_the_items_it_shows(wide, qtbot):
    _amap, scene = wide
    view = shown_view(qtbot, scene, 800, 600)
    view.zoom_reset()
    view.centerOn(QPointF(12000, 300))
    view.viewport().repaint()
    made = _cards(scene)
    assert "c37_1" in made and "c59_0" not in made and len(made) < 120


def test_long_lines_go_to_coarse_levels_and_touch_few_cells():
    assert segment_level(0, 0, 3 * TILE, 10) == 0
    assert segment_level(0, 0, 100 * TILE, 10) >= 2
    cells: set = set()
    segment_keys(100, 100, 3 * TILE - 100, 0.4 * TILE, 10, cells)
    assert cells == {(0, 0), (1, 0), (2, 0)}
    diagonal: set = set()
    segment_keys(100, 100, 20 * TILE - 100, 20 * TILE - 100, 10, diagonal)
    assert len(diagonal) < 3 * 20  # along the line, not its 400-cell bounding box


def test_a_cross_link_is_drawn_in_the_middle_of_its_span(wide):
    """The attack from the bottom right to the top left crosses cells that hold no card
    of its own: it must still be painted there (and be hit there)."""
    _amap, scene = wide
    far = scene.item_for("far")
    (x1, y1, _x2, _y2), = far.premise_lines()
    tx, ty = far.tip()
    mx, my = (x1 + tx) / 2, (y1 + ty) / 2
    area = QRectF(mx - 40, my - 40, 80, 80)
    image = render(scene, area)
    colour = QColor(get_theme("default").links[LinkKind.ATTACK].color)
    hits = [image.pixelColor(x, y) for x in range(80) for y in range(80)]
    assert any(abs(c.red() - colour.red()) + abs(c.green() - colour.green()) + abs(c.blue() - colour.blue()) < 90 for c in hits)
    assert scene.index.target_at(QPointF(mx, my)) is far


def test_moving_a_card_moves_its_arrows_in_the_grid(wide):
    amap, scene = wide
    before = render(scene, QRectF(0, 0, 700, 700))
    move(amap, {"c0_1": (30000.0, 2000.0)}).apply(amap)
    after = render(scene, QRectF(0, 0, 700, 700))
    assert before != after
    link = scene.item_for("l0_0")
    (x1, y1, _x, _y), = link.premise_lines()
    assert (x1, y1) == pytest.approx((30130.0, 2000.0))
    tx, ty = link.tip()
    assert scene.index.target_at(QPointF((x1 + tx) / 2, (y1 + ty) / 2)) is link  # found midway


def test_content_rect_follows_edits_without_full_rescans(wide):
    amap, scene = wide
    rect = scene.content_rect()
    move(amap, {"c10_1": (rect.right() + 1000, 300.0)}).apply(amap)
    assert scene.content_rect().right() >= rect.right() + 1000 + 260
    move(amap, {"c10_1": (3200.0, 220.0)}).apply(amap)
    assert scene.content_rect() == rect


def test_fit_shows_everything_without_scroll_bars(qtbot, qapp):
    scene = MapScene(make_small_map())
    view = shown_view(qtbot, scene, 900, 700)
    view.zoom_reset()
    assert view.horizontalScrollBar().isVisible()  # at 100% the map is wider than the view
    view.zoom_fit()
    qapp.processEvents()  # scroll bars come and go with the next layout
    assert not view.horizontalScrollBar().isVisible() and not view.verticalScrollBar().isVisible()
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    assert visible.contains(scene.content_rect())
    view.zoom_reset()
    qapp.processEvents()
    assert view.horizontalScrollBar().isVisible()
    scene.detach()


def test_show_initial_fits_readable_maps_else_shows_the_question_at_100(qtbot, qapp):
    scene = MapScene(make_small_map())
    view = shown_view(qtbot, scene, 1200, 900)
    view.show_initial()
    qapp.processEvents()
    assert 0.5 <= view.zoom() <= 1.0
    assert view.mapToScene(view.viewport().rect()).boundingRect().contains(scene.content_rect())
    amap = wide_map()
    amap.add_statement(Statement("q", K.QUESTION, "Which?", pos=(12000.0, -300.0)))
    big = MapScene(amap)
    view.setScene(big)
    view.show_initial()
    qapp.processEvents()
    assert view.zoom() == pytest.approx(1.0)
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    question = big.card_rect_of("q")
    assert abs(visible.center().x() - question.center().x()) < 2
    assert visible.top() < question.top() < visible.top() + 100  # near the top edge
    scene.detach()
    big.detach()


def test_citation_keeps_the_locator_and_drops_file_paths(qapp):
    long_title = "Poland and Baltic States Withdraw from Landmine Ban Amid Rising Russian Threat"
    s = Statement(
        "e", K.EVIDENCE, "Text.", source=Source(citation=f"{long_title} (seeds/ottawa-convention-withdrawal.txt)", locator="para. 6")
    )
    wrap = wrap_card(s)
    assert wrap.cite.endswith(", para. 6") and "seeds/" not in wrap.cite and wrap.cite_lines <= 2
    assert "\u2026" in wrap.cite  # the title was shortened, not the locator
    assert short_citation("Report (C:\\docs\\r.pdf)") == "Report"
    assert short_citation("Smith (2019)") == "Smith (2019)"
    short = wrap_card(Statement("f", K.EVIDENCE, "T.", source=Source(citation="Report 4", locator="p. 2")))
    assert short.cite == "\u2014 Report 4, p. 2"


def test_busy_arrow_tiles_are_cached_on_screen_but_exported_as_vectors(qtbot, tmp_path):
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QPainter
    from PySide6.QtSvg import QSvgGenerator

    from argmap.ui.canvas.arrow_layer import CACHE_FROM

    n = CACHE_FROM + 10
    statements = [Statement(f"a{i}", K.CLAIM, f"Left {i}", pos=(0.0, i * 18.0)) for i in range(n)]
    statements += [Statement(f"b{i}", K.CLAIM, f"Right {i}", pos=(6000.0, i * 18.0)) for i in range(n)]
    links = [Link(f"l{i}", LinkKind.ATTACK, (f"b{i}",), f"a{i}") for i in range(n)]
    scene = MapScene(ArgumentMap.from_parts(MapMeta(), statements, links))
    view = shown_view(qtbot, scene, 800, 600)
    view.zoom_reset()
    view.centerOn(QPointF(3000, 500))
    view.viewport().repaint()
    busy = [t for t in scene.index.tiles.values() if t.cacheMode() != t.CacheMode.NoCache]
    assert busy
    generator = QSvgGenerator()
    generator.setFileName(str(tmp_path / "busy.svg"))
    generator.setSize(QSize(800, 600))
    painter = QPainter(generator)
    scene.render(painter, QRectF(0, 0, 800, 600), QRectF(2600, 200, 800, 600))
    painter.end()
    svg = (tmp_path / "busy.svg").read_text()
    assert "<image" not in svg and svg.count("<polyline") + svg.count("<path") >= n // 2
    assert all(t.cacheMode() != t.CacheMode.NoCache for t in busy)  # back to cached
    scene.detach()


def test_selected_and_highlighted_arrows_are_drawn_by_their_tiles(qtbot):
    scene = MapScene(make_small_map())
    link = scene.item_for("l4")  # the rebuttal r attacks p: a dashed arrow
    (x1, y1, _x, _y), = link.premise_lines()
    tx, ty = link.tip()
    mid = QRectF((x1 + tx) / 2 - 30, (y1 + ty) / 2 - 30, 60, 60)

    def colours() -> set[tuple[int, int, int]]:
        image = render(scene, mid)
        return {(c.red(), c.green(), c.blue()) for c in (image.pixelColor(x, y) for x in range(60) for y in range(60))}

    def near(colour: str, found: set) -> bool:
        q = QColor(colour)
        return any(abs(r - q.red()) + abs(g - q.green()) + abs(b - q.blue()) < 40 for r, g, b in found)

    theme = scene.theme
    plain = colours()
    assert near(theme.links[LinkKind.ATTACK].color, plain) and not near(theme.selection, plain)
    scene.select_ids(["l4"])
    assert near(theme.selection, colours())
    scene.set_export_mode(True)
    assert not near(theme.selection, colours())
    scene.set_export_mode(False)
    scene.select_ids([])
    scene.set_highlighted({"l4"})
    assert near(theme.highlight, colours())
    scene.detach()


def _has_colour(image, colour: str, tol: int = 90) -> bool:
    q = QColor(colour)
    for x in range(0, image.width()):
        for y in range(0, image.height()):
            c = image.pixelColor(x, y)
            if abs(c.red() - q.red()) + abs(c.green() - q.green()) + abs(c.blue() - q.blue()) < tol:
                return True
    return False


def test_a_large_render_draws_the_arrows_with_one_sheet(qtbot):
    """Rendering an area of many cells (an export of a big map) makes the cards but no
    arrow tiles: one sheet draws every arrow, the long cross-link included."""
    scene = MapScene(wide_map(columns=250, rows=2))
    far = scene.item_for("far")
    (x1, y1, _x2, _y2), = far.premise_lines()
    tx, ty = far.tip()
    content = scene.content_rect()
    image = render(scene, content, scale=0.05)
    assert not scene.index.tiles and scene.index.arrow_sheet is not None
    assert len(_cards(scene)) == 500
    mx, my = (x1 + tx) / 2, (y1 + ty) / 2  # the middle of the cross-link, far from any card
    spot = image.copy(int((mx - content.left()) * 0.05) - 3, int((my - content.top()) * 0.05) - 3, 7, 7)
    assert _has_colour(spot, get_theme("default").links[LinkKind.ATTACK].color, tol=200)
    assert not scene.rs.sheet  # back to tiles for the next paint
    scene.detach()


def test_a_small_map_zoomed_far_out_paints_arrows_with_the_sheet(wide, qtbot):
    _amap, scene = wide
    view = shown_view(qtbot, scene, 900, 400)
    view.zoom_fit()
    assert not view.uses_overview() and view.zoom() < 0.1
    image = view.grab().toImage()
    assert _has_colour(image, get_theme("default").links[LinkKind.ATTACK].color, tol=60)  # a hairline
    view.zoom_reset()
    view.centerOn(QPointF(600, 300))
    view.viewport().repaint()
    assert scene.index.tiles  # near: tiles again
