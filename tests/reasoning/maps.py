"""Small purpose-built maps for the reasoning tests."""

from __future__ import annotations

from argmap.model import ArgumentMap, Link, LinkKind, MapMeta, Source, SourceDocument, Statement, StatementKind

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
