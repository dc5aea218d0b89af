"""`MapScene`: the canvas scene. It follows the map's change records (creating, updating
and removing only the affected items), and reports gestures as signals; it never writes
to the model."""

from __future__ import annotations

import gc
from collections.abc import Iterable

from PySide6.QtCore import QPoint, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QImage, QTransform
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene

from argmap.model import (
    ArgumentMap,
    Change,
    Link,
    LinkAdded,
    LinkChanged,
    LinkRemoved,
    MapReset,
    MetaChanged,
    Statement,
    StatementAdded,
    StatementChanged,
    StatementRemoved,
)
from argmap.ui.items.card_layout import CARD_WIDTH, card_size
from argmap.ui.items.gestures import GestureMixin
from argmap.ui.items.link_item import ANSWER_PREFIX, Z_LINK, Z_ON_LINK, AnswerItem, LinkItem, answer_link
from argmap.ui.items.overview import fits, render_overview
from argmap.ui.items.render_state import RenderState
from argmap.ui.items.statement_item import StatementItem
from argmap.ui.styles import Theme, get_theme

SCENE_MARGIN = 400.0
CONTENT_MARGIN = 24.0


class MapScene(GestureMixin, QGraphicsScene):
    """The items of one map. Build it on a map (it subscribes) and ``detach()`` when done."""

    moveRequested = Signal(object)  # {id: (x, y)}
    connectRequested = Signal(object, str, str)  # premises, target id, "support"|"attack"
    addPremiseRequested = Signal(str, str)  # premise id, link id
    textEditCommitted = Signal(str, str)  # statement id, new text
    contextMenuRequested = Signal(object, QPoint)  # id or None, screen position
    overviewChanged = Signal()

    def __init__(self, amap: ArgumentMap, theme: str = "default", parent=None) -> None:
        super().__init__(parent)
        self.map = amap
        self.rs = RenderState(get_theme(theme))
        self._items: dict[str, StatementItem | LinkItem] = {}
        self._cards = 0
        self._deps: dict[str, set[str]] = {}  # id -> links drawn from/to it
        self._hidden: frozenset[str] = frozenset()
        self._unplaced: set[str] = set()  # shown at a position the model does not hold
        self._content: QRectF | None = None
        self._overview: tuple[float, QImage, QRectF] | None = None
        self._placement_timer: QTimer | None = None
        self._init_gestures()
        self.setBackgroundBrush(QBrush(self.rs.background))
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)
        self._build()
        self._unsubscribe = amap.subscribe(self._on_change)

    # ------------------------------------------------------------------ public
    def detach(self) -> None:
        """Stop following the map (call before dropping the scene)."""
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None

    @property
    def theme(self) -> Theme:
        return self.rs.theme

    def item_for(self, id_: str) -> StatementItem | LinkItem | None:
        return self._items.get(id_)

    def card_count(self) -> int:
        return self._cards

    def statement_items(self) -> list[StatementItem]:
        return [i for i in self._items.values() if isinstance(i, StatementItem)]

    def link_items(self) -> list[LinkItem]:
        return [i for i in self._items.values() if isinstance(i, LinkItem) and not isinstance(i, AnswerItem)]

    def selected_ids(self) -> list[str]:
        """Selected statement and link ids (statements first, each group sorted)."""
        items = self.selectedItems()
        cards = sorted(i.sid for i in items if isinstance(i, StatementItem))
        links = sorted(i.lid for i in items if isinstance(i, LinkItem))
        return cards + links

    def select_ids(self, ids: Iterable[str]) -> None:
        wanted = [self._items[i] for i in ids if i in self._items]
        self.clearSelection()
        for item in wanted:
            if item.isVisible():
                item.setSelected(True)

    def set_theme(self, name: str) -> None:
        self.rs.set_theme(get_theme(name))
        self.setBackgroundBrush(QBrush(self.rs.background))
        self._dirty_overview()
        self.update()

    def set_export_mode(self, on: bool) -> None:
        """Hide selection, hover and handles (for rendering exports)."""
        self.rs.export_mode = bool(on)
        self.update()

    def set_badges(self, mapping: dict[str, str] | None) -> None:
        old = self.rs.badges
        self.rs.badges = dict(mapping or {})
        for id_ in set(old) | set(self.rs.badges):
            if old.get(id_) != self.rs.badges.get(id_) and id_ in self._items:
                self._items[id_].update()

    def set_highlighted(self, ids: Iterable[str]) -> None:
        old = self.rs.highlighted
        self.rs.highlighted = frozenset(ids)
        for id_ in old ^ self.rs.highlighted:
            item = self._items.get(id_)
            if item is not None:
                item.update()
        self._dirty_overview()

    def highlighted_ids(self) -> frozenset[str]:
        return self.rs.highlighted

    def set_hidden(self, ids: Iterable[str]) -> None:
        """Hide these statements and links (collapse, focus); arrows whose ends are all
        hidden hide with them."""
        new = frozenset(ids)
        changed = new ^ self._hidden
        self._hidden = new
        links: set[str] = set()
        for id_ in changed:
            item = self._items.get(id_)
            if isinstance(item, StatementItem):
                item.shown = id_ not in new
                item.setVisible(item.shown)
                if id_ in new:
                    item.setSelected(False)
                links |= self._deps.get(id_, set())
            elif isinstance(item, LinkItem):
                links.add(id_)
        self._refresh_links(links)
        self._dirty_content()

    def hidden_ids(self) -> frozenset[str]:
        return self._hidden

    def content_rect(self) -> QRectF:
        """The bounding box of all visible cards and arrows (scene coordinates)."""
        if self._content is None:
            x1 = y1 = float("inf")
            x2 = y2 = float("-inf")
            for item in self._items.values():
                if not item.shown:
                    continue
                if isinstance(item, StatementItem):
                    a, b, c, d = item.x0, item.y0, item.x0 + item.w, item.y0 + item.h
                elif item.valid:
                    r = item.boundingRect()
                    a, b, c, d = r.left(), r.top(), r.right(), r.bottom()
                else:
                    continue
                x1, y1, x2, y2 = min(x1, a), min(y1, b), max(x2, c), max(y2, d)
            m = CONTENT_MARGIN
            self._content = QRectF(x1 - m, y1 - m, x2 - x1 + 2 * m, y2 - y1 + 2 * m) if x1 <= x2 else QRectF(0, 0, CARD_WIDTH, 100)
        return QRectF(self._content)

    def overview(self, scale: float, dpr: float = 1.0) -> tuple[QImage, QRectF] | None:
        """The cached overview picture of the whole map at about ``scale`` device pixels
        per scene unit, or None when that would be too large (then paint items)."""
        rect = self.content_rect()
        want = scale * dpr
        cached = self._overview
        if cached is not None and cached[2] == rect and cached[0] >= want and cached[0] <= want * 1.6:
            return cached[1], cached[2]
        bucket = want * 1.25
        if not fits(rect, bucket):
            bucket = want
            if not fits(rect, bucket):
                return None
        cards = [i for i in self._items.values() if isinstance(i, StatementItem) and i.shown]
        links = [i for i in self._items.values() if isinstance(i, LinkItem) and i.shown and i.valid]
        image = render_overview(cards, links, rect, bucket, self.rs)
        self._overview = (bucket, image, rect)
        return image, rect

    def start_editing(self, id_: str) -> bool:
        """Open the in-place editor on a statement's card (returns False if not shown)."""
        return self._start_editing(id_)

    def editing_id(self) -> str | None:
        return self.rs.editing_id

    def card_at(self, scene_pos: QPointF) -> StatementItem | None:
        for item in self.items(scene_pos, Qt.ItemSelectionMode.IntersectsItemShape, Qt.SortOrder.DescendingOrder, QTransform()):
            if isinstance(item, StatementItem) and item.isVisible():
                return item
        return None

    def target_at(self, scene_pos: QPointF, exclude: Iterable[str] = ()) -> StatementItem | LinkItem | None:
        """The topmost card or arrow under ``scene_pos`` (cards win over arrows)."""
        skip = set(exclude)
        found_link = None
        for item in self.items(scene_pos, Qt.ItemSelectionMode.IntersectsItemShape, Qt.SortOrder.DescendingOrder, QTransform()):
            if isinstance(item, StatementItem) and item.sid not in skip and item.isVisible():
                return item
            if isinstance(item, LinkItem) and found_link is None and item.isVisible() and item.valid:
                found_link = item
        return found_link

    # ------------------------------------------------------------------ building
    def _build(self) -> None:
        gc_was_enabled = gc.isenabled()
        gc.disable()  # tens of thousands of long-lived objects: no point scanning them
        try:
            self._build_items()
        finally:
            if gc_was_enabled:
                gc.enable()

    def _build_items(self) -> None:
        self.rs.card_moved = None
        statements = self.map.statements()
        missing = [s for s in statements if s.pos is None]
        placed = self._layout_missing() if missing else {}
        cards = [self._add_card(s, placed.get(s.id), building=True) for s in statements]
        links = self.map.links()
        link_items = [self._add_link_item(link, building=True) for link in links]
        link_items += [self._add_link_item(a, building=True, cls=AnswerItem) for a in self._answer_links(statements)]
        answers = [i for i in link_items if isinstance(i, AnswerItem)]
        for item in self._link_order(links) + answers:
            item.shown = self._link_shown(item)
            if item.shown:
                item.update_geometry(building=True)
            else:
                item.setVisible(False)
        add = self.addItem
        for item in cards:
            add(item)
        for item in link_items:
            add(item)
        self.rs.card_moved = self._on_card_moved
        self._dirty_content()

    def _layout_missing(self) -> dict[str, tuple[float, float]]:
        from argmap.layout import layout_missing

        return layout_missing(self.map, size_of=card_size)

    def _link_order(self, links: list[Link]) -> list[LinkItem]:
        """Link items ordered so a link comes after any link it targets."""
        out: list[LinkItem] = []
        done: set[str] = set()
        for link in links:
            chain = []
            lid = link.id
            while lid not in done and self.map.is_link(lid):
                chain.append(lid)
                done.add(lid)
                lid = self.map.link(lid).target
            out.extend(self._items[i] for i in reversed(chain))
        return out

    def _add_card(self, s: Statement, placed: tuple[float, float] | None = None, building: bool = False) -> StatementItem:
        item = StatementItem(s, self.rs)
        pos = s.pos or placed
        if pos is None:
            pos = self._free_spot()
        if s.pos is None:
            self._unplaced.add(s.id)
        item.place(pos[0], pos[1])
        if s.id in self._hidden:
            item.shown = False
            item.setVisible(False)
        self._items[s.id] = item
        self._cards += 1
        if not building:
            self.addItem(item)
        return item

    def _answer_links(self, statements: Iterable[Statement]) -> list[Link]:
        return [answer_link(s.id, s.answers) for s in statements if s.answers and s.answers in self._items]

    def _add_link_item(self, link: Link, building: bool = False, cls: type[LinkItem] = LinkItem) -> LinkItem:
        item = cls(link, self.rs, self._items)
        self._items[link.id] = item
        deps = self._deps
        for end in (*link.premises, link.target):
            if end in deps:
                deps[end].add(link.id)
            else:
                deps[end] = {link.id}
        if not building:
            self.addItem(item)
        return item

    def _free_spot(self) -> tuple[float, float]:
        rect = self.content_rect() if self._items else QRectF(0, 0, 0, 0)
        return (rect.right() + 60.0, rect.top() + CONTENT_MARGIN) if self._items else (0.0, 0.0)

    # ---------------------------------------------------------- change records
    def _on_change(self, change: Change) -> None:
        if isinstance(change, StatementChanged):
            self._statement_changed(change.old, change.new)
        elif isinstance(change, StatementAdded):
            s = change.statement
            self._add_card(s)
            self._sync_answer(s)
            if s.pos is None:
                self._schedule_placement()
        elif isinstance(change, StatementRemoved):
            self._remove_answer(change.statement.id)
            self._remove_item(change.statement.id)
        elif isinstance(change, LinkAdded):
            item = self._add_link_item(change.link)
            self._refresh_links({item.lid})
            if any(p in self._unplaced for p in change.link.premises):
                self._schedule_placement()
        elif isinstance(change, LinkRemoved):
            link = change.link
            self._remove_item(link.id)
            for end in (*link.premises, link.target):
                self._deps.get(end, set()).discard(link.id)
        elif isinstance(change, LinkChanged):
            self._link_changed(change.old, change.new)
        elif isinstance(change, MapReset):
            self._reset()
            return
        elif isinstance(change, MetaChanged):
            return
        self._dirty_content()

    def _statement_changed(self, old: Statement, new: Statement) -> None:
        item = self._items.get(new.id)
        if not isinstance(item, StatementItem):
            return
        item.set_statement(new)
        if old.answers != new.answers:
            self._sync_answer(new)
        if new.pos is not None:
            self._unplaced.discard(new.id)
            if old.pos != new.pos or item.pos() != QPointF(*new.pos):
                self._move_card(item, new.pos)

    def _link_changed(self, old: Link, new: Link) -> None:
        item = self._items.get(new.id)
        if not isinstance(item, LinkItem):
            return
        for end in (*old.premises, old.target):
            self._deps.get(end, set()).discard(new.id)
        for end in (*new.premises, new.target):
            self._deps.setdefault(end, set()).add(new.id)
        item.link = new
        self._refresh_links({new.id})

    def _sync_answer(self, s: Statement) -> None:
        """Show the connector from a position to its question (if it answers one)."""
        self._remove_answer(s.id)
        if s.answers and s.answers in self._items:
            item = self._add_link_item(answer_link(s.id, s.answers), cls=AnswerItem)
            self._refresh_links({item.lid})

    def _remove_answer(self, sid: str) -> None:
        aid = ANSWER_PREFIX + sid
        item = self._items.get(aid)
        if item is not None:
            for end in (*item.link.premises, item.link.target):
                self._deps.get(end, set()).discard(aid)
            self._remove_item(aid)

    def _remove_item(self, id_: str) -> None:
        item = self._items.pop(id_, None)
        if item is None:
            return
        if self.rs.editing_id == id_:
            self._cancel_editing()
        self._unplaced.discard(id_)
        if isinstance(item, StatementItem):
            self._cards -= 1
        self.removeItem(item)
        self._deps.pop(id_, None)

    def _reset(self) -> None:
        self._cancel_editing()
        self.clearSelection()
        for item in list(self._items.values()):
            self.removeItem(item)
        self._items.clear()
        self._cards = 0
        self._deps.clear()
        self._unplaced.clear()
        self._build()

    def _refresh_links(self, link_ids: set[str]) -> None:
        """Recompute visibility and geometry of these links and of links attacking them."""
        todo = list(link_ids)
        seen: set[str] = set()
        while todo:
            lid = todo.pop(0)
            if lid in seen:
                continue
            seen.add(lid)
            item = self._items.get(lid)
            if not isinstance(item, LinkItem):
                continue
            z = Z_ON_LINK if item.targets_link() else Z_LINK
            if item.zValue() != z:
                item.setZValue(z)
            visible = self._link_shown(item)
            if visible != item.shown:
                item.shown = visible
                item.setVisible(visible)
            if visible:
                item.update_geometry()
            else:
                item.setSelected(False)
            todo.extend(self._deps.get(lid, ()))
        self._dirty_overview()

    def _shown(self, id_: str) -> bool:
        item = self._items.get(id_)
        return item is not None and item.shown

    def _link_shown(self, item: LinkItem) -> bool:
        link = item.link
        return link.id not in self._hidden and self._shown(link.target) and any(self._shown(p) for p in link.premises)

    def _move_card(self, card: StatementItem, pos: tuple[float, float]) -> None:
        card.place(pos[0], pos[1])
        self._on_card_moved(card)

    def _on_card_moved(self, card: StatementItem) -> None:
        deps = self._deps.get(card.sid)
        if deps:
            self._refresh_links(deps)
        else:
            self._dirty_overview()
        self._content = None

    # -------------------------------------------------------------- placement
    def _schedule_placement(self) -> None:
        if self._placement_timer is None:
            self._placement_timer = QTimer(self)
            self._placement_timer.setSingleShot(True)
            self._placement_timer.timeout.connect(self.place_unplaced)
        self._placement_timer.start(0)

    def place_unplaced(self) -> None:
        """Lay out the statements shown at positions the model does not hold yet."""
        if not self._unplaced:
            return
        placed = self._layout_missing()
        for sid in list(self._unplaced):
            item = self._items.get(sid)
            if isinstance(item, StatementItem) and sid in placed:
                self._move_card(item, placed[sid])
        self._dirty_content()

    # ------------------------------------------------------------------ caches
    def _dirty_content(self) -> None:
        self._content = None
        self._dirty_overview()

    def _dirty_overview(self) -> None:
        if self._overview is not None:
            self._overview = None
            self.overviewChanged.emit()

    def drawBackground(self, painter, rect: QRectF) -> None:
        painter.fillRect(rect, QColor(self.rs.background))
