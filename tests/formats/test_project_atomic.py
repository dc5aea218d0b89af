"""Atomic saves: a failure at any step (create, write, fsync, chmod, replace) leaves the
old file exactly as it was and no temporary file behind."""

from __future__ import annotations

import io
import os
import stat

import pytest

from argmap.formats import WriteError, dumps_project, load_project, save_project
from argmap.formats import atomic
from argmap.model import MapMeta, Statement, StatementKind
from tests.model.maps import debate

OLD = b'{"format": "argmap", "schema_version": 1}\n'


def disk_full(*_args, **_kwargs):
    raise OSError(28, "No space left on device")


class FailingWrites(io.RawIOBase):
    """A file object that writes half the data and then fails like a full disk."""

    def __init__(self, real):
        self.real = real

    def write(self, data):
        self.real.write(bytes(data[: len(data) // 2]))
        disk_full()

    def fileno(self):
        return self.real.fileno()

    def close(self):
        self.real.close()
        super().close()


@pytest.fixture
def old_file(tmp_path):
    path = tmp_path / "map.argmap.json"
    path.write_bytes(OLD)
    return path


def assert_untouched(path):
    assert path.read_bytes() == OLD
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name], "a temporary file was left behind"


def test_failure_creating_the_temporary_file(old_file, monkeypatch):
    monkeypatch.setattr(atomic.tempfile, "mkstemp", disk_full)
    with pytest.raises(WriteError, match="cannot write in folder") as info:
        save_project(old_file, debate())
    assert str(old_file) in str(info.value)
    assert_untouched(old_file)


def test_failure_while_writing(old_file, monkeypatch):
    real_fdopen = os.fdopen
    monkeypatch.setattr(atomic.os, "fdopen", lambda fd, mode: FailingWrites(real_fdopen(fd, mode)))
    with pytest.raises(WriteError, match="No space left on device") as info:
        save_project(old_file, debate())
    assert str(old_file) in str(info.value) and "old file is unchanged" in str(info.value)
    assert_untouched(old_file)


def test_failure_at_fsync(old_file, monkeypatch):
    monkeypatch.setattr(atomic.os, "fsync", disk_full)
    with pytest.raises(WriteError, match="No space left"):
        save_project(old_file, debate())
    assert_untouched(old_file)


def test_failure_at_chmod(old_file, monkeypatch):
    monkeypatch.setattr(atomic.os, "chmod", lambda *a: (_ for _ in ()).throw(PermissionError(13, "Permission denied")))
    with pytest.raises(WriteError, match="Permission denied"):
        save_project(old_file, debate())
    assert_untouched(old_file)


def test_failure_at_replace(old_file, monkeypatch):
    monkeypatch.setattr(atomic.os, "replace", disk_full)
    with pytest.raises(WriteError):
        save_project(old_file, debate())
    assert_untouched(old_file)


def test_interrupt_while_writing_removes_the_temporary_file(old_file, monkeypatch):
    def interrupted(*_args):
        raise KeyboardInterrupt

    monkeypatch.setattr(atomic.os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        save_project(old_file, debate())
    assert_untouched(old_file)


def test_unwritable_value_leaves_the_old_file(old_file):
    amap = debate()
    amap.set_meta(MapMeta(title="bad \ud800 title"))  # metadata is not checked for text
    with pytest.raises(WriteError, match="cannot be written as JSON") as info:
        save_project(old_file, amap)
    assert str(old_file) in str(info.value)
    assert_untouched(old_file)


def test_successful_save_replaces_and_keeps_permissions(old_file):
    os.chmod(old_file, 0o640)
    save_project(old_file, debate())
    assert load_project(old_file).map == debate()
    assert stat.S_IMODE(os.stat(old_file).st_mode) == 0o640
    assert sorted(p.name for p in old_file.parent.iterdir()) == [old_file.name]


def test_new_file_gets_ordinary_permissions(tmp_path):
    path = tmp_path / "new.argmap.json"
    save_project(path, debate())
    mask = os.umask(0o022)
    os.umask(mask)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o666 & ~mask


def test_save_through_a_symbolic_link_keeps_the_link(tmp_path):
    real = tmp_path / "real.argmap.json"
    real.write_bytes(OLD)
    link = tmp_path / "link.argmap.json"
    link.symlink_to(real)
    save_project(link, debate())
    assert link.is_symlink()
    assert real.read_bytes() == dumps_project(debate())


def test_saving_onto_a_folder_or_into_a_missing_folder(tmp_path):
    with pytest.raises(WriteError, match="is a folder"):
        save_project(tmp_path, debate())
    with pytest.raises(WriteError, match="cannot write in folder"):
        save_project(tmp_path / "missing" / "m.argmap.json", debate())


def test_save_then_edit_then_save_again(tmp_path):
    path = tmp_path / "m.argmap.json"
    amap = debate()
    save_project(path, amap)
    amap.add_statement(Statement("n", StatementKind.CLAIM, "new"))
    save_project(path, amap)
    assert load_project(path).map == amap
