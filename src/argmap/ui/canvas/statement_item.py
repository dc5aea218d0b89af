"""The card of one statement: shape and colour of its kind, glyph and kind word, bold
title, wrapped text, citation line, badges, and the drag-to-connect handle."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPen, QStaticText
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from argmap.ui.canvas.card_layout import (
    CITE_GAP,
    HEADER_GAP,
    HEADER_H,
    PAD_TOP,
    TITLE_GAP,
    metrics,
    pad_x,
)
from argmap.ui.canvas.painting import FOLD, draw_badge, draw_card_shape, shape_path
from argmap.ui.canvas.records import CardRec
from argmap.ui.canvas.render_state import RenderState
from argmap.ui.styles import BODY_PX, HEADER_PX, SMALL_PX, Shape, badge_colors, make_font

MARGIN = 6.0  # room around the card for the selection and highlight outlines
HANDLE_R = 6.5
TEXT_LOD = 0.3  # below this scale text is replaced by grey bars

STATEMENT_TYPE = QGraphicsItem.UserType + 1
# Cards stay at z 0 (the default: no call per card); arrows sit below them. Hover is
# tracked by the scene (one lookup per mouse move) rather than by every item.
_FLAGS = QGraphicsItem.GraphicsItemFlag.ItemIsSelectable | QGraphicsItem.GraphicsItemFlag.ItemIsMovable

_FONTS: dict[str, object] = {}


def _font(role: str):
    font = _FONTS.get(role)
    if font is None:
        px, bold = {"body": (BODY_PX, False), "title": (BODY_PX, True), "small": (SMALL_PX, False), "header": (HEADER_PX, True)}[role]
        font = _FONTS[role] = make_font(px, bold)
    return font


def style_shape(rs: RenderState, kind) -> Shape:
    return rs.theme.kinds[kind].shape


def _static(text: str) -> QStaticText:
    st = QStaticText(text)
    st.setTextFormat(Qt.TextFormat.PlainText)
    return st


class StatementItem(QGraphicsItem):
    """A card, drawn from its `CardRec` (the scene's record of the statement). Position
    is the card's top-left corner (the model's ``pos``); ``x0, y0`` read the record, which
    the scene keeps in sync with the item."""

    _hover = False

    def __init__(self, rec: CardRec, rs: RenderState) -> None:
        super().__init__()
        self.sid = rec.sid
        self.rec = rec
        self.rs = rs
        self.setFlags(_FLAGS)
        self._static: tuple[QStaticText | None, QStaticText | None, QStaticText | None] | None = None
        self._static_wrap = None
        self.setPos(rec.x0, rec.y0)

    # the record holds what the card shows
    statement = property(lambda self: self.rec.statement)
    x0 = property(lambda self: self.rec.x0)
    y0 = property(lambda self: self.rec.y0)
    w = property(lambda self: self.rec.w)
    h = property(lambda self: self.rec.h)
    shown = property(lambda self: self.rec.shown)
    _wrap = property(lambda self: self.rec.wrap)

    def place(self, x: float, y: float) -> None:
        """Move the card (scene code only: keeps the record in sync)."""
        self.rec.x0, self.rec.y0 = x, y
        self.setPos(x, y)

    def sync_xy(self) -> None:
        """Re-read the position after Qt moved the card (a mouse drag)."""
        p = self.pos()
        self.rec.x0, self.rec.y0 = p.x(), p.y()

    def type(self) -> int:
        return STATEMENT_TYPE

    # ----------------------------------------------------------------- geometry
    def card_rect(self) -> QRectF:
        """The card in scene coordinates (without outlines and handle)."""
        return QRectF(self.x0, self.y0, self.w, self.h)

    def boundingRect(self) -> QRectF:
        return QRectF(-MARGIN, -MARGIN, self.w + 2 * MARGIN, self.h + 2 * MARGIN + HANDLE_R)

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.addRect(QRectF(0, 0, self.w, self.h))
        path.addEllipse(self.handle_rect())
        badge = self.collapse_badge_rect()
        if badge is not None:
            path.addRect(badge.adjusted(-3, -3, 3, 3))
        return path

    def handle_rect(self) -> QRectF:
        """The drag-to-connect handle, in item coordinates (centred on the bottom edge)."""
        r = HANDLE_R
        return QRectF(self.w / 2 - r, self.h - r, 2 * r, 2 * r)

    def collapse_badge_rect(self) -> QRectF | None:
        """The "+N" pill of a collapsed card, on its bottom-right corner (item
        coordinates); None when the card hides nothing."""
        count = self.rs.collapsed.get(self.sid)
        if not count:
            return None
        width = 20.0 + 8.0 * len(str(count))
        return QRectF(self.w - width - 8.0, self.h - 10.0, width, 20.0)

    def on_collapse_badge(self, scene_pos: QPointF) -> bool:
        rect = self.collapse_badge_rect()
        return rect is not None and rect.adjusted(-3, -3, 3, 3).contains(self.mapFromScene(scene_pos))

    def on_handle(self, scene_pos: QPointF) -> bool:
        local = self.mapFromScene(scene_pos)
        c = self.handle_rect().center()
        dx, dy = local.x() - c.x(), local.y() - c.y()
        return dx * dx + dy * dy <= (HANDLE_R + 3) ** 2

    def refresh(self) -> None:
        """Show the record's new value (the scene calls ``prepareGeometryChange`` first
        when the size may change)."""
        self._static = None
        self.update()

    def set_hover(self, on: bool) -> None:
        if self._hover != on:
            self._hover = on
            self.update()

    def drop_text_cache(self) -> None:
        self._static = None

    # ----------------------------------------------------------------- painting
    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        rs = self.rs
        kind = self.statement.kind
        style = rs.theme.kinds[kind]
        fill, border, _text, accent = rs.kind_colors[kind]
        w, h = self.w, self.h
        lod = QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        interactive = not rs.export_mode
        if self.sid in rs.highlighted:
            painter.setPen(rs.highlight_pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(shape_path(style.shape, w, h))
        draw_card_shape(painter, style.shape, w, h, fill, border, style.border_width)
        if lod < TEXT_LOD:
            self._paint_bars(painter, border)
            badge = rs.badges.get(self.sid)
            if badge:  # too small to read: the label's colour fills the header band
                px = pad_x(kind)
                painter.fillRect(QRectF(px, PAD_TOP, w - 2 * px, HEADER_H), badge_colors(rs.theme, badge)[0])
        elif rs.editing_id != self.sid:
            self._paint_text(painter, kind, accent)
        if self.sid in rs.collapsed:
            self._paint_collapsed(painter)
        if interactive:
            self._paint_interaction(painter)
        if interactive and self.sid in rs.flagged:
            paint_flag(painter, w, h)

    def _paint_collapsed(self, painter: QPainter) -> None:
        """The "+N" pill: how many cards the collapsed card hides (click: expand)."""
        rect = self.collapse_badge_rect()
        if rect is None:
            return
        rs = self.rs
        painter.setPen(QPen(rs.background, 1.5))
        painter.setBrush(QBrush(QColor(rs.theme.selection)))
        painter.drawRoundedRect(rect, 10, 10)
        painter.setPen(QPen(rs.background))
        painter.setFont(_font("title"))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, f"+{rs.collapsed[self.sid]}")

    def _paint_bars(self, painter: QPainter, border: QColor) -> None:
        painter.setPen(Qt.PenStyle.NoPen)
        c = QColor(border)
        c.setAlpha(90)
        painter.setBrush(QBrush(c))
        px = pad_x(self.statement.kind)
        y = PAD_TOP + HEADER_H + HEADER_GAP
        lines = self._wrap.title_lines + self._wrap.body_lines
        lh = metrics("body").line_h
        for i in range(min(lines, 12)):
            width = (self.w - 2 * px) * (0.6 if i == lines - 1 else 0.95)
            painter.drawRect(QRectF(px, y + i * lh + 3, width, lh - 6))

    def _paint_text(self, painter: QPainter, kind, accent: QColor) -> None:
        rs = self.rs
        wrap = self._wrap
        if self._static is None or self._static_wrap is not wrap:
            self._static_wrap = wrap
            self._static = (
                _static(wrap.title) if wrap.title else None,
                _static(wrap.body) if wrap.body else None,
                _static(wrap.cite) if wrap.cite else None,
            )
        title, body, cite = self._static
        px = pad_x(kind)
        header = metrics("header")
        # header: glyph and kind word in the kind's accent colour, badges on the right
        painter.setPen(rs.accent_pens[kind])
        painter.setFont(_font("title"))
        painter.drawStaticText(QPointF(px, PAD_TOP - 1), rs.headers[kind])
        painter.setFont(_font("header"))
        painter.drawStaticText(QPointF(px + 19, PAD_TOP + (HEADER_H - header.line_h) / 2 - 1), rs.kind_words[kind])
        badge = rs.badges.get(self.sid)
        if badge:
            right = self.w - px + 2 - (FOLD - 4 if style_shape(rs, kind) is Shape.FOLDED else 0)
            draw_badge(painter, right, PAD_TOP - 1, badge, rs.theme)
        y = PAD_TOP + HEADER_H + HEADER_GAP
        painter.setPen(rs.text_pens[kind])
        if title is not None:
            painter.setFont(_font("title"))
            painter.drawStaticText(QPointF(px, y), title)
            y += wrap.title_lines * metrics("title").line_h + TITLE_GAP
        if body is not None:
            painter.setFont(_font("body"))
            painter.drawStaticText(QPointF(px, y), body)
            y += wrap.body_lines * metrics("body").line_h
        if cite is not None:
            rule = QColor(rs.kind_colors[kind][1])
            rule.setAlpha(110)
            painter.setPen(QPen(rule, 1.0))
            painter.drawLine(QPointF(px, y + 5.5), QPointF(self.w - px, y + 5.5))
            painter.setPen(rs.secondary_pen)
            painter.setFont(_font("small"))
            painter.drawStaticText(QPointF(px, y + CITE_GAP), cite)

    def _paint_interaction(self, painter: QPainter) -> None:
        rs = self.rs
        w, h = self.w, self.h
        selected = self.isSelected()
        if rs.drop_target == self.sid:
            painter.setPen(rs.drop_pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(QRectF(-3, -3, w + 6, h + 6), 6, 6)
        if selected:
            painter.setPen(rs.selection_pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(QRectF(-4, -4, w + 8, h + 8), 7, 7)
        elif self._hover:
            painter.setPen(rs.hover_pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(QRectF(-3, -3, w + 6, h + 6), 6, 6)
        if selected or self._hover:
            painter.setPen(QPen(rs.background, 1.5))
            painter.setBrush(QBrush(rs.handle_color))
            painter.drawEllipse(self.handle_rect())


def paint_flag(painter: QPainter, w: float, h: float) -> None:
    """A red "!" disc in the bottom right corner: the card's quotation is not in its source."""
    r = 8.0
    centre = QPointF(w - r - 5, h - r - 5)
    painter.setPen(QPen(QColor("#ffffff"), 1.5))
    painter.setBrush(QColor("#c62828"))
    painter.drawEllipse(centre, r, r)
    painter.setPen(QColor("#ffffff"))
    painter.setFont(_font("title"))
    painter.drawText(QRectF(centre.x() - r, centre.y() - r, 2 * r, 2 * r), Qt.AlignmentFlag.AlignCenter, "!")
