"""Small purpose-built maps for the reasoning tests, and random ones (hypothesis)."""

from __future__ import annotations

from hypothesis import strategies as st

from argmap.model import (
    ArgumentMap,
    Basis,
    Link,
    LinkKind,
    MapError,
    MapMeta,
    Rating,
    Source,
    SourceDocument,
    Statement,
    StatementKind,
    Strength,
)

K = StatementKind


def make_map(statements, links=(), meta: MapMeta | None = None) -> ArgumentMap:
    """``statements``: id -> kind, or id -> (kind, text), or a Statement;
    ``links``: (id, "support"|"attack", premises (str or tuple), target)."""
    items = []
    for sid, spec in statements.items():
        if isinstance(spec, Statement):
            items.append(spec)
            continue
        kind, text = (spec, f"Statement {sid}") if isinstance(spec, StatementKind) else spec
        items.append(Statement(sid, kind, text))
    built = []
    for lid, kind, premises, target in links:
        premises = (premises,) if isinstance(premises, str) else tuple(premises)
        built.append(Link(lid, LinkKind(kind), premises, target))
    return ArgumentMap.from_parts(meta or MapMeta(), items, built)


def chain(*names: str, kind: StatementKind = K.CLAIM) -> ArgumentMap:
    """a attacks b attacks c ... (link ids a>b, b>c, ...)."""
    links = [(f"{a}>{b}", "attack", a, b) for a, b in zip(names, names[1:])]
    return make_map({n: kind for n in names}, links)


def cycle(*names: str) -> ArgumentMap:
    """a attacks b attacks ... attacks a."""
    links = [(f"{a}>{b}", "attack", a, b) for a, b in zip(names, names[1:] + names[:1])]
    return make_map({n: K.CLAIM for n in names}, links)


def evidence(sid: str, text: str, quotation: str = "", citation: str = "", source: bool = True) -> Statement:
    src = Source(citation=citation, quotation=quotation) if source else None
    return Statement(sid, K.EVIDENCE, text, source=src)


def seed_meta(path: str, title: str = "Seed article", doc_id: str = "seed") -> MapMeta:
    return MapMeta(title="t", sources=(SourceDocument(doc_id, title, path=path),))


_SOURCES = [None, Source(citation="x", basis=Basis.STUDY)]
_RATINGS = [None, None, Rating.ACCEPTED, Rating.REJECTED]
_STRENGTHS = [None, None, Strength.STRONG, Strength.WEAK, Strength.NONE]


@st.composite
def random_maps(draw, max_statements: int = 6, max_links: int = 7, plain: bool = False) -> ArgumentMap:
    """Random small maps of claims and links (attacks twice as likely, undercuts too);
    unless ``plain``, with sources, ratings and link strengths for weighing."""
    n = draw(st.integers(1, max_statements))
    m = ArgumentMap()
    for i in range(n):
        source = None if plain else draw(st.sampled_from(_SOURCES))
        rating = None if plain else draw(st.sampled_from(_RATINGS))
        m.add_statement(Statement(f"s{i}", StatementKind.CLAIM, f"text {i}", source=source, rating=rating))
    for j in range(draw(st.integers(0, max_links))):
        kind = draw(st.sampled_from([LinkKind.ATTACK, LinkKind.ATTACK, LinkKind.SUPPORT]))
        premises = draw(st.lists(st.integers(0, n - 1), min_size=1, max_size=2, unique=True))
        targets = [s.id for s in m.statements()]
        if kind is LinkKind.ATTACK:
            targets += [link.id for link in m.links()]
        target = draw(st.sampled_from(targets))
        strength = None if plain else draw(st.sampled_from(_STRENGTHS))
        try:
            m.add_link(Link(f"l{j}", kind, tuple(f"s{p}" for p in premises), target, strength=strength))
        except MapError:
            pass
    return m
