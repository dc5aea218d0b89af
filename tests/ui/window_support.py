"""Shared fixtures for the window tests: isolated settings and data folders, and
dialogs patched so that no test ever blocks on a modal window."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest
from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QMessageBox


#: The offscreen platform warns when a window with docks is shown; not our bug.
OFFSCREEN_NOISE = pytest.mark.qt_log_ignore("This plugin does not support (propagateSizeHints|raise)")


@pytest.fixture(autouse=True)
def isolated_env(tmp_path, monkeypatch):
    """Settings and recovery files go to a temporary folder, never the user's."""
    monkeypatch.setenv("ARGMAP_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("ARGMAP_DATA_DIR", str(tmp_path / "data"))
    return tmp_path


@dataclass
class Dialogs:
    """What patched dialogs answer, and a log of every dialog shown."""

    answers: list[Any] = field(default_factory=list)  # QMessageBox buttons, in order
    open_file: str = ""
    save_file: str = ""
    shown: list[tuple[str, str, str]] = field(default_factory=list)

    def _next(self, default: Any) -> Any:
        return self.answers.pop(0) if self.answers else default

    def kinds(self) -> list[str]:
        return [k for k, _t, _m in self.shown]


@pytest.fixture
def dialogs(monkeypatch) -> Dialogs:
    d = Dialogs()
    B = QMessageBox.StandardButton

    def box(kind: str, default: Any):
        def show(parent, title, text, *args, **kwargs):
            d.shown.append((kind, str(title), str(text)))
            return d._next(default)

        return staticmethod(show)

    monkeypatch.setattr(QMessageBox, "question", box("question", B.Cancel))
    monkeypatch.setattr(QMessageBox, "warning", box("warning", B.Cancel))
    monkeypatch.setattr(QMessageBox, "critical", box("critical", B.Ok))
    monkeypatch.setattr(QMessageBox, "information", box("information", B.Ok))
    monkeypatch.setattr(QMessageBox, "about", box("about", None))

    def exec_box(self):
        # Unasked prompts (e.g. when pytest-qt closes a window with unsaved changes at
        # teardown) discard, so no window outlives its test.
        d.shown.append(("exec", self.windowTitle(), self.text()))
        return d._next(B.Discard)

    monkeypatch.setattr(QMessageBox, "exec", exec_box)
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (d.open_file, ""))
    )
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (d.save_file, ""))
    )

    def exec_dialog(self):
        d.shown.append(("dialog", self.windowTitle(), type(self).__name__))
        return d._next(QDialog.DialogCode.Rejected)

    monkeypatch.setattr(QDialog, "exec", exec_dialog)
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("", False)))
    return d


@pytest.fixture
def make_window(qtbot, dialogs):
    """Build main windows; at the end every window of their sessions is discarded
    without prompting (their documents are marked saved first) and deleted before the
    next test. Not registered with ``qtbot.addWidget``: a window deletes itself when
    closed (``WA_DeleteOnClose``), so a test that closed one and then ran an event loop
    would leave pytest-qt a deleted window to close."""
    from shiboken6 import isValid

    from argmap.ui.window import MainWindow

    made: list[MainWindow] = []

    def make(document=None, session=None) -> MainWindow:
        w = MainWindow(document, session=session)
        w.show()
        made.append(w)
        return w

    yield make
    windows: list[MainWindow] = []
    for w in made:
        for other in [w, *w.session.windows]:
            if other not in windows:
                windows.append(other)
    for w in windows:
        if not isValid(w):
            continue
        if w.document is not None and isValid(w.document):
            w.document._forced_modified = False
            w.document.undo_stack.setClean()
        w.close()
        w.deleteLater()  # also a window whose close was refused


def open_copy(tmp_path, example_path, name: str = "map.argmap.json"):
    import shutil

    path = tmp_path / name
    shutil.copy(example_path, path)
    return path
