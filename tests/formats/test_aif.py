"""AIF reading: every irregularity met in real files is repaired or reported; writing
gives valid xAIF with positions in the OVA part."""

from __future__ import annotations

import json
from typing import Any

import pytest

from argmap.layout import with_layout
from argmap.formats import FileFormatError, WrongFormatError
from argmap.formats.aif import dumps_aif, loads_aif
from argmap.model import LinkKind, StatementKind


def _load(doc: Any) -> Any:
    return loads_aif(json.dumps(doc).encode(), "test.json")


def _n(nid: Any, t: str, text: str = "", **kw: Any) -> dict[str, Any]:
    return {"nodeID": nid, "type": t, "text": text or f"node {nid}", **kw}


def _e(f: Any, t: Any, eid: Any = None) -> dict[str, Any]:
    return {"edgeID": eid or f"{f}-{t}", "fromID": f, "toID": t}


BASIC = {
    "nodes": [_n(1, "I"), _n(2, "I"), _n(3, "I"), _n(4, "RA"), _n(5, "I"), _n(6, "CA"), _n(7, "I"), _n(8, "CA")],
    "edges": [_e(1, 4), _e(2, 4), _e(4, 3), _e(5, 6), _e(6, 3), _e(7, 8), _e(8, 4)],
}


def test_co_premises_rebuttal_and_undercut() -> None:
    amap, report = _load(BASIC)
    support = amap.link("4")
    assert support.kind is LinkKind.SUPPORT and set(support.premises) == {"1", "2"} and support.target == "3"
    assert amap.link("6").kind is LinkKind.ATTACK and amap.link("6").target == "3"
    assert amap.link("8").target == "4"  # undercut
    kinds = {s.id: s.kind for s in amap.statements()}
    assert kinds["5"] is StatementKind.REBUTTAL and kinds["7"] is StatementKind.REBUTTAL
    assert kinds["3"] is StatementKind.POSITION and kinds["1"] is StatementKind.CLAIM
    assert report.clean


def test_integer_and_string_ids_compare_as_strings() -> None:
    doc = {"nodes": [_n("1", "I"), _n(2, "I"), _n(3, "RA")], "edges": [_e(1, "3"), _e("3", 2)]}
    amap, _ = _load(doc)
    assert amap.link("3").premises == ("1",) and amap.link("3").target == "2"


def test_xaif_wrapper_with_string_positions_in_ova() -> None:
    doc = {
        "AIF": {"nodes": [_n("a", "I"), _n("b", "I"), _n("r", "RA")], "edges": [_e("a", "r"), _e("r", "b")], "locutions": []},
        "OVA": {"nodes": [{"nodeID": "a", "x": "10.5", "y": "20"}, {"nodeID": "b", "x": 30, "y": 40}], "edges": []},
        "text": "<p>The source text</p>",
    }
    amap, _ = _load(doc)
    assert amap.statement("a").pos == (10.5, 20.0) and amap.statement("b").pos == (30.0, 40.0)
    data, _ = dumps_aif(amap)
    out = json.loads(data)
    assert out["text"] == "<p>The source text</p>"
    assert {n["nodeID"]: (n["x"], n["y"]) for n in out["OVA"]["nodes"]} == {"a": (10.5, 20.0), "b": (30.0, 40.0)}


def test_dialogue_nodes_are_reported_and_kept_for_export() -> None:
    doc = {
        "nodes": [_n(1, "I"), _n(2, "I"), _n(3, "RA"), _n(10, "L"), _n(11, "YA"), _n(12, "TA"), _n(13, "MA"), _n(14, "PA")],
        "edges": [_e(1, 3), _e(3, 2), _e(10, 11), _e(11, 1), _e(13, 2)],
        "locutions": [{"nodeID": "10", "personID": "1"}, {"nodeID": "10", "personID": "1", "timestamp": "later"}],
    }
    amap, report = _load(doc)
    assert len(amap.statements()) == 2 and len(amap.links()) == 1
    assert report.find("L nodes").count == 1 and report.find("MA nodes").count == 1 and report.find("PA nodes").count == 1
    assert report.find("duplicate locutions").count == 1
    out = json.loads(dumps_aif(amap)[0])["AIF"]
    assert {n["type"] for n in out["nodes"]} >= {"L", "YA", "TA", "MA", "PA"}
    assert any(str(e["fromID"]) == "13" and str(e["toID"]) == "2" for e in out["edges"])
    assert len(out["locutions"]) == 1


def test_empty_map_and_missing_locutions() -> None:
    amap, report = _load({"nodes": [], "edges": []})
    assert len(amap) == 0 and report.statements == 0


@pytest.mark.parametrize(
    "doc, fragment",
    [
        ({"nodes": [_n(1, "I"), _n(2, "RA")], "edges": [_e(2, 1)]}, "RA nodes with no premise"),
        ({"nodes": [_n(1, "I"), _n(2, "CA")], "edges": [_e(1, 2)]}, "CA nodes with no conclusion"),
        ({"nodes": [_n(1, "I"), _n(2, "I")], "edges": [_e(1, 2), _e(1, 99)]}, "edges to or from missing nodes"),
        ({"nodes": [_n(1, "I"), _n(1, "I", "again"), _n(2, "I")], "edges": []}, "duplicate node ids"),
        ({"nodes": [_n(1, "I"), _n(2, "I"), _n(3, "RA")], "edges": [_e(1, 3), _e(1, 3, "x"), _e(3, 2)]}, "duplicate edges"),
    ],
)
def test_broken_relations_are_reported(doc: dict[str, Any], fragment: str) -> None:
    amap, report = _load(doc)
    assert report.find(fragment) is not None, report.lines()
    assert all(link.premises and link.target for link in amap.links())


def test_two_conclusions_are_split_and_direct_edges_read_as_support() -> None:
    doc = {"nodes": [_n(1, "I"), _n(2, "I"), _n(3, "I"), _n(4, "RA"), _n(5, "I")], "edges": [_e(1, 4), _e(4, 2), _e(4, 3), _e(5, 1)]}
    amap, report = _load(doc)
    targets = sorted(link.target for link in amap.links() if link.premises == ("1",))
    assert targets == ["2", "3"]
    assert report.find("several conclusions").count == 1
    direct = [link for link in amap.links() if link.premises == ("5",)]
    assert direct and direct[0].kind is LinkKind.SUPPORT and direct[0].target == "1"
    assert report.find("direct edges").count == 1


def test_long_texts_are_kept_whole() -> None:
    text = "word " * 400
    amap, _ = _load({"nodes": [_n(1, "I", text)], "edges": []})
    assert amap.statement("1").text == text.strip() and len(text) > 1000


def test_attack_cycles_are_dropped_not_crashing() -> None:
    doc = {"nodes": [_n(1, "I"), _n(2, "I"), _n(3, "CA"), _n(4, "CA")], "edges": [_e(1, 3), _e(3, 4), _e(2, 4), _e(4, 3)]}
    amap, report = _load(doc)
    assert report.find("cycle") is not None
    assert len(amap.links()) < 2


def test_attacks_on_a_dropped_relation_node_are_left_out() -> None:
    # CA 4 has no premise, so CA 5 (aimed at it) is left out too; CA 6 stays
    doc = {
        "nodes": [_n(1, "I"), _n(2, "I"), _n(3, "I"), _n(4, "CA"), _n(5, "CA"), _n(6, "CA")],
        "edges": [_e(4, 1), _e(2, 5), _e(5, 4), _e(3, 6), _e(6, 1)],
    }
    amap, report = _load(doc)
    assert [(link.premises, link.target) for link in amap.links()] == [(("3",), "1")]
    assert report.find("relation nodes that were left out") is not None


def test_kept_node_examples_are_the_first_in_the_file() -> None:
    doc = {"nodes": [_n(1, "I"), _n("l9", "L"), _n("l1", "L"), _n("l5", "L")], "edges": []}
    _, report = _load(doc)
    note = report.find("L nodes")
    assert note.count == 3 and note.examples == ["l9"]


@pytest.mark.parametrize(
    "data, fragment",
    [
        (b"[1, 2]", "not AIF"),
        (b'{"nodes": "x", "edges": []}', "not AIF"),
        (b'{"nodes": [], "edges": 5}', "edges"),
        (b'{"nodes": [', "truncated"),
    ],
)
def test_bad_files_give_typed_errors(data: bytes, fragment: str) -> None:
    with pytest.raises(FileFormatError, match=fragment) as info:
        loads_aif(data, "bad.json")
    assert "bad.json" in str(info.value)


def test_written_aif_is_valid() -> None:
    amap, _ = _load(BASIC)
    out = json.loads(dumps_aif(amap)[0])["AIF"]
    types = {n["nodeID"]: n["type"] for n in out["nodes"]}
    for nid, t in types.items():
        if t in ("RA", "CA"):
            ins = [e for e in out["edges"] if e["toID"] == nid and types[e["fromID"]] == "I"]
            outs = [e for e in out["edges"] if e["fromID"] == nid]
            assert ins and len(outs) == 1


def test_wrong_json_is_refused() -> None:
    with pytest.raises(WrongFormatError):
        loads_aif(b'{"format": "argmap"}', "x.json")


def test_statements_without_positions_are_laid_out_around_placed_ones() -> None:
    doc = {
        "nodes": [_n("a", "I", x=500, y=500), _n("b", "I"), _n("c", "I"), _n("r", "RA")],
        "edges": [_e("b", "r"), _e("c", "r"), _e("r", "a")],
    }
    loaded, _ = _load(doc)
    assert loaded.statement("b").pos is None  # readers keep what the file says; placing is the caller's
    amap = with_layout(loaded)
    assert amap.statement("a").pos == (500.0, 500.0)
    assert all(s.pos is not None for s in amap.statements())
    assert amap.statement("b").pos != amap.statement("c").pos
