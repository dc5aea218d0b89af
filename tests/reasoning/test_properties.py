"""Properties of the labellings on random small maps (hypothesis), checked against the
rules directly and against a brute-force enumeration of complete labellings."""

from __future__ import annotations

import itertools
import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.model import ArgumentMap, Link, LinkKind, MapError, RemoveItems, Statement, StatementKind
from argmap.reasoning import Label, Labeller, grounded, preferred, what_if
from tests.reasoning.maps import random_maps

I, O, U = Label.IN, Label.OUT, Label.UNDECIDED


def small_maps(max_statements: int = 5, max_links: int = 5):
    return random_maps(max_statements, max_links, plain=True)


def _condition(m: ArgumentMap, node: str, lab: dict[str, Label]) -> Label:
    """What the rules say a node's label must be, given the labels of its inputs."""
    needs = [lab[a.id] is O for a in m.attackers(node)]
    falsified = [lab[a.id] is I for a in m.attackers(node)]
    if m.is_link(node):
        needs += [lab[p] is I for p in m.link(node).premises]
        falsified += [lab[p] is O for p in m.link(node).premises]
    if any(falsified):
        return O
    return I if all(needs) else U


def is_complete(m: ArgumentMap, lab: dict[str, Label]) -> bool:
    return all(_condition(m, n, lab) is lab[n] for n in lab)


def brute_force_preferred(m: ArgumentMap) -> list[frozenset[str]]:
    nodes = [s.id for s in m.statements()] + [link.id for link in m.links()]
    complete = []
    for values in itertools.product((I, O, U), repeat=len(nodes)):
        lab = dict(zip(nodes, values))
        if is_complete(m, lab):
            complete.append(frozenset(n for n in nodes if lab[n] is I))
    return sorted((s for s in complete if not any(s < t for t in complete)), key=sorted)


@settings(max_examples=150, deadline=None)
@given(small_maps())
def test_grounded_is_complete_and_conflict_free(m):
    lab = dict(grounded(m).labels)
    assert set(lab) == {s.id for s in m.statements()} | {link.id for link in m.links()}
    assert is_complete(m, lab)
    for link in m.links():
        if lab[link.id] is I:
            assert all(lab[p] is I for p in link.premises)
            if link.kind is LinkKind.ATTACK:
                assert lab[link.target] is not I  # conflict-free


@settings(max_examples=120, deadline=None)
@given(small_maps(max_statements=4, max_links=4))
def test_preferred_matches_brute_force_and_contains_grounded(m):
    g = grounded(m)
    prefs = preferred(m)
    found = sorted((frozenset(p.with_label(I)) for p in prefs), key=sorted)
    assert found == brute_force_preferred(m)
    for p in prefs:
        lab = dict(p.labels)
        assert is_complete(m, lab)
        assert g.with_label(I) <= p.with_label(I)
        assert g.with_label(O) <= p.with_label(O)
    for a, b in itertools.combinations(found, 2):
        assert not a <= b and not b <= a


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_maps(), st.randoms(use_true_random=False))
def test_labels_unchanged_by_renaming_ids_and_reordering(m, rnd: random.Random):
    names = [s.id for s in m.statements()] + [link.id for link in m.links()]
    fresh = [f"id-{i}" for i in range(len(names))]
    rnd.shuffle(fresh)
    rename = dict(zip(names, fresh))
    statements = [Statement(rename[s.id], s.kind, s.text) for s in m.statements()]
    links = [Link(rename[k.id], k.kind, tuple(rename[p] for p in k.premises), rename[k.target]) for k in m.links()]
    rnd.shuffle(statements)
    rnd.shuffle(links)
    links.reverse()
    renamed = ArgumentMap.from_parts(m.meta, statements, links)
    before = grounded(m).labels
    after = grounded(renamed).labels
    assert {rename[n]: lab for n, lab in before.items()} == dict(after)
    pref_before = {frozenset(rename[n] for n in p.with_label(I)) for p in preferred(m)}
    assert pref_before == {frozenset(p.with_label(I)) for p in preferred(renamed)}


@settings(max_examples=100, deadline=None)
@given(small_maps(max_statements=6, max_links=6), st.data())
def test_labeller_incremental_equals_full_recompute(m, data):
    labeller = Labeller(m)
    assert labeller.labels() == dict(grounded(m).labels)
    for step in range(data.draw(st.integers(1, 6))):
        action = data.draw(st.sampled_from(["add", "remove", "retarget", "statement"]))
        ids = [s.id for s in m.statements()]
        try:
            if action == "add":
                premise = data.draw(st.sampled_from(ids))
                target = data.draw(st.sampled_from(ids + [k.id for k in m.links()]))
                m.add_link(Link(f"n{step}", LinkKind.ATTACK, (premise,), target))
            elif action == "remove" and m.links():
                victim = data.draw(st.sampled_from([k.id for k in m.links()]))
                RemoveItems.build(m, [victim]).apply(m)
            elif action == "retarget" and m.links():
                link = data.draw(st.sampled_from(m.links()))
                m.replace_link(Link(link.id, link.kind, link.premises, data.draw(st.sampled_from(ids))))
            elif action == "statement":
                new = f"t{step}"
                m.add_statement(Statement(new, StatementKind.REBUTTAL, "new"))
                m.add_link(Link(f"m{step}", LinkKind.ATTACK, (new,), data.draw(st.sampled_from(ids))))
        except MapError:
            pass
        assert labeller.labels() == dict(grounded(m).labels)
    labeller.detach()


@settings(max_examples=100, deadline=None)
@given(small_maps(), st.data())
def test_what_if_pins_assumptions_and_leaves_the_map_alone(m, data):
    ids = [s.id for s in m.statements()]
    chosen = data.draw(st.lists(st.sampled_from(ids), min_size=1, max_size=2, unique=True))
    assumptions = {sid: data.draw(st.sampled_from(["accepted", "rejected"])) for sid in chosen}
    before = m.copy()
    result = what_if(m, assumptions)
    assert m == before
    after = dict(result.after.labels)
    for sid, value in assumptions.items():
        assert after[sid] is (I if value == "accepted" else O)
    # Every other node obeys the rules; the changes list is exactly the differences.
    assert all(_condition(m, n, after) is after[n] for n in after if n not in assumptions)
    diff = {n for n in after if after[n] is not result.before.labels[n]}
    assert {c.id for c in result.changes} == diff
