"""First start: the start page without recent maps offers the example, the templates and
how to begin; an old-format file says, on opening, that it was upgraded."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from argmap.formats import load_project, save_project
from argmap.formats.project_schema import SCHEMA_VERSION
from argmap.ui import start_page
from tests.ui.window_support import OFFSCREEN_NOISE, dialogs, isolated_env, make_window  # noqa: F401

pytestmark = OFFSCREEN_NOISE
OLD = Path(__file__).resolve().parents[1] / "formats" / "data" / "project-v0.argmap.json"


@pytest.fixture
def template_dir(tmp_path, example_path, monkeypatch):
    folder = tmp_path / "templates"
    folder.mkdir()
    doc = json.loads(example_path.read_text(encoding="utf-8"))
    doc["metadata"]["title"] = "Pro and contra"
    (folder / "b-pro-and-contra.argmap.json").write_text(json.dumps(doc), encoding="utf-8")
    doc["metadata"]["title"] = ""
    (folder / "a-question-with-positions.argmap.json").write_text(json.dumps(doc), encoding="utf-8")
    (folder / "c-broken.argmap.json").write_text("{oops", encoding="utf-8")
    (folder / "notes.txt").write_text("not a template", encoding="utf-8")
    monkeypatch.setattr(start_page, "template_folder", lambda: folder)
    return folder


def test_templates_are_listed_by_file_name_with_their_titles(template_dir):
    found = start_page.templates()
    assert [title for title, _ in found] == ["A question with positions", "Pro and contra"]
    assert all(path.endswith(".argmap.json") for _, path in found)


def test_no_templates_folder_means_no_templates(tmp_path):
    assert start_page.templates(tmp_path / "missing") == []


def test_first_start_offers_example_templates_and_how_to_begin(make_window, template_dir, qtbot):
    w = make_window()
    page = w.start_page
    assert w.stack.currentWidget() is w.start_scroll
    assert page.first_steps.isVisible() and not page.recent.isVisible()
    assert "How to begin" in page.how_to_begin.text()
    assert page.example_button.isVisible()
    assert [b.text() for b in page.template_buttons] == ["A question with positions", "Pro and contra"]
    qtbot.mouseClick(page.template_buttons[1], Qt.MouseButton.LeftButton)
    assert w.document is not None
    assert w.document.path == "" and w.document.map.meta.title == "Pro and contra"
    assert len(w.document.map) > 20
    # once there are recent maps, they take the place of the first steps
    page.set_recent(["/tmp/somewhere/debate.argmap.json"])
    assert not page.first_steps.isVisibleTo(page) and page.recent.isVisibleTo(page)


def test_start_page_without_templates_has_no_template_buttons(make_window, tmp_path, monkeypatch):
    monkeypatch.setattr(start_page, "template_folder", lambda: tmp_path / "none")
    w = make_window()
    assert w.start_page.template_buttons == []
    assert w.start_page.first_steps.isVisible()


def current_copy(example_path: Path, path: Path) -> Path:
    """The example saved in the current format (whatever version the example file has)."""
    save_project(path, load_project(example_path).map)
    return path


def test_loader_reports_the_files_original_version(tmp_path, example_path):
    old = load_project(OLD)
    assert old.file_version == 0 and old.upgraded
    current = load_project(current_copy(example_path, tmp_path / "current.argmap.json"))
    assert current.file_version == SCHEMA_VERSION and not current.upgraded


def test_opening_an_old_file_says_it_was_upgraded_once_until_saved(make_window, dialogs, tmp_path):
    path = tmp_path / "old.argmap.json"
    shutil.copy(OLD, path)
    w = make_window()
    assert w.files.open_path(str(path))
    notes = [(k, t, m) for k, t, m in dialogs.shown if k == "information"]
    assert len(notes) == 1
    _kind, title, message = notes[0]
    assert title == "Map upgraded"
    assert "old.argmap.json" in message and "file format 0" in message
    assert "older versions of argmap can no longer read" in message
    assert w.files.save_document()
    w.files.file_close()
    dialogs.shown.clear()
    assert w.files.open_path(str(path))  # saved in the current format: nothing to say
    assert [k for k, _t, _m in dialogs.shown if k == "information"] == []


def test_opening_a_current_file_says_nothing(make_window, dialogs, tmp_path, example_path):
    path = current_copy(example_path, tmp_path / "new.argmap.json")
    w = make_window()
    assert w.files.open_path(str(path))
    assert "information" not in dialogs.kinds()
