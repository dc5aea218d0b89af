"""The page of an exported picture: optional title, the map, a legend and a footer with
the sources, laid out in scene units and painted by one QPainter for PNG, SVG, PDF and print."""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QGraphicsScene

from argmap.ui.canvas.painting import badge_width, draw_badge, draw_legend_symbol
from argmap.ui.styles import LegendEntry, Theme, make_font

MARGIN = 24.0
TITLE_PX = 24
LEGEND_PX = 12
FOOTER_PX = 11
SYMBOL_W = 34.0
SYMBOL_H = 20.0
GAP = 14.0
MIN_TEXT_WIDTH = 420.0  # narrow maps still get a readable title and footer


@dataclass(frozen=True)
class Block:
    rect: QRectF
    text: str = ""


class Composition:
    """Where each part goes. ``size`` is the whole picture in scene units; ``paint``
    draws it with the painter's current transform mapping those units to the device."""

    def __init__(
        self,
        scene: QGraphicsScene,
        source: QRectF,
        theme: Theme,
        *,
        title: str = "",
        legend: list[LegendEntry] | None = None,
        sources: list[str] | None = None,
        background: QColor | None = None,
        margin: float = MARGIN,
        verdicts: list[tuple[str, str]] | None = None,
        markers: dict[str, int] | None = None,
    ) -> None:
        self.scene = scene
        self.markers = dict(markers or {})  # statement id -> the number of its source in the source list
        self.source = QRectF(source)
        self.theme = theme
        self.background = background
        self.legend = legend or []
        self.title_font = make_font(TITLE_PX, bold=True)
        self.legend_font = make_font(LEGEND_PX)
        self.footer_font = make_font(FOOTER_PX)
        width = max(self.source.width(), MIN_TEXT_WIDTH if (title or legend or sources) else 0.0)
        x0, y = margin, margin
        self.title: Block | None = None
        if title.strip():
            h = text_height(self.title_font, title.strip(), width)
            self.title = Block(QRectF(x0, y, width, h), title.strip())
            y += h + GAP
        map_x = x0 + (width - self.source.width()) / 2
        self.map_rect = QRectF(map_x, y, self.source.width(), self.source.height())
        y += self.source.height()
        self.legend_items: list[tuple[QRectF, QRectF, LegendEntry]] = []
        if self.legend:
            y += GAP
            y = self._place_legend(x0, y, width)
        self.verdict_rows: list[tuple[QRectF, str, str]] = []  # (row, badge, text)
        self.verdict_box: QRectF | None = None
        if verdicts:
            y += GAP
            y = self._place_verdicts(x0, y, width, verdicts)
        self.footer: Block | None = None
        if sources:
            text = "\n".join(sources)
            y += GAP
            head = line_height(self.footer_font)
            h = text_height(self.footer_font, text, width) + head
            self.footer = Block(QRectF(x0, y, width, h), text)
            y += h
        self.size = QSizeF(width + 2 * margin, y + margin)

    def _place_legend(self, x0: float, y: float, width: float) -> float:
        fm = QFontMetricsF(self.legend_font)
        row_h = max(SYMBOL_H, fm.height()) + 6
        x = x0
        for entry in self.legend:
            label_w = fm.horizontalAdvance(entry.label) + 2
            item_w = SYMBOL_W + 6 + label_w
            if x > x0 and x + item_w > x0 + width:
                x = x0
                y += row_h
            symbol = QRectF(x, y + (row_h - SYMBOL_H) / 2, SYMBOL_W, SYMBOL_H)
            label = QRectF(x + SYMBOL_W + 6, y, label_w, row_h)
            self.legend_items.append((symbol, label, entry))
            x += item_w + 18
        self.legend_rect = QRectF(x0, self.map_rect.bottom() + GAP, width, y + row_h - self.map_rect.bottom() - GAP)
        return y + row_h

    def _place_verdicts(self, x0: float, y: float, width: float, verdicts: list[tuple[str, str]]) -> float:
        """A small box: a heading, then one row per position (its badge, its verdict)."""
        head = line_height(self.legend_font) + 4
        top = y
        y += head + 4
        badge_w = max(badge_width(badge) for badge, _text in verdicts) + 8
        box_w = min(width, 560.0)
        for badge, text in verdicts:
            h = max(19.0, text_height(self.legend_font, text, box_w - badge_w - 16))
            self.verdict_rows.append((QRectF(x0 + 8, y, box_w - 16, h), badge, text))
            y += h + 2
        self.verdict_box = QRectF(x0, top, box_w, y - top + 4)
        self.verdict_badge_w = badge_w
        return y + 4

    def _paint_verdicts(self, painter: QPainter, text_color: QColor) -> None:
        box = self.verdict_box
        assert box is not None
        painter.setPen(QPen(QColor(self.theme.secondary_text), 0.75))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(box, 4, 4)
        painter.setFont(make_font(LEGEND_PX, bold=True))
        painter.setPen(QPen(text_color))
        heading = QCoreApplication.translate("export", "Verdicts")
        painter.drawText(QRectF(box.left() + 8, box.top() + 4, box.width() - 16, 18), int(Qt.AlignmentFlag.AlignLeft), heading)
        for row, badge, text in self.verdict_rows:
            draw_badge(painter, row.left() + self.verdict_badge_w - 8, row.top() + 2, badge, self.theme)
            painter.setFont(self.legend_font)
            painter.setPen(QPen(text_color))
            text_rect = QRectF(row.left() + self.verdict_badge_w, row.top() + 1, row.width() - self.verdict_badge_w, row.height())
            painter.drawText(text_rect, _WRAP, text)

    def paint(self, painter: QPainter, clip: QRectF | None = None) -> None:
        """Draw the whole picture (or only what meets ``clip``, in picture units)."""
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
        whole = QRectF(QPointF(0, 0), self.size)
        if self.background is not None:
            painter.fillRect(whole if clip is None else whole.intersected(clip), self.background)
        text_color = QColor(self.theme.kinds[next(iter(self.theme.kinds))].text)
        if self.title is not None and _meets(self.title.rect, clip):
            painter.setFont(self.title_font)
            painter.setPen(QPen(text_color))
            painter.drawText(self.title.rect, _WRAP | int(Qt.AlignmentFlag.AlignHCenter), self.title.text)
        self._paint_map(painter, clip)
        if self.markers:
            self._paint_markers(painter, clip)
        if self.legend_items:
            painter.setFont(self.legend_font)
            for symbol, label, entry in self.legend_items:
                if not _meets(label.united(symbol), clip):
                    continue
                draw_legend_symbol(painter, symbol, entry, self.theme)
                painter.setFont(self.legend_font)
                painter.setPen(QPen(text_color))
                painter.drawText(label, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), entry.label)
        if self.verdict_box is not None and _meets(self.verdict_box, clip):
            self._paint_verdicts(painter, text_color)
        if self.footer is not None and _meets(self.footer.rect, clip):
            paint_sources(painter, self.footer.rect, self.footer.text, self.theme)
        painter.restore()

    def _paint_markers(self, painter: QPainter, clip: QRectF | None) -> None:
        """Each card citing a listed source carries its number ("[2]") at the right end
        of the rule above its citation, so the card and the list match."""
        from argmap.ui.canvas.card_layout import HEADER_GAP, HEADER_H, PAD_TOP, TITLE_GAP, metrics, pad_x
        from argmap.ui.canvas.records import CardRec

        dx, dy = self.map_rect.left() - self.source.left(), self.map_rect.top() - self.source.top()
        font = make_font(FOOTER_PX - 1, bold=True)
        fm = QFontMetricsF(font)
        painter.setFont(font)
        records = self.scene.records()
        for sid, number in sorted(self.markers.items()):
            rec = records.get(sid)
            if not isinstance(rec, CardRec) or not rec.shown or not rec.wrap.cite_lines:
                continue
            wrap, kind = rec.wrap, rec.statement.kind
            y = PAD_TOP + HEADER_H + HEADER_GAP + wrap.body_lines * metrics("body").line_h
            if wrap.title_lines:
                y += wrap.title_lines * metrics("title").line_h + TITLE_GAP
            text = f"[{number}]"
            w, h = fm.horizontalAdvance(text) + 6, fm.height()
            box = QRectF(rec.x0 + dx + rec.w - pad_x(kind) - w, rec.y0 + dy + y + 5.5 - h / 2, w, h)
            if not _meets(box, clip):
                continue
            style = self.theme.kinds[kind]
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(style.fill))
            painter.drawRect(box)
            painter.setPen(QPen(QColor(style.accent)))
            painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter), text)

    def _paint_map(self, painter: QPainter, clip: QRectF | None) -> None:
        target = self.map_rect
        source = self.source
        if target.isEmpty():  # a page of only a legend or sources
            return
        if clip is not None:
            part = target.intersected(clip)
            if part.isEmpty():
                return
            sx = source.width() / target.width() if target.width() else 1.0
            sy = source.height() / target.height() if target.height() else 1.0
            source = QRectF(
                source.left() + (part.left() - target.left()) * sx,
                source.top() + (part.top() - target.top()) * sy,
                part.width() * sx,
                part.height() * sy,
            )
            target = part
        self.scene.render(painter, target, source, Qt.AspectRatioMode.IgnoreAspectRatio)


def paint_sources(painter: QPainter, r: QRectF, text: str, theme: Theme) -> None:
    """A source list in ``r``: a short rule, the heading "Sources", then ``text``."""
    font = make_font(FOOTER_PX)
    text_color = QColor(theme.kinds[next(iter(theme.kinds))].text)
    painter.save()
    painter.setPen(QPen(QColor(theme.secondary_text), 0.75))
    painter.drawLine(QPointF(r.left(), r.top()), QPointF(r.left() + min(r.width(), 180.0), r.top()))
    head = line_height(font)
    painter.setPen(QPen(text_color))
    painter.setFont(make_font(FOOTER_PX, bold=True))
    painter.drawText(QRectF(r.left(), r.top() + 3, r.width(), head), int(Qt.AlignmentFlag.AlignLeft), _sources_heading())
    painter.setFont(font)
    painter.setPen(QPen(QColor(theme.secondary_text)))
    painter.drawText(QRectF(r.left(), r.top() + head + 3, r.width(), r.height() - head), _WRAP, text)
    painter.restore()


def _sources_heading() -> str:
    return QCoreApplication.translate("export", "Sources")


_WRAP = int(Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)


def _meets(rect: QRectF, clip: QRectF | None) -> bool:
    return clip is None or rect.intersects(clip)


def line_height(font) -> float:  # type: ignore[no-untyped-def]
    return math.ceil(QFontMetricsF(font).lineSpacing()) + 2


def text_height(font, text: str, width: float) -> float:  # type: ignore[no-untyped-def]
    fm = QFontMetricsF(font)
    r = fm.boundingRect(QRectF(0, 0, width, 1e7), _WRAP, text)
    return math.ceil(r.height()) + 2


# --------------------------------------------------------------------------- paging
def page_tiles(total: QSizeF, page: QSizeF, overlap: float = 0.0) -> list[QRectF]:
    """Rectangles (in picture units) covering ``total`` with pieces of ``page`` size,
    neighbours sharing ``overlap``; row by row, top left first. At least one tile."""
    step_x = max(1.0, page.width() - overlap)
    step_y = max(1.0, page.height() - overlap)
    cols = max(1, math.ceil((total.width() - overlap) / step_x - 1e-9))
    rows = max(1, math.ceil((total.height() - overlap) / step_y - 1e-9))
    return [
        QRectF(c * step_x, r * step_y, page.width(), page.height()) for r in range(rows) for c in range(cols)
    ]
