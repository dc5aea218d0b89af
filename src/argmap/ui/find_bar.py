"""The find bar (Ctrl+F): searches statement text, titles, notes, tags and sources,
highlights every match on the canvas and jumps between them."""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from argmap.model import ArgumentMap, Change, LinkAdded, LinkChanged, LinkRemoved, Statement


def matches(amap: ArgumentMap, query: str) -> list[str]:
    """Ids of statements containing every word of ``query`` (case-insensitive), in
    reading order (top to bottom, left to right)."""
    words = query.casefold().split()
    if not words:
        return []
    found: list[Statement] = []
    for s in amap.statements():
        hay = " ".join((s.text, s.title, s.notes, " ".join(s.tags)))
        if s.source is not None:
            hay += " " + " ".join((s.source.citation, s.source.quotation, s.source.url, s.source.locator))
        hay = hay.casefold()
        if all(w in hay for w in words):
            found.append(s)
    found.sort(key=lambda s: ((s.pos or (0.0, 0.0))[1], (s.pos or (0.0, 0.0))[0], s.id))
    return [s.id for s in found]


class FindBar(QWidget):
    """``highlight(ids)`` asks the canvas to mark matches; ``jump(id)`` to show one."""

    highlight = Signal(list)
    jump = Signal(str)
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findBar")
        self._map: ArgumentMap | None = None
        self._unsubscribe: Callable[[], None] | None = None
        self._refresh_due = False
        self._hits: list[str] = []
        self._current = -1
        lay = QHBoxLayout(self)
        lay.setContentsMargins(6, 2, 6, 2)
        lay.addWidget(QLabel(self.tr("Find:")))
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(self.tr("words in text, title, notes or source"))
        self.edit.setClearButtonEnabled(True)
        self.edit.textChanged.connect(self._search)
        self.edit.returnPressed.connect(self.next)
        self.edit.installEventFilter(self)
        lay.addWidget(self.edit, 1)
        self.prev_button = QToolButton(self)
        self.prev_button.setText("\u25b2")
        self.prev_button.setToolTip(self.tr("Previous match (Shift+F3)"))
        self.prev_button.clicked.connect(self.previous)
        self.next_button = QToolButton(self)
        self.next_button.setText("\u25bc")
        self.next_button.setToolTip(self.tr("Next match (F3 or Enter)"))
        self.next_button.clicked.connect(self.next)
        self.count = QLabel(self)
        self.count.setMinimumWidth(90)
        close = QToolButton(self)
        close.setText("\u2715")
        close.setToolTip(self.tr("Close (Escape)"))
        close.clicked.connect(self.close_bar)
        for w in (self.prev_button, self.next_button, self.count, close):
            lay.addWidget(w)
        self.hide()

    def set_map(self, amap: ArgumentMap | None) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        self._map = amap
        if amap is not None:
            self._unsubscribe = amap.subscribe(self._on_change)
        self._hits = []
        self._current = -1
        if self.isVisible():
            self._search(self.edit.text())

    def open_bar(self) -> None:
        self.show()
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll()
        self._search(self.edit.text())

    def close_bar(self) -> None:
        self.hide()
        self.highlight.emit([])
        self.closed.emit()

    def hits(self) -> list[str]:
        return list(self._hits)

    def _on_change(self, change: Change) -> None:
        """A change record: search again once the edit is done (links change no match)."""
        if isinstance(change, (LinkAdded, LinkRemoved, LinkChanged)) or self._refresh_due:
            return
        if shiboken6.isValid(self) and self.isVisible():
            self._refresh_due = True
            QTimer.singleShot(0, self._refresh_later)

    def _refresh_later(self) -> None:
        self._refresh_due = False
        if shiboken6.isValid(self):
            self.refresh()

    def refresh(self) -> None:
        """Search again after the map changed (keeps the bar's place if it can)."""
        if self.isVisible():
            self._search(self.edit.text(), keep=True)

    def _search(self, text: str, keep: bool = False) -> None:
        current = self._hits[self._current] if keep and 0 <= self._current < len(self._hits) else None
        self._hits = matches(self._map, text) if self._map is not None else []
        self._current = self._hits.index(current) if current in self._hits else -1
        self.highlight.emit(self._hits)
        self._show_count()

    def _show_count(self) -> None:
        if not self.edit.text().strip():
            self.count.setText("")
        elif not self._hits:
            self.count.setText(self.tr("no matches"))
        elif self._current < 0:
            self.count.setText(self.tr("%n matches", "", len(self._hits)))
        else:
            self.count.setText(self.tr("%1 of %2").replace("%1", str(self._current + 1)).replace("%2", str(len(self._hits))))

    def next(self) -> None:
        self._step(+1)

    def previous(self) -> None:
        self._step(-1)

    def _step(self, delta: int) -> None:
        if not self._hits:
            return
        if self._current < 0:
            self._current = 0 if delta > 0 else len(self._hits) - 1
        else:
            self._current = (self._current + delta) % len(self._hits)
        self._show_count()
        self.jump.emit(self._hits[self._current])

    def eventFilter(self, obj, event) -> bool:  # type: ignore[no-untyped-def]
        if obj is self.edit and isinstance(event, QKeyEvent) and event.type() == QKeyEvent.Type.KeyPress:
            if event.key() == Qt.Key.Key_Escape:
                self.close_bar()
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                self.previous()
                return True
        return super().eventFilter(obj, event)
