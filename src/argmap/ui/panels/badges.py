"""A card badge as a pixmap, drawn exactly as on the canvas (legends and lists)."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPainter, QPixmap

from argmap.ui.canvas.painting import badge_width, draw_badge
from argmap.ui.styles import get_theme


def badge_pixmap(label: str, theme: str, dpr: float = 1.0) -> QPixmap:
    """A card badge drawn exactly as on the canvas (for legends and lists)."""
    w = badge_width(label) + 2
    pm = QPixmap(QSize(int(w * dpr) + 1, int(17 * dpr) + 1))
    pm.setDevicePixelRatio(dpr)
    pm.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pm)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    draw_badge(painter, w - 1, 1, label, get_theme(theme))
    painter.end()
    return pm
