"""Page planning without Qt: the ladder of scales, the choice of orientation and scale,
the smallest scale a document may use, and the positions that get pages."""

from __future__ import annotations

import pytest

from argmap.export.pages import (
    MAX_PAGES,
    MIN_READABLE_PT,
    PT_PER_UNIT,
    choose,
    ladder_scales,
    min_scale,
    position_picks,
)
from tests.model.maps import debate


def test_small_picture_fits_one_page_at_full_size():
    rungs = ladder_scales((200.0, 100.0), (500.0, 700.0), 10.0, [(0.0, 0.0, 200.0, 100.0)])
    assert rungs == [(PT_PER_UNIT, 1)]


def test_ladder_goes_from_full_size_down_to_the_fit_with_more_pages_when_bigger():
    cards = [(x * 300.0, 0.0, 260.0, 80.0) for x in range(10)]
    rungs = ladder_scales((3000.0, 100.0), (500.0, 700.0), 10.0, cards)
    scales = [s for s, _ in rungs]
    assert scales == sorted(scales, reverse=True)
    assert scales[0] <= PT_PER_UNIT and rungs[-1] == (pytest.approx(500.0 / 3000.0), 1)
    assert rungs[0][1] > 1  # full size needs several pages
    pages = [n for _, n in rungs]
    assert pages == sorted(pages, reverse=True) or pages[-1] == 1


def test_choose_prefers_fewest_readable_pages_then_the_biggest_scale():
    plans = {True: [(0.75, 4), (0.6, 2), (0.3, 1)], False: [(0.75, 3), (0.5, 2), (0.2, 1)]}
    assert choose(plans, 0.4) == (True, 0.6, 2)
    assert choose(plans, 0.1) == (True, 0.3, 1)
    assert choose({False: [(0.75, 9), (0.1, 1)]}, 0.5) == (False, 0.75, 9)
    assert choose({False: [(0.3, 1)]}, 0.5) == (False, 0.3, 1)  # nothing readable: the fit


def test_min_scale_shrinks_only_past_the_page_limit():
    few = [{False: [(0.75, 3), (0.1, 1)]}]
    assert min_scale(few) == MIN_READABLE_PT
    many = [{False: [(0.75, MAX_PAGES + 10), (0.2, 2), (0.05, 1)]}]
    assert min_scale(many) < MIN_READABLE_PT


def test_position_picks_each_position_once_with_its_question():
    picks = position_picks(debate())
    assert [(p.id, q.id if q else None) for p, q in picks] == [("p1", "q"), ("p2", "q")]
