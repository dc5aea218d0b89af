"""Each reversible edit: apply does what it says, revert restores the map exactly, and a
refused edit changes nothing."""

from __future__ import annotations

import pytest

from argmap.formats import dumps_project
from argmap.model import (
    AddLink,
    AddStatement,
    ArgumentMap,
    Batch,
    ChangeLink,
    ChangeStatement,
    InvalidLinkError,
    InvalidStatementError,
    Link,
    LinkKind,
    MapError,
    MapMeta,
    MoveStatements,
    RemoveItems,
    SetMeta,
    Statement,
    StatementKind,
    UnknownIdError,
    add_premise,
    change_link,
    change_statement,
    connect,
    disconnect,
    move,
    new_id,
)
from tests.model.maps import ATT, SUP, C, P, Q, R, debate


def round_trip(amap: ArgumentMap, edit) -> ArgumentMap:
    """Apply then revert ``edit``; assert the map is back exactly (value and bytes) and
    that the change records of apply and revert mirror each other. Returns the map as
    it was after apply."""
    before = amap.copy()
    before_bytes = dumps_project(amap)
    records = []
    amap.subscribe(records.append)
    edit.apply(amap)
    after = amap.copy()
    applied = len(records)
    edit.revert(amap)
    assert amap == before
    assert dumps_project(amap) == before_bytes
    assert len(records) == 2 * applied
    edit.apply(amap)  # redo gives the same result again
    assert amap == after
    edit.revert(amap)
    return after


def test_add_statement():
    m = debate()
    after = round_trip(m, AddStatement(Statement("n", C, "new")))
    assert after.statement("n").text == "new"
    assert "n" not in m


def test_change_statement_text_and_fields():
    m = debate()
    edit = change_statement(m, "c1", text="Changed", tags=("a", "b"), title="T")
    assert edit.label == "Edit statement"
    after = round_trip(m, edit)
    assert after.statement("c1").tags == ("a", "b")
    with pytest.raises(InvalidStatementError, match="unknown statement fields"):
        change_statement(m, "c1", colour="red")
    with pytest.raises(InvalidStatementError):
        change_statement(m, "c1", id="other")


def test_rekind_position_stops_answering():
    m = debate()
    edit = change_statement(m, "p2", kind="claim")
    assert edit.label == "Change kind"
    after = round_trip(m, edit)
    assert after.statement("p2").answers is None
    assert [s.id for s in after.positions("q")] == ["p1"]


def test_rekind_question_detaches_its_positions_in_one_step():
    m = debate()
    edit = change_statement(m, "q", kind=StatementKind.CLAIM)
    assert isinstance(edit, Batch)
    after = round_trip(m, edit)
    assert after.statement("q").kind is C
    assert after.statement("p1").answers is None and after.statement("p2").answers is None


def test_change_statement_refuses_a_stale_edit():
    m = debate()
    edit = change_statement(m, "c1", text="A")
    change_statement(m, "c1", text="B").apply(m)
    before = m.copy()
    with pytest.raises(UnknownIdError, match="not in the state"):
        edit.apply(m)
    assert m == before


def test_move_statements():
    m = debate()
    edit = move(m, {"c1": (10, 20), "e1": (30.5, -4), "r1": None})
    assert edit.label == "Move 2 statements"  # r1 is already unplaced
    after = round_trip(m, edit)
    assert after.statement("c1").pos == (10.0, 20.0)
    assert move(after, {"c1": [10, 20]}).moves == ()


def test_move_is_all_or_nothing():
    m = debate()
    edit = MoveStatements((("c1", None, (1.0, 2.0)), ("gone", None, (3.0, 4.0))))
    before = m.copy()
    with pytest.raises(UnknownIdError):
        edit.apply(m)
    assert m == before


def test_connect_and_attack_links():
    m = debate()
    edit = connect(m, "c1", "p2", link_id="l9")
    assert isinstance(edit, AddLink) and edit.label == "Connect statements"
    after = round_trip(m, edit)
    assert [link.id for link in after.supporters("p2")] == ["l9"]
    attack = connect(m, ["r1", "r2"], "l1", LinkKind.ATTACK)
    assert attack.label == "Attack" and attack.link.id.startswith("l")
    round_trip(m, attack)
    with pytest.raises(InvalidLinkError):
        connect(m, "c1", "c1").apply(m)


def test_change_link_reconnect_rekind_and_co_premises():
    m = debate()
    round_trip(m, change_link(m, "l2", target="p2"))
    round_trip(m, change_link(m, "l2", kind="support"))
    after = round_trip(m, add_premise(m, "l2", "c1"))
    assert after.link("l2").premises == ("r1", "c1")
    with pytest.raises(InvalidLinkError, match="unknown link fields"):
        change_link(m, "l2", colour="red")
    # a support may not target a link: refused on apply, map unchanged
    before = m.copy()
    with pytest.raises(InvalidLinkError):
        change_link(m, "l3", kind="support").apply(m)
    assert m == before


def test_disconnect_a_link_or_one_co_premise():
    m = debate()
    after = round_trip(m, disconnect(m, "l1", premise="c1"))
    assert after.link("l1").premises == ("e1",)
    after = round_trip(m, disconnect(m, "l1"))
    assert "l1" not in after and "l3" not in after and "l4" not in after  # undercut chain goes too
    solo = disconnect(m, "l2", premise="r1")
    assert isinstance(solo, RemoveItems)
    with pytest.raises(InvalidLinkError):
        disconnect(m, "l2", premise="c1")


def test_remove_statement_with_everything_attached():
    m = debate()
    edit = RemoveItems.build(m, ["p1"])
    assert edit.label == "Delete 1 statement"
    after = round_trip(m, edit)
    # links into p1 go; so do the links attacking them, transitively
    assert {link.id for link in after.links()} == set()
    assert {s.id for s in after.statements()} == {"q", "p2", "e1", "c1", "r1", "r2", "r3"}


def test_remove_one_co_premise_shrinks_the_group():
    m = debate()
    after = round_trip(m, RemoveItems.build(m, ["c1"]))
    assert after.link("l1").premises == ("e1",)
    assert "l3" in after  # the undercut stays with its (shrunk) link


def test_remove_every_premise_removes_the_link_and_its_attackers():
    m = debate()
    after = round_trip(m, RemoveItems.build(m, ["c1", "e1"]))
    assert not {"l1", "l3", "l4"} & {link.id for link in after.links()}
    assert "r2" in after and "r3" in after


def test_remove_question_detaches_positions():
    m = debate()
    after = round_trip(m, RemoveItems.build(m, ["q"]))
    assert after.statement("p1").answers is None


def test_remove_question_with_its_positions():
    m = debate()
    after = round_trip(m, RemoveItems.build(m, ["p2", "q", "p1"]))
    assert {s.id for s in after.statements()} == {"e1", "c1", "r1", "r2", "r3"}


@pytest.mark.parametrize("order", [["l1", "l3", "l4"], ["l4", "l3", "l1"], ["l3", "l1"], ["l1"]])
def test_remove_attack_chains_in_any_order(order):
    m = debate()
    after = round_trip(m, RemoveItems.build(m, order))
    assert {link.id for link in after.links()} == {"l2"}


def test_remove_long_chain_of_attacks_on_attacks():
    m = debate()
    prev = "l4"
    for i in range(1500):  # deeper than Python's recursion limit
        m.add_statement(Statement(f"x{i}", R, "again"))
        m.add_link(Link(f"y{i}", ATT, (f"x{i}",), prev))
        prev = f"y{i}"
    after = round_trip(m, RemoveItems.build(m, ["l1"]))
    assert {link.id for link in after.links()} == {"l2"}


def test_remove_premise_of_a_link_that_is_also_removed():
    """A statement whose link is removed in the same edit, listed first or last."""
    m = debate()
    for ids in (["r2", "l3"], ["l3", "r2"], ["r1", "p1", "l2"]):
        round_trip(m, RemoveItems.build(m, ids))


def test_remove_is_all_or_nothing_on_a_changed_map():
    m = debate()
    edit = RemoveItems.build(m, ["c1", "r1"])
    change_statement(m, "r1", text="changed meanwhile").apply(m)
    before = m.copy()
    records = []
    m.subscribe(records.append)
    with pytest.raises(MapError):
        edit.apply(m)
    assert m == before
    # every record sent before the failure is matched by one undoing it
    assert len(records) % 2 == 0


def test_remove_unknown_id_is_refused_at_build():
    with pytest.raises(UnknownIdError):
        RemoveItems.build(debate(), ["zz"])


def test_set_meta():
    m = debate()
    after = round_trip(m, SetMeta(m.meta, MapMeta(title="New", authors=("A",))))
    assert after.meta.title == "New"


def test_batch_applies_in_order_and_reverts_in_reverse():
    m = debate()
    batch = Batch(
        (
            AddStatement(Statement("n", C, "new")),
            connect(m, "n", "p2", link_id="l9"),
            change_link(m, "l2", target="p2"),
        ),
        "Several",
    )
    after = round_trip(m, batch)
    assert after.link("l9").target == "p2"


def test_batch_rolls_back_when_a_step_fails():
    m = debate()
    before = m.copy()
    batch = Batch((AddStatement(Statement("n", C, "new")), AddStatement(Statement("n", C, "again"))))
    with pytest.raises(MapError):
        batch.apply(m)
    assert m == before


def test_edits_are_frozen_and_labelled():
    m = debate()
    edit = ChangeStatement(m.statement("c1"), Statement("c1", C, "x"))
    with pytest.raises(AttributeError):
        edit.label = "other"  # type: ignore[misc]
    assert ChangeLink(m.link("l1"), m.link("l1")).label == "Edit link"
    assert RemoveItems.build(m, ["l2"]).label == "Delete 1 link"
    assert RemoveItems.build(m, ["c1", "e1"]).label == "Delete 2 statements"


def test_new_id_is_fresh():
    m = debate()
    ids = {new_id(m, "s", taken={"s1"}) for _ in range(50)}
    assert len(ids) == 50 and not ids & {s.id for s in m.statements()}


def test_question_and_position_round_trip_through_add():
    m = ArgumentMap()
    for edit in (
        AddStatement(Statement("q", Q, "Q?")),
        AddStatement(Statement("p", P, "P", answers="q")),
        AddStatement(Statement("r", R, "R")),
    ):
        round_trip(m, edit)
        edit.apply(m)
    assert [s.id for s in m.positions("q")] == ["p"]
    assert connect(m, "r", "p", ATT).link.kind is ATT
    assert connect(m, "r", "p").link.kind is SUP
