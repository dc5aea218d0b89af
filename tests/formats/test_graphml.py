"""GraphML: write/read back, what yEd and Gephi need, and hostile XML refused quickly."""

from __future__ import annotations

import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from argmap.formats import FileFormatError
from argmap.formats.errors import UnreadableFileError, WrongFormatError
from argmap.formats.graphml import NS, dumps_graphml, loads_graphml
from argmap.formats.interchange import read_any
from tests.formats.interchange_helpers import canonical

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from synthetic import generate_map  # noqa: E402


def test_write_read_back_keeps_everything_structural() -> None:
    amap = generate_map(120)
    data, report = dumps_graphml(amap)
    back, _ = loads_graphml(data)
    assert canonical(back) == canonical(amap)
    assert {s.id: s.pos for s in back.statements()} == {s.id: s.pos for s in amap.statements()}
    assert back.meta.title == amap.meta.title and report.statements == len(amap.statements())


def test_output_is_plain_graphml_with_named_keys() -> None:
    data, _ = dumps_graphml(generate_map(20))
    root = ET.fromstring(data)
    names = {k.get("attr.name") for k in root.iter(f"{{{NS}}}key")}
    assert {"label", "kind", "text", "x", "y", "type"} <= names
    graph = root.find(f"{{{NS}}}graph")
    assert graph is not None and graph.get("edgedefault") == "directed"
    ids = {n.get("id") for n in graph.iter(f"{{{NS}}}node")}
    assert all(e.get("source") in ids and e.get("target") in ids for e in graph.iter(f"{{{NS}}}edge"))


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph><node id="a"><data key="d">&lol3;</data></node></graph></graphml>"""

EXTERNAL = b"""<?xml version="1.0"?>
<!DOCTYPE g [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph><node id="a"><data key="d">&xxe;</data></node></graph></graphml>"""


@pytest.mark.parametrize("data", [BILLION_LAUGHS, EXTERNAL, b'<!doctype graphml SYSTEM "http://example.org/x.dtd"><graphml/>'])
def test_hostile_xml_is_refused_quickly(data: bytes) -> None:
    start = time.perf_counter()
    with pytest.raises(UnreadableFileError, match=r"evil\.graphml: line \d+: .*(DOCTYPE|ENTITY)"):
        loads_graphml(data, "evil.graphml")
    assert time.perf_counter() - start < 0.5


def test_undefined_entity_and_broken_xml_name_the_line() -> None:
    with pytest.raises(UnreadableFileError, match="line 2"):
        loads_graphml(b'<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n<graph>&nope;</graph></graphml>', "x.graphml")
    with pytest.raises(UnreadableFileError, match="not well-formed"):
        loads_graphml(b"<graphml><graph>", "x.graphml")


def test_other_xml_is_refused(tmp_path: Path) -> None:
    with pytest.raises(WrongFormatError):
        loads_graphml(b"<svg/>", "x.graphml")
    path = tmp_path / "x.xml"
    path.write_bytes(b"<svg/>")
    with pytest.raises(FileFormatError, match="not GraphML"):
        read_any(path)


def test_plain_graph_edges_become_supports_and_labels_texts() -> None:
    data = b"""<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
<key id="k" for="node" attr.name="label" attr.type="string"/>
<graph edgedefault="directed"><node id="a"><data key="k">Alpha</data></node><node id="b"><data key="k">Beta</data></node>
<edge source="a" target="b"/><edge source="a" target="zz"/></graph></graphml>"""
    amap, report = loads_graphml(data, "p.graphml")
    assert {s.text for s in amap.statements()} == {"Alpha", "Beta"}
    (link,) = amap.links()
    assert link.premises == ("a",) and link.target == "b"
    assert report.find("missing nodes") is not None


def test_positions_are_joined_to_their_question_and_read_back_as_no_link(example_path) -> None:
    """Viewers (yEd, Gephi) draw the question joined to its positions; reading the file
    back makes no link of those edges (the positions' own data says what they answer)."""
    from argmap.formats import load_project

    amap = load_project(example_path).map
    data, _ = dumps_graphml(amap)
    root = ET.fromstring(data)
    relation_key = next(k.get("id") for k in root.iter(f"{{{NS}}}key") if k.get("attr.name") == "relation")
    answers = {
        (e.get("source"), e.get("target"))
        for e in root.iter(f"{{{NS}}}edge")
        if any(d.get("key") == relation_key and d.text == "answers" for d in e)
    }
    positions = {(s.id, s.answers) for s in amap.statements() if s.answers}
    assert answers == positions and len(positions) == 3
    back, _ = loads_graphml(data)
    assert canonical(back) == canonical(amap)
