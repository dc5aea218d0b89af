"""Pair each student statement with at most one model statement.

Ids never matter: the student's file has ids of its own. A pair's score is its text
similarity (for two pieces of evidence also the overlap of their quoted passages),
plus a bonus for the same kind and, in a second round, a bonus when the student drew it
under the statement that matches its parent in the model, and one for the share of the
cards drawn under it that match cards under the candidate in the model. Pairs are taken greedily,
best first, each statement at most once, down to a threshold.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from argmap.compare.quoted import located, span_overlap
from argmap.compare.similarity import Prepared, prepare, quote_overlap, text_matrix
from argmap.model import ArgumentMap, LinkKind, Statement, StatementKind

#: A pair must score at least this to be a match (0..1, after bonuses).
THRESHOLD = 0.6
KIND_BONUS = 0.08
PARENT_BONUS = 0.12
CHILD_BONUS = 0.25  # times the share of the card's children that match the candidate's
#: A question matched with anything else, or a position with evidence, is unlikely.
_KIND_PENALTY = {
    frozenset({StatementKind.QUESTION, StatementKind.POSITION}): 0.2,
    frozenset({StatementKind.POSITION, StatementKind.EVIDENCE}): 0.15,
}
ANSWERS = "answers"  # the relation of a position to its question


@dataclass(frozen=True, slots=True)
class Relation:
    """What a statement is drawn as: a premise of a link of ``kind`` (``support``,
    ``attack``, or ``answers`` for a position) aimed at ``anchors``: the target
    statement, or for a link aimed at a link (an undercut), that link's premises."""

    kind: str
    anchors: frozenset[str]
    link: str | None  # the link's id (None for ``answers``)


def relations(amap: ArgumentMap) -> dict[str, list[Relation]]:
    """Every statement's outgoing relations, in link order."""
    out: dict[str, list[Relation]] = {s.id: [] for s in amap.statements()}
    for s in amap.statements():
        if s.answers is not None:
            out[s.id].append(Relation(ANSWERS, frozenset({s.answers}), None))
    for link in amap.links():
        target = link.target
        anchors = frozenset(amap.link(target).premises) if amap.is_link(target) else frozenset({target})
        kind = link.kind.value if isinstance(link.kind, LinkKind) else str(link.kind)
        for p in link.premises:
            out[p].append(Relation(kind, anchors, link.id))
    return out


@dataclass(frozen=True, slots=True)
class Match:
    model: str
    student: str
    similarity: float  # 0..1, text (or quotation) similarity without bonuses


def match_maps(model: ArgumentMap, student: ArgumentMap, threshold: float = THRESHOLD) -> list[Match]:
    """The pairs, sorted by model id. Each statement appears at most once."""
    m_items = model.statements()
    s_items = student.statements()
    if not m_items or not s_items:
        return []
    m_prep = _prepared_model(model, m_items)
    s_prep = [prepare(s) for s in s_items]
    sim = text_matrix(s_prep, m_prep)
    # Quotations of the same passage of the article (located in the model's embedded
    # text, the student's document paired with the model's by text or title).
    m_at, s_at = located(model, student, m_items, s_items)
    for i, sp in enumerate(s_prep):
        if not sp.quote:
            continue
        row = sim[i]
        for j, mp in enumerate(m_prep):
            if mp.quote:
                here, there = s_at[i], m_at[j]
                overlap = span_overlap(here, there) if here is not None and there is not None else 0.0
                row[j] = max(row[j], quote_overlap(sp, mp), overlap)
    base = [[_with_kind(sim[i][j], sp.kind, mp.kind) for j, mp in enumerate(m_prep)] for i, sp in enumerate(s_prep)]
    m_ids = [s.id for s in m_items]
    s_ids = [s.id for s in s_items]
    first = _greedy(base, s_ids, m_ids, threshold - PARENT_BONUS / 2)
    # Second round: a candidate under the statement that matches its model parent.
    m_rel = relations(model)
    s_rel = relations(student)
    m_anchors = {mid: frozenset().union(*(r.anchors for r in m_rel[mid])) for mid in m_ids}
    m_children: dict[str, set[str]] = {mid: set() for mid in m_ids}
    for mid in m_ids:
        for a in m_anchors[mid]:
            if a in m_children:
                m_children[a].add(mid)
    s_children: dict[str, set[str]] = {sid: set() for sid in s_ids}
    for sid in s_ids:
        for r in s_rel[sid]:
            for a in r.anchors:
                if a in s_children:
                    s_children[a].add(sid)
    scored = [row[:] for row in base]
    for i, sid in enumerate(s_ids):
        parents = {first[a] for r in s_rel[sid] for a in r.anchors if a in first}
        kids = [first[c] for c in s_children[sid] if c in first]
        if not parents and not kids:
            continue
        row = scored[i]
        for j, mid in enumerate(m_ids):
            if parents & m_anchors[mid]:
                row[j] += PARENT_BONUS
            if kids:
                # What the student drew under it matches what the model has under this
                # one: a position is known by its reasons as much as by its wording.
                row[j] += CHILD_BONUS * sum(1 for k in kids if k in m_children[mid]) / len(kids)
    final = _greedy(scored, s_ids, m_ids, threshold)
    index_m = {mid: j for j, mid in enumerate(m_ids)}
    index_s = {sid: i for i, sid in enumerate(s_ids)}
    pairs = [Match(mid, sid, round(min(1.0, sim[index_s[sid]][index_m[mid]]), 3)) for sid, mid in final.items()]
    return sorted(pairs, key=lambda p: p.model)


#: The model answer's prepared statements, kept while the very same statement values
#: are compared again (a class compares one model with thirty maps).
_MODEL_CACHE: dict[int, tuple[list[Statement], list[Prepared]]] = {}


def _prepared_model(model: ArgumentMap, items: list[Statement]) -> list[Prepared]:
    hit = _MODEL_CACHE.get(id(model))
    if hit is not None and len(hit[0]) == len(items) and all(a is b for a, b in zip(hit[0], items)):
        return hit[1]
    prepared = [prepare(s) for s in items]
    _MODEL_CACHE.clear()
    _MODEL_CACHE[id(model)] = (items, prepared)
    return prepared


def _with_kind(score: float, a: StatementKind, b: StatementKind) -> float:
    if a == b:
        return score + KIND_BONUS
    return score - _KIND_PENALTY.get(frozenset({a, b}), 0.0)


def _greedy(scores: list[list[float]], s_ids: list[str], m_ids: list[str], threshold: float) -> dict[str, str]:
    """Student id -> model id, taking the best remaining pair first (ties by id, so the
    result does not depend on file order)."""
    candidates = [
        (-score, s_ids[i], m_ids[j])
        for i, row in enumerate(scores)
        for j, score in enumerate(row)
        if score >= threshold
    ]
    candidates.sort()
    taken_m: set[str] = set()
    out: dict[str, str] = {}
    for _neg, sid, mid in candidates:
        if sid in out or mid in taken_m:
            continue
        out[sid] = mid
        taken_m.add(mid)
    return out


def student_to_model(matches: list[Match]) -> Mapping[str, str]:
    return {m.student: m.model for m in matches}
