"""Tiled pages (issue 9): the "→ p. 2" / "from p. 1" label of a cut arrow never covers
a card (where a page edge runs in a narrow gutter beside a card, the label slides
along the edge to a clear spot)."""

from __future__ import annotations

from argmap.formats import load_project
from argmap.ui.render import export_pages as ep
from argmap.ui.render.export import ExportOptions, prepare_map
from argmap.ui.render.stubs import _geometry, stub_box


def test_stub_labels_cover_no_card_on_tiled_pages(qapp, example_path):
    options = ExportOptions(paper="a4", pages="tiles").checked()
    amap = prepare_map(load_project(example_path).map, options)
    _, areas = ep.paper_areas("a4", None)
    pages = ep.plan_document(amap, options, areas)
    try:
        labelled = [page for page in pages if page.stubs]
        assert len(labelled) > 1
        for page in labelled:
            cards, _ = _geometry(page.comp)
            for x, y, text in page.stubs:
                box = stub_box(x, y, text, page.window)
                assert page.window.contains(box), text
                covered = [sid for sid, rect in cards.items() if box.intersects(rect)]
                assert covered == [], (text, covered)
    finally:
        ep.release(pages)
