"""What would it take: the smallest sets of statement rejections or attack weakenings
that would make a defeated (or undecided) statement stand, found by a bounded search
and each checked by re-evaluating the map with the change. Each way says the verdict
it yields: a position freed of its defeat stands only if a reason for it holds, else it
stands, unsupported. The search is a generator (``searching``) so that a caller can run
it a slice at a time (``TakesSearch``) and drop it when the map changes."""

from __future__ import annotations

from collections import deque
from collections.abc import Generator
from dataclasses import dataclass
from itertools import combinations
from time import perf_counter

from argmap.model import ArgumentMap, LinkKind, StatementKind, Strength
from argmap.reasoning.framework import IN, OUT, Framework, Label
from argmap.reasoning.labelling import Labelling
from argmap.reasoning.verdicts import Verdict, verdict
from argmap.reasoning.weighing import BARE, Weights

#: At most this many changes in one set.
MAX_CHANGES = 3
#: At most this many sets are listed.
MAX_WAYS = 3
#: Re-evaluations tried before the search gives up ("too many to list").
MAX_EVALUATIONS = 4000
#: Labels recomputed in all (summed over the re-evaluations) before the search gives up:
#: bounds the time on big, tangled maps (about 1 s in CPython on a 1,000-statement web).
MAX_WORK = 400_000


@dataclass(frozen=True)
class Step:
    """One change: reject a statement (``strength`` None), or rate an attack link
    ``strength`` (weak or none)."""

    id: str
    strength: Strength | None = None

    def words(self, amap: ArgumentMap) -> str:
        if self.strength is None:
            return f"you rejected '{amap.statement(self.id).label(50)}'"
        link = amap.link(self.id)
        by = amap.statement(link.premises[0]).label(50)
        if self.strength is Strength.NONE:
            return f"the attack by '{by}' counted for nothing (rated none)"
        return f"the attack by '{by}' were rated weak"


@dataclass(frozen=True)
class WhatItTakes:
    """The result: ``ways`` (each a tuple of steps, smallest first, at most MAX_WAYS)
    and ``verdicts``, the verdict each way yields (stands, or stands, unsupported);
    ``more`` when further ways of the same size exist; ``gave_up`` when the search hit
    its bounds before finding any way; ``already`` (with the verdict ``now``) when the
    statement is IN as it is."""

    id: str
    ways: tuple[tuple[Step, ...], ...]
    more: bool = False
    gave_up: bool = False
    already: bool = False
    verdicts: tuple[Verdict, ...] = ()
    now: Verdict | None = None

    def lines(self, amap: ArgumentMap) -> list[str]:
        """One sentence per way (the first ``len(ways)`` lines), naming the verdict it
        yields, then a note on what "unsupported" means here, if needed; or why there
        is no way."""
        name = f"'{amap.statement(self.id).label(50)}'"
        if self.already:
            return [f"{name} already {(self.now or Verdict.STANDS).value}."]
        if self.gave_up:
            return [
                (
                    f"No change of up to {MAX_CHANGES} statements or links that was tried makes {name} stand: "
                    "the possibilities are too many to list."
                )
            ]
        if not self.ways:
            return [f"No set of up to {MAX_CHANGES} rejections or weakenings makes {name} stand."]
        out = []
        yields = self.verdicts or (Verdict.STANDS,) * len(self.ways)
        for way, v in zip(self.ways, yields):
            steps = " and ".join(step.words(amap) for step in way)
            shy = ", unsupported," if v is Verdict.UNSUPPORTED else ""
            out.append(f"{name} would stand{shy} if {steps}.")
        if Verdict.UNSUPPORTED in yields:
            out.append(f"Unsupported: nothing would defeat it then, but {self._why_bare(amap)}.")
        if self.more:
            out.append("There are more ways of the same size: too many to list.")
        return out

    def _why_bare(self, amap: ArgumentMap) -> str:
        reasons = amap.supporters(self.id)
        if not reasons:
            return "it has no reason behind it"
        if len(reasons) == 1:
            return f"its only reason, '{amap.statement(reasons[0].premises[0]).label(50)}', would still not hold"
        return f"none of its {len(reasons)} reasons would hold"


def what_would_it_take(
    amap: ArgumentMap,
    id_: str,
    labelling: Labelling,
    max_changes: int = MAX_CHANGES,
    max_ways: int = MAX_WAYS,
    max_evaluations: int = MAX_EVALUATIONS,
    max_work: int = MAX_WORK,
) -> WhatItTakes:
    """The smallest sets of changes that make ``id_`` IN under ``labelling``'s semantics
    (weighed, or grounded when it has no weights): rejecting statements (a what-if,
    forced OUT) and, when weighed, rating attack links weak or none. Each way comes with
    the verdict it yields (a position may stand, or only stand, unsupported). The search
    all at once: ``TakesSearch`` runs it a slice at a time."""
    search = searching(amap, id_, labelling, max_changes, max_ways, max_evaluations, max_work)
    while True:
        try:
            next(search)
        except StopIteration as done:
            result: WhatItTakes = done.value
            return result


class TakesSearch:
    """``what_would_it_take`` a slice at a time, for a caller that must stay responsive
    (the Evaluation dock runs a slice per pass of its event loop). The map must not
    change while it runs: drop the search and start a new one when it does."""

    def __init__(self, amap: ArgumentMap, id_: str, labelling: Labelling) -> None:
        self.id = id_
        self.labelling = labelling
        self.result: WhatItTakes | None = None
        self._search: Generator[None, None, WhatItTakes] | None = searching(amap, id_, labelling)

    @property
    def done(self) -> bool:
        return self.result is not None

    def run(self, seconds: float) -> WhatItTakes | None:
        """Search on for about ``seconds`` (at least one step); the result when the
        search is over, else None."""
        search = self._search
        if search is None:
            return self.result
        deadline = perf_counter() + seconds
        try:
            while True:
                next(search)
                if perf_counter() >= deadline:
                    return None
        except StopIteration as done:
            self.result = done.value
            self._search = None
        return self.result

    def cancel(self) -> None:
        """Stop for good (the map or the selection moved on)."""
        if self._search is not None:
            self._search.close()
            self._search = None


def searching(
    amap: ArgumentMap,
    id_: str,
    labelling: Labelling,
    max_changes: int = MAX_CHANGES,
    max_ways: int = MAX_WAYS,
    max_evaluations: int = MAX_EVALUATIONS,
    max_work: int = MAX_WORK,
) -> Generator[None, None, WhatItTakes]:
    """The search of ``what_would_it_take`` as a generator: it yields after each bounded
    piece of work (one re-evaluation, or one stage of setting up) and returns the
    result. Drain it to get the answer; drop it to cancel."""
    if labelling.get(id_) is IN:
        return WhatItTakes(id_, (), already=True, now=_verdict_now(amap, id_, labelling))
    weights = labelling.weights
    sub, order = yield from _ancestors(amap, weights, [id_])
    base = sub.grounded()
    yield
    candidates: list[Step] = []
    for n in order:
        if n == id_ or labelling.get(n) is OUT:
            continue
        if n in sub.statements:
            candidates.append(Step(n))
        elif weights is not None and sub.is_attack(n):  # an attack that defeats (else inert)
            target = sub.target[n]
            if target in weights.statements:
                weak_enough = BARE < weights.statements[target].level
                candidates.append(Step(n, Strength.WEAK if weak_enough else Strength.NONE))
    judge = _Judge(amap, weights, id_)
    evaluations = work = 0
    for size in range(1, max_changes + 1):
        found: list[tuple[Step, ...]] = []
        yields: list[Verdict] = []
        more = False
        for combo in combinations(candidates, size):
            yield
            evaluations += 1
            if evaluations > max_evaluations or work > max_work:
                if found:
                    return WhatItTakes(id_, tuple(found), more=True, verdicts=tuple(yields))
                return WhatItTakes(id_, (), gave_up=True)
            stands, cost = _stands(sub, base, id_, combo)
            work += cost
            if stands:
                if len(found) == max_ways:
                    more = True
                    break
                found.append(combo)
                yields.append((yield from judge.verdict(combo)))
        if found:
            return WhatItTakes(id_, tuple(found), more=more, verdicts=tuple(yields))
    return WhatItTakes(id_, ())


def _verdict_now(amap: ArgumentMap, id_: str, labelling: Labelling) -> Verdict | None:
    return verdict(amap, id_, labelling) if amap.is_statement(id_) else None


class _Judge:
    """The verdict a way yields for ``id_`` (which it makes IN): a position stands only
    if one of its reasons holds with the change, else it stands, unsupported. Works on
    the part of the map the reasons' labels depend on, set up when first asked."""

    def __init__(self, amap: ArgumentMap, weights: Weights | None, id_: str) -> None:
        self._map, self._weights, self._id = amap, weights, id_
        self._reasons: list[str] = []
        self._sub: Framework | None = None
        self._base: dict[str, Label] = {}
        self._position = amap.is_statement(id_) and amap.statement(id_).kind is StatementKind.POSITION

    def verdict(self, steps: tuple[Step, ...]) -> Generator[None, None, Verdict]:
        """The verdict with ``steps`` applied (a generator, as ``searching``)."""
        if not self._position:
            return Verdict.STANDS
        if self._sub is None:
            self._reasons = [link.id for link in self._map.supporters(self._id)]
            self._sub = (yield from _ancestors(self._map, self._weights, [self._id, *self._reasons]))[0]
            self._base = self._sub.grounded()
        labels = _labels_with(self._sub, self._base, steps, [self._id, *self._reasons])[0]
        return verdict(self._map, self._id, labels)


#: Nodes looked at between two yields while the search sets up.
SETUP_STEP = 200


def _ancestors(
    amap: ArgumentMap, weights: Weights | None, roots: list[str]
) -> Generator[None, None, tuple[Framework, list[str]]]:
    """The framework over defeats (``defeat_framework``; every attack counts when
    ``weights`` is None) restricted to the nodes whose label can reach a root: premises
    into links, attack links into their targets. Built from the map around the roots
    only, as ``Framework.from_map`` would order it (attackers by id); with the nodes
    nearest first. A generator: it yields every ``SETUP_STEP`` nodes."""
    sub = Framework()
    seen = set(roots)
    order = list(roots)
    queue = deque(roots)
    done = 0
    while queue:
        done += 1
        if done % SETUP_STEP == 0:
            yield
        n = queue.popleft()
        attackers = sorted(
            (link.id for link in amap.links_into(n)
             if link.kind is LinkKind.ATTACK and (weights is None or weights.defeats(amap, link.id))),
        )
        sub.attackers[n] = attackers
        sub.uses.setdefault(n, [])
        if amap.is_statement(n):
            sub.statements.add(n)
            feeds = attackers
        else:
            link = amap.link(n)
            sub.premises[n], sub.target[n] = link.premises, link.target
            # an attack that does not defeat is compiled as an inert (support-like) link;
            # it is here only if something else brought it in
            defeats = link.kind is LinkKind.ATTACK and (weights is None or weights.defeats(amap, n))
            sub.kind[n] = LinkKind.ATTACK if defeats else LinkKind.SUPPORT
            feeds = [*attackers, *link.premises]
        for m in feeds:
            if m not in seen:
                seen.add(m)
                order.append(m)
                queue.append(m)
    for link_id, premises in sub.premises.items():
        for p in premises:
            sub.uses.setdefault(p, []).append(link_id)
    yield
    return sub, order


def _stands(sub: Framework, base: dict[str, Label], id_: str, steps: tuple[Step, ...]) -> tuple[bool, int]:
    """Does ``id_`` come out IN with ``steps`` applied, and how many labels were worked
    out? Only what depends on a change is recomputed, the rest keeps its label."""
    labels, cost = _labels_with(sub, base, steps, [id_])
    return labels[id_] is IN, cost


def _labels_with(
    sub: Framework, base: dict[str, Label], steps: tuple[Step, ...], ids: list[str]
) -> tuple[dict[str, Label], int]:
    """The labels of ``ids`` with ``steps`` applied, and how many labels were worked
    out (1 when none of ``ids`` depends on a change)."""
    forced = {s.id: OUT for s in steps if s.strength is None}
    removed = [(sub.target[s.id], s.id) for s in steps if s.strength is not None]
    for target, link in removed:  # the attack stops counting (see defeat_framework)
        sub.attackers[target].remove(link)
        sub.kind[link] = LinkKind.SUPPORT
    try:
        region = sub.influenced([*forced, *(target for target, _link in removed)])
        if region.isdisjoint(ids):
            return {n: base[n] for n in ids}, 1
        labels = sub.grounded(region, fixed=base, forced=forced)
    finally:
        for target, link in removed:
            sub.attackers[target].append(link)
            sub.kind[link] = LinkKind.ATTACK
    return {n: labels.get(n, base[n]) for n in ids}, len(region)


__all__ = ["MAX_CHANGES", "MAX_WAYS", "Step", "TakesSearch", "WhatItTakes", "searching", "what_would_it_take"]
