"""Preferred extensions: maximal admissible labellings, by a bounded backtracking search.

The search runs on the part of the map that the grounded labelling leaves UNDECIDED,
written as a plain Dung framework (see docs/reasoning.md, "Preferred extensions").
"""

from __future__ import annotations

from argmap.reasoning.framework import IN, OUT, UNDECIDED, Framework, Label

#: Search steps before giving up (each step is one labelling decision).
MAX_STEPS = 200_000
#: Preferred extensions listed before giving up.
MAX_EXTENSIONS = 64

_BLANK, _IN, _OUT, _MUST_OUT, _UNDEC = range(5)


class TooComplexError(ValueError):
    """The preferred search would take too long or find too many extensions."""


def preferred_labellings(
    fw: Framework,
    grounded: dict[str, Label] | None = None,
    max_steps: int = MAX_STEPS,
    max_extensions: int = MAX_EXTENSIONS,
) -> list[dict[str, Label]]:
    """Every preferred labelling of ``fw``, as complete labellings of all its nodes,
    sorted by their IN sets. Raises ``TooComplexError`` past the bounds."""
    grounded = fw.grounded() if grounded is None else grounded
    region = sorted(n for n, lab in grounded.items() if lab is UNDECIDED)
    if not region:
        return [dict(grounded)]
    names, attackers = _dung_region(fw, region)
    found = _search(attackers, max_steps, max_extensions)
    out = []
    for ext in found:
        labels = dict(grounded)
        for i, name in enumerate(names):
            if name is None:
                continue
            if i in ext:
                labels[name] = IN
            elif any(a in ext for a in attackers[i]):
                labels[name] = OUT
        out.append(labels)
    out.sort(key=lambda labs: sorted(n for n, lab in labs.items() if lab is IN))
    return out


def _dung_region(fw: Framework, region: list[str]) -> tuple[list[str | None], list[list[int]]]:
    """The UNDECIDED region as a Dung framework: node index -> indices of its attackers.

    A link's premise p becomes an auxiliary argument "not p" (named ``None``) that p
    attacks and that attacks the link: the link then needs p IN exactly as the rules say.
    Nodes outside the region are IN or OUT and cannot change, so they drop out.
    """
    index = {n: i for i, n in enumerate(region)}
    names: list[str | None] = list(region)
    attackers: list[list[int]] = [[] for _ in region]
    negation: dict[str, int] = {}
    for n in region:
        i = index[n]
        attackers[i].extend(index[a] for a in fw.attackers.get(n, ()) if a in index)
        for p in fw.premises.get(n, ()):
            if p not in index:
                continue  # an IN premise: the condition holds
            if p not in negation:
                negation[p] = len(names)
                names.append(None)
                attackers.append([index[p]])
            attackers[i].append(negation[p])
    return names, attackers


def _search(attackers: list[list[int]], max_steps: int, max_extensions: int) -> list[frozenset[int]]:
    """Nofal-style labelling search for the maximal admissible sets of a Dung framework."""
    n = len(attackers)
    targets: list[list[int]] = [[] for _ in range(n)]
    for i, atts in enumerate(attackers):
        for a in atts:
            targets[a].append(i)
    lab = [_BLANK] * n
    trail: list[tuple[int, int]] = []  # (node, previous label) for undo

    def put(i: int, value: int) -> None:
        trail.append((i, lab[i]))
        lab[i] = value

    for i in range(n):
        if i in attackers[i]:
            put(i, _UNDEC)  # a self-attacker is never IN

    def make_in(i: int) -> None:
        put(i, _IN)
        for t in targets[i]:
            if lab[t] != _OUT:
                put(t, _OUT)
        for a in attackers[i]:
            if lab[a] in (_BLANK, _UNDEC):
                put(a, _MUST_OUT)

    def propagate() -> bool:
        """Label IN every BLANK node all of whose attackers are OUT (it is defended, so
        every preferred extension extending the current one holds it); False on a dead
        end: a MUST_OUT node that nothing left can attack."""
        changed = True
        while changed:
            changed = False
            for i in range(n):
                if lab[i] == _BLANK and all(lab[a] == _OUT for a in attackers[i]):
                    make_in(i)
                    changed = True
        for i in range(n):
            if lab[i] == _MUST_OUT and not any(lab[a] == _BLANK for a in attackers[i]):
                return False
        return True

    found: list[frozenset[int]] = []
    decisions: list[tuple[int, int, bool]] = []  # (node, trail mark, tried IN first)
    steps = 0
    while True:
        steps += 1
        if steps > max_steps:
            raise TooComplexError(
                f"the map has too many interlocking conflicts to list its preferred extensions "
                f"(gave up after {max_steps} search steps); use grounded semantics"
            )
        alive = propagate()
        if alive:
            possible = {i for i in range(n) if lab[i] in (_IN, _BLANK)}
            if any(possible <= f for f in found):
                alive = False
        if alive:
            choice = _choose(lab, attackers, targets)
            if choice is None:
                ext = frozenset(i for i in range(n) if lab[i] == _IN)
                if not any(lab[i] == _MUST_OUT for i in range(n)) and not any(ext <= f for f in found):
                    found = [f for f in found if not f <= ext]
                    found.append(ext)
                    if len(found) > max_extensions:
                        raise TooComplexError(
                            f"the map has more than {max_extensions} preferred extensions; "
                            "use grounded semantics"
                        )
            else:
                decisions.append((choice, len(trail), True))
                make_in(choice)
                continue
        # backtrack to the latest decision whose second branch is still open
        while decisions:
            node, mark, first = decisions.pop()
            _undo(lab, trail, mark)
            if first:
                decisions.append((node, mark, False))
                put(node, _UNDEC)
                break
        else:
            return found


def _choose(lab: list[int], attackers: list[list[int]], targets: list[list[int]]) -> int | None:
    """The BLANK node to branch on: the one attacking most BLANK nodes (ties: lowest)."""
    best, best_score = None, -1
    for i, value in enumerate(lab):
        if value == _BLANK:
            score = sum(1 for t in targets[i] if lab[t] in (_BLANK, _MUST_OUT))
            if score > best_score:
                best, best_score = i, score
    return best


def _undo(lab: list[int], trail: list[tuple[int, int]], mark: int) -> None:
    while len(trail) > mark:
        i, old = trail.pop()
        lab[i] = old
