"""Rationale-style ratings: the student's own accepted/rejected/undecided judgements,
propagated bottom-up into a suggested (derived) rating for positions and unrated claims.
The rules are in docs/reasoning.md, "Ratings"."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx

from argmap.model import ArgumentMap, Link, LinkKind, Rating, Statement, Strength

ACCEPT_AT = 70  #: a credence at or above this counts as accepted
REJECT_AT = 30  #: a credence at or below this counts as rejected


@dataclass(frozen=True)
class RatingSuggestion:
    """``given`` is the student's rating (or None); ``derived`` is what the reasons below
    suggest; ``effective`` is what counts when the statement is a premise (given, else
    derived). ``reason`` says in words where ``derived`` comes from."""

    id: str
    given: Rating | None
    derived: Rating
    effective: Rating
    reason: str

    @property
    def is_derived(self) -> bool:
        """True when the effective rating was computed, not set by the student."""
        return self.given is None


def given_rating(s: Statement) -> Rating | None:
    """The student's rating: ``rating`` if set, else one read from ``credence``."""
    if s.rating is not None:
        return s.rating
    if s.credence is not None:
        if s.credence >= ACCEPT_AT:
            return Rating.ACCEPTED
        if s.credence <= REJECT_AT:
            return Rating.REJECTED
        return Rating.UNDECIDED
    return None


def propagate_ratings(amap: ArgumentMap, ids: Iterable[str] | None = None) -> dict[str, RatingSuggestion]:
    """A suggestion for every statement of the map (see ``RatingSuggestion``); with
    ``ids``, only for those and everything below them (faster on a big map)."""
    if ids is None:
        statements = {s.id: s for s in amap.statements()}
        links = amap.links()
    else:
        scope = set().union(*(amap.subtree(i) for i in ids))
        statements = {i: amap.statement(i) for i in sorted(scope) if amap.is_statement(i)}
        links = [amap.link(i) for i in sorted(scope) if amap.is_link(i)]
    given = {sid: given_rating(s) for sid, s in statements.items()}
    incoming: dict[str, list[Link]] = {sid: [] for sid in statements}
    objections: dict[str, list[Link]] = {}
    for link in links:
        if link.target in incoming:
            incoming[link.target].append(link)
        else:
            objections.setdefault(link.target, []).append(link)
    # Who depends on whom: a statement without a rating depends on the premises of the
    # links into it and of the objections to those links. A rated one depends on nothing.
    inputs: dict[str, set[str]] = {sid: set() for sid in statements}
    for sid, links in incoming.items():
        if given[sid] is None:
            for link in links:
                inputs[sid].update(_all_premises(link, objections))
    effective: dict[str, Rating] = {}
    derived: dict[str, tuple[Rating, str]] = {}

    def settle(sid: str) -> None:
        rating = given[sid]
        if rating is not None:
            effective[sid] = rating
        else:
            derived[sid] = _derive(amap, incoming[sid], effective, objections)
            effective[sid] = derived[sid][0]

    for sid in _topological(inputs):
        settle(sid)
    left = [sid for sid in statements if sid not in effective]
    if left:  # statements on or after a circle of reasons
        sub = nx.DiGraph()
        sub.add_nodes_from(left)
        sub.add_edges_from((p, sid) for sid in left for p in inputs[sid] if p in sub)
        cond = nx.condensation(sub)
        for comp in nx.topological_sort(cond):
            members = sorted(cond.nodes[comp]["members"])
            for sid in members:
                if len(members) > 1:
                    derived[sid] = (Rating.UNDECIDED, "its reasons go round in a circle back to it")
                    effective[sid] = Rating.UNDECIDED
                else:
                    settle(sid)
    out = {}
    for sid in statements:
        if sid not in derived:
            derived[sid] = _derive(amap, incoming[sid], effective, objections)
        rating, reason = derived[sid]
        out[sid] = RatingSuggestion(sid, given[sid], rating, effective[sid], reason)
    return out


def _topological(inputs: dict[str, set[str]]) -> list[str]:
    """Statements in an order where each comes after its inputs (Kahn); statements on a
    circle, and those depending on one, are left out."""
    waiting = {sid: len(deps) for sid, deps in inputs.items()}
    users: dict[str, list[str]] = {}
    for sid, deps in inputs.items():
        for p in deps:
            users.setdefault(p, []).append(sid)
    ready = [sid for sid, n in waiting.items() if n == 0]
    order = []
    while ready:
        sid = ready.pop()
        order.append(sid)
        for user in users.get(sid, ()):
            waiting[user] -= 1
            if waiting[user] == 0:
                ready.append(user)
    return order


def _all_premises(link: Link, objections: dict[str, list[Link]]) -> list[str]:
    """Premises of the link and of every objection to it, transitively."""
    out = list(link.premises)
    for objection in objections.get(link.id, ()):
        out.extend(_all_premises(objection, objections))
    return out


def _force(link: Link, effective: dict[str, Rating], objections: dict[str, list[Link]]) -> Strength:
    """How much a link counts: STRONG, WEAK or NONE (it does not hold).

    It holds when all premises are accepted and its strength is not "none" (unset counts
    as weak); a holding strong objection to it cancels it, a holding weak one weakens it
    by one step."""
    if link.strength is Strength.NONE:
        return Strength.NONE
    if any(effective.get(p) is not Rating.ACCEPTED for p in link.premises):
        return Strength.NONE
    force = Strength.STRONG if link.strength is Strength.STRONG else Strength.WEAK
    for objection in objections.get(link.id, ()):
        hit = _force(objection, effective, objections)
        if hit is Strength.STRONG:
            return Strength.NONE
        if hit is Strength.WEAK:
            force = Strength.WEAK if force is Strength.STRONG else Strength.NONE
            if force is Strength.NONE:
                return force
    return force


def _derive(
    amap: ArgumentMap, links: list[Link], effective: dict[str, Rating], objections: dict[str, list[Link]]
) -> tuple[Rating, str]:
    pro: dict[Strength, list[Link]] = {Strength.STRONG: [], Strength.WEAK: []}
    con: dict[Strength, list[Link]] = {Strength.STRONG: [], Strength.WEAK: []}
    for link in links:
        force = _force(link, effective, objections)
        if force is not Strength.NONE:
            (pro if link.kind is LinkKind.SUPPORT else con)[force].append(link)
    strong_pro, strong_con = pro[Strength.STRONG], con[Strength.STRONG]
    weak_pro, weak_con = pro[Strength.WEAK], con[Strength.WEAK]
    if strong_con and not strong_pro:
        return Rating.REJECTED, f"a strong objection holds ({_names(amap, strong_con)}) and no strong reason does"
    if strong_pro and not strong_con:
        return Rating.ACCEPTED, f"a strong reason holds ({_names(amap, strong_pro)}) and no strong objection does"
    if strong_pro and strong_con:
        return Rating.UNDECIDED, "strong reasons and strong objections both hold"
    if weak_pro and not weak_con:
        return Rating.ACCEPTED, f"a reason holds ({_names(amap, weak_pro)}) and no objection does"
    if weak_con and not weak_pro:
        return Rating.REJECTED, f"an objection holds ({_names(amap, weak_con)}) and no reason does"
    if weak_pro and weak_con:
        return Rating.UNDECIDED, "reasons and objections of the same weight both hold"
    if not links:
        return Rating.UNDECIDED, "nothing is given for or against it"
    return Rating.UNDECIDED, "none of the reasons or objections given holds (their premises are not all accepted)"


def _names(amap: ArgumentMap, links: list[Link]) -> str:
    names = [f"'{amap.statement(link.premises[0]).label(40)}'" for link in links[:2]]
    more = f" and {len(links) - 2} more" if len(links) > 2 else ""
    return ", ".join(names) + more
