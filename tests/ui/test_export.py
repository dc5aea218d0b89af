"""Picture export (PNG, SVG, PDF) through the canvas's own scene: content, escaping,
Unicode, themes, scopes, worksheets, paging and the clipboard."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QGuiApplication, QImage

from argmap.ui.render import export as ex
from argmap.ui.render.export import ExportError, ExportOptions, compose, prepare_map, render_bytes, write_export
from tests.export_maps import HOSTILE, UNICODE_TEXTS, has_text, hostile_map, pdf_pages, sample_map, svg_text


def _png(data: bytes) -> QImage:
    image = QImage()
    assert image.loadFromData(data, "PNG")
    return image


def _colours(image: QImage, step: int = 7) -> set[int]:
    return {image.pixel(x, y) for x in range(0, image.width(), step) for y in range(0, image.height(), step)}


def test_svg_is_valid_xml_with_every_statement_as_text(qapp) -> None:
    amap = sample_map()
    text = svg_text(render_bytes(amap, "svg", ExportOptions()))
    for s in amap.statements():
        assert has_text(text, s.text), s.id
    for title in ("Deterrence need", "Humanitarian risk"):
        assert title in text


def test_svg_escapes_hostile_strings(qapp) -> None:
    amap = hostile_map()
    data = render_bytes(amap, "svg", ExportOptions(title=HOSTILE["citation"], legend=True, sources=True))
    import xml.etree.ElementTree as ET

    root = ET.fromstring(data)
    tags = {el.tag.rsplit("}", 1)[-1] for el in root.iter()}
    assert not tags & {"script", "foreignObject", "image", "a", "img"}
    for el in root.iter():
        assert not any(name.lower().startswith("on") for name in el.attrib), el.attrib
        assert all("javascript:" not in v for v in el.attrib.values())
    text = svg_text(data)
    for key in ("script", "img", "md_link", "cdata", "citation", "title"):
        assert has_text(text, HOSTILE[key]), key
    assert b"<script" not in data and b"]]>" not in data


def test_svg_drops_characters_xml_forbids(qapp) -> None:
    from argmap.model import Statement, StatementKind

    amap = sample_map()
    amap.add_statement(Statement("bell", StatementKind.CLAIM, "ding\x07dong\x1b end"))
    text = svg_text(render_bytes(amap, "svg", ExportOptions()))  # parses: no raw control characters
    assert "dingdong end" in text


def test_unicode_survives_into_svg_and_pdf_text(qapp) -> None:
    amap = sample_map()
    svg = svg_text(render_bytes(amap, "svg", ExportOptions()))
    pdf = " ".join(pdf_pages(render_bytes(amap, "pdf", ExportOptions())))
    for text in UNICODE_TEXTS:
        assert has_text(svg, text), text  # bidi text is written as runs in visual order
        if "🙂" in text:  # colour emoji are drawn as pictures in PDF; the words around stay text
            text = text.replace("🙂", "")
        assert has_text(pdf, text), text


def test_pdf_fit_is_one_page_with_fonts_embedded(qapp) -> None:
    amap = sample_map()
    data = render_bytes(amap, "pdf", ExportOptions(paper="fit"))
    pages = pdf_pages(data)
    assert len(pages) == 1
    for s in amap.statements():
        assert has_text(pages[0], s.text.replace("🙂", "")), s.id
    assert b"/FontFile2" in data  # TrueType font programs are in the file
    assert b"/ToUnicode" in data


def test_pdf_on_a4_splits_a_big_map_and_keeps_all_text(qapp) -> None:
    from argmap.ui.render.export_pages import count_pdf_pages
    from bench.synthetic import generate_map

    amap = generate_map(150, seed=3)
    for pages_mode in ("by-position", "tiles"):
        options = ExportOptions(paper="a4", pages=pages_mode)
        pages = pdf_pages(render_bytes(amap, "pdf", options))
        assert len(pages) > 1 and len(pages) == count_pdf_pages(amap, options)
        joined = " ".join(pages)
        missing = [s.id for s in amap.statements() if not has_text(joined, s.text.split(".")[0])]
        assert missing == [], pages_mode
        assert f"page 1/{len(pages)}" in pages[0] and "part 1 of" in pages[0]


def test_pdf_on_letter_fits_a_small_map_on_one_page(qapp) -> None:
    amap = sample_map()
    small = prepare_map(amap, ExportOptions(scope="subtree", subtree="p1"))
    data = render_bytes(small, "pdf", ExportOptions(paper="letter"))
    from pypdf import PdfReader
    import io

    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert sorted((round(float(box.width)), round(float(box.height)))) == [612, 792]


def test_png_scale_dpi_width_and_background(qapp) -> None:
    amap = sample_map()
    one = _png(render_bytes(amap, "png", ExportOptions(scale=1)))
    two = _png(render_bytes(amap, "png", ExportOptions(scale=2)))
    assert abs(two.width() - 2 * one.width()) <= 1 and abs(two.height() - 2 * one.height()) <= 1
    wide = _png(render_bytes(amap, "png", ExportOptions(width=900)))
    assert wide.width() == 900
    dpi = _png(render_bytes(amap, "png", ExportOptions(dpi=192)))
    assert abs(dpi.width() - two.width()) <= 1
    assert round(dpi.dotsPerMeterX() * 0.0254) == 192
    assert QColor(two.pixel(1, 1)) == QColor("#ffffff") and two.pixelColor(1, 1).alpha() == 255
    clear = _png(render_bytes(amap, "png", ExportOptions(background="transparent")))
    assert clear.pixelColor(1, 1).alpha() == 0
    assert len(_colours(two)) > 20  # not blank


def test_png_too_big_is_scaled_down_with_a_warning(qapp, monkeypatch) -> None:
    monkeypatch.setattr(ex, "MAX_PIXELS", 200_000)
    warnings: list[str] = []
    image = _png(render_bytes(sample_map(), "png", ExportOptions(scale=4), warnings))
    assert image.width() * image.height() <= 200_000 * 1.01
    assert warnings and "use SVG or PDF" in warnings[0]


@pytest.mark.parametrize("theme", ["default", "colorblind", "greyscale", "high-contrast"])
def test_every_export_theme_renders(qapp, theme: str) -> None:
    amap = sample_map()
    amap.remove_statement("x1")  # its colour emoji would count as colour
    image = _png(render_bytes(amap, "png", ExportOptions(theme=theme, scale=0.5)))
    colours = _colours(image, 3)
    assert len(colours) > 5
    if theme == "greyscale":
        saturated = [c for c in colours if QColor.fromRgba(c).hsvSaturation() > 40 and QColor.fromRgba(c).alpha() > 0]
        assert saturated == []
    else:
        assert any(QColor.fromRgba(c).hsvSaturation() > 100 for c in colours)


def test_unknown_theme_and_bad_options_are_readable_errors(qapp) -> None:
    with pytest.raises(ExportError, match="unknown theme 'pink'.*greyscale"):
        write_export("x.png", sample_map(), ExportOptions(theme="pink"))
    with pytest.raises(ExportError, match="scale 0 is out of range"):
        ExportOptions(scale=0).checked()
    with pytest.raises(ExportError, match="cannot tell the format"):
        write_export("x.gif", sample_map())


def test_subtree_by_title_and_selection(qapp) -> None:
    amap = sample_map()
    sub = prepare_map(amap, ExportOptions(scope="subtree", subtree="Humanitarian risk"))
    text = svg_text(render_bytes(sub, "svg", ExportOptions()))
    assert "Landmines kill civilians" in text and "Mines would slow" not in text
    sel = prepare_map(amap, ExportOptions(scope="selection", selection=("e1", "r1", "l3", "p2")))
    text = svg_text(render_bytes(sel, "svg", ExportOptions()))
    assert "Modern drones" in text and "Mines would slow" in text and "Landmines kill" not in text
    assert {link.id for link in sel.links()} == {"l3"}
    with pytest.raises(ExportError, match="no statement has the id or title 'Nope'"):
        prepare_map(amap, ExportOptions(scope="subtree", subtree="Nope"))
    with pytest.raises(ExportError, match="nothing is selected"):
        prepare_map(amap, ExportOptions(scope="selection"))


def test_title_legend_and_sources_footer(qapp) -> None:
    amap = sample_map()
    plain = svg_text(render_bytes(amap, "svg", ExportOptions()))
    full = svg_text(render_bytes(amap, "svg", ExportOptions(title="Class 7B map", legend=True, sources=True)))
    assert "Class 7B map" not in plain and "Class 7B map" in full
    for label in ("Question", "Position", "Evidence", "Rebuttal", "Supports", "Attacks"):
        assert label in full
    assert "1. Ministry of Defence report (2025-03-01). https://example.org/report?a=1&b=2" in full
    assert "3. Seed article" in full and "Sources" in full


def test_worksheet_pictures_blank_chosen_kinds_and_write_a_key(qapp, tmp_path) -> None:
    amap = sample_map()
    result = write_export(tmp_path / "sheet.svg", amap, ExportOptions(worksheet=("evidence",)))
    assert [p.name for p in result.paths] == ["sheet.svg", "sheet.key.svg"]
    sheet = svg_text((tmp_path / "sheet.svg").read_bytes())
    key = svg_text((tmp_path / "sheet.key.svg").read_bytes())
    for s in amap.statements():
        assert has_text(key, s.text), s.id
        assert has_text(sheet, s.text) == (s.kind.value != "evidence"), s.id
    assert "Ministry of Defence" not in sheet and "Ministry of Defence" in key


def test_html_handout_can_embed_the_map(qapp, tmp_path) -> None:
    import base64
    import re

    out = tmp_path / "h.html"
    write_export(out, sample_map(), ExportOptions(embed_map=True, worksheet=("rebuttal",)))
    for path, expect_visible in ((out, False), (tmp_path / "h.key.html", True)):
        page = path.read_text("utf-8")
        uri = re.search(r'src="data:image/svg\+xml;base64,([^"]+)"', page)
        assert uri, path
        svg = svg_text(base64.b64decode(uri.group(1)))
        assert has_text(svg, "Modern drones make minefields easy to map.") is expect_visible


def test_copy_image_to_clipboard_from_map_and_scene(qapp) -> None:
    amap = sample_map()
    image = ex.copy_image_to_clipboard(amap, scale=1)
    got = QGuiApplication.clipboard().image()
    assert not got.isNull() and got.size() == image.size()
    scene = ex.build_scene(amap)
    try:
        scene.set_export_mode(False)
        scene.select_ids(["e1"])
        small = ex.copy_image_to_clipboard(scene, scale=1)
        assert small.width() < image.width()
    finally:
        scene.detach()
