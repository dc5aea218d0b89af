"""Read the Potsdam argumentative microtext corpus format (``<arggraph>`` XML).

A file holds the text cut into elementary discourse units (``<edu>``), argumentative
discourse units (``<adu type="pro|opp">``, the proponent's or the opponent's), optional
``<joint>`` units that join several EDUs, and typed ``<edge src= trg= type=>``:

- ``seg``: an EDU (or joint) makes up an ADU (or joint): the ADU's text;
- ``sup`` (support) and ``exa`` (support by example): ADU to ADU, a support link;
- ``reb`` (rebut): ADU to ADU, an attack link;
- ``und`` (undercut): ADU to an edge, an attack on that link;
- ``add`` (linked premise): ADU to an edge, one more premise of that link.

ADUs become statements (an opponent's ADU is tagged ``opponent``), the other edges
links with the edge's id; the topic becomes the title. Everything goes through the one
safe XML entry point.
"""

from __future__ import annotations

import os

from argmap.formats.errors import InvalidContentError, WrongFormatError
from argmap.formats.foreign import build_map, drop_broken_chains, finish_kinds, set_extra
from argmap.formats.report import ImportReport
from argmap.formats.xml_safe import parse_xml_safely
from argmap.model import ArgumentMap, Link, LinkKind, MapMeta, Statement, StatementKind

FORMAT = "microtext arggraph"
_RELATIONS = {"sup": (LinkKind.SUPPORT, ""), "exa": (LinkKind.SUPPORT, "example"), "reb": (LinkKind.ATTACK, "")}


def looks_like_arggraph(data: bytes) -> bool:
    return b"<arggraph" in data[:4096]


def loads_arggraph(data: bytes, path: str | os.PathLike[str] = "<arggraph>") -> tuple[ArgumentMap, ImportReport]:
    root = parse_xml_safely(data, path)
    if _local(root.tag) != "arggraph":
        raise WrongFormatError(path, f"is XML but not a microtext arggraph (the top element is <{_local(root.tag)}>)")
    report = ImportReport(path=os.fspath(path), fmt=FORMAT)
    texts: dict[str, str] = {}
    adus: dict[str, str] = {}
    joints: set[str] = set()
    edges: list[tuple[str, str, str, str]] = []
    for i, el in enumerate(root):
        tag, ident = _local(el.tag), el.get("id") or ""
        if tag == "edu":
            texts[ident] = " ".join("".join(el.itertext()).split())
        elif tag == "adu":
            adus[ident] = (el.get("type") or "pro").lower()
        elif tag == "joint":
            joints.add(ident)
        elif tag == "edge":
            edges.append((ident or f"c{i}", el.get("src") or "", el.get("trg") or "", (el.get("type") or "").lower()))
        else:
            report.dropped("elements argmap does not read", tag)
    if not adus:
        raise InvalidContentError(path, "has no <adu> elements (no argument to read)")

    # Segmentation: EDU -> (joint ->) ADU; an ADU's text is its EDUs' texts in order.
    parts: dict[str, list[str]] = {}
    for _eid, src, trg, kind in edges:
        if kind == "seg":
            parts.setdefault(trg, []).append(src)

    def text_of(unit: str, seen: frozenset[str] = frozenset()) -> str:
        if unit in texts:
            return texts[unit]
        if unit in seen:
            return ""
        return " ".join(t for t in (text_of(p, seen | {unit}) for p in sorted(parts.get(unit, []), key=_order)) if t)

    statements = []
    for aid in sorted(adus, key=_order):
        text = text_of(aid)
        if not text:
            report.repaired("ADUs with no text segmented into them (the id is used)", aid)
            text = aid
        tags = ("opponent",) if adus[aid] == "opp" else ()
        statements.append(Statement(aid, StatementKind.CLAIM, text, tags=tags))

    links: dict[str, Link] = {}
    for eid, src, trg, kind in edges:
        if kind in _RELATIONS:
            if src not in adus or trg not in adus:
                report.dropped("edges between units that are not ADUs", f"{eid}: {src} -> {trg}")
                continue
            link_kind, scheme = _RELATIONS[kind]
            links[eid] = Link(eid, link_kind, (src,), trg, scheme=scheme)
    for eid, src, trg, kind in edges:
        if kind == "add":
            link = links.get(trg)
            if link is None or src not in adus:
                report.dropped("linked premises ('add') of no support or rebuttal", f"{eid}: {src} -> {trg}")
                continue
            if src not in link.premises:
                links[trg] = Link(link.id, link.kind, (*link.premises, src), link.target, scheme=link.scheme)
        elif kind == "und":
            if src not in adus:
                report.dropped("undercuts from units that are not ADUs", f"{eid}: {src}")
                continue
            links[eid] = Link(eid, LinkKind.ATTACK, (src,), trg)
        elif kind not in _RELATIONS and kind != "seg":
            report.dropped("edges of unknown type", f"{eid}: {kind or 'no type'}")
    ordered = sorted(links.values(), key=lambda link: _order(link.id))
    ordered = drop_broken_chains(ordered, lambda l: l.id, lambda l: l.target, lambda t: t not in adus, report, "edges")
    kept = ordered  # undercuts of edges that are not links were dropped, and reported
    examples = sum(1 for link in kept if link.scheme == "example")
    if examples:
        report.noted("supports by example ('exa') kept as supports with scheme 'example'", count=examples)
    statements = finish_kinds(statements, kept, set())
    topic = root.get("topic_id") or ""
    meta = MapMeta(title=topic.replace("_", " ").strip().capitalize() if topic else (root.get("id") or ""))
    meta = set_extra(meta, "microtext", {k: v for k, v in root.attrib.items() if k in ("id", "topic_id", "stance")})
    amap = build_map(path, meta, statements, kept, report=report)
    report.statements = len(statements)
    report.links = len(kept)
    return amap, report


def _local(tag: object) -> str:
    return str(tag).rsplit("}", 1)[-1]


def _order(ident: str) -> tuple[str, int, str]:
    """Sort ``a2`` before ``a10``."""
    head = ident.rstrip("0123456789")
    tail = ident[len(head):]
    return (head, int(tail) if tail and len(tail) < 10 else 0, ident)


