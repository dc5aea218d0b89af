"""The outline dock: the argument as an indented tree that edits (rename, drag to
reorder or re-parent) through the document and keeps its selection in sync."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QTreeView, QVBoxLayout, QWidget

from argmap.model import ArgumentMap, Edit
from argmap.ui.panels.outline_model import ID_ROLE, Node, OutlineModel


def _path_key(model: OutlineModel, node: Node) -> tuple[tuple[str, str | None], ...]:
    key = []
    n: Node | None = node
    while n is not None:
        key.append((n.id, n.via))
        n = n.parent
    return tuple(reversed(key))


class OutlinePanel(QWidget):
    """A tree view over an ``OutlineModel``. ``selectionChangedIds`` reports the ids the
    user selected here; ``select_ids`` follows a selection made elsewhere."""

    selectionChangedIds = Signal(list)
    problem = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("outlinePanel")
        self.tree = QTreeView(self)
        self.tree.setObjectName("outlineTree")
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.tree.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.tree.setDragEnabled(True)
        self.tree.setAcceptDrops(True)
        self.tree.setDropIndicatorShown(True)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed | QAbstractItemView.EditTrigger.SelectedClicked)
        self.tree.setWordWrap(False)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tree)
        self.model: OutlineModel | None = None
        self._syncing = False
        self._expanded: set[tuple[tuple[str, str | None], ...]] = set()
        self._selected: list[str] = []

    def set_map(self, amap: ArgumentMap | None, apply: Callable[[Edit], None] | None = None, defer: bool = False) -> None:
        """Show ``amap`` (None: nothing). With ``defer`` the look over the whole map for
        statements that only loop waits for ``complete()`` (after the first paint)."""
        old = self.model
        if old is not None:
            old.detach()
        if amap is None or apply is None:
            self.model = None
            self.tree.setModel(None)
        else:
            self.model = OutlineModel(amap, apply, self, defer=defer)
            self.model.problem.connect(self.problem)
            self.model.modelAboutToBeReset.connect(self._remember)
            self.model.rebuilt.connect(self._restore)
            self.tree.setModel(self.model)
            self.tree.selectionModel().selectionChanged.connect(self._on_selection_changed)
            self.tree.expanded.connect(self._on_expanded)
            self.tree.collapsed.connect(self._on_collapsed)
            for node in self.model.root_nodes():  # questions and their positions open
                self.tree.expand(self.model.index_of(node))
                for child in self.model.child_nodes(node):
                    if not child.group and amap.is_statement(child.id) and amap.statement(child.id).answers == node.id:
                        self.tree.expand(self.model.index_of(child))
        if old is not None:
            old.deleteLater()

    def flush(self) -> None:
        if self.model is not None:
            self.model.flush()

    def complete(self) -> None:
        if self.model is not None:
            self.model.complete()

    # -------------------------------------------------------------- expansion
    def _on_expanded(self, index: QModelIndex) -> None:
        node = self.model.node(index) if self.model else None
        if node is not None:
            self._expanded.add(_path_key(self.model, node))

    def _on_collapsed(self, index: QModelIndex) -> None:
        node = self.model.node(index) if self.model else None
        if node is not None:
            self._expanded.discard(_path_key(self.model, node))

    def _remember(self) -> None:
        self._selected = self.selected_ids()

    def _restore(self) -> None:
        model = self.model
        if model is None:
            return
        self._syncing = True
        try:
            keys = set(self._expanded)
            stack = [(n, ((n.id, n.via),)) for n in model.root_nodes()]
            while stack:
                node, key = stack.pop()
                if key in keys or node.parent is None:
                    self.tree.expand(model.index_of(node))
                    stack.extend((c, key + ((c.id, c.via),)) for c in model.child_nodes(node))
        finally:
            self._syncing = False
        self.select_ids(self._selected)

    # -------------------------------------------------------------- selection
    def selected_ids(self) -> list[str]:
        if self.model is None:
            return []
        ids = [self.model.data(i, ID_ROLE) for i in self.tree.selectionModel().selectedIndexes()]
        return list(dict.fromkeys(i for i in ids if i))

    def _on_selection_changed(self, _sel: QItemSelection, _desel: QItemSelection) -> None:
        if not self._syncing:
            self.selectionChangedIds.emit(self.selected_ids())

    def select_ids(self, ids: list[str]) -> None:
        """Select one row for each id (expanding its parents), without echoing back."""
        model = self.model
        if model is None:
            return
        if set(ids) == set(self.selected_ids()):
            return
        self._syncing = True
        try:
            selection = QItemSelection()
            first = None
            for id_ in ids:
                path = model.find_path(id_)
                if not path:
                    continue
                for node in path[:-1]:
                    self.tree.expand(model.index_of(node))
                idx = model.index_of(path[-1])
                selection.select(idx, idx)
                first = first or idx
            sm = self.tree.selectionModel()
            sm.select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            if first is not None:
                sm.setCurrentIndex(first, QItemSelectionModel.SelectionFlag.NoUpdate)
                self.tree.scrollTo(first)
        finally:
            self._syncing = False
