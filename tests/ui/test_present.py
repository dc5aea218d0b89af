"""Presentation mode: View > Present (F5) goes full screen and reveals the map step by
step; Right/PageDown/Space advance, Left/PageUp go back, Esc leaves and restores."""

from __future__ import annotations

from PySide6.QtCore import Qt

from argmap.export.slides import presentation_steps
from tests.ui.window_support import (  # noqa: F401 - fixtures
    OFFSCREEN_NOISE,
    dialogs,
    isolated_env,
    make_window,
    open_copy,
)

pytestmark = OFFSCREEN_NOISE


def _shown(w):
    return {s.id for s in w.document.map.statements()} - set(w.scene.hidden_ids())


def test_present_reveals_step_by_step_and_esc_restores(make_window, tmp_path, example_path, qtbot):
    w = make_window()
    w.resize(1200, 800)
    w.show()
    qtbot.waitExposed(w)
    w.files.open_path(str(open_copy(tmp_path, example_path)))
    steps = presentation_steps(w.document.map)
    w.actions_by_name["present"].trigger()
    assert w.presentation is not None and w.isFullScreen() and not w.menuBar().isVisible()
    statements = {s.id for s in w.document.map.statements()}
    assert _shown(w) == set(steps[0].shown) & statements
    port = w.view.viewport()
    qtbot.keyClick(port, Qt.Key.Key_Right)
    assert _shown(w) == set(steps[1].shown) & statements
    qtbot.keyClick(port, Qt.Key.Key_Space)
    qtbot.keyClick(port, Qt.Key.Key_PageDown)
    assert w.presentation.index == 3
    assert _shown(w) == set(steps[3].shown) & statements
    assert set(w.scene.highlighted_ids()) == set(steps[3].new)
    # the view shows the cards just revealed
    visible = w.view.mapToScene(port.rect()).boundingRect()
    for sid in steps[3].new:
        assert visible.contains(w.scene.card_rect_of(sid))
    qtbot.keyClick(port, Qt.Key.Key_Left)
    qtbot.keyClick(port, Qt.Key.Key_PageUp)
    assert w.presentation.index == 1
    qtbot.keyClick(port, Qt.Key.Key_End)
    assert _shown(w) == statements
    qtbot.keyClick(port, Qt.Key.Key_Right)  # past the end: stays
    assert w.presentation.index == len(steps) - 1
    count = w.document.undo_stack.count()
    qtbot.keyClick(port, Qt.Key.Key_Escape)
    assert w.presentation is None and not w.isFullScreen() and w.menuBar().isVisible()
    assert not w.scene.hidden_ids()
    assert w.document.undo_stack.count() == count  # presenting changes nothing


def test_present_keeps_collapsed_cards_after_leaving(make_window, tmp_path, example_path, qtbot):
    w = make_window()
    w.show()
    qtbot.waitExposed(w)
    w.files.open_path(str(open_copy(tmp_path, example_path)))
    pos = next(s.id for s in w.document.map.statements() if s.title == "Humanitarian risk")
    w.select([pos])
    w.commands.view_collapse()
    hidden = set(w.scene.hidden_ids())
    w.commands.view_present()
    qtbot.keyClick(w.view.viewport(), Qt.Key.Key_End)
    assert not w.scene.hidden_ids()  # a presentation shows everything by its end
    qtbot.keyClick(w.view.viewport(), Qt.Key.Key_Escape)
    assert set(w.scene.hidden_ids()) == hidden


def test_present_on_an_empty_map_says_so(make_window, qtbot):
    w = make_window()
    w.show()
    qtbot.waitExposed(w)
    w.files.file_new()
    w.commands.view_present()
    assert w.presentation is None and not w.isFullScreen()
    assert "Nothing to present" in w.statusBar().currentMessage()
