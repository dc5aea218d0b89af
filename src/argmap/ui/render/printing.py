"""Print and Print Preview: the map on one page, one page per position (tiled when a
position is too big), or a poster over several pages with overlap marks; page headers."""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtCore import QCoreApplication, QRectF, QSizeF
from PySide6.QtGui import QPageLayout
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog, QPrintPreviewWidget
from PySide6.QtWidgets import QComboBox, QLabel, QMessageBox, QToolBar, QWidget

from argmap.model import ArgumentMap
from argmap.ui.render.export import ExportError, ExportOptions, compose
from argmap.ui.render.export_pages import PageSpec, header_date, paint_document, plan_document, poster_pages, release
from argmap.ui.settings import settings

HEADER_PT = 16.0
OVERLAP_MM = 10.0
BY_POSITION, FIT = 0, 1
POSTER_CHOICES = (2, 3, 4)  # pages wide
PAGES_CHOICES = (FIT, BY_POSITION, *POSTER_CHOICES)


def _tr(text: str) -> str:
    return QCoreApplication.translate("printing", text)


@dataclass(frozen=True)
class PrintOptions:
    pages_wide: int = BY_POSITION  # 0: one page per position; 1: fit to one page; more: a poster that wide
    theme: str = "default"
    header: bool = True
    legend: bool = False
    overlap_mm: float = OVERLAP_MM


def header_title(amap: ArgumentMap, name: str = "") -> str:
    return amap.meta.title.strip() or name or _tr("Argument map")


def paint_map(printer: QPrinter, amap: ArgumentMap, options: PrintOptions, name: str = "") -> int:
    """Lay the map out on the printer's pages and paint it; returns the page count."""
    export = ExportOptions(theme=options.theme, legend=options.legend).checked()
    layout = printer.pageLayout()
    rect = layout.paintRect(QPageLayout.Unit.Point)
    header_pt = HEADER_PT if options.header else 0.0
    area = QSizeF(rect.width(), rect.height() - header_pt)
    landscape = layout.orientation() == QPageLayout.Orientation.Landscape
    if options.pages_wide == BY_POSITION:
        pages = plan_document(amap, replace(export, paper="a4"), {landscape: area}, overlap_mm=options.overlap_mm)
    else:
        comp = compose(amap, export)
        if options.pages_wide > FIT:
            pages = poster_pages(comp, area, options.pages_wide, options.overlap_mm / 25.4 * 72, landscape)
        else:
            size = comp.size
            scale = min(area.width() / size.width(), area.height() / size.height())
            pages = [PageSpec(comp, QRectF(0, 0, size.width(), size.height()), scale, landscape)]
    try:
        return paint_document(printer, pages, title=header_title(amap, name) if options.header else "",
                              date=header_date() if options.header else "", header=options.header, header_pt=header_pt)
    finally:
        release(pages)


def _document_parts(document) -> tuple[ArgumentMap, str, str]:  # type: ignore[no-untyped-def]
    amap = document.map
    theme = getattr(getattr(document, "view", None), "theme", "default") or "default"
    name = document.display_name() if hasattr(document, "display_name") else ""
    return amap, theme, name


def _printer(amap: ArgumentMap) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(amap.meta.title or _tr("Argument map"))
    layout = printer.pageLayout()
    layout.setOrientation(QPageLayout.Orientation.Landscape)  # maps are usually wide
    printer.setPageLayout(layout)
    return printer


def _last_options(theme: str) -> PrintOptions:
    s = settings()
    try:
        wide = int(s.value("print/pages_wide", BY_POSITION))
    except (TypeError, ValueError):
        wide = BY_POSITION
    return PrintOptions(pages_wide=wide if wide in PAGES_CHOICES else BY_POSITION, theme=theme)


def _remember(options: PrintOptions) -> None:
    settings().setValue("print/pages_wide", options.pages_wide)


def print_map(parent: QWidget | None, document) -> bool:  # type: ignore[no-untyped-def]
    """File > Print…: the system print dialog, then the map on the chosen printer."""
    amap, theme, name = _document_parts(document)
    printer = _printer(amap)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(_tr("Print map"))
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return False
    return _paint_or_warn(parent, printer, amap, _last_options(theme), name)


def _paint_or_warn(parent: QWidget | None, printer: QPrinter, amap: ArgumentMap, options: PrintOptions, name: str) -> bool:
    try:
        paint_map(printer, amap, options, name)
    except ExportError as exc:
        QMessageBox.warning(parent, _tr("Print"), _tr("The map could not be printed: {0}").format(exc))
        return False
    return True


def make_preview_dialog(parent: QWidget | None, document) -> QPrintPreviewDialog:  # type: ignore[no-untyped-def]
    """A QPrintPreviewDialog for the map with a "Pages" chooser (fit, one page per
    position, or poster) added to its toolbar; orientation, zoom and printing come with
    the dialog."""
    amap, theme, name = _document_parts(document)
    printer = _printer(amap)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(_tr("Print preview"))
    state = {"options": _last_options(theme)}
    combo = QComboBox(dialog)
    combo.setObjectName("pagesCombo")
    combo.addItem(_tr("Fit to one page"), FIT)
    combo.addItem(_tr("One page per position"), BY_POSITION)
    for n in POSTER_CHOICES:
        combo.addItem(_tr("Poster: {0} pages wide").format(n), n)
    combo.setCurrentIndex(max(0, combo.findData(state["options"].pages_wide)))
    toolbar = dialog.findChild(QToolBar)
    if toolbar is not None:
        toolbar.addSeparator()
        toolbar.addWidget(QLabel(_tr(" Pages: "), dialog))
        toolbar.addWidget(combo)
    preview = dialog.findChild(QPrintPreviewWidget)

    def on_pages_changed(_index: int) -> None:
        state["options"] = PrintOptions(pages_wide=int(combo.currentData()), theme=theme)
        _remember(state["options"])
        if preview is not None:
            preview.updatePreview()

    combo.currentIndexChanged.connect(on_pages_changed)
    dialog.paintRequested.connect(lambda p: _paint_or_warn(dialog, p, amap, state["options"], name))
    dialog.pages_combo = combo  # for tests and callers that preset the mode
    dialog.printer = printer  # the dialog only points at the printer: keep it alive
    return dialog


def print_preview(parent: QWidget | None, document) -> int:  # type: ignore[no-untyped-def]
    """File > Print Preview…: show the preview dialog (modal); returns its result."""
    return make_preview_dialog(parent, document).exec()
