"""The inspector dock: fields of the selected statement (with every source field for
evidence), of the selected link, or of the map; each field commit is one undo step."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from argmap.model import (
    ArgumentMap,
    Basis,
    Change,
    Edit,
    LinkChanged,
    LinkKind,
    LinkRemoved,
    MapError,
    MapReset,
    MetaChanged,
    Rating,
    SetMeta,
    Source,
    StatementChanged,
    StatementKind,
    StatementRemoved,
    Strength,
    change_link,
    change_statement,
)
from argmap.model.types import replace
from argmap.ui.counts import MapCounts, counts_text
from argmap.ui.icons import kind_icon, link_icon
from argmap.ui.styles import kind_name


class CommitTextEdit(QPlainTextEdit):
    """A multi-line field that commits when it loses focus or on Ctrl+Enter."""

    committed = Signal()

    def __init__(self, parent: QWidget | None = None, lines: int = 4) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setFixedHeight(self.fontMetrics().lineSpacing() * lines + 12)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.committed.emit()
        super().focusOutEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.committed.emit()
            return
        super().keyPressEvent(event)


def _form(page: QWidget) -> QFormLayout:
    """A form at the top of ``page`` (extra height goes below it, not between rows)."""
    outer = QVBoxLayout(page)
    form = QFormLayout()
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    outer.addLayout(form)
    outer.addStretch(1)
    return form


def _combo(parent: QWidget, items: list[tuple[str, object]]) -> QComboBox:
    box = QComboBox(parent)
    for text, data in items:
        box.addItem(text, data)
    return box


def _set_combo(box: QComboBox, data: object) -> None:
    box.blockSignals(True)
    i = box.findData(data)
    box.setCurrentIndex(i if i >= 0 else 0)
    box.blockSignals(False)


def _set_text(widget: QLineEdit | QPlainTextEdit, text: str) -> None:
    if isinstance(widget, QLineEdit):
        if widget.text() != text:
            widget.setText(text)
            widget.setCursorPosition(0)
    elif widget.toPlainText() != text:
        widget.setPlainText(text)


def _value(widget: QLineEdit | QPlainTextEdit) -> str:
    return widget.text() if isinstance(widget, QLineEdit) else widget.toPlainText()


class InspectorPanel(QScrollArea):
    """Shows what is selected; ``problem`` reports a refused edit as a sentence."""

    problem = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("inspectorPanel")
        self.setWidgetResizable(True)
        self._map: ArgumentMap | None = None
        self._apply: Callable[[Edit], None] | None = None
        self._unsubscribe: Callable[[], None] | None = None
        self._counts: MapCounts | None = None
        self._id: str | None = None
        self.stack = QStackedWidget()
        self.setWidget(self.stack)
        self._build_empty()
        self._build_statement()
        self._build_link()
        self._build_map()
        self.stack.setCurrentWidget(self.empty_page)

    # ------------------------------------------------------------------ building
    def _build_empty(self) -> None:
        self.empty_page = QWidget()
        lay = QVBoxLayout(self.empty_page)
        self.empty_label = QLabel(self.tr("Nothing selected."))
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignTop)
        lay.addWidget(self.empty_label)
        lay.addStretch(1)
        self.stack.addWidget(self.empty_page)

    def _build_statement(self) -> None:
        page = self.statement_page = QWidget()
        form = _form(page)
        self.kind = _combo(page, [(kind_name(k), k) for k in StatementKind])
        for i, k in enumerate(StatementKind):
            self.kind.setItemIcon(i, kind_icon(k))
        self.kind.activated.connect(lambda _i: self._commit_statement("kind", _enum(StatementKind, self.kind.currentData())))
        self.title = QLineEdit(page)
        self.title.setPlaceholderText(self.tr("Optional short name"))
        self.text = CommitTextEdit(page, 5)
        self.notes = CommitTextEdit(page, 3)
        self.tags = QLineEdit(page)
        self.tags.setPlaceholderText(self.tr("comma, separated"))
        self.rating = _combo(page, [(self.tr("Not rated"), None)] + [(self.tr(r.value.capitalize()), r) for r in Rating])
        self.rating.activated.connect(lambda _i: self._commit_statement("rating", _enum(Rating, self.rating.currentData())))
        self.title.editingFinished.connect(lambda: self._commit_statement("title", self.title.text()))
        self.text.committed.connect(lambda: self._commit_statement("text", self.text.toPlainText()))
        self.notes.committed.connect(lambda: self._commit_statement("notes", self.notes.toPlainText()))
        self.tags.editingFinished.connect(lambda: self._commit_statement("tags", _tags(self.tags.text())))
        form.addRow(self.tr("&Kind"), self.kind)
        form.addRow(self.tr("T&itle"), self.title)
        form.addRow(self.tr("&Text"), self.text)
        form.addRow(self.tr("&Notes"), self.notes)
        form.addRow(self.tr("Ta&gs"), self.tags)
        form.addRow(self.tr("&Rating"), self.rating)
        self.source_box = QGroupBox(self.tr("Source"), page)
        sform = QFormLayout(self.source_box)
        self.citation = QLineEdit()
        self.quotation = CommitTextEdit(None, 3)
        self.url = QLineEdit()
        self.locator = QLineEdit()
        self.locator.setPlaceholderText(self.tr("page, paragraph or section"))
        self.date = QLineEdit()
        self.date.setPlaceholderText(self.tr("e.g. 2024-05-01"))
        self.basis = _combo(self.source_box, [(self.tr("(unspecified)"), None)] + [(self.tr(b.value.replace("_", " ").capitalize()), b) for b in Basis])
        self.source_fields: dict[str, QLineEdit | QPlainTextEdit] = {
            "citation": self.citation, "quotation": self.quotation, "url": self.url, "locator": self.locator, "date": self.date,
        }
        for name, widget in self.source_fields.items():
            if isinstance(widget, QLineEdit):
                widget.editingFinished.connect(lambda n=name, w=widget: self._commit_source(n, w.text()))
            else:
                widget.committed.connect(lambda n=name, w=widget: self._commit_source(n, w.toPlainText()))
        self.basis.activated.connect(lambda _i: self._commit_source("basis", _enum(Basis, self.basis.currentData())))
        sform.addRow(self.tr("&Citation"), self.citation)
        sform.addRow(self.tr("&Quotation"), self.quotation)
        sform.addRow(self.tr("&URL"), self.url)
        sform.addRow(self.tr("&Locator"), self.locator)
        sform.addRow(self.tr("&Date"), self.date)
        sform.addRow(self.tr("&Basis"), self.basis)
        form.addRow(self.source_box)
        self.stack.addWidget(page)

    def _build_link(self) -> None:
        page = self.link_page = QWidget()
        form = _form(page)
        self.link_kind = _combo(page, [(self.tr("Supports"), LinkKind.SUPPORT), (self.tr("Attacks"), LinkKind.ATTACK)])
        self.link_kind.setItemIcon(0, link_icon(LinkKind.SUPPORT))
        self.link_kind.setItemIcon(1, link_icon(LinkKind.ATTACK))
        self.link_kind.activated.connect(lambda _i: self._commit_link("kind", _enum(LinkKind, self.link_kind.currentData())))
        self.strength = _combo(page, [(self.tr("Not rated"), None)] + [(self.tr(s.value.capitalize()), s) for s in Strength])
        self.strength.activated.connect(lambda _i: self._commit_link("strength", _enum(Strength, self.strength.currentData())))
        self.scheme = QLineEdit(page)
        self.scheme.setPlaceholderText(self.tr("e.g. argument from expert opinion"))
        self.scheme.editingFinished.connect(lambda: self._commit_link("scheme", self.scheme.text()))
        self.link_notes = CommitTextEdit(page, 3)
        self.link_notes.committed.connect(lambda: self._commit_link("notes", self.link_notes.toPlainText()))
        self.premises = QListWidget(page)
        self.premises.setMaximumHeight(110)
        self.remove_premise = QPushButton(self.tr("Remove premise"), page)
        self.remove_premise.clicked.connect(self._on_remove_premise)
        self.target = QComboBox(page)
        self.target.activated.connect(lambda _i: self._commit_link("target", self.target.currentData()))
        form.addRow(self.tr("&Kind"), self.link_kind)
        form.addRow(self.tr("&Target"), self.target)
        prem = QWidget(page)
        pl = QVBoxLayout(prem)
        pl.setContentsMargins(0, 0, 0, 0)
        pl.addWidget(self.premises)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.remove_premise)
        pl.addLayout(row)
        form.addRow(self.tr("&Premises"), prem)
        form.addRow(self.tr("&Strength"), self.strength)
        form.addRow(self.tr("Sc&heme"), self.scheme)
        form.addRow(self.tr("&Notes"), self.link_notes)
        self.stack.addWidget(page)

    def _build_map(self) -> None:
        page = self.map_page = QWidget()
        form = _form(page)
        self.map_title = QLineEdit(page)
        self.map_description = CommitTextEdit(page, 4)
        self.map_authors = QLineEdit(page)
        self.map_authors.setPlaceholderText(self.tr("comma, separated"))
        self.map_student_description = CommitTextEdit(page, 3)
        self.map_student_description.setObjectName("map_student_description")
        self.map_student_description.setPlaceholderText(self.tr("The task as students read it on worksheets (the description above stays the teacher's notes)"))
        self.map_student_description.committed.connect(
            lambda: self._commit_meta("student_description", self.map_student_description.toPlainText())
        )
        self.map_title.editingFinished.connect(lambda: self._commit_meta("title", self.map_title.text()))
        self.map_description.committed.connect(lambda: self._commit_meta("description", self.map_description.toPlainText()))
        self.map_authors.editingFinished.connect(lambda: self._commit_meta("authors", _tags(self.map_authors.text())))
        self.map_stats = QLabel(page)
        form.addRow(QLabel(self.tr("<b>Map</b> (select a card or an arrow to edit it)")))
        form.addRow(self.tr("T&itle"), self.map_title)
        form.addRow(self.tr("&Description"), self.map_description)
        form.addRow(self.tr("For &students"), self.map_student_description)
        form.addRow(self.tr("&Authors"), self.map_authors)
        form.addRow(self.map_stats)
        self.stack.addWidget(page)

    # -------------------------------------------------------------- connecting
    def set_map(self, amap: ArgumentMap | None, apply: Callable[[Edit], None] | None = None) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        if self._counts is not None:
            self._counts.detach()
            self._counts = None
        self._map = amap
        self._apply = apply
        self._id = None
        if amap is not None:
            self._counts = MapCounts(amap)  # subscribed first: counts are current in _on_change
            self._unsubscribe = amap.subscribe(self._on_change)
        self.show_ids([])

    def current_id(self) -> str | None:
        return self._id

    def show_ids(self, ids: list[str]) -> None:
        """Show the one selected item (several: a count; none: the map's fields)."""
        self.commit_pending()
        amap = self._map
        self._id = ids[0] if len(ids) == 1 and amap is not None and ids[0] in amap else None
        if amap is None:
            self.empty_label.setText(self.tr("No map open."))
            self.stack.setCurrentWidget(self.empty_page)
        elif len(ids) > 1:
            self.empty_label.setText(self.tr("%n items selected.", "", len(ids)))
            self.stack.setCurrentWidget(self.empty_page)
        elif self._id is None:
            self._load_map()
            self.stack.setCurrentWidget(self.map_page)
        elif amap.is_statement(self._id):
            self._load_statement()
            self.stack.setCurrentWidget(self.statement_page)
        else:
            self._load_link(fill_targets=True)
            self.stack.setCurrentWidget(self.link_page)

    def commit_pending(self) -> None:
        """Commit the field being edited (called before the selection changes)."""
        w = self.focusWidget()
        if isinstance(w, CommitTextEdit):
            w.committed.emit()
        elif isinstance(w, QLineEdit) and w.isModified():
            w.editingFinished.emit()

    def _on_change(self, change: Change) -> None:
        if isinstance(change, MapReset):
            self.show_ids([self._id] if self._id and self._map and self._id in self._map else [])
            return
        if isinstance(change, MetaChanged):
            if self.stack.currentWidget() is self.map_page:
                self._load_map()
            return
        if self._id is None:
            if self.stack.currentWidget() is self.map_page:
                self._load_map()
            return
        if isinstance(change, (StatementRemoved, LinkRemoved)):
            item = change.statement if isinstance(change, StatementRemoved) else change.link
            if item.id == self._id:
                self.show_ids([])
        elif isinstance(change, StatementChanged) and change.new.id == self._id:
            self._load_statement()
        elif isinstance(change, LinkChanged) and change.new.id == self._id:
            self._load_link(fill_targets=False)
        elif self._map is not None and self._map.is_link(self._id) and isinstance(change, StatementChanged):
            link = self._map.link(self._id)
            if change.new.id in link.premises or change.new.id == link.target:
                self._load_link(fill_targets=False)

    # ------------------------------------------------------------------ loading
    def _load_statement(self) -> None:
        assert self._map is not None and self._id is not None
        s = self._map.statement(self._id)
        _set_combo(self.kind, s.kind)
        _set_text(self.title, s.title)
        _set_text(self.text, s.text)
        _set_text(self.notes, s.notes)
        _set_text(self.tags, ", ".join(s.tags))
        _set_combo(self.rating, s.rating)
        src = s.source or Source()
        self.source_box.setVisible(s.kind is StatementKind.EVIDENCE or s.source is not None)
        for name, widget in self.source_fields.items():
            _set_text(widget, getattr(src, name))
        _set_combo(self.basis, src.basis)

    def _load_link(self, fill_targets: bool) -> None:
        assert self._map is not None and self._id is not None
        amap = self._map
        link = amap.link(self._id)
        _set_combo(self.link_kind, link.kind)
        _set_combo(self.strength, link.strength)
        _set_text(self.scheme, link.scheme)
        _set_text(self.link_notes, link.notes)
        self.premises.clear()
        for p in link.premises:
            s = amap.statement(p)
            item = QListWidgetItem(kind_icon(s.kind), s.label(80))
            item.setData(Qt.ItemDataRole.UserRole, p)
            self.premises.addItem(item)
        self.premises.setCurrentRow(0)
        self.remove_premise.setEnabled(len(link.premises) > 1)
        self.target.blockSignals(True)
        if fill_targets or self.target.findData(link.target) < 0:
            self.target.clear()
            for s in amap.statements():
                if s.id not in link.premises:
                    self.target.addItem(kind_icon(s.kind), s.label(70), s.id)
            for other in amap.links():
                if other.id != link.id and link.kind is LinkKind.ATTACK:
                    self.target.addItem(link_icon(other.kind), self.tr("Link: %1").replace("%1", amap.statement(other.premises[0]).label(50)), other.id)
        self.target.setCurrentIndex(max(0, self.target.findData(link.target)))
        self.target.blockSignals(False)

    def _load_map(self) -> None:
        if self._map is None:
            return
        meta = self._map.meta
        _set_text(self.map_title, meta.title)
        _set_text(self.map_description, meta.description)
        _set_text(self.map_student_description, meta.student_description)
        _set_text(self.map_authors, ", ".join(meta.authors))
        counts = self._counts or MapCounts(self._map)
        self.map_stats.setText(counts_text(counts.statements, counts.links, ", "))

    # ---------------------------------------------------------------- committing
    def _try(self, build: Callable[[], Edit]) -> None:
        if self._apply is None:
            return
        try:
            self._apply(build())
        except MapError as exc:
            self.problem.emit(str(exc))
            if self._id is not None and self._map is not None and self._id in self._map:
                self.show_ids([self._id])

    def _commit_statement(self, name: str, value: object) -> None:
        amap, id_ = self._map, self._id
        if amap is None or id_ is None or not amap.is_statement(id_):
            return
        s = amap.statement(id_)
        if getattr(s, name) == value:
            return
        if name == "text" and not str(value).strip():
            _set_text(self.text, s.text)
            return
        labels = {"text": "Edit text", "title": "Edit title", "notes": "Edit notes", "tags": "Edit tags", "rating": "Rate statement"}
        extra: dict[str, object] = {name: value}
        if name == "kind" and value is StatementKind.EVIDENCE and s.source is None:
            extra["source"] = Source()
        self._try(lambda: change_statement(amap, id_, labels.get(name, ""), **extra))

    def _commit_source(self, name: str, value: object) -> None:
        amap, id_ = self._map, self._id
        if amap is None or id_ is None or not amap.is_statement(id_):
            return
        s = amap.statement(id_)
        src = s.source or Source()
        if getattr(src, name) == value:
            return
        self._try(lambda: change_statement(amap, id_, "Edit source", source=replace(src, **{name: value})))

    def _commit_link(self, name: str, value: object) -> None:
        amap, id_ = self._map, self._id
        if amap is None or id_ is None or not amap.is_link(id_) or value is None and name == "target":
            return
        if getattr(amap.link(id_), name) == value:
            return
        labels = {"kind": "Change link kind", "target": "Reconnect link", "strength": "Rate link", "scheme": "Edit scheme", "notes": "Edit link notes"}
        self._try(lambda: change_link(amap, id_, labels.get(name, "Edit link"), **{name: value}))

    def _on_remove_premise(self) -> None:
        amap, id_ = self._map, self._id
        item = self.premises.currentItem()
        if amap is None or id_ is None or item is None or not amap.is_link(id_):
            return
        link = amap.link(id_)
        gone = item.data(Qt.ItemDataRole.UserRole)
        self._try(lambda: change_link(amap, id_, "Remove co-premise", premises=tuple(p for p in link.premises if p != gone)))

    def _commit_meta(self, name: str, value: object) -> None:
        amap = self._map
        if amap is None or getattr(amap.meta, name) == value:
            return
        self._try(lambda: SetMeta(amap.meta, replace(amap.meta, **{name: value})))


def _enum(cls, value: object):  # type: ignore[no-untyped-def]
    """Combo data comes back as plain strings (Qt stores a StrEnum as text)."""
    return None if value is None or value == "" else cls(value)


def _tags(text: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(t.strip() for t in text.split(",") if t.strip()))
