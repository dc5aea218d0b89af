"""Autosave that cannot write (recovery folder unwritable) tells the user once, in the
status bar and a non-modal warning, keeps trying, and says when it works again."""

from __future__ import annotations

from PySide6.QtCore import Qt

from argmap.model import change_statement
from argmap.ui.document import Document
from argmap.ui.recovery import RecoveryManager
from argmap.ui.session import Session
from tests.ui.window_support import OFFSCREEN_NOISE, dialogs, isolated_env, make_window, open_copy  # noqa: F401

pytestmark = OFFSCREEN_NOISE


def test_autosave_failure_is_shown_once_and_retried(qtbot, tmp_path, example_path, make_window, dialogs):
    blocker = tmp_path / "data"
    blocker.write_text("a file where the recovery folder should be")  # unwritable, even for root
    manager = RecoveryManager(60, folder=blocker / "recovery")
    session = Session(manager)
    failures: list[str] = []
    manager.autosaveFailed.connect(failures.append)
    manager.start()
    doc = Document.open(open_copy(tmp_path, example_path))
    window = make_window(doc, session=session)
    sid = doc.map.statements()[0].id
    doc.apply(change_statement(doc.map, sid, text="precious unsaved work"))
    for _ in range(3):
        manager.autosave_now()
    assert len(failures) == 1 and str(blocker) in failures[0]  # told once, not at every tick
    qtbot.waitUntil(lambda: session.autosave_warning is not None and session.autosave_warning.isVisible(), timeout=3000)
    box = session.autosave_warning
    assert box.windowModality() == Qt.WindowModality.NonModal and not box.isModal()
    assert "keeps trying" in box.text() and str(blocker) in box.informativeText()
    assert window.statusBar().currentMessage().startswith("Autosave failed")
    assert [k for k in dialogs.kinds() if k != "dialog"] == []  # no blocking dialog was used
    # the folder becomes writable: the next tick saves the recovery copy and says so
    blocker.unlink()
    manager.autosave_now()
    rec = manager.recovery_file(doc)
    assert rec is not None and rec.exists() and b"precious unsaved work" in rec.read_bytes()
    assert window.statusBar().currentMessage() == "Autosave works again"
    assert not manager.failing
    box.close()
    manager.stop()


def test_failure_before_any_window_is_shown_when_the_first_opens(qtbot, tmp_path, make_window):
    blocker = tmp_path / "data"
    blocker.write_text("not a folder")
    manager = RecoveryManager(60, folder=blocker / "recovery")
    session = Session(manager)
    manager.start()  # cannot take its lock: fails before any window exists
    assert manager.failing
    window = make_window(None, session=session)
    qtbot.waitUntil(lambda: session.autosave_warning is not None and session.autosave_warning.isVisible(), timeout=3000)
    assert window.statusBar().currentMessage().startswith("Autosave failed")
    session.autosave_warning.close()
    manager.stop()
