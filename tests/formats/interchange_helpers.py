"""Helpers for the interchange tests: a canonical, id-free form of a map and a
hypothesis strategy for small random maps with co-premises, undercuts and sources."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from argmap.model import ArgumentMap, Link, LinkKind, MapMeta, Source, Statement, StatementKind


def canonical(amap: ArgumentMap) -> tuple[list[Any], list[Any]]:
    """Statements and links compared by content, never by id."""
    stmts = {s.id: s for s in amap.statements()}
    links = {link.id: link for link in amap.links()}

    def skey(sid: str) -> tuple[Any, ...]:
        s = stmts[sid]
        answers = skey(s.answers) if s.answers else None
        return (s.kind.value, s.title, s.text, tuple(s.tags), repr(s.source), s.notes, answers)

    def lkey(lid: str) -> tuple[Any, ...]:
        link = links[lid]
        target = skey(link.target) if link.target in stmts else ("link", lkey(link.target))
        return (link.kind.value, tuple(sorted(skey(p) for p in link.premises)), target, link.scheme, repr(link.strength), link.notes)

    return sorted(skey(s) for s in stmts), sorted(lkey(l) for l in links)


_words = st.lists(st.sampled_from("mines treaty border risk civilians NATO Estonia it's 5% a-b x_y [1] #tag (a) <b> {c} @d *e* // q&a".split()), min_size=1, max_size=6)
_text = _words.map(" ".join)


@st.composite
def small_maps(draw: st.DrawFn) -> ArgumentMap:
    n = draw(st.integers(1, 7))
    statements = []
    for i in range(n):
        kind = draw(st.sampled_from(list(StatementKind)))
        source = None
        if draw(st.booleans()) and draw(st.booleans()):
            source = Source(citation=draw(_text), url="https://example.org/" + str(i), quotation=draw(_text))
        title = draw(st.sampled_from(["", "", f"T{i}", "Same title"]))
        tags = tuple(draw(st.lists(st.sampled_from(["ban", "two words", "x-y"]), max_size=2, unique=True)))
        statements.append(Statement(f"s{i}", kind, draw(_text), title=title, tags=tags, source=source))
    titles = [s.title for s in statements if s.title]
    if len(titles) != len(set(titles)):
        statements = [s if s.title != "Same title" or i == 0 else Statement(s.id, s.kind, s.text, tags=s.tags, source=s.source) for i, s in enumerate(statements)]
    links: list[Link] = []
    for j in range(draw(st.integers(0, 8))):
        ids = [s.id for s in statements]
        target_is_link = links and draw(st.booleans()) and draw(st.booleans())
        if target_is_link:
            target = draw(st.sampled_from([l.id for l in links]))
            kind = LinkKind.ATTACK
        else:
            target = draw(st.sampled_from(ids))
            kind = draw(st.sampled_from(list(LinkKind)))
        pool = [i for i in ids if i != target]
        if not pool:
            continue
        premises = tuple(draw(st.lists(st.sampled_from(pool), min_size=1, max_size=3, unique=True)))
        scheme = draw(st.sampled_from(["", "", "Expert opinion"]))
        if any(l.kind is kind and set(l.premises) == set(premises) and l.target == target for l in links):
            continue
        links.append(Link(f"l{j}", kind, premises, target, scheme=scheme))
    return ArgumentMap.from_parts(MapMeta(title="Random map"), statements, links)
