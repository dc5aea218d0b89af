"""Print and Print Preview: the map fitted to one page or as a poster over several pages
(with overlap marks for trimming), a page header with title and date."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QDate, QLocale, QSizeF
from PySide6.QtGui import QColor, QPageLayout
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog, QPrintPreviewWidget
from PySide6.QtWidgets import QComboBox, QLabel, QMessageBox, QToolBar, QWidget

from argmap.model import ArgumentMap
from argmap.ui.export import ExportError, ExportOptions, PagePlan, compose, fit_or_split, paint_pages
from argmap.ui.settings import settings

HEADER_PT = 16.0
OVERLAP_MM = 10.0
POSTER_CHOICES = (1, 2, 3, 4)  # pages wide; 1 is "fit to one page"


def _tr(text: str) -> str:
    return QCoreApplication.translate("printing", text)


@dataclass(frozen=True)
class PrintOptions:
    pages_wide: int = 1  # 1: fit to one page; more: a poster that many pages wide
    theme: str = "default"
    header: bool = True
    legend: bool = False
    overlap_mm: float = OVERLAP_MM


def header_text(amap: ArgumentMap, name: str = "") -> str:
    """"Title · 28 November 2026" for the top of each printed page."""
    title = amap.meta.title.strip() or name or _tr("Argument map")
    date = QLocale().toString(QDate.currentDate(), QLocale.FormatType.LongFormat)
    return f"{title} \u00b7 {date}"


def paint_map(printer: QPrinter, amap: ArgumentMap, options: PrintOptions, name: str = "") -> int:
    """Lay the map out on the printer's pages and paint it; returns the page count."""
    comp = compose(amap, ExportOptions(theme=options.theme, legend=options.legend).checked())
    try:
        rect = printer.pageLayout().paintRect(QPageLayout.Unit.Point)
        header_pt = HEADER_PT if options.header else 0.0
        area = QSizeF(rect.width(), rect.height() - header_pt)
        overlap_pt = options.overlap_mm / 25.4 * 72 if options.pages_wide > 1 else 0.0
        scale, tiles = fit_or_split(comp.size, area, pages_wide=max(1, options.pages_wide), overlap_pt=overlap_pt)
        plan = PagePlan(printer.pageLayout().pageSize(), False, 0.0, scale, tiles)
        return paint_pages(
            printer,
            comp,
            plan,
            header=header_text(amap, name) if options.header else "",
            overlap=overlap_pt / scale if overlap_pt else 0.0,
            marks_color=QColor("#808080"),
            header_pt=header_pt,
        )
    finally:
        comp.scene.detach()


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
        wide = int(s.value("print/pages_wide", 1))
    except (TypeError, ValueError):
        wide = 1
    return PrintOptions(pages_wide=wide if wide in POSTER_CHOICES else 1, theme=theme)


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
    """A QPrintPreviewDialog for the map with a "Pages" chooser (fit or poster) added to
    its toolbar; orientation, zoom and printing come with the dialog."""
    amap, theme, name = _document_parts(document)
    printer = _printer(amap)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(_tr("Print preview"))
    state = {"options": _last_options(theme)}
    combo = QComboBox(dialog)
    combo.setObjectName("pagesCombo")
    combo.addItem(_tr("Fit to one page"), 1)
    for n in POSTER_CHOICES[1:]:
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
