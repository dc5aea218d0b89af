"""The export dialog, printing and the window's export commands (dialogs patched)."""

from __future__ import annotations

import io

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtPrintSupport import QPrinter
from pypdf import PdfReader

from argmap.ui.render import export_dialog, printing
from argmap.ui.document import Document
from argmap.ui.render.export_dialog import ExportDialog
from tests.export_maps import has_text, pdf_pages, sample_map, svg_text


@pytest.fixture(autouse=True)
def _config(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("ARGMAP_CONFIG_DIR", str(tmp_path / "config"))


@pytest.fixture
def document(qapp) -> Document:  # type: ignore[no-untyped-def]
    return Document(sample_map())


def test_dialog_exports_what_it_shows_and_remembers_choices(qtbot, document: Document, tmp_path) -> None:
    dialog = ExportDialog(document, ["e2", "c1"])
    qtbot.addWidget(dialog)
    assert dialog.scope_box.currentData() == "selection"
    assert not dialog.preview_image.pixmap().isNull()
    dialog.format_box.setCurrentIndex(dialog.format_box.findData("svg"))
    dialog.theme_box.setCurrentIndex(dialog.theme_box.findData("greyscale"))
    dialog.legend_check.setChecked(True)
    dialog.refresh_preview()
    result = dialog.export_to(tmp_path / "sel.svg")
    text = svg_text((tmp_path / "sel.svg").read_bytes())
    assert has_text(text, "Landmines kill civilians for decades.") and "Mines would slow" not in text
    assert "Supports" in text and result.paths == [tmp_path / "sel.svg"]

    again = ExportDialog(document, [])
    qtbot.addWidget(again)
    assert again.format() == "svg" and again.options().theme == "greyscale" and again.options().legend
    assert again.scope_box.currentData() == "all"  # nothing selected this time
    assert again.default_path().endswith(str(tmp_path / "map.svg").split("/")[-1])


def test_dialog_subtree_worksheet_and_handout_preview(qtbot, document: Document, tmp_path) -> None:
    dialog = ExportDialog(document, [])
    qtbot.addWidget(dialog)
    dialog.format_box.setCurrentIndex(dialog.format_box.findData("md"))
    dialog.scope_box.setCurrentIndex(dialog.scope_box.findData("subtree"))
    dialog.subtree_box.setCurrentIndex(dialog.subtree_box.findData("p2"))
    dialog.blank_checks[next(k for k in dialog.blank_checks if k.value == "evidence")].setChecked(True)
    dialog.refresh_preview()
    preview = dialog.preview_text.toPlainText()
    assert "Humanitarian risk" in preview and "Deterrence need" not in preview
    assert "Landmines kill" not in preview and "key" in dialog.info.text()
    result = dialog.export_to(tmp_path / "sheet.md")
    assert [p.name for p in result.paths] == ["sheet.md", "sheet.key.md"]
    assert "Landmines kill civilians" in (tmp_path / "sheet.key.md").read_text("utf-8")


def test_dialog_shows_problems_instead_of_failing(qtbot, document: Document) -> None:
    document.map.remove_statement("x1")
    dialog = ExportDialog(document, [])
    qtbot.addWidget(dialog)
    dialog.scope_box.setCurrentIndex(dialog.scope_box.findData("subtree"))
    dialog.subtree_box.clear()
    dialog.refresh_preview()
    assert not dialog.export_button.isEnabled()
    assert "choose the statement" in dialog.info.text()


def test_copy_button_puts_an_image_on_the_clipboard(qtbot, document: Document) -> None:
    QGuiApplication.clipboard().clear()
    dialog = ExportDialog(document, [])
    qtbot.addWidget(dialog)
    dialog.scale_box.setValue(1.0)
    dialog.copy_button.click()
    assert not QGuiApplication.clipboard().image().isNull()


def _print_to_pdf(document: Document, tmp_path, options: printing.PrintOptions) -> bytes:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    pages = printing.paint_map(printer, document.map, options, "sample")
    data = out.read_bytes()
    assert len(PdfReader(io.BytesIO(data)).pages) == pages
    return data


def test_print_fit_and_poster(qapp, document: Document, tmp_path) -> None:
    fit = pdf_pages(_print_to_pdf(document, tmp_path, printing.PrintOptions(pages_wide=1)))
    assert len(fit) == 1
    assert "Ottawa Convention: stay or go?" in fit[0]  # the header: title and date
    assert has_text(fit[0], "Landmines kill civilians for decades.")
    poster = pdf_pages(_print_to_pdf(document, tmp_path, printing.PrintOptions(pages_wide=3)))
    assert len(poster) >= 3 and all(f"/{len(poster)}" in page for page in poster)
    assert "row 1, column 2" in poster[1]


def test_print_one_page_per_position(qapp, tmp_path) -> None:
    wide = Document(sample_map(with_positions=True))  # too big for one readable page
    pages = pdf_pages(_print_to_pdf(wide, tmp_path, printing.PrintOptions(pages_wide=printing.BY_POSITION)))
    amap = wide.map
    assert len(pages) > 1
    assert "Position 1 of 2: Deterrence need" in pages[0] and "Ottawa Convention: stay or go?" in pages[0]
    joined = " ".join(pages)
    assert "Position 2 of 2: Humanitarian risk" in joined
    assert all(has_text(joined, s.text.replace("🙂", "")) for s in amap.statements())


@pytest.mark.qt_log_ignore("does not support propagateSizeHints")  # offscreen platform
def test_print_preview_dialog_paints_and_switches_to_poster(qtbot, document: Document, monkeypatch) -> None:
    calls: list[int] = []
    real = printing.paint_map

    def spy(printer, amap, options, name=""):  # type: ignore[no-untyped-def]
        calls.append(options.pages_wide)
        return real(printer, amap, options, name)

    monkeypatch.setattr(printing, "paint_map", spy)
    dialog = printing.make_preview_dialog(None, document)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: bool(calls))
    dialog.pages_combo.setCurrentIndex(dialog.pages_combo.findData(2))
    qtbot.waitUntil(lambda: calls[-1] == 2)
    dialog.pages_combo.setCurrentIndex(dialog.pages_combo.findData(printing.BY_POSITION))
    qtbot.waitUntil(lambda: calls[-1] == printing.BY_POSITION)
    assert [dialog.pages_combo.itemText(i) for i in range(3)] == ["Fit to one page", "One page per position", "Poster: 2 pages wide"]
    dialog.close()


def test_window_menu_commands(qtbot, document: Document, monkeypatch) -> None:
    from argmap.ui.window import MainWindow

    seen: list[tuple[str, object]] = []
    monkeypatch.setattr(export_dialog, "show_export_dialog", lambda parent, doc: seen.append(("export", doc)))
    monkeypatch.setattr(printing, "print_map", lambda parent, doc: seen.append(("print", doc)))
    monkeypatch.setattr(printing, "print_preview", lambda parent, doc: seen.append(("preview", doc)))
    window = MainWindow(document)
    qtbot.addWidget(window)
    actions = window.actions_by_name
    file_texts = [a.text() for a in window.menus["File"].actions()]
    assert {"&Export…", "&Print…", "Print Pre&view…"} <= set(file_texts)
    assert actions["copy_image"] in window.menus["Edit"].actions()
    for name in ("export", "print", "print_preview"):
        actions[name].trigger()
    assert seen == [("export", document), ("print", document), ("preview", document)]
    QGuiApplication.clipboard().clear()
    window.scene.select_ids(["e1"])
    actions["copy_image"].trigger()
    image = QGuiApplication.clipboard().image()
    assert not image.isNull() and image.width() < 1200  # just the selected card, at 2x


def test_markdown_preview_is_rendered_and_worksheet_options_apply(qtbot, tmp_path) -> None:
    from argmap.formats.project import load_project
    from tests.conftest import EXAMPLE

    doc = Document(load_project(EXAMPLE).map, EXAMPLE)
    dialog = ExportDialog(doc, [])
    qtbot.addWidget(dialog)
    dialog.format_box.setCurrentIndex(dialog.format_box.findData("md"))
    dialog.blank_checks[next(k for k in dialog.blank_checks if k.value == "evidence")].setChecked(True)
    dialog.hints_box.setCurrentIndex(dialog.hints_box.findData("title"))
    dialog.article_check.setChecked(True)
    dialog.refresh_preview()
    shown = dialog.preview_text.toPlainText()
    assert "# Worksheet" not in shown and "**" not in shown  # rendered, not raw Markdown
    assert "Worksheet: Should Poland" in shown and "Hint: Finland weighs the same step" in shown
    assert "Appendix" in shown and "In a decisive move" in shown
    result = dialog.export_to(tmp_path / "sheet.md")
    text = (tmp_path / "sheet.md").read_text("utf-8")
    assert "*Hint: Finland weighs the same step*" in text and "## Appendix" in text
    assert [p.name for p in result.paths] == ["sheet.md", "sheet.key.md"]


def test_dialog_places_each_pages_sources_or_all_on_a_last_page(qtbot, document: Document, tmp_path) -> None:
    dialog = ExportDialog(document, [])
    qtbot.addWidget(dialog)
    dialog.format_box.setCurrentIndex(dialog.format_box.findData("pdf"))
    dialog.paper_box.setCurrentIndex(dialog.paper_box.findData("a4"))
    assert not dialog.key_box.isEnabled()  # nothing to place yet
    dialog.sources_check.setChecked(True)
    assert dialog.key_box.isEnabled() and dialog.options().key_on == "every-page"  # the default
    assert "sources" in dialog.key_box.toolTip()
    dialog.key_box.setCurrentIndex(dialog.key_box.findData("last-page"))
    assert dialog.options().key_on == "last-page" and dialog.options().sources
