"""Argdown written by argmap reads back whole (issue 14): comment markers in tags, notes
and metadata; empty maps; runs of '='; texts-less argument blocks; self-attacks."""

from __future__ import annotations

import pytest

from argmap.formats.argdown_read import loads_argdown
from argmap.formats.argdown_write import dumps_argdown
from argmap.model import ArgumentMap, Link, LinkKind, MapMeta, Statement, StatementKind


def _round_trip(amap: ArgumentMap) -> ArgumentMap:
    text, _ = dumps_argdown(amap)
    back, _ = loads_argdown(text)
    return back


@pytest.mark.parametrize(
    "tag", ["x <!-- y", "a --> b", "c /* d", "e */ f", "g // h", "(paren)", "two  spaces", "#hash"]
)
def test_a_tag_with_comment_markers_does_not_swallow_the_statement(tag):
    s = Statement("a", StatementKind.CLAIM, "plain", tags=(tag, "ok"), notes='d"} --> e /* f <!-- g')
    amap = ArgumentMap.from_parts(MapMeta(), [s], [])
    (back,) = _round_trip(amap).statements()
    assert (back.text, back.tags, back.notes) == ("plain", (tag, "ok"), s.notes)


def test_metadata_with_comment_markers_survives():
    meta = MapMeta(title="T <!-- x", description="y --> /* z", extras=(("k", "a <!-- b // c"),))
    amap = ArgumentMap.from_parts(meta, [Statement("a", StatementKind.CLAIM, "text")], [])
    back = _round_trip(amap)
    assert (back.meta.title, back.meta.description, back.meta.extras) == (meta.title, meta.description, meta.extras)
    assert [s.text for s in back.statements()] == ["text"]


def test_parallel_duplicate_links_stay_distinct():
    a, b = Statement("a", StatementKind.CLAIM, "A"), Statement("b", StatementKind.CLAIM, "B")
    links = [Link("l1", LinkKind.SUPPORT, ("b",), "a"), Link("l2", LinkKind.SUPPORT, ("b",), "a"),
             Link("l3", LinkKind.ATTACK, ("b",), "a")]
    back = _round_trip(ArgumentMap.from_parts(MapMeta(), [a, b], links))
    kinds = sorted(link.kind.value for link in back.links())
    assert kinds == ["attack", "support", "support"]


def test_a_self_attack_and_a_repeated_relation_are_reported():
    amap, report = loads_argdown("[A]: a claim that defeats itself\n  - [A]\n\n[B]: b\n  + [C]: c\n  + [C]\n")
    note = report.find("to itself")
    assert note is not None and note.count == 1
    merged = report.find("given twice")
    assert merged is not None and merged.count == 1
    assert len(amap.links()) == 1
