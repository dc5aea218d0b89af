"""The incremental ``WeighedLabeller``: after any sequence of edits (statements and
links added, removed and rewired, texts, ratings, link strengths, sources, the map's
documents, undo) its levels and labels are exactly those worked out from scratch by
``weigh`` and ``weighed``, and the Checker built on it matches ``check_map``."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.model import Basis, Link, LinkKind, Rating, Statement, Strength, change_link, change_statement, connect
from argmap.reasoning import Framework, weigh, weighed
from argmap.reasoning.live_weighing import WeighedLabeller

from tests.reasoning.maps import K, make_map
from tests.reasoning.test_checker import SOURCES, Session, seed_dir, start_map, step  # noqa: F401 (a fixture)

#: Sources of every basis, quotations found in the seed text or not (levels 1 to 5).
BASIS_SOURCES = [
    replace(SOURCES[2], basis=basis) for basis in Basis
] + [replace(SOURCES[3], basis=Basis.STUDY), replace(SOURCES[4], basis=Basis.EXPERT)]


def from_scratch(amap, base):
    w = weigh(amap, base)
    levels = {**{k: v.level for k, v in w.statements.items()}, **{k: v.level for k, v in w.links.items()}}
    return levels, dict(weighed(amap, w).labels)


class LiveSession(Session):
    """A Checker session that also follows the map with a ``WeighedLabeller``."""

    def __init__(self, amap, base) -> None:
        super().__init__(amap, base)
        self.live = WeighedLabeller(amap, base)

    def verify(self) -> None:
        before = dict(self.live.current())
        returned = self.live.update()
        levels, labels = from_scratch(self.map, self.base)
        assert self.live.levels() == levels
        assert dict(self.live.current()) == labels
        # ``update`` names every id whose label moved (a new id counts as moved)
        assert {n for n, lab in labels.items() if before.get(n) is not lab} <= returned
        assert not self.live.stale
        super().verify()


def extra_step(data, session: LiveSession) -> None:
    """Edits that move strengths in more ways than ``step``: sources of every basis,
    credences, co-premise reasons and undercuts."""
    m = session.map
    ids = [s.id for s in m.statements()]
    links = [link.id for link in m.links()]
    pick = lambda pool: data.draw(st.sampled_from(pool))  # noqa: E731
    op = pick(["basis", "credence", "undercut", "strength"])
    if not ids:
        return
    if op == "basis":
        sid = pick(ids)
        session.apply(lambda: change_statement(m, sid, source=pick(BASIS_SOURCES)))
    elif op == "credence":
        sid = pick(ids)
        session.apply(lambda: change_statement(m, sid, credence=pick([None, 0.05, 0.5, 0.95])))
    elif op == "undercut" and links:
        session.serial += 1
        premise, target = pick(ids), pick(links)
        lid = f"u{session.serial}"
        session.apply(lambda: connect(m, [premise], target, LinkKind.ATTACK, link_id=lid))
    elif op == "strength" and links:
        lid = pick(links)
        session.apply(lambda: change_link(m, lid, strength=pick([None, *Strength])))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_incremental_weighing_equals_from_scratch_after_random_edits(seed_dir, data):  # noqa: F811
    session = LiveSession(start_map(), seed_dir)
    session.verify()
    for _ in range(data.draw(st.integers(1, 30))):
        if data.draw(st.integers(0, 3)) == 0:
            extra_step(data, session)
        else:
            step(data, session)
        if data.draw(st.booleans()):  # sometimes several edits pile up before an update
            session.verify()
    session.verify()
    while session.done:  # undo everything
        session.done.pop().revert(session.map)
        session.verify()
    session.live.detach()
    session.checker.detach()


def test_an_edit_reweighs_only_downstream_and_reports_the_labels_it_moves():
    """Sourced evidence stands against a bare objection; an accepted rating on the
    objection makes its attack strong enough: the evidence and its reason go OUT (and
    ``update`` says so), nothing else moves; an undercut of the attack brings them back."""
    m = make_map(
        {
            "p": (K.POSITION, "Leave"),
            "c": (K.CLAIM, "Threats grew"),
            "e": Statement("e", K.EVIDENCE, "Ministers said so", source=replace(SOURCES[2], basis=Basis.OFFICIAL_STATEMENT)),
            "r": (K.REBUTTAL, "Threats are exaggerated"),
            "d": (K.CLAIM, "Other branch"),
            "q": (K.POSITION, "Stay"),
        },
        [("ec", "support", "e", "c"), ("cp", "support", "c", "p"), ("re", "attack", "r", "e"), ("dq", "support", "d", "q")],
    )
    live = WeighedLabeller(m)
    assert live.labels()["e"].value == "in" and live.levels()["c"] == live.levels()["e"] > live.levels()["r"]
    assert not live.defeats.is_attack("re")  # too weak: inert
    m.replace_statement(replace(m.statement("r"), rating=Rating.ACCEPTED))
    assert live.stale
    assert live.update() == {"e", "ec"}
    assert live.current()["e"].value == "out" and live.defeats.is_attack("re")
    assert (live.levels(), live.labels()) == from_scratch(m, None)
    assert not live.stale and live.update() == set()
    m.replace_statement(replace(m.statement("r"), text="Threats are overstated"))
    assert not live.stale  # a text edit moves no strength
    m.add_link(Link("x", LinkKind.ATTACK, ("d",), "re"))  # an undercut of the objection
    assert "e" in live.update() and live.current()["e"].value == "in"
    assert (live.levels(), live.labels()) == from_scratch(m, None)
    m.reset_from(m.copy())
    assert live.update() == set(live.current()) and (live.levels(), live.labels()) == from_scratch(m, None)
    live.detach()


def test_framework_follows_the_map():
    m = start_map()
    live = WeighedLabeller(m)
    m.add_link(Link("n", LinkKind.ATTACK, ("r",), "l1"))
    fresh = Framework.from_map(m)
    assert live.framework.premises == fresh.premises and live.framework.target == fresh.target
    live.detach()


def test_a_link_edit_in_a_big_map_works_out_only_what_lies_downstream():
    """On a synthetic 2,000-statement map, adding and removing a reason between two
    statements recomputes a small part of the map, never all of it, and gives the
    labels and levels of a computation from scratch."""
    import random
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
    from synthetic import generate_map

    m = generate_map(2000)
    live = WeighedLabeller(m)
    size = len(m.statements()) + len(m.links())
    assert live.work >= size  # the first time: everything
    rng = random.Random(5)
    ids = [s.id for s in m.statements() if s.kind is not K.QUESTION]
    for i in range(10):
        a, b = rng.sample(ids, 2)
        edit = connect(m, a, b, LinkKind.SUPPORT, link_id=f"x{i}")
        edit.apply(m)
        live.update()
        assert 0 < live.work < size // 10
        edit.revert(m)
        live.update()
        assert 0 < live.work < size // 10
    m.replace_statement(replace(m.statement(ids[0]), text="Edited"))
    assert live.update() == set() and live.work == 0
    assert (live.levels(), live.labels()) == from_scratch(m, None)
    live.detach()
