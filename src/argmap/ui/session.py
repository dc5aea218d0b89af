"""`Session`: the windows of one running argmap and their shared recovery manager."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPoint

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

    def add_window(self, window: MainWindow) -> None:
        if window not in self.windows:
            self.windows.append(window)

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
        for w in self.windows:
            if w.document is not None and w.document.path == path:
                return w
        return None
