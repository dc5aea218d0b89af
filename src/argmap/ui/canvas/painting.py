"""Drawing primitives shared by cards, arrows, the overview and export legends: card
outlines per shape, arrow heads, badges and legend samples."""

from __future__ import annotations

import math
from functools import lru_cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPen, QPolygonF

from argmap.model import LinkKind
from argmap.ui.canvas.card_layout import metrics
from argmap.ui.styles import HEADER_PX, Head, LegendEntry, Shape, Theme, badge_colors, make_font

HEAD_LEN = 11.0
HEAD_HALF = 5.5
FOLD = 14.0  # evidence: folded corner size
NOTCH = 9.0  # rebuttal: cut corner size
RADIUS = 9.0  # position: corner radius
HEX = 14.0  # question: pointed end depth


@lru_cache(maxsize=512)
def shape_path(shape: Shape, w: float, h: float) -> QPainterPath:
    """The outline of a card of size ``w`` x ``h`` at the origin (cached; do not mutate)."""
    path = QPainterPath()
    if shape is Shape.ROUNDED:
        path.addRoundedRect(QRectF(0, 0, w, h), RADIUS, RADIUS)
    elif shape is Shape.HEXAGON:
        path.addPolygon(
            QPolygonF([QPointF(HEX, 0), QPointF(w - HEX, 0), QPointF(w, h / 2), QPointF(w - HEX, h), QPointF(HEX, h), QPointF(0, h / 2)])
        )
        path.closeSubpath()
    elif shape is Shape.FOLDED:
        path.addPolygon(QPolygonF([QPointF(0, 0), QPointF(w - FOLD, 0), QPointF(w, FOLD), QPointF(w, h), QPointF(0, h)]))
        path.closeSubpath()
    elif shape is Shape.NOTCHED:
        n = NOTCH
        path.addPolygon(
            QPolygonF(
                [QPointF(n, 0), QPointF(w - n, 0), QPointF(w, n), QPointF(w, h - n), QPointF(w - n, h), QPointF(n, h), QPointF(0, h - n), QPointF(0, n)]
            )
        )
        path.closeSubpath()
    else:
        path.addRoundedRect(QRectF(0, 0, w, h), 2.5, 2.5)
    return path


def draw_card_shape(painter: QPainter, shape: Shape, w: float, h: float, fill: QColor, border: QColor, width: float) -> None:
    """Fill and outline a card shape at the origin (with its shape's decoration)."""
    painter.setPen(QPen(border, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap, Qt.PenJoinStyle.MiterJoin))
    painter.setBrush(QBrush(fill))
    painter.drawPath(shape_path(shape, w, h))
    if shape is Shape.FOLDED:
        painter.setBrush(QBrush(border.lighter(135) if border.lightness() < 128 else border.darker(110)))
        painter.drawPolygon(QPolygonF([QPointF(w - FOLD, 0), QPointF(w - FOLD, FOLD), QPointF(w, FOLD)]))


def head_polygon(tip: QPointF, ux: float, uy: float, length: float = HEAD_LEN, half: float = HEAD_HALF) -> QPolygonF:
    """A triangle with its point at ``tip`` facing along the unit vector (ux, uy)."""
    bx, by = tip.x() - ux * length, tip.y() - uy * length
    return QPolygonF([tip, QPointF(bx - uy * half, by + ux * half), QPointF(bx + uy * half, by - ux * half)])


def draw_head(painter: QPainter, head: Head, tip: QPointF, ux: float, uy: float, color: QColor, background: QColor, width: float) -> None:
    """An arrow head at ``tip`` pointing along (ux, uy)."""
    solid = QPen(color, max(1.0, width * 0.9), Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap, Qt.PenJoinStyle.MiterJoin)
    painter.setPen(solid)
    if head is Head.TRIANGLE:
        painter.setBrush(QBrush(color))
        painter.drawPolygon(head_polygon(tip, ux, uy))
        return
    # attack: an open triangle with a bar across the shaft behind it
    painter.setBrush(QBrush(background))
    painter.drawPolygon(head_polygon(tip, ux, uy, HEAD_LEN + 1, HEAD_HALF + 0.5))
    bx, by = tip.x() - ux * (HEAD_LEN + 5), tip.y() - uy * (HEAD_LEN + 5)
    half = HEAD_HALF + 1.5
    painter.setPen(QPen(color, width + 0.6, Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap))
    painter.drawLine(QPointF(bx - uy * half, by + ux * half), QPointF(bx + uy * half, by - ux * half))


def link_pen(theme: Theme, kind: LinkKind, selected: bool = False, cosmetic: bool = False) -> QPen:
    style = theme.links[kind]
    color = QColor(theme.selection if selected else style.color)
    pen = QPen(color, 0.0 if cosmetic else style.width + (1.0 if selected else 0.0))
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    if style.dash and not cosmetic:
        pen.setDashPattern(list(style.dash))
    return pen


def badge_width(label: str) -> float:
    return metrics("header").width(label) + 10.0


def draw_badge(painter: QPainter, right: float, top: float, label: str, theme: Theme) -> float:
    """A small pill with ``label`` whose right edge is at ``right``; returns its left edge."""
    fill, text = badge_colors(theme, label)
    w = badge_width(label)
    rect = QRectF(right - w, top, w, 15.0)
    painter.setPen(QPen(text if fill.lightness() > 200 else fill, 1.0))
    painter.setBrush(QBrush(fill))
    painter.drawRoundedRect(rect, 7.5, 7.5)
    painter.setPen(QPen(text))
    painter.setFont(make_font(HEADER_PX, True))
    painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), label)
    return rect.left()


def draw_legend_symbol(painter: QPainter, rect: QRectF, entry: LegendEntry, theme: Theme) -> None:
    """A small sample of a legend entry (a card with its glyph, or an arrow) in ``rect``."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    if entry.statement_kind is not None:
        style = theme.kinds[entry.statement_kind]
        painter.translate(rect.topLeft())
        shape = style.shape
        draw_card_shape(painter, shape, rect.width(), rect.height(), QColor(style.fill), QColor(style.border), max(1.0, style.border_width * 0.8))
        painter.setPen(QPen(QColor(style.accent)))
        painter.setFont(make_font(max(9, int(rect.height() * 0.55)), True))
        painter.drawText(QRectF(0, 0, rect.width(), rect.height()), int(Qt.AlignmentFlag.AlignCenter), style.glyph)
    elif entry.link_kind is not None:
        kind = entry.link_kind
        pen = link_pen(theme, kind)
        y = rect.center().y()
        tip = QPointF(rect.right() - 1, y)
        painter.setPen(pen)
        shaft_end = rect.right() - (HEAD_LEN if kind is LinkKind.SUPPORT else HEAD_LEN + 1)
        painter.drawLine(QPointF(rect.left() + 1, y), QPointF(shaft_end, y))
        draw_head(painter, theme.links[kind].head, tip, 1.0, 0.0, QColor(theme.links[kind].color), QColor(theme.background), pen.widthF())
    painter.restore()


def unit(dx: float, dy: float) -> tuple[float, float]:
    d = math.hypot(dx, dy)
    return (dx / d, dy / d) if d > 1e-9 else (0.0, -1.0)

