"""The scene's index of records: a grid of cells over the map (which cards and arrows
touch each cell), items created only for cells that are looked at (``materialise``),
arrow tiles, and the content rectangle kept up to date without rescanning the map."""

from __future__ import annotations

from PySide6.QtCore import QRectF

from argmap.ui.items.arrow_layer import TILE, ArrowTile, arrow_keys, rect_keys
from argmap.ui.items.card_layout import CARD_WIDTH
from argmap.ui.items.link_item import Z_LINK, Z_ON_LINK, AnswerItem, LinkItem
from argmap.ui.items.records import ArrowRec, CardRec
from argmap.ui.items.statement_item import HANDLE_R, MARGIN, StatementItem

CONTENT_MARGIN = 24.0
Box = tuple[float, float, float, float]  # x1, y1, x2, y2


def card_box(rec: CardRec) -> Box | None:
    return (rec.x0, rec.y0, rec.x0 + rec.w, rec.y0 + rec.h) if rec.shown else None


def arrow_box(rec: ArrowRec) -> Box | None:
    return rec.bounds if rec.valid and rec.shown else None


class SpatialMixin:
    """Records, grid and lazily created items of `MapScene` (mixed in before it)."""

    def _init_spatial(self) -> None:
        self._recs: dict[str, CardRec | ArrowRec] = {}
        self._items: dict = {}  # id -> created item (a subset of the records)
        self._card_cells: dict[tuple[int, int], set[str]] = {}
        self._arrow_cells: dict[tuple[int, int], set[str]] = {}
        self._live: set[tuple[int, int]] = set()  # cells whose items exist
        self._tiles: dict[tuple[int, int], ArrowTile] = {}
        self._box: Box | None = None  # bounding box of what is drawn (None: recompute)

    # ------------------------------------------------------------ materialise
    def materialise(self, rect: QRectF) -> int:
        """Create the items of every card and arrow near ``rect`` (scene coordinates);
        returns how many were created. Views call it before painting."""
        if rect.isEmpty() and rect.width() <= 0:
            return 0
        created = 0
        keys = rect_keys(rect.left(), rect.top(), rect.right(), rect.bottom())
        if len(keys) > 4096:  # a huge area: only the cells that hold something
            keys = [k for k in set(self._card_cells) | set(self._arrow_cells) if k in set(keys)]
        live = self._live
        for key in keys:
            if key in live:
                continue
            live.add(key)
            for sid in self._card_cells.get(key, ()):
                rec = self._recs[sid]
                if rec.item is None:
                    self._make_card(rec)
                    created += 1
            arrows = self._arrow_cells.get(key)
            if arrows:
                self._tile(key)
                for lid in arrows:
                    rec = self._recs[lid]
                    if rec.item is None:
                        self._make_arrow(rec)
                        created += 1
        return created

    def materialise_all(self) -> None:
        """Create every item (exports and tests that walk ``items()`` may call this)."""
        if self._box is not None or self._recs:
            self.materialise(self.content_rect())
        for rec in list(self._recs.values()):
            if rec.item is None:
                self._make(rec)

    def _make(self, rec):
        return self._make_card(rec) if isinstance(rec, CardRec) else self._make_arrow(rec)

    def _make_card(self, rec: CardRec) -> StatementItem:
        item = StatementItem(rec, self.rs)
        if not rec.shown:
            item.setVisible(False)
        rec.item = item
        self._items[rec.sid] = item
        self.addItem(item)
        return item

    def _make_arrow(self, rec: ArrowRec) -> LinkItem:
        item = (AnswerItem if rec.answer else LinkItem)(rec, self.rs, self._recs)
        if not rec.shown:
            item.setVisible(False)
        rec.item = item
        self._items[rec.lid] = item
        self.addItem(item)
        return item

    def _tile(self, key) -> ArrowTile:
        tile = self._tiles.get(key)
        if tile is None:
            arrows = self._arrow_cells.setdefault(key, set())
            tile = self._tiles[key] = ArrowTile(key, arrows, self._recs, self.rs, self._on_link)
            self.addItem(tile)
        return tile

    def _on_link(self, rec: ArrowRec) -> bool:
        return isinstance(self._recs.get(rec.link.target), ArrowRec)

    # ------------------------------------------------------------- registering
    def _place_card(self, rec: CardRec) -> None:
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

    def _place_arrow(self, rec: ArrowRec) -> None:
        """(Re-)enter an arrow in the grid after its geometry or visibility changed."""
        new = arrow_keys(rec)
        old = rec.cells
        if new == old:
            return
        cells = self._arrow_cells
        lid = rec.lid
        newset = set(new)
        for key in old:
            if key not in newset:
                cells[key].discard(lid)
        make = False
        for key in new:
            bucket = cells.get(key)
            if bucket is None:
                cells[key] = {lid}
            else:
                bucket.add(lid)
            if key in self._live:
                make = True
                if key not in self._tiles:
                    self._tile(key)
        rec.cells = new
        if make and rec.item is None:
            self._make_arrow(rec)

    def _forget(self, rec) -> None:
        cells = self._card_cells if isinstance(rec, CardRec) else self._arrow_cells
        id_ = rec.sid if isinstance(rec, CardRec) else rec.lid
        for key in rec.cells:
            cells[key].discard(id_)
        rec.cells = ()

    def _repaint_box(self, box: Box | None) -> None:
        if box is not None and self._items:
            self.update(QRectF(box[0], box[1], box[2] - box[0], box[3] - box[1]))

    def _arrow_z(self, rec: ArrowRec) -> float:
        return Z_ON_LINK if self._on_link(rec) else Z_LINK

    # ----------------------------------------------------------------- content
    def _content_changed(self, old: Box | None, new: Box | None, unknown: bool = False) -> None:
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

    def content_rect(self) -> QRectF:
        """The bounding box of all visible cards and arrows (scene coordinates)."""
        if self._box is None:
            x1 = y1 = float("inf")
            x2 = y2 = float("-inf")
            for rec in self._recs.values():
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

    def live_cells(self) -> int:
        """How many grid cells have their items created (for tests and benchmarks)."""
        return len(self._live)

    @staticmethod
    def cell_size() -> float:
        return TILE
