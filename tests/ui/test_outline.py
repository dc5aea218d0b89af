"""Outline model: rows for questions, positions, supports and attacks, co-premise groups
and undercuts; cycles stop; rows follow change records."""

from __future__ import annotations

from argmap.model import AddLink, AddStatement, ArgumentMap, Link, LinkKind, Statement, StatementKind, change_statement
from argmap.ui.panels.outline_model import OutlineModel


def _s(id_, kind=StatementKind.CLAIM, **kw):
    return Statement(id_, kind, id_.upper(), pos=(0.0, 0.0), **kw)


def _map():
    amap = ArgumentMap()
    amap.add_statement(_s("q", StatementKind.QUESTION))
    amap.add_statement(_s("p", StatementKind.POSITION, answers="q"))
    for i in ("a", "b", "c", "u", "r"):
        amap.add_statement(_s(i))
    amap.add_link(Link("l1", LinkKind.SUPPORT, ("a", "b"), "p"))  # co-premises
    amap.add_link(Link("l2", LinkKind.SUPPORT, ("c",), "p"))
    amap.add_link(Link("l3", LinkKind.ATTACK, ("u",), "l2"))  # undercut of c -> p
    amap.add_link(Link("l4", LinkKind.ATTACK, ("r",), "c"))
    return amap


def _tree(model, node=None, depth=0):
    out = []
    for n in model.child_nodes(node):
        out.append(("  " * depth) + model.data(model.index_of(n)))
        out.extend(_tree(model, n, depth + 1))
    return out


def test_rows_nest_supports_attacks_groups_and_undercuts(qtbot):
    applied = []
    model = OutlineModel(_map(), applied.append)
    assert _tree(model) == [
        "Q",
        "  P",
        "    + Together (2 premises)",
        "      A",
        "      B",
        "    + Inference",
        "      C",
        "        \u2212 R",
        "      \u2212 U",
    ]


def test_cycles_are_shown_once(qtbot):
    amap = ArgumentMap()
    amap.add_statement(_s("a"))
    amap.add_statement(_s("b"))
    amap.add_link(Link("l1", LinkKind.SUPPORT, ("a",), "b"))
    amap.add_link(Link("l2", LinkKind.SUPPORT, ("b",), "a"))
    model = OutlineModel(amap, lambda e: None)
    rows = _tree(model)
    assert rows[0] == "A" and rows[-1].endswith("\u21bb") and len(rows) == 3


def test_rows_follow_change_records(qtbot):
    amap = _map()
    model = OutlineModel(amap, lambda e: None)
    _tree(model)  # rows are built lazily, as a view expands them
    changed = []
    model.dataChanged.connect(lambda a, b: changed.append(a))
    change_statement(amap, "c", text="renamed").apply(amap)
    assert changed and model.data(changed[0]) == "renamed"
    amap.add_statement(_s("loose"))
    model.flush()
    assert [model.data(model.index_of(n)) for n in model.root_nodes()] == ["Q", "LOOSE"]
    AddLink(Link("l9", LinkKind.SUPPORT, ("loose",), "a")).apply(amap)
    AddStatement(_s("x")).apply(amap)
    model.flush()
    assert [model.data(model.index_of(n)) for n in model.root_nodes()] == ["Q", "X"]


def test_find_path_reaches_deep_rows_and_undercuts(qtbot):
    model = OutlineModel(_map(), lambda e: None)
    assert [n.id for n in model.find_path("r")] == ["q", "p", "l2", "c", "r"]
    assert [n.id for n in model.find_path("u")] == ["q", "p", "l2", "u"]
    assert [n.id for n in model.find_path("b")] == ["q", "p", "l1", "b"]
    assert [n.id for n in model.find_path("l1")] == ["q", "p", "l1"]


def test_rename_and_group_drop_are_edits(qtbot):
    amap = _map()
    applied = []

    def apply(edit):
        edit.apply(amap)
        applied.append(edit)

    model = OutlineModel(amap, apply)
    c = model.find_path("c")[-1]
    assert model.setData(model.index_of(c), "New text")
    assert amap.statement("c").text == "New text" and len(applied) == 1
    assert not model.setData(model.index_of(c), "   ")  # empty text refused
    group = model.find_path("l1")[-1]
    assert model.drop_rows([("r", "l4")], group, -1)
    assert amap.link("l1").premises == ("a", "b", "r")
