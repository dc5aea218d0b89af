"""Inspector: every field of a statement (with the source of evidence), a link and the
map commits as one undoable edit; model changes reload the fields."""

from __future__ import annotations

from argmap.model import ArgumentMap, Basis, Link, LinkKind, Statement, StatementKind, Strength, change_statement
from argmap.ui.panels.inspector import InspectorPanel


def _setup(qtbot):
    amap = ArgumentMap()
    amap.add_statement(Statement("a", StatementKind.CLAIM, "A", pos=(0.0, 0.0)))
    amap.add_statement(Statement("b", StatementKind.POSITION, "B", pos=(0.0, 200.0)))
    amap.add_statement(Statement("c", StatementKind.CLAIM, "C", pos=(300.0, 200.0)))
    amap.add_link(Link("l", LinkKind.SUPPORT, ("a",), "b"))
    edits = []

    def apply(edit):
        edit.apply(amap)
        edits.append(edit)

    panel = InspectorPanel()
    qtbot.addWidget(panel)
    panel.set_map(amap, apply)
    return amap, edits, panel


def test_statement_fields_commit_one_edit_each(qtbot):
    amap, edits, panel = _setup(qtbot)
    panel.show_ids(["a"])
    assert panel.stack.currentWidget() is panel.statement_page
    assert not panel.source_box.isVisibleTo(panel)
    panel.notes.setPlainText("my note")
    panel.notes.committed.emit()
    panel.tags.setText("econ,  law, econ")
    panel.tags.editingFinished.emit()
    panel.kind.setCurrentIndex(panel.kind.findData(StatementKind.EVIDENCE))
    panel.kind.activated.emit(panel.kind.currentIndex())
    s = amap.statement("a")
    assert s.notes == "my note" and s.tags == ("econ", "law") and s.kind is StatementKind.EVIDENCE
    assert len(edits) == 3 and panel.source_box.isVisibleTo(panel)
    for name, widget, value in (("citation", panel.citation, "Reuters 2025"), ("url", panel.url, "https://example.org"),
                                ("locator", panel.locator, "para. 3"), ("date", panel.date, "2025-03-18")):
        widget.setText(value)
        widget.editingFinished.emit()
        assert getattr(amap.statement("a").source, name) == value
    panel.quotation.setPlainText("\u201cwe will\u201d")
    panel.quotation.committed.emit()
    panel.basis.setCurrentIndex(panel.basis.findData(Basis.NEWS_REPORT))
    panel.basis.activated.emit(panel.basis.currentIndex())
    src = amap.statement("a").source
    assert src.quotation == "\u201cwe will\u201d" and src.basis is Basis.NEWS_REPORT
    assert len(edits) == 9
    # an outside change reloads the fields
    change_statement(amap, "a", notes="from elsewhere").apply(amap)
    assert panel.notes.toPlainText() == "from elsewhere"


def test_link_fields_and_reconnect(qtbot):
    amap, edits, panel = _setup(qtbot)
    panel.show_ids(["l"])
    assert panel.stack.currentWidget() is panel.link_page
    panel.strength.setCurrentIndex(panel.strength.findData(Strength.WEAK))
    panel.strength.activated.emit(0)
    panel.target.setCurrentIndex(panel.target.findData("c"))
    panel.target.activated.emit(0)
    panel.scheme.setText("expert opinion")
    panel.scheme.editingFinished.emit()
    link = amap.link("l")
    assert (link.strength, link.target, link.scheme) == (Strength.WEAK, "c", "expert opinion")
    assert [e.label for e in edits] == ["Rate link", "Reconnect link", "Edit scheme"]
    assert not panel.remove_premise.isEnabled()


def test_map_page_and_multi_selection(qtbot):
    amap, edits, panel = _setup(qtbot)
    panel.show_ids([])
    assert panel.stack.currentWidget() is panel.map_page
    panel.map_title.setText("My debate")
    panel.map_title.editingFinished.emit()
    assert amap.meta.title == "My debate" and edits[-1].label == "Edit map properties"
    panel.show_ids(["a", "b"])
    assert "2 items" in panel.empty_label.text()


def test_student_description_is_edited_apart_from_the_teachers_notes(qtbot):
    from PySide6.QtCore import Qt

    amap, edits, panel = _setup(qtbot)
    panel.show_ids([])
    field = panel.map_student_description
    field.setFocus()
    qtbot.keyClicks(field, "Map the article.")
    qtbot.keyClick(field, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert amap.meta.student_description == "Map the article."
    assert amap.meta.description == ""
    edits[-1].revert(amap)
    assert amap.meta.student_description == ""
