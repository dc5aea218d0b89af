"""`MapView`: the canvas view. Zoom (Ctrl+wheel, Ctrl+plus/minus, fit, 100%), pan
(wheel, middle-drag, Space+drag, scrollbars), rubber-band and Ctrl-click selection,
keyboard navigation, and a cached overview picture when zoomed out too far to read."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QPainter, QPen
from PySide6.QtWidgets import QFrame, QGraphicsView

from argmap.model import StatementKind
from argmap.ui.canvas.statement_item import TEXT_LOD
from argmap.ui.canvas.scene import MapScene

MIN_ZOOM = 0.01
MAX_ZOOM = 4.0
ZOOM_STEP = 1.2
OVERVIEW_BELOW = TEXT_LOD  # below this zoom the overview picture replaces the items
OVERVIEW_MIN_CARDS = 800  # smaller maps paint their items at every zoom (cheap enough)
MATERIALISE_AROUND = 200.0  # view pixels around the visible area whose items are made ahead
SCROLL_MARGIN = 600.0  # room to scroll past the map's edges (only when it does not fit)
FIT_READABLE = 0.5  # show_initial fits the map when that zoom is at least this
INITIAL_TOP = 40.0  # show_initial at 100%: the question this far below the top edge


class MapView(QGraphicsView):
    """Shows a `MapScene`. Plain wheel scrolls (Shift+wheel sideways), Ctrl+wheel zooms
    around the mouse; F2 or Enter edits the selected card; arrow keys move the selection
    along the arrows (see `navigate`)."""

    zoomChanged = Signal(float)

    def __init__(self, scene: MapScene | None = None, parent=None) -> None:
        super().__init__(parent)
        self._pan_from: QPointF | None = None
        self._space = False
        self._sheet = False  # the last paint drew arrows with the scene's one sheet
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing | QPainter.RenderHint.SmoothPixmapTransform)
        self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        self.setRubberBandSelectionMode(Qt.ItemSelectionMode.IntersectsItemShape)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setOptimizationFlags(QGraphicsView.OptimizationFlag.DontSavePainterState)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        if scene is not None:
            self.setScene(scene)
        self.rubberBandChanged.connect(self._on_rubber_band)

    def setScene(self, scene: MapScene) -> None:
        old = self.scene()
        if isinstance(old, MapScene):
            old.overviewChanged.disconnect(self._on_overview_changed)
            old.contentChanged.disconnect(self._update_scene_rect)
        super().setScene(scene)
        if isinstance(scene, MapScene):
            scene.overviewChanged.connect(self._on_overview_changed)
            scene.contentChanged.connect(self._update_scene_rect)
            self._update_scene_rect()

    def map_scene(self) -> MapScene | None:
        scene = self.scene()
        return scene if isinstance(scene, MapScene) else None

    # ------------------------------------------------------------------ zoom
    def zoom(self) -> float:
        return self.transform().m11()

    def set_zoom(self, factor: float, anchor: QPointF | None = None) -> None:
        """Zoom to ``factor`` (1.0 = 100%), keeping ``anchor`` (scene point) in place."""
        factor = max(self._min_zoom(), min(MAX_ZOOM, factor))
        current = self.zoom()
        if abs(factor - current) < 1e-9:
            return
        if anchor is None:
            old_anchor = self.transformationAnchor()
            self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
            self.scale(factor / current, factor / current)
            self.setTransformationAnchor(old_anchor)
        else:
            self.scale(factor / current, factor / current)
        self._update_scene_rect()
        self.zoomChanged.emit(self.zoom())

    def zoom_in(self) -> None:
        self.set_zoom(self.zoom() * ZOOM_STEP)

    def zoom_out(self) -> None:
        self.set_zoom(self.zoom() / ZOOM_STEP)

    def zoom_reset(self) -> None:
        self.set_zoom(1.0)

    def fit_zoom(self) -> float | None:
        """The zoom at which ``zoom_fit`` would show the whole map (None: no map)."""
        scene = self.map_scene()
        if scene is None:
            return None
        rect = scene.content_rect()
        view = self._full_viewport()
        if rect.isEmpty() or view.isEmpty():
            return None
        return max(min(view.width() / rect.width(), view.height() / rect.height(), 1.0) * 0.98, 1e-4)

    def zoom_fit(self) -> None:
        """Show the whole map with a small margin and no scroll bars (never enlarged
        beyond 100%)."""
        factor = self.fit_zoom()
        if factor is None:
            return
        rect = self.map_scene().content_rect()
        self.resetTransform()
        self.scale(factor, factor)
        self._update_scene_rect()
        self.centerOn(rect.center())
        self.zoomChanged.emit(self.zoom())

    def show_initial(self) -> None:
        """The view of a map just opened: the whole map when it is readable at fit
        (at least 50%), else 100% with the question centred near the top (never
        passing through the fitted view: on a big map that would draw its overview)."""
        scene = self.map_scene()
        if scene is None:
            return
        fit = self.fit_zoom()
        if fit is not None and fit >= FIT_READABLE - 1e-9:
            self.zoom_fit()
            return
        self.set_zoom(1.0)
        questions = [q.id for q in scene.map.questions() if scene.is_shown(q.id)]
        card = scene.card_rect_of(questions[0]) if questions else None
        content = scene.content_rect()
        x = card.center().x() if card is not None else content.center().x()
        top = card.top() if card is not None else content.top()
        self.centerOn(x, top - INITIAL_TOP + self.viewport().height() / 2 / self.zoom())

    def _full_viewport(self):
        """The viewport's size without scroll bars (what a fitted map may use)."""
        rect = self.viewport().rect()
        if self.verticalScrollBar().isVisible():
            rect.setWidth(rect.width() + self.verticalScrollBar().width())
        if self.horizontalScrollBar().isVisible():
            rect.setHeight(rect.height() + self.horizontalScrollBar().height())
        return rect

    def _min_zoom(self) -> float:
        scene = self.map_scene()
        if scene is None:
            return MIN_ZOOM
        rect = scene.content_rect()
        view = self.viewport().rect()
        fit = min(view.width() / max(rect.width(), 1.0), view.height() / max(rect.height(), 1.0))
        return max(1e-4, min(MIN_ZOOM, fit * 0.5))

    def uses_overview(self) -> bool:
        """Whether the view currently paints the cached overview instead of the items."""
        return self._overview() is not None

    def _overview(self):
        scene = self.map_scene()
        if scene is None or self.zoom() >= OVERVIEW_BELOW or scene.card_count() < OVERVIEW_MIN_CARDS:
            return None
        return scene.overview(self.zoom(), self.devicePixelRatioF())

    # --------------------------------------------------------------- painting
    def paintEvent(self, event) -> None:
        overview = self._overview()
        if overview is None:
            scene = self.map_scene()
            sheet = self._materialise()
            if scene is not None:
                if sheet != self._sheet:  # tiles' cached pictures were made in the other mode
                    self._sheet = sheet
                    scene.index.repaint_tiles()
                scene.index.prepare_paint(sheet)
            super().paintEvent(event)
            if scene is not None:
                scene.rs.sheet = False
            return
        image, rect = overview
        scene = self.map_scene()
        painter = QPainter(self.viewport())
        painter.fillRect(event.rect(), QColor(scene.rs.background))
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
        painter.setTransform(self.viewportTransform())
        painter.drawImage(rect, image)
        self._paint_marks(painter, scene)
        painter.resetTransform()
        if self.rubberBandRect().isValid():
            color = QColor(scene.rs.theme.selection)
            painter.setPen(QPen(color, 1.0))
            color.setAlpha(40)
            painter.setBrush(color)
            painter.drawRect(self.rubberBandRect())
        painter.end()

    def _paint_marks(self, painter: QPainter, scene: MapScene) -> None:
        """Selection and find highlights drawn over the overview picture."""
        rs = scene.rs
        for ids, pen_color in ((scene.highlighted_ids(), rs.theme.highlight), (scene.selected_ids(), rs.theme.selection)):
            pen = QPen(QColor(pen_color), 3.0)
            pen.setCosmetic(True)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            for id_ in ids:
                rect = scene.card_rect_of(id_)
                if rect is not None and scene.is_shown(id_):
                    painter.drawRect(rect)

    def _materialise(self) -> bool:
        """Have the scene create the items of the visible area (and a little around);
        True when that area is so large that one sheet draws the arrows."""
        scene = self.map_scene()
        if scene is None or self._overview() is not None:
            return False
        m = MATERIALISE_AROUND / max(self.zoom(), 1e-4)
        rect = self.mapToScene(self.viewport().rect()).boundingRect()
        sheet = scene.index.paints_many_cells(rect)
        scene.index.materialise(rect.adjusted(-m, -m, m, m), arrows=not sheet)
        return sheet

    def _on_rubber_band(self, rect, _from, _to) -> None:
        scene = self.map_scene()
        if scene is not None and not rect.isNull():
            scene.index.materialise_links(self.mapToScene(rect).boundingRect())

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        super().scrollContentsBy(dx, dy)
        self._materialise()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._update_scene_rect()

    def _on_overview_changed(self) -> None:
        self._update_scene_rect()
        if self.zoom() < OVERVIEW_BELOW:
            self.viewport().update()

    def _update_scene_rect(self) -> None:
        """The scrollable area: the map, plus room to scroll past its edges in each
        direction where it does not fit in the view (so a fitted map has no scroll bars)."""
        scene = self.map_scene()
        if scene is None:
            return
        content = scene.content_rect()
        view = self._full_viewport()
        z = max(self.zoom(), 1e-6)
        mx = SCROLL_MARGIN if content.width() * z > view.width() + 0.5 else 0.0
        my = SCROLL_MARGIN if content.height() * z > view.height() + 0.5 else 0.0
        rect = content.adjusted(-mx, -my, mx, my)
        if rect != self.sceneRect():
            center = self.mapToScene(self.viewport().rect().center())
            self.setSceneRect(rect)
            self.centerOn(center)

    def drawForeground(self, painter: QPainter, rect: QRectF) -> None:
        return

    # ------------------------------------------------------------------ input
    def wheelEvent(self, event) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120.0
            if steps:
                self.set_zoom(self.zoom() * ZOOM_STEP**steps, self.mapToScene(event.position().toPoint()))
            event.accept()
            return
        super().wheelEvent(event)

    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.MiddleButton or (self._space and event.button() == Qt.MouseButton.LeftButton):
            self._pan_from = event.position()
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event) -> None:
        if self._pan_from is not None:
            delta = event.position() - self._pan_from
            self._pan_from = event.position()
            self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() - int(delta.x()))
            self.verticalScrollBar().setValue(self.verticalScrollBar().value() - int(delta.y()))
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event) -> None:
        if self._pan_from is not None:
            self._pan_from = None
            self.viewport().setCursor(Qt.CursorShape.OpenHandCursor if self._space else Qt.CursorShape.ArrowCursor)
            event.accept()
            return
        super().mouseReleaseEvent(event)
        event.accept()  # the canvas consumed it (a rubber band ends on empty canvas)

    def keyPressEvent(self, event) -> None:
        scene = self.map_scene()
        editing = scene is not None and scene.editing_id() is not None
        if editing:
            super().keyPressEvent(event)
            return
        key = event.key()
        if key == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space = True
            self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
            event.accept()
            return
        if event.matches(QKeySequence.StandardKey.ZoomIn) or (key == Qt.Key.Key_Equal and event.modifiers() & Qt.KeyboardModifier.ControlModifier):
            self.zoom_in()
            return
        if event.matches(QKeySequence.StandardKey.ZoomOut):
            self.zoom_out()
            return
        if key == Qt.Key.Key_0 and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom_reset()
            return
        if scene is not None and key in (Qt.Key.Key_F2, Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
            cards = [i for i in scene.selected_ids() if scene.map.is_statement(i)]
            if len(cards) == 1:
                self.start_editing(cards[0])
                return
        arrows = {Qt.Key.Key_Up: "up", Qt.Key.Key_Down: "down", Qt.Key.Key_Left: "left", Qt.Key.Key_Right: "right"}
        if key in arrows and not event.modifiers():
            self.navigate(arrows[key])
            return
        super().keyPressEvent(event)

    def leaveEvent(self, event) -> None:
        scene = self.map_scene()
        if scene is not None:
            scene.gestures.set_hover_card(None)
        super().leaveEvent(event)

    def keyReleaseEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space = False
            self._pan_from = None
            self.viewport().setCursor(Qt.CursorShape.ArrowCursor)
            event.accept()
            return
        super().keyReleaseEvent(event)

    def start_editing(self, id_: str) -> bool:
        """Edit a card's text in place (focuses the canvas and shows the card)."""
        scene = self.map_scene()
        if scene is None:
            return False
        item = scene.item_for(id_)
        if item is None:
            return False
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        self.ensureVisible(item.sceneBoundingRect(), 40, 40)
        return scene.start_editing(id_)

    # ------------------------------------------------------------- navigation
    def navigate(self, direction: str) -> str | None:
        """Move the selection to a connected card: "up" = the card it argues about,
        "down" = its first child, "left"/"right" = previous/next sibling. Returns the
        newly selected id (None if there is nowhere to go)."""
        scene = self.map_scene()
        if scene is None:
            return None
        amap = scene.map
        cards = [i for i in scene.selected_ids() if amap.is_statement(i)]
        if not cards:
            first = self._first_card(scene)
            return self._go(scene, first)
        current = cards[0]
        if direction == "up":
            return self._go(scene, self._parent_of(amap, current))
        if direction == "down":
            kids = [s.id for s in amap.children(current) if scene.is_shown(s.id)]
            return self._go(scene, kids[0] if kids else None)
        if direction in ("left", "right"):
            parent = self._parent_of(amap, current)
            if parent is None:
                siblings = [s.id for s in amap.questions()] or [current]
            else:
                siblings = [s.id for s in amap.children(parent)]
            siblings = [s for s in siblings if scene.is_shown(s)]
            if current not in siblings:
                return None
            i = siblings.index(current) + (1 if direction == "right" else -1)
            return self._go(scene, siblings[i] if 0 <= i < len(siblings) else None)
        raise ValueError(f"unknown direction {direction!r}; use up, down, left or right")

    @staticmethod
    def _parent_of(amap, sid: str) -> str | None:
        s = amap.statement(sid)
        if s.kind is StatementKind.POSITION and s.answers:
            return s.answers
        for link in amap.links_from(sid):
            target = link.target
            while amap.is_link(target):
                target = amap.link(target).target
            return target
        return None

    @staticmethod
    def _first_card(scene: MapScene) -> str | None:
        questions = scene.map.questions()
        if questions:
            return questions[0].id
        statements = scene.map.statements()
        return statements[0].id if statements else None

    def _go(self, scene: MapScene, sid: str | None) -> str | None:
        if sid is None:
            return None
        scene.select_ids([sid])
        item = scene.item_for(sid)
        if item is not None:
            self.ensureVisible(item.sceneBoundingRect(), 60, 60)
        return sid
