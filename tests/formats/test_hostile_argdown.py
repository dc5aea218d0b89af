"""Argdown with hostile text: characters that are not line breaks in Argdown, escaped
comment openers and titles with comment markers survive a write-then-read round trip."""

from __future__ import annotations

import pytest

from argmap.formats.argdown_read import loads_argdown
from argmap.formats.argdown_write import dumps_argdown
from argmap.model import ArgumentMap, Link, LinkKind, MapMeta, Statement, StatementKind


def _roundtrip(statements: list[Statement], links: list[Link] = ()) -> ArgumentMap:
    text, _report = dumps_argdown(ArgumentMap.from_parts(MapMeta(title="T"), statements, links))
    amap, _report = loads_argdown(text)
    return amap


@pytest.mark.parametrize("odd", ["\u2028", "\u2029", "\x0b", "\x0c", "\x1c", "\x1e", "\x85"])
def test_unicode_line_separators_stay_inside_the_statement(odd):
    amap = _roundtrip([Statement(id="a", kind=StatementKind.POSITION, text=f"one{odd}two")])
    assert [s.text for s in amap.statements()] == [f"one{odd}two"]


def test_an_escaped_html_comment_opener_does_not_swallow_later_statements():
    statements = [
        Statement(id="a", kind=StatementKind.POSITION, text="Text with <!-- in it."),
        Statement(id="b", kind=StatementKind.CLAIM, text="A reason."),
        Statement(id="c", kind=StatementKind.CLAIM, text="Closes a comment --> here."),
    ]
    links = [Link("l1", LinkKind.SUPPORT, ("b",), "a"), Link("l2", LinkKind.SUPPORT, ("c",), "a")]
    amap = _roundtrip(statements, links)
    assert sorted(s.text for s in amap.statements()) == sorted(s.text for s in statements)
    assert len(amap.links()) == 2


def test_escaped_comment_opener_in_hand_written_argdown():
    amap, _report = loads_argdown("[A]: keep \\<!-- this\n\n[B]: and this -->\n")
    assert sorted(s.text for s in amap.statements()) == ["and this -->", "keep <!-- this"]


@pytest.mark.parametrize("title", ["see //here", "a /* b */ c", "x <!-- y"])
def test_a_title_with_comment_markers_keeps_its_text(title):
    amap = _roundtrip([Statement(id="a", kind=StatementKind.POSITION, title=title, text="The text.")])
    (s,) = amap.statements()
    assert s.text == "The text."
    assert s.title.replace(" ", "").replace("(", "<") == title.replace(" ", "")
