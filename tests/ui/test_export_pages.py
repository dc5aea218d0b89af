"""Paged PDF export: one page when readable, else a page per position with its question on
top (tiled only when a position is too big), headers, legend and sources placement."""

from __future__ import annotations

import io

import pytest
from PySide6.QtCore import QSizeF

from argmap.ui.render import export_pages as ep
from argmap.ui.render.export import ExportError, ExportOptions, render_bytes
from argmap.export.tile_plan import content_fraction, contains
from tests.export_maps import has_text, pdf_pages, sample_map


def _wide_map():  # type: ignore[no-untyped-def]
    """The sample map spread so wide that one A4 page would not be readable."""
    from dataclasses import replace

    from argmap.model import ArgumentMap

    amap = sample_map(with_positions=True)
    spread = [replace(s, pos=(s.pos[0] * 4, s.pos[1])) if s.pos else s for s in amap.statements()]
    return ArgumentMap.from_parts(amap.meta, spread, amap.links())


def test_position_parts_put_the_question_on_top_and_the_rest_last(qapp) -> None:
    amap = sample_map(with_positions=True)
    parts = ep.position_parts(amap)
    assert [p.label for p in parts] == [
        "Position 1 of 2: Deterrence need", "Position 2 of 2: Humanitarian risk", "Other statements"]
    first = parts[0].amap
    assert {s.id for s in first.statements()} == {"q", "p1", "e1", "r1", "c3"}
    q, p1 = first.statement("q"), first.statement("p1")
    assert q.pos[1] < p1.pos[1] and abs(q.pos[0] - p1.pos[0]) < 1  # right above its position
    assert {s.id for s in parts[2].amap.statements()} == {"x1"}  # attached to nothing
    assert amap.statement("q").pos == (400, 0)  # the map itself is untouched


def test_a_map_without_positions_has_no_parts(qapp) -> None:
    from argmap.export.handout import submap

    amap = sample_map()
    assert ep.position_parts(submap(amap, ["e1", "r1", "c3", "x1"])) == []


def test_small_map_stays_on_one_page(qapp) -> None:
    from argmap.export.handout import submap

    amap = sample_map(with_positions=True)
    amap = submap(amap, amap.subtree("p2"))
    pages = pdf_pages(render_bytes(amap, "pdf", ExportOptions(paper="a4", legend=True, title="T")))
    assert len(pages) == 1 and "page 1/" not in pages[0]
    assert all(has_text(pages[0], s.text.replace("🙂", "")) for s in amap.statements())


def test_wide_map_gets_a_page_per_position_with_its_statements(qapp) -> None:
    amap = _wide_map()
    data = render_bytes(amap, "pdf", ExportOptions(paper="a4", title="Class map", legend=True, sources=True))
    pages = pdf_pages(data)
    assert len(pages) == 3  # two positions and the statement attached to nothing
    assert "Position 1 of 2: Deterrence need" in pages[0] and "page 1/3" in pages[0]
    assert "Position 2 of 2: Humanitarian risk" in pages[1] and "Class map" in pages[1]
    assert "Other statements" in pages[2] and has_text(pages[2], "Farmers worry")
    for pid, page in (("p1", pages[0]), ("p2", pages[1])):
        for sid in amap.subtree(pid):
            if amap.is_statement(sid):
                assert has_text(page, amap.statement(sid).text), sid
        assert has_text(page, amap.statement("q").text)  # the question on every position page
    assert not has_text(pages[0], "Landmines kill civilians")
    assert "Supports" in pages[0]  # the legend on the first page
    assert "Sources" in pages[-1] and "Seed article" in pages[-1] and "Seed article" not in pages[0]


def test_pages_turn_to_suit_their_part(qapp) -> None:
    from pypdf import PdfReader

    amap = _wide_map()
    data = render_bytes(amap, "pdf", ExportOptions(paper="a4"))
    sizes = [(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in PdfReader(io.BytesIO(data)).pages]
    assert all(sorted(s) == [595, 842] for s in sizes)
    forced = render_bytes(amap, "pdf", ExportOptions(paper="a4", landscape=False))
    assert all(float(p.mediabox.width) < float(p.mediabox.height) for p in PdfReader(io.BytesIO(forced)).pages)


def _planned(amap, options: ExportOptions) -> list[ep.PageSpec]:  # type: ignore[no-untyped-def]
    return ep.pdf_pages(amap, options)


def test_a_big_position_is_tiled_with_every_card_whole_and_no_empty_pages(qapp) -> None:
    from bench.synthetic import generate_map

    amap = generate_map(150, seed=3)  # one position with everything under it
    pages = _planned(amap, ExportOptions(paper="a4"))
    try:
        assert len(pages) > 1
        comps = {id(p.comp): p.comp for p in pages}
        for comp in comps.values():
            cards = ep.card_rects(comp)
            mine = [p for p in pages if p.comp is comp]
            windows = [(p.window.x(), p.window.y(), p.window.width(), p.window.height()) for p in mine]
            assert [c for c in cards if not any(contains(w, c) for w in windows)] == []
            for w in windows:
                assert len(windows) == 1 or content_fraction(w, cards) >= 0.05 or any(
                    contains(w, c) and not any(contains(o, c) for o in windows if o != w) for c in cards)
        assert all(p.scale >= ep.MIN_READABLE_PT * 0.999 for p in pages)
    finally:
        ep.release(pages)
    text = " ".join(pdf_pages(render_bytes(amap, "pdf", ExportOptions(paper="a4"))))
    missing = [s.id for s in amap.statements() if not has_text(text, s.text.split(".")[0])]
    assert missing == []


def test_tiles_mode_cuts_the_whole_map(qapp) -> None:
    amap = _wide_map()
    pages = pdf_pages(render_bytes(amap, "pdf", ExportOptions(paper="a4", pages="tiles")))
    assert len(pages) > 1 and "Position 1 of" not in " ".join(pages)
    assert all(f"part {i} of {len(pages)}" in page for i, page in enumerate(pages, 1))
    joined = " ".join(pages)
    assert all(has_text(joined, s.text.replace("🙂", "")) for s in amap.statements())
    with pytest.raises(ExportError, match="unknown pages 'book'"):
        ExportOptions(pages="book").checked()


def test_too_many_pages_are_shrunk_with_a_warning(qapp, monkeypatch) -> None:
    from bench.synthetic import generate_map

    import argmap.export.pages

    monkeypatch.setattr(argmap.export.pages, "MAX_PAGES", 2)  # the planning lives there
    warnings: list[str] = []
    data = render_bytes(generate_map(150, seed=3), "pdf", ExportOptions(paper="a4"), warnings)
    assert len(pdf_pages(data)) <= 2
    assert warnings and "zoom in to read" in warnings[0]


def test_fit_paper_is_one_page_the_size_of_the_map(qapp) -> None:
    from pypdf import PdfReader

    data = render_bytes(_wide_map(), "pdf", ExportOptions(paper="fit"))
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 1 and float(reader.pages[0].mediabox.width) > 842


def test_poster_pages_overlap_and_mark_the_cuts(qapp) -> None:
    from argmap.ui.render.export import compose

    comp = compose(sample_map(), ExportOptions())
    try:
        pages = ep.poster_pages(comp, QSizeF(500, 700), 3, 20.0, False)
        assert len(pages) >= 3
        assert pages[0].cut_x and pages[1].window.left() < pages[0].window.right()
    finally:
        comp.scene.detach()
