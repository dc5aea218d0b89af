"""`MapScene`: records of every card and arrow following the map's change records, items made
only where the map is looked at, gestures reported as signals; never writes to the model."""

from __future__ import annotations

import heapq
from collections.abc import Iterable

from PySide6.QtCore import QPoint, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QImage, QPixmapCache
from PySide6.QtWidgets import QGraphicsScene

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
from argmap.ui.canvas.card_layout import card_size
from argmap.ui.canvas.editor import InlineEditor
from argmap.ui.canvas.gestures import Gestures, choose_connection
from argmap.ui.canvas.link_item import ANSWER_PREFIX, LinkItem, answer_link
from argmap.ui.canvas.overview import fits, render_overview
from argmap.ui.canvas.records import ArrowRec, CardRec, link_depth, link_order
from argmap.ui.canvas.render_state import RenderState
from argmap.ui.canvas.spatial import CONTENT_MARGIN, SpatialIndex, arrow_box, card_box
from argmap.ui.canvas.statement_item import StatementItem
from argmap.ui.extent import bounded_pos
from argmap.ui.styles import Theme, get_theme
from argmap.util import gc_paused

__all__ = ["CONTENT_MARGIN", "MapScene"]

PIXMAP_CACHE_KB = 64 * 1024  # busy arrow tiles keep a picture of themselves (QPixmapCache)


class MapScene(QGraphicsScene):
    """The items of one map. Build it on a map (it subscribes) and ``detach()`` when done.
    Items exist only for the parts of the map a view has shown (``item_for`` creates one
    on demand); ``render`` creates what the rendered area needs. Records, cells and items
    are kept by its `SpatialIndex` (``index``: hit tests, ``materialise`` for views);
    mouse events go to its `Gestures` controller (``gestures``)."""

    moveRequested = Signal(object)  # {id: (x, y)}
    connectRequested = Signal(object, str, str)  # premises, target id, "support"|"attack"
    addPremiseRequested = Signal(str, str)  # premise id, link id
    textEditCommitted = Signal(str, str)  # statement id, new text
    contextMenuRequested = Signal(object, QPoint)  # id or None, screen position
    overviewChanged = Signal()
    contentChanged = Signal()  # the content rectangle may have changed (coalesced)
    expandRequested = Signal(str)  # a collapsed card's "+N" was clicked

    def __init__(self, amap: ArgumentMap, theme: str = "default", parent=None) -> None:
        super().__init__(parent)
        self.map = amap
        self.rs = RenderState(get_theme(theme))
        self.index = SpatialIndex(self, self.rs)
        self._recs = self.index.recs  # the records by id (the index keeps them on its grid)
        if QPixmapCache.cacheLimit() < PIXMAP_CACHE_KB:
            QPixmapCache.setCacheLimit(PIXMAP_CACHE_KB)
        self._cards = 0
        self._deps: dict[str, set[str]] = {}  # id -> links drawn from/to it
        self._hidden: frozenset[str] = frozenset()
        self._unplaced: set[str] = set()  # shown at a position the model does not hold
        self._overview: tuple[float, QImage, QRectF] | None = None
        self._placement_timer: QTimer | None = None
        self._content_timer = QTimer(self)
        self._content_timer.setSingleShot(True)
        self._content_timer.timeout.connect(self.contentChanged)
        self.gestures = Gestures(self)
        self.setBackgroundBrush(QBrush(self.rs.background))
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)
        self._build()
        self.selectionChanged.connect(self._on_selection_changed)
        self._unsubscribe = amap.subscribe(self._on_change)

    # ------------------------------------------------------------------ public
    def detach(self) -> None:
        """Stop following the map (call before dropping the scene)."""
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
            self.selectionChanged.disconnect(self._on_selection_changed)

    @property
    def theme(self) -> Theme:
        return self.rs.theme

    def item_for(self, id_: str) -> StatementItem | LinkItem | None:
        """The item of a statement or link (created now if it was not shown yet)."""
        return self.index.item_for(id_)

    def content_rect(self) -> QRectF:
        """The bounding box of all visible cards and arrows (scene coordinates)."""
        return self.index.content_rect()

    def card_rects_in(self, x: float, y: float, w: float, h: float) -> list[tuple[float, float, float, float]]:
        """The cards overlapping a box, as (x, y, w, h) (see `SpatialIndex.card_rects_in`)."""
        return self.index.card_rects_in(x, y, w, h)

    def card_rect_of(self, id_: str) -> QRectF | None:
        """A statement's card rectangle (without creating its item); None if unknown."""
        rec = self._recs.get(id_)
        return QRectF(rec.x0, rec.y0, rec.w, rec.h) if isinstance(rec, CardRec) else None

    def is_shown(self, id_: str) -> bool:
        """Whether a statement or link is drawn (known and not hidden)."""
        rec = self._recs.get(id_)
        return rec is not None and rec.shown

    def card_count(self) -> int:
        return self._cards

    def statement_items(self) -> list[StatementItem]:
        """Every card's item (creates the missing ones)."""
        return [self.item_for(r.sid) for r in list(self._recs.values()) if isinstance(r, CardRec)]

    def link_items(self) -> list[LinkItem]:
        """Every link's item, without positions' connectors (creates the missing ones)."""
        return [self.item_for(r.lid) for r in list(self._recs.values()) if isinstance(r, ArrowRec) and not r.answer]

    def selected_ids(self) -> list[str]:
        """Selected statement and link ids (statements first, each group sorted)."""
        items = self.selectedItems()
        cards = sorted(i.sid for i in items if isinstance(i, StatementItem))
        links = sorted(i.lid for i in items if isinstance(i, LinkItem))
        return cards + links

    def select_ids(self, ids: Iterable[str]) -> None:
        wanted = [self.item_for(i) for i in ids if i in self._recs]
        self.clearSelection()
        for item in wanted:
            if item.isVisible():
                item.setSelected(True)

    def set_theme(self, name: str) -> None:
        self.rs.set_theme(get_theme(name))
        self.setBackgroundBrush(QBrush(self.rs.background))
        self._dirty_overview()
        self.index.repaint_tiles()
        self.update()

    def set_export_mode(self, on: bool) -> None:
        """Hide selection, hover and handles (for rendering exports)."""
        self.rs.export_mode = bool(on)
        self.index.repaint_tiles()
        self.update()

    def set_badges(self, mapping: dict[str, str] | None) -> None:
        old = self.rs.badges
        self.rs.badges = dict(mapping or {})
        changed = False
        for id_ in set(old) | set(self.rs.badges):
            if old.get(id_) != self.rs.badges.get(id_):
                changed = True
                item = self.index.shown_item(id_)
                if item is not None:
                    item.update()
        if changed:
            self._dirty_overview()  # the overview shows labels too

    def set_highlighted(self, ids: Iterable[str]) -> None:
        old = self.rs.highlighted
        self.rs.highlighted = frozenset(ids)
        for id_ in old ^ self.rs.highlighted:
            self.index.repaint(id_)
        self._dirty_overview()

    def set_flagged(self, ids: Iterable[str]) -> None:
        """Mark the cards whose quotation does not occur in their source."""
        old = self.rs.flagged
        self.rs.flagged = frozenset(ids)
        for id_ in old ^ self.rs.flagged:
            self.index.repaint(id_)

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
            rec = self._recs.get(id_)
            if isinstance(rec, CardRec):
                rec.shown = id_ not in new
                item = rec.item
                if item is not None:
                    item.setVisible(rec.shown)
                    if not rec.shown:
                        item.setSelected(False)
                links |= self._deps.get(id_, set())
            elif isinstance(rec, ArrowRec):
                links.add(id_)
        self._refresh_links(links)
        self.index.invalidate_content()
        self._touch_content()

    def hidden_ids(self) -> frozenset[str]:
        return self._hidden

    def records(self) -> dict:
        """The card and arrow records by id (read only: what exports measure)."""
        return self._recs

    def set_collapsed(self, counts: dict[str, int]) -> None:
        """Mark collapsed cards with how many cards each hides ("+7")."""
        old = self.rs.collapsed
        self.rs.collapsed = dict(counts)
        for sid in set(old) | set(counts):
            if old.get(sid) != counts.get(sid):
                item = self.index.shown_item(sid)
                if item is not None:
                    item.prepareGeometryChange()  # its shape gains or loses the pill
                    item.update()

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
        recs = self._recs.values()
        cards = [r for r in recs if isinstance(r, CardRec) and r.shown]
        links = [r for r in recs if isinstance(r, ArrowRec) and r.shown and r.valid]
        image = render_overview(cards, links, rect, bucket, self.rs)
        self._overview = (bucket, image, rect)
        return image, rect

    def render(self, painter, target: QRectF = QRectF(), source: QRectF = QRectF(), mode=Qt.AspectRatioMode.KeepAspectRatio) -> None:
        """Render like ``QGraphicsScene.render``, first creating the items of ``source``
        (of the whole content when no source is given); arrows are drawn as vectors."""
        if source is None or source.isNull():
            source = self.content_rect()
        sheet = self.index.paints_many_cells(source)
        self.index.materialise(source, arrows=not sheet)
        self.index.prepare_paint(sheet)
        cached = [t for t in self.index.tiles.values() if t.cacheMode() != t.CacheMode.NoCache]
        for tile in cached:  # exports get vector arrows, never a cached picture
            tile.setCacheMode(tile.CacheMode.NoCache)
        try:
            super().render(painter, target, source, mode)
        finally:
            for tile in cached:
                tile.check_cache()
            self.rs.sheet = False

    # ------------------------------------------------------------------ gestures
    def mousePressEvent(self, event) -> None:
        self.gestures.mousePressEvent(event)

    def mouseMoveEvent(self, event) -> None:
        self.gestures.mouseMoveEvent(event)

    def mouseReleaseEvent(self, event) -> None:
        self.gestures.mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event) -> None:
        self.gestures.mouseDoubleClickEvent(event)

    def contextMenuEvent(self, event) -> None:
        self.gestures.contextMenuEvent(event)

    choose_connection = staticmethod(choose_connection)  # the popup asking which connection

    def start_editing(self, id_: str) -> bool:
        """Open the in-place editor on a statement's card (returns False if not shown)."""
        return self.gestures.start_editing(id_)

    def _finish_editing(self, commit: bool) -> None:
        self.gestures.finish_editing(commit)

    def editor(self) -> InlineEditor | None:
        """The open in-place editor, if any."""
        return self.gestures.editor()

    def editing_id(self) -> str | None:
        return self.rs.editing_id

    # ------------------------------------------------------------------ building
    def _build(self) -> None:
        with gc_paused():  # tens of thousands of long-lived objects: no point scanning them
            self._build_records()

    def _build_records(self) -> None:
        statements = self.map.statements()
        missing = [s for s in statements if s.pos is None]
        placed = self._layout_missing() if missing else {}
        recs = self._recs
        hidden = self._hidden
        for s in statements:
            pos = bounded_pos(s.pos or placed.get(s.id) or self._free_spot())
            if s.pos is None:
                self._unplaced.add(s.id)
            rec = recs[s.id] = CardRec(s, pos[0], pos[1])
            if s.id in hidden:
                rec.shown = False
        self._cards += len(statements)
        links = self.map.links()
        for link in links:
            self._add_arrow_rec(link)
        answers = [self._add_arrow_rec(a, answer=True) for a in self._answer_links(statements)]
        for rec in link_order(recs, links) + answers:
            rec.shown = self._link_shown(rec)
            if rec.shown:
                rec.update_geometry(recs)
        self.index.invalidate_content()
        place_card, place_arrow = self.index.place_card, self.index.place_arrow
        for rec in recs.values():
            if isinstance(rec, CardRec):
                place_card(rec)
            else:
                place_arrow(rec)

    def _layout_missing(self) -> dict[str, tuple[float, float]]:
        from argmap.layout import layout_missing

        return layout_missing(self.map, size_of=card_size)

    def _answer_links(self, statements: Iterable[Statement]) -> list[Link]:
        return [answer_link(s.id, s.answers) for s in statements if s.answers and s.answers in self._recs]

    def _add_arrow_rec(self, link: Link, answer: bool = False) -> ArrowRec:
        rec = self._recs[link.id] = ArrowRec(link, answer)
        deps = self._deps
        for end in (*link.premises, link.target):
            if end in deps:
                deps[end].add(link.id)
            else:
                deps[end] = {link.id}
        return rec

    def _free_spot(self) -> tuple[float, float]:
        if not self._recs:
            return (0.0, 0.0)
        rect = self.content_rect()
        return (rect.right() + 60.0, rect.top() + CONTENT_MARGIN)

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
            self._remove(change.statement.id)
        elif isinstance(change, LinkAdded):
            rec = self._add_arrow_rec(change.link)
            self._refresh_links({rec.lid})
            if any(p in self._unplaced for p in change.link.premises):
                self._schedule_placement()
        elif isinstance(change, LinkRemoved):
            link = change.link
            self._remove(link.id)
            for end in (*link.premises, link.target):
                self._deps.get(end, set()).discard(link.id)
        elif isinstance(change, LinkChanged):
            self._link_changed(change.old, change.new)
        elif isinstance(change, MapReset):
            self._reset()
        elif isinstance(change, MetaChanged):
            return
        self._dirty_overview()
        self._touch_content()

    def _add_card(self, s: Statement) -> None:
        pos = bounded_pos(s.pos or self._free_spot())
        if s.pos is None:
            self._unplaced.add(s.id)
        rec = self._recs[s.id] = CardRec(s, pos[0], pos[1])
        if s.id in self._hidden:
            rec.shown = False
        self._cards += 1
        self.index.place_card(rec)
        self.index.content_changed(None, card_box(rec))

    def _statement_changed(self, old: Statement, new: Statement) -> None:
        rec = self._recs.get(new.id)
        if not isinstance(rec, CardRec):
            return
        item = rec.item
        if item is not None and (old.text, old.title, old.kind, old.source) != (new.text, new.title, new.kind, new.source):
            item.prepareGeometryChange()
        before = card_box(rec)
        if rec.set_statement(new) and card_box(rec) != before:
            self._card_changed(rec, before)
        if item is not None:
            item.refresh()
        if old.answers != new.answers:
            self._sync_answer(new)
        if new.pos is not None:
            self._unplaced.discard(new.id)
            if old.pos != new.pos or (rec.x0, rec.y0) != bounded_pos(new.pos):
                self.move_card(rec, new.pos)

    def _link_changed(self, old: Link, new: Link) -> None:
        rec = self._recs.get(new.id)
        if not isinstance(rec, ArrowRec):
            return
        for end in (*old.premises, old.target):
            self._deps.get(end, set()).discard(new.id)
        for end in (*new.premises, new.target):
            self._deps.setdefault(end, set()).add(new.id)
        rec.link = new
        self._refresh_links({new.id})

    def _sync_answer(self, s: Statement) -> None:
        """Show the connector from a position to its question (if it answers one)."""
        self._remove_answer(s.id)
        if s.answers and s.answers in self._recs:
            rec = self._add_arrow_rec(answer_link(s.id, s.answers), answer=True)
            self._refresh_links({rec.lid})

    def _remove_answer(self, sid: str) -> None:
        aid = ANSWER_PREFIX + sid
        rec = self._recs.get(aid)
        if rec is not None:
            for end in (*rec.link.premises, rec.link.target):
                self._deps.get(end, set()).discard(aid)
            self._remove(aid)

    def _remove(self, id_: str) -> None:
        rec = self._recs.pop(id_, None)
        if rec is None:
            return
        if self.rs.editing_id == id_:
            self.gestures.cancel_editing()
        self._unplaced.discard(id_)
        if isinstance(rec, CardRec):
            self._cards -= 1
            self.index.content_changed(card_box(rec), None)
        else:
            box = arrow_box(rec)
            self.index.content_changed(box, None)
            self.index.repaint_arrow(rec, box)
        self.index.forget(rec)
        item = self.index.drop_item(id_)
        if item is not None:
            self.gestures.forget_card(item)
        self._deps.pop(id_, None)

    def _reset(self) -> None:
        self.gestures.cancel_editing()
        self.clearSelection()
        self.gestures.forget_card()
        self.index.clear()
        self._cards = 0
        self._deps.clear()
        self._unplaced.clear()
        self.rs.selected_links = frozenset()
        self._build()

    def _refresh_links(self, link_ids: Iterable[str]) -> None:
        """Recompute visibility and geometry of these links and of links attacking them,
        each link before the links aiming at it (ties by id: never in a set's order)."""
        recs = self._recs
        todo = [(link_depth(recs, lid), lid) for lid in link_ids]
        heapq.heapify(todo)
        seen: set[str] = set()
        while todo:
            depth, lid = heapq.heappop(todo)
            if lid in seen:
                continue
            seen.add(lid)
            rec = recs.get(lid)
            if not isinstance(rec, ArrowRec):
                continue
            before = arrow_box(rec)
            old_lines = (rec.segs, rec.tip)
            visible = self._link_shown(rec)
            item = rec.item
            if visible != rec.shown:
                rec.shown = visible
                if item is not None:
                    item.setVisible(visible)
                    if not visible:
                        item.setSelected(False)
            if visible:
                rec.update_geometry(recs)
            if item is not None:
                z = self.index.arrow_z(rec)
                if item.zValue() != z:
                    item.setZValue(z)
                item.geometry_changed()
            after = arrow_box(rec)
            if after != before or old_lines != (rec.segs, rec.tip):
                self.index.repaint_arrow(rec, before)
                self.index.place_arrow(rec)
                self.index.content_changed(before, after)
            self.index.repaint_arrow(rec, after)
            for dep in self._deps.get(lid, ()):
                if dep not in seen:
                    heapq.heappush(todo, (depth + 1, dep))
        self._dirty_overview()

    def _link_shown(self, rec: ArrowRec) -> bool:
        link = rec.link
        recs = self._recs
        if link.id in self._hidden:
            return False
        target = recs.get(link.target)
        if target is None or not target.shown:
            return False
        for p in link.premises:
            prec = recs.get(p)
            if prec is not None and prec.shown:
                return True
        return False

    def move_card(self, card: CardRec | StatementItem, pos: tuple[float, float]) -> None:
        rec = card.rec if isinstance(card, StatementItem) else card
        before = card_box(rec)
        pos = bounded_pos(pos)
        rec.x0, rec.y0 = pos
        if rec.item is not None:
            rec.item.setPos(pos[0], pos[1])
        self._card_changed(rec, before)

    def card_dragged(self, card: StatementItem, before=None) -> None:
        """A card moved (or its item did, under the mouse): arrows and index follow."""
        self._card_changed(card.rec, before, unknown=before is None)

    def _card_changed(self, rec: CardRec, before, unknown: bool = False) -> None:
        self.index.place_card(rec)
        self.index.content_changed(before, card_box(rec), unknown)
        deps = self._deps.get(rec.sid)
        if deps:
            self._refresh_links(deps)
        else:
            self._dirty_overview()
        self._touch_content()

    def _on_selection_changed(self) -> None:
        sel = frozenset(i.lid for i in self.selectedItems() if isinstance(i, LinkItem))
        old = self.rs.selected_links
        if sel != old:
            self.rs.selected_links = sel
            for lid in sel ^ old:
                self.index.repaint(lid)

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
        for sid in sorted(self._unplaced):
            rec = self._recs.get(sid)
            if isinstance(rec, CardRec) and sid in placed:
                self.move_card(rec, placed[sid])
        self._dirty_overview()

    # ------------------------------------------------------------------ caches
    def _touch_content(self) -> None:
        if not self._content_timer.isActive():
            self._content_timer.start(0)

    def _dirty_overview(self) -> None:
        if self._overview is not None:
            self._overview = None
            self.overviewChanged.emit()

    def drawBackground(self, painter, rect: QRectF) -> None:
        painter.fillRect(rect, QColor(self.rs.background))
