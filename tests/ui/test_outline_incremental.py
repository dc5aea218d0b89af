"""The outline follows edits row by row: after any sequence of adds, removes, re-parents,
reorders, connects and undos it equals an outline built from scratch, and its signals
are consistent (Qt's model tester watches every insert, remove and move)."""

from __future__ import annotations

import random

import pytest
from PySide6.QtTest import QAbstractItemModelTester

from argmap.formats import load_project
from argmap.model import (
    ArgumentMap,
    LinkKind,
    MapError,
    RemoveItems,
    StatementKind,
    add_premise,
    change_statement,
    connect,
    disconnect,
)
from argmap.ui import edit_ops
from argmap.ui.panels.outline_model import OutlineModel


def _rows(model: OutlineModel, node=None, depth: int = 0) -> list[tuple]:
    out = []
    for n in model.child_nodes(node):
        idx = model.index_of(n)
        assert model.parent(idx) == (model.index_of(node) if node is not None else idx.parent())
        out.append((depth, n.id, n.via, n.group, model.data(idx)))
        out.extend(_rows(model, n, depth + 1))
    return out


def _fresh(amap: ArgumentMap) -> list[tuple]:
    model = OutlineModel(amap.copy(), lambda e: None)
    try:
        return _rows(model)
    finally:
        model.detach()


def _random_edit(amap: ArgumentMap, rng: random.Random):
    """One edit a user could make (or None when the chosen one does not apply)."""
    statements = [s.id for s in amap.statements()]
    links = [link.id for link in amap.links()]
    pick = rng.choice(statements)
    what = rng.randrange(11)
    if what == 0:
        return edit_ops.add_child(amap, pick, rng.choice([LinkKind.SUPPORT, LinkKind.ATTACK]))[0]
    if what == 1 and links:
        return edit_ops.add_child(amap, rng.choice(links), LinkKind.ATTACK)[0]
    if what == 2:
        return edit_ops.add_sibling(amap, pick)[0]
    if what == 3:
        return RemoveItems.build(amap, rng.sample(statements + links, k=min(2, len(statements))))
    if what == 4:
        return change_statement(amap, pick, text=f"Text {rng.randrange(1000)}")
    if what == 5:
        kids = [c.id for c in amap.children(pick)]
        rng.shuffle(kids)
        return edit_ops.sequence(amap, [lambda m: edit_ops.reorder(m, kids)], "Reorder") if len(kids) > 1 else None
    if what == 6:
        via = amap.links_from(pick)
        new_parent = rng.choice(statements + [None])
        steps = [lambda m: edit_ops.reparent(m, pick, via[0].id if via else None, new_parent)]
        return edit_ops.sequence(amap, steps, "Move in outline")
    if what == 7:
        target = rng.choice(statements + links)
        return connect(amap, [pick], target, rng.choice([LinkKind.SUPPORT, LinkKind.ATTACK]))
    if what == 8 and links:
        return add_premise(amap, rng.choice(links), pick)
    if what == 9 and links:
        return disconnect(amap, rng.choice(links))
    if what == 10:
        return edit_ops.add_statement(amap, rng.choice([StatementKind.CLAIM, StatementKind.POSITION]))[0]
    return None


@pytest.mark.parametrize("seed", range(6))
def test_incremental_rows_equal_a_rebuild(qtbot, example_path, seed):
    amap = load_project(example_path).map
    model = OutlineModel(amap, lambda e: None)
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Warning)
    resets = []
    model.modelReset.connect(lambda: resets.append(1))
    rng = random.Random(seed)
    done = []
    assert _rows(model) == _fresh(amap)
    for step in range(60):
        if done and rng.random() < 0.25:
            done.pop().revert(amap)  # undo
        else:
            try:
                edit = _random_edit(amap, rng)
                if edit is None:
                    continue
                edit.apply(amap)
            except MapError:
                continue  # refused (a loop, a link onto itself...): nothing changed
            done.append(edit)
        model.flush()
        if step % 3 == 0:  # also let some rows stay unmade between edits
            assert _rows(model) == _fresh(amap), f"step {step}"
    while done:
        done.pop().revert(amap)
        model.flush()
    assert _rows(model) == _fresh(amap)
    assert len(resets) < 10  # rows were updated in place, not rebuilt each time


def test_adding_a_child_inserts_one_row_and_keeps_the_rest(qtbot, example_path):
    amap = load_project(example_path).map
    model = OutlineModel(amap, lambda e: None)
    before = _rows(model)
    parent = next(n for n in model.child_nodes(model.root_nodes()[0]))
    kept = model.child_nodes(parent)[:]
    inserted, reset = [], []
    model.rowsInserted.connect(lambda idx, first, last: inserted.append((model.node(idx), first, last)))
    model.modelReset.connect(lambda: reset.append(1))
    edit, new = edit_ops.add_child(amap, parent.id)
    edit.apply(amap)
    model.flush()
    assert not reset and inserted == [(parent, len(kept), len(kept))]
    assert model.child_nodes(parent)[:-1] == kept and model.child_nodes(parent)[-1].id == new
    edit.revert(amap)
    model.flush()
    assert _rows(model) == before and not reset


def test_a_link_closing_a_loop_rebuilds_with_the_loop_shown(qtbot):
    from argmap.model import Link, Statement

    amap = ArgumentMap()
    for i in ("a", "b"):
        amap.add_statement(Statement(i, StatementKind.CLAIM, i.upper()))
    amap.add_link(Link("l1", LinkKind.SUPPORT, ("b",), "a"))
    model = OutlineModel(amap, lambda e: None)
    assert [r[1] for r in _rows(model)] == ["a", "b"]
    amap.add_link(Link("l2", LinkKind.SUPPORT, ("a",), "b"))  # no root left: a and b only loop
    model.flush()
    assert _rows(model) == _fresh(amap) and [r[1] for r in _rows(model)][:2] == ["a", "b"]


def test_deferred_look_for_loops_adds_their_rows_when_completed(qtbot):
    from argmap.model import Link, Statement

    amap = ArgumentMap()
    for i in ("q", "a", "b"):
        amap.add_statement(Statement(i, StatementKind.QUESTION if i == "q" else StatementKind.CLAIM, i.upper()))
    amap.add_link(Link("l1", LinkKind.SUPPORT, ("b",), "a"))
    amap.add_link(Link("l2", LinkKind.SUPPORT, ("a",), "b"))
    model = OutlineModel(amap, lambda e: None, defer=True)
    assert [n.id for n in model.root_nodes()] == ["q"]  # the loop a <-> b is not looked for yet
    model.complete()
    assert _rows(model) == _fresh(amap) and [n.id for n in model.root_nodes()] == ["q", "a"]
    lazy = OutlineModel(amap, lambda e: None, defer=True)
    amap.add_statement(Statement("c", StatementKind.CLAIM, "C"))  # an edit before complete()
    lazy.flush()
    assert _rows(lazy) == _fresh(amap)
