"""Rationale-style ratings: the student's own accepted/rejected/undecided judgements,
propagated bottom-up into a suggested (derived) rating for positions and unrated claims.
The rules are in docs/reasoning.md, "Ratings"."""

from __future__ import annotations

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


def propagate_ratings(amap: ArgumentMap) -> dict[str, RatingSuggestion]:
    """A suggestion for every statement of the map (see ``RatingSuggestion``)."""
    statements = {s.id: s for s in amap.statements()}
    given = {sid: given_rating(s) for sid, s in statements.items()}
    incoming = _incoming(amap, statements)
    deps = nx.DiGraph()
    deps.add_nodes_from(statements)
    for sid, links in incoming.items():
        if given[sid] is not None:
            continue  # a rated statement depends on nothing: its rating is the student's
        for link in links:
            for p in _all_premises(amap, link):
                deps.add_edge(p, sid)
    effective: dict[str, Rating] = {}
    derived: dict[str, tuple[Rating, str]] = {}
    cond = nx.condensation(deps)
    for comp in nx.topological_sort(cond):
        members = sorted(cond.nodes[comp]["members"])
        circular = len(members) > 1
        for sid in members:
            if given[sid] is not None:
                effective[sid] = given[sid]
            elif circular:
                derived[sid] = (Rating.UNDECIDED, "its reasons go round in a circle back to it")
                effective[sid] = Rating.UNDECIDED
            else:
                derived[sid] = _derive(amap, incoming[sid], effective)
                effective[sid] = derived[sid][0]
    out = {}
    for sid in statements:
        if sid not in derived:
            derived[sid] = _derive(amap, incoming[sid], effective)
        rating, reason = derived[sid]
        out[sid] = RatingSuggestion(sid, given[sid], rating, effective[sid], reason)
    return out


def _incoming(amap: ArgumentMap, statements: dict[str, Statement]) -> dict[str, list[Link]]:
    incoming: dict[str, list[Link]] = {sid: [] for sid in statements}
    for link in amap.links():
        if link.target in incoming:
            incoming[link.target].append(link)
    return incoming


def _all_premises(amap: ArgumentMap, link: Link) -> list[str]:
    """Premises of the link and of every objection to it, transitively."""
    out = list(link.premises)
    for objection in amap.attackers(link.id):
        out.extend(_all_premises(amap, objection))
    return out


def _force(amap: ArgumentMap, link: Link, effective: dict[str, Rating]) -> Strength:
    """How much a link counts: STRONG, WEAK or NONE (it does not hold).

    It holds when all premises are accepted and its strength is not "none" (unset counts
    as weak); a holding strong objection to it cancels it, a holding weak one weakens it
    by one step."""
    if link.strength is Strength.NONE:
        return Strength.NONE
    if any(effective.get(p) is not Rating.ACCEPTED for p in link.premises):
        return Strength.NONE
    force = Strength.STRONG if link.strength is Strength.STRONG else Strength.WEAK
    for objection in amap.attackers(link.id):
        hit = _force(amap, objection, effective)
        if hit is Strength.STRONG:
            return Strength.NONE
        if hit is Strength.WEAK:
            force = Strength.WEAK if force is Strength.STRONG else Strength.NONE
            if force is Strength.NONE:
                return force
    return force


def _derive(amap: ArgumentMap, links: list[Link], effective: dict[str, Rating]) -> tuple[Rating, str]:
    pro = {Strength.STRONG: [], Strength.WEAK: []}
    con = {Strength.STRONG: [], Strength.WEAK: []}
    for link in links:
        force = _force(amap, link, effective)
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
