"""`MapCounts`: how many statements and links a map holds, kept current from its change
records (so that a status line never counts the whole map after each edit), and the
status bar's texts of counts and zoom."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication

from argmap.model import ArgumentMap, Change, LinkAdded, LinkRemoved, MapReset, Statement, StatementAdded, StatementRemoved


class MapCounts:
    """Counts of ``amap``'s statements and links; call ``detach()`` when done.
    ``changed`` (if given) is called after every record that changes a count."""

    def __init__(self, amap: ArgumentMap, changed: Callable[[], None] | None = None) -> None:
        self._map = amap
        self._changed = changed
        self.statements = 0
        self.links = 0
        self._recount()
        self._unsubscribe = amap.subscribe(self._on_change)

    def detach(self) -> None:
        self._unsubscribe()

    def _recount(self) -> None:
        items = self._map.items_unordered()
        self.statements = sum(1 for i in items if isinstance(i, Statement))
        self.links = len(items) - self.statements

    def _on_change(self, change: Change) -> None:
        if isinstance(change, StatementAdded):
            self.statements += 1
        elif isinstance(change, StatementRemoved):
            self.statements -= 1
        elif isinstance(change, LinkAdded):
            self.links += 1
        elif isinstance(change, LinkRemoved):
            self.links -= 1
        elif isinstance(change, MapReset):
            self._recount()
        else:
            return
        if self._changed is not None:
            self._changed()


def counts_text(statements: int, links: int, separator: str = " \u00b7 ") -> str:
    """'1 statement · 2 links': the singular for one, the plural otherwise."""
    tr = QCoreApplication.translate
    first = tr("MapCounts", "%1 statement") if statements == 1 else tr("MapCounts", "%1 statements")
    second = tr("MapCounts", "%1 link") if links == 1 else tr("MapCounts", "%1 links")
    return first.replace("%1", str(statements)) + separator + second.replace("%1", str(links))


def zoom_text(factor: float) -> str:
    """The zoom for the status bar: "100%", "4.5%", "0.34%" (never a bare "0%")."""
    percent = factor * 100
    if percent >= 10:
        return f"{percent:.0f}%"
    return f"{percent:.2g}%"
