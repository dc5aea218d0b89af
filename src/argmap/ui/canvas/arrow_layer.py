"""Arrows painted by grid tiles (`ArrowTile`: every arrow crossing one cell, in a few batched
calls, clipped to the tile with dashes kept in phase), and the grid helpers."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from argmap.model import LinkKind, StatementKind
from argmap.ui.canvas.painting import HEAD_HALF, HEAD_LEN, head_polygon
from argmap.ui.canvas.records import ArrowRec
from argmap.ui.canvas.render_state import RenderState
from argmap.ui.styles import Head

TILE = 1024.0  # grid cell size in scene units
JUNCTION_R = 3.5
ANSWER_DOT = 3.5
Z_TILE = -3.0  # below the arrow proxies (-2, -1) and the cards (0)
TILE_MARGIN = HEAD_LEN + HEAD_HALF + 10.0  # heads and wide pens reach over the tile edge
CACHE_FROM = 40  # a tile crossed by this many arrows keeps a picture of itself
HAIRLINE_BELOW = 0.25  # arrows thinner than this many pixels are drawn as 1-pixel hairlines
Key = tuple[int, int]


def rect_keys(x1: float, y1: float, x2: float, y2: float) -> list[Key]:
    """The grid cells a scene rectangle (given by its corners) touches."""
    i1, i2 = math.floor(x1 / TILE), math.floor(x2 / TILE)
    j1, j2 = math.floor(y1 / TILE), math.floor(y2 / TILE)
    return [(i, j) for i in range(i1, i2 + 1) for j in range(j1, j2 + 1)]


LEVEL_STEP = 8  # each coarser level's cells are this many times wider
LEVEL_SPAN = 4  # a segment goes to the finest level where it spans at most this many cells
MAX_LEVEL = 9  # coarsest level (cells of TILE * 8**9, about 1.4e11 scene units)


def segment_level(x1: float, y1: float, x2: float, y2: float) -> int:
    """0 for a segment registered cell by cell in the fine grid; n > 0 for a long one,
    registered in the coarse grid of cells ``TILE * LEVEL_STEP**n`` wide."""
    span = max(abs(x2 - x1), abs(y2 - y1))
    level, size = 0, TILE
    while span > LEVEL_SPAN * size and level < MAX_LEVEL:
        level += 1
        size *= LEVEL_STEP
    return level


def segment_keys(x1: float, y1: float, x2: float, y2: float, pad: float, out: set, level: int = 0) -> None:
    """Add to ``out`` the cells within ``pad`` of the segment: ``(i, j)`` fine cells, or
    ``(level, i, j)`` cells of a coarser level. Walks the segment's major axis cell by
    cell, so a long diagonal touches few cells."""
    size = TILE * LEVEL_STEP**level
    swap = abs(y2 - y1) > abs(x2 - x1)
    if swap:
        x1, y1, x2, y2 = y1, x1, y2, x2
    if x2 < x1:
        x1, y1, x2, y2 = x2, y2, x1, y1
    slope = (y2 - y1) / (x2 - x1) if x2 > x1 else 0.0
    i1, i2 = math.floor((x1 - pad) / size), math.floor((x2 + pad) / size)
    for i in range(i1, i2 + 1):
        a = max(x1, i * size - pad)
        b = min(x2, (i + 1) * size + pad)
        ya, yb = y1 + (a - x1) * slope, y1 + (b - x1) * slope
        if ya > yb:
            ya, yb = yb, ya
        for j in range(math.floor((ya - pad) / size), math.floor((yb + pad) / size) + 1):
            if level:
                out.add((level, j, i) if swap else (level, i, j))
            else:
                out.add((j, i) if swap else (i, j))


def arrow_keys(rec: ArrowRec) -> tuple[set, set, list]:
    """Where an arrow is registered: fine cells of its short lines, coarse cells of its
    long lines, and the long lines themselves (empty when the arrow is not drawn)."""
    fine: set = set()
    coarse: set = set()
    long_lines: list = []
    if not rec.valid or not rec.shown:
        return fine, coarse, long_lines
    pad = TILE_MARGIN
    for seg in rec.lines():
        level = segment_level(*seg)
        if level:
            segment_keys(*seg, pad, coarse, level)
            long_lines.append(seg)
        else:
            segment_keys(*seg, pad, fine)
    return fine, coarse, long_lines


def coarse_key(key: Key, level: int) -> tuple[int, int, int]:
    """The cell of ``level`` holding the fine cell ``key``."""
    f = LEVEL_STEP**level
    return (level, key[0] // f, key[1] // f)


def crosses(seg: tuple[float, float, float, float], key: Key) -> bool:
    """Whether a line passes within ``TILE_MARGIN`` of the fine cell ``key``."""
    m = TILE_MARGIN
    x, y = key[0] * TILE, key[1] * TILE
    return clip_line(*seg, x - m, y - m, x + TILE + m, y + TILE + m) is not None


def clip_line(x1: float, y1: float, x2: float, y2: float, l: float, t: float, r: float, b: float) -> tuple[float, float] | None:
    """Liang-Barsky: the parameter range (t0, t1) of the segment inside the rectangle."""
    dx, dy = x2 - x1, y2 - y1
    t0, t1 = 0.0, 1.0
    for p, q in ((-dx, x1 - l), (dx, r - x1), (-dy, y1 - t), (dy, b - y1)):
        if p == 0:
            if q < 0:
                return None
            continue
        u = q / p
        if p < 0:
            if u > t0:
                t0 = u
        elif u < t1:
            t1 = u
        if t0 > t1:
            return None
    return t0, t1


class ArrowTile(QGraphicsItem):
    """Paints every arrow registered in one grid cell (``arrows`` is the scene's live set
    of arrow ids for that cell; ``recs`` the scene's id -> record mapping)."""

    def __init__(self, key: Key, arrows: set, recs: dict, rs: RenderState, is_on_link: Callable[[ArrowRec], bool]) -> None:
        super().__init__()
        self.key = key
        self.arrows = arrows
        self._order: list[str] | None = None  # ``arrows`` sorted by id (painting order)
        self._recs = recs
        self._rs = rs
        self._on_link = is_on_link
        i, j = key
        self._rect = QRectF(i * TILE, j * TILE, TILE, TILE)
        m = TILE_MARGIN
        self._bounds = self._rect.adjusted(-m, -m, m, m)
        self.setZValue(Z_TILE)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption, True)  # exposedRect

    def boundingRect(self) -> QRectF:
        return self._bounds

    def check_cache(self) -> None:
        """Busy tiles (many long arrows) are drawn once into a pixmap per view and
        repainted from it until something in them changes."""
        if len(self.arrows) >= CACHE_FROM and self.cacheMode() == QGraphicsItem.CacheMode.NoCache:
            self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

    def arrows_changed(self) -> None:
        """The scene added arrows to ``arrows`` or removed some: sort again at the next
        paint (and maybe start caching)."""
        self._order = None
        self.check_cache()

    def order(self) -> list[str]:
        """The tile's arrow ids in painting order: sorted by id, so that overlapping
        arrows stack the same way in every process (sets iterate in hash order)."""
        order = self._order
        if order is None or len(order) != len(self.arrows):
            order = self._order = sorted(self.arrows)
        return order

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        if self._rs.sheet:
            return
        recs = self._recs
        arrows = [rec for rec in (recs.get(a) for a in self.order()) if rec is not None and rec.valid and rec.shown]
        if not arrows:
            return
        painter.save()
        painter.setClipRect(self._rect, Qt.ClipOperation.IntersectClip)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        area = self._rect.intersected(option.exposedRect) if option.exposedRect.isValid() else self._rect
        under = [a for a in arrows if not self._on_link(a)]
        over = [a for a in arrows if self._on_link(a)]
        if under:
            paint_arrows(painter, under, area, self._rs)
        if over:
            paint_arrows(painter, over, area, self._rs)
        painter.restore()


class ArrowSheet(QGraphicsItem):
    """Draws every arrow crossing the exposed area in one pass: used instead of the tiles
    when an area of many cells is painted (a small map far zoomed out, a large export)."""

    def __init__(self, recs: dict, rs: RenderState, is_on_link: Callable[[ArrowRec], bool]) -> None:
        super().__init__()
        self._recs = recs
        self._rs = rs
        self._on_link = is_on_link
        self._rect = QRectF()
        self.setZValue(Z_TILE)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption, True)

    def set_rect(self, rect: QRectF) -> None:
        if rect != self._rect:
            self.prepareGeometryChange()
            self._rect = QRectF(rect)

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        if not self._rs.sheet:
            return
        area = option.exposedRect if option.exposedRect.isValid() else self._rect
        m = TILE_MARGIN
        l, t, r, b = area.left() - m, area.top() - m, area.right() + m, area.bottom() + m
        under, over = [], []
        for rec in self._recs.values():
            if isinstance(rec, ArrowRec) and rec.valid and rec.shown:
                x1, y1, x2, y2 = rec.bounds
                if x1 <= r and x2 >= l and y1 <= b and y2 >= t:
                    (over if self._on_link(rec) else under).append(rec)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        for arrows in (under, over):
            if arrows:
                arrows.sort(key=_lid)  # the tiles' order (the records are in edit order)
                paint_arrows(painter, arrows, area, self._rs)


def _lid(rec: ArrowRec) -> str:
    return rec.lid


def paint_arrows(painter: QPainter, arrows: Iterable[ArrowRec], rect: QRectF, rs: RenderState) -> None:
    """Draw ``arrows`` as far as they cross ``rect`` (the painter is clipped to it), in
    their order within each style (callers pass them sorted: pixels never depend on hashing)."""
    m = TILE_MARGIN
    cl, ct, cr, cb = rect.left() - m, rect.top() - m, rect.right() + m, rect.bottom() + m
    scale = painter.worldTransform().m11()
    thin = scale * 1.6 < HAIRLINE_BELOW  # lines under a pixel wide: hairlines, no heads
    pens = rs.hairlines if thin else rs.link_pens
    interactive = not rs.export_mode
    theme = rs.theme
    highlighted = rs.highlighted
    selected_links = rs.selected_links if interactive else ()
    drop = rs.drop_target if interactive else None
    glow: dict[int, list[QLineF]] = {}  # 0: highlight, 1: drop target
    lines: dict[tuple, list[QLineF]] = {}
    heads: dict[tuple, list[tuple[float, float, float, float]]] = {}
    dots: dict[tuple, list[QPointF]] = {}
    answers: list[QLineF] = []
    answer_tips: list[QPointF] = []
    for rec in arrows:
        tx, ty = rec.tip
        tip_near = cl <= tx <= cr and ct <= ty <= cb
        if rec.answer:
            for seg in rec.lines():
                _clip_into(answers, seg, cl, ct, cr, cb, 0.0)
            if tip_near:
                answer_tips.append(QPointF(tx, ty))
            continue
        kind = rec.link.kind
        key = (kind, rec.lid in selected_links)
        back = 0.0 if thin else HEAD_LEN * 0.8 if kind is LinkKind.SUPPORT else HEAD_LEN + 1
        segs = rec.lines(back)
        period = 0.0 if thin else rs.dash_periods[key]
        bucket = lines.setdefault(key, [])
        for seg in segs:
            _clip_into(bucket, seg, cl, ct, cr, cb, period)
        lid = rec.lid
        if lid in highlighted or lid == drop:
            g = glow.setdefault(0 if lid in highlighted else 1, [])
            for seg in rec.lines():
                _clip_into(g, seg, cl, ct, cr, cb, 0.0)
        if tip_near and not thin:
            heads.setdefault(key, []).append((tx, ty, *rec.dir))
        j = rec.junction
        if j is not None and cl <= j[0] <= cr and ct <= j[1] <= cb:
            dots.setdefault(key, []).append(QPointF(*j))
    if answers or answer_tips:
        color = rs.kind_colors[StatementKind.QUESTION][1]
        painter.setPen(QPen(color, 1.6))
        if answers:
            painter.drawLines(answers)
        painter.setBrush(QBrush(rs.background))
        for p in answer_tips:
            painter.drawEllipse(p, ANSWER_DOT, ANSWER_DOT)
    # groups in a fixed order (not the order their first arrow came in)
    for which in sorted(glow):
        painter.setPen(rs.highlight_pen if which == 0 else rs.drop_pen)
        painter.drawLines(glow[which])
    painter.setBrush(Qt.BrushStyle.NoBrush)
    order = [key for key in rs.link_pens if key in lines]
    for key in order:
        klines = lines[key]
        if klines:
            painter.setPen(pens[key])
            painter.drawLines(klines)
    for key in order:
        points = dots.get(key)
        if points:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QBrush(rs.link_pens[key].color()))
            for p in points:
                painter.drawEllipse(p, JUNCTION_R, JUNCTION_R)
    for key in order:
        tips = heads.get(key)
        if tips:
            pen = rs.link_pens[key]
            _draw_heads(painter, theme.links[key[0]].head, tips, pen.color(), rs.background, pen.widthF())


def _clip_into(out: list, seg: tuple[float, float, float, float], l: float, t: float, r: float, b: float, period: float) -> None:
    """Append the part of ``seg`` inside the rectangle; with a dash ``period`` the start
    is moved back to a whole number of periods from the segment's start, so dashes line
    up with the neighbouring tile's."""
    x1, y1, x2, y2 = seg
    if l <= x1 <= r and t <= y1 <= b and l <= x2 <= r and t <= y2 <= b:
        out.append(QLineF(x1, y1, x2, y2))
        return
    span = clip_line(x1, y1, x2, y2, l, t, r, b)
    if span is None:
        return
    t0, t1 = span
    dx, dy = x2 - x1, y2 - y1
    if period > 0.0 and t0 > 0.0:
        length = math.hypot(dx, dy)
        if length > 0.0:
            t0 = math.floor(t0 * length / period) * period / length
    out.append(QLineF(x1 + t0 * dx, y1 + t0 * dy, x1 + t1 * dx, y1 + t1 * dy))


def _draw_heads(painter: QPainter, head: Head, tips: list, color: QColor, background: QColor, width: float) -> None:
    """Arrow heads (as ``painting.draw_head`` draws one) for many tips at once."""
    painter.setPen(QPen(color, max(1.0, width * 0.9), Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap, Qt.PenJoinStyle.MiterJoin))
    if head is Head.TRIANGLE:
        painter.setBrush(QBrush(color))
        for tx, ty, ux, uy in tips:
            painter.drawPolygon(head_polygon(QPointF(tx, ty), ux, uy))
        return
    painter.setBrush(QBrush(background))
    bars = []
    half = HEAD_HALF + 1.5
    for tx, ty, ux, uy in tips:
        painter.drawPolygon(head_polygon(QPointF(tx, ty), ux, uy, HEAD_LEN + 1, HEAD_HALF + 0.5))
        bx, by = tx - ux * (HEAD_LEN + 5), ty - uy * (HEAD_LEN + 5)
        bars.append(QLineF(bx - uy * half, by + ux * half, bx + uy * half, by - ux * half))
    painter.setPen(QPen(color, width + 0.6, Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap))
    painter.drawLines(bars)
