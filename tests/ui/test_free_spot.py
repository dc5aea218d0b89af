"""New cards never overlap placed ones: ``free_spot`` with the canvas's grid as its
spatial index finds the same place as a scan of every card, and the window places new
children without overlap on a crowded map."""

from __future__ import annotations

import random

from argmap.model import ArgumentMap, Statement, StatementKind
from argmap.ui import edit_ops
from argmap.ui.canvas.scene import MapScene
from argmap.ui.document import Document
from tests.ui.window_support import OFFSCREEN_NOISE, dialogs, isolated_env, make_window  # noqa: F401

pytestmark = OFFSCREEN_NOISE


def _crowded(rng: random.Random, n: int = 150) -> ArgumentMap:
    amap = ArgumentMap()
    for i in range(n):
        text = " ".join("word" for _ in range(rng.randint(2, 40)))
        pos = (rng.uniform(-300, 2500), rng.uniform(-300, 1800))
        amap.add_statement(Statement(f"s{i}", StatementKind.CLAIM, text, pos=pos))
    return amap


def _overlaps(a, b) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


def scene_size_of(scene: MapScene):
    def size_of(s: Statement) -> tuple[float, float]:
        r = scene.card_rect_of(s.id)
        return (r.width(), r.height())

    return size_of


def test_grid_lookup_finds_what_a_full_scan_finds(qtbot):
    rng = random.Random(4)
    amap = _crowded(rng)
    scene = MapScene(amap)
    size_of = scene_size_of(scene)
    for _ in range(40):
        x, y, w, h = rng.uniform(-500, 2600), rng.uniform(-500, 2000), rng.uniform(1, 900), rng.uniform(1, 600)
        expected = sorted(r for r in edit_ops._rects(amap, size_of) if _overlaps(r, (x, y, w, h)))
        assert sorted(scene.card_rects_in(x, y, w, h)) == expected
    for _ in range(30):
        near = (rng.uniform(-300, 2500), rng.uniform(-300, 1800))
        fast = edit_ops.free_spot(amap, near, size_of=size_of, obstacles=scene.card_rects_in)
        assert fast == edit_ops.free_spot(amap, near, size_of=size_of)
        new = (*fast, *edit_ops.DEFAULT_SIZE)
        assert not any(_overlaps(new, r) for r in edit_ops._rects(amap, size_of))
    scene.detach()


def test_window_adds_cards_without_overlap_or_a_scan_of_every_card(make_window, monkeypatch):
    rng = random.Random(9)
    amap = _crowded(rng, 120)
    w = make_window()
    w.set_document(Document(amap))

    def scan(*_a, **_k):
        raise AssertionError("a scan of every card")

    monkeypatch.setattr(edit_ops, "_rects", scan)
    for sid in ("s3", "s40", "s77", "s3", "s3"):
        w.select([sid])
        w.commands.insert_support()
        w.scene._finish_editing(commit=False)
    w.select([])
    w.commands.insert_support()  # nothing selected: an unconnected claim under the map
    w.scene._finish_editing(commit=False)
    rects = [(r.x(), r.y(), r.width(), r.height()) for r in (w.scene.card_rect_of(s.id) for s in amap.statements())]
    new = [s.id for s in amap.statements() if not s.id.startswith("s") or not s.id[1:].isdigit() or int(s.id[1:]) >= 120]
    assert len(new) == 6
    for sid in new:
        r = w.scene.card_rect_of(sid)
        mine = (r.x(), r.y(), r.width(), r.height())
        assert sum(_overlaps(mine, other) for other in rects) == 1  # itself only
