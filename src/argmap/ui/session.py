"""`Session`: the windows of one running argmap and their shared recovery manager."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPoint, Qt, QTimer
from PySide6.QtWidgets import QMessageBox

from argmap.ui.document import Document
from argmap.ui.recovery import RecoveryManager
from argmap.ui.settings import autosave_interval_s

if TYPE_CHECKING:
    from argmap.ui.window import MainWindow


#: Makes a window for a document (None: the start page) in a session; the window adds itself.
WindowFactory = Callable[..., "MainWindow"]


class Session(QObject):
    """Keeps the open windows alive and registers their documents for autosave. New
    windows come from ``window_factory`` (``MainWindow``: given by whoever makes the
    session, so this module does not import the window)."""

    def __init__(self, recovery: RecoveryManager | None = None, parent: QObject | None = None,
                 window_factory: WindowFactory | None = None) -> None:
        super().__init__(parent)
        self.recovery = recovery or RecoveryManager(autosave_interval_s(), parent=self)
        self.windows: list[MainWindow] = []
        self.window_factory = window_factory
        #: An autosave failure not yet shown (it happened before any window existed).
        self._autosave_problem = ""
        self.autosave_warning: QMessageBox | None = None
        self.recovery.autosaveFailed.connect(self._on_autosave_failed)
        self.recovery.autosaveRecovered.connect(self._on_autosave_recovered)

    def add_window(self, window: MainWindow) -> None:
        if window not in self.windows:
            self.windows.append(window)
        if self._autosave_problem:
            QTimer.singleShot(0, self._show_autosave_problem)

    # ------------------------------------------------------------ autosave failures
    def _on_autosave_failed(self, message: str) -> None:
        """Autosave started failing: say so once (status bar of every window and one
        non-modal warning); the manager keeps trying at every tick."""
        self._autosave_problem = message
        if self.windows:
            self._show_autosave_problem()

    def _show_autosave_problem(self) -> None:
        message, self._autosave_problem = self._autosave_problem, ""
        if not message or not self.windows:
            self._autosave_problem = message
            return
        status = self.tr("Autosave failed: unsaved changes are not protected against a crash (still trying)")
        for w in self.windows:
            w.statusBar().showMessage(status)
        parent = next((w for w in self.windows if w.isActiveWindow()), self.windows[-1])
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Autosave failed"),
                          self.tr("argmap cannot write its recovery copies, so your unsaved changes would be lost "
                                  "in a crash. It keeps trying; save your work to be safe."), QMessageBox.StandardButton.Ok,
                          parent)
        box.setInformativeText(message)
        box.setWindowModality(Qt.WindowModality.NonModal)  # work goes on while it is shown
        if self.autosave_warning is not None:
            self.autosave_warning.close()
            self.autosave_warning.deleteLater()
        self.autosave_warning = box
        box.show()

    def _on_autosave_recovered(self) -> None:
        for w in self.windows:
            w.statusBar().showMessage(self.tr("Autosave works again"), 6000)

    def remove_window(self, window: MainWindow) -> None:
        if window in self.windows:
            self.windows.remove(window)

    def new_window(self, document: Document | None = None) -> MainWindow:
        if self.window_factory is None:
            raise RuntimeError("this session was made without a window factory")
        window = self.window_factory(document, session=self)
        last = self.windows[-2] if len(self.windows) > 1 else None
        if last is not None and last.isVisible():
            window.move(last.pos() + QPoint(32, 32))
        window.show()
        return window

    def window_for(self, document: Document | None = None) -> MainWindow:
        """An empty window to show ``document`` in (reusing one on its start page)."""
        for w in self.windows:
            if w.document is None and w.isVisible():
                if document is not None:
                    w.set_document(document)
                return w
        return self.new_window(document)

    def document_opened(self, document: Document) -> None:
        self.recovery.register(document)

    def document_closed(self, document: Document) -> None:
        self.recovery.unregister(document)

    def find_window(self, path: str) -> MainWindow | None:
        """The window showing the file ``path`` (the same file also through another
        spelling, a symbolic or a hard link), or None."""
        for w in self.windows:
            if w.document is not None and w.document.path == path:
                return w
        for w in self.windows:
            if w.document is not None and w.document.path and _same_file(w.document.path, path):
                return w
        return None


def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False
