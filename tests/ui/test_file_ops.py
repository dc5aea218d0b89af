"""File commands in the window: open, save, save as, revert, modified marker, close
prompt (Save / Discard / Cancel), failed save, changed on disk, drop, recent files."""

from __future__ import annotations

import os

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QMessageBox

from argmap.formats import load_project, save_project
from argmap.model import MapMeta, change_statement
from argmap.ui.settings import recent_files
from tests.ui.window_support import OFFSCREEN_NOISE, dialogs, isolated_env, make_window, open_copy  # noqa: F401

pytestmark = OFFSCREEN_NOISE
B = QMessageBox.StandardButton


def _edit(w, text="changed"):
    amap = w.document.map
    sid = amap.statements()[0].id
    w.apply_edit(change_statement(amap, sid, text=text))
    return sid


def test_open_save_modified_marker_and_recent(make_window, dialogs, tmp_path, example_path):
    w = make_window()
    path = open_copy(tmp_path, example_path)
    assert w.files.open_path(str(path))
    assert w.windowTitle() == "map.argmap.json[*] \u2014 argmap" and not w.isWindowModified()
    assert recent_files()[0] == str(path)
    sid = _edit(w, "saved text")
    assert w.isWindowModified()
    assert w.files.file_save()
    assert not w.isWindowModified()
    assert load_project(path).map.statement(sid).text == "saved text"
    assert load_project(path).map.meta.modified  # stamped on save
    # opening the same file again just raises its window
    assert w.files.open_path(str(path)) and len(w.session.windows) == 1


def test_open_error_is_a_dialog_naming_the_file(make_window, dialogs, tmp_path):
    w = make_window()
    bad = tmp_path / "broken.argmap.json"
    bad.write_text('{"format": "argmap", "schema_version": 1, "statements": 3}', encoding="utf-8")
    assert not w.files.open_path(str(bad))
    kind, _title, message = dialogs.shown[-1]
    assert kind == "critical" and "broken.argmap.json" in message
    assert w.document is None
    assert not w.files.open_path(str(tmp_path / "missing.argmap.json"))
    assert "no such file" in dialogs.shown[-1][2]


def test_save_as_new_document_adds_extension(make_window, dialogs, tmp_path):
    w = make_window()
    w.files.file_new()
    w.commands.insert_question()
    # insert_question opened the inline editor; it must not block saving
    dialogs.save_file = str(tmp_path / "debate")
    assert w.files.file_save()
    assert (tmp_path / "debate.argmap.json").is_file()
    assert w.document.path == str(tmp_path / "debate.argmap.json")
    assert w.windowTitle().startswith("debate.argmap.json[*]")
    dialogs.save_file = ""  # cancelled dialog: nothing saved, still fine
    _edit(w)
    assert not w.files.file_save_as() and w.document.is_modified()


def test_revert(make_window, dialogs, tmp_path, example_path):
    w = make_window()
    path = open_copy(tmp_path, example_path)
    w.files.open_path(str(path))
    original = w.document.map.copy()
    _edit(w)
    dialogs.answers = [B.Cancel]
    w.files.file_revert()
    assert w.document.map != original
    dialogs.answers = [B.Discard]
    w.files.file_revert()
    assert w.document.map == original and not w.isWindowModified()
    assert w.outline.model.rowCount() == 1 and len(w.scene.statement_items()) == len(original.statements())


def test_close_prompt_save_discard_cancel(make_window, dialogs, tmp_path, example_path):
    w = make_window()
    path = open_copy(tmp_path, example_path)
    w.files.open_path(str(path))
    sid = _edit(w, "first change")
    dialogs.answers = [B.Cancel]
    assert not w.files.file_close() and w.document is not None
    assert dialogs.kinds()[-1] == "exec"
    dialogs.answers = [B.Save]
    assert w.files.file_close() and w.document is None
    assert load_project(path).map.statement(sid).text == "first change"
    w.files.open_path(str(path))
    _edit(w, "second change")
    dialogs.answers = [B.Discard]
    assert w.files.file_close()
    assert load_project(path).map.statement(sid).text == "first change"
    # the window's close button asks too
    w.files.open_path(str(path))
    _edit(w, "third change")
    dialogs.answers = [B.Cancel]
    assert not w.close() and w.isVisible()
    dialogs.answers = [B.Discard]
    assert w.close()


def test_failed_save_keeps_document_modified_and_old_file(make_window, dialogs, tmp_path, example_path, monkeypatch):
    w = make_window()
    path = open_copy(tmp_path, example_path)
    w.files.open_path(str(path))
    before = path.read_bytes()
    _edit(w)

    def no_space(*_a):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", no_space)
    assert not w.files.file_save()
    kind, _title, message = dialogs.shown[-1]
    assert kind == "critical" and str(path) in message and "No space left" in message
    assert w.isWindowModified() and w.document.is_modified()
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["config", "map.argmap.json"]
    # closing still asks, and a failing Save keeps the window open
    dialogs.answers = [B.Save]
    assert not w.close()


def test_changed_on_disk_warns_before_overwriting(make_window, dialogs, tmp_path, example_path):
    w = make_window()
    path = open_copy(tmp_path, example_path)
    w.files.open_path(str(path))
    sid = _edit(w, "mine")
    theirs = load_project(path).map
    theirs.set_meta(MapMeta(title="edited elsewhere"))
    save_project(path, theirs)
    dialogs.answers = [B.Cancel]
    assert not w.files.file_save()
    assert dialogs.shown[-1][0] == "exec" and "changed by another program" in dialogs.shown[-1][2]
    assert load_project(path).map.meta.title == "edited elsewhere" and w.document.is_modified()
    dialogs.answers = [B.Save]  # Overwrite
    assert w.files.file_save()
    assert load_project(path).map.statement(sid).text == "mine"


def test_drop_a_project_file_opens_it(make_window, dialogs, tmp_path, example_path, qtbot):
    w = make_window()
    path = open_copy(tmp_path, example_path)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    w.dropEvent(event)
    assert w.document is not None and w.document.path == str(path)


def test_layout_persists_in_settings(make_window, tmp_path):
    w = make_window()
    w.resize(701, 555)
    w.outline_dock.hide()
    w.close()
    assert (tmp_path / "config" / "argmap.ini").is_file()
    w2 = make_window()
    assert (w2.size().width(), w2.size().height()) == (701, 555)
    assert not w2.outline_dock.isVisibleTo(w2)


def test_import_opens_unsaved_document_with_report_and_export_other(make_window, dialogs, tmp_path, example_path):
    from argmap.formats import interchange

    w = make_window()
    src = tmp_path / "debate.argdown"
    interchange.write_any(load_project(example_path).map, src)
    dialogs.open_file = str(src)
    w.files.file_import()
    assert w.document is not None and w.document.path == "" and w.document.is_modified()
    assert len(w.document.map.statements()) == len(load_project(example_path).map.statements())
    assert all(s.pos is not None for s in w.document.map.statements())
    assert dialogs.shown[-1][0] == "information"
    dialogs.save_file = str(tmp_path / "out.graphml")
    w.files.file_export_other()
    assert (tmp_path / "out.graphml").read_text(encoding="utf-8").lstrip().startswith("<?xml")
    bad = tmp_path / "bad.argdown"
    bad.write_bytes(b"\xff\xfe not text")
    dialogs.open_file = str(bad)
    w.files.file_import()
    assert dialogs.shown[-1][0] == "critical" and "bad.argdown" in dialogs.shown[-1][2]
