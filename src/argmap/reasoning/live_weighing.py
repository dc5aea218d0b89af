"""``WeighedLabeller``: the weighed labels of a live map, kept current from its change
records by recomputing only what an edit can change.

Weighing flows one way, downstream: a statement's strength feeds the force of the links
it is a premise of, and a reason (support link) lends to the statement it supports. So
an edit can change only the strengths downstream of what it touched; only the attacks
whose force or whose target's strength moved can start or stop defeating; and only the
labels that depend on those (``Framework.influenced``) can move. Each ``update`` works
out exactly that much, and its results equal a computation from scratch: the levels of
``weigh`` and the labels of ``weighed`` (the words of why a strength is what it is are
``weigh``'s alone; the checks need only the levels and the labels).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType

from argmap.model import (
    ArgumentMap,
    Change,
    Link,
    LinkAdded,
    LinkChanged,
    LinkKind,
    LinkRemoved,
    MapReset,
    MetaChanged,
    Statement,
    StatementAdded,
    StatementChanged,
    StatementRemoved,
)
from argmap.reasoning.framework import Framework, Label
from argmap.reasoning.ratings import given_rating
from argmap.reasoning.weighing import link_rating, own_weight, quote_checker

_SUPPORT, _ATTACK = LinkKind.SUPPORT, LinkKind.ATTACK


class WeighedLabeller:
    """Weighed labels (grounded over defeats, the evaluation's default semantics) of a
    live map, and the strength level of every statement and link, refreshed lazily.

    ``framework`` is the map's compiled framework (every attack counts), current as soon
    as a change record arrives; levels and labels are brought up to date by ``update``.
    Quotations are checked against documents found from ``base_dir``. Call ``detach()``
    when done.
    """

    def __init__(self, amap: ArgumentMap, base_dir: str | os.PathLike[str] | None = None) -> None:
        self._map = amap
        self._base = Path(base_dir) if base_dir is not None else None
        self._labels: dict[str, Label] = {}
        #: How many levels and labels the last update worked out (a measure for tests
        #: and benchmarks: the whole map only on a rebuild).
        self.work = 0
        self._unsubscribe = amap.subscribe(self._on_change)
        self._build()

    # ------------------------------------------------------------------ public
    @property
    def map(self) -> ArgumentMap:
        return self._map

    @property
    def framework(self) -> Framework:
        return self._fw

    @property
    def defeats(self) -> Framework:
        """The framework over defeats (``defeat_framework``'s shape): an attack that does
        not defeat is inert (support-like) and leaves its target's attackers."""
        return self._dfw

    def detach(self) -> None:
        """Stop following the map."""
        self._unsubscribe()

    def set_base_dir(self, base_dir: str | os.PathLike[str] | None) -> None:
        """Quotations are looked up from a new folder: every sourced statement is
        weighed again at the next update."""
        base = Path(base_dir) if base_dir is not None else None
        if base != self._base:
            self._base = base
            self._own_due.update(self._sourced())

    @property
    def stale(self) -> bool:
        """True when edits since the last update may have moved a level or a label."""
        return bool(self._reset or self._own_due or self._seeds or self._defeat_due or self._label_seeds)

    def current(self) -> Mapping[str, Label]:
        """A read-only view of the labels as of the last ``update`` (it follows later
        updates and rebuilds: copy it to keep a snapshot)."""
        return MappingProxyType(self._labels)

    def labels(self) -> dict[str, Label]:
        """The current labels (brought up to date; a fresh dict the caller may keep)."""
        self.update()
        return dict(self._labels)

    def levels(self) -> dict[str, int]:
        """Statement or link id -> strength level (a link's force; -1 for a link rated
        as carrying no weight), brought up to date, as ``weigh`` gives them."""
        self.update()
        return dict(self._level)

    def update(self) -> set[str]:
        """Bring levels and labels up to date; return the ids whose label changed since
        the last update (every id after a rebuild). Costs nothing when nothing is due."""
        if self._reset:
            self._build()
            return set(self._labels)
        self.work = 0
        if not self.stale:
            return set()
        moved = self._reweigh()
        self._redefeat(moved)
        return self._relabel()

    # ---------------------------------------------------------------- building
    def _build(self) -> None:
        amap = self._map
        self._fw = fw = Framework.from_map(amap)
        self._dfw = fw.copy()  # every attack live until weighed
        self._own: dict[str, int] = {}  # statement -> level of its own weight
        self._rated_statements: set[str] = set()  # the student's rating fixes their level
        self._rated: dict[str, int] = {}  # link -> level of the student's rating
        for link in amap.links():
            self._note_rating(link)
        self._level: dict[str, int] = {}
        self._inert: set[str] = set()  # attack links that do not defeat their target
        self._reset = False
        self._own_due: set[str] = set(fw.statements)  # own weight to work out again
        self._seeds: set[str] = set()  # level may move (and all downstream)
        self._defeat_due: set[str] = set()  # attacks to weigh against their target again
        self._label_seeds: set[str] = set()  # label may move (and all it influences)
        self._whole()
        self.work = 2 * len(self._level)

    def _whole(self) -> None:
        """Weigh and label the whole map (at the start and after a ``MapReset``)."""
        self._reweigh(whole=True)
        self._defeat_due = {a for a, k in self._fw.kind.items() if k is _ATTACK}
        self._redefeat(set())
        self._label_seeds = set()
        self._labels.clear()  # the same dict: views of it (``current``) stay valid
        self._labels.update(self._dfw.grounded())

    def _sourced(self) -> list[str]:
        """Statements whose own weight reads a quotation check."""
        return [
            s.id for s in self._map.items_unordered()
            if isinstance(s, Statement) and s.source is not None
        ]

    def _note_rating(self, link: Link) -> None:
        rated = link_rating(link.strength)
        if rated is None:
            self._rated.pop(link.id, None)
        else:
            self._rated[link.id] = rated.level

    # ----------------------------------------------------------------- records
    def _on_change(self, change: Change) -> None:
        if self._reset:
            return
        fw, dfw = self._fw, self._dfw
        if isinstance(change, StatementAdded):
            sid = change.statement.id
            fw.add_statement(sid)
            dfw.add_statement(sid)
            self._own_due.add(sid)
            self._label_seeds.add(sid)
        elif isinstance(change, StatementRemoved):
            sid = change.statement.id
            fw.remove_statement(sid)
            dfw.remove_statement(sid)
            for table in (self._own, self._level, self._labels):
                table.pop(sid, None)
            self._rated_statements.discard(sid)
        elif isinstance(change, StatementChanged):
            old, new = change.old, change.new
            if old.source != new.source or given_rating(old) is not given_rating(new):
                self._own_due.add(new.id)
        elif isinstance(change, LinkAdded):
            self._link_in(change.link)
        elif isinstance(change, LinkRemoved):
            self._link_out(change.link)
        elif isinstance(change, LinkChanged):
            old_l, new_l = change.old, change.new
            if (old_l.kind, old_l.premises, old_l.target) != (new_l.kind, new_l.premises, new_l.target):
                attacked = fw.attackers.get(new_l.id, [])
                self._link_out(old_l)
                self._link_in(new_l)
                fw.attackers[new_l.id] = attacked  # links attacking it stay
                dfw.attackers[new_l.id] = [a for a in attacked if a not in self._inert]
                if attacked:
                    self._label_seeds.add(new_l.id)
            elif old_l.strength != new_l.strength:
                self._note_rating(new_l)
                self._seeds.add(new_l.id)
        elif isinstance(change, MetaChanged):
            if change.old.sources != change.new.sources:
                self._own_due.update(self._sourced())
        elif isinstance(change, MapReset):
            self._reset = True

    def _link_in(self, link: Link) -> None:
        self._fw.add_model_link(link)
        self._dfw.add_model_link(link)
        self._note_rating(link)
        self._seeds.add(link.id)
        self._label_seeds.add(link.id)
        if link.kind is _ATTACK:
            self._defeat_due.add(link.id)
            if link.target in self._fw.premises:  # an undercut: that reason lends no more
                self._seeds.add(link.target)

    def _link_out(self, link: Link) -> None:
        fw = self._fw
        lid = link.id
        fw.remove_link(lid)
        self._dfw.remove_link(lid)
        for table in (self._level, self._labels, self._rated):
            table.pop(lid, None)
        self._inert.discard(lid)
        self._defeat_due.discard(lid)
        # A reason gone: its target's strength may fall. An undercut gone: the reason it
        # hit lends again. An attack gone: its target's label may move.
        if link.kind is _SUPPORT or link.target in fw.premises:
            self._seeds.add(link.target)
        if link.kind is _ATTACK:
            self._label_seeds.add(link.target)

    # ---------------------------------------------------------------- updating
    def _reweigh(self, whole: bool = False) -> set[str]:
        """Work out the levels downstream of what changed (``whole``: everywhere);
        return the ids whose level moved (or is new)."""
        fw, amap = self._fw, self._map
        own, level, rated = self._own, self._level, self._rated
        fixed = self._rated_statements
        seeds = self._seeds
        if self._own_due:
            check = quote_checker(amap, self._base)
            for sid in self._own_due:
                if sid in fw.statements:
                    w = own_weight(amap.statement(sid), check)
                    own[sid] = w.level
                    if w.by_student:
                        fixed.add(sid)
                    else:
                        fixed.discard(sid)
                    seeds.add(sid)
            self._own_due = set()
        if not seeds and not whole:
            return set()
        statements, uses, kind, target = fw.statements, fw.uses, fw.kind, fw.target
        supporters, attackers, premises = fw.supporters, fw.attackers, fw.premises
        # Everything downstream of the seeds: statement -> the links it is a premise of,
        # support link -> the statement it supports.
        region: set[str] = set()
        stack = [n for n in seeds if n in fw]
        while stack:
            n = stack.pop()
            if n in region:
                continue
            region.add(n)
            if n in statements:
                stack.extend(uses.get(n, ()))
            elif kind[n] is _SUPPORT:
                stack.append(target[n])
        if whole:
            region = set(fw.nodes())
        self._seeds = set()
        self.work += len(region)
        before = {} if whole else {n: level.get(n) for n in region}
        inside = [n for n in region if n in statements]
        for sid in inside:
            level[sid] = own[sid]
        # Levels only grow from their own value, as in ``weigh``: a worklist to the least
        # fixpoint; outside the region nothing depends on it, so its levels stand.
        queue = [sid for sid in inside if sid not in fixed and supporters.get(sid)]
        waiting = set(queue)
        while queue:
            sid = queue.pop()
            waiting.discard(sid)
            best = now = level[sid]
            for link in supporters[sid]:
                if attackers.get(link):
                    continue  # undercut: it lends nothing
                lent = rated.get(link)
                if lent is None:
                    lent = min(level[p] for p in premises[link])
                if lent > best:
                    best = lent
            if best > now:
                level[sid] = best
                for link in uses.get(sid, ()):
                    if kind[link] is _SUPPORT and not attackers.get(link):
                        t = target[link]
                        if t in region and t not in fixed and t not in waiting:
                            waiting.add(t)
                            queue.append(t)
        for n in region:
            if n in premises:
                lent = rated.get(n)
                level[n] = lent if lent is not None else min(level[p] for p in premises[n])
        if whole:
            return region
        return {n for n in region if before[n] != level[n]}

    def _redefeat(self, moved: set[str]) -> None:
        """Attacks whose force or whose target's strength moved may start or stop
        defeating: update the defeat framework and seed the labels of their targets."""
        fw, dfw, level, inert = self._fw, self._dfw, self._level, self._inert
        due = self._defeat_due
        for n in moved:
            if n in fw.statements:
                due.update(fw.attackers.get(n, ()))
            elif fw.kind.get(n) is _ATTACK:
                due.add(n)
        self._defeat_due = set()
        for a in due:
            if fw.kind.get(a) is not _ATTACK:
                continue
            t = fw.target[a]
            force = level[a]
            now_inert = force < 0 or (t in fw.statements and force < level[t])
            if now_inert == (a in inert):
                continue
            if now_inert:
                inert.add(a)
                dfw.kind[a] = _SUPPORT
                dfw.attackers[t].remove(a)
            else:
                inert.discard(a)
                dfw.kind[a] = _ATTACK
                dfw.attackers[t].append(a)
            self._label_seeds.add(t)

    def _relabel(self) -> set[str]:
        dfw, labels = self._dfw, self._labels
        seeds, self._label_seeds = self._label_seeds, set()
        if not seeds:
            return set()
        region = dfw.influenced(seeds)
        self.work += len(region)
        new = dfw.grounded(region, fixed=labels)
        changed = {n for n, lab in new.items() if labels.get(n) is not lab}
        labels.update(new)
        return changed


__all__ = ["WeighedLabeller"]
