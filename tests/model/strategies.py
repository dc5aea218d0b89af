"""Hypothesis strategies for valid argument maps (odd Unicode, co-premises, undercuts,
attacks on attacks, positions answering questions), shared by model and format tests."""

from __future__ import annotations

from hypothesis import strategies as st

from argmap.model import (
    ArgumentMap,
    Basis,
    Link,
    LinkKind,
    MapMeta,
    Rating,
    Source,
    SourceDocument,
    Statement,
    StatementKind,
    Strength,
)

# Text of every kind hypothesis can make (no lone surrogates: those are not text), plus
# hand-picked troublemakers: RTL marks, line separators, emoji with joiners, NUL.
ODD = st.sampled_from(
    ["", "\u202e", "\u2028", "\x00", "e\u0301", "\U0001f469\u200d\U0001f4bb", "\ufeff", '"\\', "</script>"]
)
TEXT = st.one_of(st.text(max_size=40), ODD, st.tuples(st.text(max_size=10), ODD).map("".join))
ID = st.text(min_size=1, max_size=6).filter(lambda s: s == s.strip())
COORD = st.floats(min_value=-1e7, max_value=1e7, allow_nan=False, allow_infinity=False)
POS = st.none() | st.tuples(COORD, COORD)

SOURCE = st.builds(
    Source,
    citation=TEXT,
    quotation=TEXT,
    url=TEXT,
    locator=TEXT,
    date=TEXT,
    basis=st.none() | st.sampled_from(list(Basis)),
)


@st.composite
def statement_values(draw: st.DrawFn, sid: str, kind: StatementKind, answers: str | None = None) -> Statement:
    return Statement(
        id=sid,
        kind=kind,
        text=draw(TEXT),
        title=draw(st.sampled_from(["", "T"]) | TEXT),
        notes=draw(st.just("") | TEXT),
        tags=tuple(draw(st.lists(TEXT, max_size=3))),
        pos=draw(POS),
        source=draw(st.none() | SOURCE) if kind is StatementKind.EVIDENCE else None,
        answers=answers,
        order=draw(st.just(0.0) | COORD),
        rating=draw(st.none() | st.sampled_from(list(Rating))),
        credence=draw(st.none() | st.integers(0, 100)),
    )


@st.composite
def maps(draw: st.DrawFn, max_statements: int = 8, max_links: int = 8) -> ArgumentMap:
    """A valid map: draws ids, then statements, then links that only point at statements
    or earlier links (so attacks on attacks never loop)."""
    ids = draw(st.lists(ID, min_size=1, max_size=max_statements + max_links, unique=True))
    n_statements = draw(st.integers(1, min(len(ids), max_statements)))
    sids, lids = ids[:n_statements], ids[n_statements:][:max_links]
    kinds = [draw(st.sampled_from(list(StatementKind))) for _ in sids]
    questions = [s for s, k in zip(sids, kinds) if k is StatementKind.QUESTION]
    statements = []
    for sid, kind in zip(sids, kinds):
        answers = None
        if kind is StatementKind.POSITION and questions:
            answers = draw(st.none() | st.sampled_from(questions))
        statements.append(draw(statement_values(sid, kind, answers)))
    links: list[Link] = []
    for lid in lids:
        if len(sids) < 2 and not links:
            break
        kind = draw(st.sampled_from(list(LinkKind)))
        targets = list(sids)
        if kind is LinkKind.ATTACK:
            targets += [link.id for link in links]
        target = draw(st.sampled_from(targets))
        candidates = [s for s in sids if s != target]
        if not candidates:
            continue
        premises = draw(st.lists(st.sampled_from(candidates), min_size=1, max_size=3, unique=True))
        links.append(
            Link(
                lid,
                kind,
                tuple(premises),
                target,
                strength=draw(st.none() | st.sampled_from(list(Strength))),
                scheme=draw(st.just("") | TEXT),
                notes=draw(st.just("") | TEXT),
            )
        )
    meta = MapMeta(
        title=draw(TEXT),
        description=draw(TEXT),
        authors=tuple(draw(st.lists(TEXT, max_size=2))),
        created=draw(st.just("") | st.just("2025-03-01T10:00:00Z")),
        modified=draw(st.just("") | TEXT),
        sources=tuple(
            SourceDocument(i, t) for i, t in zip(draw(st.lists(ID, max_size=2, unique=True)), ["A", "B"])
        ),
        extras=tuple(sorted(draw(st.dictionaries(ID, st.integers() | TEXT | st.lists(st.booleans()), max_size=2)).items())),
    )
    return ArgumentMap.from_parts(meta, statements, links)
