"""Model invariants: every refused change raises a typed error naming the ids, and
leaves the map exactly as it was; queries answer from the graph."""

from __future__ import annotations

import math

import pytest

from argmap.model import (
    ArgumentMap,
    DuplicateIdError,
    InvalidLinkError,
    InvalidStatementError,
    Link,
    MapError,
    MapMeta,
    Source,
    Statement,
    StillConnectedError,
    UnknownIdError,
)
from tests.model.maps import ATT, SUP, C, P, R, debate


def refused(amap: ArgumentMap, error: type[MapError], ids: tuple[str, ...], change, *words: str) -> None:
    """``change(amap)`` raises ``error`` naming ``ids`` and ``words``; the map is unchanged
    and no change record was sent."""
    before = amap.copy()
    records = []
    amap.subscribe(records.append)
    with pytest.raises(error) as info:
        change(amap)
    for id_ in ids:
        assert id_ in info.value.ids
        assert repr(id_) in str(info.value)
    for word in words:
        assert word in str(info.value)
    assert amap == before
    assert records == []


def test_duplicate_ids_are_refused_for_statements_and_links():
    m = debate()
    refused(m, DuplicateIdError, ("p1",), lambda m: m.add_statement(Statement("p1", C, "x")), "already used")
    refused(m, DuplicateIdError, ("e1",), lambda m: m.add_link(Link("e1", SUP, ("c1",), "p2")), "already used")
    with pytest.raises(DuplicateIdError) as info:
        ArgumentMap.from_parts(MapMeta(), [Statement("a", C, "x"), Statement("a", C, "y")], [])
    assert info.value.ids == ("a",)


@pytest.mark.parametrize("bad_id", ["", " a", "a ", "\n"])
def test_ids_must_be_nonblank_without_surrounding_spaces(bad_id):
    refused(debate(), InvalidStatementError, (bad_id,), lambda m: m.add_statement(Statement(bad_id, C, "x")))


def test_links_need_existing_statement_premises_and_an_existing_target():
    m = debate()
    refused(m, UnknownIdError, ("l9", "zz"), lambda m: m.add_link(Link("l9", SUP, ("zz",), "p1")), "missing")
    refused(m, UnknownIdError, ("l9", "zz"), lambda m: m.add_link(Link("l9", SUP, ("c1",), "zz")), "missing")
    refused(m, InvalidLinkError, ("l9",), lambda m: m.add_link(Link("l9", SUP, (), "p1")), "no premise")
    refused(m, InvalidLinkError, ("l9",), lambda m: m.add_link(Link("l9", SUP, ("c1",), "")), "no target")
    refused(m, InvalidLinkError, ("l9", "l1"), lambda m: m.add_link(Link("l9", ATT, ("l1",), "p2")), "premise")
    refused(m, InvalidLinkError, ("l9",), lambda m: m.add_link(Link("l9", SUP, ("c1", "c1"), "p2")), "twice")
    refused(m, InvalidLinkError, ("l9",), lambda m: m.add_link(Link("l9", SUP, ["c1"], "p2")), "tuple")


def test_no_statement_links_to_itself_and_no_link_attacks_itself():
    m = debate()
    refused(m, InvalidLinkError, ("l9", "c1"), lambda m: m.add_link(Link("l9", SUP, ("c1",), "c1")), "own premise")
    refused(m, InvalidLinkError, ("l9",), lambda m: m.add_link(Link("l9", ATT, ("r1",), "l9")))
    # l3 attacks l1; making l1... an attack on l4 (which attacks l3) would close a loop.
    l1 = m.link("l1")
    refused(m, InvalidLinkError, ("l3",), lambda m: m.replace_link(Link("l3", ATT, ("r2",), "l4")), "attack itself")
    assert m.link("l1") == l1


def test_support_links_target_statements_only():
    refused(debate(), InvalidLinkError, ("l9", "l2"), lambda m: m.add_link(Link("l9", SUP, ("c1",), "l2")), "support")


def test_only_positions_answer_and_only_questions_are_answered():
    m = debate()
    refused(m, InvalidStatementError, ("c9",), lambda m: m.add_statement(Statement("c9", C, "x", answers="q")), "only a position")
    refused(m, InvalidStatementError, ("p9", "c1"), lambda m: m.add_statement(Statement("p9", P, "x", answers="c1")), "not a question")
    refused(m, UnknownIdError, ("p9", "zz"), lambda m: m.add_statement(Statement("p9", P, "x", answers="zz")), "does not exist")
    refused(
        m,
        InvalidStatementError,
        ("q", "p1", "p2"),
        lambda m: m.replace_statement(Statement("q", C, "Should they?")),
        "cannot stop being a question",
    )


@pytest.mark.parametrize(
    "bad",
    [
        {"pos": (math.nan, 0.0)},
        {"pos": (0.0, math.inf)},
        {"pos": (1.0,)},
        {"order": math.nan},
        {"credence": 101},
        {"credence": True},
        {"text": "\ud800"},
        {"title": 3},
        {"tags": ["a"]},
        {"kind": "claim"},
        {"source": "Report"},
        {"source": Source(quotation="\udfff")},
    ],
)
def test_statement_fields_are_checked(bad):
    fresh = {**_fields(Statement("n", C, "x")), **bad}
    refused(debate(), InvalidStatementError, ("n",), lambda m: m.add_statement(Statement(**fresh)))
    refused(debate(), InvalidStatementError, ("c1",), lambda m: m.replace_statement(Statement(**{**_fields(m.statement("c1")), **bad})))


def _fields(s: Statement) -> dict:
    return {name: getattr(s, name) for name in s.__slots__}


def test_removing_what_is_still_used_is_refused():
    m = debate()
    refused(m, StillConnectedError, ("e1", "l1"), lambda m: m.remove_statement("e1"), "still used")
    refused(m, StillConnectedError, ("l1", "l3"), lambda m: m.remove_link("l1"), "attacked")
    refused(m, StillConnectedError, ("q", "p1", "p2"), lambda m: m.remove_statement("q"), "answered")
    refused(m, UnknownIdError, ("nope",), lambda m: m.remove_statement("nope"))
    refused(m, UnknownIdError, ("l1",), lambda m: m.remove_statement("l1"), "is a link")
    refused(m, UnknownIdError, ("e1",), lambda m: m.remove_link("e1"), "is a statement")


def test_from_parts_checks_like_single_changes():
    with pytest.raises(UnknownIdError) as info:
        ArgumentMap.from_parts(MapMeta(), [Statement("a", C, "x")], [Link("l", SUP, ("a",), "b")])
    assert info.value.ids == ("l", "b")
    with pytest.raises(InvalidLinkError):
        ArgumentMap.from_parts(
            MapMeta(),
            [Statement("a", C, "x"), Statement("b", C, "y"), Statement("c", R, "z")],
            [Link("l1", ATT, ("a",), "l2"), Link("l2", ATT, ("c",), "l1")],
        )
    with pytest.raises(InvalidStatementError):
        ArgumentMap.from_parts(MapMeta(), [Statement("p", P, "x", answers="p")], [])


def test_from_parts_typed_still_checks_structure():
    with pytest.raises(DuplicateIdError):
        ArgumentMap.from_parts(
            MapMeta(),
            [Statement("a", C, "x"), Statement("b", C, "y")],
            [Link("l", SUP, ("a",), "b"), Link("l", SUP, ("b",), "a")],
            typed=True,
        )
    with pytest.raises(InvalidLinkError, match="no premise"):
        ArgumentMap.from_parts(MapMeta(), [Statement("a", C, "x")], [Link("l", SUP, (), "a")], typed=True)
    with pytest.raises(InvalidStatementError, match="credence"):
        ArgumentMap.from_parts(MapMeta(), [Statement("a", C, "x", credence=300)], [], typed=True)


def test_change_records_for_each_primitive_change():
    m = debate()
    records = []
    unsubscribe = m.subscribe(records.append)
    s = Statement("n", C, "new")
    m.add_statement(s)
    m.replace_statement(Statement("n", C, "newer"))
    m.add_link(Link("l9", SUP, ("n",), "p2"))
    m.replace_link(Link("l9", ATT, ("n",), "p2"))
    m.remove_link("l9")
    m.remove_statement("n")
    m.set_meta(MapMeta(title="Other"))
    names = [type(r).__name__ for r in records]
    assert names == [
        "StatementAdded",
        "StatementChanged",
        "LinkAdded",
        "LinkChanged",
        "LinkRemoved",
        "StatementRemoved",
        "MetaChanged",
    ]
    assert records[1].fields == {"text"}
    unsubscribe()
    m.replace_statement(Statement("c1", C, "quiet"))
    assert len(records) == 7


def test_setting_equal_values_sends_no_record():
    m = debate()
    records = []
    m.subscribe(records.append)
    m.replace_statement(m.statement("c1"))
    m.replace_link(m.link("l1"))
    m.set_meta(m.meta)
    assert records == []


def test_queries():
    m = debate()
    assert [s.id for s in m.questions()] == ["q"]
    assert [s.id for s in m.positions("q")] == ["p1", "p2"]
    assert [link.id for link in m.supporters("p1")] == ["l1"]
    assert [link.id for link in m.attackers("p1")] == ["l2"]
    assert [link.id for link in m.attackers("l1")] == ["l3"]  # the undercut
    assert [link.id for link in m.links_from("e1")] == ["l1"]
    assert [s.id for s in m.children("q")] == ["p1", "p2"]
    assert {s.id for s in m.children("p1")} == {"e1", "c1", "r1"}
    assert m.subtree("p1") == {"p1", "l1", "l2", "l3", "l4", "e1", "c1", "r1", "r2", "r3"}
    assert m.subtree("q") >= {"q", "p1", "p2", "r3"}
    assert m.cycles() == []
    assert m.question_of("r3").id == "q"
    assert m.question_of("l4").id == "q"
    assert {s.id for s in m.roots()} == {"q", "p1", "p2"}
    assert m.unplaced() == m.statements()
    assert m.counts()["rebuttal"] == 3 and m.counts()["attack_links"] == 3
    assert len(m) == 12 and "l1" in m and "zz" not in m
    with pytest.raises(UnknownIdError):
        m.positions("zz")


def test_cycles_are_found_and_named_by_statement():
    m = debate()
    m.add_link(Link("l9", SUP, ("p1",), "c1"))  # p1 supports c1, which supports p1
    cycles = m.cycles()
    assert len(cycles) == 1
    assert set(cycles[0]) == {"p1", "c1"}


def test_graph_view_is_read_only():
    import networkx as nx

    g = debate().graph
    with pytest.raises(nx.NetworkXError):
        g.add_node("x")
    assert g.nodes["l1"]["item"].premises == ("e1", "c1")


def test_copy_is_independent_and_equal():
    m = debate()
    c = m.copy()
    assert c == m
    c.remove_link("l4")
    assert c != m
    assert (m == 3) is False
