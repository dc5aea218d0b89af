"""The outline as a Qt item model: questions, their positions, and under every statement
the statements arguing for and against it; rows are made as the view unfolds them and
follow the map's change records row by row (a full rebuild only on MapReset)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, Qt, QTimer, Signal

from argmap.model import (
    ArgumentMap,
    Change,
    Edit,
    Link,
    LinkAdded,
    LinkChanged,
    LinkKind,
    LinkRemoved,
    MapReset,
    StatementAdded,
    StatementChanged,
    StatementKind,
    StatementRemoved,
    change_statement,
)
from argmap.ui.icons import kind_icon, link_icon
from argmap.ui.panels.outline_drop import ROW_MIME, OutlineDropMixin

__all__ = ["ID_ROLE", "ROW_MIME", "VIA_ROLE", "Node", "OutlineModel"]

ID_ROLE = Qt.ItemDataRole.UserRole + 1
VIA_ROLE = Qt.ItemDataRole.UserRole + 2
#: Statement fields that do not show in the outline at all.
_INVISIBLE = frozenset({"pos", "notes", "rating", "credence", "source"})
_DISPLAY = frozenset({"text", "title", "kind", "tags"})

_Index = QModelIndex | QPersistentModelIndex
#: A row's identity among its siblings: (id, via, group).
_Key = tuple[str, str | None, bool]


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

    @property
    def key(self) -> _Key:
        return (self.id, self.via, self.group)


class OutlineModel(OutlineDropMixin, QAbstractItemModel):
    #: A refused or failed drop/rename, as a sentence for the status bar.
    problem = Signal(str)
    #: Emitted after a full rebuild (views restore expansion and selection).
    rebuilt = Signal()

    def __init__(self, amap: ArgumentMap, apply: Callable[[Edit], None], parent: QObject | None = None, defer: bool = False) -> None:
        """With ``defer`` the one look over the whole map for statements that only
        loop (shown as extra top-level rows) waits for ``complete()``."""
        super().__init__(parent)
        self._map = amap
        self._apply = apply
        self._roots: list[Node] = []
        self._root_ids: set[str] = set()  # statements that are roots by themselves
        self._cycle_roots = False  # roots were added for statements only in cycles
        self._by_id: dict[str, list[Node]] = {}
        self._dead: list[Node] = []  # rows removed by the last update (kept alive for Qt)
        self._dirty = False
        self._reset_due = False
        self._parents: set[str] = set()  # ids whose child rows may have changed
        self._root_check: set[str] = set()  # statements that may have become or stopped being roots
        self._reach_check: set[str] = set()  # statements whose way up to a root changed
        self._loops_unknown = False  # the look for statements that only loop is still due
        self._unsubscribe = amap.subscribe(self._on_change)
        self._build_roots(find_loops=not defer)

    def detach(self) -> None:
        self._unsubscribe()

    # ------------------------------------------------------------------- building
    def _is_root(self, id_: str) -> bool:
        """A statement shown at the top level by itself: a question, or a statement that
        answers nothing and argues for or against nothing."""
        amap = self._map
        if not amap.is_statement(id_):
            return False
        s = amap.statement(id_)
        if s.kind is StatementKind.QUESTION:
            return True
        return not (s.answers and s.answers in amap) and not amap.links_from(id_)

    def _root_key(self, id_: str) -> tuple[bool, float, str]:
        s = self._map.statement(id_)
        return (s.kind is not StatementKind.QUESTION, s.order, s.id)

    def _build_roots(self, find_loops: bool = True) -> None:
        amap = self._map
        self._by_id = {}
        self._root_ids = {
            s.id for s in amap.roots() if s.kind is StatementKind.QUESTION or not (s.answers and s.answers in amap)
        }
        roots = sorted(self._root_ids, key=self._root_key)
        self._loops_unknown = not find_loops
        unreached = self._unreached(roots) if find_loops else set()
        self._cycle_roots = bool(unreached)
        while unreached:  # statements only in cycles: show them at the top
            first = min(unreached)
            roots.append(first)
            unreached -= amap.subtree(first)
        self._roots = [self._node(id_, None, False, None, i, frozenset()) for i, id_ in enumerate(roots)]

    def complete(self) -> None:
        """Look for statements that only loop (under no root) if that was deferred, and
        show them as top-level rows (a rebuild; maps without such loops are untouched)."""
        if not self._loops_unknown:
            return
        self._loops_unknown = False
        if self._unreached(sorted(self._root_ids, key=self._root_key)):
            self._reset()

    def _reset(self) -> None:
        self._reset_due = False
        self._dead = []
        self.beginResetModel()
        self._build_roots()
        self.endResetModel()
        self.rebuilt.emit()

    def _unreached(self, roots: list[str]) -> set[str]:
        """Statements under no root (only in cycles): one pass over the map."""
        down: dict[str, list[str]] = {}
        statements: list[str] = []
        for item in self._map.items_unordered():
            if isinstance(item, Link):
                down.setdefault(item.target, []).append(item.id)
                down.setdefault(item.id, []).extend(item.premises)
            else:
                statements.append(item.id)
                if item.answers is not None:
                    down.setdefault(item.answers, []).append(item.id)
        if len(roots) == len(statements):
            return set()
        seen = set(roots)
        stack = list(roots)
        while stack:
            for child in down.get(stack.pop(), ()):
                if child not in seen:
                    seen.add(child)
                    stack.append(child)
        return {i for i in statements if i not in seen}

    def _node(self, id_: str, via: str | None, group: bool, parent: Node | None, row: int, ancestors: frozenset[str]) -> Node:
        node = Node(id_, via, group, parent, row, ancestors)
        self._by_id.setdefault(id_, []).append(node)
        return node

    def _children(self, node: Node) -> list[Node]:
        if node.children is None:
            anc = node.ancestors | {node.id}
            node.children = [self._node(i, v, g, node, r, anc) for r, (i, v, g) in enumerate(self._child_keys(node))]
        return node.children

    def _child_keys(self, node: Node) -> list[_Key]:
        """The rows under ``node`` as the map is now."""
        amap = self._map
        if node.id not in amap:
            return []
        out: list[_Key] = []
        if node.group:
            out.extend((p, node.id, False) for p in amap.link(node.id).premises)
            self._add_links_into(node.id, out)
            return out
        if node.id in node.ancestors:
            return []  # a cycle: shown once, not unfolded again
        s = amap.statement(node.id)
        if s.kind is StatementKind.QUESTION:
            out.extend((p.id, None, False) for p in amap.positions(s.id))
        self._add_links_into(node.id, out)
        return out

    def _add_links_into(self, target: str, out: list[_Key]) -> None:
        amap = self._map
        for link in amap.links_into(target):
            if len(link.premises) == 1 and not amap.links_into(link.id):
                out.append((link.premises[0], link.id, False))
            else:
                out.append((link.id, link.id, True))

    # ------------------------------------------------------------- change records
    def _on_change(self, change: Change) -> None:
        if isinstance(change, StatementChanged):
            old, new = change.old, change.new
            fields = change.fields
            if fields <= _INVISIBLE:
                return
            self._refresh(new.id)
            if "kind" in fields and (old.kind is StatementKind.QUESTION) != (new.kind is StatementKind.QUESTION):
                self._parents.add(new.id)
                self._root_check.add(new.id)
            if "answers" in fields:
                self._parents.update(a for a in (old.answers, new.answers) if a)
                self._root_check.add(new.id)
                self._reach_check.add(new.id)
            if "order" in fields:  # siblings sort by order: the rows above it reorder
                self._parents.update(a for a in (old.answers, new.answers) if a)
                self._parents.update(link.target for link in self._map.links_from(new.id))
                self._root_check.add(new.id)
            if not fields & {"kind", "answers", "order"}:
                return
        elif isinstance(change, (StatementAdded, StatementRemoved)):
            s = change.statement
            self._root_check.add(s.id)
            if s.answers:
                self._parents.add(s.answers)
        elif isinstance(change, (LinkAdded, LinkRemoved)):
            self._link_touched(change.link)
        elif isinstance(change, LinkChanged):
            self._link_touched(change.old)
            self._link_touched(change.new)
        elif isinstance(change, MapReset):
            self._reset_due = True
        else:
            return
        if not self._dirty:
            self._dirty = True
            QTimer.singleShot(0, self.flush)

    def _link_touched(self, link: Link) -> None:
        """A link came, went or changed: the rows under its target (and, when it attacks
        a link, under that link's target, where the link may turn into a group row)."""
        self._parents.update((link.target, link.id))
        if self._map.is_link(link.target):
            self._parents.add(self._map.link(link.target).target)
        self._root_check.update(link.premises)
        self._reach_check.update(link.premises)

    def _refresh(self, id_: str) -> None:
        for node in self._by_id.get(id_, ()):
            idx = self.createIndex(node.row, 0, node)
            self.dataChanged.emit(idx, idx)

    def flush(self) -> None:
        """Bring the rows up to date now (called after every edit): the rows that
        changed are inserted, removed or moved; a reset only after a MapReset."""
        if not self._dirty:
            return
        self._dirty = False
        if self._loops_unknown:
            self._reset_due = True  # (cheaper than finding out first)
        parents, roots, reach = self._parents, self._root_check, self._reach_check
        self._parents, self._root_check, self._reach_check = set(), set(), set()
        self._dead = []
        for id_ in roots:
            if self._is_root(id_):
                self._root_ids.add(id_)
            else:
                self._root_ids.discard(id_)
        if self._reset_due or self._cycle_roots or not all(self._reaches_root(i) for i in reach):
            self._reset()
            return
        if roots:
            self._sync(None, [(i, None, False) for i in sorted(self._root_ids, key=self._root_key)])
        for id_ in parents:
            for node in list(self._by_id.get(id_, ())):
                if node.children is not None:
                    self._sync(node, self._child_keys(node))

    def _reaches_root(self, id_: str) -> bool:
        """Whether a statement still shows somewhere: it is a root, or a way up (through
        its links' targets, or the question it answers) leads to one."""
        amap = self._map
        if not amap.is_statement(id_):
            return True
        seen = {id_}
        stack = [id_]
        while stack:
            cur = stack.pop()
            if cur in self._root_ids:
                return True
            item = amap.item(cur)
            if isinstance(item, Link):
                ups = [item.target]
            else:
                ups = [link.id for link in amap.links_from(cur)]
                if item.answers and item.answers in amap:
                    ups.append(item.answers)
            for up in ups:
                if up not in seen:
                    seen.add(up)
                    stack.append(up)
        return False

    def _sync(self, parent: Node | None, keys: list[_Key]) -> None:
        """Make ``parent``'s rows (None: the top level) be ``keys``, in order: remove,
        move and insert single rows so that views keep expansion and selection."""
        rows = self._roots if parent is None else parent.children
        assert rows is not None
        pidx = QModelIndex() if parent is None else self.index_of(parent)
        wanted = set(keys)
        for r in range(len(rows) - 1, -1, -1):
            if rows[r].key not in wanted:
                self.beginRemoveRows(pidx, r, r)
                gone = rows.pop(r)
                self._renumber(rows, r)
                self.endRemoveRows()
                self._forget(gone)
        anc = frozenset() if parent is None else parent.ancestors | {parent.id}
        for i, key in enumerate(keys):
            if i < len(rows) and rows[i].key == key:
                continue
            j = next((k for k in range(i + 1, len(rows)) if rows[k].key == key), -1)
            if j >= 0:
                self.beginMoveRows(pidx, j, j, pidx, i)
                rows.insert(i, rows.pop(j))
                self._renumber(rows, i)
                self.endMoveRows()
            else:
                self.beginInsertRows(pidx, i, i)
                rows.insert(i, self._node(key[0], key[1], key[2], parent, i, anc))
                self._renumber(rows, i)
                self.endInsertRows()
        if rows:
            self.dataChanged.emit(self.index_of(rows[0]), self.index_of(rows[-1]))

    @staticmethod
    def _renumber(rows: list[Node], start: int) -> None:
        for r in range(start, len(rows)):
            rows[r].row = r

    def _forget(self, node: Node) -> None:
        """Unregister a removed row and everything under it."""
        stack = [node]
        while stack:
            n = stack.pop()
            self._dead.append(n)
            same = self._by_id.get(n.id)
            if same is not None:
                same[:] = [m for m in same if m is not n]
                if not same:
                    del self._by_id[n.id]
            if n.children:
                stack.extend(n.children)

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
        # the rows are made here (one level) so that the view's idea of which rows can
        # unfold always matches the lists that change records update
        return bool(self.child_nodes(self.node(parent)))

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
