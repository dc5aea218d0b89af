"""Main window: every action runs; selection and edits stay in sync between canvas,
outline and inspector; keyboard-only building; undo all."""

from __future__ import annotations

import pytest  # noqa: F401
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from argmap.model import LinkKind, StatementKind, change_statement
from argmap.ui.actions import SPECS
from argmap.ui.help import shortcut_rows
from tests.ui.window_support import OFFSCREEN_NOISE, dialogs, isolated_env, make_window, open_copy  # noqa: F401

pytestmark = OFFSCREEN_NOISE


def _first(amap, kind):
    return next(s for s in amap.statements() if s.kind is kind)


def test_every_action_builds_and_runs(make_window, dialogs, tmp_path, example_path, qtbot):
    w = make_window()
    assert w.stack.currentWidget() is w.start_scroll
    assert {s.name for s in SPECS} <= set(w.actions_by_name)
    assert w.files.open_path(str(open_copy(tmp_path, example_path)))
    amap = w.document.map
    claim = _first(amap, StatementKind.CLAIM).id
    dialogs.save_file = str(tmp_path / "saved-as.argmap.json")
    skip = {"close", "quit", "new_window", "new", "open_example", "print", "print_preview", "export"}
    for name in list(w.actions_by_name):
        if name in skip:
            continue
        if not w.selected_ids() and claim in amap:
            w.select([claim])
        action = w.actions_by_name[name]
        action.trigger()
        QApplication.processEvents()
        w.find_bar.close_bar()
    assert (tmp_path / "saved-as.argmap.json").is_file()
    assert "dialog" in dialogs.kinds()  # the shortcuts dialog was shown (patched)
    # New, New Window and Open Example open further windows when this one is busy.
    before = len(w.session.windows)
    for name in ("new", "new_window", "open_example"):
        w.actions_by_name[name].trigger()
    assert len(w.session.windows) == before + 3
    example = w.session.windows[-1]
    assert example.document is not None and example.document.path == "" and len(example.document.map) > 20
    w.document.undo_stack.setClean()
    w.actions_by_name["close"].trigger()
    assert w.document is None and w.stack.currentWidget() is w.start_scroll


def test_menus_list_every_action_and_help_lists_shortcuts(make_window):
    w = make_window()
    in_menus = {a for m in w.menus.values() for a in m.actions()}
    for name, action in w.actions_by_name.items():
        assert action in in_menus, name
    rows = shortcut_rows(w.menus)
    keyed = [a for a in w.actions_by_name.values() if a.shortcuts()]
    assert len([r for r in rows if r[0] not in ("Canvas", "Sources")]) == len(keyed)
    assert any(r[0] == "Sources" and "Ctrl+Shift+E" in r[2] for r in rows)
    assert len(keyed) >= 40
    assert any(r[1] == "Supporting Claim" and "Ins" in r[2] for r in rows)
    shortcuts = [k.toString() for a in w.actions_by_name.values() for k in a.shortcuts()]
    assert len(shortcuts) == len(set(shortcuts)), "two actions share a shortcut"


def test_selection_syncs_canvas_outline_inspector(make_window, tmp_path, example_path, qtbot):
    w = make_window()
    w.files.open_path(str(open_copy(tmp_path, example_path)))
    amap = w.document.map
    ev = _first(amap, StatementKind.EVIDENCE).id
    w.select([ev])
    assert w.outline.selected_ids() == [ev]
    assert w.inspector.current_id() == ev and w.inspector.source_box.isVisibleTo(w.inspector)
    # outline -> canvas and inspector
    pos = _first(amap, StatementKind.POSITION).id
    w.outline.select_ids([pos])
    w.outline._on_selection_changed(None, None)
    assert w.scene.selected_ids() == [pos] and w.inspector.current_id() == pos
    # a link selected on the canvas shows in the inspector's link page
    link = amap.links()[0].id
    w.select([link])
    assert w.inspector.stack.currentWidget() is w.inspector.link_page


def test_edits_in_each_view_show_in_all(make_window, tmp_path, example_path, qtbot):
    w = make_window()
    w.files.open_path(str(open_copy(tmp_path, example_path)))
    doc, amap = w.document, w.document.map
    claim = _first(amap, StatementKind.CLAIM).id
    w.select([claim])
    # inspector -> model, outline, canvas
    w.inspector.text.setPlainText("Edited in the inspector")
    w.inspector.text.committed.emit()
    assert amap.statement(claim).text == "Edited in the inspector"
    assert doc.undo_stack.undoText() == "Edit text" and doc.undo_stack.count() == 1
    w.inspector.text.committed.emit()  # a second commit of the same value adds nothing
    assert doc.undo_stack.count() == 1
    assert w.scene.item_for(claim).statement.text == "Edited in the inspector"
    w.inspector.title.setText("Titled in the inspector")
    w.inspector.title.editingFinished.emit()
    assert doc.undo_stack.undoText() == "Edit title" and doc.undo_stack.count() == 2
    m = w.outline.model
    rows = [n for n in m._by_id[claim]]
    assert rows and "Titled in the inspector" in m.data(m.index_of(rows[0]))
    # outline rename -> model and inspector
    assert m.setData(m.index_of(rows[0]), "Renamed in the outline")
    title_or_text = amap.statement(claim).title or amap.statement(claim).text
    assert title_or_text == "Renamed in the outline"
    assert w.inspector.title.text() == amap.statement(claim).title and w.inspector.text.toPlainText() == amap.statement(claim).text
    # model (e.g. undo) -> inspector and outline
    for _ in range(3):
        doc.undo_stack.undo()
    assert w.inspector.text.toPlainText() == amap.statement(claim).text != "Edited in the inspector"
    assert w.inspector.title.text() == amap.statement(claim).title != "Titled in the inspector"
    # evidence source field commit is one step
    ev = _first(amap, StatementKind.EVIDENCE).id
    w.select([ev])
    w.inspector.locator.setText("p. 12")
    w.inspector.locator.editingFinished.emit()
    assert amap.statement(ev).source.locator == "p. 12" and doc.undo_stack.undoText() == "Edit source"
    # link kind from the inspector
    link = next(l for l in amap.links() if l.kind is LinkKind.SUPPORT and amap.is_statement(l.target))
    w.select([link.id])
    w.inspector.link_kind.setCurrentIndex(w.inspector.link_kind.findData(LinkKind.ATTACK))
    w.inspector.link_kind.activated.emit(1)
    assert amap.link(link.id).kind is LinkKind.ATTACK


def test_model_changes_update_outline(make_window, tmp_path, example_path, qtbot):
    w = make_window()
    w.files.open_path(str(open_copy(tmp_path, example_path)))
    doc, amap, m = w.document, w.document.map, w.outline.model
    q = amap.questions()[0]
    doc.apply(change_statement(amap, q.id, text="A new question text", title=""))
    assert m.data(m.index(0, 0)) == "A new question text"
    from argmap.model import RemoveItems

    pos = amap.positions(q.id)[0]
    n = m.rowCount(m.index(0, 0))
    doc.apply(RemoveItems.build(amap, [pos.id]))
    QApplication.processEvents()  # the outline brings its rows up to date once the edit is done
    assert m.rowCount(m.index(0, 0)) == n - 1
    doc.undo_stack.undo()
    QApplication.processEvents()
    assert m.rowCount(m.index(0, 0)) == n


def test_outline_drop_reparents_in_one_step(make_window, tmp_path, example_path, qtbot):
    w = make_window()
    w.files.open_path(str(open_copy(tmp_path, example_path)))
    doc, amap, m = w.document, w.document.map, w.outline.model
    q = amap.questions()[0]
    p1, p2 = amap.positions(q.id)[:2]
    child = next(n for n in m.child_nodes(m.find_path(p1.id)[-1]) if not n.group)
    before = amap.copy()
    target = m.find_path(p2.id)[-1]
    assert m.drop_rows([(child.id, child.via)], target, -1)
    assert any(l.target == p2.id and child.id in l.premises for l in amap.links_from(child.id))
    assert doc.undo_stack.count() == 1
    # reorder positions under the question: last becomes first
    positions = [p.id for p in amap.positions(q.id)]
    qnode = m.find_path(q.id)[-1]
    assert m.drop_rows([(positions[-1], None)], qnode, 0)
    assert [p.id for p in amap.positions(q.id)][0] == positions[-1]
    assert doc.undo_stack.count() == 2
    doc.undo_stack.undo()
    doc.undo_stack.undo()
    assert amap == before


def test_keyboard_only_build_then_undo_all(make_window, qtbot):
    w = make_window()
    w.files.file_new()
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w, timeout=2000)
    w.view.setFocus()
    doc, amap = w.document, w.document.map

    def type_text(text: str) -> None:
        qtbot.waitUntil(lambda: w.scene.editing_id() is not None, timeout=1000)
        focus = QApplication.focusWidget()
        qtbot.keyClick(focus, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClicks(focus, text)
        qtbot.keyClick(focus, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: w.scene.editing_id() is None, timeout=1000)

    mod = Qt.KeyboardModifier
    qtbot.keyClick(w.view, Qt.Key.Key_Q, mod.ControlModifier | mod.ShiftModifier)
    type_text("Should the school day start later?")
    qtbot.keyClick(w.view, Qt.Key.Key_Insert)  # under a question: a position
    type_text("Yes, start at ten")
    qtbot.keyClick(w.view, Qt.Key.Key_Insert)  # a supporting claim
    type_text("Teenagers sleep later")
    qtbot.keyClick(w.view, Qt.Key.Key_E, mod.ControlModifier | mod.ShiftModifier)  # evidence for it
    type_text("Sleep study, 2019")
    qtbot.keyClick(w.view, Qt.Key.Key_Up)  # back to the claim
    qtbot.keyClick(w.view, Qt.Key.Key_A, mod.ControlModifier | mod.ShiftModifier)  # a rebuttal
    type_text("Buses cost more")
    texts = {s.kind: s.text for s in amap.statements()}
    assert texts == {
        StatementKind.QUESTION: "Should the school day start later?",
        StatementKind.POSITION: "Yes, start at ten",
        StatementKind.CLAIM: "Teenagers sleep later",
        StatementKind.EVIDENCE: "Sleep study, 2019",
        StatementKind.REBUTTAL: "Buses cost more",
    }
    claim = _first(amap, StatementKind.CLAIM).id
    kinds = sorted(l.kind.value for l in amap.links_into(claim))
    assert kinds == ["attack", "support"]
    assert _first(amap, StatementKind.POSITION).answers == _first(amap, StatementKind.QUESTION).id
    rects = [w.scene.item_for(s.id).sceneBoundingRect() for s in amap.statements()]
    assert not any(a.intersects(b) for i, a in enumerate(rects) for b in rects[i + 1:])
    assert w.windowTitle().startswith("Untitled[*]") and w.isWindowModified()
    # Delete removes the selected rebuttal; undo all returns to the empty map.
    qtbot.keyClick(w.view, Qt.Key.Key_Delete)
    assert len(amap.statements()) == 4
    while doc.undo_stack.canUndo():
        qtbot.keyClick(w.view, Qt.Key.Key_Z, mod.ControlModifier)
    assert len(amap) == 0 and not doc.is_modified()
    w.outline.flush()
    assert w.outline.model.rowCount() == 0


def test_find_collapse_focus_and_layout(make_window, tmp_path, example_path, qtbot):
    w = make_window()
    w.files.open_path(str(open_copy(tmp_path, example_path)))
    doc, amap = w.document, w.document.map
    w.commands.edit_find()
    w.find_bar.edit.setText("convention")
    hits = w.find_bar.hits()
    assert hits and set(w.scene.highlighted_ids()) == set(hits)
    w.commands.edit_find_next()
    assert w.scene.selected_ids() == [hits[0]]
    w.find_bar.close_bar()
    assert not w.scene.highlighted_ids()
    pos = amap.positions(amap.questions()[0].id)[0].id
    w.select([pos])
    w.commands.view_collapse()
    assert w.scene.hidden_ids() == frozenset(amap.subtree(pos) - {pos})
    w.commands.view_show_all()
    w.select([pos])
    w.commands.view_focus()
    assert amap.questions()[0].id not in w.scene.hidden_ids()
    assert all(i in w.scene.hidden_ids() for i in amap.graph.nodes if i not in amap.subtree(pos) | {amap.questions()[0].id})
    w.commands.view_show_all()
    assert not w.scene.hidden_ids()
    assert doc.undo_stack.count() == 0  # none of that is an edit
    before = {s.id: s.pos for s in amap.statements()}
    doc.apply(change_statement(amap, pos, pos=(5000.0, 5000.0)))
    w.commands.arrange_layout_all()
    assert doc.undo_stack.undoText() == "Auto-layout" and doc.undo_stack.count() == 2
    doc.undo_stack.undo()
    doc.undo_stack.undo()
    assert {s.id: s.pos for s in amap.statements()} == before


def test_copy_paste_between_windows_and_duplicate(make_window, tmp_path, example_path, qtbot):
    w1 = make_window()
    w1.files.open_path(str(open_copy(tmp_path, example_path)))
    w2 = make_window()
    w2.files.file_new()
    a1, a2 = w1.document.map, w2.document.map
    pos = a1.positions(a1.questions()[0].id)[0]
    ids = sorted(a1.subtree(pos.id))
    w1.select([i for i in ids if a1.is_statement(i)])
    assert w1.commands.edit_copy() == len([i for i in ids if a1.is_statement(i)])
    assert QApplication.clipboard().mimeData().text()
    w2.commands.edit_paste()
    assert len(a2.statements()) == len([i for i in ids if a1.is_statement(i)])
    assert len(a2.links()) == len([i for i in ids if a1.is_link(i)])
    assert not set(s.id for s in a2.statements()) & set(ids)
    assert w2.document.undo_stack.undoText().startswith("Paste")
    w2.document.undo_stack.undo()
    assert len(a2) == 0
    n = len(a1.statements())
    w1.select([pos.id])
    w1.commands.edit_duplicate()
    assert len(a1.statements()) == n + 1
    new = [i for i in w1.selected_ids() if i != pos.id]
    assert new and a1.statement(new[0]).text == pos.text and a1.statement(new[0]).pos != pos.pos
    w1.commands.edit_cut()
    assert len(a1.statements()) == n and w1.document.undo_stack.undoText().startswith("Cut")


def test_canvas_gestures_become_single_undo_steps(make_window, tmp_path, example_path, qtbot):
    w = make_window()
    w.files.open_path(str(open_copy(tmp_path, example_path)))
    doc, amap = w.document, w.document.map
    cards = [s.id for s in amap.statements()][:3]
    w.scene.moveRequested.emit({i: (float(k * 1000), -900.0) for k, i in enumerate(cards)})
    assert doc.undo_stack.count() == 1 and doc.undo_stack.undoText() == "Move 3 statements"
    claim = _first(amap, StatementKind.CLAIM).id
    q = amap.questions()[0].id
    pos = amap.positions(q)[0].id
    w.scene.connectRequested.emit([claim], pos, "attack")
    assert doc.undo_stack.undoText() == "Attack" and any(l.target == pos and l.kind is LinkKind.ATTACK for l in amap.links_from(claim))
    link = next(l for l in amap.links() if l.kind is LinkKind.SUPPORT and len(l.premises) == 1)
    other = next(s.id for s in amap.statements() if s.id not in link.premises and s.id != link.target and s.kind is StatementKind.CLAIM)
    w.scene.addPremiseRequested.emit(other, link.id)
    assert other in amap.link(link.id).premises
    w.scene.textEditCommitted.emit(claim, "Typed on the card")
    assert amap.statement(claim).text == "Typed on the card"
    w.select([link.id])
    w.commands.edit_delete()
    assert link.id not in amap
    assert doc.undo_stack.count() == 5
    menu = w.commands.build_context_menu(claim, w.view.mapToGlobal(w.view.rect().center()))
    assert menu is not None and menu.actions()
    menu = w.commands.build_context_menu(None, w.view.mapToGlobal(w.view.rect().center()))
    assert any("Here" in a.text() for a in menu.actions())


def test_unexpected_errors_show_a_dialog_and_go_to_stderr(qtbot, dialogs, capsys):
    from argmap.ui import app

    try:
        raise RuntimeError("boom in a slot")
    except RuntimeError as exc:
        app._excepthook(type(exc), exc, exc.__traceback__)
    assert dialogs.shown[-1][0] == "exec" and "boom in a slot" in dialogs.shown[-1][2]
    assert "RuntimeError: boom in a slot" in capsys.readouterr().err


def test_app_icon_and_example_are_found(qtbot):
    from argmap.ui.file_ops import example_path
    from argmap.ui.icons import app_icon

    assert not app_icon().isNull()
    assert example_path() is not None and example_path().name == "ottawa-convention.argmap.json"


@pytest.mark.subscriber_failures
def test_a_failing_view_is_reported_in_the_status_bar_and_the_edit_kept(make_window, tmp_path, example_path, qtbot):
    w = make_window()
    w.files.open_path(str(open_copy(tmp_path, example_path)))
    doc, amap = w.document, w.document.map
    pos = amap.positions(amap.questions()[0].id)[0]

    def broken(change):
        raise RuntimeError("a view bug")

    amap.subscribe(broken)
    steps = doc.undo_stack.count()
    assert w.apply_edit(change_statement(amap, pos.id, text="Edited anyway"))
    assert amap.statement(pos.id).text == "Edited anyway"
    assert doc.undo_stack.count() == steps + 1
    assert "a view bug" in w.statusBar().currentMessage()
    doc.undo_stack.undo()
    assert amap.statement(pos.id).text != "Edited anyway"


def test_find_bar_searches_again_from_the_change_records(make_window, tmp_path, example_path, qtbot):
    w = make_window()
    w.files.open_path(str(open_copy(tmp_path, example_path)))
    doc, amap = w.document, w.document.map
    w.commands.edit_find()
    w.find_bar.edit.setText("zebracrossingword")
    assert w.find_bar.hits() == []
    target = amap.questions()[0].id
    doc.apply(change_statement(amap, target, text="A zebracrossingword question"))
    qtbot.waitUntil(lambda: w.find_bar.hits() == [target], timeout=2000)
    assert set(w.scene.highlighted_ids()) == {target}
    doc.undo_stack.undo()
    qtbot.waitUntil(lambda: w.find_bar.hits() == [], timeout=2000)
