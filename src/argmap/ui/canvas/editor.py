"""In-place text editor laid over a card: Enter commits, Shift+Enter starts a new line,
Esc cancels, clicking elsewhere commits."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QPainter, QPen, QTextCursor, QTextOption
from PySide6.QtWidgets import QGraphicsItem, QGraphicsTextItem, QStyle, QStyleOptionGraphicsItem, QWidget

from argmap.ui.canvas.card_layout import HEADER_GAP, HEADER_H, PAD_TOP, inner_width, pad_x
from argmap.ui.canvas.statement_item import StatementItem, _font


class InlineEditor(QGraphicsTextItem):
    """Edits the text of one card; calls ``on_done(text or None)`` exactly once."""

    def __init__(self, card: StatementItem, on_done: Callable[[str | None], None]) -> None:
        super().__init__()
        self.sid = card.sid
        self._card = card
        self._on_done = on_done
        self._finished = False
        kind = card.statement.kind
        self.setFont(_font("body"))
        self.setDefaultTextColor(card.rs.kind_colors[kind][2])
        self.document().setDocumentMargin(2.0)
        option = self.document().defaultTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.document().setDefaultTextOption(option)
        self.setTextWidth(inner_width(kind) + 4)
        self.setPlainText(card.statement.text)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextEditorInteraction)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsFocusable, True)
        self.setZValue(100.0)
        p = card.pos()
        self.setPos(p.x() + pad_x(kind) - 2, p.y() + PAD_TOP + HEADER_H + HEADER_GAP - 2)
        cursor = self.textCursor()
        cursor.select(QTextCursor.SelectionType.Document)
        self.setTextCursor(cursor)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        rs = self._card.rs
        fill = rs.kind_colors[self._card.statement.kind][0]
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(QPen(rs.selection_pen.color(), 1.5))
        painter.setBrush(QBrush(fill))
        painter.drawRoundedRect(QRectF(self.boundingRect()).adjusted(-2, -2, 2, 2), 3, 3)
        option.state = option.state & ~QStyle.StateFlag.State_HasFocus
        super().paint(painter, option, widget)

    def keyPressEvent(self, event) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self.finish(commit=True)
            return
        if key == Qt.Key.Key_Return or key == Qt.Key.Key_Enter:
            self.textCursor().insertText("\n")
            return
        if key == Qt.Key.Key_Escape:
            self.finish(commit=False)
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        if event.reason() != Qt.FocusReason.PopupFocusReason:
            self.finish(commit=True)

    def finish(self, commit: bool) -> None:
        """End editing once: report the text (or None when cancelled) and go away."""
        if self._finished:
            return
        self._finished = True
        text = self.toPlainText() if commit else None
        self._on_done(text)
