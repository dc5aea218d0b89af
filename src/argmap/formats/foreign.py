"""Helpers shared by the readers and writers of foreign formats: one rule for statement
kinds, safe ids, extras, building the map and laying out statements without positions."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

from argmap.formats.errors import InvalidContentError
from argmap.formats.reading import check_map_size
from argmap.formats.report import ImportReport
from argmap.model import (
    ArgumentMap,
    Basis,
    Link,
    LinkKind,
    MAX_COORDINATE,
    MapError,
    MapMeta,
    Rating,
    Source,
    Statement,
    StatementKind,
    Strength,
)
from argmap.model.types import finite_pos, replace

T = TypeVar("T")


def infer_kinds(statements: Iterable[Statement], links: Iterable[Link]) -> dict[str, StatementKind]:
    """The kind a statement gets when its file does not say, from its place in the graph.

    - a premise of an attack and of no support: ``rebuttal``;
    - a premise of some link: ``evidence`` when it has a source, else ``claim``;
    - a premise of nothing but the target of some link: ``position`` (a root);
    - premise of nothing and target of nothing: ``claim``.
    """
    supports: set[str] = set()
    attacks: set[str] = set()
    targets: set[str] = set()
    for link in links:
        (supports if link.kind is LinkKind.SUPPORT else attacks).update(link.premises)
        targets.add(link.target)
    out = {}
    for s in statements:
        if s.id in attacks and s.id not in supports:
            kind = StatementKind.REBUTTAL
        elif s.id in attacks or s.id in supports:
            kind = StatementKind.EVIDENCE if s.source is not None else StatementKind.CLAIM
        elif s.id in targets:
            kind = StatementKind.POSITION
        else:
            kind = StatementKind.CLAIM
        out[s.id] = kind
    return out


_ID_BAD = re.compile(r"\s+")


class IdMaker:
    """Turns foreign ids (strings or numbers, possibly clashing) into unique model ids."""

    def __init__(self, prefix: str = "n") -> None:
        self.prefix = prefix
        self.used: set[str] = set()
        self._counter = 0

    def make(self, foreign: object = None) -> str:
        base = _ID_BAD.sub("_", str(foreign).strip()) if foreign not in (None, "") else ""
        if not base:
            self._counter += 1
            base = f"{self.prefix}{self._counter}"
        candidate, n = base, 1
        while candidate in self.used:
            n += 1
            candidate = f"{base}~{n}"
        self.used.add(candidate)
        return candidate


def set_extra(meta: MapMeta, key: str, value: Any) -> MapMeta:
    """``meta`` with ``extras[key] = value`` (replacing an old value; ``None`` removes it)."""
    rest = tuple((k, v) for k, v in meta.extras if k != key)
    if value is None or value == {} or value == []:
        return replace(meta, extras=rest)
    return replace(meta, extras=rest + ((key, value),))


def get_extra(meta: MapMeta, key: str, default: Any = None) -> Any:
    for k, v in meta.extras:
        if k == key:
            return v
    return default


def build_map(
    path: str | os.PathLike[str] | None,
    meta: MapMeta,
    statements: Iterable[Statement],
    links: Iterable[Link],
    report: ImportReport | None = None,
) -> ArgumentMap:
    """Build the map (checking every invariant). Statements without a position stay so:
    whoever uses the map places them (``argmap.layout.with_layout``; the canvas lays
    them out itself). Positions outside the coordinate range (``MAX_COORDINATE``) are
    dropped (the statement is placed again), and noted in ``report``. A broken invariant
    here is a reader bug, reported as a file error."""
    statements = repair_positions(statements, report)
    links = list(links)
    check_map_size(len(statements) + len(links), path or "<input>")
    try:
        return ArgumentMap.from_parts(meta, statements, links)
    except MapError as exc:
        raise InvalidContentError(path, f"could not be turned into a map: {exc}") from None


def repair_positions(statements: Iterable[Statement], report: ImportReport | None) -> list[Statement]:
    """``statements`` with every position that is not two finite numbers within
    ±``MAX_COORDINATE`` removed (so that the statement is laid out again)."""
    out = []
    for s in statements:
        if s.pos is not None and not finite_pos(s.pos):
            if report is not None:
                report.repaired(
                    f"positions outside the coordinate range ±{MAX_COORDINATE:g} (laid out again)", f"{s.id} at {s.pos!r}"
                )
            s = replace(s, pos=None)
        out.append(s)
    return out


def clean_text(text: object) -> str:
    """Text from a foreign file as a string, with surrounding blanks removed."""
    if text is None:
        return ""
    return str(text).strip()


# ------------------------------------------------- argmap fields carried in foreign files
def source_data(src: Source) -> dict[str, str]:
    pairs = (
        ("citation", src.citation),
        ("quotation", src.quotation),
        ("url", src.url),
        ("locator", src.locator),
        ("date", src.date),
        ("basis", src.basis.value if src.basis else ""),
    )
    return {k: v for k, v in pairs if v}


def statement_data(s: Statement, kind: bool = True, title: bool = True, tags: bool = True) -> dict[str, Any]:
    """argmap's own fields of a statement that a foreign format has no place for
    (non-default values only; ``kind``/``title``/``tags`` can be left to the format)."""
    out: dict[str, Any] = {}
    if kind:
        out["kind"] = s.kind.value
    if title and s.title:
        out["title"] = s.title
    if s.notes:
        out["notes"] = s.notes
    if tags and s.tags:
        out["tags"] = list(s.tags)
    if s.source is not None:
        out["source"] = source_data(s.source)
    if s.answers is not None:
        out["answers"] = s.answers
    if s.order:
        out["order"] = s.order
    if s.rating is not None:
        out["rating"] = s.rating.value
    if s.credence is not None:
        out["credence"] = s.credence
    return out


def link_data(link: Link) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if link.strength is not None:
        out["strength"] = link.strength.value
    if link.notes:
        out["notes"] = link.notes
    return out


def _enum(cls: Any, value: Any) -> Any:
    try:
        return cls(value)
    except ValueError:
        return None


def source_from_data(data: Any) -> Source | None:
    if not isinstance(data, Mapping):
        return None
    kw = {k: str(data[k]) for k in ("citation", "quotation", "url", "locator", "date") if isinstance(data.get(k), (str, int, float))}
    basis = _enum(Basis, data.get("basis")) if data.get("basis") else None
    src = Source(basis=basis, **kw)
    return None if src.is_empty() else src


def statement_from_data(s: Statement, data: Any, report: ImportReport, where: str) -> Statement:
    """``s`` with the argmap fields found in ``data`` (unknown or bad values are reported
    and ignored; ``answers`` is checked later, when all statements are known)."""
    if not isinstance(data, Mapping):
        report.dropped("argmap data that is not an object", where)
        return s
    kw: dict[str, Any] = {}
    if "kind" in data:
        kind = _enum(StatementKind, data["kind"])
        if kind is None:
            report.dropped("unknown statement kinds (the usual kind was used)", f"{where}: {data['kind']!r}")
        else:
            kw["kind"] = kind
    for key in ("title", "notes"):
        if isinstance(data.get(key), str):
            kw[key] = data[key]
    if isinstance(data.get("tags"), list):
        kw["tags"] = tuple(str(t) for t in data["tags"] if isinstance(t, (str, int, float)))
    if "source" in data:
        kw["source"] = source_from_data(data["source"])
    if isinstance(data.get("answers"), (str, int)):
        kw["answers"] = str(data["answers"])
    order = data.get("order")
    if isinstance(order, (int, float)) and not isinstance(order, bool) and abs(order) <= 1e300:
        kw["order"] = float(order)  # (a huge integer would not convert; NaN fails the test)
    if data.get("rating") is not None:
        kw["rating"] = _enum(Rating, data["rating"])
    credence = data.get("credence")
    if isinstance(credence, int) and not isinstance(credence, bool) and 0 <= credence <= 100:
        kw["credence"] = credence
    return replace(s, **kw)


def link_from_data(link: Link, data: Any) -> Link:
    if not isinstance(data, Mapping):
        return link
    kw: dict[str, Any] = {}
    if data.get("strength") is not None:
        kw["strength"] = _enum(Strength, data["strength"])
    if isinstance(data.get("notes"), str):
        kw["notes"] = data["notes"]
    return replace(link, **kw)


def check_answers(statements: list[Statement], report: ImportReport) -> list[Statement]:
    """Drop ``answers`` that name no question (a position must answer a question)."""
    questions = {s.id for s in statements if s.kind is StatementKind.QUESTION}
    out = []
    for s in statements:
        if s.answers is not None and (s.kind is not StatementKind.POSITION or s.answers not in questions or s.answers == s.id):
            report.dropped("'answers' references to no question", s.id)
            s = replace(s, answers=None)
        out.append(s)
    return out


def finish_kinds(statements: list[Statement], links: list[Link], explicit: set[str]) -> list[Statement]:
    """Give statements whose kind the file did not state the kind of ``infer_kinds``."""
    inferred = infer_kinds(statements, links)
    # A statement already of its inferred kind is kept as it is (no copy per statement).
    return [s if s.id in explicit or s.kind is inferred[s.id] else replace(s, kind=inferred[s.id]) for s in statements]


def drop_broken_chains(
    items: list[T],
    node_of: Callable[[T], str],
    target_of: Callable[[T], str],
    aims_at_link: Callable[[str], bool],
    report: ImportReport,
    links_called: str = "links",
) -> list[T]:
    """Leave out links aimed at a link that is not there (or was left out) and attack
    chains that come back to themselves or run into such a loop (an attack on an attack
    on ... the first attack); repeat until nothing changes.

    ``node_of(item)`` is the id other items aim at (several items may share one: the
    first counts), ``target_of(item)`` what the item aims at, and ``aims_at_link(target)``
    tells a link target from a statement; ``links_called`` names links in the report.
    """
    while True:
        first: dict[str, T] = {}
        for item in items:
            first.setdefault(node_of(item), item)
        keep = []
        for item in items:
            target = target_of(item)
            if aims_at_link(target):
                if target not in first:
                    report.dropped(f"attacks on {links_called} that were left out", f"{node_of(item)} -> {target}")
                    continue
                if _chain_returns(item, first, node_of, target_of, aims_at_link):
                    report.dropped("attacks in a cycle of attacks on attacks", node_of(item))
                    continue
            keep.append(item)
        if len(keep) == len(items):
            return keep
        items = keep


def _chain_returns(
    item: T,
    first: dict[str, T],
    node_of: Callable[[T], str],
    target_of: Callable[[T], str],
    aims_at_link: Callable[[str], bool],
) -> bool:
    """Following targets from ``item`` never reaches a statement (the chain loops)."""
    start, node = node_of(item), target_of(item)
    for _ in range(len(first) + 1):
        if node == start:
            return True
        nxt = first.get(node)
        if nxt is None or not aims_at_link(target_of(nxt)):
            return False
        node = target_of(nxt)
    return True
