"""The argumentation framework a map compiles into, and its grounded labelling.

Arguments are the map's statements and links. A statement is IN when every attack link
on it is OUT; a link is IN when all its premises are IN and every attack link on it is
OUT. See docs/reasoning.md for the rules and their reading as a Dung framework.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import StrEnum

from argmap.model import ArgumentMap, Link, LinkKind


class Label(StrEnum):
    """The formal status of a statement or link."""

    IN = "in"
    OUT = "out"
    UNDECIDED = "undecided"

    @property
    def badge(self) -> str:
        """Short text for a card badge: IN, OUT or UND."""
        return {"in": "IN", "out": "OUT", "undecided": "UND"}[self.value]


IN, OUT, UNDECIDED = Label.IN, Label.OUT, Label.UNDECIDED


class Framework:
    """A mutable, id-keyed view of a map's attack and premise structure.

    It carries only what labels depend on (no text), so a text edit never touches it.
    Unlike the model it accepts any shape, including an attack link whose premise is
    its own target (a self-attack), which makes the textbook cases expressible.
    """

    def __init__(self) -> None:
        self.statements: set[str] = set()
        self.premises: dict[str, tuple[str, ...]] = {}  # link -> its premises
        self.target: dict[str, str] = {}  # link -> its target
        self.kind: dict[str, LinkKind] = {}  # link -> support | attack
        self.attackers: dict[str, list[str]] = {}  # node -> attack links targeting it
        self.supporters: dict[str, list[str]] = {}  # statement -> support links into it
        self.uses: dict[str, list[str]] = {}  # statement -> links it is a premise of

    def copy(self) -> Framework:
        """An independent copy (its own sets, dicts and lists)."""
        out = Framework()
        out.statements = set(self.statements)
        out.premises = dict(self.premises)
        out.target = dict(self.target)
        out.kind = dict(self.kind)
        out.attackers = {k: list(v) for k, v in self.attackers.items()}
        out.supporters = {k: list(v) for k, v in self.supporters.items()}
        out.uses = {k: list(v) for k, v in self.uses.items()}
        return out

    # ------------------------------------------------------------------ building
    @classmethod
    def from_map(cls, amap: ArgumentMap) -> Framework:
        fw = cls()
        ids = [s.id for s in amap.statements()]
        fw.statements = set(ids)
        fw.attackers = {i: [] for i in ids}
        fw.supporters = {i: [] for i in ids}
        fw.uses = {i: [] for i in ids}
        for link in amap.links():
            fw.add_link(link.id, link.kind, link.premises, link.target)
        return fw

    def add_statement(self, id_: str) -> None:
        self.statements.add(id_)
        self.attackers.setdefault(id_, [])
        self.supporters.setdefault(id_, [])
        self.uses.setdefault(id_, [])

    def remove_statement(self, id_: str) -> None:
        self.statements.discard(id_)
        for table in (self.attackers, self.supporters, self.uses):
            table.pop(id_, None)

    def add_link(self, id_: str, kind: LinkKind | str, premises: Iterable[str], target: str) -> None:
        """Add a link; the ids it names must already be in the framework."""
        kind = LinkKind(kind)
        premises = tuple(premises)
        self.premises[id_] = premises
        self.target[id_] = target
        self.kind[id_] = kind
        self.attackers.setdefault(id_, [])
        for p in premises:
            self.uses.setdefault(p, []).append(id_)
        if kind is LinkKind.ATTACK:
            self.attackers.setdefault(target, []).append(id_)
        else:
            self.supporters.setdefault(target, []).append(id_)

    def add_model_link(self, link: Link) -> None:
        self.add_link(link.id, link.kind, link.premises, link.target)

    def replace_link(self, link: Link) -> None:
        """Rewire an existing link (new kind, premises or target); links attacking it stay."""
        attackers = self.attackers.get(link.id, [])
        self.remove_link(link.id)
        self.add_model_link(link)
        self.attackers[link.id] = attackers

    def remove_link(self, id_: str) -> None:
        for p in self.premises.pop(id_):
            _discard(self.uses.get(p), id_)
        target = self.target.pop(id_)
        kind = self.kind.pop(id_)
        table = self.attackers if kind is LinkKind.ATTACK else self.supporters
        _discard(table.get(target), id_)
        self.attackers.pop(id_, None)

    # ------------------------------------------------------------------ queries
    def nodes(self) -> list[str]:
        return [*self.statements, *self.premises]

    def __contains__(self, id_: object) -> bool:
        return id_ in self.statements or id_ in self.premises

    def is_link(self, id_: str) -> bool:
        return id_ in self.premises

    def is_attack(self, id_: str) -> bool:
        return self.kind.get(id_) is LinkKind.ATTACK

    def influenced(self, seeds: Iterable[str]) -> set[str]:
        """``seeds`` and every node whose label can depend on them: through a link's
        premises into the link, and through an attack link into its target."""
        out: set[str] = set()
        stack = [s for s in seeds if s in self]
        while stack:
            n = stack.pop()
            if n in out:
                continue
            out.add(n)
            if n in self.premises:
                if self.kind[n] is LinkKind.ATTACK:
                    stack.append(self.target[n])
            else:
                stack.extend(self.uses.get(n, ()))
        return out

    # ----------------------------------------------------------------- grounded
    def grounded(
        self,
        region: Iterable[str] | None = None,
        fixed: Mapping[str, Label] | None = None,
        forced: Mapping[str, Label] | None = None,
    ) -> dict[str, Label]:
        """The grounded labelling: the least fixpoint of the rules.

        With ``region``, only those nodes are computed and every other node keeps its
        label from ``fixed`` (valid when no node outside the region depends on one
        inside: see ``influenced``). ``forced`` pins nodes to a label (a what-if).
        Runs in time linear in the size of the region.
        """
        nodes = self.nodes() if region is None else [n for n in region if n in self]
        inside = set(nodes)
        fixed = fixed or {}
        forced = forced or {}
        label: dict[str, Label] = {}
        need: dict[str, int] = {}
        queue: list[str] = []
        premises, attackers = self.premises, self.attackers
        for n in nodes:
            pinned = forced.get(n)
            if pinned is not None:
                label[n] = pinned
                if pinned is not UNDECIDED:
                    queue.append(n)
                continue
            count = 0
            dead = False
            for p in premises.get(n, ()):
                if p in inside:
                    count += 1
                else:
                    lab = forced.get(p) or fixed.get(p, UNDECIDED)
                    if lab is OUT:
                        dead = True
                    elif lab is UNDECIDED:
                        count += 1  # never met, never refuted from here
            for a in attackers[n]:
                if a in inside:
                    count += 1
                else:
                    lab = forced.get(a) or fixed.get(a, UNDECIDED)
                    if lab is IN:
                        dead = True
                    elif lab is UNDECIDED:
                        count += 1
            if dead:
                label[n] = OUT
                queue.append(n)
            elif count == 0:
                label[n] = IN
                queue.append(n)
            else:
                need[n] = count
        target, kind, uses = self.target, self.kind, self.uses
        attack = LinkKind.ATTACK
        while queue:
            n = queue.pop()
            lab = label[n]
            if lab is IN:
                for link in uses.get(n, ()):
                    if link in need and link not in label:
                        need[link] -= 1
                        if need[link] == 0:
                            label[link] = IN
                            queue.append(link)
                if kind.get(n) is attack:
                    t = target[n]
                    if t in need and t not in label:
                        label[t] = OUT
                        queue.append(t)
            else:
                for link in uses.get(n, ()):
                    if link in need and link not in label:
                        label[link] = OUT
                        queue.append(link)
                if kind.get(n) is attack:
                    t = target[n]
                    if t in need and t not in label:
                        need[t] -= 1
                        if need[t] == 0:
                            label[t] = IN
                            queue.append(t)
        for n in need:
            if n not in label:
                label[n] = UNDECIDED
        return label


def _discard(items: list[str] | None, value: str) -> None:
    if items is not None and value in items:
        items.remove(value)
