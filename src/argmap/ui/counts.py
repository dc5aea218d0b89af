"""`MapCounts`: how many statements and links a map holds, kept current from its change
records (so that a status line never counts the whole map after each edit)."""

from __future__ import annotations

from argmap.model import ArgumentMap, Change, LinkAdded, LinkRemoved, MapReset, Statement, StatementAdded, StatementRemoved


class MapCounts:
    """Counts of ``amap``'s statements and links; call ``detach()`` when done."""

    def __init__(self, amap: ArgumentMap) -> None:
        self._map = amap
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
