"""Mouse gestures of the map scene, reported as signals (never model writes): drag-move
of selected cards, drag-to-connect from a card's handle, in-place editing, context menu.

Drag-to-connect: drop on a card to get a menu (Support / Attack); hold Ctrl to support
or Shift to attack without the menu. Drop on an arrow to attack that inference (an
undercut) or, from the menu or with Alt, to join the arrow as a co-premise. Dragging the
handle of a selected card connects all selected cards as co-premises.

`Gestures` is a controller the scene owns and hands its mouse events to; what it needs
of the scene is spelled out in `GestureScene`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QCoreApplication, QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsPathItem, QGraphicsScene, QGraphicsSceneMouseEvent, QMenu

from argmap.model import LinkKind
from argmap.ui.canvas.editor import InlineEditor
from argmap.ui.canvas.spatial import card_box
from argmap.ui.canvas.statement_item import StatementItem

if TYPE_CHECKING:
    from argmap.model import ArgumentMap
    from argmap.ui.canvas.link_item import LinkItem
    from argmap.ui.canvas.render_state import RenderState

SUPPORT = LinkKind.SUPPORT.value
ATTACK = LinkKind.ATTACK.value
PREMISE = "premise"


def _tr(text: str) -> str:
    return QCoreApplication.translate("MapScene", text)


def choose_connection(options: list[tuple[str, str]], screen_pos: QPoint) -> str | None:
    """Ask which connection to make with a small popup menu; None if dismissed."""
    menu = QMenu()
    for key, label in options:
        menu.addAction(label).setData(key)
    menu.addSeparator()
    menu.addAction(_tr("Cancel"))
    chosen = menu.exec(screen_pos)
    return str(chosen.data()) if chosen is not None and chosen.data() is not None else None


class GestureScene(Protocol):
    """What the gestures need of the scene (a `QGraphicsScene`; `MapScene` is one)."""

    map: ArgumentMap
    rs: RenderState
    # the signals the gestures report with
    moveRequested: Any  # {id: (x, y)}
    connectRequested: Any  # premises, target id, "support"|"attack"
    addPremiseRequested: Any  # premise id, link id
    textEditCommitted: Any  # statement id, new text
    contextMenuRequested: Any  # id or None, screen position

    def card_at(self, scene_pos: QPointF) -> StatementItem | None: ...
    def target_at(self, scene_pos: QPointF, exclude: Iterable[str] = ()) -> StatementItem | LinkItem | None: ...
    def item_for(self, id_: str) -> StatementItem | LinkItem | None: ...
    def shown_item(self, id_: str) -> StatementItem | LinkItem | None: ...
    def materialise_near(self, p: QPointF) -> None: ...
    def card_dragged(self, card: StatementItem, before: object) -> None: ...
    def move_card(self, card: StatementItem, pos: tuple[float, float]) -> None: ...
    def choose_connection(self, options: list[tuple[str, str]], screen_pos: QPoint) -> str | None: ...


class _ConnectDrag:
    __slots__ = ("premises", "start", "line")

    def __init__(self, premises: list[str], start: QPointF, line: QGraphicsPathItem) -> None:
        self.premises = premises
        self.start = start
        self.line = line


class Gestures:
    """Mouse handling for one scene: the scene's mouse event handlers call the methods
    of the same name here (``scene`` must also be a `QGraphicsScene`, whose own handling
    runs where a gesture does not take the event)."""

    def __init__(self, scene: GestureScene) -> None:
        self.scene = scene
        self._qscene: QGraphicsScene = scene  # type: ignore[assignment]
        self._press_positions: dict[str, QPointF] | None = None
        self._connect: _ConnectDrag | None = None
        self._editor: InlineEditor | None = None
        self._hover_card: StatementItem | None = None

    # ---------------------------------------------------------------- mouse
    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        scene = self.scene
        scene.index.materialise_near(event.scenePos())  # arrows' items exist where clicks land
        if event.button() == Qt.MouseButton.LeftButton and not scene.rs.export_mode:
            card = scene.index.card_at(event.scenePos())
            if card is not None and card.on_collapse_badge(event.scenePos()):
                scene.expandRequested.emit(card.sid)
                event.accept()
                return
            if card is not None and card.on_handle(event.scenePos()):
                self._begin_connect(card)
                event.accept()
                return
        QGraphicsScene.mousePressEvent(self._qscene, event)
        if event.button() == Qt.MouseButton.LeftButton:
            self._press_positions = {i.sid: i.pos() for i in self._qscene.selectedItems() if isinstance(i, StatementItem)}

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self._connect is not None:
            self._update_connect(event.scenePos())
            event.accept()
            return
        QGraphicsScene.mouseMoveEvent(self._qscene, event)
        if self._press_positions and event.buttons() & Qt.MouseButton.LeftButton:
            for sid in self._press_positions:  # the cards being dragged: arrows follow live
                item = self.scene.index.shown_item(sid)
                if isinstance(item, StatementItem):
                    before = card_box(item.rec)
                    item.sync_xy()
                    self.scene.card_dragged(item, before)
        else:
            self.set_hover_card(self.scene.index.card_at(event.scenePos()))

    def set_hover_card(self, card: StatementItem | None) -> None:
        """Show the hover outline and handle on ``card`` (None: on no card)."""
        if card is self._hover_card:
            return
        if self._hover_card is not None and self._hover_card.scene() is self._qscene:
            self._hover_card.set_hover(False)
        self._hover_card = card
        if card is not None:
            card.set_hover(True)

    def forget_card(self, item: object | None = None) -> None:
        """The scene dropped ``item`` (None: every item): no hover on it any more."""
        if item is None or self._hover_card is item:
            self._hover_card = None

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self._connect is not None:
            if event.button() == Qt.MouseButton.LeftButton:
                self._finish_connect(event.scenePos(), event.modifiers(), event.screenPos())
            event.accept()
            return
        QGraphicsScene.mouseReleaseEvent(self._qscene, event)
        if event.button() == Qt.MouseButton.LeftButton and self._press_positions is not None:
            press, self._press_positions = self._press_positions, None
            moved: dict[str, tuple[float, float]] = {}
            for sid, before in press.items():
                item = self.scene.index.shown_item(sid)
                if isinstance(item, StatementItem):
                    item.sync_xy()
                    if item.pos() != before:
                        moved[sid] = (item.pos().x(), item.pos().y())
            if moved:
                self.scene.moveRequested.emit(moved)
                self.sync_positions(moved)

    def mouseDoubleClickEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and not self.scene.rs.export_mode:
            card = self.scene.index.card_at(event.scenePos())
            if card is not None:
                self.start_editing(card.sid)
                event.accept()
                return
        QGraphicsScene.mouseDoubleClickEvent(self._qscene, event)

    def contextMenuEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        if self._editor is not None and self._editor.isUnderMouse():
            QGraphicsScene.contextMenuEvent(self._qscene, event)
            return
        item = self.scene.index.target_at(event.scenePos())
        id_ = None
        if item is not None:
            id_ = item.sid if isinstance(item, StatementItem) else item.lid
            if not item.isSelected():
                self._qscene.clearSelection()
                item.setSelected(True)
        self.scene.contextMenuRequested.emit(id_, event.screenPos())
        event.accept()

    def sync_positions(self, ids: Iterable[str] | Mapping[str, object]) -> None:
        """Show the model's positions again (a move the window did not apply snaps back)."""
        amap = self.scene.map
        for sid in ids:
            item = self.scene.index.shown_item(sid)
            if not isinstance(item, StatementItem) or not amap.is_statement(sid):
                continue
            pos = amap.statement(sid).pos
            if pos is not None and item.pos() != QPointF(*pos):
                self.scene.move_card(item, pos)

    # -------------------------------------------------------- drag-to-connect
    def _begin_connect(self, card: StatementItem) -> None:
        premises = [card.sid]
        if card.isSelected():
            premises += sorted(i.sid for i in self._qscene.selectedItems() if isinstance(i, StatementItem) and i is not card)
        start = card.mapToScene(card.handle_rect().center())
        line = QGraphicsPathItem()
        pen = QPen(QColor(self.scene.rs.theme.handle), 2.0, Qt.PenStyle.DashLine)
        pen.setCosmetic(True)
        line.setPen(pen)
        line.setZValue(50.0)
        self._qscene.addItem(line)
        self._connect = _ConnectDrag(premises, start, line)
        self._update_connect(start)

    def _update_connect(self, pos: QPointF) -> None:
        drag = self._connect
        assert drag is not None
        path = QPainterPath(drag.start)
        path.lineTo(pos)
        drag.line.setPath(path)
        target = self.scene.index.target_at(pos, exclude=drag.premises)
        self._set_drop_target(None if target is None else (target.sid if isinstance(target, StatementItem) else target.lid))

    def _set_drop_target(self, id_: str | None) -> None:
        rs = self.scene.rs
        old = rs.drop_target
        if old == id_:
            return
        rs.drop_target = id_
        for i in (old, id_):
            item = self.scene.index.shown_item(i) if i else None
            if item is not None:
                item.update()

    def _finish_connect(self, pos: QPointF, modifiers: Qt.KeyboardModifier, screen_pos: QPoint) -> None:
        drag, self._connect = self._connect, None
        assert drag is not None
        scene = self.scene
        self._qscene.removeItem(drag.line)
        self._set_drop_target(None)
        target = scene.index.target_at(pos, exclude=drag.premises)
        if target is None:
            return
        shift = bool(modifiers & Qt.KeyboardModifier.ShiftModifier)
        ctrl = bool(modifiers & Qt.KeyboardModifier.ControlModifier)
        alt = bool(modifiers & Qt.KeyboardModifier.AltModifier)
        choice: str | None
        if isinstance(target, StatementItem):
            if shift:
                choice = ATTACK
            elif ctrl:
                choice = SUPPORT
            else:
                choice = scene.choose_connection([(SUPPORT, _tr("Support")), (ATTACK, _tr("Attack"))], screen_pos)
            if choice in (SUPPORT, ATTACK):
                scene.connectRequested.emit(list(drag.premises), target.sid, choice)
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
            choice = scene.choose_connection(options, screen_pos)
        if choice == PREMISE:
            scene.addPremiseRequested.emit(drag.premises[0], target.lid)
        elif choice == ATTACK:
            scene.connectRequested.emit(list(drag.premises), target.lid, ATTACK)

    # ------------------------------------------------------------- editing
    def start_editing(self, id_: str) -> bool:
        """Open the in-place editor on a statement's card (False if it is not shown)."""
        self.finish_editing(commit=True)
        card = self.scene.item_for(id_)
        if not isinstance(card, StatementItem) or not card.isVisible():
            return False
        def done(text: str | None, sid: str = id_) -> None:
            self._editing_done(sid, text)

        editor = InlineEditor(card, done)
        self._editor = editor
        self.scene.rs.editing_id = id_
        card.update()
        self._qscene.addItem(editor)
        self._qscene.setFocusItem(editor, Qt.FocusReason.OtherFocusReason)
        return True

    def finish_editing(self, commit: bool) -> None:
        if self._editor is not None:
            self._editor.finish(commit)

    def cancel_editing(self) -> None:
        self.finish_editing(commit=False)

    def _editing_done(self, sid: str, text: str | None) -> None:
        editor, self._editor = self._editor, None
        self.scene.rs.editing_id = None
        if editor is not None and editor.scene() is self._qscene:
            self._qscene.removeItem(editor)
        card = self.scene.index.shown_item(sid)
        if isinstance(card, StatementItem):
            card.update()
            if text is not None and text != card.statement.text:
                self.scene.textEditCommitted.emit(sid, text)

    def editor(self) -> InlineEditor | None:
        """The open in-place editor, if any."""
        return self._editor
