"""The compact and left-right layout styles on random, imported and big maps: no card
overlaps another, children where the style puts them, co-premises next to each other,
deterministic, and the compact drawing close to the aspect asked for."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.formats import FileFormatError
from argmap.formats.interchange import read_any
from argmap.formats.kialo import loads_kialo
from argmap.layout import (
    CLASSIC,
    COMPACT,
    LEFT_RIGHT,
    STYLES,
    estimate_card_size,
    layout_map,
)
from argmap.layout.arrange import LR_GAP
from argmap.layout.compact import GUTTER, LEVEL_GAP, STACK_GAP
from argmap.layout.outline import Forest, Outline
from argmap.model import ArgumentMap

from .maps import random_map, shuffled_copy, sibling_co_premises

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from kialo_debate import kialo_text

SETTINGS = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
seeds = st.integers(0, 2**32 - 1)
sizes = st.integers(1, 60)
aspects = st.sampled_from([0.5, 1.0, 4 / 3, 16 / 9, 3.0])
CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus"


def rects(amap: ArgumentMap, pos: dict) -> dict[str, tuple[float, float, float, float]]:
    return {s.id: (*pos[s.id], *estimate_card_size(s)) for s in amap.statements()}


def overlaps(boxes: dict, gap: float) -> list[tuple[str, str]]:
    """Pairs of cards closer than ``gap`` on both axes (sweep over x)."""
    items = sorted(boxes.items(), key=lambda kv: kv[1][0])
    bad = []
    for i, (a, (ax, ay, aw, ah)) in enumerate(items):
        for b, (bx, by, _bw, bh) in items[i + 1 :]:
            if bx >= ax + aw + gap:
                break
            if by < ay + ah + gap and ay < by + bh + gap:
                bad.append((a, b))
    return bad


def extent(boxes: dict) -> tuple[float, float]:
    left = min(x for x, _, _, _ in boxes.values())
    top = min(y for _, y, _, _ in boxes.values())
    right = max(x + w for x, _, w, _ in boxes.values())
    bottom = max(y + h for _, y, _, h in boxes.values())
    return right - left, bottom - top


def check_shape(amap: ArgumentMap, style: str, aspect: float) -> dict:
    pos = layout_map(amap, style=style, aspect=aspect)
    assert set(pos) == {s.id for s in amap.statements()}
    boxes = rects(amap, pos)
    assert not overlaps(boxes, STACK_GAP - 1 if style == COMPACT else 23)
    outline = Outline(amap)
    forest = Forest(outline, outline.seeds())
    for child, parent in forest.parent.items():
        if parent is None:
            continue
        cx, cy, cw, ch = boxes[child]
        px, py, pw, ph = boxes[parent]
        if style == LEFT_RIGHT:
            assert cx >= px + pw + LR_GAP
        elif style == CLASSIC:
            assert cy >= py + ph + 40
        else:
            below = cy >= py + ph + min(LEVEL_GAP, STACK_GAP) - 1
            beside = cy >= py and (cx >= px + pw + GUTTER - 1 or cx + cw <= px - GUTTER + 1)
            assert below or beside, (child, parent)
    check_co_premises(amap, forest, boxes)
    return boxes


def check_co_premises(amap: ArgumentMap, forest: Forest, boxes: dict) -> None:
    """Co-premises of one link (with the same tree parent) are in one row or one column
    with no card between them but their own descendants."""
    for premises in sibling_co_premises(amap, forest):
        mine = [boxes[p] for p in premises]
        same_row = len({b[1] for b in mine}) == 1
        same_column = len({b[0] for b in mine}) == 1 or len({b[0] + b[2] for b in mine}) == 1
        assert same_row or same_column, premises
        left = min(b[0] for b in mine)
        top = min(b[1] for b in mine)
        right = max(b[0] + b[2] for b in mine)
        bottom = max(b[1] + b[3] for b in mine)
        between = [
            sid
            for sid, (x, y, w, h) in boxes.items()
            if sid not in premises
            and x < right and left < x + w and y < bottom and top < y + h
            and not _descends(forest, sid, premises)
        ]
        assert not between, (premises, between)


def _descends(forest: Forest, sid: str, ancestors) -> bool:
    node = forest.parent.get(sid)
    while node is not None:
        if node in ancestors:
            return True
        node = forest.parent.get(node)
    return False


@SETTINGS
@given(seeds, sizes, aspects, st.sampled_from(STYLES))
def test_styles_never_overlap_and_keep_children_where_the_style_says(seed, n, aspect, style):
    check_shape(random_map(seed, n), style, aspect)


@SETTINGS
@given(seeds, sizes, seeds, st.sampled_from([COMPACT, LEFT_RIGHT]))
def test_styles_are_deterministic_and_ignore_build_order(seed, n, shuffle_seed, style):
    amap = random_map(seed, n)
    first = layout_map(amap, style=style)
    assert layout_map(amap, style=style) == first
    assert layout_map(shuffled_copy(amap, shuffle_seed), style=style) == first


def test_question_on_top_and_positions_in_a_row_in_outline_order():
    amap, _ = loads_kialo(kialo_text(60, seed=3))
    question = next(s for s in amap.statements() if s.kind.value == "question")
    pos = layout_map(amap, style=COMPACT)
    assert pos[question.id][1] == min(y for _, y in pos.values())
    positions = sorted((s for s in amap.statements() if s.answers == question.id), key=lambda s: (s.order, s.id))
    xs = [pos[s.id][0] for s in positions]
    assert len({pos[s.id][1] for s in positions}) == 1
    assert xs == sorted(xs)


def test_a_1000_statement_debate_laid_out_for_16_9_comes_out_between_1_3_and_2_4():
    amap, _ = loads_kialo(kialo_text(1000))
    w, h = extent(check_shape(amap, COMPACT, 16 / 9))
    assert 1.3 <= w / h <= 2.4


def test_a_taller_aspect_gives_a_taller_drawing():
    amap, _ = loads_kialo(kialo_text(300, seed=11))
    w1, h1 = extent(check_shape(amap, COMPACT, 0.5))
    w2, h2 = extent(check_shape(amap, COMPACT, 3.0))
    assert w1 / h1 < 1.0 < w2 / h2


def test_a_big_synthetic_map_takes_the_fast_path_and_stays_in_shape():
    from synthetic import generate_map

    amap = generate_map(4000, with_positions=False)
    boxes = check_shape(amap, COMPACT, 16 / 9)
    w, h = extent(boxes)
    assert 1.0 <= w / h <= 3.2


def _corpus_files() -> list[Path]:
    if not CORPUS.is_dir():
        return []
    files = sorted(p for p in CORPUS.rglob("*") if p.is_file() and p.suffix in {".json", ".argdown", ".graphml", ".txt"})
    return [p for p in files if p.name not in {"manifest.json"} and "README" not in p.name][:40]


@pytest.mark.parametrize("path", _corpus_files(), ids=lambda p: p.name)
def test_imported_real_maps_in_every_style(path):
    try:
        amap, _ = read_any(path)
    except FileFormatError:
        pytest.skip("not a map argmap reads")
    if not amap.statements():
        pytest.skip("empty")
    for style in STYLES:
        check_shape(amap, style, 16 / 9)
        assert layout_map(amap, style=style) == layout_map(amap, style=style)


def test_unknown_style_and_bad_aspect_are_refused():
    amap = random_map(1, 5)
    with pytest.raises(ValueError, match="style"):
        layout_map(amap, style="diagonal")
    with pytest.raises(ValueError, match="aspect"):
        layout_map(amap, style=COMPACT, aspect=0.0)
