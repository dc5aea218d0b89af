"""What collapse and focus hide on the canvas: the collapsed statements and the focused
one (view state, never an edit), and the items they hide. It follows the map's change
records itself: a change of the map's shape schedules one recomputation (coalesced, after
the edit), so an edit made anywhere (the window, a dock, a script on the model) keeps what
is hidden right."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Set
from typing import Protocol

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal

from argmap.model import (
    ArgumentMap,
    Change,
    LinkAdded,
    LinkChanged,
    LinkRemoved,
    MapReset,
    StatementAdded,
    StatementChanged,
    StatementRemoved,
)

#: Statement fields whose change can move a statement in or out of a subtree.
_SHAPE_FIELDS = frozenset({"answers"})


class HidingScene(Protocol):
    """What folding needs of the scene."""

    def hidden_ids(self) -> Set[str]: ...

    def set_hidden(self, ids: Iterable[str]) -> None: ...

    def set_collapsed(self, counts: dict[str, int]) -> None: ...


class Folding(QObject):
    """Collapse and focus for one map shown on one scene (a `HidingScene`)."""

    #: The items hidden after a change of collapse/focus (for the status bar).
    hiddenChanged = Signal(int)

    def __init__(self, amap: ArgumentMap, scene: HidingScene, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._map = amap
        self._scene = scene
        self.collapsed: set[str] = set()
        self.focus_id: str | None = None
        self._due = False
        self._unsubscribe: Callable[[], None] | None = amap.subscribe(self._on_change)

    def detach(self) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None

    # ------------------------------------------------------------------ commands
    def collapse(self, ids: Iterable[str]) -> None:
        self.collapsed.update(ids)
        self.apply()

    def expand(self, ids: Iterable[str]) -> None:
        self.collapsed.difference_update(ids)
        self.apply()

    def focus(self, id_: str) -> None:
        self.focus_id = id_
        self.apply()

    def show_all(self) -> None:
        self.collapsed.clear()
        self.focus_id = None
        self.apply()

    # ---------------------------------------------------------------- computing
    def hidden_ids(self) -> set[str]:
        """What collapse and focus hide on the map as it is now (statements that no
        longer exist are forgotten)."""
        amap = self._map
        self.collapsed = {c for c in self.collapsed if amap.is_statement(c)}
        hidden: set[str] = set()
        for c in self.collapsed:
            hidden |= amap.subtree(c) - {c}
        if self.focus_id is not None:
            if not amap.is_statement(self.focus_id):
                self.focus_id = None
            else:
                keep = amap.subtree(self.focus_id)
                s = amap.statement(self.focus_id)
                if s.answers:
                    keep.add(s.answers)
                hidden |= {i for i in amap.graph.nodes if i not in keep}
        return hidden

    def apply(self) -> None:
        """Hide now what collapse and focus hide (announced when something is hidden)."""
        self._due = False
        hidden = self._sync()
        if hidden:
            self.hiddenChanged.emit(len(hidden))

    # ----------------------------------------------------------- change records
    def _on_change(self, change: Change) -> None:
        if not self.collapsed and self.focus_id is None:
            return  # nothing folded: nothing to follow
        if isinstance(change, StatementChanged) and not change.fields & _SHAPE_FIELDS:
            return
        if not isinstance(change, (StatementAdded, StatementRemoved, StatementChanged, LinkAdded, LinkRemoved,
                                   LinkChanged, MapReset)):
            return
        if not self._due and shiboken6.isValid(self):  # the window may be gone before the map
            self._due = True
            QTimer.singleShot(0, self._follow)

    def _follow(self) -> None:
        if self._due and self._unsubscribe is not None and shiboken6.isValid(self._scene):
            self._due = False
            self._sync()

    def _sync(self) -> set[str]:
        """Hide what is hidden, and mark each collapsed card that shows with how many
        statements it hides ("+7")."""
        hidden = self.hidden_ids()
        if hidden != set(self._scene.hidden_ids()):
            self._scene.set_hidden(hidden)
        amap = self._map
        counts = {}
        for c in self.collapsed:
            if c not in hidden:
                n = sum(1 for i in amap.subtree(c) if i != c and amap.is_statement(i))
                if n:
                    counts[c] = n
        self._scene.set_collapsed(counts)
        return hidden
