"""Property tests: random sequences of edits, then reverting them all, give back the
original map exactly; every change record matches the map; refused edits change nothing."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.formats import dumps_project
from argmap.model import (
    AddStatement,
    ArgumentMap,
    Batch,
    LinkAdded,
    LinkChanged,
    LinkKind,
    LinkRemoved,
    MapError,
    MetaChanged,
    RemoveItems,
    SetMeta,
    StatementAdded,
    StatementChanged,
    StatementKind,
    StatementRemoved,
    add_premise,
    change_link,
    change_statement,
    connect,
    disconnect,
    move,
)
from tests.model.strategies import COORD, ID, TEXT, maps, statement_values


class Mirror:
    """Rebuilds the map's content from change records alone."""

    def __init__(self, amap: ArgumentMap) -> None:
        self.items = {i.id: i for i in (*amap.statements(), *amap.links())}
        self.meta = amap.meta
        amap.subscribe(self.on_change)

    def on_change(self, change) -> None:
        if isinstance(change, (StatementAdded, LinkAdded)):
            item = getattr(change, "statement", None) or change.link
            assert item.id not in self.items
            self.items[item.id] = item
        elif isinstance(change, (StatementRemoved, LinkRemoved)):
            item = getattr(change, "statement", None) or change.link
            assert self.items.pop(item.id) == item
        elif isinstance(change, (StatementChanged, LinkChanged)):
            assert self.items[change.old.id] == change.old
            self.items[change.new.id] = change.new
        elif isinstance(change, MetaChanged):
            assert self.meta == change.old
            self.meta = change.new

    def matches(self, amap: ArgumentMap) -> bool:
        return self.items == {i.id: i for i in (*amap.statements(), *amap.links())} and self.meta == amap.meta


@st.composite
def an_edit(draw: st.DrawFn, amap: ArgumentMap):
    """Some edit built from the current map (it may be refused when applied)."""
    statements = [s.id for s in amap.statements()]
    links = [link.id for link in amap.links()]
    everything = statements + links
    choice = draw(st.integers(0, 9))
    if choice == 0 or not statements:
        sid = draw(ID.filter(lambda i: i not in amap))
        kind = draw(st.sampled_from(list(StatementKind)))
        return AddStatement(draw(statement_values(sid, kind)))
    if choice == 1:
        sid = draw(st.sampled_from(statements))
        return change_statement(amap, sid, text=draw(TEXT), tags=tuple(draw(st.lists(TEXT, max_size=2))))
    if choice == 2:
        sid = draw(st.sampled_from(statements))
        return change_statement(amap, sid, kind=draw(st.sampled_from(list(StatementKind))))
    if choice == 3:
        chosen = draw(st.lists(st.sampled_from(statements), min_size=1, max_size=3, unique=True))
        return move(amap, {i: draw(st.none() | st.tuples(COORD, COORD)) for i in chosen})
    if choice == 4:
        premises = draw(st.lists(st.sampled_from(statements), min_size=1, max_size=2, unique=True))
        target = draw(st.sampled_from(everything))
        return connect(amap, premises, target, draw(st.sampled_from(list(LinkKind))))
    if choice == 5 and links:
        lid = draw(st.sampled_from(links))
        fields = draw(
            st.sampled_from(
                [
                    {"kind": draw(st.sampled_from(list(LinkKind)))},
                    {"target": draw(st.sampled_from(everything))},
                    {"premises": draw(st.lists(st.sampled_from(statements), min_size=1, max_size=3, unique=True))},
                ]
            )
        )
        return change_link(amap, lid, **fields)
    if choice == 6 and links:
        return add_premise(amap, draw(st.sampled_from(links)), draw(st.sampled_from(statements)))
    if choice == 7 and links:
        lid = draw(st.sampled_from(links))
        premise = draw(st.none() | st.sampled_from(amap.link(lid).premises))
        return disconnect(amap, lid, premise)
    if choice == 8:
        return RemoveItems.build(amap, draw(st.lists(st.sampled_from(everything), min_size=1, max_size=4)))
    if choice == 9:
        return SetMeta(amap.meta, replace(amap.meta, title=draw(TEXT), authors=("x",)))
    return Batch((draw(an_edit(amap)), draw(an_edit(amap))), "Two")


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(start=maps(), data=st.data())
def test_random_edits_then_revert_all_restore_the_map_exactly(start: ArgumentMap, data: st.DataObject):
    amap = start.copy()
    original_bytes = dumps_project(start)
    mirror = Mirror(amap)
    applied = []
    for _ in range(data.draw(st.integers(1, 12), label="steps")):
        try:
            edit = data.draw(an_edit(amap), label="edit")
        except MapError:
            continue  # the builder itself refused (e.g. an unknown field); nothing applied
        before = amap.copy()
        try:
            edit.apply(amap)
        except MapError:
            assert amap == before, "a refused edit changed the map"
        else:
            applied.append(edit)
        assert mirror.matches(amap)
    for edit in reversed(applied):
        edit.revert(amap)
        assert mirror.matches(amap)
    assert amap == start
    assert dumps_project(amap) == original_bytes
