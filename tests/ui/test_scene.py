"""MapScene follows the model: change records create, update and remove only the
affected items; hiding, highlighting, selection and placement of unplaced cards."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF

from argmap.model import (
    AddStatement,
    ArgumentMap,
    Link,
    LinkKind,
    MapMeta,
    RemoveItems,
    Statement,
    StatementKind,
    add_premise,
    change_link,
    change_statement,
    connect,
    move,
)
from argmap.ui.canvas import records
from argmap.ui.canvas.link_item import AnswerItem, LinkItem
from argmap.ui.canvas.statement_item import StatementItem
from argmap.ui.canvas.scene import MapScene
from tests.ui.test_items import make_small_map

K = StatementKind


@pytest.fixture
def canvas_map_scene(qtbot):
    amap = make_small_map()
    scene = MapScene(amap)
    yield amap, scene
    scene.detach()


def _ids(scene: MapScene) -> set[str]:
    scene.index.materialise_all()
    out = set()
    for item in scene.items():
        if isinstance(item, StatementItem):
            out.add(item.sid)
        elif isinstance(item, LinkItem) and not isinstance(item, AnswerItem):
            out.add(item.lid)
    return out


def test_build_creates_one_item_per_statement_and_link(canvas_map_scene):
    amap, scene = canvas_map_scene
    assert _ids(scene) == {s.id for s in amap.statements()} | {link.id for link in amap.links()}
    assert scene.item_for("a").pos() == QPointF(100.0, 460.0)
    assert scene.card_count() == 7
    assert scene.content_rect().contains(scene.item_for("r").card_rect())


def test_statement_added_changed_removed(canvas_map_scene):
    amap, scene = canvas_map_scene
    AddStatement(Statement("n", K.CLAIM, "New", pos=(0.0, 900.0))).apply(amap)
    assert isinstance(scene.item_for("n"), StatementItem)
    h = scene.item_for("n").h
    change_statement(amap, "n", text="A much longer text " * 10).apply(amap)
    assert scene.item_for("n").h > h
    assert scene.item_for("n").statement.text.startswith("A much longer")
    RemoveItems.build(amap, ["n"]).apply(amap)
    assert scene.item_for("n") is None and "n" not in _ids(scene)


def test_editing_one_statement_rewraps_only_that_card(canvas_map_scene, monkeypatch):
    amap, scene = canvas_map_scene
    calls = []
    real = records.wrap_card
    monkeypatch.setattr(records, "wrap_card", lambda s: calls.append(s.id) or real(s))
    others = {s.id: scene.item_for(s.id) for s in amap.statements()}
    change_statement(amap, "b", text="Mines deter threats, the ministers say.").apply(amap)
    assert calls == ["b"]
    assert all(scene.item_for(i) is item for i, item in others.items())


def test_links_added_changed_removed(canvas_map_scene):
    amap, scene = canvas_map_scene
    edit = connect(amap, ["r"], "a", LinkKind.ATTACK, link_id="l9")
    edit.apply(amap)
    item = scene.item_for("l9")
    assert isinstance(item, LinkItem) and item.valid and item.link.kind is LinkKind.ATTACK
    add_premise(amap, "l2", "a").apply(amap)
    assert scene.item_for("l2").junction() is not None  # now a co-premise group
    assert len(scene.item_for("l2").premise_lines()) == 2
    change_link(amap, "l9", kind="support").apply(amap)
    assert scene.item_for("l9").link.kind is LinkKind.SUPPORT
    edit.revert(amap)
    assert scene.item_for("l9") is None


def test_moving_a_card_in_the_model_keeps_arrows_attached(canvas_map_scene):
    amap, scene = canvas_map_scene
    move(amap, {"b": (600.0, 800.0)}).apply(amap)
    card = scene.item_for("b").card_rect()
    assert card.topLeft() == QPointF(600.0, 800.0)
    lines = scene.item_for("l1").premise_lines()
    x1, y1, _x2, _y2 = lines[1]
    assert (x1, y1) == pytest.approx((card.center().x(), card.top()))


def test_map_reset_rebuilds(canvas_map_scene):
    amap, scene = canvas_map_scene
    other = ArgumentMap.from_parts(
        MapMeta(),
        [Statement("x", K.CLAIM, "x", pos=(0.0, 300.0)), Statement("y", K.CLAIM, "y", pos=(0.0, 0.0))],
        [Link("k", LinkKind.SUPPORT, ("x",), "y")],
    )
    amap.reset_from(other)
    assert _ids(scene) == {"x", "y", "k"}
    assert scene.item_for("k").valid and scene.card_count() == 2


def test_positions_are_joined_to_their_question(canvas_map_scene):
    amap, scene = canvas_map_scene
    joint = scene.item_for("answer:p")
    assert isinstance(joint, AnswerItem) and joint.valid
    assert joint.tip()[1] == pytest.approx(scene.item_for("q").card_rect().bottom())
    change_statement(amap, "p", kind="claim").apply(amap)  # no longer answers
    assert scene.item_for("answer:p") is None
    change_statement(amap, "p", kind="position", answers="q").apply(amap)
    assert scene.item_for("answer:p").valid
    assert "answer:p" not in scene.selected_ids() and scene.link_items()[0].lid.startswith("l")


def test_detach_stops_following(canvas_map_scene):
    amap, scene = canvas_map_scene
    scene.detach()
    AddStatement(Statement("n", K.CLAIM, "New", pos=(0.0, 0.0))).apply(amap)
    assert scene.item_for("n") is None


def test_unplaced_statements_are_laid_out(qtbot):
    amap = make_small_map()
    amap.add_statement(Statement("z", K.CLAIM, "Not placed yet"))
    amap.add_link(Link("lz", LinkKind.SUPPORT, ("z",), "a"))
    scene = MapScene(amap)
    z = scene.item_for("z").card_rect()
    for s in amap.statements():
        if s.id != "z":
            assert not z.intersects(scene.item_for(s.id).card_rect())
    assert amap.statement("z").pos is None  # the scene never writes to the model
    AddStatement(Statement("w", K.CLAIM, "Added without a position")).apply(amap)
    connect(amap, ["w"], "b").apply(amap)
    scene.place_unplaced()
    w = scene.item_for("w").card_rect()
    assert w.top() > scene.item_for("b").card_rect().bottom()
    scene.detach()


def test_hidden_statements_hide_their_arrows(canvas_map_scene):
    amap, scene = canvas_map_scene
    scene.set_hidden({"e"})
    assert not scene.item_for("e").isVisible()
    assert not scene.item_for("l2").isVisible()
    assert not scene.item_for("l3").isVisible()  # its target arrow is gone
    assert scene.item_for("l1").isVisible()
    scene.set_hidden({"a"})  # one of two co-premises
    assert scene.item_for("e").isVisible() and scene.item_for("l3").isVisible()
    assert len(scene.item_for("l1").premise_lines()) == 1
    scene.set_hidden(set())
    assert len(scene.item_for("l1").premise_lines()) == 2


def test_selection_api(canvas_map_scene):
    _amap, scene = canvas_map_scene
    scene.select_ids(["b", "l2", "a", "missing"])
    assert scene.selected_ids() == ["a", "b", "l2"]
    scene.select_ids([])
    assert scene.selected_ids() == []


def test_highlight_is_painted(canvas_map_scene):
    from tests.ui.test_items import render

    _amap, scene = canvas_map_scene
    rect = scene.item_for("a").sceneBoundingRect()
    plain = render(scene, rect)
    scene.set_highlighted({"a"})
    assert scene.highlighted_ids() == {"a"}
    assert render(scene, rect) != plain


def test_scene_renders_without_a_view(canvas_map_scene):
    from tests.ui.test_items import render

    _amap, scene = canvas_map_scene
    image = render(scene)
    assert image.width() > 1000 and len({image.pixel(x, 300) for x in range(0, image.width(), 3)}) > 5
