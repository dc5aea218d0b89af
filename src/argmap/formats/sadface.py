"""Read SADFace JSON (the Simple Argument Description Format of the Open Argumentation
project): ``nodes`` are ``atom`` nodes (statements, with ``text``) and ``scheme`` nodes
(inferences, with a ``name`` such as ``support`` or ``conflict``), ``edges`` run from
``source_id`` to ``target_id``, and ``metadata.core`` holds the title, description and
analyst. A SADFace document is turned into AIF's shape (atoms as I-nodes, support
schemes as RA, conflict schemes as CA, rephrase schemes as MA) and read by the AIF
reader, so both formats share one set of rules and one report.
"""

from __future__ import annotations

import os
from typing import Any

from argmap.formats.aif import aif_from_doc
from argmap.formats.errors import InvalidContentError
from argmap.formats.reading import parse_json
from argmap.formats.report import ImportReport
from argmap.model import ArgumentMap

FORMAT = "SADFace"

#: Words in a scheme's name that make it an attack, or a rephrase (the rest support).
_ATTACK_WORDS = ("conflict", "attack", "rebut", "undercut", "undermin", "contra", "disagree")
_REPHRASE_WORDS = ("rephrase", "restate", "paraphrase")


def looks_like_sadface(doc: Any) -> bool:
    """A JSON object with SADFace's node types (``atom``/``scheme``) or edge fields
    (``source_id``/``target_id``), and no AIF edge fields."""
    if not isinstance(doc, dict) or not isinstance(doc.get("nodes"), list):
        return False
    nodes = [n for n in doc["nodes"][:50] if isinstance(n, dict)]
    edges = [e for e in doc.get("edges", [])[:50] if isinstance(e, dict)] if isinstance(doc.get("edges"), list) else []
    typed = any(str(n.get("type", "")).lower() in ("atom", "scheme") for n in nodes)
    sad_edges = any("source_id" in e or "target_id" in e for e in edges)
    aif_edges = any("fromID" in e or "toID" in e for e in edges)
    return (typed or sad_edges) and not aif_edges


def loads_sadface(data: bytes, path: str | os.PathLike[str] = "<sadface>") -> tuple[ArgumentMap, ImportReport]:
    doc = parse_json(data, path)
    if not looks_like_sadface(doc):
        raise InvalidContentError(path, 'is not SADFace: no "atom"/"scheme" nodes and no "source_id"/"target_id" edges')
    notes = ImportReport()
    nodes = []
    for i, node in enumerate(doc["nodes"]):
        if not isinstance(node, dict) or node.get("id") in (None, ""):
            notes.dropped("nodes without an id", f"nodes[{i}]")
            continue
        nid = str(node["id"])
        kind = str(node.get("type", "")).lower()
        if kind == "atom":
            nodes.append({"nodeID": nid, "type": "I", "text": _text(node)})
        elif kind == "scheme":
            name = str(node.get("name") or node.get("text") or "")
            nodes.append({"nodeID": nid, "type": _scheme_type(name), "text": name, "scheme": name})
        else:
            notes.dropped("nodes of unknown type (not atom or scheme)", f"{nid}: {kind or 'no type'}")
    edges = []
    for i, edge in enumerate(doc.get("edges") or []):
        if not isinstance(edge, dict):
            continue
        edges.append({"edgeID": str(edge.get("id", f"e{i}")), "fromID": edge.get("source_id"), "toID": edge.get("target_id")})
    core = doc.get("metadata", {}).get("core", {}) if isinstance(doc.get("metadata"), dict) else {}
    core = core if isinstance(core, dict) else {}
    own: dict[str, Any] = {"title": str(core.get("title") or ""), "description": str(core.get("description") or "")}
    analyst = core.get("analyst_name")
    if isinstance(analyst, str) and analyst.strip():
        own["authors"] = [analyst.strip()]
    for key in ("created", "edited"):
        if isinstance(core.get(key), str):
            own["created" if key == "created" else "modified"] = core[key]
    amap, report = aif_from_doc({"nodes": nodes, "edges": edges, "argmap": own}, path)
    report.fmt = FORMAT
    for note in notes.notes.values():
        report.add(note.severity, note.what, "; ".join(note.examples), note.count)
    return amap, report


def _text(node: dict[str, Any]) -> str:
    text = node.get("text")
    return text if isinstance(text, str) else ""


def _scheme_type(name: str) -> str:
    low = name.lower()
    if any(w in low for w in _ATTACK_WORDS):
        return "CA"
    if any(w in low for w in _REPHRASE_WORDS):
        return "MA"
    return "RA"
