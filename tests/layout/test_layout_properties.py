"""Property tests of the layered layout on random maps: no overlaps, finite, stable,
selections and kept cards respected, co-premises together, children below parents."""

from __future__ import annotations

import math
import random
from dataclasses import replace

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from argmap.layout import H_GAP, V_GAP, estimate_card_size, layout_map, layout_missing
from argmap.layout.outline import Forest, Outline
from argmap.model import ArgumentMap, MapMeta

from .maps import random_map, shuffled_copy, sibling_co_premises

SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
seeds = st.integers(0, 2**32 - 1)
sizes = st.integers(1, 40)


def rect(amap: ArgumentMap, sid: str, pos: dict) -> tuple[float, float, float, float]:
    w, h = estimate_card_size(amap.statement(sid))
    x, y = pos[sid]
    return x, y, w, h


def separated(a, b, gx: float = H_GAP, gy: float = V_GAP) -> bool:
    ax, ay, aw, ah = a
    bx, by, bw, bh = b
    return ax + aw + gx <= bx or bx + bw + gx <= ax or ay + ah + gy <= by or by + bh + gy <= ay


def overlapping_pairs(rects: dict[str, tuple], movable: set[str] | None = None) -> list[tuple[str, str]]:
    names = sorted(rects)
    bad = []
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            if movable is not None and a not in movable and b not in movable:
                continue
            if not separated(rects[a], rects[b]):
                bad.append((a, b))
    return bad


def with_positions(amap: ArgumentMap, pos: dict) -> ArgumentMap:
    return ArgumentMap.from_parts(
        MapMeta(), [replace(s, pos=pos.get(s.id, s.pos)) for s in amap.statements()], amap.links()
    )


@SETTINGS
@given(seeds, sizes)
def test_whole_map_is_finite_and_never_overlaps(seed, n):
    amap = random_map(seed, n)
    pos = layout_map(amap)
    assert set(pos) == {s.id for s in amap.statements()}
    assert all(math.isfinite(v) for p in pos.values() for v in p)
    rects = {sid: rect(amap, sid, pos) for sid in pos}
    assert overlapping_pairs(rects) == []


@SETTINGS
@given(seeds, sizes, seeds)
def test_layout_is_deterministic_and_ignores_build_order(seed, n, shuffle_seed):
    amap = random_map(seed, n)
    first = layout_map(amap)
    assert layout_map(amap) == first
    assert layout_map(shuffled_copy(amap, shuffle_seed)) == first


@SETTINGS
@given(seeds, sizes)
def test_renaming_ids_keeps_the_layout_when_the_outline_order_is_the_same(seed, n):
    amap = random_map(seed, n, distinct_orders=True)
    # tie-free link order: no two links into one target share their first premise
    firsts = [(link.premises[0], link.target) for link in amap.links()]
    assume(len(firsts) == len(set(firsts)))
    rename = {s.id: f"x{999 - k}" for k, s in enumerate(amap.statements())}
    rename.update({link.id: f"y{999 - k}" for k, link in enumerate(amap.links())})
    renamed = ArgumentMap.from_parts(
        MapMeta(),
        [replace(s, id=rename[s.id], answers=rename.get(s.answers)) for s in amap.statements()],
        [
            replace(link, id=rename[link.id], premises=tuple(rename[p] for p in link.premises), target=rename[link.target])
            for link in amap.links()
        ],
    )
    before = layout_map(amap)
    after = layout_map(renamed)
    assert {rename[k]: v for k, v in before.items()} == after


@SETTINGS
@given(seeds, sizes)
def test_tree_children_are_below_their_parents_and_co_premises_side_by_side(seed, n):
    amap = random_map(seed, n)
    pos = layout_map(amap)
    forest = Forest(Outline(amap), Outline(amap).seeds())
    for child, parent in forest.parent.items():
        if parent is not None:
            _, py, _, ph = rect(amap, parent, pos)
            assert pos[child][1] >= py + ph + V_GAP
    for premises in sibling_co_premises(amap, forest):
        ys = {pos[p][1] for p in premises}
        assert len(ys) == 1
        row_y = ys.pop()
        row = sorted((x, sid) for sid, (x, y) in pos.items() if y == row_y)
        places = sorted(k for k, (_, sid) in enumerate(row) if sid in premises)
        assert places == list(range(places[0], places[0] + len(premises)))


@SETTINGS
@given(seeds, sizes, st.data())
def test_selection_layout_leaves_other_cards_alone_and_clear(seed, n, data):
    amap = random_map(seed, n)
    ids = [s.id for s in amap.statements()]
    # start from a messy placement: every card somewhere in a small area
    rng = random.Random(seed)
    placed = with_positions(amap, {i: (rng.uniform(0, 2000), rng.uniform(0, 1500)) for i in ids})
    only = set(data.draw(st.lists(st.sampled_from(ids), min_size=1, max_size=n, unique=True)))
    pos = layout_map(placed, only=only | {"no-such-id"})
    assert set(pos) == only
    full = {i: (pos[i] if i in only else placed.statement(i).pos) for i in ids}
    rects = {i: rect(amap, i, full) for i in ids}
    # the laid-out cards are clear of each other and of every other card
    assert overlapping_pairs(rects, movable=only) == []


@SETTINGS
@given(seeds, sizes, st.data())
def test_kept_cards_stay_and_the_rest_avoids_them(seed, n, data):
    amap = random_map(seed, n)
    ids = [s.id for s in amap.statements()]
    keep = set(data.draw(st.lists(st.sampled_from(ids), max_size=min(n, 6), unique=True)))
    rng = random.Random(seed)
    # hand-placed cards: far apart from each other, anywhere near the layout
    hand = {k: (rng.uniform(-300, 3000) + 2000 * j, rng.uniform(-100, 800)) for j, k in enumerate(sorted(keep))}
    placed = with_positions(amap, hand)
    pos = layout_map(placed, keep=keep)
    assert set(pos) == set(ids)
    for k in keep:
        assert pos[k] == hand[k]
    rects = {i: rect(amap, i, pos) for i in ids}
    assert overlapping_pairs(rects, movable=set(ids) - keep) == []


@SETTINGS
@given(seeds, sizes, st.data())
def test_layout_missing_places_only_unplaced_cards_clear_of_the_others(seed, n, data):
    amap = random_map(seed, n)
    ids = [s.id for s in amap.statements()]
    base = layout_map(amap)
    unplaced = set(data.draw(st.lists(st.sampled_from(ids), min_size=1, max_size=n, unique=True)))
    placed = with_positions(amap, {i: p for i, p in base.items() if i not in unplaced})
    pos = layout_missing(placed)
    assert set(pos) == unplaced
    assert all(math.isfinite(v) for p in pos.values() for v in p)
    full = {i: (pos[i] if i in unplaced else base[i]) for i in ids}
    rects = {i: rect(amap, i, full) for i in ids}
    assert overlapping_pairs(rects, movable=unplaced) == []
    assert layout_missing(with_positions(placed, pos)) == {}
