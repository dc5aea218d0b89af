"""Arrange menu: Auto-layout (compact, shaped like the window), Compact, Classic and
Left-to-Right layouts, each one undo step; arrows from cards beside their target leave
from the side and pass under no card."""

from __future__ import annotations

import pytest

from argmap.layout import CLASSIC, COMPACT, LEFT_RIGHT, layout_map
from argmap.model import ArgumentMap
from argmap.ui.canvas.arrow_layer import clip_line
from argmap.ui.canvas.records import ArrowRec, CardRec, answer_link
from tests.ui.window_support import (  # noqa: F401 - fixtures
    OFFSCREEN_NOISE,
    dialogs,
    isolated_env,
    make_window,
    open_copy,
)

pytestmark = OFFSCREEN_NOISE


@pytest.mark.parametrize(
    ("slot", "style", "label"),
    [
        ("arrange_layout_all", COMPACT, "Auto-layout"),
        ("arrange_layout_compact", COMPACT, "Compact layout"),
        ("arrange_layout_classic", CLASSIC, "Classic layout"),
        ("arrange_layout_left_right", LEFT_RIGHT, "Left-to-right layout"),
    ],
)
def test_each_arrange_style_is_one_undo_step(make_window, tmp_path, example_path, qtbot, slot, style, label):
    w = make_window()
    w.resize(1400, 800)
    w.show()
    qtbot.waitExposed(w)
    w.files.open_path(str(open_copy(tmp_path, example_path)))
    doc = w.document
    amap = doc.map
    before = {s.id: s.pos for s in amap.statements()}
    # scatter the cards first, so that every style has work to do
    w.commands.arrange_layout_classic() if style != CLASSIC else w.commands.arrange_layout_left_right()
    scattered = {s.id: s.pos for s in amap.statements()}
    count = doc.undo_stack.count()
    getattr(w.commands, slot)()
    assert doc.undo_stack.count() == count + 1
    assert doc.undo_stack.undoText() == label
    expected = layout_map(amap, size_of=w.commands.size_of, style=style, aspect=w.commands.view_aspect())
    assert {s.id: s.pos for s in amap.statements()} == expected
    doc.undo_stack.undo()
    assert {s.id: s.pos for s in amap.statements()} == scattered
    doc.undo_stack.undo()
    assert {s.id: s.pos for s in amap.statements()} == before


def test_auto_layout_follows_the_window_shape(make_window, tmp_path, example_path, qtbot):
    w = make_window()
    w.show()
    qtbot.waitExposed(w)
    w.files.open_path(str(open_copy(tmp_path, example_path)))
    shapes = []
    for size in ((1500, 700), (700, 1100)):
        w.resize(*size)
        qtbot.wait(20)
        w.commands.arrange_layout_all()
        xs = [s.pos[0] for s in w.document.map.statements()]
        ys = [s.pos[1] for s in w.document.map.statements()]
        shapes.append((max(xs) - min(xs) + 260) / (max(ys) - min(ys) + 150))
    assert shapes[0] > shapes[1]


def _arrows_under_cards(amap: ArgumentMap, pos: dict) -> list[tuple[str, str]]:
    """(arrow, card) pairs where a drawn line passes through a card that is neither its
    premise nor its target (the card shrunk by 2 px, so touching edges do not count)."""
    from argmap.model import Statement

    recs: dict = {}
    for s in amap.statements():
        recs[s.id] = CardRec(Statement(s.id, s.kind, s.text, title=s.title, source=s.source), *pos[s.id])
    arrows = [ArrowRec(link) for link in amap.links()]
    arrows += [ArrowRec(answer_link(s.id, s.answers), answer=True) for s in amap.statements() if s.answers]
    by_id = {a.lid: a for a in arrows}
    recs.update(by_id)
    # links first whose targets are statements, then undercuts (they aim at an arrow)
    for a in sorted(arrows, key=lambda a: amap.is_link(a.link.target)):
        a.update_geometry(recs)
    bad = []
    for a in arrows:
        assert a.valid
        ends = set(a.link.premises)
        target = a.link.target
        while amap.is_link(target):
            target = amap.link(target).target
        ends.add(target)
        for x1, y1, x2, y2 in a.lines():
            for sid, card in recs.items():
                if not isinstance(card, CardRec) or sid in ends:
                    continue
                x, y, cw, ch = card.rect()
                if clip_line(x1, y1, x2, y2, x + 2, y + 2, x + cw - 2, y + ch - 2) is not None:
                    bad.append((a.lid, sid))
    return bad


@pytest.mark.parametrize("style", [COMPACT, LEFT_RIGHT, CLASSIC])
def test_arrows_pass_under_no_card_in_the_example(qapp, example_path, style):
    from argmap.formats import load_project
    from argmap.ui.canvas.card_layout import card_size

    amap = load_project(example_path).map
    pos = layout_map(amap, size_of=card_size, style=style, aspect=16 / 9)
    assert _arrows_under_cards(amap, pos) == []


def test_arrows_pass_under_no_card_in_generated_debates(qapp):
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
    from kialo_debate import kialo_text

    from argmap.formats.kialo import loads_kialo
    from argmap.ui.canvas.card_layout import card_size

    for seed in (1, 2, 3):
        amap, _ = loads_kialo(kialo_text(120, seed=seed))
        for aspect in (0.7, 16 / 9):
            pos = layout_map(amap, size_of=card_size, style=COMPACT, aspect=aspect)
            assert _arrows_under_cards(amap, pos) == [], (seed, aspect)


def test_layout_gutters_are_where_the_canvas_draws_side_arrows():
    from argmap.layout.arrange import LR_GAP
    from argmap.layout.compact import COLUMN_DROP, GUTTER, INDENT
    from argmap.ui.canvas.records import INDENT_MAX, INDENT_MIN, SIDE_MAX, SIDE_MIN

    assert SIDE_MIN <= GUTTER <= SIDE_MAX and SIDE_MIN <= LR_GAP + 1 <= SIDE_MAX
    assert COLUMN_DROP >= GUTTER  # the second card of a column is far enough down for a side arrow
    assert INDENT_MIN <= INDENT <= INDENT_MAX
