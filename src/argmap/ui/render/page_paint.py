"""Painting paged output: each page's header ("title · label · page n/N · date") and its
window onto a composition, with the stubs of cut arrows, the marks where the next page
begins and a tile's own source list (on a QPdfWriter or a QPrinter)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QDate, QLocale, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPageLayout, QPainter, QPen

from argmap.export.options import ExportError
from argmap.export.pages import HEADER_PT
from argmap.ui.render.export_layout import paint_sources
from argmap.ui.render.page_footer import footer_rect
from argmap.ui.render.stubs import paint_link_stubs, paint_stubs
from argmap.ui.styles import make_font

if TYPE_CHECKING:
    from argmap.ui.render.export_pages import PageSpec


def _tr(text: str) -> str:
    return QCoreApplication.translate("export", text)


def header_date() -> str:
    return QLocale().toString(QDate.currentDate(), QLocale.FormatType.LongFormat)


def paint_document(device, pages: list[PageSpec], *, title: str = "", date: str = "",  # type: ignore[no-untyped-def]
                   header: bool = True, layout_for: Callable[[bool], QPageLayout] | None = None,
                   marks_color: QColor = QColor("#808080"), header_pt: float = HEADER_PT) -> int:
    """Paint ``pages`` on a paged device (QPdfWriter or QPrinter), each under a header
    "title · label · page n/N · date"; ``layout_for`` turns each page to its orientation."""
    painter = QPainter()
    if layout_for is not None and pages:
        device.setPageLayout(layout_for(pages[0].landscape))
    if not painter.begin(device):
        raise ExportError("could not start drawing on the page (is the printer or file available?)")
    dpi = device.resolution()
    total = len(pages)
    try:
        for i, page in enumerate(pages):
            if i:
                if layout_for is not None:
                    device.setPageLayout(layout_for(page.landscape))
                device.newPage()
            rect = device.pageLayout().paintRectPixels(round(dpi))
            painter.setViewport(0, 0, rect.width(), rect.height())
            painter.setWindow(0, 0, rect.width(), rect.height())
            header_h = header_pt * dpi / 72.0 if header else 0.0
            if header:
                rest = [page.label, _tr("page {0}/{1}").format(i + 1, total) if total > 1 else "", date]
                _paint_header(painter, title, [p for p in rest if p], rect.width(), header_h, dpi)
            _paint_window(painter, page, dpi, rect.width(), header_h, marks_color)
    finally:
        painter.end()
    return total


def _paint_header(painter: QPainter, title: str, rest: list[str], width: float, height: float, dpi: float) -> None:
    """One line: the title (shortened when the line is too long), then the rest."""
    painter.save()
    font = make_font(max(8, round(8.5 * dpi / 72.0)))
    painter.setFont(font)
    painter.setPen(QPen(QColor("#444444")))
    fm = QFontMetricsF(font)
    sep = " \u00b7 "
    tail = sep.join(rest)
    if title:
        room = width - fm.horizontalAdvance(sep + tail if tail else "")
        title = fm.elidedText(title, Qt.TextElideMode.ElideRight, max(room, width * 0.25))
    text = fm.elidedText(sep.join(p for p in [title, tail] if p), Qt.TextElideMode.ElideRight, width)
    painter.drawText(QRectF(0, 0, width, height), int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop), text)
    pen = QPen(QColor("#b0b0b0"), max(1.0, 0.5 * dpi / 72.0))
    painter.setPen(pen)
    y = height - 3 * dpi / 72.0
    painter.drawLine(QPointF(0, y), QPointF(width, y))
    painter.restore()


def _paint_window(painter: QPainter, page: PageSpec, dpi: float, page_w: float, top: float, marks_color: QColor) -> None:
    unit = page.scale * dpi / 72.0  # device pixels per picture unit
    win = page.window
    left = max(0.0, (page_w - win.width() * unit) / 2)  # centred across the page
    painter.save()
    painter.translate(left, top)
    painter.scale(unit, unit)
    painter.translate(-win.left(), -win.top())
    painter.setClipRect(win)
    page.comp.paint(painter, clip=win)
    if page.stubs:
        paint_stubs(painter, win, list(page.stubs), marks_color)
    if page.links:
        paint_link_stubs(painter, page.links, page.comp.theme)
    if page.cut_x or page.cut_y:
        pen = QPen(marks_color, 0.6 * dpi / 72.0, Qt.PenStyle.DashLine)
        pen.setCosmetic(True)
        painter.setPen(pen)
        for x in page.cut_x:
            painter.drawLine(QPointF(x, win.top()), QPointF(x, win.bottom()))
        for y in page.cut_y:
            painter.drawLine(QPointF(win.left(), y), QPointF(win.right(), y))
    if page.footer:
        below = QRectF(win.left(), win.bottom(), win.width(), page.footer_room)
        painter.setClipRect(below)
        if page.comp.background is not None:
            painter.fillRect(below, page.comp.background)
        paint_sources(painter, footer_rect(win, page.footer_room), "\n".join(page.footer), page.comp.theme)
    painter.restore()
