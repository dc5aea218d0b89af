"""Paged PDF (issue 9), read back with pypdf: each page lists the sources its cards cite,
numbered as in the whole document (or all of them on a last page); an arrow between
cards printed in different parts ends in labelled stubs ("→ p. 2", "from p. 1") on the
pages of both ends; every card is whole on some page."""

from __future__ import annotations

import re
from dataclasses import replace

from PySide6.QtCore import QRectF

from argmap.export.handout import source_list
from argmap.formats import load_project
from argmap.model import ArgumentMap, Link, LinkKind, Source, Statement, StatementKind
from argmap.ui.render.export import ExportOptions, render_bytes
from tests.export_maps import has_text, pdf_pages

STUB = re.compile(r"(\u2192|from)\s*p\.\s*(\d+)")


def example_with_cross_links(example_path) -> ArgumentMap:  # type: ignore[no-untyped-def]
    """The example plus arrows between parts: a rebuttal under "Humanitarian risk" also
    attacks evidence under "Limited Russian capacity"; evidence under "Deterrence need"
    supports a claim under no position; a rebuttal under no position attacks the question."""
    amap = load_project(example_path).map
    amap.add_link(Link("l-cross", LinkKind.ATTACK, ("r-deterring-war-protects",), "e-intel-ukraine"))
    amap.add_statement(Statement("c-cheap", StatementKind.CLAIM, "Mines cost little to store.", title="Mines are cheap",
                                 pos=(2300.0, 600.0)))
    amap.add_link(Link("l-cheap", LinkKind.SUPPORT, ("e-pevkur-no-plans",), "c-cheap"))
    amap.add_statement(Statement("r-q", StatementKind.REBUTTAL, "The question ignores Finland.", title="Wrong question",
                                 pos=(2300.0, 300.0)))
    amap.add_link(Link("l-q", LinkKind.ATTACK, ("r-q",), "q-withdraw"))
    return amap


def example_with_three_sources(example_path) -> ArgumentMap:  # type: ignore[no-untyped-def]
    """The example with the evidence under the second position citing an Amnesty report
    and that under the third an intelligence brief (the first keeps the article)."""
    amap = load_project(example_path).map
    cite = {"e-amnesty": Source(citation="Amnesty report", quotation="x", locator="p. 2"),
            "e-risk-for-decades": Source(citation="Amnesty report", quotation="y", locator="p. 5"),
            "e-intel-ukraine": Source(citation="Intelligence brief", quotation="z"),
            "e-parliaments": Source(citation="Intelligence brief", quotation="w")}
    statements = [replace(s, source=cite.get(s.id, s.source)) for s in amap.statements()]
    return ArgumentMap.from_parts(amap.meta, statements, amap.links())


def stubs(page: str) -> list[tuple[str, int]]:
    return [(m.group(1), int(m.group(2))) for m in STUB.finditer(page)]


def page_of(pages: list[str], title: str) -> list[int]:
    return [k for k, page in enumerate(pages, 1) if has_text(page, title)]


def test_each_page_lists_the_sources_its_cards_cite_with_the_documents_numbers(qapp, example_path):
    amap = example_with_three_sources(example_path)
    lines = source_list(amap)
    assert [line.split(". ", 1)[1][:14] for line in lines] == ["Poland and Bal", "Amnesty report", "Intelligence b"]
    pages = pdf_pages(render_bytes(amap, "pdf", ExportOptions(paper="a4", sources=True)))
    assert len(pages) == 3
    listed = [[n for n, line in enumerate(lines, 1) if has_text(page, line[:40])] for page in pages]
    # page 1: the article only; page 2: the Amnesty report only, as numbered for the
    # whole map (2, not renumbered 1); page 3: the article and the brief
    assert listed == [[1], [2], [1, 3]]
    assert all(has_text(page, "Sources") for page in pages)
    assert not has_text(pages[0], "2. Amnesty") and not has_text(pages[1], "1. Amnesty")
    # each card citing a source carries that number, matching the list on its page
    markers = [sorted({int(n) for n in re.findall(r"\[(\d+)\]", page)}) for page in pages]
    assert markers == listed


def test_sources_on_a_last_page_list_everything_there_and_nothing_before(qapp, example_path):
    amap = example_with_three_sources(example_path)
    pages = pdf_pages(render_bytes(amap, "pdf", ExportOptions(paper="a4", sources=True, key_on="last-page")))
    assert len(pages) == 4
    assert not any(has_text(page, "Sources") for page in pages[:3])
    assert all(has_text(pages[3], line[:40]) for line in source_list(amap))
    assert [sorted({int(n) for n in re.findall(r"\[(\d+)\]", page)}) for page in pages[:3]] == [[1], [2], [1, 3]]


def test_arrows_between_parts_end_in_stubs_on_both_pages(qapp, example_path):
    amap = example_with_cross_links(example_path)
    pages = pdf_pages(render_bytes(amap, "pdf", ExportOptions(paper="a4", legend=True, sources=True)))
    assert len(pages) == 4
    [cheap] = page_of(pages, "Mines are cheap")
    [wrong] = page_of(pages, "Wrong question")
    [estonia] = page_of(pages, "Estonia: no plans to deploy")
    assert cheap == wrong == 4 and estonia == 1
    # e-pevkur (page 1) supports "Mines are cheap" (page 4): both ends labelled
    assert ("\u2192", cheap) in stubs(pages[estonia - 1])
    assert ("from", estonia) in stubs(pages[cheap - 1])
    # "Wrong question" attacks the question, printed on every position's page
    assert ("\u2192", 1) in stubs(pages[wrong - 1])
    for k in (1, 2, 3):
        assert ("from", wrong) in stubs(pages[k - 1])
    # the rebuttal under "Humanitarian risk" attacks evidence under "Limited Russian
    # capacity": it is printed there too, with the whole arrow; on page 2 a stub sends on
    assert ("\u2192", 3) in stubs(pages[1])
    assert ("\u2192", 2) in stubs(pages[2])  # and on page 3 its attack on "Humanitarian risk"
    for page_no, page in enumerate(pages, 1):
        for _kind, other in stubs(page):
            assert other != page_no and 1 <= other <= len(pages)
    for s in amap.statements():  # every card whole on some page
        assert page_of(pages, s.title), s.id


def test_a_map_without_cross_links_gets_no_stubs_by_position(qapp, example_path):
    pages = pdf_pages(render_bytes(load_project(example_path).map, "pdf", ExportOptions(paper="a4")))
    assert len(pages) == 3 and not any(stubs(page) for page in pages)


def test_a_picture_with_its_sources_numbers_the_citing_cards(qapp):
    from tests.export_maps import sample_map

    amap = sample_map(with_positions=True)
    with_list = render_bytes(amap, "svg", ExportOptions(sources=True)).decode("utf-8")
    without = render_bytes(amap, "svg", ExportOptions()).decode("utf-8")
    assert "[1]" in with_list and "[2]" in with_list and "1. Ministry of Defence report" in with_list
    assert "[1]" not in without and "[2]" not in without


def test_statements_under_no_position_lying_far_apart_are_laid_out_close_together(qapp, example_path):
    from argmap.ui.render import export_pages as ep

    amap = example_with_cross_links(example_path)
    amap.replace_statement(replace(amap.statement("c-cheap"), pos=(-200.0, 1600.0)))
    _, areas = ep.paper_areas("a4", None)
    rest = ep.position_parts(amap)[-1]
    assert {s.id for s in rest.amap.statements()} == {"c-cheap", "r-q"}
    laid = {s.id: s.pos for s in ep._compact(rest, areas).statements()}
    assert laid == {"c-cheap": None, "r-q": None}  # the picture lays them out afresh, side by side
    kept = ep.position_parts(example_with_cross_links(example_path))[-1]  # one column, 300 apart: kept
    assert {s.id: s.pos for s in ep._compact(kept, areas).statements()} == {"c-cheap": (2300.0, 600.0), "r-q": (2300.0, 300.0)}


def test_tiles_list_their_own_sources_or_leave_all_to_a_last_page(qapp, example_path):
    amap = example_with_three_sources(example_path)
    under = pdf_pages(render_bytes(amap, "pdf", ExportOptions(paper="a4", pages="tiles", legend=True, sources=True)))
    last = pdf_pages(render_bytes(amap, "pdf", ExportOptions(paper="a4", pages="tiles", legend=True, sources=True,
                                                             key_on="last-page")))
    assert len(last) == len(under) + 1 > 2
    assert any(has_text(page, "Supports") for page in under)  # the legend under the map, on its tiles
    lines = source_list(amap)
    for page in under:  # each tile lists the sources its cards cite, numbered as in the whole map
        listed = {n for n, line in enumerate(lines, 1) if has_text(page, line[:40])}
        assert {int(n) for n in re.findall(r"\[(\d+)\]", page)} <= listed and has_text(page, "Sources")
    assert set().union(*({n for n, line in enumerate(lines, 1) if has_text(p, line[:40])} for p in under)) == {1, 2, 3}
    assert not any(has_text(page, "Supports") or has_text(page, "Sources") for page in last[:-1])
    assert has_text(last[-1], "Supports") and all(has_text(last[-1], line[:40]) for line in source_list(amap))
    assert any("[3]" in page for page in last[:-1])  # the cards still carry their numbers


def example_with_a_huge_position(example_path) -> ArgumentMap:  # type: ignore[no-untyped-def]
    """The example with 60 more reasons for "Deterrence need", citing three more reports:
    far too many for one readable page, so that position is tiled."""
    amap = load_project(example_path).map
    for i in range(60):
        amap.add_statement(Statement(f"ex{i}", StatementKind.EVIDENCE, "More figures on stockpiles, as reported. " * 2,
                                     title=f"Extra {i}", source=Source(citation=f"Extra report {i % 3}", quotation="q"),
                                     order=100 + i))
        amap.add_link(Link(f"lx{i}", LinkKind.SUPPORT, (f"ex{i}",), "p-deterrence"))
    return amap


def test_each_tile_of_a_position_split_over_pages_lists_the_sources_its_cards_cite(qapp, example_path):
    amap = example_with_a_huge_position(example_path)
    lines = source_list(amap)
    assert len(lines) == 4
    pages = pdf_pages(render_bytes(amap, "pdf", ExportOptions(paper="a4", sources=True)))
    tiled = [page for page in pages if "Deterrence need (part" in page]
    assert len(tiled) > 1 and len(pages) == len(tiled) + 2  # no page of sources at the end
    seen: set[int] = set()
    for page in tiled:
        listed = {n for n, line in enumerate(lines, 1) if has_text(page, line)}
        markers = {int(n) for n in re.findall(r"\[(\d+)\]", page)}
        assert has_text(page, "Sources") and listed and markers <= listed, (listed, markers)
        seen |= listed
    assert seen == {1, 2, 3, 4}
    assert all(has_text(page, "Sources") and has_text(page, "1. Poland") for page in pages[-2:])


def test_tiles_with_no_room_for_their_sources_leave_them_to_a_last_page(qapp, example_path, monkeypatch):
    from argmap.ui.render import page_footer

    monkeypatch.setattr(page_footer, "MAX_SHARE", 0.0)  # no tile has room for a source list
    amap = example_with_a_huge_position(example_path)
    pages = pdf_pages(render_bytes(amap, "pdf", ExportOptions(paper="a4", sources=True)))
    tiled = [page for page in pages if "Deterrence need (part" in page]
    assert tiled and not any(has_text(page, "Sources") for page in tiled)
    assert "Sources" in pages[-1].split("\u00b7")[1]  # a last page lists every source
    assert all(has_text(pages[-1], line[:30]) for line in source_list(amap))


def test_stubs_between_parts_cover_no_card_and_stay_on_their_page(qapp, example_path):
    from argmap.ui.render import export_pages as ep
    from argmap.ui.render.stubs import _geometry

    amap = example_with_cross_links(example_path)
    options = ExportOptions(paper="a4", legend=True, sources=True).checked()
    _, areas = ep.paper_areas("a4", None)
    pages = ep.plan_document(amap, options, areas)
    try:
        labelled = [page for page in pages if page.links]
        assert len(labelled) == 4  # each position's page (the question) and the last
        for page in labelled:
            cards, _ = _geometry(page.comp)
            for stub in page.links:
                x, y, w, h = stub.label
                box = QRectF(x, y, w, h)
                assert page.window.contains(box), stub.text
                assert [sid for sid, rect in cards.items() if box.intersects(rect)] == [], stub.text
    finally:
        ep.release(pages)
