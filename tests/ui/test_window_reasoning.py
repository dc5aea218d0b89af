"""Reasoning in the main window: the Evaluation and Checks docks follow the document and
the selection, View > Show Labels badges the cards, labels follow edits, what-ifs stay
out of the document."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter

from argmap.model import LinkKind, StatementKind, change_statement
from argmap.ui import edit_ops
from argmap.ui.document import Document
from argmap.ui.help import shortcut_rows
from argmap.ui.panels.checks import DEBOUNCE_MS as CHECKS_DEBOUNCE_MS
from argmap.ui.panels.checks import dock_is_showing
from argmap.ui.styles import get_theme
from tests.ui.window_support import OFFSCREEN_NOISE, dialogs, isolated_env, make_window, open_copy  # noqa: F401

pytestmark = OFFSCREEN_NOISE

#: In the example: defeated when weighed (grounded: IN but unsupported, its one reason
#: is OUT), and OUT (attacked) in both. The checks follow the weighed verdict.
UNSUPPORTED_IN = "p-limited-capacity"
DEFEATED = "p-deterrence"
UNSUPPORTED_BADGE = "IN \u00b7 unsupported"


def _open(make_window, tmp_path, example_path):
    w = make_window()
    assert w.files.open_path(str(open_copy(tmp_path, example_path)))
    _wait_for_first_labels(w)
    return w


def _wait_for_first_labels(w) -> None:
    """A map just opened is labelled and checked once it has been painted."""
    from pytestqt.qtbot import QtBot

    assert w.evaluation.is_pending() and w.checks.is_pending()  # nothing before the first paint
    QtBot(w).waitUntil(lambda: not w.evaluation.is_pending() and not w.checks.is_pending(), timeout=3000)


def _badge(w, id_: str) -> str | None:
    item = w.scene.item_for(id_)
    assert item is not None
    return item.rs.badges.get(item.sid)


def _render(w, id_: str) -> QImage:
    rect = QRectF(w.scene.item_for(id_).sceneBoundingRect().toAlignedRect())
    image = QImage(int(rect.width()), int(rect.height()), QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor("white"))
    painter = QPainter(image)
    w.scene.render(painter, QRectF(image.rect()), rect)
    painter.end()
    return image


def _row_for(tree, id_: str):
    for i in range(tree.topLevelItemCount()):
        row = tree.topLevelItem(i)
        if row.data(0, Qt.ItemDataRole.UserRole) == id_:
            return row
    raise AssertionError(f"no finding for {id_}")


def test_docks_exist_and_follow_the_document(make_window, tmp_path, example_path):
    w = make_window()
    assert w.evaluation.objectName() == "evaluationDock" and w.checks.objectName() == "checksDock"
    assert w.evaluation in w.tabifiedDockWidgets(w.inspector_dock)
    assert w.dockWidgetArea(w.checks) is Qt.DockWidgetArea.BottomDockWidgetArea
    panels = next(a.menu() for a in w.menus["View"].actions() if a.menu() is not None and "Panels" in a.text())
    assert {w.evaluation.toggleViewAction(), w.checks.toggleViewAction()} <= set(panels.actions())
    assert w.evaluation.document is None and w.checks.findings() == []
    assert not w.actions_by_name["show_labels"].isEnabled()

    assert w.files.open_path(str(open_copy(tmp_path, example_path)))
    assert w.evaluation.document is w.document
    _wait_for_first_labels(w)
    assert w.evaluation.badges()[DEFEATED] == "OUT"
    # The checks use the verdict the badge shows (weighed): defeated, not "unsupported".
    assert w.evaluation.badges()[UNSUPPORTED_IN] == "OUT"
    assert "position-unsupported" not in {f.code for f in w.checks.findings()}

    w.actions_by_name["close"].trigger()
    assert w.document is None and w.evaluation.document is None and w.checks.findings() == []
    assert w.evaluation.title_label.text() == "No map open."

    other = Document.new()
    w.set_document(other)  # switching documents: the panels follow the new one
    assert w.evaluation.document is other and w.evaluation.badges() == {}
    assert w.checks.summary_label.text() == "Checking\u2026"
    _wait_for_first_labels(w)
    assert w.checks.summary_label.text().startswith("No findings")


def test_selecting_a_card_explains_it(make_window, tmp_path, example_path, qtbot):
    w = _open(make_window, tmp_path, example_path)
    assert not dock_is_showing(w.evaluation)  # behind the Inspector's tab
    w.select([DEFEATED])
    assert "Deterrence need" not in w.evaluation.title_label.text()  # nobody sees it: not written yet
    w.evaluation.raise_()
    assert dock_is_showing(w.evaluation)
    assert w.evaluation.title_label.text() == "Deterrence need \u2014 defeated"
    assert "'Deterrence by other means' defeats 'Deterrence need'" in w.evaluation.explanation_label.text()
    assert w.evaluation.takes_label.text() == "Working\u2026"  # searched from the event loop
    qtbot.waitUntil(lambda: "would stand if" in w.evaluation.takes_label.text())
    w.select([])
    assert w.evaluation.title_label.text() == "Whole map"
    # the outline's selection is explained too
    w._on_outline_selection([UNSUPPORTED_IN])
    assert w.evaluation.title_label.text().endswith("\u2014 defeated")
    text = w.evaluation.explanation_label.text()
    assert "unsupported" not in text and "Its only reason does not hold either" in text  # the verdict's words
    w.evaluation.set_semantics("grounded")
    assert w.evaluation.title_label.text().endswith("\u2014 stands, unsupported")
    assert "so it stands, unsupported" in w.evaluation.explanation_label.text()


def test_show_labels_toggles_badges_as_view_state(make_window, tmp_path, example_path, dialogs):
    w = _open(make_window, tmp_path, example_path)
    action = w.actions_by_name["show_labels"]
    assert action.isCheckable() and not action.isChecked() and action.isEnabled()
    assert action.shortcut().toString() == "Ctrl+B"
    assert ("View", "Show Labels", "Ctrl+B") in shortcut_rows(w.menus)
    w.select([])
    plain = _render(w, DEFEATED)
    assert _badge(w, DEFEATED) is None

    action.trigger()
    assert action.isChecked() and w.document.view.show_labels
    assert _badge(w, DEFEATED) == "OUT" and _badge(w, UNSUPPORTED_IN) == "OUT"
    w.evaluation.set_semantics("grounded")  # every attack counts: it stands, unsupported
    assert _badge(w, UNSUPPORTED_IN) == "IN \u00b7 unsupported"
    w.evaluation.set_semantics("weighed")
    assert w.evaluation.isVisible()  # its tab came forward: the legend explains the badges
    badged = _render(w, DEFEATED)
    assert badged != plain
    out_fill = QColor(get_theme("default").badges["OUT"][0])
    count = lambda img: sum(img.pixelColor(x, y) == out_fill for x in range(img.width()) for y in range(min(img.height(), 30)))  # noqa: E731
    assert count(badged) > count(plain) + 20
    # view state, like zoom and theme: not an edit, not a modification
    assert not w.document.is_modified() and w.document.undo_stack.count() == 0

    action.trigger()
    assert not action.isChecked() and not w.document.view.show_labels
    assert _badge(w, DEFEATED) is None and _render(w, DEFEATED) == plain

    # saved with the project, and shown again when it is opened
    action.trigger()
    w.actions_by_name["save"].trigger()
    assert json.loads(Path(w.document.path).read_text(encoding="utf-8"))["view"]["show_labels"] is True
    w2 = make_window()
    assert w2.files.open_path(w.document.path)
    _wait_for_first_labels(w2)
    assert w2.actions_by_name["show_labels"].isChecked() and _badge(w2, DEFEATED) == "OUT"
    # Revert to Saved brings back the file's view state
    w.set_show_labels(False)
    w.actions_by_name["revert"].trigger()
    assert action.isChecked() and _badge(w, DEFEATED) == "OUT"


def test_an_unattacked_rebuttal_flips_the_badge_after_the_debounce(make_window, tmp_path, example_path, qtbot):
    w = _open(make_window, tmp_path, example_path)
    w.set_show_labels(True)
    w.evaluation.set_semantics("grounded")  # every attack counts: it stands, unsupported
    assert _badge(w, UNSUPPORTED_IN) == UNSUPPORTED_BADGE
    edit, new = edit_ops.add_child(w.document.map, UNSUPPORTED_IN, LinkKind.ATTACK, StatementKind.REBUTTAL, size_of=w.commands.size_of)
    assert w.apply_edit(edit)
    assert _badge(w, UNSUPPORTED_IN) == UNSUPPORTED_BADGE  # not yet: labels wait for a quiet moment
    qtbot.waitUntil(lambda: _badge(w, UNSUPPORTED_IN) == "OUT", timeout=2000)
    assert _badge(w, new) == "IN"
    w.actions_by_name["undo"].trigger()
    qtbot.waitUntil(lambda: _badge(w, UNSUPPORTED_IN) == UNSUPPORTED_BADGE, timeout=2000)
    assert w.scene.item_for(new) is None


def test_insert_rebuttal_from_the_keyboard_updates_labels(make_window, tmp_path, example_path, qtbot):
    w = _open(make_window, tmp_path, example_path)
    w.set_show_labels(True)
    w.select([UNSUPPORTED_IN])
    w.actions_by_name["add_rebuttal"].trigger()  # adds a card and starts typing its text
    assert w.scene.editing_id() is not None
    qtbot.waitUntil(lambda: _badge(w, UNSUPPORTED_IN) == "OUT", timeout=2000)


def test_clicking_a_finding_selects_and_reveals_the_statement(make_window, tmp_path, example_path, qtbot):
    w = _open(make_window, tmp_path, example_path)
    assert w.apply_edit(change_statement(w.document.map, UNSUPPORTED_IN, text=""))  # a finding: no text
    qtbot.waitUntil(lambda: ("no-text", UNSUPPORTED_IN) in {(f.code, f.id) for f in w.checks.findings()}, timeout=3000)
    w.select([UNSUPPORTED_IN])
    w.commands.view_collapse()  # hide the rest, then collapse the parent so the card is hidden
    w.select(["q-withdraw"])
    w.commands.view_collapse()
    assert UNSUPPORTED_IN in w.scene.hidden_ids()
    w.evaluation.raise_()
    tree = w.checks.tree
    row = _row_for(tree, UNSUPPORTED_IN)
    tree.scrollToItem(row)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualItemRect(row).center())
    assert w.selected_ids() == [UNSUPPORTED_IN]
    assert UNSUPPORTED_IN not in w.scene.hidden_ids()
    assert w.inspector.current_id() == UNSUPPORTED_IN
    assert w.evaluation.title_label.text().startswith("Limited Russian capacity")


def test_checks_follow_edits_but_wait_while_a_card_is_typed(make_window, tmp_path, example_path, qtbot):
    w = _open(make_window, tmp_path, example_path)
    edit, new = edit_ops.add_statement(w.document.map, StatementKind.CLAIM, size_of=w.commands.size_of)
    assert w.apply_edit(edit)
    assert w.view.start_editing(new)
    qtbot.keyClicks(w.view, "No mines")
    qtbot.wait(CHECKS_DEBOUNCE_MS + 150)
    assert w.scene.editing_id() == new
    assert w.checks.is_pending() and new not in {f.id for f in w.checks.findings()}
    qtbot.keyClicks(w.view, " yet")
    qtbot.keyClick(w.view, Qt.Key.Key_Return)  # typing ends: the text is committed
    assert w.scene.editing_id() is None and w.document.map.statement(new).text.endswith("No mines yet")
    qtbot.waitUntil(lambda: ("isolated-statement", new) in {(f.code, f.id) for f in w.checks.findings()}, timeout=3000)
    assert not w.checks.is_pending()


def test_hidden_checks_dock_waits_until_shown(make_window, tmp_path, example_path, qtbot):
    w = _open(make_window, tmp_path, example_path)
    w.checks.close()
    edit, new = edit_ops.add_statement(w.document.map, StatementKind.CLAIM, size_of=w.commands.size_of)
    assert w.apply_edit(edit)
    qtbot.wait(CHECKS_DEBOUNCE_MS + 150)
    assert w.checks.is_pending()
    w.checks.toggleViewAction().trigger()
    qtbot.waitUntil(lambda: ("isolated-statement", new) in {(f.code, f.id) for f in w.checks.findings()}, timeout=3000)


def test_what_if_never_touches_the_document(make_window, tmp_path, example_path, qtbot):
    w = _open(make_window, tmp_path, example_path)
    w.set_show_labels(True)
    w.evaluation.set_semantics("grounded")
    before = w.document.map.copy()
    saved = Path(w.document.path).read_bytes()
    w.evaluation.raise_()
    w.select(["r-troops-announced"])
    assert w.evaluation.accept_button.isEnabled()
    w.evaluation.accept_button.click()
    assert _badge(w, "r-troops-announced") == "IF IN"
    assert _badge(w, UNSUPPORTED_IN) == "OUT"  # the rebuttal, assumed to hold, defeats it
    assert w.document.map == before and not w.document.is_modified() and w.document.undo_stack.count() == 0
    assert not w.actions_by_name["undo"].isEnabled()
    assert "not saved" in w.evaluation.assumptions_label.text()
    # a click in the list of changes selects that statement on the canvas
    changes = w.evaluation.changes_list
    ids = [changes.item(i).data(Qt.ItemDataRole.UserRole) for i in range(changes.count())]
    assert UNSUPPORTED_IN in ids
    changes.itemClicked.emit(changes.item(ids.index(UNSUPPORTED_IN)))
    assert w.selected_ids() == [UNSUPPORTED_IN]
    # saving writes the map as it is, without the assumption
    w.actions_by_name["save"].trigger()
    data = json.loads(Path(w.document.path).read_text(encoding="utf-8"))
    rebuttal = next(s for s in data["statements"] if s["id"] == "r-troops-announced")
    assert rebuttal == next(s for s in json.loads(saved)["statements"] if s["id"] == "r-troops-announced")
    assert "IF IN" not in json.dumps(data)
    w.evaluation.clear_assumptions()
    assert _badge(w, "r-troops-announced") == "OUT" and _badge(w, UNSUPPORTED_IN) == UNSUPPORTED_BADGE


def test_theme_change_reaches_the_evaluation_legend(make_window, tmp_path, example_path):
    w = _open(make_window, tmp_path, example_path)
    w.set_theme("dark")
    assert w.evaluation._theme == "dark"
    assert not w.document.is_modified()
