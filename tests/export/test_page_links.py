"""Arrows between parts of paged output, planned without Qt: which arrows lose an end in
which part (and where the other end is printed), and where each stub goes."""

from __future__ import annotations

from argmap.export.page_links import CutEnd, place_stub
from argmap.export.page_links import cut_links as cuts
from argmap.model import ArgumentMap, Link, MapMeta, Statement
from tests.model.maps import ATT, SUP, C, E, P, Q, R, debate


def two_positions() -> ArgumentMap:
    """q <- p1, p2; e1 supports p1; r1 attacks p1 and e2; e2 supports p2; x stands alone,
    e1 also supports x; y attacks the question; u undercuts e2's support."""
    return ArgumentMap.from_parts(
        MapMeta(),
        [
            Statement("q", Q, "Q?"), Statement("p1", P, "Yes", answers="q", order=1),
            Statement("p2", P, "No", answers="q", order=2), Statement("e1", E, "A"), Statement("e2", E, "B"),
            Statement("r1", R, "Not so"), Statement("x", C, "Alone"), Statement("y", R, "Bad question"),
            Statement("u", R, "Does not follow"),
        ],
        [
            Link("l1", SUP, ("e1",), "p1"), Link("l2", ATT, ("r1",), "p1"), Link("l3", SUP, ("e2",), "p2"),
            Link("l4", ATT, ("r1",), "e2"), Link("l5", SUP, ("e1",), "x"), Link("l6", ATT, ("y",), "q"),
            Link("l7", ATT, ("u",), "l3"),
        ],
    )


def test_a_map_printed_whole_in_one_part_has_no_cut_arrows():
    amap = debate()
    assert cuts(amap, [{s.id for s in amap.statements()}]) == []


def test_every_arrow_whole_in_some_part_gets_a_stub_where_it_loses_an_end():
    amap = two_positions()
    parts = [{"q", "p1", "e1", "r1"}, {"q", "p2", "e2", "r1", "u"}, {"x", "y"}]
    found = cuts(amap, parts)
    # r1 attacks e2 too: in part 0 that arrow leaves r1 for part 1, where it is whole
    assert CutEnd(0, "r1", True, ATT, "l4", 1, "e2") in found
    # e1 supports x (in the last part): out of e1 in part 0, into x in part 2
    assert CutEnd(0, "e1", True, SUP, "l5", 2, "x") in found
    assert CutEnd(2, "x", False, SUP, "l5", 0, "e1") in found
    # y attacks the question, printed with each position: into q in both, out of y
    assert CutEnd(0, "q", False, ATT, "l6", 2, "y") in found
    assert CutEnd(1, "q", False, ATT, "l6", 2, "y") in found
    assert CutEnd(2, "y", True, ATT, "l6", 0, "q") in found
    # and r1, printed with p2 too, attacks p1: out of r1 there, to where that is whole
    assert CutEnd(1, "r1", True, ATT, "l2", 0, "p1") in found
    # nothing else: the supports of p1 and p2 and the undercut are whole
    assert len(found) == 7


def test_an_undercut_whose_arrow_is_printed_elsewhere_points_at_that_arrow():
    amap = two_positions()
    parts = [{"q", "p1", "e1", "r1", "x", "y"}, {"q", "p2", "e2", "r1"}, {"u"}]
    found = [c for c in cuts(amap, parts) if c.link == "l7"]
    assert found == [CutEnd(1, "l3", False, ATT, "l7", 2, "u"), CutEnd(2, "u", True, ATT, "l7", 1, "l3")]


def test_co_premises_split_over_parts_give_one_stub_at_the_target():
    amap = debate()
    parts = [{"q", "p1", "e1", "r1", "r2", "r3"}, {"c1", "p2", "q"}]
    found = [c for c in cuts(amap, parts) if c.link == "l1"]
    # part 0 draws the support with e1 only: "from" part 1 at p1; part 1 has c1 without p1
    assert found == [CutEnd(0, "p1", False, SUP, "l1", 1, "c1"), CutEnd(1, "c1", True, SUP, "l1", 0, "p1")]


def test_a_stub_goes_above_a_card_it_leaves_and_below_a_card_it_reaches():
    card = (100.0, 100.0, 200.0, 80.0)
    bounds = (0.0, 0.0, 600.0, 600.0)
    out = place_stub(card, (40.0, 14.0), True, [card], bounds)
    x, y, w, h = out.label
    assert y + h <= 100.0 and out.line[1] == 100.0 and x < 200.0 < x + w
    inn = place_stub(card, (40.0, 14.0), False, [card], bounds)
    assert inn.label[1] >= 180.0 and inn.line[1] == 180.0


def test_a_stub_moves_clear_of_a_card_in_its_way_and_stays_inside_the_page():
    card = (100.0, 100.0, 200.0, 80.0)
    above = (60.0, 20.0, 300.0, 70.0)  # a card just above: the top is taken
    bounds = (0.0, 0.0, 600.0, 600.0)
    spot = place_stub(card, (40.0, 14.0), True, [card, above], bounds)
    lx, ly, lw, lh = spot.label
    assert not (lx < 360 and lx + lw > 60 and ly < 90 and ly + lh > 20)
    assert 0 <= lx and lx + lw <= 600 and 0 <= ly and ly + lh <= 600


def test_a_stub_with_no_clear_spot_stays_on_the_page():
    card = (0.0, 0.0, 100.0, 40.0)
    spot = place_stub(card, (40.0, 14.0), True, [card], (0.0, 0.0, 100.0, 40.0))
    x, y, w, h = spot.label
    assert 0 <= x and x + w <= 100 and 0 <= y and y + h <= 40


def test_a_stub_keeps_its_label_off_an_arrow_where_it_can():
    card = (100.0, 100.0, 200.0, 80.0)
    bounds = (0.0, 0.0, 600.0, 600.0)
    connector = (200.0, 0.0, 200.0, 100.0)  # an arrow leaving the middle of the card's top
    plain = place_stub(card, (40.0, 14.0), True, [card], bounds)
    spot = place_stub(card, (40.0, 14.0), True, [card], bounds, lines=[connector])
    assert plain.label[0] < 200.0 < plain.label[0] + plain.label[2]  # without it: centred on the top
    x, _, w, _ = spot.label
    assert not (x <= 200.0 <= x + w) and spot.line[1] == 100.0  # still on the top, beside the arrow
