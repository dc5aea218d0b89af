"""One sub-map extractor: a new map holding some statements of a map and the links
among them. Two modes, for the two uses:

- ``"trim"`` (exports, handouts, pages): every link with at least one chosen premise
  that points at a chosen statement or link (or is chosen itself) is kept, its other
  premises dropped; links attacking a dropped link go too. The map's metadata is kept.
- ``"whole"`` (the clipboard): only links whose premises and target are all chosen
  (and links attacking those), unchanged. The metadata is left empty.

In both, a position keeps ``answers`` only if its question is chosen."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from argmap.model.argument_map import ArgumentMap
from argmap.model.types import Link, MapMeta, replace

SubmapMode = Literal["trim", "whole"]


def submap(amap: ArgumentMap, ids: Iterable[str], mode: SubmapMode = "trim") -> ArgumentMap:
    """The statements of ``amap`` named in ``ids`` with the links among them (see the
    module docstring for the two modes). Ids that name nothing are ignored."""
    wanted = set(ids)
    keep = {i for i in wanted if amap.is_statement(i)}
    statements = [replace(s, answers=s.answers if s.answers in keep else None) for s in amap.statements() if s.id in keep]
    if mode == "whole":
        return ArgumentMap.from_parts(MapMeta(), statements, _whole_links(amap, keep).values())
    if mode != "trim":
        raise ValueError(f"unknown sub-map mode {mode!r}; use 'trim' or 'whole'")
    links: dict[str, Link] = {}
    for link in amap.links():
        premises = tuple(p for p in link.premises if p in keep)
        if premises and (link.id in wanted or link.target in wanted):
            links[link.id] = replace(link, premises=premises)
    changed = True
    while changed:  # drop links whose target link was dropped (chains of undercuts)
        changed = False
        for lid, link in list(links.items()):
            if link.target not in keep and link.target not in links:
                del links[lid]
                changed = True
    return ArgumentMap.from_parts(amap.meta, statements, links.values())


def _whole_links(amap: ArgumentMap, keep: set[str]) -> dict[str, Link]:
    links: dict[str, Link] = {}
    changed = True
    while changed:  # links among the chosen statements, then undercuts among those
        changed = False
        for link in amap.links():
            if link.id in links:
                continue
            if all(p in keep for p in link.premises) and (link.target in keep or link.target in links):
                links[link.id] = link
                changed = True
    return links
