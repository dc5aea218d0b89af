"""Several files written together (worksheet + answer key) are replaced both or neither,
even when the second replace fails or the disk is full; messages about a new file never
speak of an "old file"; temporaries left by a killed save are removed on the next save
of that file, and only ours, never a live writer's."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from argmap.formats import WriteError
from argmap.formats import atomic
from argmap.formats.atomic import atomic_write_bytes, atomic_write_files, remove_stale_temporaries


def _names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def _fail_on_replace(monkeypatch, which: int) -> None:
    """Make the ``which``-th os.replace (1-based) fail like a full disk."""
    real = os.replace
    calls = {"n": 0}

    def replace(src, dst):
        calls["n"] += 1
        if calls["n"] == which:
            raise OSError(28, "No space left on device")
        return real(src, dst)

    monkeypatch.setattr(atomic.os, "replace", replace)


def test_key_that_cannot_be_replaced_puts_the_old_worksheet_back(tmp_path, monkeypatch) -> None:
    sheet, key = tmp_path / "sheet.md", tmp_path / "sheet.key.md"
    sheet.write_bytes(b"old sheet")
    key.write_bytes(b"old key")
    _fail_on_replace(monkeypatch, 2)
    with pytest.raises(WriteError) as info:
        atomic_write_files([(sheet, b"new sheet"), (key, b"new key")])
    assert sheet.read_bytes() == b"old sheet" and key.read_bytes() == b"old key"
    assert str(key) in str(info.value) and "none of the files was changed" in str(info.value)
    assert _names(tmp_path) == ["sheet.key.md", "sheet.md"]


def test_new_pair_whose_key_cannot_be_replaced_leaves_neither_and_no_old_file_message(tmp_path, monkeypatch) -> None:
    sheet, key = tmp_path / "sheet.md", tmp_path / "sheet.key.md"
    _fail_on_replace(monkeypatch, 2)
    with pytest.raises(WriteError) as info:
        atomic_write_files([(sheet, b"new sheet"), (key, b"new key")])
    assert _names(tmp_path) == []
    assert "old file" not in str(info.value)


def test_full_disk_while_writing_the_key_of_a_new_pair(tmp_path, monkeypatch) -> None:
    real_fdopen = os.fdopen
    opened = {"n": 0}

    class Full:
        def __init__(self, fh):
            self.fh = fh

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.fh.close()

        def write(self, data):
            raise OSError(28, "No space left on device")

    def fdopen(fd, mode):
        opened["n"] += 1
        fh = real_fdopen(fd, mode)
        return Full(fh) if opened["n"] == 2 else fh

    monkeypatch.setattr(atomic.os, "fdopen", fdopen)
    with pytest.raises(WriteError, match="No space left") as info:
        atomic_write_files([(tmp_path / "s.html", b"sheet"), (tmp_path / "s.key.html", b"key")])
    assert "old file" not in str(info.value)
    assert _names(tmp_path) == []


def test_a_single_new_file_that_fails_says_nothing_was_written(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(atomic.os, "fsync", lambda *_: (_ for _ in ()).throw(OSError(28, "No space left on device")))
    with pytest.raises(WriteError) as info:
        atomic_write_bytes(tmp_path / "new.png", b"x")
    assert "nothing was written" in str(info.value) and "old file" not in str(info.value)


def test_both_replaced_on_success_and_no_backup_left(tmp_path) -> None:
    sheet, key = tmp_path / "w.md", tmp_path / "w.key.md"
    sheet.write_bytes(b"old")
    atomic_write_files([(sheet, b"S"), (key, b"K")])
    assert (sheet.read_bytes(), key.read_bytes()) == (b"S", b"K")
    assert _names(tmp_path) == ["w.key.md", "w.md"]


# ------------------------------------------------------------- stale temporaries
_KILLED_WRITER = """
import sys, time
from argmap.formats.atomic import atomic_write_bytes
def pieces():
    yield b"x" * 1_000_000
    print("writing", flush=True)
    time.sleep(600)
    yield b"never"
atomic_write_bytes(sys.argv[1], pieces())
"""


def _start_writer(target: Path) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-c", _KILLED_WRITER, str(target)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "writing"
    return proc


def _temporaries(folder: Path, target: Path) -> list[str]:
    return [n for n in _names(folder) if n.startswith(f".{target.name}.") and n.endswith(".tmp")]


def test_temporary_of_a_killed_save_is_removed_by_the_next_save(tmp_path, monkeypatch) -> None:
    target = tmp_path / "map.argmap.json"
    target.write_bytes(b"old")
    proc = _start_writer(target)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    proc.stdout.close()
    assert len(_temporaries(tmp_path, target)) == 1  # 1 MB left behind by the kill
    monkeypatch.setattr(atomic, "STALE_AFTER_S", 0.0)  # its lock alone says it is dead
    atomic_write_bytes(target, b"new")
    assert _names(tmp_path) == ["map.argmap.json"]
    assert target.read_bytes() == b"new"


def test_a_live_writers_temporary_is_kept(tmp_path, monkeypatch) -> None:
    target = tmp_path / "map.argmap.json"
    proc = _start_writer(target)
    try:
        monkeypatch.setattr(atomic, "STALE_AFTER_S", 0.0)
        atomic_write_bytes(target, b"mine")
        assert len(_temporaries(tmp_path, target)) == 1  # the other process is still writing it
        assert target.read_bytes() == b"mine"
    finally:
        proc.kill()
        proc.wait()
        proc.stdout.close()


def test_only_our_own_stale_temporaries_are_removed(tmp_path) -> None:
    target = tmp_path / "m.argmap.json"
    ours = [".m.argmap.json.ab_cd123.tmp", ".m.argmap.json.4242.17.bak.tmp"]
    others = [".m.argmap.json.swp", ".m.argmap.json.lock", ".other.json.abcdefgh.tmp", "m.argmap.json.abcdefgh.tmp",
              ".m.argmap.json.abc.tmp"]
    for name in ours + others:
        (tmp_path / name).write_bytes(b"x")
    fresh = time.time()
    assert remove_stale_temporaries(target, now=fresh) == []  # just made: could be a writer about to lock it
    assert sorted(remove_stale_temporaries(target, now=fresh + 60)) == sorted(ours)
    assert _names(tmp_path) == sorted(others)


def test_unwritable_map_saved_to_a_new_file_does_not_mention_an_old_file(tmp_path) -> None:
    from argmap.formats import save_project
    from argmap.model import ArgumentMap, MapMeta

    amap = ArgumentMap(MapMeta(title="bad \ud800 title"))
    with pytest.raises(WriteError) as info:
        save_project(tmp_path / "new.argmap.json", amap)
    assert "nothing was written" in str(info.value) and "old file" not in str(info.value)


def test_pair_on_a_file_system_without_hard_links_still_rolls_back(tmp_path, monkeypatch) -> None:
    def no_links(*_a):
        raise OSError(1, "Operation not permitted")  # what FAT and exFAT answer

    monkeypatch.setattr(atomic.os, "link", no_links)
    sheet, key = tmp_path / "sheet.md", tmp_path / "sheet.key.md"
    sheet.write_bytes(b"old sheet")
    key.write_bytes(b"old key")
    atomic_write_files([(sheet, b"new sheet"), (key, b"new key")])  # works without links
    assert (sheet.read_bytes(), key.read_bytes()) == (b"new sheet", b"new key")
    _fail_on_replace(monkeypatch, 2)
    with pytest.raises(WriteError):
        atomic_write_files([(sheet, b"newer sheet"), (key, b"newer key")])
    assert (sheet.read_bytes(), key.read_bytes()) == (b"new sheet", b"new key")
    assert _names(tmp_path) == ["sheet.key.md", "sheet.md"]
