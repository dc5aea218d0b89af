"""The app as a new user meets it: Quit asks before closing anything; File › Open on a
foreign file offers an import; singular/plural counts; the shortcut list shows keys a
person can type; a card added at the canvas edge is whole in view."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QMessageBox

from argmap.model import ArgumentMap, Link, LinkKind, Statement, StatementKind, change_statement
from argmap.ui.counts import counts_text
from argmap.ui.document import Document
from argmap.ui.help import shortcut_rows, typable
from tests.ui.window_support import OFFSCREEN_NOISE, dialogs, isolated_env, make_window, open_copy  # noqa: F401

pytestmark = OFFSCREEN_NOISE
B = QMessageBox.StandardButton


def _two_windows(make_window, tmp_path, example_path):
    clean = make_window(Document.open(open_copy(tmp_path, example_path, "clean.argmap.json")))
    edited_doc = Document.open(open_copy(tmp_path, example_path, "edited.argmap.json"))
    edited = make_window(edited_doc, session=clean.session)
    edited_doc.apply(change_statement(edited_doc.map, edited_doc.map.statements()[0].id, text="unsaved"))
    return clean, edited


def _ctrl_q(qtbot, window) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
    qtbot.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)


def test_quit_cancel_leaves_every_window_open(qtbot, make_window, dialogs, tmp_path, example_path):
    clean, edited = _two_windows(make_window, tmp_path, example_path)
    dialogs.answers = [B.Cancel]
    _ctrl_q(qtbot, edited)
    assert [k for k, _t, _m in dialogs.shown] == ["exec"]  # one question: the modified map
    assert clean.isVisible() and edited.isVisible()
    assert clean in clean.session.windows and edited in clean.session.windows
    assert clean.document is not None and edited.document.is_modified()


def test_quit_closes_all_once_everything_is_answered(qtbot, make_window, dialogs, tmp_path, example_path):
    clean, edited = _two_windows(make_window, tmp_path, example_path)
    dialogs.answers = [B.Discard]
    _ctrl_q(qtbot, clean)
    assert len(dialogs.shown) == 1  # asked once, not again while closing
    assert not clean.isVisible() and not edited.isVisible()
    assert clean.session.windows == []


def test_open_on_a_foreign_file_offers_to_import_it(qtbot, make_window, dialogs, tmp_path):
    path = tmp_path / "debate.txt"
    path.write_text("Discussion Title: What now?\n\n1. What now?\n1.1. Thesis: Do A.\n1.1.1. Pro: A is cheap.\n")
    w = make_window()
    dialogs.open_file = str(path)
    dialogs.answers = [B.Open]
    w.files.file_open()
    kind, title, text = dialogs.shown[0]
    assert kind == "exec" and title == "Not an argmap map" and "Kialo" in text and "debate.txt" in text
    assert w.document is not None and w.document.is_modified() and w.document.path == ""
    assert any(s.text == "A is cheap." for s in w.document.map.statements())
    assert dialogs.kinds()[-1] == "information"  # the import report
    assert path.read_text().startswith("Discussion Title")


def test_open_foreign_file_declined_or_unreadable_gives_no_raw_json_error(qtbot, make_window, dialogs, tmp_path):
    w = make_window()
    notes = tmp_path / "notes.txt"
    notes.write_text("just some notes\n")
    assert not w.files.open_path(str(notes))
    kind, _title, text = dialogs.shown[-1]
    assert kind == "critical" and "notes.txt" in text and "JSON" not in text and "Expecting value" not in text
    aif = tmp_path / "aif.json"
    aif.write_text('{"nodes": [{"nodeID": "1", "text": "A", "type": "I"}], "edges": []}')
    dialogs.answers = [B.Cancel]
    assert not w.files.open_path(str(aif))
    assert dialogs.shown[-1][1] == "Not an argmap map" and w.document is None


def test_counts_say_one_statement_and_one_link(qtbot, make_window):
    assert counts_text(1, 1) == "1 statement \u00b7 1 link"
    assert counts_text(2, 0) == "2 statements \u00b7 0 links"
    amap = ArgumentMap()
    amap.add_statement(Statement("a", StatementKind.CLAIM, "A", pos=(0, 0)))
    amap.add_statement(Statement("b", StatementKind.CLAIM, "B", pos=(0, 200)))
    amap.add_link(Link("l", LinkKind.SUPPORT, ("b",), "a"))
    w = make_window(Document(amap))
    assert w.counts_label.text() == "2 statements \u00b7 1 link"


def test_shortcut_list_has_no_keys_of_special_keyboards(make_window):
    w = make_window()
    copy = w.actions_by_name["copy"]
    copy.setShortcuts([QKeySequence("Ctrl+C"), QKeySequence("F16"), QKeySequence(Qt.Key.Key_Copy), QKeySequence("Ctrl+Insert")])
    w.actions_by_name["quit"].setShortcuts([QKeySequence("Ctrl+Q"), QKeySequence(Qt.Key.Key_Exit)])  # as on X11
    rows = shortcut_rows(w.menus)
    keys = " ".join(k for _m, _c, k in rows)
    for special in ("F14", "F16", "F18", "F20", "Copy,", "Exit"):
        assert special not in keys
    assert any(c == "Copy" and k.startswith("Ctrl+C") for _m, c, k in rows)
    assert not typable(QKeySequence("F20")) and typable(QKeySequence("F5")) and typable(QKeySequence("Ctrl+Shift+Z"))
    assert any(c == "Quit" and "Ctrl+Q" in k for _m, c, k in rows)


def test_a_commands_own_key_comes_first_and_other_commands_keys_are_not_taken(make_window, monkeypatch):
    """With X11's standard bindings, Quit shows Ctrl+Q (its own named key, first in the
    platform's set), not the Exit media key; Delete does not take Duplicate's Ctrl+D."""
    x11 = {QKeySequence.StandardKey.Quit: ["Ctrl+Q", "Exit"], QKeySequence.StandardKey.Delete: ["Del", "Ctrl+D"]}
    real = QKeySequence.keyBindings
    monkeypatch.setattr(QKeySequence, "keyBindings", staticmethod(
        lambda key: [QKeySequence(k) for k in x11[key]] if key in x11 else real(key)))
    w = make_window()
    assert [k.toString() for k in w.actions_by_name["quit"].shortcuts()] == ["Ctrl+Q", "Exit"]
    assert [k.toString() for k in w.actions_by_name["delete"].shortcuts()] == ["Del"]
    assert [k.toString() for k in w.actions_by_name["duplicate"].shortcuts()] == ["Ctrl+D"]


def test_card_added_at_the_canvas_edge_is_whole_in_view(qtbot, make_window, dialogs):
    amap = ArgumentMap()
    amap.add_statement(Statement("a", StatementKind.CLAIM, "A", pos=(0, 0)))
    w = make_window(Document(amap))
    w.resize(1200, 800)
    qtbot.waitExposed(w)
    view = w.view
    vp = view.viewport().rect()
    corner = view.mapToScene(vp.bottomRight() - vp.topLeft().__class__(3, 3))
    w.commands._add_at(StatementKind.CLAIM, QPointF(corner))
    new = next(s for s in w.document.map.statements() if s.id != "a")
    item = w.scene.item_for(new.id)
    seen = view.mapToScene(view.viewport().rect()).boundingRect()
    assert seen.contains(item.sceneBoundingRect()), (seen, item.sceneBoundingRect())


def test_no_key_is_bound_to_two_commands(make_window):
    w = make_window()
    owners: dict[str, list[str]] = {}
    for name, action in w.actions_by_name.items():
        for key in action.shortcuts():
            owners.setdefault(key.toString(), []).append(name)
    assert {k: v for k, v in owners.items() if len(v) > 1} == {}
