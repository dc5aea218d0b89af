"""A collapsed card shows how many cards it hides ("+7") and expands when that mark is
clicked with the mouse."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor

from tests.ui.window_support import (  # noqa: F401 - fixtures
    OFFSCREEN_NOISE,
    dialogs,
    isolated_env,
    make_window,
    open_copy,
)

pytestmark = OFFSCREEN_NOISE


def _position(amap, title):
    return next(s.id for s in amap.statements() if s.title == title)


def test_collapsed_card_counts_what_it_hides_and_a_click_expands_it(make_window, tmp_path, example_path, qtbot):
    w = make_window()
    w.resize(1400, 900)
    w.show()
    qtbot.waitExposed(w)
    w.files.open_path(str(open_copy(tmp_path, example_path)))
    qtbot.wait(100)  # the view shows the map just opened
    amap = w.document.map
    pos = _position(amap, "Deterrence need")
    hidden_statements = {i for i in amap.subtree(pos) if i != pos and amap.is_statement(i)}
    w.select([pos])
    w.commands.view_collapse()
    assert hidden_statements <= set(w.scene.hidden_ids())
    item = next(i for i in w.scene.statement_items() if i.sid == pos)
    assert w.scene.rs.collapsed == {pos: len(hidden_statements)}
    assert len(hidden_statements) == 13
    badge = item.collapse_badge_rect()
    assert badge is not None
    # the mark is drawn in the selection colour
    w.view.zoom_reset()
    w.view.centerOn(item.mapToScene(badge.center()))
    qtbot.wait(20)
    point = w.view.mapFromScene(item.mapToScene(badge.center()))
    edge = w.view.mapFromScene(item.mapToScene(QPointF(badge.center().x(), badge.top() + 2.5)))
    got = w.view.viewport().grab().toImage().pixelColor(edge)
    want = QColor(w.scene.rs.theme.selection)
    assert max(abs(got.red() - want.red()), abs(got.green() - want.green()), abs(got.blue() - want.blue())) < 48
    # a real click on it expands the card: nothing hidden, no mark, no edit
    count = w.document.undo_stack.count()
    qtbot.mouseClick(w.view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert not w.scene.hidden_ids()
    assert w.scene.rs.collapsed == {}
    assert item.collapse_badge_rect() is None
    assert w.document.undo_stack.count() == count


def test_a_click_elsewhere_on_a_collapsed_card_only_selects_it(make_window, tmp_path, example_path, qtbot):
    w = make_window()
    w.resize(1400, 900)
    w.show()
    qtbot.waitExposed(w)
    w.files.open_path(str(open_copy(tmp_path, example_path)))
    qtbot.wait(100)
    amap = w.document.map
    pos = _position(amap, "Humanitarian risk")
    w.select([pos])
    w.commands.view_collapse()
    item = next(i for i in w.scene.statement_items() if i.sid == pos)
    w.view.centerOn(item)
    qtbot.wait(20)
    w.scene.clearSelection()
    point = w.view.mapFromScene(item.mapToScene(QPointF(30, 30)))
    qtbot.mouseClick(w.view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert w.scene.hidden_ids()
    assert item.isSelected()
    # collapsing a card that hides nothing shows no mark
    leaf = next(s.id for s in amap.statements() if s.title == "Amnesty: harm long after war")
    w.commands.view_show_all()
    w.select([leaf])
    w.commands.view_collapse()
    assert leaf not in w.scene.rs.collapsed
