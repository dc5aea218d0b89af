"""Help > Keyboard Shortcuts: a table generated from the window's actions (so it cannot
go stale) plus the canvas gestures."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHeaderView, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from argmap.ui.actions import GESTURES, MENUS, SPECS, plain


def shortcut_rows(actions: dict[str, QAction]) -> list[tuple[str, str, str]]:
    """(menu, command, keys) for every action that has a shortcut, then the gestures."""
    rows = []
    by_menu = {m: [s for s in SPECS if s.menu == m] for m in MENUS}
    for menu, specs in by_menu.items():
        for spec in specs:
            action = actions.get(spec.name)
            if action is None:
                continue
            keys = ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts())
            if keys:
                rows.append((menu, plain(action.text()), keys))
    for gesture, meaning in GESTURES:
        rows.append(("Canvas", meaning, gesture))
    return rows


class ShortcutsDialog(QDialog):
    def __init__(self, actions: dict[str, QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keyboard Shortcuts"))
        self.resize(720, 560)
        rows = shortcut_rows(actions)
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
