"""Reversible edits: small frozen objects with ``apply(map)`` and ``revert(map)``.

An edit holds ids and old/new values captured when it is built, so ``revert`` restores
the map exactly. Build edits with the ``build``/helper functions below, which read the
current map; applying an edit to a map in another state raises a typed ``MapError``.
Every edit has a user-facing ``label`` (used as the undo text).
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any, Protocol

from argmap.model.argument_map import ArgumentMap
from argmap.model.errors import InvalidLinkError, InvalidStatementError, UnknownIdError
from argmap.model.types import (
    LINK_FIELDS,
    STATEMENT_FIELDS,
    Link,
    LinkKind,
    MapMeta,
    Statement,
    StatementKind,
)
from argmap.util import plural  # noqa: F401  (also imported from here by the UI)


class Edit(Protocol):
    label: str

    def apply(self, amap: ArgumentMap) -> None: ...

    def revert(self, amap: ArgumentMap) -> None: ...


def new_id(amap: ArgumentMap, prefix: str = "s", taken: Iterable[str] = ()) -> str:
    """A fresh id not used in ``amap`` (nor in ``taken``)."""
    taken = set(taken)
    while True:
        candidate = f"{prefix}{secrets.token_hex(4)}"
        if candidate not in amap and candidate not in taken:
            return candidate


class _Steps:
    """Primitive changes done so far by a multi-step edit, so that a failure part-way
    undoes them and the map is left exactly as it was (one edit is all or nothing).

    Each step records its undo *before* it changes the map; a primitive that refuses
    (a ``MapError``, raised before it changes anything) takes its record back. Subscribers
    cannot break a step: ``ArgumentMap`` contains their failures."""

    def __init__(self, amap: ArgumentMap) -> None:
        self.amap = amap
        self.undo: list[Callable[[], object]] = []

    def __enter__(self) -> _Steps:
        return self

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        if exc_type is not None:
            for fn in reversed(self.undo):
                fn()

    def _do(self, undo: Callable[[], object], change: Callable[[], object]) -> None:
        self.undo.append(undo)
        try:
            change()
        except BaseException:
            self.undo.pop()  # a refused primitive changed nothing
            raise

    def replace_statement(self, new: Statement) -> None:
        old = self.amap.statement(new.id)
        self._do(lambda: self.amap.replace_statement(old), lambda: self.amap.replace_statement(new))

    def replace_link(self, new: Link) -> None:
        old = self.amap.link(new.id)
        self._do(lambda: self.amap.replace_link(old), lambda: self.amap.replace_link(new))

    def add_statement(self, s: Statement) -> None:
        self._do(lambda: self.amap.remove_statement(s.id), lambda: self.amap.add_statement(s))

    def remove_statement(self, id_: str) -> None:
        s = self.amap.statement(id_)
        self._do(lambda: self.amap.add_statement(s), lambda: self.amap.remove_statement(id_))

    def add_link(self, link: Link) -> None:
        self._do(lambda: self.amap.remove_link(link.id), lambda: self.amap.add_link(link))

    def remove_link(self, id_: str) -> None:
        link = self.amap.link(id_)
        self._do(lambda: self.amap.add_link(link), lambda: self.amap.remove_link(id_))


# ---------------------------------------------------------------------- statements
@dataclass(frozen=True)
class AddStatement:
    statement: Statement
    label: str = "Add statement"

    def apply(self, amap: ArgumentMap) -> None:
        amap.add_statement(self.statement)

    def revert(self, amap: ArgumentMap) -> None:
        amap.remove_statement(self.statement.id)


@dataclass(frozen=True)
class ChangeStatement:
    """Replace a statement's value (text, title, kind, source, ... any fields)."""

    old: Statement
    new: Statement
    label: str = "Edit statement"

    def apply(self, amap: ArgumentMap) -> None:
        _expect(amap.statement(self.old.id) == self.old, self.old.id)
        amap.replace_statement(self.new)

    def revert(self, amap: ArgumentMap) -> None:
        amap.replace_statement(self.old)


@dataclass(frozen=True)
class MoveStatements:
    """Move cards on the canvas: ``moves`` holds (id, old pos, new pos)."""

    moves: tuple[tuple[str, tuple[float, float] | None, tuple[float, float] | None], ...]
    label: str = ""

    def __post_init__(self) -> None:
        if not self.label:
            object.__setattr__(self, "label", f"Move {plural(len(self.moves), 'statement')}")

    def apply(self, amap: ArgumentMap) -> None:
        with _Steps(amap) as steps:
            for id_, _old, new in self.moves:
                steps.replace_statement(replace(amap.statement(id_), pos=new))

    def revert(self, amap: ArgumentMap) -> None:
        with _Steps(amap) as steps:
            for id_, old, _new in reversed(self.moves):
                steps.replace_statement(replace(amap.statement(id_), pos=old))


# --------------------------------------------------------------------------- links
@dataclass(frozen=True)
class AddLink:
    link: Link
    label: str = "Connect statements"

    def apply(self, amap: ArgumentMap) -> None:
        amap.add_link(self.link)

    def revert(self, amap: ArgumentMap) -> None:
        amap.remove_link(self.link.id)


@dataclass(frozen=True)
class ChangeLink:
    """Replace a link's value: kind, premises (co-premises), target (reconnect), strength."""

    old: Link
    new: Link
    label: str = "Edit link"

    def apply(self, amap: ArgumentMap) -> None:
        _expect(amap.link(self.old.id) == self.old, self.old.id)
        amap.replace_link(self.new)

    def revert(self, amap: ArgumentMap) -> None:
        amap.replace_link(self.old)


# ------------------------------------------------------------------------ removing
@dataclass(frozen=True)
class RemoveItems:
    """Remove statements and links with everything attached to them.

    Built by ``RemoveItems.build``, which captures: links whose target goes (and links
    attacking those, transitively), links left with no premise, links that only lose
    some of their co-premises (kept, shrunk), and positions whose question goes (kept,
    detached). One revert brings all of it back.
    """

    statements: tuple[Statement, ...]
    links: tuple[Link, ...]  # in removal order: attackers of a link before the link
    shrunk: tuple[tuple[Link, Link], ...]  # (old, new)
    detached: tuple[Statement, ...]  # positions whose ``answers`` is cleared (old values)
    label: str = ""

    def __post_init__(self) -> None:
        if not self.label:
            n = len(self.statements)
            what = plural(n, "statement") if n else plural(len(self.links), "link")
            object.__setattr__(self, "label", f"Delete {what}")

    @classmethod
    def build(cls, amap: ArgumentMap, ids: Iterable[str], label: str = "") -> RemoveItems:
        ids = list(dict.fromkeys(ids))
        for id_ in ids:
            amap.item(id_)  # raises UnknownIdError
        gone_s = {i for i in ids if amap.is_statement(i)}
        gone_l = {i for i in ids if amap.is_link(i)}
        shrunk: dict[str, Link] = {}
        # Links attached to removed statements.
        for sid in gone_s:
            for link in amap.links_into(sid):
                gone_l.add(link.id)
            for link in amap.links_from(sid):
                left = tuple(p for p in link.premises if p not in gone_s)
                if left:
                    shrunk[link.id] = replace(link, premises=left)
                else:
                    gone_l.add(link.id)
        # Links attacking removed links, transitively.
        stack = list(gone_l)
        while stack:
            for attacker in amap.links_into(stack.pop()):
                if attacker.id not in gone_l:
                    gone_l.add(attacker.id)
                    stack.append(attacker.id)
        for lid in gone_l:
            shrunk.pop(lid, None)
        order = _removal_order(amap, gone_l)
        detached = tuple(
            s
            for q in sorted(gone_s)
            if amap.statement(q).kind is StatementKind.QUESTION
            for s in amap.positions(q)
            if s.id not in gone_s
        )
        return cls(
            statements=tuple(amap.statement(i) for i in sorted(gone_s)),
            links=tuple(amap.link(i) for i in order),
            shrunk=tuple((amap.link(i), new) for i, new in sorted(shrunk.items())),
            detached=detached,
            label=label,
        )

    def apply(self, amap: ArgumentMap) -> None:
        with _Steps(amap) as steps:
            for old, new in self.shrunk:
                _expect(amap.link(old.id) == old, old.id)
                steps.replace_link(new)
            for s in self.detached:
                _expect(amap.statement(s.id) == s, s.id)
                steps.replace_statement(replace(s, answers=None))
            for link in self.links:
                _expect(amap.link(link.id) == link, link.id)
                steps.remove_link(link.id)
            # Positions go before the questions they answer.
            for s in sorted(self.statements, key=lambda s: s.kind is StatementKind.QUESTION):
                _expect(amap.statement(s.id) == s, s.id)
                steps.remove_statement(s.id)

    def revert(self, amap: ArgumentMap) -> None:
        with _Steps(amap) as steps:
            # Questions come back before the positions that answer them.
            for s in sorted(self.statements, key=lambda s: s.kind is not StatementKind.QUESTION):
                steps.add_statement(s)
            for link in reversed(self.links):
                steps.add_link(link)
            for s in self.detached:
                steps.replace_statement(s)
            for old, _new in self.shrunk:
                steps.replace_link(old)


def _removal_order(amap: ArgumentMap, link_ids: set[str]) -> list[str]:
    """Links sorted so that a link comes after every link that attacks it."""
    depth: dict[str, int] = {}
    for lid in link_ids:
        chain = []
        node = lid
        # Walk towards the target while it is another removed link (chains of attacks
        # on attacks are acyclic: the map refuses a link that would attack itself).
        while node in link_ids and node not in depth:
            chain.append(node)
            node = amap.link(node).target
        base = depth[node] + 1 if node in depth else 0
        for i, n in enumerate(reversed(chain)):
            depth[n] = base + i
    return sorted(link_ids, key=lambda i: (-depth[i], i))


# -------------------------------------------------------------------------- others
@dataclass(frozen=True)
class SetMeta:
    old: MapMeta
    new: MapMeta
    label: str = "Edit map properties"

    def apply(self, amap: ArgumentMap) -> None:
        amap.set_meta(self.new)

    def revert(self, amap: ArgumentMap) -> None:
        amap.set_meta(self.old)


@dataclass(frozen=True)
class Batch:
    """Several edits as one step: applied in order, reverted in reverse order."""

    edits: tuple[Any, ...]
    label: str = "Edit"

    def apply(self, amap: ArgumentMap) -> None:
        done = []
        try:
            for edit in self.edits:
                edit.apply(amap)
                done.append(edit)
        except Exception:
            for edit in reversed(done):
                edit.revert(amap)
            raise

    def revert(self, amap: ArgumentMap) -> None:
        for edit in reversed(self.edits):
            edit.revert(amap)


# ---------------------------------------------------------------- edit builders
def change_statement(amap: ArgumentMap, id_: str, label: str = "", **fields: Any) -> Edit:
    """An edit setting fields of one statement. Changing the kind is handled fully:
    a statement that stops being a position stops answering; a question that stops
    being one detaches its positions (all in one step)."""
    unknown = set(fields) - STATEMENT_FIELDS
    if unknown:
        raise InvalidStatementError(f"unknown statement fields {sorted(unknown)}", (id_,))
    old = amap.statement(id_)
    if "kind" in fields:
        fields["kind"] = StatementKind(fields["kind"])
    new = replace(old, **fields)
    if new.kind is not StatementKind.POSITION and new.answers is not None:
        new = replace(new, answers=None)
    if not label:
        label = "Change kind" if new.kind is not old.kind else "Edit statement"
    edit = ChangeStatement(old, new, label)
    if old.kind is StatementKind.QUESTION and new.kind is not StatementKind.QUESTION:
        detach = [ChangeStatement(p, replace(p, answers=None)) for p in amap.positions(id_)]
        if detach:
            return Batch((*detach, edit), label)
    return edit


def change_link(amap: ArgumentMap, id_: str, label: str = "Edit link", **fields: Any) -> ChangeLink:
    unknown = set(fields) - LINK_FIELDS
    if unknown:
        raise InvalidLinkError(f"unknown link fields {sorted(unknown)}", (id_,))
    old = amap.link(id_)
    if "premises" in fields:
        fields["premises"] = tuple(fields["premises"])
    if "kind" in fields:
        fields["kind"] = LinkKind(fields["kind"])
    return ChangeLink(old, replace(old, **fields), label)


def connect(
    amap: ArgumentMap,
    premises: Sequence[str] | str,
    target: str,
    kind: LinkKind | str = LinkKind.SUPPORT,
    link_id: str | None = None,
) -> AddLink:
    """An edit adding a link (``premises`` may be one id). Checks happen on apply."""
    if isinstance(premises, str):
        premises = (premises,)
    kind = LinkKind(kind)
    link = Link(link_id or new_id(amap, "l"), kind, tuple(premises), target)
    return AddLink(link, "Connect statements" if kind is LinkKind.SUPPORT else "Attack")


def add_premise(amap: ArgumentMap, link_id: str, premise: str) -> ChangeLink:
    """Join ``premise`` to an existing link as a co-premise."""
    link = amap.link(link_id)
    return change_link(amap, link_id, "Add co-premise", premises=(*link.premises, premise))


def disconnect(amap: ArgumentMap, link_id: str, premise: str | None = None) -> Edit:
    """An edit removing a link (with the links attacking it), or, given ``premise``,
    only that premise's part in a co-premise group (the whole link when it is the last
    premise)."""
    link = amap.link(link_id)
    if premise is not None:
        if premise not in link.premises:
            raise InvalidLinkError(f"{premise!r} is not a premise of link {link_id!r}", (link_id, premise))
        left = tuple(p for p in link.premises if p != premise)
        if left:
            return ChangeLink(link, replace(link, premises=left), "Remove co-premise")
    return RemoveItems.build(amap, [link_id], "Disconnect statements")


def move(amap: ArgumentMap, positions: dict[str, tuple[float, float] | None], label: str = "") -> MoveStatements:
    moves = []
    for i, p in positions.items():
        new = (float(p[0]), float(p[1])) if p is not None else None
        old = amap.statement(i).pos
        if old != new:
            moves.append((i, old, new))
    return MoveStatements(tuple(moves), label)


def _expect(ok: bool, id_: str) -> None:
    if not ok:
        raise UnknownIdError(f"{id_!r} is not in the state this edit was built for", (id_,))
