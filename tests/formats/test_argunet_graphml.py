"""Argunet GraphML (yFiles GraphML with Argunet's ``arg:`` data): supports, attacks and
their sketched forms keep their kind (issue 14: every attack used to become a support)."""

from __future__ import annotations

from pathlib import Path

import pytest

from argmap.formats.graphml import loads_graphml
from argmap.formats.interchange import read_any
from argmap.model import LinkKind

CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus" / "graphml" / "argunet" / "Konsultation.graphml"


def _argunet(edges: list[tuple[str, str, str]]) -> bytes:
    nodes = "".join(
        f'<node id="{n}"><data key="d2"><arg:thesis id="{n}"/></data><data key="d3"><y:ShapeNode>'
        f'<y:Geometry height="40" width="120" x="{i * 200}" y="0"/><y:NodeLabel>Statement {n}</y:NodeLabel>'
        f"</y:ShapeNode></data></node>"
        for i, n in enumerate(["a", "b", "c", "d", "e"])
    )
    body = "".join(
        f'<edge id="e{i}" source="{s}" target="{t}"><data key="d4"><arg:edge sourceNodeId="1" '
        f'targetNodeId="2" type="{kind}"/></data></edge>'
        for i, (s, t, kind) in enumerate(edges)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
        'xmlns:arg="http://www.argunet.org/xml/argml" xmlns:y="http://www.yworks.com/xml/graphml">'
        '<key attr.name="arg.debate" id="d0"/><key attr.name="arg.node" for="node" id="d2"/>'
        '<key for="node" id="d3" yfiles.type="nodegraphics"/><key attr.name="arg.edge" for="edge" id="d4"/>'
        '<data key="d0"><arg:map><arg:mapTitle>Energy</arg:mapTitle></arg:map></data>'
        f'<graph edgedefault="directed" id="G">{nodes}{body}</graph></graphml>'
    ).encode()


def test_argunet_edge_types_become_supports_and_attacks():
    data = _argunet([("b", "a", "support"), ("c", "a", "attack"), ("d", "c", "sketchedAttack"), ("e", "b", "sketchedSupport")])
    amap, report = loads_graphml(data, "x.graphml")
    text = {s.id: s.text for s in amap.statements()}
    kinds = sorted((text[link.premises[0]], link.kind.value, text[link.target]) for link in amap.links())
    assert kinds == [
        ("Statement b", "support", "Statement a"),
        ("Statement c", "attack", "Statement a"),
        ("Statement d", "attack", "Statement c"),
        ("Statement e", "support", "Statement b"),
    ]
    assert amap.meta.title == "Energy"
    assert report.find("sketched").count == 2


@pytest.mark.skipif(not CORPUS.exists(), reason="the shared corpus is not here")
def test_the_argunet_corpus_map_keeps_its_attacks():
    amap, _ = read_any(CORPUS)
    kinds = [link.kind for link in amap.links()]
    assert kinds.count(LinkKind.ATTACK) == 11  # 8 attack + 3 sketchedAttack edges in the file
    assert kinds.count(LinkKind.SUPPORT) == 52
