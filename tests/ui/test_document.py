"""Document: one undo step per edit, modified flag, save/revert, changed-on-disk check."""

from __future__ import annotations

import os
import shutil

import pytest

from argmap.formats import WriteError, load_project
from argmap.model import AddStatement, MapError, Statement, StatementKind, change_statement, connect
from argmap.ui.document import Document, FileChangedOnDiskError
from tests.ui.window_support import isolated_env  # noqa: F401


def _claim(id_: str, text: str = "t") -> Statement:
    return Statement(id_, StatementKind.CLAIM, text, pos=(0.0, 0.0))


def test_apply_undo_redo_and_modified_flag(qtbot):
    doc = Document.new()
    seen: list[bool] = []
    doc.modifiedChanged.connect(seen.append)
    assert not doc.is_modified()
    doc.apply(AddStatement(_claim("a")))
    doc.apply(AddStatement(_claim("b")))
    doc.apply(connect(doc.map, "a", "b"))
    assert doc.is_modified() and seen == [True]
    assert doc.undo_stack.count() == 3
    assert doc.undo_stack.undoText() == "Connect statements"
    doc.undo_stack.undo()
    assert doc.map.links() == []
    doc.undo_stack.undo()
    doc.undo_stack.undo()
    assert len(doc.map) == 0 and not doc.is_modified() and seen == [True, False]
    doc.undo_stack.redo()
    assert doc.map.statement("a").text == "t"


def test_refused_edit_changes_nothing(qtbot):
    doc = Document.new()
    doc.apply(AddStatement(_claim("a")))
    with pytest.raises(MapError):
        doc.apply(connect(doc.map, "a", "missing"))
    assert doc.undo_stack.count() == 1 and doc.map.links() == []


def test_save_open_revert(tmp_path, qtbot, example_path):
    path = tmp_path / "m.argmap.json"
    doc = Document.new()
    doc.apply(AddStatement(_claim("a", "hello")))
    paths: list[str] = []
    doc.pathChanged.connect(paths.append)
    doc.save(path)
    assert not doc.is_modified() and paths == [str(path)]
    assert doc.map.meta.modified  # stamped at save, outside the undo history
    assert doc.undo_stack.count() == 1
    again = Document.open(path)
    assert again.map.statement("a").text == "hello"
    assert again.map == doc.map
    again.apply(change_statement(again.map, "a", text="changed"))
    assert again.is_modified()
    again.reload()
    assert again.map.statement("a").text == "hello"
    assert not again.is_modified() and again.undo_stack.count() == 0


def test_failed_save_keeps_document_modified_and_old_file(tmp_path, qtbot, monkeypatch):
    path = tmp_path / "m.argmap.json"
    doc = Document.new()
    doc.apply(AddStatement(_claim("a", "old")))
    doc.save(path)
    before = path.read_bytes()
    doc.apply(change_statement(doc.map, "a", text="new"))
    meta_before = doc.map.meta

    def boom(*_a, **_k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", boom)
    with pytest.raises(WriteError) as info:
        doc.save()
    assert str(path) in str(info.value) and "No space left" in str(info.value)
    assert doc.is_modified()
    assert path.read_bytes() == before
    assert doc.map.meta == meta_before
    assert [p.name for p in tmp_path.iterdir()] == ["m.argmap.json"]


def test_changed_on_disk_is_detected(tmp_path, qtbot, example_path):
    path = tmp_path / "x.argmap.json"
    shutil.copy(example_path, path)
    doc = Document.open(path)
    assert not doc.changed_on_disk()
    os.utime(path, ns=(1, 1))  # touched, same content: not a change
    assert not doc.changed_on_disk()
    other = load_project(path).map
    from argmap.formats import save_project

    other.set_meta(other.meta.__class__(title="someone else"))
    save_project(path, other)
    assert doc.changed_on_disk()
    doc.apply(change_statement(doc.map, doc.map.statements()[0].id, text="mine"))
    with pytest.raises(FileChangedOnDiskError) as info:
        doc.save()
    assert str(path) in str(info.value)
    assert load_project(path).map.meta.title == "someone else"
    doc.save(force=True)
    assert not doc.changed_on_disk() and not doc.is_modified()
    assert load_project(path).map.statements()[0].text == "mine"


def test_open_errors_name_the_file(tmp_path, qtbot):
    bad = tmp_path / "bad.argmap.json"
    bad.write_text("{not json", encoding="utf-8")
    from argmap.formats import FileFormatError

    with pytest.raises(FileFormatError) as info:
        Document.open(bad)
    assert "bad.argmap.json" in str(info.value)


def test_mark_modified_without_history(qtbot):
    doc = Document.new()
    seen: list[bool] = []
    doc.modifiedChanged.connect(seen.append)
    doc.mark_modified()
    assert doc.is_modified() and seen == [True] and doc.undo_stack.count() == 0


def test_typing_a_new_cards_text_joins_the_add_step(qtbot, tmp_path):
    from argmap.model import Batch

    doc = Document.new()
    doc.apply(Batch((AddStatement(_claim("a", "New claim")),), "Add claim"))
    doc.apply(change_statement(doc.map, "a", text="typed"), merge=True)
    assert doc.undo_stack.count() == 1 and doc.undo_stack.undoText() == "Add claim"
    doc.apply(change_statement(doc.map, "a", text="edited later"))  # not a merge request
    assert doc.undo_stack.count() == 2
    doc.undo_stack.undo()
    doc.undo_stack.undo()
    assert len(doc.map) == 0
    doc.undo_stack.redo()
    assert doc.map.statement("a").text == "typed"
    # never merged into the saved state
    doc.save(tmp_path / "m.argmap.json")
    doc.apply(change_statement(doc.map, "a", text="after save"), merge=True)
    assert doc.undo_stack.count() == 2 and doc.is_modified()


@pytest.mark.subscriber_failures
def test_failing_view_keeps_the_edit_and_its_undo_step(qtbot):
    """A subscriber (a view) that raises mid-edit: the edit is whole, it is one undo
    step, the failure is reported once the map is consistent, and undo works."""
    doc = Document.new()
    doc.apply(AddStatement(_claim("a")))
    doc.apply(AddStatement(_claim("b")))
    reported: list[str] = []
    doc.subscriberFailed.connect(reported.append)
    seen_when_reported: list[int] = []
    doc.subscriberFailed.connect(lambda _m: seen_when_reported.append(len(doc.map)))

    def broken_view(change):
        raise RuntimeError("view bug")

    doc.map.subscribe(broken_view)
    from argmap.model import RemoveItems

    doc.apply(RemoveItems.build(doc.map, ["a", "b"]))
    assert len(doc.map) == 0
    assert doc.undo_stack.count() == 3
    assert len(reported) == 2 and "view bug" in reported[0]
    assert seen_when_reported == [0, 0]  # reported after the whole edit
    doc.undo_stack.undo()
    assert {s.id for s in doc.map.statements()} == {"a", "b"}
    assert len(reported) == 4
