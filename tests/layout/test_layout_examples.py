"""The layout on small hand-made maps: shape, selections, missing positions, sizes,
cycles, and auto-layout as one undoable edit."""

from __future__ import annotations

from dataclasses import replace

import pytest

from argmap.layout import CARD_WIDTH, H_GAP, V_GAP, estimate_card_size, layout_map, layout_missing
from argmap.layout.edits import auto_layout_edit
from argmap.model import ArgumentMap, Link, MapMeta, Source, Statement
from tests.model.maps import ATT, SUP, C, E, P, Q, R



def build(statements, links, pos=None) -> ArgumentMap:
    pos = pos or {}
    return ArgumentMap.from_parts(
        MapMeta(),
        [Statement(i, k, f"text of {i}", answers=a, order=o, pos=pos.get(i)) for i, k, a, o in statements],
        [Link(i, k, tuple(p), t) for i, k, p, t in links],
    )


def debate(pos=None) -> ArgumentMap:
    """A question with three positions; p1 has co-premises c1+c2 (undercut by u) and a
    rebuttal r; p2 has evidence e."""
    return build(
        [
            ("q", Q, None, 0),
            ("p1", P, "q", 0),
            ("p2", P, "q", 1),
            ("p3", P, "q", 2),
            ("c1", C, None, 0),
            ("c2", C, None, 1),
            ("u", R, None, 2),
            ("r", R, None, 3),
            ("e", E, None, 0),
        ],
        [
            ("l1", SUP, ["c1", "c2"], "p1"),
            ("l2", ATT, ["u"], "l1"),
            ("l3", ATT, ["r"], "p1"),
            ("l4", SUP, ["e"], "p2"),
        ],
        pos,
    )


def centre(pos, sid, w=CARD_WIDTH):
    return pos[sid][0] + w / 2


def test_question_on_top_positions_in_a_row_and_arguments_below_in_outline_order():
    pos = layout_map(debate())
    assert pos["q"][1] == 0
    ys = {pos[p][1] for p in ("p1", "p2", "p3")}
    assert len(ys) == 1 and ys.pop() >= estimate_card_size(debate().statement("q"))[1] + V_GAP
    assert pos["p1"][0] < pos["p2"][0] < pos["p3"][0]
    # the question is centred over its positions
    assert centre(pos, "q") == pytest.approx((centre(pos, "p1") + centre(pos, "p3")) / 2, abs=1)
    # co-premises, then the undercut of their link, then the rebuttal, in one row
    row = ["c1", "c2", "u", "r"]
    assert len({pos[s][1] for s in row + ["e"]}) == 1
    assert [pos[s][0] for s in row] == sorted(pos[s][0] for s in row)
    assert pos["c2"][0] - pos["c1"][0] == pytest.approx(CARD_WIDTH + H_GAP, abs=2)
    assert centre(pos, "p1") == pytest.approx((centre(pos, "c1") + centre(pos, "r")) / 2, abs=1)
    assert centre(pos, "e") == pytest.approx(centre(pos, "p2"), abs=1)


def test_origin_moves_the_whole_layout():
    base = layout_map(debate())
    moved = layout_map(debate(), origin=(100, -50))
    assert moved == {k: (x + 100, y - 50) for k, (x, y) in base.items()}


def test_a_small_subtree_tucks_in_beside_a_deep_one():
    amap = build(
        [("t", C, None, 0), ("a", C, None, 0), ("b", C, None, 1)] + [(f"a{i}", C, None, i) for i in range(4)],
        [("la", SUP, ["a"], "t"), ("lb", SUP, ["b"], "t")] + [(f"m{i}", SUP, [f"a{i}"], "a") for i in range(4)],
    )
    pos = layout_map(amap)
    # b sits next to a, not beyond the four cards under a
    assert pos["b"][0] - pos["a"][0] == pytest.approx(CARD_WIDTH + H_GAP, abs=2)
    assert pos["a3"][0] > pos["b"][0]


def test_cross_link_places_a_card_once_under_its_first_parent():
    amap = build(
        [("q", Q, None, 0), ("p1", P, "q", 0), ("p2", P, "q", 1), ("c", C, None, 0)],
        [("l1", SUP, ["c"], "p1"), ("l2", ATT, ["c"], "p2")],
    )
    pos = layout_map(amap)
    assert len(pos) == 4
    assert centre(pos, "c") == pytest.approx(centre(pos, "p1"), abs=1)


def test_cycles_and_orphan_trees_are_laid_out_to_the_right():
    amap = build(
        [("q", Q, None, 0), ("p", P, "q", 0), ("a", C, None, 0), ("b", C, None, 0), ("c", C, None, 0), ("o", C, None, 0)],
        [("l1", SUP, ["a"], "b"), ("l2", SUP, ["b"], "c"), ("l3", SUP, ["c"], "a")],
    )
    pos = layout_map(amap)
    assert set(pos) == {"q", "p", "a", "b", "c", "o"}
    main_right = max(pos["q"][0], pos["p"][0]) + CARD_WIDTH
    assert all(pos[s][0] > main_right for s in ("a", "b", "c", "o"))
    # the cycle becomes one chain, each card below the one before
    assert len({pos[s][1] for s in "abc"}) == 3


def test_custom_card_sizes_are_respected():
    sizes = {"q": (500.0, 40.0)}
    pos = layout_map(debate(), size_of=lambda s: sizes.get(s.id, (100.0, 300.0)))
    assert pos["p1"][1] == 40 + V_GAP + 1  # one pixel of slack for rounding
    assert pos["p2"][0] - pos["p1"][0] >= 100 + H_GAP
    assert pos["c1"][1] >= pos["p1"][1] + 300 + V_GAP


def test_selection_is_laid_out_where_it_was():
    placed = layout_map(debate())
    far = {k: (x + 5000, y + 3000) for k, (x, y) in placed.items() if k in ("c1", "c2", "u")}
    far["c1"] = (far["c1"][0] + 700, far["c1"][1] - 90)  # scrambled
    amap = debate({**placed, **far})
    pos = layout_map(amap, only=["c1", "c2", "u", "l1"])
    assert set(pos) == {"c1", "c2", "u"}
    assert min(x for x, _ in pos.values()) == min(x for x, _ in far.values())
    assert min(y for _, y in pos.values()) == min(y for _, y in far.values())
    assert len({y for _, y in pos.values()}) == 1


def test_selection_moves_clear_of_a_card_in_the_way():
    amap = debate({"c1": (0, 0), "c2": (0, 100), "p3": (300, 0)})
    pos = layout_map(amap, only={"c1", "c2"})
    p3_bottom = estimate_card_size(amap.statement("p3"))[1]
    # the smaller way out: down below p3 rather than right past it
    assert pos["c1"] == (0, p3_bottom + V_GAP + 1)
    assert pos["c2"] == (CARD_WIDTH + H_GAP + 1, pos["c1"][1])


def test_layout_missing_puts_a_new_child_under_its_parent():
    placed = layout_map(debate())
    del placed["e"]
    amap = debate(placed)
    pos = layout_missing(amap)
    assert set(pos) == {"e"}
    p2 = amap.statement("p2")
    assert centre(pos, "e") == pytest.approx(centre(placed, "p2"), abs=1)
    assert pos["e"][1] == placed["p2"][1] + estimate_card_size(p2)[1] + V_GAP + 1


def test_layout_missing_without_any_placed_card_lays_out_everything():
    assert layout_missing(debate()) == layout_map(debate())
    assert layout_missing(debate(layout_map(debate()))) == {}


def test_estimated_size_grows_with_text_title_and_citation():
    short = Statement("a", C, "Short.")
    long = replace(short, text="word " * 60)
    assert estimate_card_size(short) == (CARD_WIDTH, estimate_card_size(short)[1])
    assert estimate_card_size(long)[1] > estimate_card_size(short)[1]
    assert estimate_card_size(replace(short, title="T"))[1] == estimate_card_size(short)[1] + 18
    cited = Statement("e", E, "Short.", source=Source(citation="Report 1"))
    assert estimate_card_size(cited)[1] == estimate_card_size(short)[1] + 18
    two_paragraphs = replace(short, text="One.\nTwo.")
    assert estimate_card_size(two_paragraphs)[1] == estimate_card_size(short)[1] + 18
    assert estimate_card_size(replace(short, text=""))[1] == estimate_card_size(short)[1]


def test_auto_layout_is_one_undoable_edit():
    amap = debate({"q": (5, 5)})
    before = amap.copy()
    edit = auto_layout_edit(amap)
    assert edit.label == "Auto-layout"
    edit.apply(amap)
    assert {s.id: s.pos for s in amap.statements()} == layout_map(before)
    edit.revert(amap)
    assert amap == before


def test_auto_layout_of_a_selection_names_the_count_and_ignores_links():
    amap = debate(layout_map(debate()))
    edit = auto_layout_edit(amap, only=["c1", "c2", "l1"])
    assert edit.label == "Auto-layout 2 statements"
    assert {m[0] for m in edit.moves} <= {"c1", "c2"}
    assert auto_layout_edit(amap, only=["e"]).label == "Auto-layout 1 statement"


def test_an_empty_map_or_selection_gives_no_positions():
    empty = ArgumentMap()
    assert layout_map(empty) == {} and layout_missing(empty) == {}
    assert layout_map(debate(), only=["nothing", "l1"]) == {}
    assert auto_layout_edit(empty).moves == ()


def test_many_separate_trees_wrap_onto_shelves_in_order():
    amap = ArgumentMap.from_parts(
        MapMeta(), [Statement(f"s{i:02d}", C, "claim", order=i) for i in range(40)], []
    )
    pos = layout_map(amap)
    assert max(x for x, _ in pos.values()) + CARD_WIDTH <= 4000
    shelves = sorted({y for _, y in pos.values()})
    assert len(shelves) > 1
    reading_order = sorted(pos, key=lambda s: (pos[s][1], pos[s][0]))
    assert reading_order == [f"s{i:02d}" for i in range(40)]


def test_keeping_the_question_lays_the_debate_out_under_it():
    amap = debate({"q": (1000.0, 500.0)})
    pos = layout_map(amap, keep={"q"})
    q_height = estimate_card_size(amap.statement("q"))[1]
    assert pos["q"] == (1000.0, 500.0)
    assert {pos[p][1] for p in ("p1", "p2", "p3")} == {500 + q_height + V_GAP + 1}
    assert centre(pos, "q") == pytest.approx((centre(pos, "p1") + centre(pos, "p3")) / 2, abs=1)


def test_a_kept_card_in_the_way_pushes_its_row_and_their_subtrees_right():
    free = layout_map(debate())
    # keep the question in its slot, and the rebuttal r exactly where p1 would go
    amap = debate({"q": free["q"], "r": free["p1"]})
    pos = layout_map(amap, keep={"q", "r"})
    assert pos["q"] == free["q"] and pos["r"] == free["p1"]
    assert pos["p1"][0] >= free["p1"][0] + CARD_WIDTH + H_GAP
    assert pos["p1"][0] < pos["p2"][0] < pos["p3"][0]
    # p1's arguments moved with it
    assert pos["c1"][0] - free["c1"][0] == pytest.approx(pos["p1"][0] - free["p1"][0], abs=1)
