"""Help > Keyboard Shortcuts: a table generated from the window's actions (so it cannot
go stale) plus the canvas gestures; Help > How Verdicts Are Weighed: the default order
of strengths, read from ``argmap.reasoning.ORDER``."""

from __future__ import annotations

from PySide6.QtCore import QKeyCombination, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMenu,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from argmap.reasoning import ORDER
from argmap.reasoning.weighing import LEVEL_NAMES

from argmap.ui.actions import GESTURES, plain
from argmap.ui.panels.source_view import SOURCE_KEYS


#: Keys of special keyboards that Qt's standard shortcuts add on X11 (the Sun "L" keys
#: F14 Undo, F16 Copy, F18 Paste, F20 Cut; dedicated Copy/Paste/Undo/Find/Help keys):
#: they keep working where such a key exists, but a list for people shows what they can type.
_SPECIAL_KEYS = {Qt.Key.Key_Copy, Qt.Key.Key_Paste, Qt.Key.Key_Cut, Qt.Key.Key_Undo, Qt.Key.Key_Redo, Qt.Key.Key_Find,
                 Qt.Key.Key_Help, Qt.Key.Key_Open, Qt.Key.Key_Save, Qt.Key.Key_Close, Qt.Key.Key_New, Qt.Key.Key_Exit}


def typable(seq: QKeySequence) -> bool:
    """False for a sequence on a key an ordinary keyboard lacks (F13 and up, the
    dedicated Copy/Paste/... keys)."""
    for i in range(seq.count()):
        combo = seq[i]
        key = combo.key() if isinstance(combo, QKeyCombination) else Qt.Key(int(combo) & ~int(Qt.KeyboardModifier.KeyboardModifierMask))
        if key in _SPECIAL_KEYS or Qt.Key.Key_F13 <= key <= Qt.Key.Key_F35:
            return False
    return True


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
            keys = ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts() if typable(k))
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


class WeighingDialog(QDialog):
    """The default order of strengths and the rules of weighed verdicts."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("How Verdicts Are Weighed"))
        self.resize(720, 520)
        intro = QLabel(
            self.tr(
                "Weighed semantics (the default) gives every statement a strength from what the map holds, "
                "strongest first as below. A statement with reasons is as strong as its best reason, and a "
                "reason as strong as its weakest premise; a reason whose inference is objected to lends nothing. "
                "An attack is as strong as its weakest premise. It defeats a statement only if it is at least as "
                "strong; an objection to an inference (an undercut) always defeats it. Your own ratings "
                "(accepted, rejected) and link strengths (strong, weak, none) always win over these defaults."
            )
        )
        intro.setWordWrap(True)
        table = self.table = QTableWidget(len(ORDER), 2, self)
        table.setHorizontalHeaderLabels([self.tr("Strength"), self.tr("What gives it")])
        for r, (level, words) in enumerate(ORDER):
            table.setItem(r, 0, QTableWidgetItem(LEVEL_NAMES[level]))
            table.setItem(r, 1, QTableWidgetItem(self.tr(words)))
        table.verticalHeader().hide()
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        table.resizeColumnToContents(0)
        table.setWordWrap(True)
        table.resizeRowsToContents()
        verdicts = QLabel(
            self.tr(
                "Each position gets one verdict: stands (no attack on it succeeds and a reason for it holds), "
                "stands, unsupported (unchallenged, but no reason for it holds), defeated, or undecided."
            )
        )
        verdicts.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(intro)
        lay.addWidget(table)
        lay.addWidget(verdicts)
        lay.addWidget(buttons)
