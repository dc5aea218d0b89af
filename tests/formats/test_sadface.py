"""SADFace JSON (Open Argumentation's format): atoms become statements, support and
conflict schemes become supports and attacks, metadata.core the map's metadata. A file
that yields no statement is an error, never an empty map with exit 0 (issue 14)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from argmap.formats.errors import InvalidContentError
from argmap.formats.interchange import detect_format, read_any

SADFACE = {
    "metadata": {
        "core": {
            "analyst_email": "a@example.org",
            "analyst_name": "Ann Analyst",
            "created": "2024-01-02T10:00:00",
            "description": "A small test argument",
            "edited": "2024-01-03T10:00:00",
            "id": "94a975db-25ae-4d25-93cc-1c07c932e2f9",
            "notes": "",
            "title": "Hangback",
            "version": "0.5",
        }
    },
    "resources": [],
    "nodes": [
        {"id": "a1", "type": "atom", "text": "The 'hang back' advert should be withdrawn", "sources": [], "metadata": {}},
        {"id": "a2", "type": "atom", "text": "It is ineffective", "sources": [], "metadata": {}},
        {"id": "a3", "type": "atom", "text": "It was tested on focus groups", "sources": [], "metadata": {}},
        {"id": "s1", "type": "scheme", "name": "support", "metadata": {}},
        {"id": "s2", "type": "scheme", "name": "conflict", "metadata": {}},
    ],
    "edges": [
        {"id": "e1", "source_id": "a2", "target_id": "s1"},
        {"id": "e2", "source_id": "s1", "target_id": "a1"},
        {"id": "e3", "source_id": "a3", "target_id": "s2"},
        {"id": "e4", "source_id": "s2", "target_id": "a2"},
    ],
}


def test_sadface_is_detected_and_read(tmp_path):
    p = tmp_path / "hangback.json"
    p.write_text(json.dumps(SADFACE))
    assert detect_format(p.read_bytes(), p).name == "sadface"
    amap, report = read_any(p)
    text = {s.id: s.text for s in amap.statements()}
    links = sorted((text[link.premises[0]], link.kind.value, text[link.target]) for link in amap.links())
    assert links == [
        ("It is ineffective", "support", "The 'hang back' advert should be withdrawn"),
        ("It was tested on focus groups", "attack", "It is ineffective"),
    ]
    assert amap.meta.title == "Hangback" and amap.meta.description == "A small test argument"
    assert amap.meta.authors == ("Ann Analyst",)
    assert report.fmt == "SADFace" and report.statements == 3


def test_a_sadface_file_with_no_atoms_is_an_error_not_an_empty_map(tmp_path):
    doc = dict(SADFACE, nodes=[n for n in SADFACE["nodes"] if n["type"] == "scheme"], edges=[])
    p = tmp_path / "empty.json"
    p.write_text(json.dumps(doc))
    with pytest.raises(InvalidContentError, match="no statement"):
        read_any(p)
    r = subprocess.run([sys.executable, "-m", "argmap", "convert", str(p), "-o", str(tmp_path / "o.argmap.json")],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 1 and "no statement" in r.stderr and not (tmp_path / "o.argmap.json").exists()


def test_an_aif_file_with_nothing_readable_is_an_error(tmp_path):
    p = tmp_path / "x.json"
    p.write_text(json.dumps({"nodes": [{"nodeID": "1", "type": "RA", "text": "Default Inference"}], "edges": []}))
    with pytest.raises(InvalidContentError, match="no statement"):
        read_any(p)
