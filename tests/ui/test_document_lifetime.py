"""A document and a window go away without taking the process with them.

Python's garbage collector used to free a document with undo history in the middle of
breaking a reference cycle (here: the traceback of a refused save), after it had already
dropped the wrappers of the undo commands, and ``QUndoStack::clear`` then deleted them a
second time: a segfault at an arbitrary later moment. The scenario runs in a child
process, so that a crash fails this test instead of ending the test run."""

from __future__ import annotations

import subprocess
import sys

from tests.ui.window_support import OFFSCREEN_NOISE, dialogs, isolated_env, make_window  # noqa: F401

SCENARIO = """
import gc, os, shutil, sys, tempfile
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtWidgets import QApplication
from argmap.formats import load_project, save_project
from argmap.model import change_statement
from argmap.ui.document import Document, FileChangedOnDiskError

app = QApplication([])


class Caught:  # holds a refused save's exception the way pytest.raises does
    def __init__(self):
        self.excinfo = None


def refused_save(folder):
    path = os.path.join(folder, "map.argmap.json")
    shutil.copy(sys.argv[1], path)
    doc = Document.open(path)
    other = load_project(path).map
    other.set_meta(other.meta.__class__(title="someone else"))
    save_project(path, other)
    doc.apply(change_statement(doc.map, doc.map.statements()[0].id, text="mine"))
    caught = Caught()
    try:
        doc.save()
    except FileChangedOnDiskError:
        caught.excinfo = sys.exc_info()  # the traceback holds this frame, and the document
    doc.save(force=True)


for _ in range(5):
    with tempfile.TemporaryDirectory() as folder:
        refused_save(folder)
    gc.collect()
print("collected cleanly")
"""


def test_a_document_with_history_freed_by_the_garbage_collector_does_not_crash(example_path):
    done = subprocess.run([sys.executable, "-c", SCENARIO, str(example_path)], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, f"exit {done.returncode}: {done.stderr[-2000:]}"
    assert "collected cleanly" in done.stdout


@OFFSCREEN_NOISE
def test_a_closed_window_is_deleted_by_the_event_loop(make_window, qtbot):
    from shiboken6 import isValid

    w = make_window()
    w.close()
    assert isValid(w)  # still there until the event loop runs
    qtbot.waitUntil(lambda: not isValid(w))
