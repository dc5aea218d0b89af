"""What would it take: the smallest sets of statement rejections or attack weakenings
that would make a defeated (or undecided) statement stand, found by a bounded search
and each checked by re-evaluating the map with the change."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from itertools import combinations

from argmap.model import ArgumentMap, LinkKind, Strength
from argmap.reasoning.framework import IN, OUT, Framework, Label
from argmap.reasoning.labelling import Labelling
from argmap.reasoning.weighing import BARE, defeat_framework

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
    """The result: ``ways`` (each a tuple of steps, smallest first, at most MAX_WAYS);
    ``more`` when further ways of the same size exist; ``gave_up`` when the search hit
    its bounds before finding any way."""

    id: str
    ways: tuple[tuple[Step, ...], ...]
    more: bool = False
    gave_up: bool = False
    already: bool = False

    def lines(self, amap: ArgumentMap) -> list[str]:
        name = f"'{amap.statement(self.id).label(50)}'"
        if self.already:
            return [f"{name} already stands."]
        if self.gave_up:
            return [
                (
                    f"No change of up to {MAX_CHANGES} statements or links that was tried makes {name} stand: "
                    "the possibilities are too many to list."
                )
            ]
        if not self.ways:
            return [f"No set of up to {MAX_CHANGES} rejections or weakenings makes {name} stand."]
        out = [f"{name} would stand if " + " and ".join(step.words(amap) for step in way) + "." for way in self.ways]
        if self.more:
            out.append("There are more ways of the same size: too many to list.")
        return out


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
    forced OUT) and, when weighed, rating attack links weak or none."""
    if labelling.get(id_) is IN:
        return WhatItTakes(id_, (), already=True)
    weights = labelling.weights
    full = Framework.from_map(amap)
    fw = defeat_framework(full, weights) if weights is not None else full
    region, order = _ancestors(fw, id_)
    sub = _restrict(fw, region)
    base = sub.grounded()
    candidates: list[Step] = []
    for n in order:
        if n == id_ or labelling.get(n) is OUT:
            continue
        if n in fw.statements:
            candidates.append(Step(n))
        elif weights is not None and fw.is_attack(n) and n in fw.attackers.get(fw.target[n], ()):
            target = fw.target[n]
            if target in weights.statements:
                weak_enough = BARE < weights.statements[target].level
                candidates.append(Step(n, Strength.WEAK if weak_enough else Strength.NONE))
    evaluations = work = 0
    for size in range(1, max_changes + 1):
        found: list[tuple[Step, ...]] = []
        more = False
        for combo in combinations(candidates, size):
            evaluations += 1
            if evaluations > max_evaluations or work > max_work:
                if found:
                    return WhatItTakes(id_, tuple(found), more=True)
                return WhatItTakes(id_, (), gave_up=True)
            stands, cost = _stands(sub, base, id_, combo)
            work += cost
            if stands:
                if len(found) == max_ways:
                    more = True
                    break
                found.append(combo)
        if found:
            return WhatItTakes(id_, tuple(found), more=more)
    return WhatItTakes(id_, ())


def _ancestors(fw: Framework, id_: str) -> tuple[set[str], list[str]]:
    """Every node whose label can reach ``id_`` (premises into links, attack links into
    their targets), nearest first."""
    seen = {id_}
    order = [id_]
    queue = deque([id_])
    while queue:
        n = queue.popleft()
        feeds = list(fw.attackers.get(n, ())) + list(fw.premises.get(n, ()))
        for m in feeds:
            if m not in seen:
                seen.add(m)
                order.append(m)
                queue.append(m)
    return seen, order


def _restrict(fw: Framework, region: set[str]) -> Framework:
    sub = Framework()
    sub.statements = {n for n in fw.statements if n in region}
    for n in region:
        sub.attackers[n] = [a for a in fw.attackers.get(n, ()) if a in region]
        sub.uses[n] = [u for u in fw.uses.get(n, ()) if u in region]
        if n in fw.premises:
            sub.premises[n] = fw.premises[n]
            sub.target[n] = fw.target[n]
            sub.kind[n] = fw.kind[n]
    return sub


def _stands(sub: Framework, base: dict[str, Label], id_: str, steps: tuple[Step, ...]) -> tuple[bool, int]:
    """Does ``id_`` come out IN with ``steps`` applied, and how many labels were worked
    out? Only what depends on a change is recomputed, the rest keeps its label."""
    forced = {s.id: OUT for s in steps if s.strength is None}
    removed = [(sub.target[s.id], s.id) for s in steps if s.strength is not None]
    for target, link in removed:  # the attack stops counting (see defeat_framework)
        sub.attackers[target].remove(link)
        sub.kind[link] = LinkKind.SUPPORT
    try:
        region = sub.influenced([*forced, *(target for target, _link in removed)])
        if id_ not in region:
            return base.get(id_) is IN, 1
        labels = sub.grounded(region, fixed=base, forced=forced)
    finally:
        for target, link in removed:
            sub.attackers[target].append(link)
            sub.kind[link] = LinkKind.ATTACK
    return labels.get(id_) is IN, len(region)


__all__ = ["MAX_CHANGES", "MAX_WAYS", "Step", "WhatItTakes", "what_would_it_take"]
