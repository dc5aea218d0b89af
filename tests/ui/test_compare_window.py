"""File > Compare with Model Answer…: the dialog, the progress, the comparison window's
overlay (matched cards, misattached and wrong-arrow links, ghost cards for missing
statements, extras outlined) and the findings list selecting what it names, through
real mouse and keyboard events."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QPushButton

from argmap.formats import save_project
from argmap.ui.compare_actions import CompareDialog
from argmap.ui.compare_view import CompareWindow, GhostCard
from tests.compare.students import labelled_set
from tests.ui.window_support import OFFSCREEN_NOISE, dialogs, isolated_env, make_window  # noqa: F401

pytestmark = OFFSCREEN_NOISE


def hand_ins(tmp_path):
    folder = tmp_path / "hand-ins"
    folder.mkdir()
    students = {s.name: s for s in labelled_set()}
    for name in ("Ivo", "Jo"):  # Ivo: misattached and a wrong arrow; Jo: missing and extras
        save_project(folder / f"{name.lower()}.argmap.json", students[name].map)
    (folder / "broken.argmap.json").write_text("{", encoding="utf-8")
    return folder, students


def open_from_menu(w, monkeypatch, model, folder) -> CompareWindow:
    def fill_and_accept(dialog: CompareDialog):
        dialog.model_edit.setText(str(model))
        dialog.add_paths([str(folder)])
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(CompareDialog, "exec", fill_and_accept)
    w.actions_by_name["compare"].trigger()
    QApplication.processEvents()
    assert w.compare_windows, "no comparison window opened"
    return w.compare_windows[-1]


def click_row(qtbot, lst, row: int) -> None:
    item = lst.item(row)
    lst.scrollToItem(item)
    qtbot.mouseClick(lst.viewport(), Qt.MouseButton.LeftButton, pos=lst.visualItemRect(item).center())


def test_compare_from_the_file_menu_overlays_and_selects(make_window, dialogs, monkeypatch, tmp_path, example_path, qtbot):
    folder, students = hand_ins(tmp_path)
    w = make_window()
    cw = open_from_menu(w, monkeypatch, example_path, folder)
    # The broken file was reported, not fatal.
    assert any(kind == "information" and "broken.argmap.json" in text for kind, _t, text in dialogs.shown)
    assert cw.students.count() == 2
    assert cw.students.currentText().startswith("Ivo")
    c = cw.comparison
    overlay = cw.overlay
    assert set(overlay.marks) == {m.student for m in c.matched} | set(c.extra)
    flagged = {f.student for f in c.findings if f.kind in ("misattached", "wrong_polarity")}
    assert len(flagged) == 3 and set(overlay.arrows) == flagged
    # Click the wrong-arrow finding: the student's card it names is selected on the map.
    row = next(i for i, f in enumerate(c.findings) if f.kind == "wrong_polarity")
    click_row(qtbot, cw.findings, row)
    ivo = students["Ivo"]
    no_plans = next(sid for sid, mid in ivo.truth.items() if mid == "r-no-plans")
    assert cw.selected_targets() == [no_plans]
    # Switch to Jo with the keyboard: missing statements appear as ghost cards.
    cw.students.setFocus()
    qtbot.keyClick(cw.students, Qt.Key.Key_Down)
    assert cw.students.currentText().startswith("Jo")
    c = cw.comparison
    assert set(cw.overlay.ghosts) == set(c.missing) and len(c.missing) == 7
    ghosts = [i for i in cw.scene.items() if isinstance(i, GhostCard)]
    assert len(ghosts) == 7
    assert all(not g.sceneBoundingRect().intersects(cw.scene.card_rect_of(s.id)) for g in ghosts for s in c.student.statements())
    row = next(i for i, f in enumerate(c.findings) if f.kind == "missing" and f.model == "r-no-plans")
    click_row(qtbot, cw.findings, row)
    assert cw.selected_targets() == ["ghost:r-no-plans"]
    extra_row = next(i for i, f in enumerate(c.findings) if f.kind == "extra")
    click_row(qtbot, cw.findings, extra_row)
    assert cw.selected_targets() == [c.findings[extra_row].student]
    # The report is saved from the window (class page + feedback files).
    dialogs.save_file = str(tmp_path / "class.html")

    qtbot.mouseClick(cw.findChild(QPushButton, "compare_save"), Qt.MouseButton.LeftButton)
    assert (tmp_path / "class.html").is_file()
    assert sorted(p.name for p in (tmp_path / "class-feedback").iterdir()) == ["ivo.html", "jo.html"]
    cw.close()  # deleted on close, and forgotten by the main window
    qtbot.waitUntil(lambda: w.compare_windows == [])


def test_the_dialog_collects_files_and_compares_on_ok(qtbot, tmp_path, example_path):
    dialog = CompareDialog(None, str(example_path))
    qtbot.addWidget(dialog)
    dialog.add_paths([str(tmp_path / "a.argmap.json"), str(tmp_path / "a.argmap.json"), str(tmp_path)])
    assert dialog.paths() == [str(tmp_path / "a.argmap.json"), str(tmp_path)]
    dialog.show()
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_a_broken_model_answer_is_a_message_not_a_window(make_window, dialogs, monkeypatch, tmp_path):
    folder, _students = hand_ins(tmp_path)
    bad = tmp_path / "model.argmap.json"
    bad.write_text("not json", encoding="utf-8")
    w = make_window()

    def fill_and_accept(dialog: CompareDialog):
        dialog.model_edit.setText(str(bad))
        dialog.add_paths([str(folder)])
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(CompareDialog, "exec", fill_and_accept)
    w.actions_by_name["compare"].trigger()
    assert w.compare_windows == []
    assert any(kind == "warning" and "model answer cannot be used" in text for kind, _t, text in dialogs.shown)


def test_rubric_changed_in_the_window_rescores_and_is_saved(make_window, dialogs, monkeypatch, tmp_path, example_path):
    import shutil

    from argmap.compare import Rubric
    from argmap.formats.project import load_project
    from argmap.ui.compare_view import RubricDialog

    folder = tmp_path / "hand-ins"
    folder.mkdir()
    gus = next(s for s in labelled_set() if s.name == "Gus")  # five extras
    save_project(folder / "gus.argmap.json", gus.map)
    model = tmp_path / "model.argmap.json"
    shutil.copy(example_path, model)
    w = make_window()
    cw = open_from_menu(w, monkeypatch, model, folder)
    before = cw.comparison.score

    def set_weights(dialog: RubricDialog):
        dialog.boxes["extra"].setValue(4.0)
        dialog.save_check.setChecked(True)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(RubricDialog, "exec", set_weights)
    qtbot_click = cw.findChild(QPushButton, "compare_rubric")
    qtbot_click.click()
    assert cw.comparison.score < before
    assert cw.students.currentText().endswith(f"{cw.comparison.score}/100")
    assert Rubric.of_map(load_project(model).map.meta).extra == 4.0
    cw.close()
