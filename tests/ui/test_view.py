"""MapView and scene gestures with real mouse and key events on the viewport: drag to
connect, drag to move, in-place editing, context menu, zoom, level of detail, navigation."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from argmap.model import LinkKind, Statement, StatementKind, connect, move
from argmap.ui.canvas.scene import MapScene
from argmap.ui.canvas.view import MapView
from tests.ui.canvas_support import shown_view
from tests.ui.test_items import make_small_map


@pytest.fixture
def canvas_view(qtbot):
    amap = make_small_map()
    scene = MapScene(amap)
    view = shown_view(qtbot, scene, 1400, 1000)
    view.zoom_reset()
    view.centerOn(scene.content_rect().center())
    yield amap, scene, view
    scene.detach()


def _vp(view: MapView, scene_point: QPointF) -> QPoint:
    return view.mapFromScene(scene_point)


def _drag(view: MapView, start: QPoint, end: QPoint, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    vp = view.viewport()
    QTest.mousePress(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    steps = 6
    for i in range(1, steps + 1):
        p = start + (end - start) * (i / steps)
        QTest.mouseMove(vp, p)
    QTest.mouseRelease(vp, Qt.MouseButton.LeftButton, modifiers, end)


def test_drag_from_handle_to_card_connects_once(canvas_view):
    amap, scene, view = canvas_view
    got = []
    scene.connectRequested.connect(lambda premises, target, kind: got.append((premises, target, kind)))
    source = scene.item_for("r")
    start = _vp(view, source.mapToScene(source.handle_rect().center()))
    end = _vp(view, scene.item_for("e").card_rect().center())
    _drag(view, start, end, Qt.KeyboardModifier.ShiftModifier)
    assert got == [(["r"], "e", "attack")]
    before = len(amap.links())
    premises, target, kind = got[0]
    connect(amap, premises, target, kind).apply(amap)
    assert len(amap.links()) == before + 1
    new = [link for link in amap.links() if link.target == "e"]
    assert len(new) == 1 and new[0].kind is LinkKind.ATTACK
    item = scene.item_for(new[0].id)
    assert item is not None and item.valid and item.isVisible()
    assert source.pos() == QPointF(1100.0, 200.0)  # the handle drag did not move the card


def test_drop_on_card_with_menu_choice(canvas_view, monkeypatch):
    _amap, scene, view = canvas_view
    asked = []
    monkeypatch.setattr(scene, "choose_connection", lambda options, pos: asked.append([k for k, _ in options]) or "support")
    got = []
    scene.connectRequested.connect(lambda *args: got.append(args))
    source = scene.item_for("a")
    _drag(view, _vp(view, source.mapToScene(source.handle_rect().center())), _vp(view, scene.item_for("q").card_rect().center()))
    assert asked == [["support", "attack"]]
    assert got == [(["a"], "q", "support")]


def test_drop_on_arrow_undercuts_or_adds_premise(canvas_view, monkeypatch):
    _amap, scene, view = canvas_view
    got, premises = [], []
    scene.connectRequested.connect(lambda *args: got.append(args))
    scene.addPremiseRequested.connect(lambda *args: premises.append(args))
    source = scene.item_for("r")
    handle = _vp(view, source.mapToScene(source.handle_rect().center()))
    (x1, y1, _x, _y), = scene.item_for("l2").premise_lines()
    tx, ty = scene.item_for("l2").tip()
    mid = _vp(view, QPointF(x1 + (tx - x1) * 0.8, y1 + (ty - y1) * 0.8))  # clear of the undercut
    _drag(view, handle, mid, Qt.KeyboardModifier.ShiftModifier)
    assert got == [(["r"], "l2", "attack")]
    monkeypatch.setattr(scene, "choose_connection", lambda options, pos: "premise")
    _drag(view, handle, mid)
    assert premises == [("r", "l2")]


def test_drop_on_empty_canvas_does_nothing(canvas_view):
    _amap, scene, view = canvas_view
    got = []
    scene.connectRequested.connect(lambda *args: got.append(args))
    source = scene.item_for("a")
    start = _vp(view, source.mapToScene(source.handle_rect().center()))
    _drag(view, start, start + QPoint(0, 150), Qt.KeyboardModifier.ControlModifier)
    assert got == [] and scene.rs.drop_target is None


def test_drag_move_emits_one_request_with_all_selected(canvas_view):
    amap, scene, view = canvas_view
    moves = []
    scene.moveRequested.connect(moves.append)
    scene.select_ids(["a", "b"])
    a = scene.item_for("a")
    start = _vp(view, a.card_rect().center())
    _drag(view, start, start + QPoint(40, 60))
    assert len(moves) == 1
    assert set(moves[0]) == {"a", "b"}
    assert moves[0]["a"] == pytest.approx((140.0, 520.0))
    assert moves[0]["b"] == pytest.approx((460.0, 520.0))
    # not applied by anyone: the cards show the model's positions again
    assert a.pos() == QPointF(100.0, 460.0)
    move(amap, moves[0]).apply(amap)
    assert a.pos() == QPointF(140.0, 520.0)
    line = scene.item_for("l1").premise_lines()[0]
    assert (line[0], line[1]) == pytest.approx((a.card_rect().center().x(), a.card_rect().top()))


def test_arrows_follow_a_card_while_it_is_dragged(canvas_view):
    _amap, scene, view = canvas_view
    card, link, undercut = scene.item_for("e"), scene.item_for("l2"), scene.item_for("l3")
    start = _vp(view, card.card_rect().center())
    vp = view.viewport()
    QTest.mousePress(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for i in range(1, 5):
        QTest.mouseMove(vp, start + QPoint(-40 * i, 50 * i))
    assert card.pos() == QPointF(760.0 - 160, 460.0 + 200)  # mid-drag, not released
    (x1, y1, _x, _y), = link.premise_lines()
    assert (x1, y1) == pytest.approx((card.card_rect().center().x(), card.card_rect().top()))
    ax, ay = link.anchor()
    ux, uy = undercut.tip()
    assert abs(ux - ax) < 2 and abs(uy - ay) < 2  # the undercut followed its arrow
    QTest.mouseRelease(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start + QPoint(-160, 200))


def test_hover_shows_the_handle(canvas_view):
    _amap, scene, view = canvas_view
    card = scene.item_for("a")
    QTest.mouseMove(view.viewport(), _vp(view, card.card_rect().center()))
    assert card._hover
    QTest.mouseMove(view.viewport(), _vp(view, card.card_rect().topLeft() + QPointF(-80, -80)))
    assert not card._hover


def test_click_without_moving_requests_no_move(canvas_view):
    _amap, scene, view = canvas_view
    moves = []
    scene.moveRequested.connect(moves.append)
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, _vp(view, scene.item_for("a").card_rect().center()))
    assert moves == [] and scene.selected_ids() == ["a"]
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ControlModifier, _vp(view, scene.item_for("b").card_rect().center()))
    assert scene.selected_ids() == ["a", "b"]


def test_rubber_band_selects(canvas_view):
    _amap, scene, view = canvas_view
    a, b = scene.item_for("a").card_rect(), scene.item_for("b").card_rect()
    start = _vp(view, a.topLeft() + QPointF(-30, -30))
    end = _vp(view, b.bottomRight() + QPointF(30, 30))
    _drag(view, start, end)
    assert set(scene.selected_ids()) >= {"a", "b"}
    assert "q" not in scene.selected_ids()


def test_in_place_editing_commits_and_cancels(canvas_view):
    _amap, scene, view = canvas_view
    edits = []
    scene.textEditCommitted.connect(lambda sid, text: edits.append((sid, text)))
    QTest.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, _vp(view, scene.item_for("a").card_rect().center()))
    assert scene.editing_id() == "a"
    QTest.keyClicks(view.viewport(), "Two")
    QTest.keyClick(view.viewport(), Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    QTest.keyClicks(view.viewport(), "lines")
    QTest.keyClick(view.viewport(), Qt.Key.Key_Return)
    assert edits == [("a", "Two\nlines")]
    assert scene.editing_id() is None and scene.editor() is None
    scene.select_ids(["b"])
    QTest.keyClick(view.viewport(), Qt.Key.Key_F2)
    assert scene.editing_id() == "b"
    QTest.keyClicks(view.viewport(), "changed")
    QTest.keyClick(view.viewport(), Qt.Key.Key_Escape)
    assert scene.editing_id() is None and edits == [("a", "Two\nlines")]


def test_context_menu_request(canvas_view):
    _amap, scene, view = canvas_view
    got = []
    scene.contextMenuRequested.connect(lambda id_, pos: got.append((id_, pos)))

    def right_click(point: QPointF) -> None:
        view.centerOn(point)
        at = _vp(view, point)
        event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, at, view.viewport().mapToGlobal(at))
        QApplication.sendEvent(view.viewport(), event)

    right_click(scene.item_for("e").card_rect().center())
    assert got[-1] == ("e", view.viewport().mapToGlobal(_vp(view, scene.item_for("e").card_rect().center())))
    assert scene.selected_ids() == ["e"]  # the clicked card becomes the selection
    right_click(QPointF(-2000, -2000))
    assert got[-1][0] is None and len(got) == 2


def test_zoom_controls(canvas_view):
    _amap, scene, view = canvas_view
    zooms = []
    view.zoomChanged.connect(zooms.append)
    view.zoom_in()
    assert view.zoom() == pytest.approx(1.2)
    view.zoom_out()
    view.zoom_out()
    assert view.zoom() == pytest.approx(1 / 1.2)
    view.zoom_reset()
    assert view.zoom() == pytest.approx(1.0)
    view.zoom_fit()
    assert view.zoom() < 1.0
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    assert visible.contains(scene.content_rect())
    QTest.keyClick(view.viewport(), Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom() == pytest.approx(1.0)
    assert len(zooms) >= 5


def test_level_of_detail_uses_overview_for_big_maps_when_zoomed_out(qtbot):
    from argmap.model import ArgumentMap, MapMeta

    statements = [Statement(f"s{i}", StatementKind.CLAIM, f"Claim {i}", pos=(float(i % 40) * 300, float(i // 40) * 200)) for i in range(1200)]
    amap = ArgumentMap.from_parts(MapMeta(), statements, [])
    scene = MapScene(amap)
    view = shown_view(qtbot, scene, 800, 600)
    view.zoom_reset()
    assert not view.uses_overview()
    view.zoom_fit()
    assert view.zoom() < 0.1 and view.uses_overview()
    view.viewport().repaint()
    image, rect = scene.overview(view.zoom())
    assert rect == scene.content_rect() and image.width() >= int(rect.width() * view.zoom())
    assert scene.overview(view.zoom())[0] is image  # cached
    move(amap, {"s0": (-600.0, -600.0)}).apply(amap)
    assert scene.overview(view.zoom())[0] is not image  # rebuilt after a change
    scene.detach()


def test_small_maps_paint_items_at_every_zoom(canvas_view):
    _amap, _scene, view = canvas_view
    view.set_zoom(0.05)
    assert not view.uses_overview()


def test_navigate_follows_arrows(canvas_view):
    _amap, scene, view = canvas_view
    assert view.navigate("up") == "q"  # nothing selected: start at the question
    assert view.navigate("down") == "p"
    assert view.navigate("up") == "q"
    scene.select_ids(["p"])
    assert view.navigate("down") == "a"
    assert view.navigate("right") == "b"
    assert view.navigate("right") == "e"
    assert view.navigate("left") == "b"
    scene.select_ids(["u"])
    assert view.navigate("up") == "p"  # an undercut argues about the inference into p
    QTest.keyClick(view.viewport(), Qt.Key.Key_Down)
    assert scene.selected_ids() == ["a"]
    with pytest.raises(ValueError):
        view.navigate("sideways")
