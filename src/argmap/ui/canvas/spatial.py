"""The scene's grid of cells over its records: items only for cells that are looked at
(``materialise``), arrow tiles, and a content rectangle kept without rescanning the map."""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QTransform
from PySide6.QtWidgets import QGraphicsScene

from argmap.ui.canvas.arrow_layer import (
    MAX_LEVEL,
    TILE,
    TILE_MARGIN,
    ArrowSheet,
    ArrowTile,
    arrow_keys,
    clip_line,
    coarse_key,
    crosses,
    rect_keys,
)
from argmap.ui.canvas.card_layout import CARD_WIDTH
from argmap.ui.canvas.link_item import Z_LINK, Z_ON_LINK, AnswerItem, LinkItem
from argmap.ui.canvas.records import ArrowRec, CardRec
from argmap.ui.canvas.statement_item import HANDLE_R, MARGIN, StatementItem

if TYPE_CHECKING:
    from argmap.ui.canvas.render_state import RenderState

CONTENT_MARGIN = 24.0
HIT_REACH = 16.0  # items are created this far around a point before hit-testing it
MANY_CELLS = 64  # painting more cells than this at once: arrows come from the sheet
Box = tuple[float, float, float, float]  # x1, y1, x2, y2


def card_box(rec: CardRec) -> Box | None:
    return (rec.x0, rec.y0, rec.x0 + rec.w, rec.y0 + rec.h) if rec.shown else None


def arrow_box(rec: ArrowRec) -> Box | None:
    return rec.bounds if rec.valid and rec.shown else None


class SpatialIndex:
    """The records of a `MapScene` on a grid of cells, and the items made from them
    lazily in the ``scene`` it adds them to. The owner writes ``recs`` (adds and removes
    records) and reports each change of a record's extent here (``place_card``,
    ``place_arrow``, ``forget``, ``content_changed``); the index keeps cells, items, arrow
    tiles, the arrow sheet and the content box."""

    def __init__(self, scene: QGraphicsScene, rs: RenderState) -> None:
        self._scene = scene  # where items are added, removed and hit-tested
        self.rs = rs
        self.recs: dict[str, CardRec | ArrowRec] = {}
        self.made: dict[str, StatementItem | LinkItem] = {}  # id -> created item (a subset of the records)
        self.tiles: dict[tuple[int, int], ArrowTile] = {}
        self.arrow_sheet: ArrowSheet | None = None
        self._card_cells: dict[tuple[int, int], set[str]] = {}
        self._arrow_cells: dict[tuple[int, int], set[str]] = {}  # short lines; long ones in live cells
        self._coarse: dict[tuple[int, int, int], set[str]] = {}  # long lines, by level
        self._levels: set[int] = set()
        self._live: set[tuple[int, int]] = set()  # cells whose items exist
        self._live_in: dict[tuple[int, int, int], set[tuple[int, int]]] = {}  # coarse cell -> its live cells
        self._box: Box | None = None  # bounding box of what is drawn (None: recompute)

    def clear(self) -> None:
        """Remove every item from the scene and forget every record."""
        for item in [*self.made.values(), *self.tiles.values(), *([self.arrow_sheet] if self.arrow_sheet else [])]:
            self._scene.removeItem(item)
        for table in (self.recs, self.made, self.tiles, self._card_cells, self._arrow_cells, self._coarse, self._live_in):
            table.clear()
        self._levels.clear()
        self._live.clear()
        self.arrow_sheet = None
        self._box = None

    def item_for(self, id_: str) -> StatementItem | LinkItem | None:
        """The item of a statement or link (created now if it was not shown yet)."""
        item = self.made.get(id_)
        if item is None:
            rec = self.recs.get(id_)
            if rec is not None:
                item = self.make(rec)
        return item

    def drop_item(self, id_: str) -> StatementItem | LinkItem | None:
        """Remove the item of ``id_`` from the scene, if one was made; returns it."""
        item = self.made.pop(id_, None)
        if item is not None:
            self._scene.removeItem(item)
        return item

    # ------------------------------------------------------------ hit-testing
    def shown_item(self, id_: str) -> StatementItem | LinkItem | None:
        """The item of a statement or link if it has been made (never makes one)."""
        return self.made.get(id_)

    def card_at(self, scene_pos: QPointF) -> StatementItem | None:
        self.materialise_near(scene_pos)
        for item in self._scene.items(scene_pos, Qt.ItemSelectionMode.IntersectsItemShape, Qt.SortOrder.DescendingOrder, QTransform()):
            if isinstance(item, StatementItem) and item.isVisible():
                return item
        return None

    def target_at(self, scene_pos: QPointF, exclude: Iterable[str] = ()) -> StatementItem | LinkItem | None:
        """The topmost card or arrow under ``scene_pos`` (cards win over arrows)."""
        self.materialise_near(scene_pos)
        skip = set(exclude)
        found_link = None
        for item in self._scene.items(scene_pos, Qt.ItemSelectionMode.IntersectsItemShape, Qt.SortOrder.DescendingOrder, QTransform()):
            if isinstance(item, StatementItem) and item.sid not in skip and item.isVisible():
                return item
            if isinstance(item, LinkItem) and found_link is None and item.isVisible() and item.valid:
                found_link = item
        return found_link

    def materialise_near(self, p: QPointF) -> None:
        r = HIT_REACH
        self.materialise_links(QRectF(p.x() - r, p.y() - r, 2 * r, 2 * r))

    # ------------------------------------------------------------ materialise
    def materialise(self, rect: QRectF, arrows: bool = True) -> int:
        """Create the cards' items and (with ``arrows``) the arrow tiles of every cell
        ``rect`` (scene coordinates) touches; returns how many cards were made. Views call
        it before painting. Arrows get their hit-testing items from ``materialise_links``."""
        if rect.isEmpty() and rect.width() <= 0:
            return 0
        i1, i2 = math.floor(rect.left() / TILE), math.floor(rect.right() / TILE)
        j1, j2 = math.floor(rect.top() / TILE), math.floor(rect.bottom() / TILE)
        if not arrows or (i2 - i1 + 1) * (j2 - j1 + 1) > MANY_CELLS:  # cards only (the sheet draws arrows)
            return self._materialise_cards(i1, i2, j1, j2)
        created = 0
        live = self._live
        for key in [(i, j) for i in range(i1, i2 + 1) for j in range(j1, j2 + 1)]:
            if key in live:
                continue
            live.add(key)
            for level in range(1, MAX_LEVEL + 1):
                self._live_in.setdefault(coarse_key(key, level), set()).add(key)
            for sid in sorted(self._card_cells.get(key, ())):  # items stack in creation order
                rec = self.recs[sid]
                if rec.item is None:
                    self._make_card(rec)
                    created += 1
            if self._levels:
                self._enter_long_arrows(key)
            if self._arrow_cells.get(key):
                self._tile(key)
        return created

    def _materialise_cards(self, i1: int, i2: int, j1: int, j2: int) -> int:
        created = 0
        recs = self.recs
        if (i2 - i1 + 1) * (j2 - j1 + 1) > len(self._card_cells):
            keys = [k for k in self._card_cells if i1 <= k[0] <= i2 and j1 <= k[1] <= j2]
        else:
            keys = [(i, j) for i in range(i1, i2 + 1) for j in range(j1, j2 + 1)]
        for key in keys:
            for sid in sorted(self._card_cells.get(key, ())):
                rec = recs[sid]
                if rec.item is None:
                    self._make_card(rec)
                    created += 1
        return created

    @staticmethod
    def paints_many_cells(rect: QRectF) -> bool:
        """Whether painting ``rect`` at once should draw arrows with the one sheet."""
        return (rect.width() / TILE + 1) * (rect.height() / TILE + 1) > MANY_CELLS

    def prepare_paint(self, sheet: bool) -> None:
        """Choose, before a paint, between the arrow tiles and the one arrow sheet."""
        if sheet:
            self.sheet()
        self.rs.sheet = sheet

    def sheet(self) -> ArrowSheet:
        """The one item that draws every arrow when an area of many cells is painted
        (far zoomed-out small maps, exports of big areas); sized to the content."""
        if self.arrow_sheet is None:
            self.arrow_sheet = ArrowSheet(self.recs, self.rs, self._on_link)
            self._scene.addItem(self.arrow_sheet)
        self.arrow_sheet.set_rect(self.content_rect())
        return self.arrow_sheet

    def materialise_links(self, rect: QRectF) -> None:
        """Create the items of the arrows passing through ``rect`` (before hit tests and
        rubber-band selection: the tiles paint arrows, these items are what is hit)."""
        self.materialise(rect)
        left, top, right, bottom = rect.left(), rect.top(), rect.right(), rect.bottom()
        recs = self.recs
        keys = rect_keys(left, top, right, bottom)
        if len(keys) > MANY_CELLS:  # a big area: look at every arrow once
            found = (r for r in list(recs.values()) if isinstance(r, ArrowRec) and r.item is None and r.valid and r.shown)
        else:
            found = (recs[lid] for key in keys for lid in sorted(self._arrow_cells.get(key, ())) if recs[lid].item is None)
        for rec in found:
            if rec.item is None and any(clip_line(*seg, left, top, right, bottom) is not None for seg in rec.lines()):
                self._make_arrow(rec)

    def materialise_all(self) -> None:
        """Create every item (exports and tests that walk ``items()`` may call this)."""
        rect = self.content_rect()
        if math.ceil(rect.width() / TILE) * math.ceil(rect.height() / TILE) <= MANY_CELLS:
            self.materialise(rect)
        for rec in list(self.recs.values()):
            if rec.item is None:
                self.make(rec)

    def make(self, rec):
        return self._make_card(rec) if isinstance(rec, CardRec) else self._make_arrow(rec)

    def _make_card(self, rec: CardRec) -> StatementItem:
        item = StatementItem(rec, self.rs)
        if not rec.shown:
            item.setVisible(False)
        rec.item = item
        self.made[rec.sid] = item
        self._scene.addItem(item)
        return item

    def _make_arrow(self, rec: ArrowRec) -> LinkItem:
        item = (AnswerItem if rec.answer else LinkItem)(rec, self.rs, self.recs)
        if not rec.shown:
            item.setVisible(False)
        rec.item = item
        self.made[rec.lid] = item
        self._scene.addItem(item)
        return item

    def _tile(self, key) -> ArrowTile:
        tile = self.tiles.get(key)
        if tile is None:
            arrows = self._arrow_cells.setdefault(key, set())
            tile = self.tiles[key] = ArrowTile(key, arrows, self.recs, self.rs, self._on_link)
            tile.check_cache()
            self._scene.addItem(tile)
        return tile

    def _on_link(self, rec: ArrowRec) -> bool:
        return isinstance(self.recs.get(rec.link.target), ArrowRec)

    # ------------------------------------------------------------- registering
    def place_card(self, rec: CardRec) -> None:
        """(Re-)enter a card in the grid after it was added, moved or resized."""
        x, y = rec.x0, rec.y0
        new = tuple(rect_keys(x - MARGIN, y - MARGIN, x + rec.w + MARGIN, y + rec.h + MARGIN + HANDLE_R))
        old = rec.cells
        if new == old:
            return
        cells = self._card_cells
        sid = rec.sid
        for key in old:
            if key not in new:
                cells[key].discard(sid)
        make = False
        for key in new:
            if key not in old:
                bucket = cells.get(key)
                if bucket is None:
                    cells[key] = {sid}
                else:
                    bucket.add(sid)
                make = make or key in self._live
        rec.cells = new
        if make and rec.item is None:
            self._make_card(rec)

    def _enter_long_arrows(self, key) -> None:
        """A fine cell goes live: enter the long arrows crossing it in its set."""
        recs = self.recs
        fine = self._arrow_cells.setdefault(key, set())
        m = TILE_MARGIN
        left, top = key[0] * TILE - m, key[1] * TILE - m
        right, bottom = left + TILE + 2 * m, top + TILE + 2 * m
        for level in self._levels:
            for lid in self._coarse.get(coarse_key(key, level), ()):
                if lid in fine:
                    continue
                rec = recs[lid]
                for x1, y1, x2, y2 in rec.long_lines:  # does the line meet the cell? (inline)
                    if x1 > x2:
                        x1, y1, x2, y2 = x2, y2, x1, y1
                    xa = left if left > x1 else x1
                    xb = right if right < x2 else x2
                    if xa > xb:
                        continue
                    if x2 > x1:
                        slope = (y2 - y1) / (x2 - x1)
                        ya, yb = y1 + (xa - x1) * slope, y1 + (xb - x1) * slope
                    else:
                        ya, yb = y1, y2
                    if (ya < top and yb < top) or (ya > bottom and yb > bottom):
                        continue
                    fine.add(lid)
                    rec.cells.append(key)
                    break
        tile = self.tiles.get(key)
        if tile is not None:
            tile.arrows_changed()

    def place_arrow(self, rec: ArrowRec) -> None:
        """(Re-)enter an arrow in the grid after its geometry or visibility changed:
        short lines cell by cell, long lines in a coarse level and in the live cells
        they cross."""
        self._unplace_arrow(rec)
        fine, coarse, long_lines = arrow_keys(rec)
        if long_lines and self._live:
            live_in = self._live_in
            for ck in coarse:
                for k in live_in.get(ck, ()):
                    if k not in fine and any(crosses(seg, k) for seg in long_lines):
                        fine.add(k)
        lid = rec.lid
        for table, keys in ((self._arrow_cells, fine), (self._coarse, coarse)):
            for key in keys:
                bucket = table.get(key)
                if bucket is None:
                    table[key] = {lid}
                else:
                    bucket.add(lid)
        for key in coarse:
            self._levels.add(key[0])
        rec.cells = [*fine, *coarse]
        rec.long_lines = long_lines
        for key in fine:
            if key in self._live:
                self._tile(key).arrows_changed()

    def _unplace_arrow(self, rec: ArrowRec) -> None:
        if rec.cells:
            lid = rec.lid
            fine, coarse, tiles = self._arrow_cells, self._coarse, self.tiles
            for key in rec.cells:
                if len(key) == 2:
                    fine[key].discard(lid)
                    tile = tiles.get(key)
                    if tile is not None:
                        tile.arrows_changed()
                else:
                    coarse[key].discard(lid)
            rec.cells = []

    def forget(self, rec) -> None:
        if isinstance(rec, ArrowRec):
            self._unplace_arrow(rec)
            return
        for key in rec.cells:
            self._card_cells[key].discard(rec.sid)
        rec.cells = ()

    def repaint_arrow(self, rec: ArrowRec, box: Box | None) -> None:
        """Repaint an arrow where the tiles that draw it are (``box``: its extent)."""
        if box is None or not self.tiles:
            return
        rect = QRectF(box[0], box[1], box[2] - box[0], box[3] - box[1])
        tiles = self.tiles
        for key in rec.cells:
            tile = tiles.get(key) if len(key) == 2 else None
            if tile is not None:
                tile.update(rect.intersected(tile.boundingRect()))

    def repaint(self, id_: str) -> None:
        """Repaint a card's item or the tiles drawing an arrow."""
        rec = self.recs.get(id_)
        if isinstance(rec, ArrowRec):
            self.repaint_arrow(rec, arrow_box(rec))
        elif rec is not None and rec.item is not None:
            rec.item.update()

    def repaint_tiles(self) -> None:
        for tile in self.tiles.values():
            tile.update()

    def arrow_z(self, rec: ArrowRec) -> float:
        return Z_ON_LINK if self._on_link(rec) else Z_LINK

    # ----------------------------------------------------------------- content
    def content_changed(self, old: Box | None, new: Box | None, unknown: bool = False) -> None:
        """Keep the content box: grow it by ``new``; recompute later if ``old`` touched
        its edge (or the old extent is ``unknown``)."""
        box = self._box
        if box is None:
            return
        if unknown or (old is not None and (old[0] <= box[0] or old[1] <= box[1] or old[2] >= box[2] or old[3] >= box[3])):
            self._box = None
            return
        if new is not None:
            self._box = (min(box[0], new[0]), min(box[1], new[1]), max(box[2], new[2]), max(box[3], new[3]))

    def invalidate_content(self) -> None:
        """Recompute the content box when next asked (after many records changed)."""
        self._box = None

    def content_rect(self) -> QRectF:
        """The bounding box of all visible cards and arrows (scene coordinates)."""
        if self._box is None:
            x1 = y1 = float("inf")
            x2 = y2 = float("-inf")
            for rec in self.recs.values():
                if not rec.shown:
                    continue
                if isinstance(rec, CardRec):
                    a, b, c, d = rec.x0, rec.y0, rec.x0 + rec.w, rec.y0 + rec.h
                elif rec.valid:
                    a, b, c, d = rec.bounds
                else:
                    continue
                if a < x1:
                    x1 = a
                if b < y1:
                    y1 = b
                if c > x2:
                    x2 = c
                if d > y2:
                    y2 = d
            self._box = (x1, y1, x2, y2)  # stays "inverted" (inf...) while empty
        x1, y1, x2, y2 = self._box
        if x1 > x2:
            return QRectF(0.0, 0.0, CARD_WIDTH, 100.0)
        m = CONTENT_MARGIN
        return QRectF(x1 - m, y1 - m, x2 - x1 + 2 * m, y2 - y1 + 2 * m)

    def card_rects_in(self, x: float, y: float, w: float, h: float) -> list[tuple[float, float, float, float]]:
        """The cards (shown or hidden) overlapping a box, as (x, y, w, h): a look in the
        grid cells it touches, never a scan of every card."""
        found: set[str] = set()
        cells = self._card_cells
        for key in rect_keys(x, y, x + w, y + h):
            found.update(cells.get(key, ()))
        out = []
        for sid in sorted(found):  # callers lay cards out around these: same order every run
            rec = self.recs[sid]
            if rec.x0 < x + w and x < rec.x0 + rec.w and rec.y0 < y + h and y < rec.y0 + rec.h:
                out.append((rec.x0, rec.y0, rec.w, rec.h))
        return out
