"""The Sources panel with the example's embedded article: selection to evidence by
mouse and keyboard, drag of a selection onto a card, highlights and coverage after
edits and undo, clicking a highlight, and the text surviving save, load, copy and paste."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QTextCursor
from PySide6.QtWidgets import QApplication

from argmap.formats import load_project
from argmap.model import ChangeStatement, LinkKind, StatementKind, passages
from argmap.ui.panels import source_view
from tests.ui.window_support import (  # noqa: F401
    OFFSCREEN_NOISE,
    dialogs,
    isolated_env,
    make_window,
    open_copy,
)

pytestmark = OFFSCREEN_NOISE


@pytest.fixture
def win(make_window, tmp_path, example_path):
    w = make_window()
    w.resize(1400, 900)
    assert w.files.open_path(str(open_copy(tmp_path, example_path)))
    w.sources.show()
    w.sources.raise_()
    QApplication.processEvents()
    return w


def point_of(text, offset: int) -> QPoint:
    """Viewport coordinates of the boundary before ``offset`` (scrolled into view)."""
    cursor = QTextCursor(text.document())
    cursor.setPosition(offset)
    text.setTextCursor(cursor)
    text.ensureCursorVisible()
    QApplication.processEvents()
    return text.cursorRect(cursor).center()


def words_span(doc, words: str) -> passages.Span:
    start = doc.text.index(words)
    return passages.Span(start, start + len(words))


def test_panel_shows_the_article_with_coverage(win):
    panel = win.sources
    assert panel.picker.count() == 1 and panel.current_source().id == "seed-ottawa"
    assert panel.status.text() == "7 of 9 paragraphs used"
    assert len(panel.text.highlights()) == 13
    doc = panel.current_source()
    assert [doc.text[h.span.start : h.span.end] for h in panel.text.highlights()][0].startswith("the 1997 Ottawa")


def test_mouse_selection_then_shortcut_makes_quoted_evidence_in_one_undo_step(win, qtbot):
    panel, amap = win.sources, win.document.map
    doc = panel.current_source()
    words = "escalating security concerns"
    span = words_span(doc, words)
    text = panel.text
    start, end = point_of(text, span.start), point_of(text, span.end)
    text.setTextCursor(QTextCursor(text.document()))
    qtbot.mousePress(text.viewport(), Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(text.viewport(), end)
    qtbot.mouseRelease(text.viewport(), Qt.MouseButton.LeftButton, pos=end)
    assert text.selected_span() == span
    win.select([])
    before = len(amap)
    qtbot.keyClick(text, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    [new] = win.selected_ids()
    s = amap.statement(new)
    assert s.kind is StatementKind.EVIDENCE and s.source.quotation == words
    assert s.source.locator == "para. 1" and s.source.citation.startswith(doc.title)
    assert len(amap) == before + 1
    assert any(h.id == new for h in text.highlights())
    win.document.undo_stack.undo()
    assert new not in amap and len(amap) == before
    assert all(h.id != new for h in text.highlights())


def test_keyboard_only_paragraph_to_evidence_supporting_the_selected_card(win, qtbot):
    panel, amap = win.sources, win.document.map
    doc = panel.current_source()
    target = "p-deterrence"
    assert amap.is_statement(target)
    win.select([target])
    text = panel.text
    text.setFocus()
    text.setTextCursor(QTextCursor(text.document()))
    for _ in range(3):  # headline -> para. 1 -> para. 2 -> para. 3
        qtbot.keyClick(text, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(text, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    para3 = passages.counted(passages.paragraphs(doc.text, doc.title))[2]
    assert text.selected_span() == passages.Span(para3.start, para3.end)
    qtbot.keyClick(text, Qt.Key.Key_Return)
    [new] = win.selected_ids()
    s = amap.statement(new)
    assert s.source.quotation == doc.text[para3.start : para3.end] and s.source.locator == "para. 3"
    [link] = amap.links_from(new)
    assert link.kind is LinkKind.SUPPORT and link.target == target


def test_context_menu_offers_new_evidence(win):
    text = win.sources.text
    text.setTextCursor(QTextCursor(text.document()))
    menu = text.build_context_menu()
    act = next(a for a in menu.actions() if a.objectName() == "newEvidenceFromSelection")
    assert not act.isEnabled()
    text.select_span(words_span(win.sources.current_source(), "Finland"))
    menu = text.build_context_menu()
    act = next(a for a in menu.actions() if a.objectName() == "newEvidenceFromSelection")
    assert act.isEnabled() and menu.actions()[0] is act
    before = len(win.document.map)
    act.trigger()
    assert len(win.document.map) == before + 1


def _deliver_drop(viewport, pos: QPoint, mime, modifiers) -> None:
    """What the platform does while a QDrag runs over the canvas: enter, move, drop."""
    buttons = Qt.MouseButton.LeftButton
    posf = QPointF(pos)
    for cls in (QDragEnterEvent, QDragMoveEvent):
        ev = cls(pos, Qt.DropAction.CopyAction, mime, buttons, modifiers)
        QApplication.sendEvent(viewport, ev)
        assert ev.isAccepted()
    QApplication.sendEvent(viewport, QDropEvent(posf, Qt.DropAction.CopyAction, mime, buttons, modifiers))


@pytest.mark.parametrize(("shift", "kind"), [(False, LinkKind.SUPPORT), (True, LinkKind.ATTACK)])
def test_drag_selection_onto_a_card(win, qtbot, monkeypatch, shift, kind):
    panel, amap = win.sources, win.document.map
    target = "p-deterrence"
    win.reveal(target)
    QApplication.processEvents()
    card = win.scene.item_for(target)
    drop_at = win.view.mapFromScene(card.sceneBoundingRect().center())
    modifiers = Qt.KeyboardModifier.ShiftModifier if shift else Qt.KeyboardModifier.NoModifier

    class PlatformDrag:  # QDrag.exec runs a platform loop that offscreen tests cannot drive
        def __init__(self, source):
            self.mime = None

        def setMimeData(self, mime):
            self.mime = mime

        def exec(self, action):
            _deliver_drop(win.view.viewport(), drop_at, self.mime, modifiers)
            return action

    monkeypatch.setattr(source_view, "QDrag", PlatformDrag)
    doc = panel.current_source()
    words = "deteriorating security environment"
    span = words_span(doc, words)
    text = panel.text
    text.select_span(span)
    inside = point_of(text, span.start + 3)
    text.select_span(span, scroll=False)
    win.select([])
    before = len(amap.links())
    qtbot.mousePress(text.viewport(), Qt.MouseButton.LeftButton, pos=inside)
    qtbot.mouseMove(text.viewport(), inside + QPoint(40, 30))
    qtbot.mouseRelease(text.viewport(), Qt.MouseButton.LeftButton, pos=inside + QPoint(40, 30))
    assert len(amap.links()) == before + 1
    [new] = win.selected_ids()
    s = amap.statement(new)
    assert s.source.quotation == words and s.source.locator == "para. 2"
    [link] = amap.links_from(new)
    assert (link.kind, link.target) == (kind, target)
    win.document.undo_stack.undo()
    assert new not in amap and len(amap.links()) == before


def test_drop_on_empty_canvas_places_a_lone_card_there(win):
    panel, amap = win.sources, win.document.map
    text = panel.text
    text.select_span(words_span(panel.current_source(), "Hanno Pevkur"))
    mime = text.passage_mime()
    far = win.view.mapFromScene(QPointF(-5000, -5000))
    win.view.centerOn(QPointF(-5000, -5000))
    QApplication.processEvents()
    far = win.view.mapFromScene(QPointF(-5000, -5000))
    _deliver_drop(win.view.viewport(), far, mime, Qt.KeyboardModifier.NoModifier)
    [new] = win.selected_ids()
    assert amap.links_from(new) == [] and amap.statement(new).source.quotation == "Hanno Pevkur"
    x, y = amap.statement(new).pos
    assert abs(x + 5000) < 400 and abs(y + 5000) < 400


def test_highlights_and_coverage_follow_edits_and_undo(win):
    panel, amap = win.sources, win.document.map
    assert panel.status.text() == "7 of 9 paragraphs used"
    old = amap.statement("e-flexibility")  # the only quotation from para. 2
    moved = replace(old, source=replace(old.source, quotation="Poland and the Baltic states"))
    win.apply_edit(ChangeStatement(old, moved))
    QApplication.processEvents()  # the panel follows the change records once the edit is done
    doc = panel.current_source()
    [h] = [h for h in panel.text.highlights() if h.id == "e-flexibility"]
    assert doc.text[h.span.start : h.span.end] == "Poland and the Baltic states"
    assert panel.status.text() == "7 of 9 paragraphs used"  # para. 2 unused, para. 8 used now
    broken = replace(old, source=replace(old.source, quotation="words that are not in the article"))
    win.apply_edit(ChangeStatement(moved, broken))
    QApplication.processEvents()
    assert all(h.id != "e-flexibility" for h in panel.text.highlights())
    assert panel.status.text().startswith("6 of 9 paragraphs used") and "1 quotation" in panel.status.text()
    win.document.undo_stack.undo()
    win.document.undo_stack.undo()
    QApplication.processEvents()
    assert panel.status.text() == "7 of 9 paragraphs used"
    [h] = [h for h in panel.text.highlights() if h.id == "e-flexibility"]
    assert doc.text[h.span.start : h.span.end] == old.source.quotation


def test_clicking_a_highlight_selects_its_card_and_selecting_a_card_scrolls_to_it(win, qtbot):
    panel = win.sources
    text = panel.text
    doc = panel.current_source()
    quote = win.document.map.statement("e-intel-ukraine").source.quotation
    span = passages.find(doc.text, quote)
    at = point_of(text, span.start + 5)
    qtbot.mouseClick(text.viewport(), Qt.MouseButton.LeftButton, pos=at)
    assert win.selected_ids() == ["e-intel-ukraine"]
    text.verticalScrollBar().setValue(0)
    win.select(["e-troop-increase"])
    QApplication.processEvents()
    other = passages.find(doc.text, win.document.map.statement("e-troop-increase").source.quotation)
    assert text.textCursor().position() == other.start
    assert text.viewport().rect().contains(text.cursorRect().center())


def test_add_source_from_files_and_bad_files(win, tmp_path):
    panel = win.sources
    good = tmp_path / "notes.md"
    good.write_text("# Notes\n\nA paragraph of notes.\n", encoding="utf-8")
    assert panel.add_file(str(good))
    assert panel.picker.count() == 2 and panel.current_source().title == "Notes"
    assert panel.status.text() == "0 of 1 paragraphs used"
    problems = []
    panel.problem.connect(problems.append)
    bad = tmp_path / "scan.pdf"
    bad.write_bytes(b"%PDF-1.4 nothing here")
    assert not panel.add_file(str(bad))
    assert "scan.pdf" in problems[-1] and panel.picker.count() == 2
    win.document.undo_stack.undo()
    QApplication.processEvents()
    assert panel.picker.count() == 1


def test_embedded_text_survives_save_load_copy_and_paste(win, make_window, tmp_path):
    amap = win.document.map
    path = tmp_path / "saved.argmap.json"
    win.document.save(str(path))
    assert load_project(path).map.meta.sources == amap.meta.sources
    win.select(["e-finland", "e-parliaments"])
    win.actions_by_name["copy"].trigger()
    other = make_window()
    other.actions_by_name["new"].trigger()
    target = other if other.document is not None else other.session.windows[-1]
    assert target.document is not None and target.document.map.meta.sources == ()
    target.actions_by_name["paste"].trigger()
    pasted = target.document.map
    assert [d.text for d in pasted.meta.sources] == [amap.meta.sources[0].text]
    assert len(pasted.statements()) == 2
    target.sources.refresh()
    assert target.sources.status.text() == "1 of 9 paragraphs used"
    target.document.undo_stack.undo()
    assert pasted.meta.sources == () and len(pasted.statements()) == 0


def test_a_misquotation_is_flagged_on_the_card_with_the_closest_passage_as_a_fix(win, qtbot):
    panel, amap = win.sources, win.document.map
    old = amap.statement("e-finland")
    bad = replace(old, source=replace(old.source, quotation="Finland is also considering a similar withdrawal"))
    win.apply_edit(ChangeStatement(old, bad))
    QApplication.processEvents()  # one turn of the event loop (zero-time timers only)
    assert "e-finland" in win.scene.rs.flagged  # at once, without waiting for the checks
    win.select(["e-finland"])
    assert panel.fix_label.isVisible() and "para. 4" in panel.fix_label.text()
    assert panel.use_closest_passage()
    fixed = amap.statement("e-finland").source
    assert fixed.quotation == "Finland is also contemplating a similar withdrawal" and fixed.locator == "para. 4"
    assert "e-finland" not in win.scene.rs.flagged and not panel.fix_label.isVisible()
    win.document.undo_stack.undo()
    QApplication.processEvents()
    assert "e-finland" in win.scene.rs.flagged


def test_checks_panel_offers_the_closest_passage(win, qtbot):
    amap = win.document.map
    old = amap.statement("e-parliaments")
    bad = replace(old, source=replace(old.source, quotation="This collective move needs parliamentary approval"))
    win.apply_edit(ChangeStatement(old, bad))
    checks = win.checks
    checks.show()
    checks.refresh_now()
    qtbot.waitUntil(lambda: any(f.code == "quote-not-found" for f in checks.findings()), timeout=3000)
    row = next(
        checks.tree.topLevelItem(i)
        for i in range(checks.tree.topLevelItemCount())
        if checks.tree.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole) == "e-parliaments"
    )
    menu = checks.fix_menu(row)
    [act] = [a for a in menu.actions() if a.objectName() == "useClosestPassage"]
    act.trigger()
    assert amap.statement("e-parliaments").source.quotation == "This collective move requires parliamentary approval"


def test_panel_appears_beside_the_outline_for_a_map_with_an_article(make_window, tmp_path, example_path):
    empty = make_window()
    assert not empty.sources.isVisibleTo(empty)  # no map: no tab taking room
    w = make_window()
    assert w.files.open_path(str(open_copy(tmp_path, example_path)))
    assert w.sources.isVisibleTo(w) and w.outline_dock.isVisibleTo(w)  # both in view, one above the other
    assert w.dockWidgetArea(w.sources) == w.dockWidgetArea(w.outline_dock)
    w.sources.toggleViewAction().trigger()  # closed by the user: stays closed in this window
    assert not w.sources.isVisibleTo(w)
    w.sources.show_if_useful()
    assert not w.sources.isVisibleTo(w)


def test_a_source_known_only_by_its_path_gets_its_text_embedded(make_window, tmp_path, example_path):
    import json
    import shutil

    raw = json.loads(example_path.read_text("utf-8"))
    del raw["metadata"]["sources"][0]["text"]  # as a version-1 map had it
    (tmp_path / "seeds").mkdir()
    shutil.copy(example_path.parents[1] / "seeds" / "ottawa-convention-withdrawal.txt", tmp_path / "seeds")
    (tmp_path / "maps").mkdir()
    path = tmp_path / "maps" / "old.argmap.json"
    path.write_text(json.dumps(raw), "utf-8")
    w = make_window()
    assert w.files.open_path(str(path))
    panel = w.sources
    panel.show()
    panel.set_current_source("seed-ottawa")
    assert "not in the map" in panel.status.text() and panel.embed_action.isEnabled()
    assert panel.embed_current()
    assert w.document.map.meta.sources[0].text.startswith("Poland and Baltic States")
    assert panel.status.text() == "7 of 9 paragraphs used"
    w.document.undo_stack.undo()
    assert w.document.map.meta.sources[0].text == ""
