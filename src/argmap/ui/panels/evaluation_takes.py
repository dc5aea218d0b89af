"""The Evaluation dock's "What would it take?" box: the smallest changes that would make
the selected statement stand, each with the verdict it yields. The search can take a
second on a big, tangled map, so it runs a slice at a time from the event loop (a 0 ms
timer, ``SLICE_MS`` of work per pass) while the box says "Working…"; a new statement,
new labels or any edit of the map drops it, so an answer for an older map is never shown."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QGroupBox, QLabel, QVBoxLayout, QWidget

from argmap.model import ArgumentMap
from argmap.reasoning import Labelling, TakesSearch, WhatItTakes

#: Milliseconds of searching per pass of the event loop.
SLICE_MS = 10


def takes_text(amap: ArgumentMap, result: WhatItTakes) -> str:
    """The answer in the words of `argmap evaluate --what-it-takes`, one line each;
    two or more ways are bulleted."""
    lines = result.lines(amap)
    if len(result.ways) > 1:
        lines = [f"\u2022 {line}" if i < len(result.ways) else line for i, line in enumerate(lines)]
    return "\n".join(lines)


class TakesBox(QGroupBox):
    """Shows ``what_would_it_take`` for one statement under one labelling (``show_for``),
    searched without blocking the window."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("What would it take?"))
        layout = QVBoxLayout(self)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.label)
        self._map: ArgumentMap | None = None
        self._search: TakesSearch | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._step)

    def show_for(self, amap: ArgumentMap, id_: str, labelling: Labelling) -> None:
        """Show the answer for ``id_`` under ``labelling`` (of ``amap`` as it is now):
        at once when it is known, else "Working…" until the search is done."""
        search = self._search
        if search is None or search.id != id_ or search.labelling is not labelling or self._map is not amap:
            self.cancel()
            search = self._search = TakesSearch(amap, id_, labelling)
            self._map = amap
        if search.result is not None:
            self.label.setText(takes_text(amap, search.result))
            return
        self.label.setText(self.tr("Working\u2026"))
        self._timer.start()

    def clear(self) -> None:
        """Nothing to show: stop any search and empty the box."""
        self.cancel()
        self.label.setText("")

    def map_changed(self) -> None:
        """The map moved on: the answer (found or coming) is for the map as it was. The
        dock asks again once its labels are current."""
        if self._search is not None:
            self.cancel()
            if self.isVisible():
                self.label.setText(self.tr("Working\u2026"))

    def cancel(self) -> None:
        if self._search is not None:
            self._search.cancel()
            self._search = None
        self._map = None
        self._timer.stop()

    def pending(self) -> bool:
        """True while a search is under way."""
        return self._search is not None and not self._search.done

    def _step(self) -> None:
        search, amap = self._search, self._map
        if search is None or amap is None or search.done:
            return
        result = search.run(SLICE_MS / 1000)
        if result is None:
            self._timer.start()
        else:
            self.label.setText(takes_text(amap, result))
