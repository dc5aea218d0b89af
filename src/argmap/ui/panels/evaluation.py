"""The Evaluation dock: the verdict on the selected position (or the label of a statement)
and why, the choice of semantics (weighed by default), what-if switches for statements
and links (assumptions are marked and never saved), what would it take (searched a
slice at a time: ``evaluation_takes``), and a legend."""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDockWidget,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from pathlib import Path

from argmap.model import ArgumentMap, Rating, StatementKind, Strength
from argmap.reasoning import (
    Label,
    LabelChange,
    Labeller,
    Labelling,
    TooComplexError,
    Weights,
    explain,
    preferred,
    propagate_ratings,
    ratings_note,
    summary,
    verdict,
    verdict_badges,
    weigh,
    weighed,
    weighed_preferred,
    what_if,
)
from argmap.reasoning.verdicts import UNSUPPORTED_BADGE
from argmap.ui.document import Document
from argmap.ui.panels.checks import dock_is_showing
from argmap.ui.panels.badges import badge_pixmap
from argmap.ui.panels.evaluation_takes import TakesBox
from argmap.ui.styles import THEMES

#: Milliseconds of quiet after an edit before labels are recomputed.
DEBOUNCE_MS = 150
#: The list of labels a what-if changes scrolls beyond this many rows.
MAX_CHANGE_ROWS = 8
#: Badge text for a what-if assumption (the theme draws unknown labels in a neutral colour).
ASSUMED_BADGE = {Rating.ACCEPTED: "IF IN", Rating.REJECTED: "IF OUT"}


class EvaluationPanel(QDockWidget):
    """Labels of the open map, refreshed ``DEBOUNCE_MS`` after the last edit.

    The window connects ``badgesChanged`` to ``MapScene.set_badges`` (when badges are
    shown), calls ``show_ids`` when the selection changes, and selects the statement
    given by ``statementActivated`` (a click in the list of what-if changes).
    """

    badgesChanged = Signal(object)  # dict[str, str]: statement id -> badge text
    statementActivated = Signal(str)

    def __init__(self, document: Document | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Evaluation"))
        self.setObjectName("evaluationDock")
        self._document: Document | None = None
        self._unsubscribe: Callable[[], None] | None = None  # from the map's change records
        self._labeller: Labeller | None = None
        self._id: str | None = None
        self._assumptions: dict[str, Rating] = {}
        self._link_assumptions: dict[str, Strength] = {}
        self._weights: Weights | None = None
        self._labelling: Labelling | None = None
        self._changes: tuple[LabelChange, ...] = ()
        self._extensions: list[Labelling] = []
        self._problem = ""
        self._badges: dict[str, str] = {}
        #: Suggested ratings computed so far (a subtree is computed whole and kept until
        #: the next edit, so moving the selection within it costs nothing).
        self._ratings: dict = {}
        self._lazy = False
        self._view_stale = False
        self.visibilityChanged.connect(self._on_visibility_changed)
        self._theme = "default"
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.refresh_now)
        self._build()
        self.set_document(document)

    # ------------------------------------------------------------------- building
    def _build(self) -> None:
        body = QWidget()
        layout = QVBoxLayout(body)
        form = self.form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.semantics_box = QComboBox()
        self.semantics_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.semantics_box.setMinimumContentsLength(12)
        self.semantics_box.addItem(self.tr("Weighed (default)"), "weighed")
        self.semantics_box.addItem(self.tr("Weighed, each consistent side"), "weighed-preferred")
        self.semantics_box.addItem(self.tr("Grounded (every attack counts)"), "grounded")
        self.semantics_box.addItem(self.tr("Preferred (every attack counts, each side)"), "preferred")
        self.semantics_box.setToolTip(
            self.tr(
                "Weighed: an attack counts only if it is at least as strong as what it attacks (see Help). "
                "Grounded: every attack counts; what stands whatever side you take. "
                "Preferred: one view per consistent side."
            )
        )
        self.semantics_box.currentIndexChanged.connect(self._on_semantics_changed)
        form.addRow(self.tr("Semantics:"), self.semantics_box)
        self.extension_box = QComboBox()
        self.extension_box.setToolTip(self.tr("Each preferred extension is one consistent side of the debate."))
        self.extension_box.currentIndexChanged.connect(self._on_extension_changed)
        form.addRow(self.tr("Point of view:"), self.extension_box)
        layout.addLayout(form)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        layout.addWidget(self.status_label)

        self.title_label = QLabel()
        self.title_label.setWordWrap(True)
        self.title_label.setTextFormat(Qt.TextFormat.PlainText)
        font = self.title_label.font()
        font.setBold(True)
        self.title_label.setFont(font)
        layout.addWidget(self.title_label)
        self.explanation_label = QLabel()
        self.explanation_label.setWordWrap(True)
        self.explanation_label.setTextFormat(Qt.TextFormat.PlainText)
        self.explanation_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.explanation_label)
        self.rating_label = QLabel()
        self.rating_label.setWordWrap(True)
        self.rating_label.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.rating_label)
        self.takes_box = TakesBox()
        self.takes_label = self.takes_box.label
        layout.addWidget(self.takes_box)

        box = QGroupBox(self.tr("What if\u2026"))
        wl = QVBoxLayout(box)
        row = QHBoxLayout()
        self.assume_group = QButtonGroup(self)
        self.as_is_button = QRadioButton(self.tr("As it is"))
        self.accept_button = QRadioButton(self.tr("Accepted"))
        self.reject_button = QRadioButton(self.tr("Rejected"))
        self.accept_button.setToolTip(self.tr("Assume the selected statement holds and see which labels change"))
        self.reject_button.setToolTip(self.tr("Assume the selected statement fails and see which labels change"))
        row.addWidget(QLabel(self.tr("Assume:")))
        for i, b in enumerate((self.as_is_button, self.accept_button, self.reject_button)):
            self.assume_group.addButton(b, i)
            row.addWidget(b)
        row.addStretch(1)
        self.assume_group.idClicked.connect(self._on_assume_clicked)
        wl.addLayout(row)
        link_row = QHBoxLayout()
        self.link_group = QButtonGroup(self)
        self.link_as_is_button = QRadioButton(self.tr("As rated"))
        self.link_strong_button = QRadioButton(self.tr("Strong"))
        self.link_weak_button = QRadioButton(self.tr("Weak"))
        self.link_strong_button.setToolTip(self.tr("Weighed: what if the selected link were rated strong"))
        self.link_weak_button.setToolTip(self.tr("Weighed: what if the selected link were rated weak"))
        link_row.addWidget(QLabel(self.tr("Link:")))
        for i, b in enumerate((self.link_as_is_button, self.link_strong_button, self.link_weak_button)):
            self.link_group.addButton(b, i)
            link_row.addWidget(b)
        link_row.addStretch(1)
        self.link_group.idClicked.connect(self._on_link_assume_clicked)
        wl.addLayout(link_row)
        self.assumptions_label = QLabel()
        self.assumptions_label.setWordWrap(True)
        self.assumptions_label.setTextFormat(Qt.TextFormat.PlainText)
        wl.addWidget(self.assumptions_label)
        self.changes_list = QListWidget()
        self.changes_list.itemActivated.connect(self._on_change_activated)
        self.changes_list.itemClicked.connect(self._on_change_activated)
        wl.addWidget(self.changes_list)
        self.clear_button = QPushButton(self.tr("Clear all assumptions"))
        self.clear_button.clicked.connect(self.clear_assumptions)
        wl.addWidget(self.clear_button)
        layout.addWidget(box)

        self.legend_box = QGroupBox(self.tr("Legend"))
        self.legend_layout = QFormLayout(self.legend_box)
        layout.addWidget(self.legend_box)
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # text wraps instead
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(body)
        self.setWidget(scroll)
        self._build_legend()

    def _build_legend(self) -> None:
        while self.legend_layout.rowCount():
            self.legend_layout.removeRow(0)
        entries = [
            ("IN", self.tr("IN: stands; no attack on it succeeds (a position: a reason for it holds)")),
            (UNSUPPORTED_BADGE, self.tr("a position that stands, unsupported: unchallenged, but no reason for it holds")),
            ("OUT", self.tr("OUT: defeated by an attack that stands (weighed: one at least as strong)")),
            ("UND", self.tr("UNDECIDED: caught in an unresolved conflict")),
            (ASSUMED_BADGE[Rating.ACCEPTED], self.tr("your what-if assumption (not saved)")),
        ]
        for badge, text in entries:
            icon = QLabel()
            icon.setPixmap(badge_pixmap(badge, self._theme, self.devicePixelRatioF()))
            icon.setAccessibleName(badge)
            words = QLabel(text)
            words.setWordWrap(True)
            self.legend_layout.addRow(icon, words)
        note = QLabel(self.tr("Weighed: an attack defeats only if it is at least as strong as what it attacks; Help shows the order of strengths."))
        note.setWordWrap(True)
        self.legend_layout.addRow(note)

    # ----------------------------------------------------------------- connecting
    def set_document(self, document: Document | None, defer: bool = False) -> None:
        """Follow ``document`` (None: nothing open). Assumptions are dropped. With
        ``defer`` the labels are first worked out by ``refresh_now`` (the window calls it
        once the map is on screen: labelling a big map takes tenths of a second)."""
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        if self._labeller is not None:
            self._labeller.detach()
            self._labeller = None
        self._document = document
        self.takes_box.clear()
        self._assumptions.clear()
        self._id = None
        if document is not None:
            # ratings and texts may change what is shown without changing a label: every
            # change record schedules a refresh (the labeller's on_stale covers labels)
            self._unsubscribe = document.map.subscribe(self._on_record)
            if document.view.theme in THEMES:
                self.set_theme(document.view.theme)
        if defer and document is not None:
            self._timer.stop()
            self._labelling = None
            self._extensions = []
            self._update_badges()
            self._show_current()
        else:
            self.refresh_now()

    def is_pending(self) -> bool:
        """True while the labels shown are older than the map (or not worked out yet)."""
        return self._timer.isActive() or (self._document is not None and self._labeller is None)

    @property
    def document(self) -> Document | None:
        return self._document

    def set_theme(self, name: str) -> None:
        """Draw the legend badges in the canvas theme ``name``."""
        self._theme = name if name in THEMES else "default"
        self._build_legend()

    def set_lazy(self, lazy: bool) -> None:
        """Lazy: while the dock is hidden (closed or behind another tab) only the labels
        and badges are kept current; the explanation is written when it is shown."""
        self._lazy = bool(lazy)

    def _on_visibility_changed(self, visible: bool) -> None:
        if visible and self._view_stale:
            self._show_current()

    def show_ids(self, ids: list[str]) -> None:
        """Explain the first selected statement or link (none: a summary of the map)."""
        amap = self._map()
        self._id = next((i for i in ids if amap is not None and i in amap), None)
        if self._timer.isActive() and self._labeller is not None and not (self._lazy and not dock_is_showing(self)):
            self.refresh_now()  # the map changed since the last labelling (cheap: incremental)
        else:
            self._show_current()

    # ---------------------------------------------------------------------- state
    def labelling(self) -> Labelling | None:
        """The labels shown now (with any what-if assumptions applied)."""
        return self._labelling

    def badges(self) -> dict[str, str]:
        """Statement id -> badge text, as sent with ``badgesChanged``."""
        return dict(self._badges)

    def assumptions(self) -> dict[str, Rating]:
        return dict(self._assumptions)

    def assume(self, id_: str, rating: Rating | str | None) -> None:
        """Assume a statement accepted or rejected (None or "undecided": as it is)."""
        rating = Rating(rating) if rating is not None else Rating.UNDECIDED
        if rating is Rating.UNDECIDED:
            self._assumptions.pop(id_, None)
        else:
            self._assumptions[id_] = rating
        self.refresh_now()

    def clear_assumptions(self) -> None:
        self._assumptions.clear()
        self._link_assumptions.clear()
        self.refresh_now()

    def semantics(self) -> str:
        return self.semantics_box.currentData()

    def set_semantics(self, name: str) -> None:
        index = self.semantics_box.findData(name)
        if index < 0:
            raise ValueError(f"unknown semantics {name!r}")
        self.semantics_box.setCurrentIndex(index)

    # ------------------------------------------------------------------ computing
    def _map(self) -> ArgumentMap | None:
        return self._document.map if self._document is not None else None

    def _schedule(self) -> None:
        self._ratings = {}
        self._timer.start()

    def _on_record(self, _change: object) -> None:
        if shiboken6.isValid(self._timer):  # the dock may be gone before the map
            self._schedule()
            self.takes_box.map_changed()

    def refresh_now(self) -> None:
        """Recompute the labels now (normally run by the debounce timer)."""
        self._timer.stop()
        self._ratings = {}
        amap = self._map()
        self._problem = ""
        self._changes = ()
        self._weights = None
        if amap is not None and self._labeller is None:
            self._labeller = Labeller(amap)
            self._labeller.on_stale(self._schedule)
        if amap is None or self._labeller is None:
            self._labelling = None
            self._extensions = []
        else:
            for gone in [i for i in self._assumptions if not amap.is_statement(i)]:
                del self._assumptions[gone]
            for gone in [i for i in self._link_assumptions if not amap.is_link(i)]:
                del self._link_assumptions[gone]
            if self._id is not None and self._id not in amap:
                self._id = None
            semantics = self.semantics()
            weighing = semantics.startswith("weighed")
            if weighing:
                self._weights = weigh(amap, self._base_dir())
            if self._assumptions or (self._link_assumptions and weighing):
                if weighing:
                    base = weighed(amap, self._weights)
                    result = what_if(amap, self._assumptions, base, link_strengths=dict(self._link_assumptions) or None)
                else:
                    result = self._labeller.what_if(self._assumptions)
                self._labelling, self._changes = result.after, result.changes
                self._extensions = []
            elif semantics in ("preferred", "weighed-preferred"):
                try:
                    self._extensions = preferred(amap) if semantics == "preferred" else weighed_preferred(amap, self._weights)
                except TooComplexError as exc:
                    self._problem = str(exc)
                    self._extensions = []
                index = min(max(self.extension_box.currentIndex(), 0), max(len(self._extensions) - 1, 0))
                fallback = weighed(amap, self._weights) if weighing else self._labeller.labelling()
                self._labelling = self._extensions[index] if self._extensions else fallback
            elif weighing:
                self._extensions = []
                self._labelling = weighed(amap, self._weights, framework=self._labeller.framework)
            else:
                self._extensions = []
                self._labelling = self._labeller.labelling()
        self._fill_extensions()
        self._update_badges()
        self._show_current()

    def _base_dir(self) -> Path | None:
        """The folder of the open file, where quoted documents are looked for."""
        path = self._document.path if self._document is not None else ""
        return Path(path).resolve().parent if path else None

    def link_assumptions(self) -> dict[str, Strength]:
        return dict(self._link_assumptions)

    def assume_link(self, id_: str, strength: Strength | str | None) -> None:
        """Weighed what-if: assume a link rated strong or weak (None: as rated)."""
        if strength is None:
            self._link_assumptions.pop(id_, None)
        else:
            self._link_assumptions[id_] = Strength(strength)
        self.refresh_now()

    def _fill_extensions(self) -> None:
        box = self.extension_box
        keep = box.currentIndex()
        box.blockSignals(True)
        box.clear()
        n = len(self._extensions)
        for i in range(n):
            box.addItem(self.tr("%1 of %2").replace("%1", str(i + 1)).replace("%2", str(n)), i)
        if n:
            box.setCurrentIndex(min(max(keep, 0), n - 1))
        box.blockSignals(False)
        box.setEnabled(n > 1)
        what_if_on = bool(self._assumptions or self._link_assumptions)
        self.form.setRowVisible(box, self.semantics() in ("preferred", "weighed-preferred") and not what_if_on)
        self.semantics_box.setEnabled(not what_if_on)

    def _update_badges(self) -> None:
        amap = self._map()
        badges: dict[str, str] = {}
        if amap is not None and self._labelling is not None and self._labeller is not None:
            badges = verdict_badges(amap, self._labelling, self._labeller.framework.statements)
            for sid, rating in self._assumptions.items():
                badges[sid] = ASSUMED_BADGE[rating]
        if badges != self._badges:
            self._badges = badges
            self.badgesChanged.emit(dict(badges))

    # ------------------------------------------------------------------- showing
    def _show_current(self) -> None:
        if self._lazy and not dock_is_showing(self):
            self._view_stale = True  # shown when the dock is (labels and badges stay current)
            return
        self._view_stale = False
        amap, labelling = self._map(), self._labelling
        self._show_status()
        self._show_what_if()
        if amap is None or labelling is None:
            self.title_label.setText(self.tr("Working out the labels\u2026") if amap is not None else self.tr("No map open."))
            self.explanation_label.setText("")
            self.rating_label.setText("")
            self._show_takes(None)
            return
        if self._id is None or self._id not in labelling:
            counts = {lab: 0 for lab in Label}
            for s in amap.statements():
                label = labelling.get(s.id)
                if label is not None:
                    counts[label] += 1
            self.title_label.setText(self.tr("Whole map"))
            self.explanation_label.setText(
                summary(amap, labelling)
                + " "
                + self.tr("%1 IN, %2 OUT, %3 UNDECIDED. Select a statement to see why it has its label.")
                .replace("%1", str(counts[Label.IN]))
                .replace("%2", str(counts[Label.OUT]))
                .replace("%3", str(counts[Label.UNDECIDED]))
            )
            self.rating_label.setText("")
            self._show_takes(None)
            return
        label = labelling[self._id]
        if amap.is_statement(self._id):
            s = amap.statement(self._id)
            name = s.label()
            status = verdict(amap, self._id, labelling).value if s.kind is StatementKind.POSITION else label.value.upper()
        else:
            name = self.tr("Link %1").replace("%1", self._id)
            status = label.value.upper()
        self.title_label.setText(f"{name} \u2014 {status}")
        self.explanation_label.setText(explain(amap, self._id, labelling))
        self.rating_label.setText(self._rating_text(amap))
        self._show_takes(self._id)

    def _show_takes(self, id_: str | None) -> None:
        """What would it take for the selected statement to stand (when it does not)."""
        amap, labelling = self._map(), self._labelling
        show = (
            id_ is not None
            and amap is not None
            and labelling is not None
            and amap.is_statement(id_)
            and labelling.get(id_) is not Label.IN
            and labelling.semantics in ("weighed", "grounded")
        )
        self.takes_box.setVisible(bool(show))
        if not show:
            self.takes_box.clear()
            return
        assert amap is not None and id_ is not None and labelling is not None
        self.takes_box.show_for(amap, id_, labelling)  # "Working…" until found

    def _rating_text(self, amap: ArgumentMap) -> str:
        if self._id is None or not amap.is_statement(self._id):
            return ""
        if self._id not in self._ratings:
            self._ratings.update(propagate_ratings(amap, [self._id]))
        r = self._ratings.get(self._id)
        if r is None:
            return ""
        if self._labelling is None:
            return ""
        return ratings_note(amap, self._id, self._labelling, r)

    def _show_status(self) -> None:
        if self._problem:
            self.status_label.setText(self._problem)
        elif self._assumptions or self._link_assumptions:
            kind = self.tr("weighed") if self.semantics().startswith("weighed") else self.tr("grounded")
            self.status_label.setText(
                self.tr("What-if view (%1 semantics): labels assume what you set below.").replace("%1", kind)
            )
        else:
            self.status_label.setText("")
        self.status_label.setVisible(bool(self.status_label.text()))

    def _show_what_if(self) -> None:
        amap = self._map()
        is_statement = amap is not None and self._id is not None and amap.is_statement(self._id)
        for b in self.assume_group.buttons():
            b.setEnabled(is_statement)
        is_link = amap is not None and self._id is not None and amap.is_link(self._id)
        weighing = self.semantics().startswith("weighed")
        for b in self.link_group.buttons():
            b.setEnabled(is_link and weighing)
        link_now = self._link_assumptions.get(self._id or "")
        {Strength.STRONG: self.link_strong_button, Strength.WEAK: self.link_weak_button}.get(
            link_now, self.link_as_is_button
        ).setChecked(True)
        current = self._assumptions.get(self._id or "")
        button = {Rating.ACCEPTED: self.accept_button, Rating.REJECTED: self.reject_button}.get(current, self.as_is_button)
        button.setChecked(True)
        if amap is None or not (self._assumptions or self._link_assumptions):
            self.assumptions_label.setText(self.tr("No assumptions. Nothing here is ever saved in the map."))
        else:
            words = {Rating.ACCEPTED: self.tr("accepted"), Rating.REJECTED: self.tr("rejected")}
            parts = [f"'{amap.statement(i).label(40)}' {words[r]}" for i, r in sorted(self._assumptions.items())]
            link_words = {Strength.STRONG: self.tr("strong"), Strength.WEAK: self.tr("weak")}
            for lid, strength in sorted(self._link_assumptions.items()):
                by = amap.statement(amap.link(lid).premises[0]).label(40)
                parts.append(self.tr("the link from '%1' %2").replace("%1", by).replace("%2", link_words.get(strength, strength.value)))
            self.assumptions_label.setText(
                self.tr("Assuming (not saved): %1").replace("%1", "; ".join(parts))
            )
        self.clear_button.setEnabled(bool(self._assumptions or self._link_assumptions))
        self.changes_list.clear()
        if amap is None:
            return
        for change in self._changes:
            if not amap.is_statement(change.id):
                continue
            text = f"{amap.statement(change.id).label(50)}: {change.before.badge} \u2192 {change.after.badge}"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, change.id)
            self.changes_list.addItem(item)
        rows = self.changes_list.count()
        if rows:
            row_h = max(self.changes_list.sizeHintForRow(0), 1)
            frame = 2 * self.changes_list.frameWidth() + 2
            self.changes_list.setFixedHeight(min(MAX_CHANGE_ROWS * row_h, rows * row_h) + frame)
        self.changes_list.setVisible(rows > 0)

    # -------------------------------------------------------------------- slots
    def _on_semantics_changed(self, _index: int) -> None:
        self.refresh_now()

    def _on_extension_changed(self, index: int) -> None:
        if 0 <= index < len(self._extensions) and not self._assumptions:
            self._labelling = self._extensions[index]
            self._update_badges()
            self._show_current()

    def _on_assume_clicked(self, button_id: int) -> None:
        if self._id is None:
            return
        rating = {0: None, 1: Rating.ACCEPTED, 2: Rating.REJECTED}[button_id]
        self.assume(self._id, rating)

    def _on_link_assume_clicked(self, button_id: int) -> None:
        if self._id is None or self._map() is None or not self._map().is_link(self._id):
            return
        self.assume_link(self._id, {0: None, 1: Strength.STRONG, 2: Strength.WEAK}[button_id])

    def _on_change_activated(self, item: QListWidgetItem) -> None:
        self.statementActivated.emit(item.data(Qt.ItemDataRole.UserRole))
