"""The overview picture: the whole map drawn once at reduced scale (kind-coloured boxes
and hairline arrows), shown by the view instead of thousands of items when zoomed out."""

from __future__ import annotations

import math

from PySide6.QtCore import QLineF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPen

from argmap.model import LinkKind
from argmap.ui.canvas.card_layout import HEADER_H, PAD_TOP, pad_x
from argmap.ui.canvas.render_state import RenderState
from argmap.ui.styles import badge_colors

MAX_SIDE = 4096
MAX_PIXELS = 8_000_000


def overview_size(rect: QRectF, scale: float) -> tuple[int, int]:
    return max(1, math.ceil(rect.width() * scale)), max(1, math.ceil(rect.height() * scale))


def fits(rect: QRectF, scale: float) -> bool:
    """Whether an overview of ``rect`` at ``scale`` stays within the memory budget."""
    w, h = overview_size(rect, scale)
    return w <= MAX_SIDE and h <= MAX_SIDE and w * h <= MAX_PIXELS


def render_overview(cards, links, rect: QRectF, scale: float, rs: RenderState, dpr: float = 1.0) -> QImage:
    """Draw ``cards`` (CardRecs) and ``links`` (ArrowRecs) of ``rect`` at ``scale``
    device pixels per scene unit onto a new image (transparent outside the cards)."""
    w, h = overview_size(rect, scale)
    image = QImage(w, h, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, scale > 0.05)
    painter.scale(scale, scale)
    painter.translate(-rect.left(), -rect.top())
    by_kind: dict[LinkKind, list[QLineF]] = {kind: [] for kind in LinkKind}
    for link in links:
        lines = by_kind[link.link.kind]
        for x1, y1, x2, y2 in link.segs:
            lines.append(QLineF(x1, y1, x2, y2))
        j = link.junction
        if j is not None:
            lines.append(QLineF(j[0], j[1], *link.tip))
    for kind, lines in by_kind.items():
        if lines:
            color = QColor(rs.link_colors[kind])
            color.setAlpha(200)
            painter.setPen(QPen(color, 0.0))
            painter.drawLines(lines)
    boxes: dict = {}
    for card in cards:
        boxes.setdefault(card.statement.kind, []).append(QRectF(card.x0, card.y0, card.w, card.h))
    thin = scale * 260 < 6  # cards only a few pixels wide: no outline, just colour
    for kind, rects in boxes.items():
        fill, border, _text, _accent = rs.kind_colors[kind]
        painter.setPen(Qt.PenStyle.NoPen if thin else QPen(border, 0.0))
        painter.setBrush(border if thin else fill)
        painter.drawRects(rects)
    if rs.badges:  # labels shown: the label's colour fills the header band (tiny cards: all of it)
        marks: dict[str, list[QRectF]] = {}
        for card in cards:
            badge = rs.badges.get(card.sid)
            if badge:
                px = pad_x(card.statement.kind)
                band = QRectF(card.x0, card.y0, card.w, card.h) if thin else QRectF(card.x0 + px, card.y0 + PAD_TOP, card.w - 2 * px, HEADER_H)
                marks.setdefault(badge, []).append(band)
        painter.setPen(Qt.PenStyle.NoPen)
        for badge, rects in marks.items():
            painter.setBrush(badge_colors(rs.theme, badge)[0])
            painter.drawRects(rects)
    painter.end()
    image.setDevicePixelRatio(dpr)
    return image
