"""File > New from Template, Save as Template… and Export Assignment… in the window."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QInputDialog

from argmap.formats.project import load_project
from argmap.model import StatementKind
from argmap.ui import template_actions
from argmap.ui.template_actions import AssignmentDialog
from tests.ui.window_support import (  # noqa: F401
    OFFSCREEN_NOISE,
    dialogs,
    isolated_env,
    make_window,
    open_copy,
)

pytestmark = OFFSCREEN_NOISE


def template_action(w, name: str):
    menu = w.templates_menu
    menu.aboutToShow.emit()
    return next(a for a in menu.actions() if a.text() == name)


def test_new_from_template_opens_an_unsaved_map(make_window, dialogs):
    w = make_window()
    assert w.templates_menu.menuAction() in w.menus["File"].actions()
    template_action(w, "Pro and contra").trigger()
    doc = w.document
    assert doc is not None and doc.path == ""
    kinds = sorted(s.kind.value for s in doc.map.statements())
    assert kinds.count("rebuttal") == 2 and kinds.count("claim") == 2


def test_ottawa_template_links_the_article(make_window, dialogs):
    w = make_window()
    template_action(w, "Ottawa Convention assignment").trigger()
    [doc] = w.document.map.meta.sources
    assert doc.path.endswith("ottawa-convention-withdrawal.txt")
    from pathlib import Path

    assert Path(doc.path).is_absolute() and Path(doc.path).is_file()


def test_analyse_an_article_asks_for_the_article(make_window, dialogs, tmp_path):
    article = tmp_path / "article.txt"
    article.write_text("\nA headline about trees\n\nFirst paragraph.\n", encoding="utf-8")
    dialogs.open_file = str(article)
    w = make_window()
    template_action(w, "Analyse an article").trigger()
    [doc] = w.document.map.meta.sources
    assert doc.path == str(article) and doc.title == "A headline about trees"


def test_save_as_template_then_it_is_offered(make_window, dialogs, monkeypatch, tmp_path, example_path):
    w = make_window()
    assert w.open_path(str(open_copy(tmp_path, example_path)))
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("My lesson", True)))
    w.actions_by_name["save_as_template"].trigger()
    saved = template_actions.templates_dir() / "my-lesson.argmap.json"
    assert saved.is_file()
    assert template_action(w, "My lesson") is not None


def test_export_assignment_from_the_menu(make_window, dialogs, monkeypatch, tmp_path, example_path):
    w = make_window()
    model = open_copy(tmp_path, example_path)
    assert w.open_path(str(model))
    out = tmp_path / "class" / "ottawa.argmap.json"
    out.parent.mkdir()

    def accept(dialog: AssignmentDialog):
        assert dialog.path_edit.text().endswith("-starter.argmap.json")
        dialog.path_edit.setText(str(out))
        dialog.positions.setChecked(True)
        dialog.hints.setCurrentIndex(dialog.hints.findData("title"))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(AssignmentDialog, "exec", accept)
    w.actions_by_name["export_assignment"].trigger()
    assert sorted(p.name for p in out.parent.iterdir()) == ["ottawa-key.html", "ottawa-worksheet.html", "ottawa.argmap.json"]
    assert "Hint: Finland weighs the same step" in (out.parent / "ottawa-worksheet.html").read_text(encoding="utf-8")
    starter = load_project(out).map
    assert {s.kind for s in starter.statements()} == {StatementKind.QUESTION, StatementKind.POSITION}
