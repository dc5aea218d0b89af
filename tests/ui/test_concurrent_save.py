"""Two argmap processes saving the same file at the same moment: the changed-on-disk
check and the write are one step under a lock beside the file, so one save succeeds and
the other is told the file changed (never two successes and a silently lost edit). In
one app, the same file is never open in two windows."""

from __future__ import annotations

import os
import subprocess
import sys
import time

from argmap.formats import load_project
from argmap.model import change_statement
from argmap.ui.document import Document, FileBusyError, SaveLock, save_lock_path
from tests.ui.window_support import OFFSCREEN_NOISE, dialogs, isolated_env, make_window, open_copy  # noqa: F401

pytestmark = OFFSCREEN_NOISE

_SAVER = """
import os, sys, time
from PySide6.QtCore import QCoreApplication
app = QCoreApplication([])
from argmap.model import change_statement
from argmap.ui.document import Document, FileChangedOnDiskError
path, me, folder, rounds = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
for r in range(rounds):
    doc = Document.open(path)
    sid = sorted(s.id for s in doc.map.statements())[0]
    doc.apply(change_statement(doc.map, sid, text=f"edit by {me} in round {r}"))
    print(f"ready {r}", flush=True)
    go = os.path.join(folder, f"go{r}")
    while not os.path.exists(go):
        time.sleep(0.0005)
    try:
        doc.save()
        print(f"saved {r}", flush=True)
    except FileChangedOnDiskError:
        print(f"changed {r}", flush=True)
"""

ROUNDS = 8


def _spawn(path, me: str, folder) -> subprocess.Popen:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.Popen([sys.executable, "-c", _SAVER, str(path), me, str(folder), str(ROUNDS)],
                            env=env, stdout=subprocess.PIPE, text=True)


def test_two_processes_saving_at_once_never_both_succeed(tmp_path, example_path) -> None:
    path = open_copy(tmp_path, example_path)
    folder = tmp_path / "sync"
    folder.mkdir()
    procs = {me: _spawn(path, me, folder) for me in ("A", "B")}
    try:
        for r in range(ROUNDS):
            for p in procs.values():
                assert p.stdout.readline().strip() == f"ready {r}"
            (folder / f"go{r}").touch()  # both save at the same moment
            results = {me: p.stdout.readline().split()[0] for me, p in procs.items()}
            assert sorted(results.values()) == ["changed", "saved"], (r, results)
            winner = next(me for me, v in results.items() if v == "saved")
            amap = load_project(path).map
            sid = sorted(s.id for s in amap.statements())[0]
            assert amap.statement(sid).text == f"edit by {winner} in round {r}"
    finally:
        for p in procs.values():
            p.kill()
            p.wait()
            p.stdout.close()
    assert not os.path.exists(save_lock_path(str(path)))  # no lock left behind


def test_save_waits_for_the_lock_and_then_reports_busy(qtbot, tmp_path, example_path) -> None:
    path = str(open_copy(tmp_path, example_path))
    doc = Document.open(path)
    doc.apply(change_statement(doc.map, doc.map.statements()[0].id, text="mine"))
    with SaveLock(path):  # another saver holds the lock (a second lock object, as another window would)
        import argmap.ui.document as document_module

        started = time.monotonic()
        old = document_module.SAVE_LOCK_WAIT_MS
        document_module.SAVE_LOCK_WAIT_MS = 50
        try:
            try:
                doc.save()
            except FileBusyError as exc:
                assert path in str(exc) and "being saved by another program" in str(exc)
            else:
                raise AssertionError("saved while another saver held the lock")
        finally:
            document_module.SAVE_LOCK_WAIT_MS = old
        assert time.monotonic() - started >= 0.04
    assert doc.is_modified()
    doc.save()  # the lock is free again
    assert not doc.is_modified()


def test_opening_a_file_open_elsewhere_brings_that_window_forward(qtbot, tmp_path, example_path, make_window, dialogs):
    path = open_copy(tmp_path, example_path)
    first = make_window(Document.open(path))
    session = first.session
    link = tmp_path / "alias.argmap.json"
    link.symlink_to(path)
    second = make_window(None, session=session)
    assert second.files.open_path(str(link))  # another spelling of the same file
    assert second.document is None
    assert [w.document.path for w in session.windows if w.document is not None] == [str(path)]


def test_save_as_onto_a_file_open_in_another_window_is_refused(qtbot, tmp_path, example_path, make_window, dialogs):
    path = open_copy(tmp_path, example_path)
    before = path.read_bytes()
    first = make_window(Document.open(path))
    other = make_window(Document.open(open_copy(tmp_path, example_path, "other.argmap.json")), session=first.session)
    dialogs.save_file = str(path)
    assert not other.files.file_save_as()
    assert dialogs.kinds() == ["critical"] and "open in another window" in dialogs.shown[0][2]
    assert path.read_bytes() == before


_HOLDER = """
import sys, time
from PySide6.QtCore import QCoreApplication
app = QCoreApplication([])
from argmap.ui.document import SaveLock
lock = SaveLock(sys.argv[1]).__enter__()
print("locked", flush=True)
time.sleep(600)
"""


def test_lock_left_by_a_killed_saver_does_not_block_the_next_save(qtbot, tmp_path, example_path) -> None:
    path = str(open_copy(tmp_path, example_path))
    proc = subprocess.Popen([sys.executable, "-c", _HOLDER, path], env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "locked"
    proc.kill()
    proc.wait()
    proc.stdout.close()
    assert os.path.exists(save_lock_path(path))  # left behind by the kill
    doc = Document.open(path)
    doc.apply(change_statement(doc.map, doc.map.statements()[0].id, text="after the crash"))
    doc.save()  # taken over at once: its owner is dead (no FileBusyError)
    assert not doc.is_modified() and not os.path.exists(save_lock_path(path))
