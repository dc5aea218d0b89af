"""Write-then-read round trips: argmap -> AIF / Argdown / GraphML -> argmap keeps the same
statements, kinds, links, co-premise groups and undercuts (property tests)."""

from __future__ import annotations

import sys
from pathlib import Path

from hypothesis import HealthCheck, given, settings

from argmap.formats.aif import dumps_aif, loads_aif
from argmap.formats.argdown_read import loads_argdown
from argmap.formats.argdown_write import dumps_argdown
from argmap.formats.graphml import dumps_graphml, loads_graphml
from argmap.formats.interchange import read_any, write_any
from argmap.model import ArgumentMap, Link, LinkKind, MapMeta, Statement, StatementKind
from tests.formats.interchange_helpers import canonical, small_maps

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from synthetic import generate_map  # noqa: E402

_SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_SETTINGS
@given(small_maps())
def test_aif_round_trip_random(amap: ArgumentMap) -> None:
    data, _ = dumps_aif(amap)
    back, report = loads_aif(data)
    assert canonical(back) == canonical(amap)
    assert report.statements == len(amap.statements())


@_SETTINGS
@given(small_maps())
def test_argdown_round_trip_random(amap: ArgumentMap) -> None:
    text, _ = dumps_argdown(amap)
    back, _ = loads_argdown(text)
    assert canonical(back) == canonical(amap), text


@_SETTINGS
@given(small_maps())
def test_graphml_round_trip_random(amap: ArgumentMap) -> None:
    data, _ = dumps_graphml(amap)
    back, _ = loads_graphml(data)
    assert canonical(back) == canonical(amap)


def test_synthetic_map_round_trips_through_every_writable_format(tmp_path: Path) -> None:
    amap = generate_map(300)
    for name in ("x.json", "x.argdown", "x.graphml", "x.argmap.json"):
        write_any(amap, tmp_path / name)
        back, _ = read_any(tmp_path / name)
        assert canonical(back) == canonical(amap), name


def test_aif_keeps_positions_ids_and_meta() -> None:
    amap = generate_map(50)
    back, _ = loads_aif(dumps_aif(amap)[0])
    assert back == amap  # ids, positions, metadata: everything


def test_graphml_keeps_positions() -> None:
    amap = generate_map(50)
    back, _ = loads_graphml(dumps_graphml(amap)[0])
    assert {s.id: s.pos for s in back.statements()} == {s.id: s.pos for s in amap.statements()}


def test_argdown_round_trip_of_undercut_of_attack_and_co_premise_attack() -> None:
    s = [Statement(f"s{i}", StatementKind.CLAIM, f"Text number {i}") for i in range(5)]
    links = [
        Link("a", LinkKind.SUPPORT, ("s1", "s2"), "s0"),
        Link("b", LinkKind.ATTACK, ("s3",), "a"),
        Link("c", LinkKind.ATTACK, ("s4",), "b"),
        Link("d", LinkKind.ATTACK, ("s3", "s4"), "s0"),
    ]
    amap = ArgumentMap.from_parts(MapMeta(title="t"), s, links)
    text, _ = dumps_argdown(amap)
    back, _ = loads_argdown(text)
    assert canonical(back) == canonical(amap)
    assert "(1) [" in text and "_> <" in text
