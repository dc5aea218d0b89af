"""Issue 14 hostile files, at the library level the app uses: non-regular files, huge
integers, positions out of range, wrong types, duplicate keys."""

from __future__ import annotations

import json
import os

import pytest

from argmap.formats import ViewState, load_project, save_project
from argmap.formats.argdown_read import loads_argdown
from argmap.formats.errors import FileFormatError, InvalidContentError, UnreadableFileError
from argmap.formats.interchange import read_any
from argmap.formats.reading import read_bytes
from argmap.formats.xml_safe import parse_xml_safely
from argmap.layout import with_layout
from argmap.model import MAX_COORDINATE, ArgumentMap, MapMeta, Statement, StatementKind


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this system")
def test_read_bytes_refuses_a_fifo_without_blocking(tmp_path):
    fifo = tmp_path / "x.argmap.json"
    os.mkfifo(fifo)
    for reader in (read_bytes, load_project, read_any):
        with pytest.raises(UnreadableFileError, match="named pipe"):
            reader(fifo)


def test_read_bytes_refuses_a_device():
    if not os.path.exists("/dev/null"):
        pytest.skip("no /dev/null")
    with pytest.raises(UnreadableFileError, match="device"):
        read_bytes("/dev/null")


def test_load_project_names_a_huge_integer(tmp_path):
    p = tmp_path / "big.argmap.json"
    p.write_text('{"format": "argmap", "schema_version": 1, "metadata": {"extras": {"n": ' + "1" * 4301 + "}}}")
    with pytest.raises(UnreadableFileError, match="4,300 digits at line 1"):
        load_project(p)


def test_argdown_data_with_a_huge_integer_keeps_it_as_text():
    amap, _ = loads_argdown("[A]: a statement {order: " + "9" * 5000 + "}\n")
    assert [s.text for s in amap.statements()] == ["a statement"]


_ENTITY_BOMB = (
    '<?xml version="1.0" encoding="{enc}"?>\n'
    '<!DOCTYPE graphml [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>\n'
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph edgedefault="directed">'
    '<node id="n1"><data key="text">&b;&b;&b;</data></node></graph></graphml>\n'
)


@pytest.mark.parametrize("fmt", ["graphml", "carneades", None])
@pytest.mark.parametrize("enc", ["utf-8", "utf-16", "utf-16-le", "utf-16-be"])
def test_xml_with_a_doctype_is_refused_whatever_the_encoding_and_reader(tmp_path, fmt, enc):
    declared = "UTF-16" if enc.startswith("utf-16") else "UTF-8"
    data = _ENTITY_BOMB.format(enc=declared).encode(enc)
    if enc == "utf-16-le":
        data = b"\xff\xfe" + data
    elif enc == "utf-16-be":
        data = b"\xfe\xff" + data
    p = tmp_path / "bomb.graphml"
    p.write_bytes(data)
    with pytest.raises(FileFormatError) as info:
        read_any(p, fmt)
    # Refused before any entity is expanded: by name, or (Carneades, auto-detection)
    # as UTF-16 text those readers do not take.
    assert "DOCTYPE" in str(info.value) or fmt != "graphml" and "XML tag" in str(info.value) or "UTF-16" in str(info.value)
    assert "aaaaaaaaaa" not in str(info.value)


def test_xml_safe_names_the_line_of_bad_xml():
    with pytest.raises(UnreadableFileError, match="line 2"):
        parse_xml_safely(b"<a>\n<b></a>", "x.xml")


def _project(statement: dict | None = None, view: dict | None = None, raw: str | None = None) -> bytes:
    if raw is not None:
        return raw.encode()
    doc = {
        "format": "argmap",
        "schema_version": 1,
        "statements": [{"id": "a", "kind": "claim", "text": "A", "pos": [0.0, 0.0], **(statement or {})}],
    }
    if view is not None:
        doc["view"] = view
    return json.dumps(doc).encode()


@pytest.mark.parametrize(
    ("data", "where"),
    [
        (_project({"pos": [True, False]}), "statements[0] (id 'a').pos[0]"),
        (_project({"credence": "50"}), "statements[0] (id 'a').credence"),
        (_project({"order": "1"}), "statements[0] (id 'a').order"),
        (_project({"text": 5}), "statements[0] (id 'a').text"),
        (_project(view={"zoom": "1.0"}), "view.zoom"),
        (_project(view={"show_labels": "yes"}), "view.show_labels"),
        (_project(view={"show_labels": 1}), "view.show_labels"),
        (_project(view={"center": [True, 0]}), "view.center[0]"),
    ],
)
def test_wrong_types_are_refused_naming_the_field(tmp_path, data, where):
    p = tmp_path / "m.argmap.json"
    p.write_bytes(data)
    with pytest.raises(InvalidContentError) as info:
        load_project(p)
    assert info.value.where.startswith(where), info.value


def test_right_types_still_load(tmp_path):
    p = tmp_path / "m.argmap.json"
    p.write_bytes(_project({"credence": 50, "order": 1, "pos": [1, 2]}, view={"zoom": 2, "show_labels": True}))
    project = load_project(p)
    (s,) = project.map.statements()
    assert (s.credence, s.order, s.pos, project.view.zoom, project.view.show_labels) == (50, 1.0, (1.0, 2.0), 2.0, True)


@pytest.mark.parametrize(
    "raw",
    [
        '{"format": "argmap", "schema_version": 1, "statements": [{"id": "a", "kind": "claim", "text": "A", "text": "B"}]}',
        '{"format": "argmap", "schema_version": 1, "schema_version": 1}',
        '{"format": "argmap", "schema_version": 1, "metadata": {"extras": {"k": 1, "k": 2}}}',
        '{"format": "argmap", "schema_version": 1, "view": {"zoom": 1.0, "zoom": 2.0}}',
    ],
)
def test_duplicate_keys_are_refused(tmp_path, raw):
    p = tmp_path / "m.argmap.json"
    p.write_text(raw)
    with pytest.raises(UnreadableFileError, match="appears twice"):
        load_project(p)


def test_duplicate_keys_in_aif_are_refused(tmp_path):
    p = tmp_path / "m.json"
    p.write_text('{"nodes": [{"nodeID": "1", "text": "a", "text": "b", "type": "I"}], "edges": []}')
    with pytest.raises(UnreadableFileError, match="'text' appears twice"):
        read_any(p)


@pytest.mark.parametrize("pos", [[1e18, 0], [0, -1e18], [1e8 + 1, 0]])
def test_positions_outside_the_coordinate_range_are_refused(tmp_path, pos):
    p = tmp_path / "m.argmap.json"
    p.write_bytes(_project({"pos": pos}))
    with pytest.raises(InvalidContentError, match="within ±1e\\+08") as info:
        load_project(p)
    assert "id 'a'" in str(info.value) and "m.argmap.json" in str(info.value)


def test_positions_at_the_edge_of_the_range_load(tmp_path):
    p = tmp_path / "m.argmap.json"
    p.write_bytes(_project({"pos": [MAX_COORDINATE, -MAX_COORDINATE]}))
    (s,) = load_project(p).map.statements()
    assert s.pos == (MAX_COORDINATE, -MAX_COORDINATE)


def test_foreign_positions_outside_the_range_are_laid_out_again(tmp_path):
    p = tmp_path / "m.json"
    p.write_text(json.dumps({
        "nodes": [{"nodeID": "1", "text": "a", "type": "I"}, {"nodeID": "2", "text": "b", "type": "I"}],
        "edges": [],
        "OVA": {"nodes": [{"nodeID": "1", "x": 1e18, "y": 0}, {"nodeID": "2", "x": 10, "y": 20}]},
    }))
    amap, report = read_any(p)
    positions = {s.text: s.pos for s in amap.statements()}
    assert positions["b"] == (10.0, 20.0)
    assert positions["a"] is None  # dropped: placed again by whoever uses the map
    (placed,) = [s.pos for s in with_layout(amap).statements() if s.text == "a"]
    assert placed is not None and abs(placed[0]) <= MAX_COORDINATE
    note = report.find("coordinate range")
    assert note is not None and note.count == 1 and "1e+18" in note.examples[0]


def test_a_view_centre_outside_the_range_is_refused_and_never_written(tmp_path):
    p = tmp_path / "m.argmap.json"
    p.write_bytes(_project(view={"center": [0, 1e18]}))
    with pytest.raises(InvalidContentError, match="view.center"):
        load_project(p)
    amap = ArgumentMap.from_parts(MapMeta(), [Statement("a", StatementKind.CLAIM, "A", pos=(0.0, 0.0))], [])
    save_project(p, amap, ViewState(center=(1e18, 0.0)))
    assert load_project(p).view.center is None


def test_foreign_maps_over_the_size_limit_are_refused(tmp_path, monkeypatch):
    from argmap.formats import reading

    monkeypatch.setattr(reading, "MAX_MAP_ITEMS", 5)
    p = tmp_path / "m.argdown"
    p.write_text("[A]: a\n  + [B]: b\n  + [C]: c\n  - [D]: d\n")
    with pytest.raises(UnreadableFileError, match="more than the 5 argmap handles"):
        read_any(p)
