"""``Checker``: the findings of ``check_map`` for a live map, kept current from its change
records by rechecking only the statements an edit can affect."""

from __future__ import annotations

import os
from bisect import bisect_left, insort
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

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
    StatementKind,
    StatementRemoved,
)
from argmap.reasoning.checks import (
    CheckContext,
    Finding,
    Severity,
    answered_by,
    cycle_finding,
    duplicate_finding,
    finding_key,
    statement_findings,
    support_components,
    support_successors,
    text_key,
    unchecked_finding,
)
from argmap.reasoning.live_weighing import WeighedLabeller

Key = tuple[int, tuple[float, str], str]
#: Findings are kept in groups that are recomputed together: a statement's own
#: findings ("own", id), its duplicate finding ("dup", id), one support cycle
#: ("cycle", its first id) and the map-wide note on unchecked quotations ("note", "").
Group = tuple[str, str]
_NOTE: Group = ("note", "")
#: More steps than this since the last ``update`` are reported as a reset instead.
MAX_STEPS = 2000


@dataclass(frozen=True)
class FindingsUpdate:
    """What changed in the sorted list of findings since the last ``Checker.update``:
    ``steps`` in order, each ``(index, finding, added)``; a removal's index is where the
    finding was. With ``reset`` the list changed wholesale: read ``findings()`` again."""

    steps: tuple[tuple[int, Finding, bool], ...] = ()
    reset: bool = False

    def __bool__(self) -> bool:
        return self.reset or bool(self.steps)


class Checker:
    """The findings of ``check_map(amap, base_dir)`` for a live map.

    It subscribes to the map's change records and, when asked (``findings`` or
    ``update``), rechecks only what the edits since can affect: the edited statements,
    the premises and targets of changed links, the question a position answers, the
    statements sharing a changed text, the support cycles near a changed support link
    and the positions whose own or reasons' labels moved. Labels are weighed (the
    evaluation's default semantics, as in ``check_map``) by a ``WeighedLabeller``, which
    works out again only the strengths and labels an edit can change. Call ``detach()``
    when done.
    """

    def __init__(self, amap: ArgumentMap, base_dir: str | os.PathLike[str] | None = None) -> None:
        self._map = amap
        self._base = Path(base_dir) if base_dir is not None else None
        self._weighed = WeighedLabeller(amap, base_dir)
        self._unsubscribe = amap.subscribe(self._on_change)
        self._steps: list[tuple[int, Finding, bool]] = []
        self._was_reset = False
        self._rebuild()

    @property
    def map(self) -> ArgumentMap:
        return self._map

    @property
    def base_dir(self) -> Path | None:
        return self._base

    def detach(self) -> None:
        """Stop following the map."""
        self._unsubscribe()
        self._weighed.detach()

    def set_base_dir(self, base_dir: str | os.PathLike[str] | None) -> None:
        """Where relative document paths are looked up now (the project was saved
        elsewhere): every evidence quotation is checked again at the next update."""
        base = Path(base_dir) if base_dir is not None else None
        if base != self._base:
            self._base = self._ctx.base = base
            self._all_evidence = True
            self._weighed.set_base_dir(base)

    @property
    def stale(self) -> bool:
        """True when edits since the last update may have changed the findings."""
        return bool(
            self._reset or self._dirty or self._text_dirty or self._cycle_seeds
            or self._cycle_names or self._all_evidence or self._weighed.stale
        )

    def findings(self) -> list[Finding]:
        """Every finding, in ``check_map``'s order (brought up to date first)."""
        self._flush()
        by_key = self._by_key
        return [by_key[k] for k in self._keys]

    def counts(self) -> Counter[Severity]:
        """How many findings of each severity (as of the last update)."""
        return Counter({sev: n for sev, n in self._counts.items() if n})

    def update(self) -> FindingsUpdate:
        """Bring the findings up to date and say how their list changed since the
        last call."""
        self._flush()
        out = FindingsUpdate(tuple(self._steps), self._was_reset)
        self._steps = []
        self._was_reset = False
        return out

    # ------------------------------------------------------------------ records
    def _on_change(self, change: Change) -> None:
        if isinstance(change, (StatementAdded, StatementRemoved)):
            s = change.statement
            self._dirty.add(s.id)
            self._text_dirty.add(s.id)
            if s.answers is not None:
                self._answer(s.id, s.answers, isinstance(change, StatementAdded))
        elif isinstance(change, StatementChanged):
            old, new = change.old, change.new
            self._dirty.add(new.id)
            self._text_dirty.add(new.id)
            if new.id in self._comp_of:
                self._cycle_names.add(new.id)
            if old.answers != new.answers:
                if old.answers is not None:
                    self._answer(old.id, old.answers, False)
                if new.answers is not None:
                    self._answer(new.id, new.answers, True)
        elif isinstance(change, (LinkAdded, LinkRemoved)):
            self._link_touched(change.link)
        elif isinstance(change, LinkChanged):
            before, after = change.old, change.new
            if (before.kind, before.premises, before.target) != (after.kind, after.premises, after.target):
                self._link_touched(before)
                self._link_touched(after)
        elif isinstance(change, MetaChanged):
            if change.old.sources != change.new.sources:
                self._all_evidence = True
        elif isinstance(change, MapReset):
            self._reset = True

    def _answer(self, position: str, question: str, answers: bool) -> None:
        table = self._ctx.answered_by
        if answers:
            table.setdefault(question, set()).add(position)
        elif question in table:
            table[question].discard(position)
            if not table[question]:
                del table[question]
        self._dirty.add(question)

    def _link_touched(self, link: Link) -> None:
        self._dirty.update(link.premises)
        self._dirty.add(link.target)
        if link.kind is LinkKind.SUPPORT:
            self._cycle_seeds.update(link.premises)
            self._cycle_seeds.add(link.target)

    # ----------------------------------------------------------------- building
    def _clear_dirty(self) -> None:
        self._dirty: set[str] = set()  # statements whose own findings are due
        self._text_dirty: set[str] = set()  # statements whose text entry may have moved
        self._cycle_seeds: set[str] = set()  # ends of support links added, removed, rewired
        self._cycle_names: set[str] = set()  # cycle members renamed or reordered
        self._all_evidence = False
        self._reset = False

    def _rebuild(self) -> None:
        """Check the whole map (at the start and after a ``MapReset``)."""
        amap = self._map
        self._clear_dirty()
        weighed = self._weighed
        weighed.update()
        fw = weighed.framework
        self._ctx = ctx = CheckContext(amap, fw, weighed.current(), answered_by(amap), self._base)
        self._groups: dict[Group, tuple[Key, ...]] = {}
        self._by_key: dict[Key, Finding] = {}
        self._counts: Counter[Severity] = Counter()
        self._unchecked: set[str] = set()
        self._text: dict[str, tuple[str, tuple[float, str]]] = {}  # id -> (text key, (order, id))
        self._same_text: dict[str, list[tuple[float, str]]] = {}  # text key -> sorted entries
        self._comp_of: dict[str, frozenset[str]] = {}
        grouped: dict[Group, list[Finding]] = {}
        for s in sorted(amap.statements(), key=lambda s: (s.order, s.id)):
            found, unchecked = statement_findings(ctx, s)
            if found:
                grouped[("own", s.id)] = found
            if unchecked:
                self._unchecked.add(s.id)
            key = text_key(s)
            if key is not None:
                entry = (s.order, s.id)
                self._text[s.id] = (key, entry)
                same = self._same_text.setdefault(key, [])
                if same:
                    grouped[("dup", s.id)] = [duplicate_finding(s, amap.statement(same[0][1]))]
                same.append(entry)
        for comp in support_components(fw):
            for m in comp:
                self._comp_of[m] = comp
            grouped[("cycle", min(comp))] = [cycle_finding(amap, fw, comp)]
        note = unchecked_finding(len(self._unchecked))
        if note is not None:
            grouped[_NOTE] = [note]
        for group, found in grouped.items():
            keys = tuple(self._key(f) for f in found)
            self._groups[group] = keys
            self._by_key.update(zip(keys, found))
            self._counts.update(f.severity for f in found)
        self._keys: list[Key] = sorted(self._by_key)
        self._steps = []
        self._was_reset = True

    def _key(self, f: Finding) -> Key:
        return finding_key(f, self._map.statement(f.id) if f.id is not None else None)

    def _set_group(self, group: Group, found: list[Finding]) -> None:
        """Replace a group's findings, recording each step in the sorted list."""
        keys = tuple(self._key(f) for f in found)
        old = self._groups.get(group, ())
        by_key = self._by_key
        if old == keys and all(by_key[k] == f for k, f in zip(keys, found)):
            return
        sorted_keys, steps, counts = self._keys, self._steps, self._counts
        for k in old:
            i = bisect_left(sorted_keys, k)
            del sorted_keys[i]
            f = by_key.pop(k)
            counts[f.severity] -= 1
            steps.append((i, f, False))
        for k, f in zip(keys, found):
            i = bisect_left(sorted_keys, k)
            sorted_keys.insert(i, k)
            by_key[k] = f
            counts[f.severity] += 1
            steps.append((i, f, True))
        if keys:
            self._groups[group] = keys
        else:
            self._groups.pop(group, None)

    # ------------------------------------------------------------------ updating
    def _flush(self) -> None:
        if self._reset:
            self._rebuild()
            return
        if not self.stale:
            return
        amap, ctx = self._map, self._ctx
        fw = ctx.fw = self._weighed.framework
        ctx.labels = self._weighed.current()
        for n in self._weighed.update():  # a position whose own or reasons' label moved
            if fw.kind.get(n) is LinkKind.SUPPORT:
                self._dirty.add(fw.target[n])
            elif n in fw.statements:
                self._dirty.add(n)
        ctx.located = {}
        if self._all_evidence:
            self._dirty.update(
                s.id for s in amap.items_unordered()
                if isinstance(s, Statement) and s.kind is StatementKind.EVIDENCE
            )
        self._update_cycles()
        self._update_duplicates()
        unchecked = self._unchecked
        for id_ in self._dirty:
            if amap.is_statement(id_):
                found, quote_unchecked = statement_findings(ctx, amap.statement(id_))
            else:
                found, quote_unchecked = [], False
            self._set_group(("own", id_), found)
            if quote_unchecked:
                unchecked.add(id_)
            else:
                unchecked.discard(id_)
        note = unchecked_finding(len(unchecked))
        self._set_group(_NOTE, [note] if note is not None else [])
        self._clear_dirty()
        if len(self._steps) > MAX_STEPS:
            self._steps = []
            self._was_reset = True

    def _update_cycles(self) -> None:
        """Support cycles change only where a support link changed: recompute the
        components among the statements reachable from its ends (and from the cycles
        they were on), keeping every cycle elsewhere as it was."""
        fw, comp_of = self._ctx.fw, self._comp_of
        seeds = self._cycle_seeds
        if seeds:
            affected = {comp_of[n] for n in seeds if n in comp_of}
            touched = set(seeds).union(*affected)
            region: set[str] = set()
            stack = [n for n in touched if n in fw.statements]
            while stack:
                n = stack.pop()
                if n not in region:
                    region.add(n)
                    stack.extend(support_successors(fw, n))
            found = {c for c in support_components(fw, region) if not c.isdisjoint(touched)}
            old = affected | {comp_of[m] for c in found for m in c if m in comp_of}
            for comp in old - found:
                for m in comp:
                    if comp_of.get(m) is comp:
                        del comp_of[m]
                self._set_group(("cycle", min(comp)), [])
            for comp in found:  # a cycle's members may stay while its shortest circle moves
                for m in comp:
                    comp_of[m] = comp
                self._set_group(("cycle", min(comp)), [cycle_finding(self._map, fw, comp)])
        for comp in {comp_of[n] for n in self._cycle_names if n in comp_of}:
            self._set_group(("cycle", min(comp)), [cycle_finding(self._map, fw, comp)])

    def _update_duplicates(self) -> None:
        """Move the edited statements in the text index; a statement's duplicate
        finding names the first (in outline order) with its text, so when a group's
        first changes every member of the group is rechecked."""
        ids = self._text_dirty
        if not ids:
            return
        amap, groups, text = self._map, self._same_text, self._text
        first_before: dict[str, tuple[float, str] | None] = {}
        for id_ in ids:
            old = text.pop(id_, None)
            if old is not None:
                key, entry = old
                same = groups[key]
                first_before.setdefault(key, same[0])
                del same[bisect_left(same, entry)]
                if not same:
                    del groups[key]
        for id_ in ids:
            s = amap.statement(id_) if amap.is_statement(id_) else None
            new_key = text_key(s) if s is not None else None
            if s is None or new_key is None:
                continue
            key = new_key
            same = groups.setdefault(key, [])
            first_before.setdefault(key, same[0] if same else None)
            entry = (s.order, s.id)
            insort(same, entry)
            text[id_] = (key, entry)
        redo = set(ids)
        for key, before in first_before.items():
            same = groups.get(key, [])
            now = same[0] if same else None
            if now != before or (now is not None and now[1] in ids):
                redo.update(entry[1] for entry in same)
        for id_ in redo:
            found = []
            if id_ in text:
                first = groups[text[id_][0]][0][1]
                if first != id_:
                    found = [duplicate_finding(amap.statement(id_), amap.statement(first))]
            self._set_group(("dup", id_), found)
