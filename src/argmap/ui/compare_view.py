"""The comparison window: a student's map with an overlay (matched cards marked,
misattached and wrong-arrow links marked, missing model cards as ghost cards where they
would go, extras outlined) and the findings list, which selects what each finding names.
With several students a chooser switches between them. The map is shown read-only."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QFont, QPainterPath, QPen
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsRectItem,
    QGraphicsSimpleTextItem,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from argmap.compare import RUBRIC_LABELS, Comparison, Rubric, compare_maps
from argmap.compare.classroom import ClassResult
from argmap.compare.matching import relations
from argmap.compare.report import write_class_report, write_feedback
from argmap.formats import FileFormatError
from argmap.formats.project import load_project, save_project
from argmap.model.types import replace
from argmap.ui.canvas.scene import MapScene
from argmap.ui.canvas.view import MapView

MATCHED = QColor("#2e7d32")
MISATTACHED = QColor("#8e24aa")  # not orange: attack arrows are drawn orange
WRONG_POLARITY = QColor("#c62828")
EXTRA = QColor("#1565c0")
GHOST = QColor("#757575")
OVERLAY_Z = 1000.0
GHOST_W, GHOST_H, GHOST_GAP = 220.0, 64.0, 16.0
#: Role of a findings-list row's target: ("card", student id) or ("ghost", model id).
TARGET_ROLE = Qt.ItemDataRole.UserRole + 1


def _tr(text: str) -> str:
    return QCoreApplication.translate("compare_view", text)


class GhostCard(QGraphicsRectItem):
    """A model statement the student's map lacks, drawn where it would go."""

    def __init__(self, model_id: str, text: str, rect: QRectF) -> None:
        super().__init__(rect)
        self.model_id = model_id
        pen = QPen(GHOST, 2, Qt.PenStyle.DashLine)
        self.setPen(pen)
        self.setBrush(QBrush(QColor(245, 245, 245, 220)))
        self.setZValue(OVERLAY_Z)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, True)
        label = QGraphicsSimpleTextItem(_tr("Missing:") + "\n" + _elide(text, 30), self)
        font = QFont()
        font.setItalic(True)
        label.setFont(font)
        label.setBrush(QBrush(GHOST))
        label.setPos(rect.left() + 8, rect.top() + 8)

    def paint(self, painter, option, widget=None) -> None:  # type: ignore[no-untyped-def]
        if self.isSelected():
            self.setPen(QPen(GHOST.darker(160), 3, Qt.PenStyle.DashLine))
        else:
            self.setPen(QPen(GHOST, 2, Qt.PenStyle.DashLine))
        super().paint(painter, option, widget)


def _elide(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


class Overlay:
    """The overlay items of one comparison on a scene (added on build, removed on clear)."""

    def __init__(self, scene: MapScene, comparison: Comparison) -> None:
        self.scene = scene
        self.c = comparison
        self.items: list[QGraphicsItem] = []
        self.marks: dict[str, QGraphicsItem] = {}  # student id -> outline
        self.arrows: dict[str, QGraphicsItem] = {}  # student id -> marked arrow
        self.ghosts: dict[str, GhostCard] = {}  # model id -> ghost card
        self._build()

    def clear(self) -> None:
        for item in self.items:
            if item.scene() is self.scene:
                self.scene.removeItem(item)
        self.items.clear()

    def _add(self, item: QGraphicsItem) -> QGraphicsItem:
        item.setZValue(OVERLAY_Z)
        self.scene.addItem(item)
        self.items.append(item)
        return item

    def _outline(self, sid: str, color: QColor, style: Qt.PenStyle, width: float = 3.0) -> None:
        rect = self.scene.card_rect_of(sid)
        if rect is None:
            return
        path = QPainterPath()
        path.addRoundedRect(rect.adjusted(-5, -5, 5, 5), 10, 10)
        item = QGraphicsPathItem(path)
        item.setPen(QPen(color, width, style))
        item.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.marks[sid] = self._add(item)

    def _line(self, a: QRectF, b: QRectF, color: QColor) -> QGraphicsPathItem:
        path = QPainterPath(QPointF(a.center().x(), a.top()))
        end = QPointF(b.center().x(), b.bottom())
        path.lineTo(end)
        item = QGraphicsPathItem(path)
        item.setPen(QPen(color, 5, Qt.PenStyle.DashLine, Qt.PenCapStyle.RoundCap))
        item.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self._add(item)
        return item

    def _build(self) -> None:
        c = self.c
        flagged = {f.student: f.kind for f in c.findings if f.student and f.kind in ("misattached", "wrong_polarity")}
        for m in c.matched:
            kind = flagged.get(m.student)
            color = MATCHED if kind is None else MISATTACHED if kind == "misattached" else WRONG_POLARITY
            self._outline(m.student, color, Qt.PenStyle.SolidLine)
        for sid in c.extra:
            self._outline(sid, EXTRA, Qt.PenStyle.DotLine)
        s_rel = relations(c.student)
        for sid, kind in flagged.items():
            here = self.scene.card_rect_of(sid)
            if here is None:
                continue
            color = MISATTACHED if kind == "misattached" else WRONG_POLARITY
            for r in s_rel.get(sid, []):
                for anchor in sorted(r.anchors):
                    there = self.scene.card_rect_of(anchor)
                    if there is not None:
                        self.arrows[sid] = self._line(here, there, color)
                        break
        self._ghosts()

    def _ghosts(self) -> None:
        """Each missing model card under the student's card that matches its model
        parent (stacked), else in a column to the right of the map."""
        c = self.c
        m_rel = relations(c.model)
        content = QRectF()
        for s in c.student.statements():
            rect = self.scene.card_rect_of(s.id)
            if rect is not None:
                content = content.united(rect)
        loose = 0
        rects: dict[str, QRectF] = {}  # where each placed ghost is
        todo = list(c.missing)
        forced: set[str] = set()  # placed freely (missing parents in a circle)
        taken = [r for r in (self.scene.card_rect_of(s.id) for s in c.student.statements()) if r is not None]
        while todo:
            waiting = []
            for mid in todo:
                parent = None if mid in forced else self._parent_rect(mid, m_rel, rects)
                if parent is _WAIT:
                    waiting.append(mid)
                    continue
                if parent is not None:
                    anchor_rect = parent[1]
                    rect = self._free(QRectF(anchor_rect.left(), anchor_rect.bottom() + 40, GHOST_W, GHOST_H), taken)
                else:
                    left = content.right() + 80 if not content.isNull() else 0.0
                    top = content.top() if not content.isNull() else 0.0
                    rect = self._free(QRectF(left, top + loose * (GHOST_H + GHOST_GAP), GHOST_W, GHOST_H), taken)
                    loose += 1
                rects[mid] = rect
                taken.append(rect)
                ghost = GhostCard(mid, c.model.statement(mid).label(60), rect)
                self._add(ghost)
                self.ghosts[mid] = ghost
                if parent is not None:
                    line = self._line(rect, parent[1], GHOST)
                    line.setPen(QPen(GHOST, 2, Qt.PenStyle.DashLine))
            if waiting and len(waiting) == len(todo):  # missing parents in a circle
                forced.add(waiting[0])
            todo = waiting

    @staticmethod
    def _free(rect: QRectF, taken: list[QRectF]) -> QRectF:
        """``rect`` moved right (then down) until it overlaps no card and no ghost."""
        for _ in range(400):
            grown = rect.adjusted(-GHOST_GAP, -GHOST_GAP, GHOST_GAP, GHOST_GAP)
            hit = next((t for t in taken if t.intersects(grown)), None)
            if hit is None:
                return rect
            rect.moveLeft(hit.right() + GHOST_GAP + 1)
        return rect

    def _parent_rect(self, mid: str, m_rel, rects: dict[str, QRectF]):  # type: ignore[no-untyped-def]
        """(key, rect) of where a missing card hangs: the student's card matching its
        model parent, or the ghost of a missing parent; None for a free card; ``_WAIT``
        while its missing parent has no ghost yet."""
        c = self.c
        for r in m_rel[mid]:
            for a in sorted(r.anchors):
                sid = c.student_of(a)
                if sid is not None:
                    rect = self.scene.card_rect_of(sid)
                    if rect is not None:
                        return sid, rect
                if a in c.missing:
                    if a not in rects:
                        return _WAIT
                    return f"ghost:{a}", rects[a]
        return None


_WAIT = object()


class RubricDialog(QDialog):
    """The rubric's weights, each with what it means."""

    def __init__(self, rubric: Rubric, can_save: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rubric_dialog")
        self.setWindowTitle(_tr("Rubric"))
        form = QFormLayout(self)
        form.addRow(QLabel(_tr("Points per statement of the model answer, and costs:")))
        self.boxes: dict[str, QDoubleSpinBox] = {}
        for key, value in rubric.to_dict().items():
            box = QDoubleSpinBox(self)
            box.setObjectName(f"rubric_{key}")
            box.setRange(0.0, 1000.0)
            box.setSingleStep(0.25)
            box.setDecimals(2)
            box.setValue(value)
            box.setToolTip(RUBRIC_LABELS[key])
            self.boxes[key] = box
            form.addRow(f"{key} \u2014 {RUBRIC_LABELS[key]}", box)
        self.save_check = QCheckBox(_tr("Save the rubric in the model answer"), self)
        self.save_check.setEnabled(can_save)
        form.addRow(self.save_check)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def rubric(self) -> Rubric:
        return Rubric(**{key: box.value() for key, box in self.boxes.items()})


class CompareWindow(QWidget):
    """One or more students' comparisons with the model answer."""

    def __init__(self, result: ClassResult, parent: QWidget | None = None, model_path: str = "") -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("compare_window")
        self.result = result
        self.model_path = model_path
        self.setWindowTitle(_tr("Comparison with the model answer"))
        self.resize(1300, 820)
        self.scene: MapScene | None = None
        self.overlay: Overlay | None = None
        self.view = MapView()
        self.view.setObjectName("compare_view")
        self.students = QComboBox()
        self.students.setObjectName("compare_students")
        for s in result.students:
            self.students.addItem(f"{s.author} \u2014 {s.comparison.score}/100")
        self.students.currentIndexChanged.connect(self.show_student)
        self.score = QLabel()
        self.findings = QListWidget()
        self.findings.setObjectName("compare_findings")
        self.findings.setWordWrap(True)
        self.findings.currentItemChanged.connect(self._on_finding)
        save = QPushButton(_tr("Save Report\u2026"))
        save.setObjectName("compare_save")
        save.clicked.connect(self.save_report)
        rubric = QPushButton(_tr("Rubric\u2026"))
        rubric.setObjectName("compare_rubric")
        rubric.clicked.connect(self.edit_rubric)
        legend = QLabel(
            _tr("Green: matches the model answer. Purple: attached to another statement. Red: wrong kind of arrow. "
                "Blue dotted: not in the model answer. Grey dashed: missing.")
        )
        legend.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(QLabel(_tr("Student:")))
        top.addWidget(self.students, 1)
        top.addWidget(self.score)
        top.addWidget(rubric)
        top.addWidget(save)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(QLabel(_tr("Findings (select one to see it on the map):")))
        side_layout.addWidget(self.findings, 1)
        side_layout.addWidget(legend)
        split = QSplitter()
        split.addWidget(self.view)
        split.addWidget(side)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        if result.students:
            self.show_student(0)

    @property
    def comparison(self) -> Comparison | None:
        i = self.students.currentIndex()
        return self.result.students[i].comparison if 0 <= i < len(self.result.students) else None

    def show_student(self, index: int) -> None:
        if not 0 <= index < len(self.result.students):
            return
        entry = self.result.students[index]
        c = entry.comparison
        if self.overlay is not None:
            self.overlay.clear()
        if self.scene is not None:
            self.scene.detach()
        self.scene = MapScene(c.student.copy())
        self.view.setScene(self.scene)
        self.overlay = Overlay(self.scene, c)
        self.score.setText(_tr("Score: {0}/100").format(c.score))
        self.findings.clear()
        for f in c.findings:
            row = QListWidgetItem(f.message)
            if f.kind == "missing":
                row.setData(TARGET_ROLE, ("ghost", f.model))
                row.setForeground(GHOST)
            else:
                row.setData(TARGET_ROLE, ("card", f.student))
                color = {"misattached": MISATTACHED, "wrong_polarity": WRONG_POLARITY, "extra": EXTRA}.get(f.kind)
                if color is not None:
                    row.setForeground(color)
            row.setToolTip(f.kind)
            self.findings.addItem(row)
        if self.isVisible():
            self.fit()

    def fit(self) -> None:
        """The whole map when it is readable so, else a zoom where the marks and card
        titles still read, centred on the map."""
        fit = self.view.fit_zoom()
        if fit is None or self.scene is None:
            return
        self.view.set_zoom(max(fit, 0.55))
        self.view.centerOn(self.scene.itemsBoundingRect().center())

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().showEvent(event)
        QTimer.singleShot(0, self.fit)  # once the view has its size

    def _on_finding(self, current: QListWidgetItem | None, _previous=None) -> None:  # type: ignore[no-untyped-def]
        if current is None or self.scene is None or self.overlay is None:
            return
        what, ident = current.data(TARGET_ROLE)
        self.scene.clearSelection()
        if what == "ghost":
            ghost = self.overlay.ghosts.get(ident)
            if ghost is not None:
                ghost.setSelected(True)
                self.view.centerOn(ghost)
        elif ident:
            self.scene.select_ids([ident])
            rect = self.scene.card_rect_of(ident)
            if rect is not None:
                self.view.centerOn(rect.center())

    def selected_targets(self) -> list[str]:
        """What is selected on the map: statement ids and ``ghost:<model id>``."""
        if self.scene is None:
            return []
        out = list(self.scene.selected_ids())
        out += [f"ghost:{i.model_id}" for i in self.scene.selectedItems() if isinstance(i, GhostCard)]
        return out

    def set_rubric(self, rubric: Rubric) -> None:
        """Score every student again with ``rubric`` (the findings do not change)."""
        self.result.rubric = rubric
        for entry in self.result.students:
            c = entry.comparison
            entry.comparison = compare_maps(c.model, c.student, rubric, student_dir=entry.file.resolve().parent)
        index = self.students.currentIndex()
        self.students.blockSignals(True)
        for i, entry in enumerate(self.result.students):
            self.students.setItemText(i, f"{entry.author} \u2014 {entry.comparison.score}/100")
        self.students.blockSignals(False)
        self.show_student(index)

    def edit_rubric(self) -> None:
        dialog = RubricDialog(self.result.rubric, bool(self.model_path), self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        rubric = dialog.rubric()
        self.set_rubric(rubric)
        if dialog.save_check.isChecked() and self.model_path:
            self.save_rubric(rubric)

    def save_rubric(self, rubric: Rubric) -> bool:
        """Store ``rubric`` in the model answer's file (the rest of the file unchanged)."""
        try:
            project = load_project(self.model_path)
            project.map.set_meta(replace(project.map.meta, rubric=rubric.as_meta()))
            save_project(self.model_path, project.map, project.view)
        except FileFormatError as exc:
            QMessageBox.warning(self, _tr("Rubric"), str(exc))
            return False
        return True

    def save_report(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, _tr("Save Report"), "class.html" if len(self.result.students) > 1 else "feedback.html",
                                              _tr("Web page (*.html);;Markdown (*.md)"))
        if not path:
            return
        try:
            if len(self.result.students) > 1:
                write_class_report(self.result, path)
            else:
                s = self.result.students[0]
                write_feedback(s.comparison, s.author, path)
        except (FileFormatError, OSError) as exc:
            QMessageBox.warning(self, _tr("Save Report"), str(exc))

    def closeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        if self.scene is not None:
            self.scene.detach()
        super().closeEvent(event)
