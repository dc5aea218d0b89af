"""The outline as a Qt item model: questions, their positions, and under every statement
the statements arguing for and against it; follows the map's change records."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QAbstractItemModel, QMimeData, QModelIndex, QObject, QPersistentModelIndex, Qt, QTimer, Signal

from argmap.model import (
    ArgumentMap,
    Change,
    Edit,
    LinkKind,
    MapError,
    StatementChanged,
    StatementKind,
    add_premise,
    change_statement,
)
from argmap.ui import edit_ops
from argmap.ui.icons import kind_icon, link_icon

ID_ROLE = Qt.ItemDataRole.UserRole + 1
VIA_ROLE = Qt.ItemDataRole.UserRole + 2
ROW_MIME = "application/x-argmap-outline-rows"
#: Statement fields that do not show in the outline at all.
_INVISIBLE = frozenset({"pos", "notes", "rating", "credence", "source"})
_DISPLAY = frozenset({"text", "title", "kind", "tags"})

_Index = QModelIndex | QPersistentModelIndex


@dataclass(eq=False)
class Node:
    """One row: a statement (``group`` False) reached through link ``via``, or a link
    shown as a row of its own (co-premises, or an inference that is undercut)."""

    id: str
    via: str | None
    group: bool
    parent: Node | None
    row: int
    ancestors: frozenset[str]
    children: list[Node] | None = field(default=None, repr=False)


class OutlineModel(QAbstractItemModel):
    #: A refused or failed drop/rename, as a sentence for the status bar.
    problem = Signal(str)
    #: Emitted after a structural rebuild (views restore expansion and selection).
    rebuilt = Signal()

    def __init__(self, amap: ArgumentMap, apply: Callable[[Edit], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._map = amap
        self._apply = apply
        self._roots: list[Node] = []
        self._by_id: dict[str, list[Node]] = {}
        self._dirty = False
        self._unsubscribe = amap.subscribe(self._on_change)
        self._build_roots()

    def detach(self) -> None:
        self._unsubscribe()

    # ------------------------------------------------------------------- building
    def _build_roots(self) -> None:
        amap = self._map
        self._by_id = {}
        statements = amap.statements()
        roots = [s for s in statements if s.kind is StatementKind.QUESTION]
        roots += [
            s
            for s in statements
            if s.kind is not StatementKind.QUESTION and not (s.answers and s.answers in amap) and not amap.links_from(s.id)
        ]
        roots.sort(key=lambda s: (s.kind is not StatementKind.QUESTION, s.order, s.id))
        reached: set[str] = set()
        for s in roots:
            reached |= amap.subtree(s.id)
        if len(reached) < len(amap):  # statements only in cycles: show them at the top
            rest = [s for s in statements if s.id not in reached]
            while rest:
                roots.append(rest[0])
                reached |= amap.subtree(rest[0].id)
                rest = [s for s in rest if s.id not in reached]
        self._roots = [self._node(s.id, None, False, None, i, frozenset()) for i, s in enumerate(roots)]

    def _node(self, id_: str, via: str | None, group: bool, parent: Node | None, row: int, ancestors: frozenset[str]) -> Node:
        node = Node(id_, via, group, parent, row, ancestors)
        self._by_id.setdefault(id_, []).append(node)
        return node

    def _children(self, node: Node) -> list[Node]:
        if node.children is None:
            node.children = self._compute_children(node)
        return node.children

    def _compute_children(self, node: Node) -> list[Node]:
        amap = self._map
        if node.id not in amap:
            return []
        out: list[Node] = []
        anc = node.ancestors | {node.id}
        if node.group:
            link = amap.link(node.id)
            for p in link.premises:
                out.append(self._node(p, link.id, False, node, len(out), anc))
            self._add_links_into(node, node.id, out, anc)
            return out
        if node.id in node.ancestors:
            return []  # a cycle: shown once, not unfolded again
        s = amap.statement(node.id)
        if s.kind is StatementKind.QUESTION:
            for p in amap.positions(s.id):
                out.append(self._node(p.id, None, False, node, len(out), anc))
        self._add_links_into(node, node.id, out, anc)
        return out

    def _add_links_into(self, node: Node, target: str, out: list[Node], anc: frozenset[str]) -> None:
        amap = self._map
        for link in amap.links_into(target):
            if len(link.premises) == 1 and not amap.links_into(link.id):
                out.append(self._node(link.premises[0], link.id, False, node, len(out), anc))
            else:
                out.append(self._node(link.id, link.id, True, node, len(out), anc))

    # ------------------------------------------------------------- change records
    def _on_change(self, change: Change) -> None:
        if isinstance(change, StatementChanged):
            fields = change.fields
            if fields <= _INVISIBLE:
                return
            if fields <= _INVISIBLE | _DISPLAY:
                self._refresh(change.new.id)
                return
        if not self._dirty:
            self._dirty = True
            QTimer.singleShot(0, self.flush)

    def _refresh(self, id_: str) -> None:
        for node in self._by_id.get(id_, ()):
            idx = self.createIndex(node.row, 0, node)
            self.dataChanged.emit(idx, idx)

    def flush(self) -> None:
        """Rebuild now if the structure changed (called after every edit)."""
        if not self._dirty:
            return
        self._dirty = False
        self.beginResetModel()
        self._build_roots()
        self.endResetModel()
        self.rebuilt.emit()

    # --------------------------------------------------------------- navigation
    def node(self, index: _Index) -> Node | None:
        if not index.isValid():
            return None
        return index.internalPointer()

    def index_of(self, node: Node) -> QModelIndex:
        return self.createIndex(node.row, 0, node)

    def root_nodes(self) -> list[Node]:
        return self._roots

    def child_nodes(self, node: Node | None) -> list[Node]:
        return self._roots if node is None else self._children(node)

    def find_path(self, id_: str) -> list[Node]:
        """Nodes from a root down to one row showing ``id_`` (built on the way), or []."""
        amap = self._map
        if id_ not in amap:
            return []
        chain = [id_]
        seen = {id_}
        cur = id_
        while True:
            item = amap.item(cur)
            if amap.is_link(cur):
                up = item.target  # type: ignore[union-attr]
            elif item.answers and item.answers in amap:  # type: ignore[union-attr]
                up = item.answers  # type: ignore[union-attr]
            else:
                out = amap.links_from(cur)
                if not out:
                    break
                chain.append(out[0].id)  # the link (a row only if shown as a group)
                seen.add(out[0].id)
                up = out[0].target
            if up in seen:
                break
            chain.append(up)
            seen.add(up)
            cur = up
        chain.reverse()
        for start in range(len(chain)):
            path = self._descend(chain[start:])
            if path:
                return path
        return []

    def _descend(self, chain: list[str]) -> list[Node]:
        """Follow ``chain`` (statement, link, statement, ... ids from the top) down the
        tree: a link in the chain is either a group row or the ``via`` of the next row."""
        level = self._roots
        path: list[Node] = []
        i = 0
        while i < len(chain):
            want = chain[i]
            nxt = chain[i + 1] if i + 1 < len(chain) else None
            found = None
            step = 1
            for n in level:
                if n.id == want and (n.group or self._map.is_statement(want)):
                    found = n
                    break
                if not n.group and n.via == want and (nxt is None or n.id == nxt):
                    found, step = n, (2 if nxt is not None else 1)
                    break
            if found is None:
                return []
            path.append(found)
            i += step
            if i < len(chain):
                level = self._children(found)
        return path

    # ------------------------------------------------------------------ Qt model
    def index(self, row: int, column: int, parent: _Index = QModelIndex()) -> QModelIndex:
        if column != 0 or row < 0:
            return QModelIndex()
        siblings = self.child_nodes(self.node(parent))
        if row >= len(siblings):
            return QModelIndex()
        return self.createIndex(row, 0, siblings[row])

    def parent(self, index: _Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        node = self.node(index)
        if node is None or node.parent is None:
            return QModelIndex()
        return self.createIndex(node.parent.row, 0, node.parent)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        if parent.column() > 0:
            return 0
        return len(self.child_nodes(self.node(parent)))

    def hasChildren(self, parent: _Index = QModelIndex()) -> bool:
        node = self.node(parent)
        if node is None:
            return bool(self._roots)
        if node.children is not None:
            return bool(node.children)
        if node.id not in self._map or (not node.group and node.id in node.ancestors):
            return False
        if node.group:
            return True
        s = self._map.statement(node.id)
        return s.kind is StatementKind.QUESTION or bool(self._map.links_into(node.id))

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 1

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        node = self.node(index)
        if node is None or node.id not in self._map:
            return None
        amap = self._map
        if role == ID_ROLE:
            return node.id
        if role == VIA_ROLE:
            return node.via
        if node.group:
            link = amap.link(node.id)
            if role == Qt.ItemDataRole.DisplayRole:
                n = len(link.premises)
                what = self.tr("Together (%n premises)", "", n) if n > 1 else self.tr("Inference")
                return ("+ " if link.kind is LinkKind.SUPPORT else "\u2212 ") + what
            if role == Qt.ItemDataRole.DecorationRole:
                return link_icon(link.kind)
            if role == Qt.ItemDataRole.ToolTipRole:
                return self.tr("A link: its premises together support or attack the row above")
            return None
        s = amap.statement(node.id)
        if role == Qt.ItemDataRole.DisplayRole:
            prefix = ""
            if node.via is not None and not (node.parent is not None and node.parent.group):
                prefix = "+ " if amap.link(node.via).kind is LinkKind.SUPPORT else "\u2212 "
            elif node.via is not None and node.parent is not None and node.parent.group and node.parent.id != node.via:
                prefix = "\u2212 "
            cycle = " \u21bb" if node.id in node.ancestors else ""
            return prefix + s.label(120) + cycle
        if role == Qt.ItemDataRole.EditRole:
            return s.title or s.text
        if role == Qt.ItemDataRole.DecorationRole:
            return kind_icon(s.kind)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{s.kind.value}: {s.text}"
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsDropEnabled
        node = self.node(index)
        if node is None:
            return base
        f = base | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if not node.group:
            f |= Qt.ItemFlag.ItemIsEditable | Qt.ItemFlag.ItemIsDragEnabled
        return f

    def setData(self, index: _Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        node = self.node(index)
        if node is None or node.group or role != Qt.ItemDataRole.EditRole or node.id not in self._map:
            return False
        s = self._map.statement(node.id)
        value = str(value)
        field_name = "title" if s.title else "text"
        if value == getattr(s, field_name) or not value.strip():
            return False
        return self._try(change_statement(self._map, node.id, label="Rename" if s.title else "Edit text", **{field_name: value}))

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
        removes rows itself (the change records rebuild the outline)."""
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
