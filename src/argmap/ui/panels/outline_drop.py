"""Drag and drop of outline rows: a drop becomes one undoable edit (re-parent, reorder
or co-premise) applied through the document; the change records then move the rows."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData, QModelIndex, QPersistentModelIndex, Qt

from argmap.model import Edit, MapError, add_premise
from argmap.ui import edit_ops

if TYPE_CHECKING:
    from argmap.ui.panels.outline_model import Node

ROW_MIME = "application/x-argmap-outline-rows"

_Index = QModelIndex | QPersistentModelIndex


class OutlineDropMixin:
    """Mixed into ``OutlineModel`` (which provides ``_map``, ``_apply``, ``node``,
    ``child_nodes`` and the ``problem`` signal)."""

    # -------------------------------------------------------------- drag and drop
    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [ROW_MIME]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:
        rows = []
        for idx in indexes:
            node = self.node(idx)
            if node is not None and not node.group:
                rows.append({"id": node.id, "via": node.via})
        mime = QMimeData()
        mime.setData(ROW_MIME, json.dumps(rows).encode("utf-8"))
        return mime

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: _Index) -> bool:
        return data.hasFormat(ROW_MIME)

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: _Index) -> bool:
        """Turn a drop into one undoable edit; returns False so that the view never
        removes rows itself (the change records move the rows)."""
        if not data.hasFormat(ROW_MIME):
            return False
        try:
            rows = json.loads(bytes(data.data(ROW_MIME).data()).decode("utf-8"))
        except ValueError:
            return False
        self.drop_rows([(r["id"], r.get("via")) for r in rows if isinstance(r, dict) and "id" in r], self.node(parent), row)
        return False

    def drop_rows(self, rows: list[tuple[str, str | None]], parent: Node | None, row: int) -> bool:
        """Move statement rows under ``parent`` (None: the top level) at ``row`` (-1: at
        the end, i.e. dropped onto the parent). One undo step."""
        amap = self._map
        rows = [(i, v) for i, v in rows if amap.is_statement(i) and (v is None or amap.is_link(v))]
        if not rows:
            return False
        if parent is not None and parent.group:
            link = amap.link(parent.id)
            new = [i for i, _v in rows if i not in link.premises and link.target not in amap.subtree(i)]
            if not new:
                return False
            steps = [lambda m, i=i: [add_premise(m, link.id, i)] for i in new]
            return self._try(edit_ops.sequence(amap, steps, self.tr("Add co-premise")))
        target = parent.id if parent is not None else None
        steps = [lambda m, i=i, v=v: edit_ops.reparent(m, i, v, target) for i, v in rows]
        moved = [i for i, _v in rows]
        label = self.tr("Move in outline")
        if row >= 0:
            siblings = [n.id for n in self.child_nodes(parent) if not n.group]
            before = [i for i in siblings[:row] if i not in moved]
            after = [i for i in siblings[row:] if i not in moved]
            order = before + moved + after
            steps.append(lambda m: edit_ops.reorder(m, order))
            if all(any(n.id == i and n.via == v for n in self.child_nodes(parent)) for i, v in rows):
                label = self.tr("Reorder")
        return self._try(edit_ops.sequence(amap, steps, label))

    def _try(self, edit: Edit | None) -> bool:
        if edit is None:
            return False
        try:
            self._apply(edit)
        except MapError as exc:
            self.problem.emit(str(exc))
            return False
        return True
