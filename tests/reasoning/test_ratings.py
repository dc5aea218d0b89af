"""Rationale-style rating propagation: exact suggestions for small rated maps."""

from __future__ import annotations

from dataclasses import replace

from argmap.model import ArgumentMap, Link, Rating, Statement, Strength
from argmap.reasoning import given_rating, propagate_ratings

from tests.reasoning.maps import K, make_map

A, R, U = Rating.ACCEPTED, Rating.REJECTED, Rating.UNDECIDED


def rated(statements, links):
    """statements: id -> (kind, rating or None, credence or None); links: (id, kind, premises, target, strength)."""
    items = {
        sid: Statement(sid, kind, f"text {sid}", rating=rating, credence=credence)
        for sid, (kind, rating, credence) in statements.items()
    }
    m = make_map(items, [(lid, kind, p, t) for lid, kind, p, t, _s in links])
    for lid, _kind, _p, _t, strength in links:
        if strength is not None:
            m.replace_link(replace(m.link(lid), strength=Strength(strength)))
    return m


def suggestions(m: ArgumentMap) -> dict[str, Rating]:
    return {sid: r.derived for sid, r in propagate_ratings(m).items()}


def test_given_rating_reads_credence():
    assert given_rating(Statement("a", K.CLAIM, "x", credence=80)) is A
    assert given_rating(Statement("a", K.CLAIM, "x", credence=20)) is R
    assert given_rating(Statement("a", K.CLAIM, "x", credence=50)) is U
    assert given_rating(Statement("a", K.CLAIM, "x", rating=R, credence=90)) is R
    assert given_rating(Statement("a", K.CLAIM, "x")) is None


def test_accepted_reason_makes_position_accepted_and_marked_derived():
    m = rated({"p": (K.POSITION, None, None), "e": (K.EVIDENCE, A, None)}, [("l", "support", "e", "p", None)])
    r = propagate_ratings(m)
    assert r["p"].derived is A and r["p"].is_derived and r["p"].effective is A
    assert not r["e"].is_derived and r["e"].effective is A
    assert "reason holds" in r["p"].reason


def test_strong_objection_beats_weak_reasons():
    m = rated(
        {"p": (K.POSITION, None, None), "a": (K.CLAIM, A, None), "b": (K.CLAIM, A, None), "r": (K.REBUTTAL, A, None)},
        [("l1", "support", "a", "p", "weak"), ("l2", "support", "b", "p", None), ("x", "attack", "r", "p", "strong")],
    )
    assert suggestions(m)["p"] is R


def test_strong_on_both_sides_is_undecided_and_weak_balance_too():
    m = rated(
        {"p": (K.POSITION, None, None), "a": (K.CLAIM, A, None), "r": (K.REBUTTAL, A, None)},
        [("l", "support", "a", "p", "strong"), ("x", "attack", "r", "p", "strong")],
    )
    assert suggestions(m)["p"] is U
    m.replace_link(replace(m.link("l"), strength=Strength.WEAK))
    m.replace_link(replace(m.link("x"), strength=Strength.WEAK))
    assert suggestions(m)["p"] is U


def test_rejected_or_undecided_premise_means_the_link_does_not_hold():
    m = rated(
        {"p": (K.POSITION, None, None), "a": (K.CLAIM, A, None), "b": (K.CLAIM, R, None), "r": (K.REBUTTAL, U, None)},
        [("l", "support", ("a", "b"), "p", "strong"), ("x", "attack", "r", "p", "strong")],
    )
    r = propagate_ratings(m)["p"]
    assert r.derived is U and "none of the reasons" in r.reason


def test_strength_none_is_ignored():
    m = rated({"p": (K.POSITION, None, None), "a": (K.CLAIM, A, None)}, [("l", "support", "a", "p", "none")])
    assert suggestions(m)["p"] is U


def test_undercut_cancels_or_weakens_a_reason():
    m = rated(
        {"p": (K.POSITION, None, None), "a": (K.CLAIM, A, None), "r": (K.REBUTTAL, A, None),
         "u": (K.REBUTTAL, A, None)},
        [("l", "support", "a", "p", "strong"), ("x", "attack", "r", "p", "weak"), ("cut", "attack", "u", "l", "weak")],
    )
    # The weak undercut weakens the strong reason to weak: weak against weak.
    assert suggestions(m)["p"] is U
    m.replace_link(replace(m.link("cut"), strength=Strength.STRONG))
    # A strong undercut cancels the reason: only the objection holds.
    assert suggestions(m)["p"] is R


def test_ratings_propagate_through_levels():
    m = rated(
        {"p": (K.POSITION, None, None), "c": (K.CLAIM, None, None), "e": (K.EVIDENCE, None, 90)},
        [("l1", "support", "c", "p", None), ("l2", "support", "e", "c", None)],
    )
    s = propagate_ratings(m)
    assert s["c"].derived is A and s["c"].is_derived
    assert s["p"].derived is A


def test_student_rating_of_a_position_is_kept_beside_the_suggestion():
    m = rated({"p": (K.POSITION, R, None), "e": (K.EVIDENCE, A, None)}, [("l", "support", "e", "p", "strong")])
    r = propagate_ratings(m)["p"]
    assert r.given is R and r.effective is R and r.derived is A and not r.is_derived


def test_circular_reasons_are_undecided():
    m = rated(
        {"a": (K.CLAIM, None, None), "b": (K.CLAIM, None, None), "p": (K.POSITION, None, None), "e": (K.EVIDENCE, A, None)},
        [("ab", "support", "a", "b", None), ("ba", "support", "b", "a", None), ("ea", "support", "e", "a", None),
         ("bp", "support", "b", "p", None)],
    )
    s = propagate_ratings(m)
    assert s["a"].derived is U and "circle" in s["a"].reason
    assert s["b"].derived is U
    assert s["p"].derived is U


def test_rating_propagation_does_not_depend_on_order_or_ids():
    m = rated(
        {"p": (K.POSITION, None, None), "a": (K.CLAIM, A, None), "r": (K.REBUTTAL, A, None)},
        [("l", "support", "a", "p", "strong"), ("x", "attack", "r", "p", "weak")],
    )
    renamed = ArgumentMap.from_parts(
        m.meta,
        [replace(s, id="z" + s.id) for s in reversed(m.statements())],
        [Link("z" + k.id, k.kind, tuple("z" + p for p in k.premises), "z" + k.target, k.strength) for k in m.links()],
    )
    assert {"z" + k: v for k, v in suggestions(m).items()} == suggestions(renamed)
    assert suggestions(m)["p"] is A


def test_ratings_for_some_statements_match_the_whole_map():
    m = rated(
        {"p": (K.POSITION, None, None), "c": (K.CLAIM, None, None), "e": (K.EVIDENCE, A, None),
         "r": (K.REBUTTAL, A, None), "z": (K.CLAIM, R, None)},
        [("l1", "support", "c", "p", None), ("l2", "support", "e", "c", None), ("x", "attack", "r", "l2", "weak")],
    )
    everything = propagate_ratings(m)
    part = propagate_ratings(m, ["c"])
    assert set(part) == {"c", "e", "r"}
    assert all(part[k] == everything[k] for k in part)
