"""A subscriber that raises cannot break "every edit is all or nothing": each edit type
completes (apply and revert), every other subscriber gets every record, and the failure
is kept for the caller to report once the map is consistent."""

from __future__ import annotations

import logging

import pytest

from argmap.model import (
    AddLink,
    AddStatement,
    ArgumentMap,
    Batch,
    Link,
    MapMeta,
    RemoveItems,
    SetMeta,
    Statement,
    SubscriberFailure,
    change_link,
    change_statement,
    move,
)
from tests.model.maps import ATT, C, debate

pytestmark = pytest.mark.subscriber_failures


class Boom(RuntimeError):
    pass


def _edits(m: ArgumentMap) -> dict[str, object]:
    return {
        "add statement": AddStatement(Statement("n1", C, "New")),
        "change statement": change_statement(m, "c1", text="Changed"),
        "rekind question (several steps)": change_statement(m, "q", kind=C),
        "move two cards": move(m, {"c1": (10.0, 20.0), "e1": (30.0, 40.0)}),
        "add link": AddLink(Link("ln", ATT, ("p2",), "p1")),
        "change link": change_link(m, "l1", premises=("e1",)),
        "remove items": RemoveItems.build(m, ["p1"]),
        "set meta": SetMeta(m.meta, MapMeta(title="New title")),
        "batch": Batch((AddStatement(Statement("n2", C, "x")), AddLink(Link("lx", ATT, ("n2",), "r1"))), "Add"),
    }


def _failing_on(call: int):
    count = [0]

    def subscriber(change):  # noqa: ARG001
        count[0] += 1
        if count[0] == call:
            raise Boom(f"failure on record {call}")

    return subscriber


@pytest.mark.parametrize("name", list(_edits(debate())))
@pytest.mark.parametrize("fail_on", [1, 2])
def test_failing_subscriber_leaves_every_edit_whole(name, fail_on, caplog):
    expected = debate()
    plain = _edits(expected)[name]
    original = expected.copy()
    plain.apply(expected)  # what the edit does with well-behaved subscribers

    m = debate()
    edit = _edits(m)[name]
    before, after = [], []
    m.subscribe(before.append)
    m.subscribe(_failing_on(fail_on))
    m.subscribe(after.append)
    with caplog.at_level(logging.ERROR, logger="argmap.model.subscribers"):
        edit.apply(m)
    assert m == expected, "the edit completed despite the subscriber"
    assert before == after, "every subscriber got every record"
    failures = m.take_subscriber_failures()
    if len(before) >= fail_on:
        assert [type(f.error) for f in failures] == [Boom]
        assert isinstance(failures[0], SubscriberFailure)
        assert "Boom" in failures[0].message()
        assert any("subscriber failed" in r.getMessage() for r in caplog.records)
    else:
        assert failures == []
    assert m.take_subscriber_failures() == []  # taken once

    edit.revert(m)  # undo works too, whatever the subscriber does
    assert m == original
    assert before == after


def test_a_subscriber_failing_on_every_record_still_sees_a_whole_edit(caplog):
    m = debate()
    seen = []

    def always(change):
        seen.append(change)
        raise Boom("always")

    m.subscribe(always)
    with caplog.at_level(logging.CRITICAL, logger="argmap.model.subscribers"):
        edit = RemoveItems.build(m, ["p1"])
        edit.apply(m)
    assert "p1" not in m and "l2" not in m
    assert len(m.take_subscriber_failures()) == len(seen) > 1


def test_edit_refused_part_way_rolls_back_with_a_failing_subscriber(caplog):
    from argmap.model import MapError, MoveStatements

    m = debate()
    m.subscribe(_failing_on(1))
    before = m.copy()
    edit = MoveStatements((("c1", None, (1.0, 2.0)), ("gone", None, (3.0, 4.0))))
    with caplog.at_level(logging.CRITICAL, logger="argmap.model.subscribers"), pytest.raises(MapError):
        edit.apply(m)
    assert m == before
    assert [type(f.error) for f in m.take_subscriber_failures()] == [Boom]
