"""The tile planner on card rectangles: cuts in the gaps between cards, every card whole on
at least one page, and no nearly empty pages (no Qt)."""

from __future__ import annotations

import random

import pytest

from argmap.export.tile_plan import (
    Tile,
    axis_windows,
    contains,
    content_fraction,
    drop_nearly_empty,
    free_spans,
    plan_tiles,
    whole_somewhere,
)


def _grid_cards(cols: int, rows: int, w: float = 260, h: float = 150, gap_x: float = 60, gap_y: float = 90) -> list[tuple[float, float, float, float]]:
    return [(24 + c * (w + gap_x), 24 + r * (h + gap_y), w, h) for r in range(rows) for c in range(cols)]


def test_free_spans_are_the_gaps_between_cards() -> None:
    assert free_spans([(10, 20), (15, 30), (40, 50)], 0, 60) == [(0, 10), (30, 40), (50, 60)]
    assert free_spans([(0, 60)], 0, 60) == []


def test_a_span_that_fits_is_one_window() -> None:
    assert axis_windows([(10, 90)], 0, 100, 100) == [(0, 100)]


def test_windows_end_in_gaps_and_never_cut_a_card() -> None:
    spans = [(24 + c * 320, 284 + c * 320) for c in range(8)]  # cards 260 wide, gaps of 60
    windows = axis_windows(spans, 0, 2600, 1000, overlap=40)
    for start, end in windows:
        assert end - start <= 1000 + 1e-6
        for a, b in spans:
            assert not (a < start < b) and not (a < end < b), (start, end, a, b)
    assert windows[0][0] == 0 and windows[-1][1] == 2600
    assert all(nxt[0] <= prev[1] for prev, nxt in zip(windows, windows[1:]))  # no strip left out


def test_without_gaps_the_next_window_starts_at_the_cut_card() -> None:
    spans = [(0, 300), (280, 580), (560, 860), (840, 1140)]  # overlapping cards: no gap at all
    windows = axis_windows(spans, 0, 1140, 400, overlap=20)
    for a, b in spans:
        assert any(s - 1e-6 <= a and b <= e + 1e-6 for s, e in windows), (a, b)


def test_every_card_whole_on_some_tile_in_a_grid() -> None:
    cards = _grid_cards(9, 4)
    bounds = (0.0, 0.0, 24 + 9 * 320 + 24, 24 + 4 * 240 + 24)
    tiles = plan_tiles(cards, bounds, 1000, 700, overlap=40)
    assert len(tiles) > 1
    assert whole_somewhere(tiles, cards) == []
    for t in tiles:
        assert t.rect[2] <= 1000 + 1e-6 and t.rect[3] <= 700 + 1e-6


@pytest.mark.parametrize("seed", range(12))
def test_random_card_layouts_keep_every_card_whole(seed: int) -> None:
    rng = random.Random(seed)
    cards = []
    for _ in range(rng.randint(5, 60)):
        w, h = 260, rng.choice([120, 150, 180, 210])
        cards.append((rng.uniform(0, 4000), rng.uniform(0, 2500), w, h))
    bounds = (0.0, 0.0, max(x + w for x, _, w, _ in cards) + 24, max(y + h for _, y, _, h in cards) + 24)
    tile_w, tile_h = rng.choice([(900, 600), (600, 900), (1200, 800)])
    tiles = plan_tiles(cards, bounds, tile_w, tile_h, overlap=40)
    assert whole_somewhere(tiles, cards) == []
    for t in tiles:  # a nearly empty page only when it holds a card no other page has whole
        if content_fraction(t.rect, cards) < 0.05:
            others = [o for o in tiles if o is not t]
            assert any(not any(contains(o.rect, c) for o in others) for c in cards if contains(t.rect, c) or
                       content_fraction(t.rect, [c]) > 0), t


def test_nearly_empty_tiles_are_dropped() -> None:
    cards = _grid_cards(3, 1)  # one row, then empty space below
    bounds = (0.0, 0.0, 1000.0, 2000.0)
    tiles = plan_tiles(cards, bounds, 1000, 700)
    assert len(tiles) == 1 and contains(tiles[0].rect, cards[0])
    sliver = [Tile((0, 0, 1000, 700), 0, 0), Tile((0, 680, 1000, 700), 1, 0)]
    card = [(100, 600, 260, 90)]  # whole on the first tile, a sliver on the second
    assert drop_nearly_empty(sliver, card) == sliver[:1]


def test_a_lone_small_card_is_kept() -> None:
    cards = [(0, 0, 260, 150), (2000, 0, 260, 150)]
    tiles = plan_tiles(cards, (0.0, 0.0, 2260.0, 150.0), 1000, 700)
    assert whole_somewhere(tiles, cards) == []
    assert len(tiles) == 2  # the empty middle window went


def test_overlap_marks_show_where_the_neighbours_begin() -> None:
    cards = _grid_cards(8, 1)
    tiles = plan_tiles(cards, (0.0, 0.0, 2600.0, 200.0), 1000, 700, overlap=40)
    first, second = tiles[0], tiles[1]
    assert first.cut_x and all(first.rect[0] < x < first.rect[0] + first.rect[2] for x in first.cut_x)
    assert second.cut_x and min(second.cut_x) <= first.rect[0] + first.rect[2]
