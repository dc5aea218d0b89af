"""Properties of weighed labels on random small maps (hypothesis): grounded is unchanged
when all strengths are equal; weighed labels are complete and conflict-free over
defeats; weakening an attack never turns its target from IN to OUT; every "what would
it take" answer makes the statement stand when re-evaluated, yields the verdict it
names, and is minimal."""

from __future__ import annotations

from dataclasses import replace as replace_value
from itertools import combinations

from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.model import (
    LinkKind,
    Rating,
    StatementKind,
    Strength,
)
from argmap.reasoning import (
    Label,
    grounded,
    verdict,
    weighed,
    what_if,
    what_would_it_take,
)
from tests.reasoning.maps import random_maps

I, O, U = Label.IN, Label.OUT, Label.UNDECIDED


@settings(max_examples=150, deadline=None)
@given(random_maps(plain=True), st.sampled_from([None, Rating.ACCEPTED, Rating.REJECTED]))
def test_equal_strengths_give_the_grounded_labels(m, rating):
    if rating is not None:  # every statement rated the same: all equally strong
        for s in m.statements():
            m.replace_statement(replace_value(s, rating=rating))
    assert dict(weighed(m).labels) == dict(grounded(m).labels)


@settings(max_examples=200, deadline=None)
@given(random_maps())
def test_weighed_labels_are_complete_and_conflict_free_over_defeats(m):
    lab = weighed(m)
    w = lab.weights
    for node in lab:
        defeaters = [a for a in m.attackers(node) if w.defeats(m, a.id)]
        premises = m.link(node).premises if m.is_link(node) else ()
        if lab[node] is I:
            assert all(lab[a.id] is O for a in defeaters)  # conflict-free over defeats
            assert all(lab[p] is I for p in premises)
        elif lab[node] is O:
            assert any(lab[a.id] is I for a in defeaters) or any(lab[p] is O for p in premises)
        else:
            assert not any(lab[a.id] is I for a in defeaters) and not any(lab[p] is O for p in premises)


@settings(max_examples=200, deadline=None)
@given(random_maps(), st.data())
def test_weakening_an_attack_never_turns_its_target_from_in_to_out(m, data):
    attacks = [link for link in m.links() if link.kind is LinkKind.ATTACK]
    if not attacks:
        return
    link = data.draw(st.sampled_from(attacks))
    order = [Strength.STRONG, None, Strength.WEAK, Strength.NONE]
    weaker = data.draw(st.sampled_from(order[order.index(link.strength) + 1 :] or [Strength.NONE]))
    before = weighed(m)
    m.replace_link(replace_value(link, strength=weaker))
    after = weighed(m)
    if after.weights.links[link.id].level > before.weights.links[link.id].level:
        return  # "weak" is stronger than an unset link whose premise is rejected: no weakening
    if before[link.target] is I:
        assert after[link.target] is I


@settings(max_examples=120, deadline=None)
@given(random_maps(max_statements=5, max_links=6), st.data())
def test_what_it_takes_answers_make_it_stand_when_re_evaluated(m, data):
    target = data.draw(st.sampled_from([s.id for s in m.statements()]))
    if data.draw(st.booleans()):  # a position: freed of its defeat, it may stand unsupported
        m.replace_statement(replace_value(m.statement(target), kind=StatementKind.POSITION))
    lab = weighed(m)
    result = what_would_it_take(m, target, lab)
    if lab[target] is I:
        assert result.already
        return
    sizes = {len(way) for way in result.ways}
    assert len(sizes) <= 1 and len(result.ways) <= 3 and len(result.verdicts) == len(result.ways)

    def after(way):
        rejected = {step.id: "rejected" for step in way if step.strength is None}
        links = {step.id: step.strength.value for step in way if step.strength is not None}
        return what_if(m, rejected, lab, link_strengths=links or None).after

    def stands(way) -> bool:
        return after(way)[target] is I

    for way, yields in zip(result.ways, result.verdicts):
        assert stands(way)
        assert verdict(m, target, after(way)) is yields
        for smaller in range(1, len(way)):
            assert not any(stands(sub) for sub in combinations(way, smaller))  # minimal
