"""The textbook cases, with exact grounded labels and exact preferred extensions."""

from __future__ import annotations

import pytest

from argmap.model import ArgumentMap, InvalidLinkError, Link, LinkKind
from argmap.reasoning import Framework, Label, TooComplexError, grounded, is_unsupported, preferred
from argmap.reasoning.preferred_search import preferred_labellings

from tests.reasoning.maps import K, chain, cycle, make_map

I, O, U = Label.IN, Label.OUT, Label.UNDECIDED


def labels(amap: ArgumentMap) -> dict[str, Label]:
    return dict(grounded(amap).labels)


def extensions(amap: ArgumentMap) -> list[set[str]]:
    return [lab.with_label(I) for lab in preferred(amap)]


def test_chain_a_attacks_b_attacks_c():
    m = chain("a", "b", "c")
    assert labels(m) == {"a": I, "b": O, "c": I, "a>b": I, "b>c": O}
    assert extensions(m) == [{"a", "c", "a>b"}]


def test_odd_cycle_is_undecided_everywhere():
    m = cycle("a", "b", "c")
    assert set(labels(m).values()) == {U}
    assert len(labels(m)) == 6
    [only] = preferred(m)
    assert set(only.labels.values()) == {U}


def test_even_cycle_grounded_undecided_two_preferred():
    m = cycle("a", "b")
    assert labels(m) == {"a": U, "b": U, "a>b": U, "b>a": U}
    assert extensions(m) == [{"a", "a>b"}, {"b", "b>a"}]
    first, second = preferred(m)
    assert dict(first.labels) == {"a": I, "a>b": I, "b": O, "b>a": O}
    assert dict(second.labels) == {"a": O, "a>b": O, "b": I, "b>a": I}


def test_reinstatement_by_attacking_the_attacker():
    # c is attacked by b; a attacks b, so c is reinstated.
    m = chain("a", "b", "c")
    assert labels(m)["c"] is I


def test_reinstatement_by_attacking_the_attack_link():
    # b attacks c, but a objects to that attack itself: the attack fails, b stays IN.
    m = make_map({"a": K.REBUTTAL, "b": K.REBUTTAL, "c": K.CLAIM}, [("l", "attack", "b", "c"), ("m", "attack", "a", "l")])
    assert labels(m) == {"a": I, "b": I, "c": I, "l": O, "m": I}


def test_reinstatement_inside_an_even_cycle():
    # a and b attack each other; b attacks c: c stands exactly when a does.
    m = make_map(
        {"a": K.CLAIM, "b": K.CLAIM, "c": K.CLAIM},
        [("ab", "attack", "a", "b"), ("ba", "attack", "b", "a"), ("bc", "attack", "b", "c")],
    )
    assert labels(m) == {n: U for n in ("a", "b", "c", "ab", "ba", "bc")}
    assert extensions(m) == [{"a", "c", "ab"}, {"b", "ba", "bc"}]


def test_self_attack_in_the_framework():
    # The model refuses a link whose premise is its target, but the framework accepts it:
    # a self-attacker and everything hanging on it stay UNDECIDED in every semantics.
    fw = Framework()
    for n in "abc":
        fw.add_statement(n)
    fw.add_link("aa", "attack", ("a",), "a")
    fw.add_link("ab", "attack", ("a",), "b")
    fw.add_link("bc", "attack", ("b",), "c")
    g = fw.grounded()
    assert g == {"a": U, "b": U, "c": U, "aa": U, "ab": U, "bc": U}
    [only] = preferred_labellings(fw)
    assert only == g


def test_model_refuses_a_literal_self_attack():
    m = make_map({"a": K.CLAIM})
    with pytest.raises(InvalidLinkError):
        m.add_link(Link("aa", LinkKind.ATTACK, ("a",), "a"))


def test_self_defeating_statement_in_a_map():
    # The nearest shape a map allows: a objects to the attack q makes on p, and p rebuts
    # a. If a held, p would be freed and would defeat a: a defeats itself.
    m = make_map(
        {"a": K.REBUTTAL, "p": K.CLAIM, "q": K.REBUTTAL},
        [("qp", "attack", "q", "p"), ("a_qp", "attack", "a", "qp"), ("pa", "attack", "p", "a")],
    )
    assert labels(m) == {"q": I, "a": U, "p": U, "qp": U, "a_qp": U, "pa": U}
    assert extensions(m) == [{"q"}]


def test_undercut_against_one_of_two_supports():
    m = make_map(
        {"p": K.POSITION, "s1": K.EVIDENCE, "s2": K.CLAIM, "u": K.REBUTTAL},
        [("l1", "support", "s1", "p"), ("l2", "support", "s2", "p"), ("x", "attack", "u", "l1")],
    )
    g = grounded(m)
    assert dict(g.labels) == {"p": I, "s1": I, "s2": I, "u": I, "l1": O, "l2": I, "x": I}
    assert not is_unsupported(m, "p", g)
    # The undercut defeats the inference, not its premise: s1 stays IN.
    m.add_statement(make_map({"v": K.REBUTTAL}).statement("v"))
    m.add_link(Link("y", LinkKind.ATTACK, ("v",), "l2"))
    g = grounded(m)
    assert g["s1"] is I and g["s2"] is I and g["p"] is I
    assert g["l1"] is O and g["l2"] is O
    assert is_unsupported(m, "p", g)


def test_co_premises_one_attacked():
    # a and b together support p; r defeats b, so the support fails but a stands.
    m = make_map(
        {"p": K.POSITION, "a": K.CLAIM, "b": K.CLAIM, "r": K.REBUTTAL},
        [("l", "support", ("a", "b"), "p"), ("rb", "attack", "r", "b")],
    )
    g = grounded(m)
    assert dict(g.labels) == {"p": I, "a": I, "b": O, "r": I, "l": O, "rb": I}
    assert is_unsupported(m, "p", g)


def test_co_premise_attack_fails_when_one_premise_falls():
    # a and b together attack p; r defeats b, so the attack fails and p stands.
    m = make_map(
        {"p": K.POSITION, "a": K.REBUTTAL, "b": K.REBUTTAL, "r": K.REBUTTAL},
        [("l", "attack", ("a", "b"), "p"), ("rb", "attack", "r", "b")],
    )
    assert labels(m) == {"p": I, "a": I, "b": O, "r": I, "l": O, "rb": I}


def test_co_premise_attack_is_undecided_when_one_premise_is():
    m = make_map(
        {"p": K.POSITION, "a": K.REBUTTAL, "b": K.REBUTTAL, "c": K.REBUTTAL},
        [("l", "attack", ("a", "b"), "p"), ("bc", "attack", "b", "c"), ("cb", "attack", "c", "b")],
    )
    g = labels(m)
    assert g["a"] is I and g["b"] is U and g["l"] is U and g["p"] is U
    assert extensions(m) == [{"a", "b", "l", "bc"}, {"a", "c", "cb", "p"}]


def test_unattacked_position_is_in_but_flagged_unsupported():
    m = make_map({"q": K.QUESTION, "p": K.POSITION})
    g = grounded(m)
    assert g["p"] is I
    assert is_unsupported(m, "p", g)


def test_supports_never_change_a_statement_label():
    m = make_map(
        {"p": K.POSITION, "e": K.EVIDENCE, "r": K.REBUTTAL},
        [("s", "support", "e", "p"), ("a", "attack", "r", "p")],
    )
    assert labels(m) == {"p": O, "e": I, "r": I, "s": I, "a": I}


def test_empty_map():
    m = ArgumentMap()
    assert labels(m) == {}
    assert [dict(lab.labels) for lab in preferred(m)] == [{}]


def test_too_many_preferred_extensions_is_a_clear_error():
    # Seven independent even cycles: 2**7 = 128 points of view, over the limit of 64.
    names = {f"{side}{i}": K.CLAIM for i in range(7) for side in "ab"}
    links = [(f"ab{i}", "attack", f"a{i}", f"b{i}") for i in range(7)]
    links += [(f"ba{i}", "attack", f"b{i}", f"a{i}") for i in range(7)]
    m = make_map(names, links)
    with pytest.raises(TooComplexError, match="more than 64 preferred extensions"):
        preferred(m)
    assert len(preferred_labellings(Framework.from_map(m), max_extensions=200)) == 128
    with pytest.raises(TooComplexError, match="search steps"):
        preferred_labellings(Framework.from_map(m), max_steps=10)
