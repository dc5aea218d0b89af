"""Mouse gestures of the map scene, reported as signals (never model writes): drag-move
of selected cards, drag-to-connect from a card's handle, in-place editing, context menu.

Drag-to-connect: drop on a card to get a menu (Support / Attack); hold Ctrl to support
or Shift to attack without the menu. Drop on an arrow to attack that inference (an
undercut) or, from the menu or with Alt, to join the arrow as a co-premise. Dragging the
handle of a selected card connects all selected cards as co-premises.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsPathItem, QGraphicsSceneMouseEvent, QMenu

from argmap.model import LinkKind
from argmap.ui.canvas.editor import InlineEditor
from argmap.ui.canvas.spatial import card_box
from argmap.ui.canvas.statement_item import StatementItem

SUPPORT = LinkKind.SUPPORT.value
ATTACK = LinkKind.ATTACK.value
PREMISE = "premise"


def _tr(text: str) -> str:
    return QCoreApplication.translate("MapScene", text)


class _ConnectDrag:
    __slots__ = ("premises", "start", "line")

    def __init__(self, premises: list[str], start: QPointF, line: QGraphicsPathItem) -> None:
        self.premises = premises
        self.start = start
        self.line = line


class GestureMixin:
    """Mouse handling for `MapScene` (mixed in before QGraphicsScene)."""

    def _init_gestures(self) -> None:
        self._press_positions: dict[str, QPointF] | None = None
        self._connect: _ConnectDrag | None = None
        self._editor: InlineEditor | None = None
        self._hover_card: StatementItem | None = None

    # ---------------------------------------------------------------- mouse
    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        self._materialise_near(event.scenePos())  # arrows' items exist where clicks land
        if event.button() == Qt.MouseButton.LeftButton and not self.rs.export_mode:
            card = self.card_at(event.scenePos())
            if card is not None and card.on_collapse_badge(event.scenePos()):
                self.expandRequested.emit(card.sid)
                event.accept()
                return
            if card is not None and card.on_handle(event.scenePos()):
                self._begin_connect(card)
                event.accept()
                return
        super().mousePressEvent(event)
        if event.button() == Qt.MouseButton.LeftButton:
            self._press_positions = {i.sid: i.pos() for i in self.selectedItems() if isinstance(i, StatementItem)}

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self._connect is not None:
            self._update_connect(event.scenePos())
            event.accept()
            return
        super().mouseMoveEvent(event)
        if self._press_positions and event.buttons() & Qt.MouseButton.LeftButton:
            for sid in self._press_positions:  # the cards being dragged: arrows follow live
                item = self._items.get(sid)
                if item is not None:
                    before = card_box(item.rec)
                    item.sync_xy()
                    self._on_card_moved(item, before)
        else:
            self.set_hover_card(self.card_at(event.scenePos()))

    def set_hover_card(self, card: StatementItem | None) -> None:
        """Show the hover outline and handle on ``card`` (None: on no card)."""
        if card is self._hover_card:
            return
        if self._hover_card is not None and self._hover_card.scene() is self:
            self._hover_card.set_hover(False)
        self._hover_card = card
        if card is not None:
            card.set_hover(True)

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self._connect is not None:
            if event.button() == Qt.MouseButton.LeftButton:
                self._finish_connect(event.scenePos(), event.modifiers(), event.screenPos())
            event.accept()
            return
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton and self._press_positions is not None:
            press, self._press_positions = self._press_positions, None
            moved: dict[str, tuple[float, float]] = {}
            for sid, before in press.items():
                item = self._items.get(sid)
                if item is not None:
                    item.sync_xy()
                if item is not None and item.pos() != before:
                    moved[sid] = (item.pos().x(), item.pos().y())
            if moved:
                self.moveRequested.emit(moved)
                self._sync_positions(moved)

    def mouseDoubleClickEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and not self.rs.export_mode:
            card = self.card_at(event.scenePos())
            if card is not None:
                self._start_editing(card.sid)
                event.accept()
                return
        super().mouseDoubleClickEvent(event)

    def contextMenuEvent(self, event) -> None:
        if self._editor is not None and self._editor.isUnderMouse():
            super().contextMenuEvent(event)
            return
        item = self.target_at(event.scenePos())
        id_ = None
        if item is not None:
            id_ = item.sid if isinstance(item, StatementItem) else item.lid
            if not item.isSelected():
                self.clearSelection()
                item.setSelected(True)
        self.contextMenuRequested.emit(id_, event.screenPos())
        event.accept()

    def _sync_positions(self, ids) -> None:
        """Show the model's positions again (a move the window did not apply snaps back)."""
        for sid in ids:
            item = self._items.get(sid)
            if item is None or not self.map.is_statement(sid):
                continue
            pos = self.map.statement(sid).pos
            if pos is not None and item.pos() != QPointF(*pos):
                self._move_card(item, pos)

    # -------------------------------------------------------- drag-to-connect
    def _begin_connect(self, card: StatementItem) -> None:
        premises = [card.sid]
        if card.isSelected():
            premises += sorted(i.sid for i in self.selectedItems() if isinstance(i, StatementItem) and i is not card)
        start = card.mapToScene(card.handle_rect().center())
        line = QGraphicsPathItem()
        pen = QPen(QColor(self.rs.theme.handle), 2.0, Qt.PenStyle.DashLine)
        pen.setCosmetic(True)
        line.setPen(pen)
        line.setZValue(50.0)
        self.addItem(line)
        self._connect = _ConnectDrag(premises, start, line)
        self._update_connect(start)

    def _update_connect(self, pos: QPointF) -> None:
        drag = self._connect
        path = QPainterPath(drag.start)
        path.lineTo(pos)
        drag.line.setPath(path)
        target = self.target_at(pos, exclude=drag.premises)
        self._set_drop_target(None if target is None else (target.sid if isinstance(target, StatementItem) else target.lid))

    def _set_drop_target(self, id_: str | None) -> None:
        old = self.rs.drop_target
        if old == id_:
            return
        self.rs.drop_target = id_
        for i in (old, id_):
            item = self._items.get(i) if i else None
            if item is not None:
                item.update()

    def _finish_connect(self, pos: QPointF, modifiers, screen_pos: QPoint) -> None:
        drag, self._connect = self._connect, None
        self.removeItem(drag.line)
        self._set_drop_target(None)
        target = self.target_at(pos, exclude=drag.premises)
        if target is None:
            return
        shift = bool(modifiers & Qt.KeyboardModifier.ShiftModifier)
        ctrl = bool(modifiers & Qt.KeyboardModifier.ControlModifier)
        alt = bool(modifiers & Qt.KeyboardModifier.AltModifier)
        if isinstance(target, StatementItem):
            if shift:
                choice = ATTACK
            elif ctrl:
                choice = SUPPORT
            else:
                choice = self.choose_connection([(SUPPORT, _tr("Support")), (ATTACK, _tr("Attack"))], screen_pos)
            if choice in (SUPPORT, ATTACK):
                self.connectRequested.emit(list(drag.premises), target.sid, choice)
            return
        can_join = target.link.kind is LinkKind.SUPPORT and len(drag.premises) == 1 and drag.premises[0] not in target.link.premises
        if alt and can_join:
            choice = PREMISE
        elif shift:
            choice = ATTACK
        else:
            options = [(ATTACK, _tr("Attack this inference (undercut)"))]
            if can_join:
                options.append((PREMISE, _tr("Add as co-premise")))
            choice = self.choose_connection(options, screen_pos)
        if choice == PREMISE:
            self.addPremiseRequested.emit(drag.premises[0], target.lid)
        elif choice == ATTACK:
            self.connectRequested.emit(list(drag.premises), target.lid, ATTACK)

    def choose_connection(self, options: list[tuple[str, str]], screen_pos: QPoint) -> str | None:
        """Ask which connection to make with a small popup menu; None if dismissed."""
        menu = QMenu()
        for key, label in options:
            menu.addAction(label).setData(key)
        menu.addSeparator()
        menu.addAction(_tr("Cancel"))
        chosen = menu.exec(screen_pos)
        return chosen.data() if chosen is not None else None

    # ------------------------------------------------------------- editing
    def _start_editing(self, id_: str) -> bool:
        self._finish_editing(commit=True)
        card = self.item_for(id_)
        if not isinstance(card, StatementItem) or not card.isVisible():
            return False
        editor = InlineEditor(card, lambda text, sid=id_: self._editing_done(sid, text))
        self._editor = editor
        self.rs.editing_id = id_
        card.update()
        self.addItem(editor)
        self.setFocusItem(editor, Qt.FocusReason.OtherFocusReason)
        return True

    def _finish_editing(self, commit: bool) -> None:
        if self._editor is not None:
            self._editor.finish(commit)

    def _cancel_editing(self) -> None:
        self._finish_editing(commit=False)

    def _editing_done(self, sid: str, text: str | None) -> None:
        editor, self._editor = self._editor, None
        self.rs.editing_id = None
        if editor is not None and editor.scene() is self:
            self.removeItem(editor)
        card = self._items.get(sid)
        if isinstance(card, StatementItem):
            card.update()
            if text is not None and text != card.statement.text:
                self.textEditCommitted.emit(sid, text)

    def editor(self) -> InlineEditor | None:
        """The open in-place editor, if any."""
        return self._editor

