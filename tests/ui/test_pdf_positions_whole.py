"""Paged PDF (issue 9): a position goes on one page whenever it fits there with card text
of 6 pt or more (laid out compactly for the page when its own layout does not fit); every
card is whole on some page; legend and sources are kept."""

from __future__ import annotations

from argmap.formats import load_project
from argmap.ui.render import export_pages as ep
from argmap.ui.render.export import ExportOptions, render_bytes
from tests.export_maps import has_text, pdf_pages


def test_each_position_of_the_example_is_one_page_with_every_card_whole(qapp, example_path):
    amap = load_project(example_path).map
    pages = pdf_pages(render_bytes(amap, "pdf", ExportOptions(paper="a4", legend=True, sources=True)))
    positions = [s for s in amap.statements() if s.kind.value == "position"]
    assert len(pages) == len(positions)
    assert not any("part 1 of" in p for p in pages)  # no position split over pages
    for k, p in enumerate(positions):
        assert has_text(pages[k], p.title)
    for s in amap.statements():
        # every card's title and the start of its text come out on some page
        assert any(has_text(page, s.title) and has_text(page, " ".join(s.text.split()[:4])) for page in pages), s.id
    assert all(has_text(page, "Supports") for page in pages)  # the legend on every page
    assert has_text(pages[-1], "Sources")


def test_a_part_that_does_not_fit_is_relaid_for_the_page_and_readable(qapp, example_path):
    amap = load_project(example_path).map
    # spread one position's arguments in a long row: too wide for a readable page
    from argmap.layout import CLASSIC, layout_map

    wide = layout_map(amap, style=CLASSIC)
    from dataclasses import replace

    from argmap.model import ArgumentMap

    spread = ArgumentMap.from_parts(amap.meta, [replace(s, pos=wide[s.id]) for s in amap.statements()], amap.links())
    _, areas = ep.paper_areas("a4", None)
    part = ep.position_parts(spread)[0]
    before = {s.id: s.pos for s in part.amap.statements()}
    ep._compact(part, areas)
    assert {s.id: s.pos for s in part.amap.statements()} != before
    pages = pdf_pages(render_bytes(spread, "pdf", ExportOptions(paper="a4")))
    assert len(pages) == 3 and not any("part 1 of" in p for p in pages)


def test_legend_and_sources_on_every_page_or_on_a_last_page(qapp, example_path):
    amap = load_project(example_path).map
    every = pdf_pages(render_bytes(amap, "pdf", ExportOptions(paper="a4", legend=True, sources=True, key_on="every-page")))
    assert [has_text(p, "Supports") for p in every] == [True] * 3
    # every page cites the example's one article, so each lists it under "Sources"
    assert [has_text(p, "Sources") and has_text(p, "1. Poland and Baltic States") for p in every] == [True] * 3
    last = pdf_pages(render_bytes(amap, "pdf", ExportOptions(paper="a4", legend=True, sources=True, key_on="last-page")))
    assert len(last) == 4
    assert not any(has_text(p, "Supports") or has_text(p, "Sources") for p in last[:3])
    assert has_text(last[3], "Supports") and has_text(last[3], "Sources")


def test_unknown_key_placement_is_refused():
    import pytest

    from argmap.export.options import ExportError

    with pytest.raises(ExportError, match="key placement"):
        ExportOptions(key_on="margins").checked()


def test_tiles_label_every_cut_arrow_with_the_page_it_goes_on_to(qapp, example_path):
    import re

    amap = load_project(example_path).map
    pages = pdf_pages(render_bytes(amap, "pdf", ExportOptions(paper="a4", pages="tiles")))
    assert len(pages) > 1
    stubs = [(k, m.group(1), int(m.group(2))) for k, page in enumerate(pages, 1)
             for m in re.finditer(r"(\u2192|from)\s*p\.\s*(\d+)", page)]
    assert any(kind == "\u2192" for _, kind, _ in stubs) and any(kind == "from" for _, kind, _ in stubs)
    for page, _kind, other in stubs:
        assert other != page and 1 <= other <= len(pages)
    # an arrow leaving page A for page B arrives on B labelled "from p. A"
    for page, kind, other in stubs:
        if kind == "\u2192":
            assert (other, "from", page) in stubs or any(o == page for p, k, o in stubs if p == other)


def test_one_page_exports_have_no_stubs(qapp, example_path):
    amap = load_project(example_path).map
    pages = pdf_pages(render_bytes(amap, "pdf", ExportOptions(paper="a4")))
    assert not any("p. " in page and ("\u2192 p." in page or "from p." in page) for page in pages)


def test_small_positions_share_a_page_and_no_page_is_nearly_empty(qapp, example_path):
    from argmap.model import ArgumentMap, Statement, StatementKind

    amap = load_project(example_path).map
    q = next(s for s in amap.statements() if s.kind is StatementKind.QUESTION)
    extra = [
        Statement(f"tiny{k}", StatementKind.POSITION, f"Tiny answer number {k}.", title=f"Tiny {k}", answers=q.id,
                  order=10.0 + k, pos=(3000.0 + 300 * k, 200.0))
        for k in range(3)
    ]
    bigger = ArgumentMap.from_parts(amap.meta, [*amap.statements(), *extra], amap.links())
    pages = pdf_pages(render_bytes(bigger, "pdf", ExportOptions(paper="a4")))
    # three big positions on a page each; the three tiny ones share one page
    assert len(pages) == 4
    assert all(has_text(pages[3], f"Tiny {k}") for k in range(3))
    assert not any("part 1 of" in p for p in pages)
    page_specs = ep.pdf_pages(bigger, ExportOptions(paper="a4"))
    try:
        _, areas = ep.paper_areas("a4", None)
        for spec in page_specs[:-1]:
            area = areas[spec.landscape]
            fill = spec.window.width() * spec.scale * spec.window.height() * spec.scale / (area.width() * area.height())
            assert fill >= 1 / 3
    finally:
        ep.release(page_specs)
