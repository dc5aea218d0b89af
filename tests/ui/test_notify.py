"""One notification path: every view follows the map's change records by itself, so an
edit made directly on the model (not through the window or the document) reaches them
all; ``Document.edited`` only says that the undo stack moved."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QApplication

from argmap.model import Statement, StatementKind, change_statement, connect
from argmap.model.types import SourceDocument
from tests.ui.window_support import OFFSCREEN_NOISE, dialogs, isolated_env, make_window, open_copy  # noqa: F401

pytestmark = OFFSCREEN_NOISE


def _child_ids(model, id_):
    node = model.find_path(id_)[-1]
    return [n.id for n in model.child_nodes(node)]


def test_an_edit_made_on_the_model_reaches_every_view(make_window, tmp_path, example_path, qtbot):
    w = make_window()
    w.files.open_path(str(open_copy(tmp_path, example_path)))
    doc, amap, outline = w.document, w.document.map, w.outline.model
    w.checks.show()
    w.checks.refresh_now()
    w.evaluation.refresh_now()
    pos = amap.positions(amap.questions()[0].id)[0].id
    assert "zz" not in _child_ids(outline, pos)  # the rows under the position are built
    w.commands.edit_find()
    w.find_bar.edit.setText("zebrawords")
    assert w.find_bar.hits() == []
    w.select([pos])
    w.commands.view_collapse()
    counts = w.counts_label.text()
    sources = w.sources.picker.count()
    edited = []
    doc.edited.connect(lambda: edited.append(1))

    # straight on the model: no window, no document, no undo step
    amap.add_statement(Statement("zz", StatementKind.EVIDENCE, "Evidence with zebrawords in it", pos=(0.0, 0.0)))
    edit = connect(amap, ["zz"], pos, "support")
    edit.apply(amap)
    link = next(l.id for l in amap.links_from("zz"))
    amap.set_meta(replace(amap.meta, sources=(*amap.meta.sources, SourceDocument("doc-z", "Zebra notes", text="Zebras.\n"))))
    QApplication.processEvents()  # the views follow once the edit is done (no timer waited for)

    assert edited == [] and doc.undo_stack.count() == 0
    assert "zz" in _child_ids(outline, pos)  # the outline row
    assert w.find_bar.hits() == ["zz"]  # the find bar searched again
    assert {"zz", link} <= w.scene.hidden_ids()  # under a collapsed statement: hidden too
    assert w.counts_label.text() != counts
    assert w.sources.picker.count() == sources + 1  # the sources panel
    qtbot.waitUntil(lambda: not w.evaluation.is_pending() and not w.checks.is_pending())
    assert "zz" in w.evaluation.labelling().labels  # the evaluation dock
    assert any(f.id == "zz" and f.code == "evidence-no-source" for f in w.checks.findings())  # the checks

    # and back, still on the model
    edit.revert(amap)
    amap.remove_statement("zz")
    QApplication.processEvents()
    assert "zz" not in _child_ids(outline, pos) and w.find_bar.hits() == []
    assert "zz" not in w.scene.hidden_ids() and w.counts_label.text() != ""


def test_a_text_edit_changes_one_outline_row_without_a_rebuild(make_window, tmp_path, example_path, qtbot):
    w = make_window()
    w.files.open_path(str(open_copy(tmp_path, example_path)))
    amap, outline = w.document.map, w.outline.model
    QApplication.processEvents()
    w.outline.complete()
    pos = amap.positions(amap.questions()[0].id)[0].id
    seen: list[str] = []
    outline.modelReset.connect(lambda: seen.append("reset"))
    outline.rowsInserted.connect(lambda *a: seen.append("inserted"))
    outline.rowsRemoved.connect(lambda *a: seen.append("removed"))
    outline.rowsMoved.connect(lambda *a: seen.append("moved"))
    outline.layoutChanged.connect(lambda *a: seen.append("layout"))
    changed: list[str] = []
    outline.dataChanged.connect(lambda first, last, *a: changed.append(outline.node(first).id))
    assert w.apply_edit(change_statement(amap, pos, text="A position, said again"))
    QApplication.processEvents()
    assert seen == []
    assert changed and set(changed) == {pos}
    w.commands.edit_undo()
    QApplication.processEvents()
    assert seen == [] and set(changed) == {pos}


def test_collapse_follows_an_undo_of_the_collapsed_statement(make_window, tmp_path, example_path, qtbot):
    w = make_window()
    w.files.open_path(str(open_copy(tmp_path, example_path)))
    amap = w.document.map
    pos = amap.positions(amap.questions()[0].id)[0].id
    under = amap.subtree(pos) - {pos}
    w.select([pos])
    w.commands.view_collapse()
    assert set(w.scene.hidden_ids()) == under
    w.select([pos])
    w.commands.edit_delete()
    QApplication.processEvents()
    assert pos not in amap and not w.scene.hidden_ids()  # the collapsed statement went
    w.commands.edit_undo()
    QApplication.processEvents()
    assert pos in amap and not w.scene.hidden_ids()  # it comes back open (collapse is forgotten)
