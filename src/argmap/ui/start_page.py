"""The start page shown when no map is open: New map, Open…, Open example, recent files;
on a first start (no recent files) also the templates shipped with argmap and two lines
on how to begin."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget

from argmap.formats.templates import BUILTIN_DIR, list_templates
from argmap.ui.icons import app_icon

#: At most this many template buttons on the start page (File › New from Template has all).
MAX_TEMPLATES = 6


def template_folder() -> Path:
    return BUILTIN_DIR


def templates(folder: Path | None = None) -> list[tuple[str, str]]:
    """(name, path) of each template shipped with argmap, as File › New from Template
    lists them (``formats.templates``); broken files are not offered."""
    found = list_templates(builtin_dir=folder if folder is not None else template_folder())
    return [(t.name, str(t.path)) for t in found]


class StartPage(QWidget):
    newRequested = Signal()
    openRequested = Signal()
    exampleRequested = Signal()
    recentRequested = Signal(str)
    templateRequested = Signal(str)

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
        self.first_steps = self._build_first_steps()
        col.addWidget(self.first_steps)
        self.recent_label = QLabel(self.tr("<b>Recent maps</b>"), self)
        col.addWidget(self.recent_label)
        self.recent = QListWidget(self)
        self.recent.setObjectName("recentList")
        self.recent.itemActivated.connect(self._on_activated)
        col.addWidget(self.recent, 3)
        self.hint = QLabel(self.tr("Tip: press Ctrl+N for a new map, then Ctrl+Shift+Q to add the question."), self)
        self.hint.setWordWrap(True)
        col.addWidget(self.hint)
        col.addStretch(1)

    def _build_first_steps(self) -> QWidget:
        """How to begin (two lines) and the templates: shown while there are no recent maps."""
        box = QWidget(self)
        box.setObjectName("firstSteps")
        lay = QVBoxLayout(box)
        lay.setContentsMargins(0, 0, 0, 0)
        self.how_to_begin = QLabel(self.tr(
            "<b>How to begin</b><br>"
            "1. Open the example to see a finished map, or start from a template or a new map.<br>"
            "2. Select a card and add to it: Ins adds a reason, Ctrl+Shift+E evidence, Ctrl+Shift+A an objection "
            "(F1 opens the User Guide)."), box)
        self.how_to_begin.setWordWrap(True)
        lay.addWidget(self.how_to_begin)
        self.template_buttons: list[QPushButton] = []
        found = templates()
        if found:
            lay.addSpacing(8)
            lay.addWidget(QLabel(self.tr("<b>Start from a template</b>"), box))
            grid = QGridLayout()
            for i, (title, path) in enumerate(found[:MAX_TEMPLATES]):
                button = QPushButton(title, box)
                button.setToolTip(path)
                button.setMinimumHeight(32)
                button.clicked.connect(lambda _c=False, p=path: self.templateRequested.emit(p))
                grid.addWidget(button, i // 3, i % 3)
                self.template_buttons.append(button)
            lay.addLayout(grid)
        lay.addSpacing(12)
        return box

    def set_recent(self, paths: list[str]) -> None:
        """Fill the recent list; with none, show how to begin and the templates instead."""
        first_start = not paths
        self.first_steps.setVisible(first_start)
        self.recent_label.setVisible(not first_start)
        self.recent.setVisible(not first_start)
        self.hint.setVisible(not first_start)
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
