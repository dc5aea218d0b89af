"""File > Export…: choose format, scope, theme and extras, see a preview of the result,
and export or copy it; the last choices are remembered in the settings."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSize, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from argmap.formats import EXTENSION, FileFormatError
from argmap.export.handout import handout_html, handout_markdown
from argmap.export.worksheet_parts import article_texts, numbered_sheet
from argmap.model import StatementKind
from argmap.ui.render import export as ex
from argmap.ui.render.export import ExportError, ExportOptions, ExportResult
from argmap.ui.settings import settings

PREVIEW_SIZE = QSize(560, 420)
SETTINGS_KEYS = ("format", "theme", "scale", "background", "paper", "legend", "sources", "show_title", "worksheet", "embed_map",
                 "labels", "key_on")


def _tr(text: str) -> str:
    return QCoreApplication.translate("ExportDialog", text)


def _format_names() -> list[tuple[str, str, str]]:
    return [
        ("png", _tr("PNG image"), _tr("PNG images (*.png)")),
        ("svg", _tr("SVG drawing"), _tr("SVG drawings (*.svg)")),
        ("pdf", _tr("PDF document"), _tr("PDF documents (*.pdf)")),
        ("html", _tr("HTML handout"), _tr("Web pages (*.html)")),
        ("md", _tr("Markdown handout"), _tr("Markdown (*.md)")),
    ]


def _theme_names() -> list[tuple[str, str]]:
    return [
        ("default", _tr("Default")),
        ("colorblind", _tr("Colour-blind safe")),
        ("greyscale", _tr("Greyscale (for printing)")),
        ("high-contrast", _tr("High contrast")),
    ]


class ExportDialog(QDialog):
    """The export dialog for one document; ``selection`` is what the canvas has selected."""

    def __init__(self, document, selection: list[str] | None = None, parent: QWidget | None = None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.document = document
        self.selection = [i for i in (selection or []) if document.map.is_statement(i) or document.map.is_link(i)]
        self.last_result: ExportResult | None = None
        self.setWindowTitle(_tr("Export"))
        self.setObjectName("exportDialog")
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(200)
        self._timer.timeout.connect(self.refresh_preview)
        self._build()
        self._load_settings()
        self._update_enabled()
        self.refresh_preview()

    # ------------------------------------------------------------------ widgets
    def _build(self) -> None:
        amap = self.document.map
        form = QFormLayout()
        self.format_box = QComboBox(self)
        for key, name, _filter in _format_names():
            self.format_box.addItem(name, key)
        form.addRow(_tr("&Format:"), self.format_box)
        self.scope_box = QComboBox(self)
        self.scope_box.addItem(_tr("Whole map"), "all")
        self.scope_box.addItem(_tr("Selection"), "selection")
        self.scope_box.addItem(_tr("One statement and everything under it"), "subtree")
        form.addRow(_tr("&Export:"), self.scope_box)
        self.subtree_box = QComboBox(self)
        for s in sorted(amap.statements(), key=lambda s: (list(StatementKind).index(s.kind), s.order, s.id)):
            self.subtree_box.addItem(f"{s.kind.value.capitalize()}: {s.label(60)}", s.id)
        chosen = next((i for i in self.selection if amap.is_statement(i)), None)
        if chosen is None:
            chosen = next((s.id for s in amap.statements() if s.kind is StatementKind.POSITION), None)
        if chosen is not None:
            self.subtree_box.setCurrentIndex(max(0, self.subtree_box.findData(chosen)))
        form.addRow(_tr("&Statement:"), self.subtree_box)
        self.theme_box = QComboBox(self)
        for key, name in _theme_names():
            self.theme_box.addItem(name, key)
        form.addRow(_tr("&Theme:"), self.theme_box)
        self.scale_box = QDoubleSpinBox(self)
        self.scale_box.setRange(0.5, 8.0)
        self.scale_box.setSingleStep(0.5)
        self.scale_box.setSuffix("×")
        self.scale_box.setValue(2.0)
        form.addRow(_tr("S&cale (PNG):"), self.scale_box)
        self.background_box = QComboBox(self)
        self.background_box.addItem(_tr("White"), "white")
        self.background_box.addItem(_tr("Transparent"), "transparent")
        form.addRow(_tr("&Background:"), self.background_box)
        self.paper_box = QComboBox(self)
        self.paper_box.addItem(_tr("One page, the size of the map"), "fit")
        self.paper_box.addItem(_tr("A4 pages"), "a4")
        self.paper_box.addItem(_tr("Letter pages"), "letter")
        form.addRow(_tr("&Paper (PDF):"), self.paper_box)
        self.title_check = QCheckBox(_tr("T&itle:"), self)
        self.title_edit = QLineEdit(amap.meta.title or self.document_name(), self)
        form.addRow(self.title_check, self.title_edit)
        self.legend_check = QCheckBox(_tr("&Legend (shapes, colours, arrows)"), self)
        self.sources_check = QCheckBox(_tr("S&ources in a footer"), self)
        self.embed_check = QCheckBox(_tr("Include a picture of the &map (HTML)"), self)
        self.labels_check = QCheckBox(_tr("&Verdicts (badges on the cards, a verdict box)"), self)
        self.labels_check.setToolTip(_tr("Weighed verdicts: stands, stands unsupported, defeated, undecided"))
        for box in (self.legend_check, self.sources_check, self.labels_check, self.embed_check):
            form.addRow("", box)
        self.key_box = QComboBox(self)
        self.key_box.addItem(_tr("On every page with room (each its own sources)"), "every-page")
        self.key_box.addItem(_tr("Together on a last page"), "last-page")
        self.key_box.setToolTip(_tr("On every page with room: the legend, and the sources the page's cards cite, numbered "
                                    "as in the whole map (what fits on no page goes on a last page). "
                                    "Together on a last page: the legend and every source after the map."))
        form.addRow(_tr("Legend and sources on &pages:"), self.key_box)
        blanks = QHBoxLayout()
        self.blank_checks: dict[StatementKind, QCheckBox] = {}
        for kind in (StatementKind.POSITION, StatementKind.CLAIM, StatementKind.EVIDENCE, StatementKind.REBUTTAL):
            box = QCheckBox(kind.value.capitalize(), self)
            self.blank_checks[kind] = box
            blanks.addWidget(box)
        blanks.addStretch(1)
        form.addRow(_tr("Worksheet blanks:"), blanks)
        self.hints_box = QComboBox(self)
        self.hints_box.setObjectName("exportHints")
        self.hints_box.addItem(_tr("None"), "")
        self.hints_box.addItem(_tr("The card's title"), "title")
        self.hints_box.addItem(_tr("The paragraph it quotes"), "paragraph")
        form.addRow(_tr("Worksheet &hints:"), self.hints_box)
        self.article_check = QCheckBox(_tr("Add the &article as an appendix (handouts)"), self)
        self.article_check.setObjectName("exportArticle")
        form.addRow("", self.article_check)

        self.preview_image = QLabel(self)
        self.preview_image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview_image.setMinimumSize(PREVIEW_SIZE)
        self.preview_image.setObjectName("exportPreviewImage")
        self.preview_text = QTextBrowser(self)
        self.preview_text.setOpenLinks(False)
        self.preview_text.setObjectName("exportPreviewText")
        self.preview = QStackedWidget(self)
        self.preview.addWidget(self.preview_image)
        self.preview.addWidget(self.preview_text)
        self.info = QLabel(self)
        self.info.setWordWrap(True)
        self.info.setObjectName("exportInfo")
        right = QVBoxLayout()
        right.addWidget(self.preview, 1)
        right.addWidget(self.info)

        self.buttons = QDialogButtonBox(self)
        self.export_button = QPushButton(_tr("E&xport…"), self)
        self.export_button.setDefault(True)
        self.copy_button = QPushButton(_tr("&Copy Image"), self)
        self.buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.export_button.clicked.connect(self._on_export_clicked)
        self.copy_button.clicked.connect(self._on_copy_clicked)
        self.buttons.rejected.connect(self.reject)

        top = QHBoxLayout()
        top.addLayout(form)
        top.addLayout(right, 1)
        outer = QVBoxLayout(self)
        outer.addLayout(top, 1)
        outer.addWidget(self.buttons)

        for box in (self.format_box, self.scope_box, self.subtree_box, self.theme_box, self.background_box, self.paper_box,
                    self.key_box):
            box.currentIndexChanged.connect(self._on_changed)
        self.scale_box.valueChanged.connect(self._on_changed)
        self.title_edit.textChanged.connect(self._on_changed)
        for check in (self.title_check, self.legend_check, self.sources_check, self.embed_check, self.labels_check,
                      *self.blank_checks.values()):
            check.toggled.connect(self._on_changed)
        self.hints_box.currentIndexChanged.connect(self._on_changed)
        self.article_check.toggled.connect(self._on_changed)

    def document_name(self) -> str:
        path = getattr(self.document, "path", "") or ""
        name = os.path.basename(path)
        return name[: -len(EXTENSION)] if name.endswith(EXTENSION) else Path(name).stem

    # ------------------------------------------------------------------- state
    def format(self) -> str:
        return str(self.format_box.currentData())

    def options(self) -> ExportOptions:
        kinds = tuple(k.value for k, box in self.blank_checks.items() if box.isChecked())
        return ExportOptions(
            theme=str(self.theme_box.currentData()),
            scale=float(self.scale_box.value()),
            background=str(self.background_box.currentData()),
            scope=str(self.scope_box.currentData()),
            subtree=str(self.subtree_box.currentData() or ""),
            selection=tuple(self.selection),
            title=self.title_edit.text().strip() if self.title_check.isChecked() else None,
            legend=self.legend_check.isChecked(),
            sources=self.sources_check.isChecked(),
            paper=str(self.paper_box.currentData()),
            key_on=str(self.key_box.currentData()),
            worksheet=kinds,
            embed_map=self.embed_check.isChecked(),
            hints=str(self.hints_box.currentData() or ""),
            appendix=self._articles(),
            labels=self.labels_check.isChecked(),
            base_dir=str(Path(self.document.path).resolve().parent) if getattr(self.document, "path", "") else "",
        )

    def _articles(self) -> tuple[tuple[str, str], ...]:
        """The map's articles for the appendix, when asked for (read from the documents
        beside the saved map, as `argmap check` finds them)."""
        if not self.article_check.isChecked():
            return ()
        path = getattr(self.document, "path", "") or ""
        return tuple(article_texts(self.document.map, os.path.dirname(path) if path else None))

    def _on_changed(self, *_args: object) -> None:
        self._update_enabled()
        self._timer.start()

    def _update_enabled(self) -> None:
        fmt = self.format()
        image = fmt in ex.IMAGE_FORMATS
        self.scale_box.setEnabled(fmt == "png")
        self.background_box.setEnabled(image)
        self.paper_box.setEnabled(fmt == "pdf")
        paged = fmt == "pdf" and self.paper_box.currentData() != "fit"
        self.key_box.setEnabled(paged and (self.legend_check.isChecked() or self.sources_check.isChecked()))
        for box in (self.legend_check, self.sources_check):
            box.setEnabled(image)
        self.embed_check.setEnabled(fmt == "html")
        handout = fmt in ("md", "html")
        self.hints_box.setEnabled(any(b.isChecked() for b in self.blank_checks.values()))
        self.article_check.setEnabled(handout)
        self.subtree_box.setEnabled(self.scope_box.currentData() == "subtree")
        self.title_edit.setEnabled(self.title_check.isChecked())
        has_selection = any(self.document.map.is_statement(i) for i in self.selection)
        model = self.scope_box.model()
        model.item(1).setEnabled(has_selection)  # type: ignore[attr-defined]
        if not has_selection and self.scope_box.currentData() == "selection":
            self.scope_box.setCurrentIndex(0)
        self.copy_button.setEnabled(image)

    def _load_settings(self) -> None:
        s = settings()
        widgets = [self.format_box, self.scope_box, self.subtree_box, self.theme_box, self.background_box, self.paper_box, self.scale_box,
                   self.key_box]
        for w in widgets:
            w.blockSignals(True)
        try:
            for box, key in ((self.format_box, "format"), (self.theme_box, "theme"), (self.background_box, "background"), (self.paper_box, "paper"),
                             (self.key_box, "key_on")):
                index = box.findData(s.value(f"export/{key}", box.currentData()))
                if index >= 0:
                    box.setCurrentIndex(index)
            try:
                self.scale_box.setValue(float(s.value("export/scale", 2.0)))
            except (TypeError, ValueError):
                pass
            for check, key in ((self.legend_check, "legend"), (self.sources_check, "sources"), (self.title_check, "show_title"),
                               (self.embed_check, "embed_map"), (self.labels_check, "labels")):
                check.setChecked(_bool(s.value(f"export/{key}", False)))
            blanks = str(s.value("export/worksheet", "") or "").split(",")
            for kind, box in self.blank_checks.items():
                box.setChecked(kind.value in blanks)
            if self.selection and any(self.document.map.is_statement(i) for i in self.selection):
                self.scope_box.setCurrentIndex(1)
        finally:
            for w in widgets:
                w.blockSignals(False)

    def save_settings(self) -> None:
        o = self.options()
        s = settings()
        values = {
            "format": self.format(), "theme": o.theme, "scale": o.scale, "background": o.background, "paper": o.paper,
            "legend": o.legend, "sources": o.sources, "show_title": o.title is not None,
            "worksheet": ",".join(o.worksheet), "embed_map": o.embed_map, "labels": o.labels, "key_on": o.key_on,
        }
        for key in SETTINGS_KEYS:
            s.setValue(f"export/{key}", values[key])

    # ----------------------------------------------------------------- preview
    def refresh_preview(self) -> None:
        """Render the preview of the current choices (a picture, or the handout text)."""
        fmt = self.format()
        try:
            options = self.options().checked()
            amap = ex.prepare_map(self.document.map, options)
        except ExportError as exc:
            self._show_problem(str(exc))
            return
        if fmt in ex.IMAGE_FORMATS:
            sheet = numbered_sheet(amap, options.worksheet, options.hints) if options.worksheet else amap
            comp = ex.compose(sheet, options)
            try:
                scale = min(PREVIEW_SIZE.width() / comp.size.width(), PREVIEW_SIZE.height() / comp.size.height())
                image = ex.render_image(comp, replace(options, width=None, dpi=None, scale=min(1.0, max(0.05, scale))))
                self.preview_image.setPixmap(QPixmap.fromImage(image))
                self.info.setText(self._describe(fmt, comp, options, sheet))
            finally:
                comp.scene.detach()
            self.preview.setCurrentIndex(0)
        else:
            title = options.title or None
            extra = {"hints": options.hints, "appendix": options.appendix}
            if fmt == "html":
                self.preview_text.setHtml(handout_html(amap, title=title, worksheet=options.worksheet, **extra))
            else:  # shown rendered, as a reader of the Markdown file sees it
                self.preview_text.setMarkdown(handout_markdown(amap, title=title, worksheet=options.worksheet, **extra))
            note = _tr("An answer key is saved beside it (NAME.key.{0}).").format(fmt) if options.worksheet else ""
            self.info.setText(note)
            self.preview.setCurrentIndex(1)
        self.export_button.setEnabled(True)

    def _describe(self, fmt: str, comp, options: ExportOptions, amap) -> str:  # type: ignore[no-untyped-def]
        if fmt == "png":
            plan = ex.png_size(comp.size, options)
            w, h = plan.wanted or (plan.width, plan.height)
            text = _tr("{0} × {1} pixels").format(w, h)
            if plan.wanted is not None:
                text += " " + _tr("(too big: it will be made {0} × {1}; SVG or PDF keep every detail)").format(plan.width, plan.height)
        elif fmt == "pdf":
            from argmap.ui.render.export_pages import count_pdf_pages

            pages = count_pdf_pages(amap, options) if options.paper != "fit" else 1
            text = _tr("{0} page(s)").format(pages)
        else:
            text = _tr("Vector drawing; text stays text")
        if options.worksheet:
            text += " \u00b7 " + _tr("an answer key is saved beside it (NAME.key.{0})").format(fmt)
        return text

    def _show_problem(self, message: str) -> None:
        self.preview_image.setPixmap(QPixmap())
        self.preview_image.setText(message)
        self.preview.setCurrentIndex(0)
        self.info.setText(message)
        self.export_button.setEnabled(False)

    # ----------------------------------------------------------------- actions
    def default_path(self) -> str:
        folder = str(settings().value("export/folder", "") or "")
        path = getattr(self.document, "path", "") or ""
        if not folder:
            folder = os.path.dirname(path) if path else os.path.expanduser("~")
        return os.path.join(folder, f"{self.document_name() or 'map'}.{self.format()}")

    def export_to(self, path: str | os.PathLike[str]) -> ExportResult:
        """Export with the current choices to ``path``; remembers them. Raises
        ``ExportError`` or ``FileFormatError`` with a readable message."""
        result = ex.write_export(path, self.document.map, self.options(), self.format())
        self.save_settings()
        settings().setValue("export/folder", os.path.dirname(os.path.abspath(path)))
        self.last_result = result
        return result

    def _on_export_clicked(self) -> None:
        fmt = self.format()
        file_filter = next(f for key, _n, f in _format_names() if key == fmt)
        path, _ = QFileDialog.getSaveFileName(self, _tr("Export"), self.default_path(), file_filter)
        if not path:
            return
        if not path.lower().endswith("." + fmt):
            path += "." + fmt
        try:
            result = self.export_to(path)
        except (ExportError, FileFormatError) as exc:
            QMessageBox.warning(self, _tr("Export"), _tr("Could not export: {0}").format(exc))
            return
        if result.warnings:
            QMessageBox.information(self, _tr("Export"), "\n".join(result.warnings))
        self.accept()

    def _on_copy_clicked(self) -> None:
        options = self.options()
        try:
            amap = ex.prepare_map(self.document.map, options.checked())
            comp = ex.compose(amap, options)
            try:
                QGuiApplication.clipboard().setImage(ex.render_image(comp, options))
            finally:
                comp.scene.detach()
        except ExportError as exc:
            QMessageBox.warning(self, _tr("Copy Image"), str(exc))
            return
        self.save_settings()
        self.info.setText(_tr("Copied to the clipboard."))


def _bool(value: object) -> bool:
    return value is True or str(value).lower() in ("true", "1", "yes")


def show_export_dialog(parent: QWidget | None, document, selection: list[str] | None = None) -> int:  # type: ignore[no-untyped-def]
    """Open File > Export… for ``document`` (modal); the selection defaults to the
    parent window's canvas selection."""
    if selection is None and parent is not None and hasattr(parent, "selected_ids"):
        selection = list(parent.selected_ids())
    dialog = ExportDialog(document, selection, parent)
    return dialog.exec()
