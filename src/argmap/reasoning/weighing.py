"""Weighing: a strength for every statement and link from what the map holds (sources,
checked quotations, reasons, the student's own ratings and link strengths), and the
defeats they allow: an attack defeats a statement only if it is at least as strong.
The rules and the default order are in docs/reasoning.md, "Weighing"."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from argmap.model import ArgumentMap, Basis, Link, LinkKind, Rating, SourceDocument, Statement, Strength, passages
from argmap.reasoning.framework import Framework
from argmap.reasoning.quotes import cited_document, locate
from argmap.reasoning.ratings import given_rating

#: The strength levels, strongest first: (level, short words used in explanations).
ACCEPTED = 6
STUDY = 5
OFFICIAL = 4
REPORT = 3
UNCHECKED = 2
BARE = 1
REJECTED = 0
TOP = ACCEPTED

#: The default order as shown in Help and docs/reasoning.md (level, what gives it).
ORDER: tuple[tuple[int, str], ...] = (
    (ACCEPTED, "you rated it accepted (or rated the link strong)"),
    (STUDY, "evidence quoting a statistic or a study, quotation checked against its source"),
    (OFFICIAL, "evidence quoting an official statement or an expert, quotation checked"),
    (REPORT, "evidence quoting a news report (or another source), quotation checked"),
    (UNCHECKED, "a source is cited, but its quotation could not be checked"),
    (BARE, "no source and no reason that lends weight (or the link rated weak)"),
    (REJECTED, "you rated it rejected"),
)
LEVEL_NAMES = {
    ACCEPTED: "top",
    STUDY: "very strong",
    OFFICIAL: "strong",
    REPORT: "fair",
    UNCHECKED: "modest",
    BARE: "weak",
    REJECTED: "none",
}

_BASIS_LEVEL = {
    Basis.STATISTIC: (STUDY, "a statistic"),
    Basis.STUDY: (STUDY, "a study"),
    Basis.OFFICIAL_STATEMENT: (OFFICIAL, "an official statement"),
    Basis.EXPERT: (OFFICIAL, "an expert"),
    Basis.NEWS_REPORT: (REPORT, "a news report"),
    Basis.OTHER: (REPORT, "a source"),
}


#: Why a statement with no source is weak; ``weigh`` words it otherwise when the
#: statement has reasons that add nothing (they are weak too, or objected to).
BARE_WHY = "it has no source and no reason behind it"


@dataclass(frozen=True)
class Weight:
    """A strength level and, in plain words, what it comes from ("it quotes an expert,
    checked against its source"). ``by_student`` is True when a rating of the student set it."""

    level: int
    why: str
    by_student: bool = False

    @property
    def name(self) -> str:
        return LEVEL_NAMES.get(self.level, str(self.level))


#: A link that does not count at all (the student rated it "none").
NO_FORCE = Weight(-1, "you rated the link as carrying no weight", True)


@dataclass(frozen=True)
class Weights:
    """The strength of each statement and the force of each link of one map."""

    statements: Mapping[str, Weight]
    links: Mapping[str, Weight]
    overrides: Mapping[str, Strength] = field(default_factory=dict)
    quotes: Mapping[str, str] = field(default_factory=dict)  # evidence id -> quotation check

    def __post_init__(self) -> None:
        for name in ("statements", "links", "overrides", "quotes"):
            object.__setattr__(self, name, MappingProxyType(dict(getattr(self, name))))

    def of(self, id_: str) -> Weight:
        return self.statements.get(id_) or self.links[id_]

    def defeats(self, amap_or_kind: ArgumentMap | Framework, link_id: str) -> bool:
        """Does the attack link ``link_id`` defeat its target? An attack on a link (an
        undercut) always does; an attack on a statement only when at least as strong."""
        if isinstance(amap_or_kind, ArgumentMap):
            link = amap_or_kind.link(link_id)
            target = link.target
        else:
            target = amap_or_kind.target[link_id]
        force = self.links[link_id]
        if force.level < 0:
            return False
        if target not in self.statements:
            return True
        return force.level >= self.statements[target].level

    def to_json(self) -> dict[str, dict[str, dict[str, object]]]:
        def one(w: Weight) -> dict[str, object]:
            return {"level": w.level, "name": w.name, "why": w.why, "by_student": w.by_student}

        return {
            "statements": {k: one(v) for k, v in sorted(self.statements.items())},
            "links": {k: one(v) for k, v in sorted(self.links.items())},
        }


# ------------------------------------------------------------------------ sources
QuoteCheck = Callable[[Statement], str]  # "checked" | "not-found" | "unchecked"


def quote_checker(amap: ArgumentMap, base_dir: str | Path | None) -> QuoteCheck:
    """A function telling for a statement whether its quotation was found in the cited
    document ("checked"), is not in it ("not-found"), or cannot be checked ("unchecked").
    As the map checks do: the text embedded in the project first, else the document's
    file (read once; matching through ``model.passages``, which caches)."""
    base = Path(base_dir) if base_dir is not None else None
    found: dict[SourceDocument, str | None] = {}

    def check(s: Statement) -> str:
        source = s.source
        if source is None or not source.quotation.strip():
            return "unchecked"
        doc = cited_document(amap.meta, source)
        if doc is None:
            return "unchecked"
        if doc not in found:
            if doc.text:
                found[doc] = doc.text
            else:
                readable = base is not None or Path(doc.path).is_absolute()
                found[doc] = locate(doc, base).text if readable else None
        text = found[doc]
        if text is None:
            return "unchecked"
        return "checked" if passages.find(text, source.quotation) is not None else "not-found"

    return check


def own_weight(s: Statement, check: QuoteCheck | None) -> Weight:
    """A statement's strength from itself alone: the student's rating, else its source."""
    rating = given_rating(s)
    if rating is Rating.ACCEPTED:
        return Weight(ACCEPTED, "you rated it accepted", True)
    if rating is Rating.REJECTED:
        return Weight(REJECTED, "you rated it rejected", True)
    source = s.source
    if source is None or source.is_empty():
        return Weight(BARE, BARE_WHY)
    status = check(s) if check is not None else "unchecked"
    if status == "checked":
        level, what = _BASIS_LEVEL.get(source.basis, (REPORT, "a source")) if source.basis else (REPORT, "a source")
        return Weight(level, f"it quotes {what}, checked against its source")
    if status == "not-found":
        return Weight(BARE, "its quotation is not found in the document it cites")
    return Weight(UNCHECKED, "it cites a source, but its quotation could not be checked")


def link_rating(strength: Strength | None) -> Weight | None:
    """The force a student's link rating gives (None: not rated, the premises decide)."""
    if strength is Strength.STRONG:
        return Weight(ACCEPTED, "you rated the link strong", True)
    if strength is Strength.WEAK:
        return Weight(BARE, "you rated the link weak", True)
    if strength is Strength.NONE:
        return NO_FORCE
    return None


# ------------------------------------------------------------------------ weighing
def weigh(
    amap: ArgumentMap,
    base_dir: str | Path | None = None,
    link_strengths: Mapping[str, Strength | str] | None = None,
    check: QuoteCheck | None = None,
) -> Weights:
    """The strength of every statement and the force of every link.

    - A statement's own strength: the student's rating (accepted: top, rejected: none),
      else its source (see ``ORDER``), else weak.
    - A reason (support link) lends the weakest of its premises' strengths (or the
      link's rating); a statement is as strong as the best of itself and its reasons,
      except a reason whose inference is objected to (undercut) lends nothing; a rated
      statement keeps its rating.
    - An attack link's force is the weakest of its premises' strengths, or its rating.
    ``link_strengths`` overrides link ratings (a what-if); quotations are checked
    against documents found from ``base_dir`` (the project's folder).
    """
    overrides = {k: Strength(v) for k, v in (link_strengths or {}).items()}
    if check is None:
        check = quote_checker(amap, base_dir)
    statements = amap.statements()
    quotes: dict[str, str] = {}

    def recorded(s: Statement) -> str:
        quotes[s.id] = check(s)
        return quotes[s.id]

    own = {s.id: own_weight(s, recorded) for s in statements}
    links = amap.links()
    rating = {link.id: link_rating(overrides.get(link.id, link.strength)) for link in links}
    undercut = {link.target for link in links if link.kind is LinkKind.ATTACK}
    reasons: dict[str, list[Link]] = {}
    for link in links:
        if link.kind is LinkKind.SUPPORT and link.id not in undercut and link.target in own:
            reasons.setdefault(link.target, []).append(link)
    # Strengths only grow from their own value: a worklist runs to the fixpoint, a
    # statement being looked at again only when one of its premises grew (support circles
    # settle at the best value found on the circle). Sorted for a deterministic result.
    strength = dict(own)
    users: dict[str, list[str]] = {}
    for sid, into in reasons.items():
        for link in into:
            for p in link.premises:
                users.setdefault(p, []).append(sid)
    names = _Names(amap)
    queue = sorted(sid for sid in reasons if not own[sid].by_student)
    waiting = set(queue)
    queue.reverse()
    while queue:
        sid = queue.pop()
        waiting.discard(sid)
        best = strength[sid]
        best_link = None
        for link in reasons[sid]:
            rated = rating[link.id]
            level = rated.level if rated is not None else min(strength[p].level for p in link.premises)
            if level > best.level:
                best, best_link = Weight(level, ""), link
        if best_link is not None:  # the words only for the reason that wins
            strength[sid] = _lent(best_link, rating[best_link.id], strength, names)
            for user in users.get(sid, ()):
                if user not in waiting and not own[user].by_student:
                    waiting.add(user)
                    queue.append(user)
    out_s = strength
    supported = Counter(link.target for link in links if link.kind is LinkKind.SUPPORT)
    objected = Counter(link.target for link in links if link.kind is LinkKind.SUPPORT and link.id in undercut)
    for sid, n in supported.items():
        w = out_s.get(sid)
        if w is None or w.why != BARE_WHY:
            continue
        # It has reasons: say why they add nothing (objected to, or weak themselves).
        if objected[sid] == n:
            why = "its reason is objected to, so it adds no weight" if n == 1 else (
                f"each of its {n} reasons is objected to, so they add no weight")
        else:
            why = "its reason adds no weight" if n == 1 else f"none of its {n} reasons adds weight"
        out_s[sid] = Weight(BARE, f"it has no source, and {why}")
    out_l: dict[str, Weight] = {}
    for link in links:
        rated = rating[link.id]
        out_l[link.id] = rated if rated is not None else _weakest(out_s, link.premises)
    return Weights(out_s, out_l, overrides, quotes)


class _Names:
    """Short names of statements, made when first asked for."""

    def __init__(self, amap: ArgumentMap) -> None:
        self._map = amap
        self._names: dict[str, str] = {}

    def __getitem__(self, sid: str) -> str:
        name = self._names.get(sid)
        if name is None:
            name = self._names[sid] = self._map.statement(sid).label(40)
        return name


def _lent(link: Link, rated: Weight | None, strength: Mapping[str, Weight], names: _Names) -> Weight:
    """What a reason lends to the statement it supports, with why in words."""
    if rated is not None:
        if rated.level < 0:
            return rated
        return Weight(rated.level, f"{rated.why} (the reason '{names[link.premises[0]]}')", True)
    premise = min(link.premises, key=lambda p: strength[p].level)
    w = strength[premise]
    why = w.why
    if why.startswith("you rated it "):
        why = "which you rated " + why[len("you rated it "):]
    elif why.startswith("it "):
        why = "which " + why[3:]
    elif why.startswith("its "):
        why = "whose " + why[4:]
    else:
        why = "which " + why
    return Weight(w.level, f"it rests on '{names[premise]}', {why}", w.by_student)


def _weakest(strength: Mapping[str, Weight], premises: tuple[str, ...]) -> Weight:
    return min((strength[p] for p in premises), key=lambda w: w.level)


def defeat_framework(fw: Framework, weights: Weights) -> Framework:
    """A copy of ``fw`` in which an attack link on a statement counts only when it
    defeats (see ``Weights.defeats``). A link that does not defeat keeps its own label
    (its premises and undercuts still decide it) but acts on nothing: it leaves its
    target's attackers and is compiled as an inert (support-like) link."""
    out = fw.copy()
    held = weights.statements
    inert = set()
    for a, force in weights.links.items():
        if fw.kind.get(a) is not LinkKind.ATTACK:
            continue
        target = fw.target[a]
        if force.level < 0 or (target in held and force.level < held[target].level):
            inert.add(a)
    for a in inert:
        out.kind[a] = LinkKind.SUPPORT
    out.attackers = {
        node: ([a for a in atts if a not in inert] if atts else atts) for node, atts in fw.attackers.items()
    }
    return out


__all__ = [
    "ACCEPTED",
    "BARE",
    "LEVEL_NAMES",
    "NO_FORCE",
    "OFFICIAL",
    "ORDER",
    "REJECTED",
    "REPORT",
    "STUDY",
    "TOP",
    "UNCHECKED",
    "Weight",
    "Weights",
    "defeat_framework",
    "link_rating",
    "own_weight",
    "quote_checker",
    "weigh",
]
