"""Help > Keyboard Shortcuts: a table generated from the window's actions (so it cannot
go stale) plus the canvas gestures."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMenu, QDialog, QDialogButtonBox, QHeaderView, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from argmap.ui.actions import GESTURES, plain
from argmap.ui.panels.source_view import SOURCE_KEYS


def shortcut_rows(menus: dict[str, QMenu]) -> list[tuple[str, str, str]]:
    """(menu, command, keys) for every menu command that has a shortcut (read from the
    menus themselves, so commands added by other modules are listed too), then the
    canvas gestures."""
    rows = []
    seen: set[int] = set()

    def walk(title: str, menu: QMenu) -> None:
        for action in menu.actions():
            if action.menu() is not None:
                walk(title, action.menu())
                continue
            if id(action) in seen or action.isSeparator():
                continue
            seen.add(id(action))
            keys = ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts())
            if keys:
                rows.append((title, plain(action.text()), keys))

    for title, menu in menus.items():
        walk(title, menu)
    for gesture, meaning in GESTURES:
        rows.append(("Canvas", meaning, gesture))
    for keys, meaning in SOURCE_KEYS:
        rows.append(("Sources", meaning, keys))
    return rows


class ShortcutsDialog(QDialog):
    def __init__(self, menus: dict[str, QMenu], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keyboard Shortcuts"))
        self.resize(720, 560)
        rows = shortcut_rows(menus)
        table = self.table = QTableWidget(len(rows), 3, self)
        table.setHorizontalHeaderLabels([self.tr("Menu"), self.tr("Command"), self.tr("Keys")])
        for r, (menu, command, keys) in enumerate(rows):
            for c, text in enumerate((self.tr(menu), command, keys)):
                table.setItem(r, c, QTableWidgetItem(text))
        table.verticalHeader().hide()
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        table.resizeColumnToContents(0)
        table.resizeColumnToContents(2)
        table.setWordWrap(True)
        table.resizeRowsToContents()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(table)
        lay.addWidget(buttons)
