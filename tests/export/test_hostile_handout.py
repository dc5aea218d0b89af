"""Handouts of hostile maps: a chain of reasons hundreds of levels deep is written in
full (deep levels continue at the top level) instead of failing with a RecursionError."""

from __future__ import annotations

import pytest

from argmap.export.handout import handout_html, handout_markdown, write_handout
from argmap.export.handout_outline import MAX_DEPTH, build_outline
from argmap.model import ArgumentMap, Link, LinkKind, MapMeta, Statement, StatementKind

DEPTH = 1200  # deeper than Python's default recursion limit


def _chain(n: int) -> ArgumentMap:
    statements = [Statement(id="s0", kind=StatementKind.POSITION, text="Claim 0.")]
    statements += [Statement(id=f"s{i}", kind=StatementKind.CLAIM, text=f"Claim {i}.") for i in range(1, n)]
    links = [
        Link(f"l{i}", LinkKind.SUPPORT if i % 2 else LinkKind.ATTACK, (f"s{i}",), f"s{i - 1}") for i in range(1, n)
    ]
    return ArgumentMap.from_parts(MapMeta(title="Deep"), statements, links)


def _depth(entries) -> int:
    deepest, stack = 0, [(e, 1) for e in entries]
    while stack:
        e, d = stack.pop()
        deepest = max(deepest, d)
        stack.extend((m, d + 1) for g in e.groups for m in (*g.members, *g.undercuts))
    return deepest


def test_a_deep_chain_nests_no_deeper_than_the_limit():
    outline = build_outline(_chain(DEPTH))
    assert _depth(outline.others) <= MAX_DEPTH + 1
    assert len(outline.others) >= DEPTH // MAX_DEPTH  # the chain continues at the top level


@pytest.mark.parametrize("render", [handout_markdown, handout_html])
def test_a_deep_chain_is_written_in_full(render):
    text = render(_chain(DEPTH))
    for i in range(DEPTH):
        assert f"Claim {i}." in text
    assert "continued below" in text


def test_deep_worksheet_files_are_written(tmp_path):
    paths = write_handout(tmp_path / "deep.md", _chain(DEPTH), worksheet="claim")
    assert [p.name for p in paths] == ["deep.md", "deep.key.md"]
    assert "Claim 1199." in paths[1].read_text(encoding="utf-8")
