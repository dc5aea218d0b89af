"""The window against broken and foreign files: opening, importing, saving where it
cannot, pasting garbage and exporting to an impossible path each show an error naming
the file (or do nothing) and leave the open document as it was."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QMimeData
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox

from argmap.formats import dumps_project, load_project
from argmap.model import change_statement
from argmap.ui.clipboard import MIME_TYPE
from tests.ui.window_support import OFFSCREEN_NOISE, dialogs, isolated_env, make_window, open_copy  # noqa: F401

pytestmark = OFFSCREEN_NOISE
B = QMessageBox.StandardButton

_GOOD_HEAD = b'{"format": "argmap", "schema_version": 1, "metadata": {}, "statements": ['

#: name -> bytes (None: make a folder of that name)
BROKEN = {
    "truncated.argmap.json": _GOOD_HEAD,
    "garbage-first.argmap.json": b"x" + _GOOD_HEAD + b"]}",
    "nul.argmap.json": _GOOD_HEAD[:20] + b"\x00" + _GOOD_HEAD[20:],
    "utf16.argmap.json": _GOOD_HEAD.decode().encode("utf-16"),
    "empty.argmap.json": b"",
    "bom-only.argmap.json": b"\xef\xbb\xbf\n",
    "deep.argmap.json": b"[" * 100_000 + b"]" * 100_000,
    "folder.argmap.json": None,
}
#: foreign files argmap cannot read, for File > Import...
FOREIGN = {
    **BROKEN,
    "walton.yml": b"meta:\n  title: Walton\nstatements:\n  s1:\n    text: A claim\n",
    "lkif.xml": b"<?xml version='1.0'?><lkif><argument-graph/></lkif>",
    "broken.graphml": b"<?xml version='1.0'?><graphml><graph><node",
    "nul.argdown": b"[A]: text\x00\n",
    "not-aif.json": b'{"hello": "world"}',
    "dtd.graphml": b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><graphml>&a;</graphml>',
}


def _make(tmp_path, name, data):
    path = tmp_path / "in" / name
    path.parent.mkdir(exist_ok=True)
    if data is None:
        path.mkdir()
    else:
        path.write_bytes(data)
    return path


def _with_example(make_window, tmp_path, example_path):
    w = make_window()
    assert w.files.open_path(str(open_copy(tmp_path, example_path)))
    w.apply_edit(change_statement(w.document.map, w.document.map.statements()[0].id, text="unsaved work"))
    return w, w.document, dumps_project(w.document.map)


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_opening_a_broken_file_shows_an_error_and_keeps_the_document(make_window, dialogs, tmp_path, example_path, name):
    w, doc, before = _with_example(make_window, tmp_path, example_path)
    path = _make(tmp_path, name, BROKEN[name])
    assert not w.files.open_path(str(path))
    kind, _title, message = dialogs.shown[-1]
    assert kind == "critical" and name in message
    assert "Traceback" not in message and len(message.splitlines()) == 1
    assert w.document is doc and doc.is_modified() and dumps_project(doc.map) == before
    assert len(w.session.windows) == 1


@pytest.mark.parametrize("name", sorted(FOREIGN))
def test_importing_a_broken_foreign_file_shows_an_error(make_window, dialogs, tmp_path, example_path, name):
    w, doc, before = _with_example(make_window, tmp_path, example_path)
    dialogs.open_file = str(_make(tmp_path, name, FOREIGN[name]))
    w.files.file_import()
    kind, _title, message = dialogs.shown[-1]
    assert kind == "critical" and name in message
    assert w.document is doc and dumps_project(doc.map) == before
    assert len(w.session.windows) == 1


def test_save_as_where_no_file_can_be_made_keeps_the_document_modified(make_window, dialogs, tmp_path, example_path):
    w, doc, before = _with_example(make_window, tmp_path, example_path)
    old = doc.path
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where a folder should be", encoding="utf-8")
    dialogs.save_file = str(blocker / "map.argmap.json")
    assert not w.files.file_save_as()
    kind, _title, message = dialogs.shown[-1]
    assert kind == "critical" and "map.argmap.json" in message
    assert doc.is_modified() and doc.path == old and dumps_project(doc.map) == before
    assert load_project(old).map.statements()[0].text != "unsaved work"


def test_save_into_a_read_only_folder_keeps_the_document_modified(make_window, dialogs, tmp_path, example_path, monkeypatch):
    import argmap.formats.atomic as atomic

    w, doc, before = _with_example(make_window, tmp_path, example_path)

    def refused(*_a, **_k):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(atomic.tempfile, "mkstemp", refused)
    assert not w.files.file_save()
    kind, _title, message = dialogs.shown[-1]
    assert kind == "critical" and "Permission denied" in message and "map.argmap.json" in message
    assert doc.is_modified() and dumps_project(doc.map) == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == ["map.argmap.json"]


@pytest.mark.parametrize(
    "payload",
    [
        b"not json at all",
        b"",
        b"\x00\xff\xfe garbage",
        b'{"format": "argmap", "schema_version": 999}',
        b'{"format": "argmap", "schema_version": 1, "statements": [{"id": "a"}]}',
        b"[" * 50_000,
        json.dumps({"format": "argmap", "schema_version": 1, "statements": "\ud800"}).encode(),
    ],
)
def test_pasting_garbage_map_data_changes_nothing(make_window, dialogs, tmp_path, example_path, payload):
    w, doc, before = _with_example(make_window, tmp_path, example_path)
    steps = doc.undo_stack.count()
    mime = QMimeData()
    mime.setData(MIME_TYPE, payload)
    QGuiApplication.clipboard().setMimeData(mime)
    w.commands.edit_paste()
    assert dumps_project(doc.map) == before and doc.undo_stack.count() == steps
    QGuiApplication.clipboard().clear()


@pytest.mark.parametrize("text", ["<script>alert(1)</script>", "[A]: Argdown\n  + [B]: text", "\x00\ud7ff\u2028"])
def test_pasting_foreign_text_changes_nothing(make_window, dialogs, tmp_path, example_path, text):
    w, doc, before = _with_example(make_window, tmp_path, example_path)
    steps = doc.undo_stack.count()
    QGuiApplication.clipboard().setText(text)
    w.commands.edit_paste()
    assert dumps_project(doc.map) == before and doc.undo_stack.count() == steps
    QGuiApplication.clipboard().clear()


@pytest.mark.parametrize("where", ["missing-folder/out.md", "a-file/out.md", "a-folder.md"])
def test_export_dialog_to_an_impossible_path_warns_and_writes_nothing(make_window, dialogs, tmp_path, example_path, monkeypatch, where):
    from PySide6.QtWidgets import QFileDialog

    from argmap.ui.render.export_dialog import ExportDialog

    w, doc, _before = _with_example(make_window, tmp_path, example_path)
    out = tmp_path / "out"
    out.mkdir()
    (out / "a-file").write_text("x", encoding="utf-8")
    (out / "a-folder.md").mkdir()
    dialog = ExportDialog(doc, [])
    dialog.format_box.setCurrentIndex(dialog.format_box.findData("md"))
    assert dialog.format() == "md"
    target = str(out / where)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (target, "")))
    dialog._on_export_clicked()
    kind, _title, message = dialogs.shown[-1]
    assert kind == "warning" and str(out / where) in message
    assert sorted(p.name for p in out.rglob("*")) == ["a-file", "a-folder.md"]
    dialog.deleteLater()
