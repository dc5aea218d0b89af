"""Exports do not depend on Python's hash seed: the example map gives the same PNG and SVG
bytes (and PDF drawing) in processes with different ``PYTHONHASHSEED``; arrow tiles paint
in id order; link refreshes run targets first, whatever order a set hands them over in."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from argmap.model import ArgumentMap, Link, LinkKind, MapMeta, Statement, StatementKind, connect, disconnect
from argmap.ui.canvas.records import ArrowRec
from argmap.ui.canvas.scene import MapScene
from tests.conftest import EXAMPLE, REPO

K = StatementKind

EXPORT_SCRIPT = r"""
import sys
from pathlib import Path
from argmap.formats import load_project
from argmap.ui.render.export import ExportOptions, ensure_app, render_bytes
app = ensure_app()
amap = load_project(sys.argv[1]).map
out = Path(sys.argv[2])
for fmt in ("png", "svg", "pdf"):
    (out / ("map." + fmt)).write_bytes(render_bytes(amap, fmt, ExportOptions()))
"""


def _export_in_process(seed: str, out: Path) -> dict[str, bytes]:
    out.mkdir()
    env = dict(os.environ, PYTHONHASHSEED=seed, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-c", EXPORT_SCRIPT, str(EXAMPLE), str(out)],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return {fmt: (out / f"map.{fmt}").read_bytes() for fmt in ("png", "svg", "pdf")}


def _pdf_drawing(data: bytes) -> list[bytes]:
    """The PDF's streams, inflated, without the XMP metadata (it holds the time of the
    export), sorted (Qt embeds fonts in its own hash order)."""
    streams = []
    for match in re.finditer(rb"stream\r?\n(.*?)endstream", data, re.S):
        raw = match.group(1)
        try:
            raw = zlib.decompress(raw)
        except zlib.error:
            pass
        if b"<?xpacket" not in raw:
            streams.append(raw)
    return sorted(streams)


def test_exports_are_identical_under_different_hash_seeds(tmp_path):
    first = _export_in_process("1", tmp_path / "one")
    second = _export_in_process("2", tmp_path / "two")
    assert first["png"][:8] == b"\x89PNG\r\n\x1a\n"
    assert first["png"] == second["png"], "the PNG's pixels depend on PYTHONHASHSEED"
    assert b"<svg" in first["svg"]
    assert first["svg"] == second["svg"], "the SVG's drawing order depends on PYTHONHASHSEED"
    drawing = _pdf_drawing(first["pdf"])
    assert drawing
    assert drawing == _pdf_drawing(second["pdf"]), "the PDF's drawing depends on PYTHONHASHSEED"


def _fan_in_map(n: int) -> ArgumentMap:
    """``n`` claims in a row, each supporting (even) or attacking (odd) one position."""
    statements = [Statement("t", K.POSITION, "Target", pos=(0.0, 0.0))]
    links = []
    for i in range(n):
        sid = f"s{i:02d}"
        statements.append(Statement(sid, K.CLAIM, f"Premise {i}", pos=(i * 40.0 - n * 20.0, 400.0)))
        links.append(Link(f"l{i:02d}", LinkKind.SUPPORT if i % 2 == 0 else LinkKind.ATTACK, (sid,), "t"))
    return ArgumentMap.from_parts(MapMeta(title="fan"), statements, links)


def test_arrow_tiles_paint_in_id_order_and_follow_changes(qtbot):
    amap = _fan_in_map(12)
    scene = MapScene(amap)
    try:
        scene.index.materialise(scene.content_rect())
        tile = next(t for t in scene.index.tiles.values() if "l00" in t.arrows)
        order = tile.order()
        assert order == sorted(tile.arrows) and len(order) >= 2
        assert tile.order() is order  # sorted once, not at every paint
        connect(amap, ["s03"], "l00", "attack", link_id="a-new").apply(amap)  # crosses the tile
        assert "a-new" in tile.arrows
        assert tile.order() == sorted(tile.arrows) and tile.order()[0] == "a-new"
        disconnect(amap, "l00").apply(amap)  # takes its undercut along
        assert "l00" not in tile.order() and "a-new" not in tile.order()
        assert tile.order() == sorted(tile.arrows)
    finally:
        scene.detach()


def test_hiding_refreshes_a_link_before_the_links_aiming_at_it(qtbot):
    """Hiding p hides l1 and unhiding q would show l2, but l2 aims at l1: l2 must stay
    hidden whichever of the two changed links comes first."""
    statements = [
        Statement("x", K.POSITION, "X", pos=(0.0, 0.0)),
        Statement("p", K.CLAIM, "P", pos=(0.0, 300.0)),
        Statement("q", K.REBUTTAL, "Q", pos=(400.0, 300.0)),
    ]
    links = [Link("l1", LinkKind.SUPPORT, ("p",), "x"), Link("l2", LinkKind.ATTACK, ("q",), "l1")]
    amap = ArgumentMap.from_parts(MapMeta(title="undercut"), statements, links)
    scene = MapScene(amap)
    try:
        scene.set_hidden({"q"})
        assert scene.is_shown("l1") and not scene.is_shown("l2")
        scene.set_hidden({"p"})  # l1 and l2 change together (in a set)
        assert not scene.is_shown("l1") and not scene.is_shown("l2")
        scene.set_hidden({"q"})
        scene._hidden = frozenset({"p"})  # the same change, handed over undercut first
        scene._recs["p"].shown, scene._recs["q"].shown = False, True
        scene._refresh_links(["l2", "l1"])
        assert not scene.is_shown("l1") and not scene.is_shown("l2")
        scene.set_hidden(set())
        l1, l2 = scene._recs["l1"], scene._recs["l2"]
        assert isinstance(l2, ArrowRec) and l2.shown and l2.valid
        ux, uy = l2.dir
        assert l2.tip == pytest.approx((l1.anchor[0] - ux * 1.5, l1.anchor[1] - uy * 1.5))
    finally:
        scene.detach()
