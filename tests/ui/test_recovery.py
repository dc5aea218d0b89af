"""Autosave and crash recovery: per-instance recovery files, never the user's file;
files of a dead instance are offered at the next start and open modified."""

from __future__ import annotations

import json
import os
import shutil

import pytest
from PySide6.QtWidgets import QDialog

from argmap.formats import load_project
from argmap.model import change_statement
from argmap.ui.document import Document
from argmap.ui.recovery import RecoveryManager, find_candidates, pid_alive, recovery_dir
from argmap.ui.recovery_dialog import DISCARD, offer_recovery
from tests.ui.window_support import OFFSCREEN_NOISE, dialogs, isolated_env, make_window, open_copy  # noqa: F401

pytestmark = OFFSCREEN_NOISE


def _dead_pid() -> int:
    pid = 4_000_000
    while pid_alive(pid):
        pid -= 1
    return pid


def test_recovery_folder_follows_env(tmp_path):
    assert recovery_dir() == tmp_path / "data" / "recovery"


def test_autosave_writes_recovery_file_not_users_file(qtbot, tmp_path, example_path):
    path = open_copy(tmp_path, example_path)
    before = path.read_bytes()
    manager = RecoveryManager(1)
    manager.start()
    doc = Document.open(path)
    manager.register(doc)
    manager.autosave_now()
    assert manager.recovery_file(doc) is not None and not manager.recovery_file(doc).exists()  # clean: nothing to keep
    sid = doc.map.statements()[0].id
    doc.apply(change_statement(doc.map, sid, text="unsaved work"))
    qtbot.waitUntil(lambda: manager.recovery_file(doc).exists(), timeout=3000)  # the 1 s timer
    rec = manager.recovery_file(doc)
    assert rec.parent == tmp_path / "data" / "recovery"
    assert str(os.getpid()) in rec.name
    assert load_project(rec).map.statement(sid).text == "unsaved work"
    info = json.loads(rec.with_name(rec.name.replace(".argmap.json", ".info.json")).read_text())
    assert info["original_path"] == str(path)
    assert path.read_bytes() == before
    # our own live files are never offered as crash leftovers (to us or another instance)
    assert find_candidates(manager.folder) == []
    other = RecoveryManager(1)
    assert other.prefix != manager.prefix and other.candidates() == []
    doc.save()
    assert not rec.exists()  # saved: the stale recovery copy goes at once, not at the next tick
    doc.apply(change_statement(doc.map, sid, text="more"))
    manager.autosave_now()
    assert rec.exists()
    manager.unregister(doc)  # closed normally
    assert not rec.exists()
    manager.stop()
    assert list(manager.folder.iterdir()) == []


def _leave_crash_files(tmp_path, example_path, original: str) -> None:
    folder = tmp_path / "data" / "recovery"
    folder.mkdir(parents=True, exist_ok=True)
    owner = f"{_dead_pid()}-deadbeef"
    (folder / f"{owner}.lock").write_text(json.dumps({"pid": 1}), encoding="utf-8")
    shutil.copy(example_path, folder / f"{owner}-1.argmap.json")
    (folder / f"{owner}-1.info.json").write_text(json.dumps({"original_path": original, "title": "", "saved_at": 1.0}), encoding="utf-8")


def test_crash_leftovers_are_offered_and_open_modified(qtbot, dialogs, tmp_path, example_path, make_window):
    original = str(tmp_path / "my-essay.argmap.json")
    _leave_crash_files(tmp_path, example_path, original)
    manager = RecoveryManager(60)
    manager.start()
    dialogs.answers = [QDialog.DialogCode.Accepted]
    docs = offer_recovery(manager)
    assert dialogs.kinds() == ["dialog"]
    assert len(docs) == 1
    doc = docs[0]
    assert doc.is_modified() and doc.path == original and len(doc.map) > 20
    w = make_window(doc, session=None)
    assert w.isWindowModified() and w.windowTitle().startswith("my-essay.argmap.json[*]")
    # the leftovers are gone once recovered; nothing is offered twice
    assert manager.candidates() == []
    leftovers = [p.name for p in manager.folder.iterdir() if "deadbeef" in p.name]
    assert leftovers == []
    manager.stop()


def test_decide_later_keeps_and_discard_deletes(qtbot, dialogs, tmp_path, example_path):
    _leave_crash_files(tmp_path, example_path, "")
    manager = RecoveryManager(60)
    manager.start()
    dialogs.answers = [QDialog.DialogCode.Rejected]
    assert offer_recovery(manager) == []
    manager.stop()  # this instance exits normally: the files stay for the next start
    nxt = RecoveryManager(60)
    nxt.start()
    assert len(nxt.candidates()) == 1
    dialogs.answers = [DISCARD]
    assert offer_recovery(nxt) == []
    nxt.stop()
    assert list((tmp_path / "data" / "recovery").iterdir()) == []


_INSTANCE = """
import sys, time
from argmap.ui.app import make_app
make_app()
from argmap.model import change_statement
from argmap.ui.document import Document
from argmap.ui.recovery import RecoveryManager
manager = RecoveryManager(60)
manager.start()
doc = Document.open(sys.argv[1])
manager.register(doc)
doc.apply(change_statement(doc.map, doc.map.statements()[0].id, text="unsaved in the other instance"))
manager.autosave_now()
print("ready", flush=True)
time.sleep(600)
"""


@pytest.fixture
def other_instance(tmp_path, example_path):
    """A second argmap process with an autosaved, unsaved document (killable)."""
    import subprocess
    import sys

    path = open_copy(tmp_path, example_path)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.Popen([sys.executable, "-c", _INSTANCE, str(path)], env=env, stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    yield proc
    proc.kill()
    proc.wait()
    proc.stdout.close()


def test_live_instance_files_are_not_stolen(qtbot, tmp_path, other_instance):
    folder = tmp_path / "data" / "recovery"
    assert len(list(folder.glob("*.info.json"))) == 1
    assert find_candidates(folder) == []
    assert RecoveryManager(60).candidates() == []


def test_crashed_instance_is_offered_even_when_its_pid_is_in_use_again(qtbot, tmp_path, other_instance):
    """The crashed process's pid now belongs to a running process of the same program
    (this test's own python): recovery is still offered, because the lock it held died
    with it."""
    import signal

    folder = tmp_path / "data" / "recovery"
    other_instance.send_signal(signal.SIGKILL)
    other_instance.wait()
    lock = next(folder.glob("*.lock"))
    lines = lock.read_bytes().split(b"\n")
    exe = os.path.basename(os.readlink("/proc/self/exe")) if os.path.exists("/proc/self/exe") else lines[1].decode()
    lines[0], lines[1] = str(os.getpid()).encode(), exe.encode()  # the pid is alive, and it is "argmap" again
    lock.write_bytes(b"\n".join(lines))
    dead_pid = lock.name.split("-")[0]
    for f in list(folder.iterdir()):  # and the files are named after the live pid too
        f.rename(f.with_name(str(os.getpid()) + f.name[len(dead_pid):]))
    lock = next(folder.glob("*.lock"))
    assert pid_alive(os.getpid())
    found = find_candidates(folder)
    assert len(found) == 1
    assert "unsaved in the other instance" in found[0].load().map.statements()[0].text
    assert not lock.exists()  # the dead instance's lock is cleared


def test_start_offers_recovery_and_opens_files(qtbot, dialogs, tmp_path, example_path, monkeypatch):
    from argmap.ui import app

    _leave_crash_files(tmp_path, example_path, "")
    path = open_copy(tmp_path, example_path)
    dialogs.answers = [QDialog.DialogCode.Accepted]
    session = app.start([str(path)])
    try:  # the windows close below (and delete themselves), not through qtbot
        docs = [w.document for w in session.windows]
        assert len(docs) == 2
        assert docs[0].is_modified() and docs[0].path == ""
        assert docs[1].path == str(path) and not docs[1].is_modified()
        assert session.recovery.recovery_file(docs[0]) is not None
    finally:
        for w in list(session.windows):
            if w.document is not None:
                w.document._forced_modified = False
                w.document.undo_stack.setClean()
            w.close()
        session.recovery.stop()


@pytest.mark.parametrize("bad", ["{", ""])
def test_damaged_recovery_file_is_reported_not_fatal(qtbot, dialogs, tmp_path, example_path, bad):
    _leave_crash_files(tmp_path, example_path, "")
    data = next((tmp_path / "data" / "recovery").glob("*-1.argmap.json"))
    data.write_text(bad, encoding="utf-8")
    manager = RecoveryManager(60)
    manager.start()
    dialogs.answers = [QDialog.DialogCode.Accepted]
    assert offer_recovery(manager) == []
    assert dialogs.kinds()[-1] == "critical"
    manager.stop()
