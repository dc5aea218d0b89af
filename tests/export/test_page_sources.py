"""The source list of paged output, without Qt: one numbering for the whole document (the
same as the picture footer's), and the lines each page's cards cite."""

from __future__ import annotations

from argmap.export.handout import source_list
from argmap.export.page_sources import numbered_sources
from argmap.model import ArgumentMap, Link, MapMeta, Source, SourceDocument, Statement
from tests.model.maps import SUP, E, P, Q


def cited_map() -> ArgumentMap:
    """Two positions; e1 and e3 cite report A, e2 cites B; a document nobody cites."""
    a = Source(citation="Report A", url="https://a.example/", date="2025")
    b = Source(citation="Article B")
    return ArgumentMap.from_parts(
        MapMeta(sources=(SourceDocument("d", "Unused notes", url="https://notes.example/"),)),
        [
            Statement("q", Q, "Q?"), Statement("p1", P, "Yes", answers="q", order=1),
            Statement("p2", P, "No", answers="q", order=2),
            Statement("e1", E, "One", source=a, order=1), Statement("e2", E, "Two", source=b, order=2),
            Statement("e3", E, "Three", source=a, order=3),
        ],
        [Link("l1", SUP, ("e1",), "p1"), Link("l2", SUP, ("e2",), "p2"), Link("l3", SUP, ("e3",), "p2")],
    )


def test_numbers_and_lines_are_those_of_the_whole_map():
    amap = cited_map()
    numbered = numbered_sources(amap)
    assert numbered.all_lines() == source_list(amap)
    assert numbered.cited_by == {"e1": 1, "e3": 1, "e2": 2}
    assert numbered.uncited == (3,)


def test_a_page_lists_only_what_its_cards_cite_keeping_the_numbers():
    numbered = numbered_sources(cited_map())
    assert numbered.for_statements({"q", "p2", "e2"}) == ["2. Article B"]
    assert numbered.for_statements({"q", "p2", "e2", "e3"}) == ["1. Report A (2025). https://a.example/", "2. Article B"]
    assert numbered.for_statements({"q", "p1"}) == []
    last = numbered.for_statements({"p1", "e1"}, uncited=True)
    assert last == ["1. Report A (2025). https://a.example/", "3. Unused notes. https://notes.example/"]
