"""File > New from Template, Save as Template… and Export Assignment… in the window."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QInputDialog

from argmap.formats.project import load_project
from argmap.model import StatementKind, passages
from argmap.ui import template_actions
from argmap.ui.article_dialog import ArticleDialog
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


def test_ottawa_template_embeds_the_article(make_window, dialogs):
    w = make_window()
    template_action(w, "Ottawa Convention assignment").trigger()
    [doc] = w.document.map.meta.sources
    assert doc.text.startswith("Poland and Baltic States Withdraw") and "Ottawa Convention" in doc.text
    assert w.sources.isVisible() and w.sources.current_source().id == doc.id
    assert "In a decisive move" in w.sources.text.toPlainText()


def accept_article(monkeypatch, action):
    """The article dialog answers with ``action(dialog)`` (a real choice in it)."""

    def exec_(dialog: ArticleDialog):
        action(dialog)
        return dialog.result()

    monkeypatch.setattr(ArticleDialog, "exec", exec_)


def test_analyse_an_article_embeds_the_chosen_file(make_window, dialogs, monkeypatch, tmp_path):
    article = tmp_path / "article.html"
    article.write_text(
        "<html><head><title>Trees in towns</title><script>alert(1)</script></head>"
        "<body><h1>Trees in towns</h1><p>Trees cool streets.</p><p>Roots lift pavements.</p></body></html>",
        encoding="utf-8",
    )
    dialogs.open_file = str(article)
    accept_article(monkeypatch, lambda d: d.choose.click())
    w = make_window()
    template_action(w, "Analyse an article").trigger()
    [doc] = w.document.map.meta.sources
    assert doc.title == "Trees in towns" and "Roots lift pavements." in doc.text and "alert" not in doc.text
    assert passages.locate(doc.text, "Roots lift pavements", doc.title) == "para. 2"
    [e1] = [s for s in w.document.map.statements() if s.kind is StatementKind.EVIDENCE]
    assert e1.source.citation == doc.citation()
    assert w.sources.isVisible() and "Roots lift pavements." in w.sources.text.toPlainText()


def test_analyse_an_article_takes_pasted_text(make_window, dialogs, monkeypatch):
    def paste(d: ArticleDialog):
        d.ok = d.use_pasted_text()  # nothing pasted yet: it says so and stays open
        assert not d.ok and "empty" in d.problem.text()
        d.text_edit.setPlainText("A headline about trees\n\nFirst paragraph.\n\nSecond paragraph.")
        d.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()

    accept_article(monkeypatch, paste)
    w = make_window()
    template_action(w, "Analyse an article").trigger()
    [doc] = w.document.map.meta.sources
    assert doc.title == "A headline about trees" and doc.text.rstrip().endswith("Second paragraph.")
    assert w.sources.isVisible()


def test_analyse_an_article_with_a_bad_file_says_so_and_can_be_left(make_window, dialogs, monkeypatch, tmp_path):
    bad = tmp_path / "scan.pdf"
    bad.write_bytes(b"not a pdf at all")
    dialogs.open_file = str(bad)
    seen = []

    def choose_then_leave(d: ArticleDialog):
        d.choose.click()
        seen.append(d.problem.text())
        d.reject()

    accept_article(monkeypatch, choose_then_leave)
    w = make_window()
    template_action(w, "Analyse an article").trigger()
    assert "scan.pdf" in seen[0]
    [doc] = w.document.map.meta.sources
    assert not doc.text and w.sources.isVisible()  # the panel offers to add the article later


def test_save_as_template_then_it_is_offered(make_window, dialogs, monkeypatch, tmp_path, example_path):
    w = make_window()
    assert w.files.open_path(str(open_copy(tmp_path, example_path)))
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("My lesson", True)))
    w.actions_by_name["save_as_template"].trigger()
    saved = template_actions.templates_dir() / "my-lesson.argmap.json"
    assert saved.is_file()
    assert template_action(w, "My lesson") is not None


def test_export_assignment_from_the_menu(make_window, dialogs, monkeypatch, tmp_path, example_path):
    w = make_window()
    model = open_copy(tmp_path, example_path)
    assert w.files.open_path(str(model))
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


def test_students_open_the_starter_and_read_the_article_in_the_sources_panel(make_window, dialogs, monkeypatch, tmp_path, example_path):
    teacher = make_window()
    assert teacher.files.open_path(str(open_copy(tmp_path, example_path)))
    (tmp_path / "class").mkdir()
    out = tmp_path / "class" / "ottawa.argmap.json"

    def accept(dialog: AssignmentDialog):
        dialog.path_edit.setText(str(out))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(AssignmentDialog, "exec", accept)
    teacher.actions_by_name["export_assignment"].trigger()
    student = make_window()
    student.sources.show()
    student.tabifyDockWidget(student.outline_dock, student.sources)  # a saved layout: Sources in a tab
    student.outline_dock.raise_()
    QApplication.processEvents()
    assert student.sources.visibleRegion().isEmpty()  # behind the Outline's tab
    assert student.files.open_path(str(out))
    QApplication.processEvents()
    assert not student.sources.visibleRegion().isEmpty()  # brought to the front for the article
    assert not load_project(out).map.meta.description  # the teacher's notes stay with the model answer
    panel = student.sources
    assert panel.isVisible() and panel.current_source().title.startswith("Poland and Baltic States")
    shown = panel.text.toPlainText()
    assert "In a decisive move" in shown and "Finland is also contemplating" in shown
    assert "0 of" in panel.status.text()  # no card quotes it yet: every paragraph is still to use
