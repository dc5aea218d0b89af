"""A process that copied a map to the clipboard on the offscreen platform exits cleanly
(Qt's offscreen clipboard crashes at exit if it still holds data)."""

import subprocess
import sys

SCRIPT = """
import os
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtCore import QTimer
from argmap.model import ArgumentMap, Statement, StatementKind
from argmap.ui.app import make_app
from argmap.ui.clipboard import copy_to_clipboard
app = make_app()
amap = ArgumentMap()
amap.add_statement(Statement("s1", StatementKind.CLAIM, "Mines deter."))
assert copy_to_clipboard(amap, ["s1"]) == 1
QTimer.singleShot(0, app.quit)
app.exec()
print("clean exit")
"""


def test_app_exits_cleanly_after_copying_to_the_clipboard():
    done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "clean exit" in done.stdout
