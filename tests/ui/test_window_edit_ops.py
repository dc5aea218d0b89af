"""Edit builders behind the Insert commands: placement without overlap, outline order,
re-parenting and reordering as single steps."""

from __future__ import annotations

from argmap.formats import load_project
from argmap.layout import estimate_card_size
from argmap.model import ArgumentMap, LinkKind, StatementKind
from argmap.ui import edit_ops


def _rects(amap):
    out = []
    for s in amap.statements():
        w, h = estimate_card_size(s)
        out.append((s.pos[0], s.pos[1], w, h))
    return out


def _overlap(a, b):
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


def test_children_are_placed_below_without_overlap_and_in_order():
    amap = ArgumentMap()
    edit, q = edit_ops.add_statement(amap, StatementKind.QUESTION)
    edit.apply(amap)
    positions = []
    for _ in range(3):
        edit, p = edit_ops.add_child(amap, q)
        edit.apply(amap)
        positions.append(p)
    assert [s.id for s in amap.positions(q)] == positions  # creation order is outline order
    kids = []
    for kind in (LinkKind.SUPPORT, LinkKind.ATTACK, LinkKind.SUPPORT):
        edit, c = edit_ops.add_child(amap, positions[0], kind)
        edit.apply(amap)
        kids.append(c)
    assert [s.id for s in amap.children(positions[0])] == kids
    assert amap.statement(kids[1]).kind is StatementKind.REBUTTAL
    edit, sib = edit_ops.add_sibling(amap, kids[0])
    edit.apply(amap)
    assert amap.links_from(sib)[0].target == positions[0]
    rects = _rects(amap)
    assert not any(_overlap(a, b) for i, a in enumerate(rects) for b in rects[i + 1:])
    parent = amap.statement(positions[0])
    assert all(amap.statement(k).pos[1] > parent.pos[1] for k in kids)


def test_undercut_child_of_a_link():
    amap = ArgumentMap()
    edit, q = edit_ops.add_statement(amap, StatementKind.CLAIM)
    edit.apply(amap)
    edit, c = edit_ops.add_child(amap, q)
    edit.apply(amap)
    link = amap.links_from(c)[0].id
    edit, u = edit_ops.add_child(amap, link, LinkKind.SUPPORT)
    edit.apply(amap)
    assert edit.label == "Add undercut"
    assert amap.links_from(u)[0].target == link and amap.links_from(u)[0].kind is LinkKind.ATTACK


def test_reparent_keeps_kind_and_sequence_is_one_batch(example_path):
    amap = load_project(example_path).map
    before = amap.copy()
    q = amap.questions()[0].id
    p1, p2 = (p.id for p in amap.positions(q)[:2])
    link = amap.links_into(p1)[-1]
    child = link.premises[0]
    steps = [lambda m: edit_ops.reparent(m, child, link.id, p2), lambda m: edit_ops.reorder(m, [child] + [c.id for c in m.children(p2) if c.id != child])]
    edit = edit_ops.sequence(amap, steps, "Move in outline")
    edit.apply(amap)
    moved = [l for l in amap.links_from(child) if l.target == p2]
    assert moved and moved[0].kind is link.kind
    assert amap.children(p2)[0].id == child
    edit.revert(amap)
    assert amap == before
    assert edit_ops.reparent(amap, p1, None, q) == []  # already there
    assert edit_ops.reparent(amap, q, None, p1) == []  # would argue for itself
