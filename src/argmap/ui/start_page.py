"""The start page shown when no map is open: New map, Open…, Open example, recent files."""

from __future__ import annotations

import os

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget

from argmap.ui.icons import app_icon


class StartPage(QWidget):
    newRequested = Signal()
    openRequested = Signal()
    exampleRequested = Signal()
    recentRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("startPage")
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        col = QVBoxLayout()
        outer.addLayout(col, 2)
        outer.addStretch(1)
        col.addStretch(1)
        head = QHBoxLayout()
        logo = QLabel(self)
        logo.setPixmap(app_icon().pixmap(64, 64))
        head.addWidget(logo)
        title = QLabel(self.tr("<h1>argmap</h1><p>Map the arguments of a debate: the question, "
                               "the positions, and the reasons and evidence for and against each.</p>"), self)
        title.setWordWrap(True)
        head.addWidget(title, 1)
        col.addLayout(head)
        buttons = QHBoxLayout()
        self.new_button = QPushButton(self.tr("&New map"), self)
        self.open_button = QPushButton(self.tr("&Open…"), self)
        self.example_button = QPushButton(self.tr("Open &example: the Ottawa Convention debate"), self)
        self.new_button.clicked.connect(self.newRequested)
        self.open_button.clicked.connect(self.openRequested)
        self.example_button.clicked.connect(self.exampleRequested)
        for b in (self.new_button, self.open_button, self.example_button):
            b.setMinimumHeight(36)
            buttons.addWidget(b)
        col.addLayout(buttons)
        col.addSpacing(16)
        col.addWidget(QLabel(self.tr("<b>Recent maps</b>"), self))
        self.recent = QListWidget(self)
        self.recent.setObjectName("recentList")
        self.recent.itemActivated.connect(self._on_activated)
        col.addWidget(self.recent, 3)
        self.hint = QLabel(self.tr("Tip: press Ctrl+N for a new map, then Ctrl+Shift+Q to add the question."), self)
        self.hint.setWordWrap(True)
        col.addWidget(self.hint)
        col.addStretch(1)

    def set_recent(self, paths: list[str]) -> None:
        self.recent.clear()
        for p in paths:
            item = QListWidgetItem(f"{os.path.basename(p)}   \u2014   {os.path.dirname(p)}")
            item.setData(Qt.ItemDataRole.UserRole, p)
            item.setToolTip(p)
            if not os.path.exists(p):
                item.setForeground(Qt.GlobalColor.gray)
            self.recent.addItem(item)
        if not paths:
            placeholder = QListWidgetItem(self.tr("(no recent maps yet)"))
            placeholder.setFlags(Qt.ItemFlag.NoItemFlags)
            self.recent.addItem(placeholder)

    def _on_activated(self, item: QListWidgetItem) -> None:
        path = item.data(Qt.ItemDataRole.UserRole)
        if path:
            self.recentRequested.emit(str(path))
