"""One verdict per position (stands / stands, unsupported / defeated / undecided), the
badges the canvas and every export show, and the short words around them. The badge,
the Evaluation panel, `argmap evaluate` and the exports all call ``verdict``."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import StrEnum

from argmap.model import ArgumentMap, Rating, StatementKind
from argmap.reasoning.explain import comparison, explain, support_status
from argmap.reasoning.framework import IN, OUT, Label
from argmap.reasoning.labelling import Labelling
from argmap.reasoning.ratings import RatingSuggestion, propagate_ratings

UNSUPPORTED_BADGE = "IN \u00b7 unsupported"


class Verdict(StrEnum):
    STANDS = "stands"
    UNSUPPORTED = "stands, unsupported"
    DEFEATED = "defeated"
    UNDECIDED = "undecided"

    @property
    def badge(self) -> str:
        """The card badge: IN, "IN · unsupported", OUT or UND."""
        return {"stands": "IN", "stands, unsupported": UNSUPPORTED_BADGE, "defeated": "OUT", "undecided": "UND"}[
            self.value
        ]


def verdict(amap: ArgumentMap, id_: str, labels: Mapping[str, Label] | Labelling) -> Verdict:
    """The verdict on a statement: stands (IN, and a reason for it holds), stands,
    unsupported (IN, but nothing holds for it: only for positions), defeated (OUT),
    undecided."""
    label = labels.get(id_)
    if label is IN:
        s = amap.statement(id_)
        if s.kind is StatementKind.POSITION and not support_status(amap, id_, labels)[1]:
            return Verdict.UNSUPPORTED
        return Verdict.STANDS
    if label is OUT:
        return Verdict.DEFEATED
    return Verdict.UNDECIDED


def outline_order(amap: ArgumentMap) -> list[str]:
    """Statement ids in outline order: each question, its positions and what argues for
    and against each of them, depth first; then anything not reached."""
    seen: set[str] = set()
    out: list[str] = []
    for root in amap.roots():
        if root.kind is StatementKind.POSITION and root.answers is not None and amap.is_statement(root.answers):
            continue  # shown under its question
        stack = [root.id]
        while stack:
            sid = stack.pop()
            if sid in seen:
                continue
            seen.add(sid)
            out.append(sid)
            stack.extend(reversed([c for c in _children(amap, sid) if c not in seen]))
    rest = sorted((s for s in amap.statements() if s.id not in seen), key=lambda s: (s.order, s.id))
    return out + [s.id for s in rest]


def _children(amap: ArgumentMap, sid: str) -> list[str]:
    """The outline children of a statement, each link's undercuts right after its premises."""
    out = [c.id for c in amap.children(sid)]
    for link in amap.links_into(sid):
        for objection in amap.links_into(link.id):
            out.extend(p for p in objection.premises if p not in out)
    return out


def positions(amap: ArgumentMap) -> list[str]:
    """Position ids in outline order: each question's positions, then any others."""
    out: list[str] = []
    for q in amap.questions():
        out.extend(p.id for p in amap.positions(q.id) if p.id not in out)
    seen = set(out)
    rest = sorted((s for s in amap.statements() if s.kind is StatementKind.POSITION and s.id not in seen),
                  key=lambda s: (s.order, s.id))
    return out + [s.id for s in rest]


def verdicts(amap: ArgumentMap, labels: Mapping[str, Label] | Labelling) -> dict[str, Verdict]:
    """Position id -> verdict, in outline order."""
    return {sid: verdict(amap, sid, labels) for sid in positions(amap) if sid in labels}


def verdict_badges(amap: ArgumentMap, labels: Mapping[str, Label] | Labelling, ids: Iterable[str] | None = None) -> dict[str, str]:
    """Statement id -> badge text: positions show their verdict badge (so an unsupported
    one reads "IN · unsupported"), every other statement its label badge."""
    out = {}
    for sid in ids if ids is not None else (s.id for s in amap.statements()):
        label = labels.get(sid)
        if label is None or not amap.is_statement(sid):
            continue
        if amap.statement(sid).kind is StatementKind.POSITION:
            out[sid] = verdict(amap, sid, labels).badge
        else:
            out[sid] = label.badge
    return out


def summary(amap: ArgumentMap, labels: Mapping[str, Label] | Labelling) -> str:
    """One line: "3 positions: 1 stands, 2 defeated." (no positions: the label counts)."""
    found = verdicts(amap, labels)
    if not found:
        counts = {lab: 0 for lab in Label}
        for s in amap.statements():
            if s.id in labels:
                counts[labels[s.id]] += 1
        return f"No positions; {counts[IN]} IN, {counts[OUT]} OUT, {counts[Label.UNDECIDED]} UNDECIDED."
    parts = []
    for v in Verdict:
        n = sum(1 for x in found.values() if x is v)
        if n:
            parts.append(f"{n} {v.value}")
    n = len(found)
    return f"{n} position{'s' if n != 1 else ''}: " + ", ".join(parts) + "."


def one_line(amap: ArgumentMap, id_: str, labels: Labelling) -> str:
    """One sentence on why a statement has its verdict (for handouts and the picture's
    verdict box): the decisive comparison, without the advice."""
    label = labels.get(id_)
    weights = labels.weights
    attacks = amap.attackers(id_)
    holding = [a for a in attacks if labels.get(a.id) is IN]
    if label is OUT and holding:
        winner = next((a for a in holding if weights is None or weights.defeats(amap, a.id)), holding[0])
        if weights is not None:
            return comparison(amap, winner, weights, advice=False)
        return f"The attack by '{amap.statement(winner.premises[0]).label(50)}' holds."
    if label is IN:
        if not attacks:
            reason = "Nothing attacks it."
        elif holding and weights is not None:
            reason = comparison(amap, holding[0], weights, advice=False)
        else:
            reason = "Every attack on it fails."
        if verdict(amap, id_, labels) is Verdict.UNSUPPORTED:
            reason += " But no reason for it holds."
        return reason
    first = explain(amap, id_, labels).split(". ")[0].rstrip(".")
    return first + "."


_RATING_WORD = {Rating.ACCEPTED: "accepted", Rating.REJECTED: "rejected", Rating.UNDECIDED: "undecided"}
_AGREES = {
    Verdict.STANDS: Rating.ACCEPTED,
    Verdict.UNSUPPORTED: Rating.ACCEPTED,
    Verdict.DEFEATED: Rating.REJECTED,
    Verdict.UNDECIDED: Rating.UNDECIDED,
}


def student_rated(amap: ArgumentMap) -> bool:
    """Has the student rated a statement (accepted / rejected / undecided, or a credence)?
    Suggestions are worked out from those ratings; link strengths alone suggest nothing."""
    return any(s.rating is not None or s.credence is not None for s in amap.statements())


def ratings_note(
    amap: ArgumentMap,
    id_: str,
    labels: Mapping[str, Label] | Labelling,
    suggestion: RatingSuggestion | None = None,
) -> str:
    """"Your ratings suggest …" for a statement, only when the student has set ratings
    (else ""); where it disagrees with the verdict, it says so and why."""
    if not student_rated(amap) or not amap.is_statement(id_):
        return ""
    r = suggestion if suggestion is not None else propagate_ratings(amap, [id_]).get(id_)
    if r is None:
        return ""
    text = f"Your ratings suggest {_RATING_WORD[r.derived]}, because {r.reason}."
    if r.given is not None:
        text += f" You rated it {_RATING_WORD[r.given]}."
    v = verdict(amap, id_, labels)
    if _AGREES[v] is not r.derived:
        text += (
            f" This differs from the verdict ({v.value}): the verdict weighs every attack by the strengths "
            "shown above, while the suggestion adds up only the ratings you set."
        )
    return text


__all__ = [
    "UNSUPPORTED_BADGE",
    "Verdict",
    "one_line",
    "outline_order",
    "positions",
    "ratings_note",
    "student_rated",
    "summary",
    "verdict",
    "verdict_badges",
    "verdicts",
]
