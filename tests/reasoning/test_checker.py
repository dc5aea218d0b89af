"""The incremental ``Checker``: after any sequence of edits and undos its findings are
exactly ``check_map``'s, and its update steps turn the old list into the new one."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.model import (
    AddStatement,
    ArgumentMap,
    Link,
    LinkKind,
    MapError,
    MapMeta,
    Rating,
    RemoveItems,
    SetMeta,
    Source,
    SourceDocument,
    Statement,
    Strength,
    change_link,
    change_statement,
    connect,
)
from argmap.reasoning import Checker, check_map

from tests.reasoning.maps import K, make_map
from tests.reasoning.test_checks import SEED_TEXT

TEXTS = ["Same text.", "same  TEXT", "Other", "", "   ", "Third!", "..."]
TITLES = ["", "", "A title"]
SOURCES = [
    None,
    Source(),
    Source(citation="Seed article", quotation="joint statement"),
    Source(citation="Seed article", quotation="troops halved"),
    Source(citation="Reuters", quotation="something"),
    Source(citation="", quotation="no plans"),
    Source(citation="Gone", quotation="joint"),
]
METAS = [
    MapMeta(),
    MapMeta(sources=(SourceDocument("seed", "Seed article", path="seed.txt"),)),
    MapMeta(sources=(SourceDocument("seed", "Seed article", path="seed.txt"), SourceDocument("gone", "Gone", path="gone.txt"))),
]


@pytest.fixture(scope="module")
def seed_dir(tmp_path_factory):
    folder = tmp_path_factory.mktemp("seeds")
    (folder / "seed.txt").write_text(SEED_TEXT, encoding="utf-8")
    return folder


class Session:
    """A live map, its checker, the edits applied (for undo) and a mirror of the
    findings list kept only from the checker's update steps."""

    def __init__(self, amap: ArgumentMap, base) -> None:
        self.map = amap
        self.base = base
        self.checker = Checker(amap, base)
        self.done: list = []
        self.mirror = self.checker.findings()
        self.checker.update()
        self.serial = 0

    def apply(self, build) -> None:
        try:
            edit = build()
            edit.apply(self.map)
        except MapError:
            return
        self.done.append(edit)

    def verify(self) -> None:
        update = self.checker.update()
        if update.reset:
            self.mirror = self.checker.findings()
        for index, finding, added in update.steps:
            if added:
                self.mirror.insert(index, finding)
            else:
                assert self.mirror.pop(index) == finding
        expected = check_map(self.map, self.base)
        assert self.checker.findings() == expected
        assert self.mirror == expected
        counts = self.checker.counts()
        assert sum(counts.values()) == len(expected)


def _statements(amap):
    return [s.id for s in amap.statements()]


def step(data, session: Session) -> None:
    m = session.map
    ids = _statements(m)
    links = [link.id for link in m.links()]
    op = data.draw(st.sampled_from(
        ["add", "text", "text", "kind", "order", "answers", "source", "title", "connect", "connect",
         "remove", "rewire", "meta", "undo", "undo", "reset", "rating", "strength"]
    ))
    pick = lambda pool: data.draw(st.sampled_from(pool))  # noqa: E731
    if op == "add" or not ids:
        session.serial += 1
        kind = pick(list(K))
        s = Statement(f"n{session.serial}", kind, pick(TEXTS), order=pick([0.0, 1.0, -1.0]))
        if kind is K.EVIDENCE:
            s = replace(s, source=pick(SOURCES))
        session.apply(lambda: AddStatement(s))
    elif op in ("text", "title", "kind", "order", "source"):
        sid = pick(ids)
        value = {
            "text": lambda: pick(TEXTS),
            "title": lambda: pick(TITLES),
            "kind": lambda: pick(list(K)),
            "order": lambda: pick([0.0, 1.0, 2.0, -1.0]),
            "source": lambda: pick(SOURCES),
        }[op]()
        session.apply(lambda: change_statement(m, sid, **{op: value}))
    elif op == "answers":
        sid = pick(ids)
        questions = [s.id for s in m.statements() if s.kind is K.QUESTION]
        answer = pick([None, *questions])
        session.apply(lambda: change_statement(m, sid, kind=K.POSITION, answers=answer))
    elif op == "connect":
        premises = data.draw(st.lists(st.sampled_from(ids), min_size=1, max_size=2, unique=True))
        kind = pick([LinkKind.SUPPORT, LinkKind.SUPPORT, LinkKind.ATTACK])
        target = pick(ids + (links if kind is LinkKind.ATTACK else []))
        session.serial += 1
        session.apply(lambda: connect(m, premises, target, kind, link_id=f"l{session.serial}"))
    elif op == "remove":
        chosen = data.draw(st.lists(st.sampled_from(ids + links), min_size=1, max_size=2, unique=True))
        session.apply(lambda: RemoveItems.build(m, chosen))
    elif op == "rewire" and links:
        lid = pick(links)
        field = pick(["kind", "premises", "target"])
        value = {
            "kind": lambda: pick(list(LinkKind)),
            "premises": lambda: tuple(data.draw(st.lists(st.sampled_from(ids), min_size=1, max_size=2, unique=True))),
            "target": lambda: pick(ids),
        }[field]()
        session.apply(lambda: change_link(m, lid, **{field: value}))
    elif op == "rating":  # ratings and link strengths move the weighed labels
        sid = pick(ids)
        value = pick([None, *Rating])
        session.apply(lambda: change_statement(m, sid, rating=value))
    elif op == "strength" and links:
        lid = pick(links)
        value = pick([None, *Strength])
        session.apply(lambda: change_link(m, lid, strength=value))
    elif op == "meta":
        new = pick(METAS)
        session.apply(lambda: SetMeta(m.meta, new))
    elif op == "undo" and session.done:
        session.done.pop().revert(m)
    elif op == "reset":
        m.reset_from(m.copy())


def start_map() -> ArgumentMap:
    return make_map(
        {
            "q": (K.QUESTION, "Leave the convention?"),
            "p1": Statement("p1", K.POSITION, "Yes", answers="q"),
            "p2": Statement("p2", K.POSITION, "Same text.", answers="q", order=1.0),
            "c": (K.CLAIM, "same text"),
            "e": Statement("e", K.EVIDENCE, "Threats", source=SOURCES[2]),
            "r": (K.REBUTTAL, "Objection"),
        },
        [("l1", "support", "c", "p1"), ("l2", "support", "e", "c"), ("l3", "attack", "r", "c")],
        meta=METAS[1],
    )


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_checker_matches_check_map_after_random_edits(seed_dir, data):
    session = Session(start_map(), seed_dir)
    for _ in range(data.draw(st.integers(1, 25))):
        step(data, session)
        if data.draw(st.booleans()):  # sometimes several edits pile up before an update
            session.verify()
    session.verify()
    while session.done:  # undo everything
        session.done.pop().revert(session.map)
        session.verify()
    assert session.map == start_map()
    session.checker.detach()


def test_support_cycles_follow_links_and_renames():
    m = make_map({n: K.CLAIM for n in "abcd"}, [("ab", "support", "a", "b"), ("bc", "support", "b", "c")])
    checker = Checker(m)
    assert [f.code for f in checker.findings() if f.code == "support-cycle"] == []
    m.add_link(Link("ca", LinkKind.SUPPORT, ("c",), "a"))
    [cycle] = [f for f in checker.findings() if f.code == "support-cycle"]
    assert cycle.id == "a" and cycle.related == ("b", "c")
    m.add_link(Link("ba", LinkKind.SUPPORT, ("b",), "a"))  # a shorter circle through a
    [cycle] = [f for f in checker.findings() if f.code == "support-cycle"]
    assert "'Statement a' \u2192 'Statement b' \u2192 'Statement a'" in cycle.message
    m.replace_statement(replace(m.statement("b"), title="Bee"))
    [cycle] = [f for f in checker.findings() if f.code == "support-cycle"]
    assert "'Bee'" in cycle.message
    m.remove_link("ca")
    m.remove_link("ba")
    assert "support-cycle" not in {f.code for f in checker.findings()}
    assert checker.findings() == check_map(m)


def test_text_edit_updates_only_that_statement():
    m = make_map({"a": (K.CLAIM, "One"), "b": (K.CLAIM, "Two"), "c": (K.CLAIM, "Three")},
                 [("ab", "support", "a", "b"), ("bc", "support", "b", "c")])
    checker = Checker(m)
    assert checker.update().reset and checker.findings() == []
    m.replace_statement(replace(m.statement("b"), text=""))
    update = checker.update()
    assert [(i, f.code, f.id, added) for i, f, added in update.steps] == [(0, "empty-text", "b", True)]
    assert not checker.update() and not checker.stale
    m.replace_statement(replace(m.statement("c"), text="one."))
    assert [(f.code, f.id, f.related) for f in checker.findings()] == [
        ("empty-text", "b", ()), ("duplicate-text", "c", ("a",))
    ]


def test_moving_the_project_rechecks_quotations(seed_dir, tmp_path):
    m = make_map({"e": Statement("e", K.EVIDENCE, "t", source=SOURCES[3]), "c": (K.CLAIM, "c")},
                 [("l", "support", "e", "c")], meta=METAS[1])
    checker = Checker(m, tmp_path)
    assert [f.code for f in checker.findings()] == ["source-document-missing"]
    checker.set_base_dir(seed_dir)
    assert [f.code for f in checker.findings()] == ["quote-not-found"]
    assert checker.base_dir == seed_dir
    checker.detach()
    m.replace_statement(replace(m.statement("e"), text=""))
    assert [f.code for f in checker.findings()] == ["quote-not-found"]  # no longer following


def test_unsupported_follows_the_weighed_labels_live():
    """A bare objection does not defeat sourced evidence (weighed, as in the Evaluation
    panel); rating the objection's attack strong makes it defeat the evidence, and the
    position it supports is flagged "stands, unsupported" until the rating is undone."""
    m = make_map(
        {
            "p": (K.POSITION, "Leave"),
            "e": Statement("e", K.EVIDENCE, "Threats", source=SOURCES[2]),
            "r": (K.REBUTTAL, "Threats are exaggerated"),
        },
        [("l", "support", "e", "p"), ("x", "attack", "r", "e")],
    )
    checker = Checker(m)
    assert "position-unsupported" not in {f.code for f in checker.findings()}
    edit = change_link(m, "x", strength=Strength.STRONG)
    edit.apply(m)
    update = checker.update()
    assert [(f.code, f.id, added) for _, f, added in update.steps] == [("position-unsupported", "p", True)]
    assert checker.findings() == check_map(m)
    edit.revert(m)
    assert [(f.code, added) for _, f, added in checker.update().steps] == [("position-unsupported", False)]
    m.replace_statement(replace(m.statement("r"), text="Threats are overstated"))
    assert not checker.update()  # a text edit does not move a label
    checker.detach()
