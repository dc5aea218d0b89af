"""The arrow of one link: a plain arrow for one premise, premises joined at a junction
into one arrow for a co-premise group, and an arrow that ends on the middle of another
arrow for an undercut (or an attack on an attack)."""

from __future__ import annotations

import math

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QPainter, QPainterPath, QPainterPathStroker, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from argmap.model import Link, LinkKind, StatementKind
from argmap.ui.items.painting import HEAD_HALF, HEAD_LEN, draw_head, unit
from argmap.ui.items.render_state import RenderState

LINK_TYPE = QGraphicsItem.UserType + 2
Z_LINK = -2.0  # arrows below cards (cards keep the default z of 0)
Z_ON_LINK = -1.0  # undercuts above the arrows they attack
_FLAGS = QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
JUNCTION_R = 3.5
JOIN_DIST = 34.0  # how far beyond the co-premises their lines meet
HIT_WIDTH = 12.0


def rect_exit(x: float, y: float, w: float, h: float, tx: float, ty: float) -> tuple[float, float]:
    """Where the ray from the centre of rect (x, y, w, h) towards (tx, ty) leaves it."""
    cx, cy = x + w / 2, y + h / 2
    dx, dy = tx - cx, ty - cy
    if abs(dx) < 1e-9 and abs(dy) < 1e-9:
        return cx, y
    t = min(w / 2 / abs(dx) if dx else math.inf, h / 2 / abs(dy) if dy else math.inf)
    return cx + dx * t, cy + dy * t


class LinkItem(QGraphicsItem):
    """An arrow. Coordinates are scene coordinates (the item stays at the origin)."""

    # geometry defaults live on the class: building 50,000 arrows sets fewer attributes
    _segs: list[tuple[float, float, float, float]] = []  # premise lines (never mutated)
    _junction: tuple[float, float] | None = None
    _tip = (0.0, 0.0)
    _dir = (0.0, -1.0)
    _anchor = (0.0, 0.0)
    _bounds = QRectF()
    valid = False
    shown = True  # set by the scene (hidden ends); cheaper to read than isVisible()

    def __init__(self, link: Link, rs: RenderState, registry: dict) -> None:
        super().__init__()
        self.lid = link.id
        self.link = link
        self.rs = rs
        self._reg = registry
        self.setFlags(_FLAGS)
        self.setZValue(Z_ON_LINK if self.targets_link() else Z_LINK)

    def type(self) -> int:
        return LINK_TYPE

    def targets_link(self) -> bool:
        return isinstance(self._reg.get(self.link.target), LinkItem)

    def set_link(self, link: Link) -> None:
        self.link = link
        self.update_geometry()

    # ----------------------------------------------------------------- geometry
    def anchor(self) -> tuple[float, float]:
        """The middle of the final shaft: where undercuts of this link point."""
        return self._anchor

    def tip(self) -> tuple[float, float]:
        return self._tip

    def junction(self) -> tuple[float, float] | None:
        return self._junction

    def premise_lines(self) -> list[tuple[float, float, float, float]]:
        """Each premise's line: start on its card's border, end at the junction or tip."""
        return list(self._segs)

    def update_geometry(self, building: bool = False) -> None:
        """Recompute the arrow from the current card rectangles (and target arrow).
        ``building``: the item is not in a scene yet (skip change notifications)."""
        reg = self._reg
        rects = []
        for p in self.link.premises:
            item = reg.get(p)
            if item is not None and item.shown:
                rects.append((item.x0, item.y0, item.w, item.h))
        target = reg.get(self.link.target)
        if not rects or target is None or not target.shown or (isinstance(target, LinkItem) and not target.valid):
            self._set_invalid()
            return
        target_rect = None
        if isinstance(target, LinkItem):
            aim = target._anchor
        else:
            tx0, ty0 = target.x0, target.y0
            target_rect = (tx0, ty0, target.w, target.h)
            aim = (tx0 + target.w / 2, ty0 + target.h / 2)
        if len(rects) == 1:
            start, end = _ends(rects[0], target_rect, aim)
            self._segs = [(*start, *end)]
            self._junction = None
            base = start
        else:
            starts = [_ends(r, target_rect, aim)[0] for r in rects]
            sx = sum(p[0] for p in starts) / len(starts)
            below = aim[1] < min(p[1] for p in starts)
            sy = min(p[1] for p in starts) if below else max(p[1] for p in starts)
            end = _port(target_rect, sx, sy) if target_rect else aim
            dist = math.hypot(end[0] - sx, end[1] - sy)
            step = min(JOIN_DIST, dist * 0.45)
            ux, uy = unit(end[0] - sx, end[1] - sy)
            j = (sx + ux * step, sy + uy * step)
            if below:  # premises under their conclusion: meet straight above them
                j = (sx, sy - step)
            self._segs = [(*p, *j) for p in starts]
            self._junction = j
            base = j
        ux, uy = unit(end[0] - base[0], end[1] - base[1])
        if target_rect is None:
            end = (end[0] - ux * 1.5, end[1] - uy * 1.5)
        self._tip = end
        self._dir = (ux, uy)
        self._anchor = ((base[0] + end[0]) / 2, (base[1] + end[1]) / 2)
        xs = [s[0] for s in self._segs] + [s[2] for s in self._segs] + [end[0]]
        ys = [s[1] for s in self._segs] + [s[3] for s in self._segs] + [end[1]]
        pad = HEAD_HALF + HEAD_LEN + 6
        if not building:
            self.prepareGeometryChange()
        x0, y0 = min(xs), min(ys)
        self._bounds = QRectF(x0 - pad, y0 - pad, max(xs) - x0 + 2 * pad, max(ys) - y0 + 2 * pad)
        self.valid = True

    def _set_invalid(self) -> None:
        if self.valid:
            self.prepareGeometryChange()
        self.valid = False
        self._segs = []
        self._junction = None
        self._bounds = QRectF()

    def boundingRect(self) -> QRectF:
        return self._bounds

    def _path(self) -> QPainterPath:
        path = QPainterPath()
        for x1, y1, x2, y2 in self._segs:
            path.moveTo(x1, y1)
            path.lineTo(x2, y2)
        if self._junction is not None:
            path.moveTo(*self._junction)
            path.lineTo(*self._tip)
        return path

    def shape(self) -> QPainterPath:
        if not self.valid:
            return QPainterPath()
        stroker = QPainterPathStroker()
        stroker.setWidth(HIT_WIDTH)
        return stroker.createStroke(self._path())

    # ----------------------------------------------------------------- painting
    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        if not self.valid:
            return
        rs = self.rs
        kind = self.link.kind
        selected = self.isSelected() and not rs.export_mode
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        ux, uy = self._dir
        tx, ty = self._tip
        back = HEAD_LEN * 0.8 if kind is LinkKind.SUPPORT else HEAD_LEN + 1
        shaft_end = QPointF(tx - ux * back, ty - uy * back)
        if self.lid in rs.highlighted or (rs.drop_target == self.lid and not rs.export_mode):
            pen = rs.highlight_pen if self.lid in rs.highlighted else rs.drop_pen
            painter.setPen(pen)
            painter.drawPath(self._path())
        pen = rs.link_pens[(kind, selected)]
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        b = self._bounds
        visible = None
        if b.width() + b.height() > LONG_LINE:  # dash and stroke only what is on screen
            inverse, ok = painter.worldTransform().inverted()
            if ok:
                visible = inverse.mapRect(QRectF(painter.viewport())).adjusted(-20, -20, 20, 20)
        if self._junction is None:
            x1, y1, _x2, _y2 = self._segs[0]
            _draw_line(painter, x1, y1, shaft_end.x(), shaft_end.y(), visible)
        else:
            for x1, y1, x2, y2 in self._segs:
                _draw_line(painter, x1, y1, x2, y2, visible)
            jx, jy = self._junction
            _draw_line(painter, jx, jy, shaft_end.x(), shaft_end.y(), visible)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QBrush(pen.color()))
            painter.drawEllipse(QPointF(jx, jy), JUNCTION_R, JUNCTION_R)
        color = pen.color()
        draw_head(painter, rs.theme.links[kind].head, QPointF(tx, ty), ux, uy, color, rs.background, pen.widthF())


Rect = tuple[float, float, float, float]
PORT_SPREAD = 0.22  # how far along the target's edge arrows fan out (per unit of offset)
PORT_INSET = 22.0


def _port(target: Rect, fx: float, fy: float) -> tuple[float, float]:
    """Where an arrow coming from (fx, fy) enters the target card: on the facing
    horizontal edge, shifted towards the arrow's side so arrows fan in; else the side."""
    x, y, w, h = target
    cx = x + w / 2
    if fy >= y + h:
        edge_y = y + h
    elif fy <= y:
        edge_y = y
    else:
        return rect_exit(x, y, w, h, fx, fy)
    offset = max(-(w / 2 - PORT_INSET), min(w / 2 - PORT_INSET, (fx - cx) * PORT_SPREAD))
    return cx + offset, edge_y


def _ends(premise: Rect, target: Rect | None, aim: tuple[float, float]) -> tuple[tuple[float, float], tuple[float, float]]:
    """Start and end of one premise's arrow. A premise below (above) its target starts at
    the middle of its top (bottom) edge, so a line never crosses its row neighbours."""
    x, y, w, h = premise
    ax, ay = aim
    top = target[1] if target else ay
    bottom = target[1] + target[3] if target else ay
    if bottom <= y:
        start = (x + w / 2, y)
    elif top >= y + h:
        start = (x + w / 2, y + h)
    else:
        start = rect_exit(x, y, w, h, ax, ay)
    end = _port(target, *start) if target else aim
    return start, end



LONG_LINE = 1500.0


def _draw_line(painter: QPainter, x1: float, y1: float, x2: float, y2: float, clip: QRectF | None) -> None:
    """Draw a segment, first cut to ``clip`` (Liang-Barsky) so long dashed lines stay cheap."""
    if clip is not None:
        dx, dy = x2 - x1, y2 - y1
        t0, t1 = 0.0, 1.0
        for p, q in ((-dx, x1 - clip.left()), (dx, clip.right() - x1), (-dy, y1 - clip.top()), (dy, clip.bottom() - y1)):
            if p == 0:
                if q < 0:
                    return
                continue
            t = q / p
            if p < 0:
                t0 = max(t0, t)
            else:
                t1 = min(t1, t)
            if t0 > t1:
                return
        x1, y1, x2, y2 = x1 + t0 * dx, y1 + t0 * dy, x1 + t1 * dx, y1 + t1 * dy
    painter.drawLine(QLineF(x1, y1, x2, y2))


ANSWER_PREFIX = "answer:"


def answer_link(position_id: str, question_id: str) -> Link:
    """The connector drawn from a position to the question it answers (not a model link)."""
    return Link(ANSWER_PREFIX + position_id, LinkKind.SUPPORT, (position_id,), question_id)


class AnswerItem(LinkItem):
    """A quiet line from a position up to its question: no head, not selectable."""

    def __init__(self, link: Link, rs: RenderState, registry: dict) -> None:
        super().__init__(link, rs, registry)
        self.setFlags(QGraphicsItem.GraphicsItemFlag(0))

    def shape(self) -> QPainterPath:
        return QPainterPath()

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        if not self.valid:
            return
        rs = self.rs
        color = rs.kind_colors[StatementKind.QUESTION][1]
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(QPen(color, 1.6))
        x1, y1, _x2, _y2 = self._segs[0]
        tx, ty = self._tip
        painter.drawLine(QLineF(x1, y1, tx, ty))
        painter.setBrush(QBrush(rs.background))
        painter.drawEllipse(QPointF(tx, ty), 3.5, 3.5)
