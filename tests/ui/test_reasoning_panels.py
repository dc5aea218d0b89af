"""The Evaluation and Checks docks: explanations, debounced refresh after edits,
what-if switches that never touch the document, preferred views, clickable findings."""

from __future__ import annotations

from PySide6.QtCore import Qt

from argmap.model import RemoveItems, Statement, change_statement, connect
from argmap.reasoning import Label, check_map
from argmap.ui.document import Document
from argmap.ui.panels.checks import ChecksPanel
from argmap.ui.panels.evaluation import ASSUMED_BADGE, EvaluationPanel, badge_pixmap

from tests.reasoning.maps import K, cycle, make_map
from tests.ui.window_support import OFFSCREEN_NOISE


def baltic_document() -> Document:
    amap = make_map(
        {
            "q": (K.QUESTION, "Leave the convention?"),
            "p": Statement("p", K.POSITION, "Limited Russian capacity", answers="q"),
            "p2": Statement("p2", K.POSITION, "Deterrence need", answers="q"),
            "r": (K.REBUTTAL, "Russia announced more troops near the Baltic states"),
            "e": (K.CLAIM, "Forces tied down in Ukraine"),
            "u": (K.REBUTTAL, "An announcement is not a deployment"),
        },
        [("s", "support", "e", "p"), ("a", "attack", "r", "p")],
    )
    return Document(amap)


def test_explains_the_selected_statement_and_sends_badges(qtbot):
    doc = baltic_document()
    panel = EvaluationPanel(doc)
    qtbot.addWidget(panel)
    assert panel.badges()["p"] == "OUT" and panel.badges()["r"] == "IN"
    panel.show_ids(["p"])
    assert "'Russia announced more troops near the Baltic states' defeats 'Limited Russian capacity'" in (
        panel.explanation_label.text()
    )
    assert panel.title_label.text().endswith("defeated")
    assert panel.rating_label.text() == ""  # the student set no ratings: no suggestion shown
    assert panel.takes_label.text() == "Working\u2026"
    qtbot.waitUntil(lambda: "would stand if you rejected 'Russia announced" in panel.takes_label.text())
    assert panel.badges()["p2"] == "IN \u00b7 unsupported"
    panel.show_ids([])
    assert "Select a statement" in panel.explanation_label.text()


def test_refreshes_after_an_edit_with_debounce(qtbot):
    doc = baltic_document()
    panel = EvaluationPanel(doc)
    qtbot.addWidget(panel)
    panel.show_ids(["p"])
    with qtbot.waitSignal(panel.badgesChanged, timeout=2000) as blocker:
        doc.apply(connect(doc.map, "u", "r", "attack", link_id="c"))
        assert panel.badges()["p"] == "OUT"  # not yet: the refresh waits for a quiet moment
    assert blocker.args[0]["p"] == "IN" and blocker.args[0]["r"] == "OUT"
    assert "is IN: no attack on it succeeds" in panel.explanation_label.text()
    doc.undo_stack.undo()
    qtbot.waitUntil(lambda: panel.badges()["p"] == "OUT", timeout=2000)


def test_text_edits_update_the_explanation(qtbot):
    doc = baltic_document()
    panel = EvaluationPanel(doc)
    qtbot.addWidget(panel)
    panel.show_ids(["p"])
    doc.apply(change_statement(doc.map, "r", text="Troops were announced"))
    qtbot.waitUntil(lambda: "'Troops were announced'" in panel.explanation_label.text(), timeout=2000)


def test_what_if_is_marked_and_never_saved(qtbot):
    doc = baltic_document()
    panel = EvaluationPanel(doc)
    qtbot.addWidget(panel)
    before = doc.map.copy()
    panel.show_ids(["r"])
    assert panel.reject_button.isEnabled()
    with qtbot.waitSignal(panel.badgesChanged, timeout=1000) as blocker:
        panel.reject_button.click()
    badges = blocker.args[0]
    assert badges["r"] == ASSUMED_BADGE["rejected"] and badges["p"] == "IN"
    assert panel.assumptions() == {"r": "rejected"}
    assert "not saved" in panel.assumptions_label.text()
    assert "you assumed it rejected" in panel.explanation_label.text()
    changed = [panel.changes_list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(panel.changes_list.count())]
    assert changed == ["p", "r"]
    assert not panel.semantics_box.isEnabled()  # a what-if is grounded
    with qtbot.waitSignal(panel.statementActivated, timeout=1000) as clicked:
        panel.changes_list.itemClicked.emit(panel.changes_list.item(0))
    assert clicked.args == ["p"]
    assert doc.map == before and not doc.is_modified() and doc.undo_stack.count() == 0
    panel.as_is_button.click()
    assert panel.assumptions() == {} and panel.badges()["p"] == "OUT"
    panel.assume("r", "rejected")
    panel.clear_assumptions()
    assert panel.badges()["r"] == "IN"


def test_assumption_on_a_deleted_statement_is_dropped(qtbot):
    doc = baltic_document()
    panel = EvaluationPanel(doc)
    qtbot.addWidget(panel)
    panel.assume("u", "accepted")
    doc.apply(RemoveItems.build(doc.map, ["u"]))
    qtbot.waitUntil(lambda: panel.assumptions() == {}, timeout=2000)
    assert "u" not in panel.badges()


def test_preferred_semantics_offers_each_point_of_view(qtbot):
    doc = Document(cycle("a", "b"))
    panel = EvaluationPanel(doc)
    qtbot.addWidget(panel)
    assert panel.badges() == {"a": "UND", "b": "UND"}
    panel.set_semantics("preferred")
    assert panel.extension_box.count() == 2 and panel.extension_box.isEnabled()
    assert panel.badges() == {"a": "IN", "b": "OUT"}
    panel.extension_box.setCurrentIndex(1)
    assert panel.badges() == {"a": "OUT", "b": "IN"}
    assert panel.labelling().semantics == "preferred"
    panel.set_semantics("grounded")
    assert panel.labelling()["a"] is Label.UNDECIDED


def test_document_switch_and_no_document(qtbot):
    panel = EvaluationPanel()
    qtbot.addWidget(panel)
    assert panel.title_label.text() == "No map open."
    doc = baltic_document()
    panel.set_document(doc)
    panel.assume("r", "rejected")
    panel.set_document(Document(cycle("a", "b")))
    assert panel.assumptions() == {}
    doc.apply(connect(doc.map, "u", "r", "attack", link_id="c"))  # the old document no longer matters
    assert set(panel.badges()) == {"a", "b"}


def test_legend_badges_are_drawn(qtbot):
    panel = EvaluationPanel()
    qtbot.addWidget(panel)
    assert panel.legend_layout.rowCount() == 6
    for label in ("IN", "OUT", "UND"):
        pm = badge_pixmap(label, "colorblind")
        assert not pm.isNull() and pm.width() > 10
    panel.set_theme("greyscale")
    assert panel.legend_layout.rowCount() == 6


def test_checks_panel_lists_findings_and_activates_statements(qtbot):
    doc = baltic_document()
    panel = ChecksPanel(doc)
    qtbot.addWidget(panel)
    found = {(f.code, f.id) for f in panel.findings()}
    assert ("position-no-support", "p2") in found
    assert ("isolated-statement", "u") in found
    assert panel.tree.topLevelItemCount() == len(panel.findings())
    row = next(
        panel.tree.topLevelItem(i)
        for i in range(panel.tree.topLevelItemCount())
        if panel.tree.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole) == "u"
    )
    with qtbot.waitSignal(panel.statementActivated, timeout=1000) as blocker:
        panel.tree.itemClicked.emit(row, 1)
    assert blocker.args == ["u"]
    doc.apply(connect(doc.map, "u", "r", "attack", link_id="c"))
    qtbot.waitUntil(lambda: ("isolated-statement", "u") not in {(f.code, f.id) for f in panel.findings()}, timeout=2000)
    panel.level_box.setCurrentIndex(2)  # errors only
    assert panel.tree.topLevelItemCount() == 0
    assert "0 errors" in panel.summary_label.text()


def test_checks_panel_without_document(qtbot):
    panel = ChecksPanel()
    qtbot.addWidget(panel)
    assert panel.findings() == [] and panel.summary_label.text() == "No map open."
    panel.set_document(Document(make_map({"a": (K.CLAIM, "")})))
    assert [f.code for f in panel.findings()] == ["empty-text", "isolated-statement"]


@OFFSCREEN_NOISE
def test_lazy_panel_explains_only_when_shown_and_keeps_badges_current(qtbot):
    doc = baltic_document()
    panel = EvaluationPanel(doc)
    qtbot.addWidget(panel)
    panel.set_lazy(True)
    panel.show_ids(["p"])
    assert "OUT" not in panel.title_label.text()  # hidden: nothing written
    doc.apply(connect(doc.map, "u", "r", "attack", link_id="c"))
    qtbot.waitUntil(lambda: panel.badges()["p"] == "IN", timeout=2000)  # badges stay current
    panel.show()
    qtbot.waitUntil(panel.isVisible, timeout=1000)
    assert panel.title_label.text().endswith("stands")
    assert "no attack on it succeeds" in panel.explanation_label.text()


@OFFSCREEN_NOISE
def test_checks_wait_while_busy(qtbot):
    doc = baltic_document()
    panel = ChecksPanel(doc)
    qtbot.addWidget(panel)
    busy = [True]
    panel.set_busy_check(lambda: busy[0])
    panel.show()
    qtbot.waitUntil(panel.isVisible, timeout=1000)
    doc.apply(connect(doc.map, "u", "r", "attack", link_id="c"))
    qtbot.wait(400)
    assert panel.is_pending() and ("isolated-statement", "u") in {(f.code, f.id) for f in panel.findings()}
    busy[0] = False
    qtbot.waitUntil(lambda: not panel.is_pending(), timeout=2000)
    assert ("isolated-statement", "u") not in {(f.code, f.id) for f in panel.findings()}
    panel.set_document(Document(make_map({"a": (K.CLAIM, "")})))
    assert [f.code for f in panel.findings()] == ["empty-text", "isolated-statement"]


def _rows(panel) -> list[tuple[str | None, str]]:
    tree = panel.tree
    return [
        (tree.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole), tree.topLevelItem(i).text(1))
        for i in range(tree.topLevelItemCount())
    ]


def test_checks_panel_edits_rows_in_place_and_follows_undo(qtbot, tmp_path):
    doc = baltic_document()
    panel = ChecksPanel(doc)
    qtbot.addWidget(panel)
    kept = panel.tree.topLevelItem(0)  # p2 has no support: no edit below touches it
    kept_id = kept.data(0, Qt.ItemDataRole.UserRole)
    edits = [
        change_statement(doc.map, "e", text=""),  # an error row appears
        change_statement(doc.map, "u", text="Forces tied down in Ukraine."),  # duplicate of e's old text
        connect(doc.map, "u", "r", "attack", link_id="c"),
        change_statement(doc.map, "r", title="Troops"),  # no finding names r
    ]
    for edit in edits:
        doc.apply(edit)
        panel.refresh_now()
        expected = check_map(doc.map)
        assert panel.findings() == expected
        assert _rows(panel) == [(f.id, f.message) for f in expected]
    assert ("empty-text", "e") in {(f.code, f.id) for f in panel.findings()}
    assert any(panel.tree.topLevelItem(i) is kept for i in range(panel.tree.topLevelItemCount()))
    assert kept.data(0, Qt.ItemDataRole.UserRole) == kept_id
    panel.level_box.setCurrentIndex(2)  # errors only: rows are the errors, edited in place too
    doc.undo_stack.undo()
    doc.undo_stack.undo()
    panel.refresh_now()
    assert _rows(panel) == [(f.id, f.message) for f in check_map(doc.map) if f.severity.rank == 0]
    assert "1 error" in panel.summary_label.text()
    while doc.undo_stack.canUndo():
        doc.undo_stack.undo()
    panel.refresh_now()
    assert panel.tree.topLevelItemCount() == 0 and panel.findings() == check_map(doc.map)
    panel.level_box.setCurrentIndex(0)
    assert _rows(panel) == [(f.id, f.message) for f in check_map(doc.map)]


def test_checks_panel_rechecks_quotations_when_the_project_moves(qtbot, tmp_path):
    from argmap.model import MapMeta, Source, SourceDocument

    (tmp_path / "seed.txt").write_text("The ministers met.", encoding="utf-8")
    amap = make_map(
        {"e": Statement("e", K.EVIDENCE, "t", source=Source(citation="Seed", quotation="they never met")),
         "c": (K.CLAIM, "c")},
        [("l", "support", "e", "c")],
        meta=MapMeta(sources=(SourceDocument("seed", "Seed", path="seed.txt"),)),
    )
    doc = Document(amap)
    panel = ChecksPanel(doc)
    qtbot.addWidget(panel)
    assert [f.code for f in panel.findings()] == ["source-document-missing"]
    doc.set_path(tmp_path / "map.argmap.json")
    qtbot.waitUntil(lambda: [f.code for f in panel.findings()] == ["quote-not-found"], timeout=2000)
    assert panel.summary_label.text() == "1 error, 0 warnings, 0 notes"


def test_panels_follow_the_maps_change_records_not_the_undo_stack(qtbot):
    """The evaluation and checks docks refresh from the records the map sends: a change
    that does not go through the undo stack (a reload, a script) still shows."""
    doc = baltic_document()
    evaluation, checks = EvaluationPanel(doc), ChecksPanel(doc)
    qtbot.addWidget(evaluation)
    qtbot.addWidget(checks)
    assert evaluation.badges()["p"] == "OUT" and not evaluation.is_pending()
    connect(doc.map, "u", "r", "attack", link_id="c").apply(doc.map)  # no Document.edited
    assert evaluation.is_pending()
    qtbot.waitUntil(lambda: evaluation.badges().get("p") == "IN", timeout=3000)
    evaluation.set_document(None)
    checks.set_document(None)
    change_statement(doc.map, "e", text="changed after the docks let go").apply(doc.map)  # no subscriber left to fail
