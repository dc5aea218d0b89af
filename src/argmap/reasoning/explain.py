"""Plain-language explanations of why a statement or link has its label."""

from __future__ import annotations

from collections.abc import Mapping

from argmap.model import ArgumentMap, Link, LinkKind, Statement, StatementKind
from argmap.model.style import KIND_WORDS
from argmap.reasoning.framework import IN, OUT, UNDECIDED, Label
from argmap.reasoning.labelling import Labelling
from argmap.reasoning.weighing import Weight, Weights

Labels = Mapping[str, Label] | Labelling

_KIND_WORD = KIND_WORDS
_LABEL_WORD = {IN: "IN", OUT: "OUT", UNDECIDED: "UNDECIDED"}


def name(amap: ArgumentMap, id_: str) -> str:
    """A statement's short name in quotes."""
    return f"'{amap.statement(id_).label()}'"


def support_status(amap: ArgumentMap, id_: str, labels: Mapping[str, Label] | Labelling) -> tuple[int, list[str]]:
    """(number of support links into the statement, the ones that are IN)."""
    supports = amap.supporters(id_)
    return len(supports), [link.id for link in supports if labels.get(link.id) is IN]


def is_unsupported(amap: ArgumentMap, id_: str, labels: Mapping[str, Label] | Labelling) -> bool:
    """True for a position none of whose reasons currently holds."""
    s = amap.statement(id_)
    return s.kind is StatementKind.POSITION and not support_status(amap, id_, labels)[1]


def explain(amap: ArgumentMap, id_: str, labels: Mapping[str, Label] | Labelling) -> str:
    """Why ``id_`` (a statement or a link) has its label, in a few plain sentences."""
    assumptions = labels.assumptions if isinstance(labels, Labelling) else {}
    label = labels.get(id_)
    if label is None:
        return f"{_subject(amap, id_)} has no label yet."
    if id_ in assumptions:
        return (
            f"{_subject(amap, id_)} is {_LABEL_WORD[label]} because you assumed it "
            f"{assumptions[id_].value} (a what-if: it is not saved in the map)."
        )
    if amap.is_link(id_):
        return _explain_link(amap, amap.link(id_), labels, label)
    weights = getattr(labels, "weights", None)
    if weights is not None:
        return _explain_weighed(amap, amap.statement(id_), labels, label, weights)
    return _explain_statement(amap, amap.statement(id_), labels, label)


# ------------------------------------------------------------------- weighed
def comparison(amap: ArgumentMap, attack: Link, weights: Weights, advice: bool = True) -> str:
    """Which comparison decides whether an attack defeats the statement it targets, in
    plain words, with what would change it (``advice``)."""
    text, change = _comparison(amap, attack, weights)
    return f"{text}. {change}" if advice else f"{text}."


def _comparison(amap: ArgumentMap, attack: Link, weights: Weights) -> tuple[str, str]:
    who = name(amap, attack.premises[0])
    target = name(amap, attack.target)
    force, held = weights.links[attack.id], weights.statements[attack.target]
    if force.level < 0:
        return f"{who} does not defeat {target} because {force.why}", "Rate the link strong or weak to change that."
    if weights.defeats(amap, attack.id):
        same = "they weigh the same and an attack at least as strong as its target wins" if force.level == held.level else (
            f"{who} is stronger"
        )
        change = f"give {target} a stronger source or reason, or rate the attack weak"
        if held.by_student:
            change = "rate the attack weak"
        return (
            f"{who} defeats {target} because {same}: {_weight_words(amap, attack, force)}, while "
            f"{target} {_drop_it(held.why)}"
        ), f"To change that, {change}."
    premise = amap.statement(attack.premises[0])
    if premise.source is None or premise.source.is_empty():
        change = "Give it a source, or rate the attack strong, to change that."
    else:
        change = "Rate the attack strong to change that."
    return (
        f"{who} does not defeat {target} because it is weaker: {_weight_words(amap, attack, force)}, while "
        f"{target} {_drop_it(held.why)}"
    ), change


def _weight_words(amap: ArgumentMap, attack: Link, force: Weight) -> str:
    if force.by_student and "link" in force.why:
        return force.why
    return _drop_it(force.why, "it")


def _drop_it(why: str, subject: str = "") -> str:
    """'it has no source' -> 'has no source' (or keep a subject: 'it has ...')."""
    if subject:
        return f"{subject} {why[3:]}" if why.startswith("it ") else why
    if why.startswith("it "):
        return why[3:]
    if why.startswith("you rated it "):
        return "is rated " + why[len("you rated it "):] + " by you"
    return why


def _explain_weighed(
    amap: ArgumentMap, s: Statement, labels: Mapping[str, Label] | Labelling, label: Label, weights: Weights
) -> str:
    subject = name(amap, s.id)
    attacks = amap.attackers(s.id)
    holding = [a for a in attacks if labels.get(a.id) is IN]
    winning = [a for a in holding if weights.defeats(amap, a.id)]
    if label is IN:
        if not attacks:
            text = f"{subject} stands: nothing attacks it."
        else:
            parts = []
            for a in attacks:
                if labels.get(a.id) is IN:
                    parts.append(comparison(amap, a, weights))
                else:
                    parts.append(f"The attack by {_premises(amap, a, with_kind=False)} fails: {_why_failed(amap, a, labels)}.")
            text = f"{subject} is IN: no attack on it succeeds. " + " ".join(parts)
    elif label is OUT:
        text = f"{subject} is OUT. " + " ".join(comparison(amap, a, weights) for a in winning)
    else:
        open_ = [a for a in attacks if labels.get(a.id) is UNDECIDED and weights.defeats(amap, a.id)]
        text = f"{subject} is UNDECIDED because nothing settles " + "; nor ".join(
            _why_open(amap, a, s.id, labels) for a in open_
        ) + "."
    return text + _support_sentence(amap, s, labels, label)


# ---------------------------------------------------------------------- statements
def _explain_statement(amap: ArgumentMap, s: Statement, labels: Labels, label: Label) -> str:
    subject = name(amap, s.id)
    attacks = amap.attackers(s.id)
    if label is IN:
        if not attacks:
            text = f"{subject} is IN: nothing attacks it."
        else:
            text = f"{subject} is IN because every attack on it fails: " + "; ".join(
                _why_failed(amap, a, labels) for a in attacks
            ) + "."
    elif label is OUT:
        winning = [a for a in attacks if labels.get(a.id) is IN]
        text = f"{subject} is OUT because " + ", and ".join(_why_holds(amap, a, labels) for a in winning) + "."
    else:
        open_ = [a for a in attacks if labels.get(a.id) is UNDECIDED]
        text = f"{subject} is UNDECIDED because nothing settles " + "; nor ".join(
            _why_open(amap, a, s.id, labels) for a in open_
        ) + "."
        if getattr(labels, "semantics", "grounded") == "grounded":
            text += " Grounded semantics picks no side here; the preferred view shows each consistent side."
    return text + _support_sentence(amap, s, labels, label)


def _support_sentence(amap: ArgumentMap, s: Statement, labels: Labels, label: Label) -> str:
    total, holding = support_status(amap, s.id, labels)
    if holding:
        names = _join([_premises(amap, amap.link(lid)) for lid in holding[:3]])
        more = f" and {len(holding) - 3} more" if len(holding) > 3 else ""
        return f" It is supported by {names}{more}."
    if s.kind is not StatementKind.POSITION:
        return ""
    if total == 0:
        why = "No reason is given for it"
    elif total == 1:
        why = "Its only reason does not hold"
    else:
        why = f"None of its {total} reasons holds"
    if label is IN:  # the verdict "stands, unsupported"
        return f" {why}, so it stands, unsupported: IN here means unchallenged, not proven."
    # Defeated or undecided: "unsupported" would name a verdict it does not have.
    return f" {why} either: nothing speaks for it."


# --------------------------------------------------------------------------- links
def _explain_link(amap: ArgumentMap, link: Link, labels: Labels, label: Label) -> str:
    subject = _describe_link(amap, link)
    subject = subject[0].upper() + subject[1:]
    premises = list(link.premises)
    attacks = amap.attackers(link.id)
    if label is IN:
        tail = "nothing undercuts it" if not attacks else "every objection to it fails"
        if link.kind is LinkKind.ATTACK and not attacks:
            tail = "nothing counters it"
        return f"{subject} takes effect: {_state_premises(amap, premises, labels)} and {tail}."
    if label is OUT:
        failed = [p for p in premises if labels.get(p) is OUT]
        if failed:
            return f"{subject} does not take effect because {_join([f'{name(amap, p)} is OUT' for p in failed])}."
        winning = [a for a in attacks if labels.get(a.id) is IN]
        return f"{subject} does not take effect because " + ", and ".join(
            _why_holds(amap, a, labels) for a in winning
        ) + "."
    open_premises = [p for p in premises if labels.get(p) is UNDECIDED]
    reasons = [f"{name(amap, p)} is UNDECIDED" for p in open_premises]
    reasons += [f"the objection by {_premises(amap, a)} is UNDECIDED" for a in attacks if labels.get(a.id) is UNDECIDED]
    return f"{subject} is UNDECIDED because {_join(reasons)}."


def _describe_link(amap: ArgumentMap, link: Link) -> str:
    by = _premises(amap, link, with_kind=False)
    if amap.is_link(link.target):
        inner = amap.link(link.target)
        return f"the objection by {by} to {_describe_link(amap, inner)}"
    target = name(amap, link.target)
    if link.kind is LinkKind.SUPPORT:
        return f"the support from {by} to {target}"
    return f"the attack by {by} on {target}"


# ------------------------------------------------------------------ attack phrases
def _premises(amap: ArgumentMap, link: Link, with_kind: bool = True) -> str:
    first = amap.statement(link.premises[0])
    head = f"the {_KIND_WORD[first.kind]} {name(amap, first.id)}" if with_kind else name(amap, first.id)
    rest = [name(amap, p) for p in link.premises[1:]]
    return head if not rest else f"{head} together with {_join(rest)}"


def _state_premises(amap: ArgumentMap, premises: list[str], labels: Labels) -> str:
    if len(premises) == 1:
        return f"{name(amap, premises[0])} is IN"
    return f"its premises {_join([name(amap, p) for p in premises])} are all IN"


def _why_holds(amap: ArgumentMap, attack: Link, labels: Labels) -> str:
    """Why an IN attack link succeeds."""
    verb = "is" if len(attack.premises) == 1 else "are"
    premise_attacked = any(amap.attackers(p) for p in attack.premises)
    link_attacked = bool(amap.attackers(attack.id))
    if not premise_attacked and not link_attacked:
        tail = "nothing attacks it" if len(attack.premises) == 1 else "nothing attacks them"
    elif premise_attacked and not link_attacked:
        tail = "every attack on it fails" if len(attack.premises) == 1 else "every attack on them fails"
    else:
        tail = "every objection to the attack fails"
    phrase = _premises(amap, attack)
    if amap.statement(attack.premises[0]).kind is not StatementKind.REBUTTAL:
        phrase = f"{phrase}, which {'attacks' if verb == 'is' else 'attack'} it,"
    return f"{phrase} {verb} IN and {tail}"


def _why_failed(amap: ArgumentMap, attack: Link, labels: Labels) -> str:
    """Why an OUT attack link fails."""
    out = [p for p in attack.premises if labels.get(p) is OUT]
    if out:
        return _join([f"{name(amap, p)} is OUT" for p in out])
    winners = [b for b in amap.attackers(attack.id) if labels.get(b.id) is IN]
    by = _join([_premises(amap, b) for b in winners])
    return f"the attack by {_premises(amap, attack, with_kind=False)} is countered by {by}"


def _why_open(amap: ArgumentMap, attack: Link, target: str, labels: Labels) -> str:
    """Why an UNDECIDED attack link is neither established nor defeated."""
    phrase = f"the attack by {_premises(amap, attack, with_kind=False)}"
    if _reaches(amap, target, attack.id):
        return f"{phrase}, which depends on {name(amap, target)} in turn (a cycle of attacks)"
    open_ = [p for p in attack.premises if labels.get(p) is UNDECIDED]
    if open_:
        return f"{phrase}, because {_join([name(amap, p) for p in open_])} is itself UNDECIDED"
    return f"{phrase}, whose own objections are UNDECIDED"


def _reaches(amap: ArgumentMap, start: str, goal: str) -> bool:
    """Does the label of ``goal`` depend on ``start`` (premise -> link, attack -> target)?"""
    seen = set()
    stack = [start]
    while stack:
        n = stack.pop()
        if n == goal:
            return True
        if n in seen:
            continue
        seen.add(n)
        if amap.is_link(n):
            link = amap.link(n)
            if link.kind is LinkKind.ATTACK:
                stack.append(link.target)
        else:
            stack.extend(link.id for link in amap.links_from(n))
    return False


def _join(parts: list[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def _subject(amap: ArgumentMap, id_: str) -> str:
    if amap.is_statement(id_):
        return name(amap, id_)
    if amap.is_link(id_):
        text = _describe_link(amap, amap.link(id_))
        return text[0].upper() + text[1:]
    return repr(id_)
