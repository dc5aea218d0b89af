"""Presentation mode (View > Present, F5): the window goes full screen with only the map,
which is revealed step by step (see `argmap.export.slides`): Right, Down, Page Down and
Space advance (what presentation clickers send), Left, Up, Page Up and Backspace go
back, Home/End jump, Esc leaves. The view follows the part being revealed."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, QRectF, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDockWidget, QToolBar

from argmap.export.slides import Step, presentation_steps

NEXT = {Qt.Key.Key_Right, Qt.Key.Key_Down, Qt.Key.Key_PageDown, Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter}
BACK = {Qt.Key.Key_Left, Qt.Key.Key_Up, Qt.Key.Key_PageUp, Qt.Key.Key_Backspace}
LEAVE = {Qt.Key.Key_Escape, Qt.Key.Key_F5}
MAX_ZOOM = 1.6  # large type, but a lone question does not fill the screen
MIN_WHOLE_ZOOM = 0.55  # below this the view shows the new cards and what they argue about
PAD = 60.0


class Presentation(QObject):
    """One run of presentation mode on a main window; ``stop()`` (or Esc) restores the
    window as it was: its state, docks, toolbars, menus, hidden cards and zoom."""

    def __init__(self, window: Any) -> None:  # the MainWindow (not imported: it imports this module's user)
        super().__init__(window)
        self.window = window
        self.steps: list[Step] = presentation_steps(window.document.map) if window.document is not None else []
        self.index = 0
        self.active = False
        self._saved: dict = {}

    # ---------------------------------------------------------------- lifecycle
    def start(self) -> bool:
        w = self.window
        if not self.steps or w.scene is None:
            return False
        self._saved = {
            "state": w.windowState(),
            "bars": [(bar, bar.isVisible()) for bar in (w.menuBar(), w.statusBar(), *w.findChildren(QToolBar), *w.findChildren(QDockWidget))],
            "zoom": w.view.zoom(),
            "highlight": w.scene.highlighted_ids(),
        }
        for bar, _ in self._saved["bars"]:
            bar.hide()
        w.showFullScreen()
        self.active = True
        for obj in (w.view, w.view.viewport()):
            obj.installEventFilter(self)
        w.scene.clearSelection()
        w.view.setFocus()
        self.show_step(0)
        return True

    def stop(self) -> None:
        if not self.active:
            return
        self.active = False
        w = self.window
        for obj in (w.view, w.view.viewport()):
            obj.removeEventFilter(self)
        w.setWindowState(self._saved["state"])
        for bar, visible in self._saved["bars"]:
            bar.setVisible(visible)
        if w.scene is not None:
            w.scene.set_highlighted(self._saved["highlight"])
            w.scene.set_hidden(w.folding.hidden_ids() if w.folding is not None else set())
        w.view.zoom_fit()
        w.presentation = None

    # ------------------------------------------------------------------ stepping
    def next(self) -> None:
        if self.index + 1 < len(self.steps):
            self.show_step(self.index + 1)

    def back(self) -> None:
        if self.index > 0:
            self.show_step(self.index - 1)

    def show_step(self, index: int) -> None:
        """Show what step ``index`` has revealed, the new cards highlighted, and move the
        view to it."""
        w = self.window
        scene = w.scene
        if scene is None:
            return
        self.index = max(0, min(index, len(self.steps) - 1))
        step = self.steps[self.index]
        everything = set(w.document.map.graph.nodes)
        scene.set_hidden(everything - step.shown)
        scene.set_highlighted(step.new if self.index else ())
        w.view.setFocus()
        self._follow(step)

    def _follow(self, step: Step) -> None:
        w = self.window
        view = w.view
        port = view.viewport().rect()
        whole = self._bounds(step.shown)
        if whole is None:
            return
        zoom = min(port.width() / (whole.width() + 2 * PAD), port.height() / (whole.height() + 2 * PAD))
        rect = whole
        if zoom < MIN_WHOLE_ZOOM:
            amap = w.document.map
            near = set(step.new)
            for link in amap.links():
                if any(p in near for p in link.premises):
                    target = link.target
                    while amap.is_link(target):
                        target = amap.link(target).target
                    near.add(target)
            rect = self._bounds(near) or whole
            zoom = min(port.width() / (rect.width() + 2 * PAD), port.height() / (rect.height() + 2 * PAD))
        view.set_zoom(max(0.05, min(MAX_ZOOM, zoom)))
        view.centerOn(rect.center())

    def _bounds(self, ids) -> QRectF | None:  # type: ignore[no-untyped-def]
        scene = self.window.scene
        out: QRectF | None = None
        for i in ids:
            r = scene.card_rect_of(i)
            if r is not None:
                out = r if out is None else out.united(r)
        return out

    # -------------------------------------------------------------------- keys
    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride) and isinstance(event, QKeyEvent):
            key = Qt.Key(event.key())
            if key in NEXT or key in BACK or key in LEAVE or key in (Qt.Key.Key_Home, Qt.Key.Key_End):
                event.accept()
                if kind == QEvent.Type.KeyPress:
                    self._key(key)
                return True
        if kind == QEvent.Type.MouseButtonPress:
            if event.button() == Qt.MouseButton.LeftButton:  # type: ignore[attr-defined]
                self.next()
            elif event.button() == Qt.MouseButton.RightButton:  # type: ignore[attr-defined]
                self.back()
            return True
        if kind in (QEvent.Type.MouseButtonDblClick, QEvent.Type.MouseButtonRelease, QEvent.Type.ContextMenu):
            return True
        return False

    def _key(self, key: Qt.Key) -> None:
        if key in NEXT:
            self.next()
        elif key in BACK:
            self.back()
        elif key == Qt.Key.Key_Home:
            self.show_step(0)
        elif key == Qt.Key.Key_End:
            self.show_step(len(self.steps) - 1)
        else:
            self.stop()
