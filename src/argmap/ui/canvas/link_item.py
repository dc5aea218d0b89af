"""A link's item: what clicks, rubber bands and drops find and what holds the selection; the
arrow itself is painted by the arrow tiles (`arrow_layer`) from the link's `ArrowRec`."""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainter, QPainterPath, QPainterPathStroker
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from argmap.ui.canvas.records import ANSWER_PREFIX, ArrowRec, answer_link, rect_exit
from argmap.ui.canvas.render_state import RenderState

__all__ = ["ANSWER_PREFIX", "AnswerItem", "LinkItem", "Z_LINK", "Z_ON_LINK", "answer_link", "rect_exit"]

LINK_TYPE = QGraphicsItem.UserType + 2
Z_LINK = -2.0  # arrows below cards (cards keep the default z of 0)
Z_ON_LINK = -1.0  # undercuts above the arrows they attack
_FLAGS = QGraphicsItem.GraphicsItemFlag.ItemIsSelectable | QGraphicsItem.GraphicsItemFlag.ItemHasNoContents
HIT_WIDTH = 12.0


class LinkItem(QGraphicsItem):
    """An arrow's hit area and selection. Coordinates are scene coordinates (the item
    stays at the origin); the geometry is the record's."""

    def __init__(self, rec: ArrowRec, rs: RenderState, recs: dict) -> None:
        super().__init__()
        self.lid = rec.lid
        self.rec = rec
        self.rs = rs
        self._recs = recs
        self.setFlags(_FLAGS)
        self.setZValue(Z_ON_LINK if self.targets_link() else Z_LINK)
        self._bounds = self._rect()

    link = property(lambda self: self.rec.link)
    valid = property(lambda self: self.rec.valid)
    shown = property(lambda self: self.rec.shown)

    def type(self) -> int:
        return LINK_TYPE

    def targets_link(self) -> bool:
        return self.rec.targets_link(self._recs)

    # ----------------------------------------------------------------- geometry
    def anchor(self) -> tuple[float, float]:
        """The middle of the final shaft: where undercuts of this link point."""
        return self.rec.anchor

    def tip(self) -> tuple[float, float]:
        return self.rec.tip

    def junction(self) -> tuple[float, float] | None:
        return self.rec.junction

    def premise_lines(self) -> list[tuple[float, float, float, float]]:
        """Each premise's line: start on its card's border, end at the junction or tip."""
        return list(self.rec.segs)

    def _rect(self) -> QRectF:
        b = self.rec.bounds
        return QRectF() if b is None else QRectF(b[0], b[1], b[2] - b[0], b[3] - b[1])

    def geometry_changed(self) -> None:
        """The record's geometry changed (the scene calls this after recomputing it)."""
        rect = self._rect()
        if rect != self._bounds:
            self.prepareGeometryChange()
            self._bounds = rect

    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        if not self.rec.valid:
            return QPainterPath()
        path = QPainterPath()
        for x1, y1, x2, y2 in self.rec.lines():
            path.moveTo(x1, y1)
            path.lineTo(x2, y2)
        stroker = QPainterPathStroker()
        stroker.setWidth(HIT_WIDTH)
        return stroker.createStroke(path)

    def update(self, *args) -> None:  # noqa: D401 - the tiles paint the arrow
        """Repaint the arrow (its tiles)."""
        scene = self.scene()
        if scene is not None:
            scene.index.repaint(self.lid)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        return


class AnswerItem(LinkItem):
    """A position's connector to its question: drawn by the tiles, never hit or selected."""

    def __init__(self, rec: ArrowRec, rs: RenderState, recs: dict) -> None:
        super().__init__(rec, rs, recs)
        self.setFlags(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents)

    def shape(self) -> QPainterPath:
        return QPainterPath()
