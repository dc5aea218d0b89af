"""Small icons drawn at run time: one per statement kind (colour, shape and glyph of the
default theme) and the application icon."""

from __future__ import annotations

from functools import cache
from importlib import resources

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPen, QPixmap, QPolygonF

from argmap.model import LinkKind, StatementKind
from argmap.ui.styles import get_theme


@cache
def kind_icon(kind: StatementKind, size: int = 16) -> QIcon:
    style = get_theme("default").kinds[StatementKind(kind)]
    pix = QPixmap(size, size)
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setPen(QPen(QColor(style.border), 1.5))
    p.setBrush(QColor(style.fill))
    r = QRectF(1, 1, size - 2, size - 2)
    if kind is StatementKind.QUESTION:
        h = r.height() / 2
        p.drawPolygon(QPolygonF([QPointF(r.left(), r.center().y()), QPointF(r.left() + h / 2, r.top()), QPointF(r.right() - h / 2, r.top()),
                                 QPointF(r.right(), r.center().y()), QPointF(r.right() - h / 2, r.bottom()), QPointF(r.left() + h / 2, r.bottom())]))
    elif kind is StatementKind.POSITION:
        p.drawRoundedRect(r, 4, 4)
    else:
        p.drawRect(r)
    font = QFont("DejaVu Sans")
    font.setPixelSize(int(size * 0.6))
    font.setBold(True)
    p.setFont(font)
    p.setPen(QColor(style.accent))
    p.drawText(r, Qt.AlignmentFlag.AlignCenter, style.glyph)
    p.end()
    return QIcon(pix)


@cache
def link_icon(kind: LinkKind, size: int = 16) -> QIcon:
    style = get_theme("default").links[LinkKind(kind)]
    pix = QPixmap(size, size)
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(QColor(style.color), 2)
    if style.dash:
        pen.setDashPattern([2, 1.5])
    p.setPen(pen)
    p.drawLine(QPointF(size / 2, size - 1), QPointF(size / 2, 4))
    p.setBrush(QColor(style.color) if kind is LinkKind.SUPPORT else Qt.GlobalColor.transparent)
    p.setPen(QPen(QColor(style.color), 1.5))
    p.drawPolygon(QPolygonF([QPointF(size / 2, 1), QPointF(size / 2 - 4, 7), QPointF(size / 2 + 4, 7)]))
    p.end()
    return QIcon(pix)


@cache
def app_icon() -> QIcon:
    icon = QIcon()
    try:
        data = resources.files("argmap.assets").joinpath("argmap.svg").read_bytes()
    except (FileNotFoundError, ModuleNotFoundError, OSError):
        return icon
    pix = QPixmap()
    if pix.loadFromData(data, "SVG"):
        icon.addPixmap(pix)
    for size in (16, 32, 64, 128):
        pm = QPixmap()
        if pm.loadFromData(data, "SVG"):
            icon.addPixmap(pm.scaled(size, size, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation))
    return icon
