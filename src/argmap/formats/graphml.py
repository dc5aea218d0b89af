"""GraphML: write maps that yEd and Gephi open, read them back; read other GraphML
(yEd AIF-style maps, plain graphs) with the AIF rules. XML is parsed safely.

Written layout: statements and links are both nodes (as in AIF); a node's ``type`` is
``I`` (statement), ``RA`` (support) or ``CA`` (attack); premises point into a link node,
the link node points at its target. Data keys: ``label``/``text``, ``kind``, ``title``,
``x``/``y``, ``scheme`` for people and tools, and ``argmap`` (JSON of argmap's own fields)
for a lossless read back. Reading other files: a node's ``nodeType`` (``I-node``,
``RA-node``, ``CA-node``) or ``type`` data decides what it is (default: statement); its
text is the yEd label, else a ``label``/``text``/``name`` key, else ``description``
(which becomes notes otherwise); yEd geometry gives positions. An edge between two
statements is read as a support.

Safety: a DOCTYPE or ENTITY declaration is refused before parsing (no entity expansion,
no external entities or DTD fetches); size is bounded by ``reading.MAX_FILE_BYTES``.
"""

from __future__ import annotations

import json
import os
import re
import xml.etree.ElementTree as ET
from typing import Any

from argmap.formats.aif import aif_from_doc
from argmap.formats.atomic import atomic_write_bytes
from argmap.formats.errors import InvalidContentError, WrongFormatError
from argmap.formats.foreign import link_data, statement_data
from argmap.formats.reading import read_bytes
from argmap.formats.xml_safe import parse_xml_safely
from argmap.formats.report import ImportReport
from argmap.model import ArgumentMap, LinkKind

FORMAT = "GraphML"
NS = "http://graphml.graphdrawing.org/xmlns"
#: The ``relation`` of an edge from a position to the question it answers.
ANSWERS = "answers"
_Y = "{http://www.yworks.com/xml/graphml}"
_BAD_XML_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_TYPES = {"I": "I", "I-NODE": "I", "RA": "RA", "RA-NODE": "RA", "CA": "CA", "CA-NODE": "CA", "MA": "MA", "MA-NODE": "MA", "PA": "PA", "PA-NODE": "PA"}


def looks_like_graphml(data: bytes) -> bool:
    head = data[:4096].lower()
    return b"<graphml" in head


# ------------------------------------------------------------------------- reading
def read_graphml(path: str | os.PathLike[str]) -> tuple[ArgumentMap, ImportReport]:
    return loads_graphml(read_bytes(path), path)


def loads_graphml(data: bytes, path: str | os.PathLike[str] = "<graphml>") -> tuple[ArgumentMap, ImportReport]:
    root = parse_xml_safely(data, path)
    if _local(root.tag) != "graphml":
        raise WrongFormatError(path, f"is XML but not GraphML (the top element is <{_local(root.tag)}>)")
    keys = {}
    for k in root.iter(f"{{{NS}}}key"):
        default = k.find(f"{{{NS}}}default")
        keys[k.get("id")] = (k.get("attr.name") or k.get("id") or "", default.text if default is not None else None, k.get("for", ""))
    graph = root.find(f"{{{NS}}}graph")
    if graph is None:
        raise InvalidContentError(path, "has no <graph> element")
    report_notes = ImportReport()
    nodes = []
    for node in graph.iter(f"{{{NS}}}node"):
        nodes.append(_node(node, keys, report_notes))
    edges = []
    for i, edge in enumerate(graph.iter(f"{{{NS}}}edge")):
        eid, source, target = edge.get("id") or str(i), edge.get("source"), edge.get("target")
        if _data(edge, keys, "edge").get("relation") == ANSWERS:
            continue  # drawn for viewers; the position's own data says which question it answers
        relation = _argunet_relation(edge, report_notes)
        if relation is None:
            edges.append({"edgeID": eid, "fromID": source, "toID": target})
            continue
        # An Argunet support or attack: a scheme node between the two (AIF's RA/CA).
        scheme_id = f"{eid}~{relation}"
        nodes.append({"nodeID": scheme_id, "type": relation, "text": ""})
        edges.append({"edgeID": f"{eid}~in", "fromID": source, "toID": scheme_id})
        edges.append({"edgeID": f"{eid}~out", "fromID": scheme_id, "toID": target})
    gdata = _data(graph, keys, "graph")
    doc: dict[str, Any] = {"nodes": nodes, "edges": edges}
    own = _json(gdata.get("argmap"))
    if isinstance(own, dict):
        doc["argmap"] = own
    else:
        desc = gdata.get("description") or gdata.get("Description") or ""
        title = gdata.get("title", "")
        argunet_title = root.find(f".//{ARGUNET}mapTitle")
        if not title and argunet_title is not None:
            title = (argunet_title.text or "").strip()
        doc["argmap"] = {"title": title, "description": desc}
    amap, report = aif_from_doc(doc, path)
    report.fmt = FORMAT
    for note in report_notes.notes.values():
        report.add(note.severity, note.what, "; ".join(note.examples), note.count)
    return amap, report


ARGUNET = "{http://www.argunet.org/xml/argml}"
#: Argunet's edge types (``<arg:edge type=...>``): sketched relations are ones drawn
#: between theses and arguments before the argument was reconstructed.
_ARGUNET_RELATIONS = {"support": "RA", "sketchedSupport": "RA", "attack": "CA", "sketchedAttack": "CA"}


def _argunet_relation(edge: ET.Element, report: ImportReport) -> str | None:
    """``"RA"`` or ``"CA"`` for an Argunet support or attack edge, else ``None``."""
    arg_edge = edge.find(f".//{ARGUNET}edge")
    if arg_edge is None:
        return None
    kind = arg_edge.get("type") or ""
    relation = _ARGUNET_RELATIONS.get(kind)
    if relation is None:
        report.changed("Argunet edges of unknown type, read as support", f"{edge.get('id')}: {kind}")
        return None
    if kind.startswith("sketched"):
        report.noted("Argunet sketched relations (drawn before reconstruction) read as plain ones", f"{edge.get('id')}: {kind}")
    return relation


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _data(el: ET.Element, keys: dict[str | None, tuple[str, str | None, str]], kind: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for name, default, for_ in keys.values():
        if default is not None and for_ in (kind, "all"):
            out[name] = default
    for d in el.findall(f"{{{NS}}}data"):
        name = keys.get(d.get("key"), (d.get("key") or "", None, ""))[0]
        if len(d) == 0:
            out[name] = d.text or ""
    return out


def _json(value: str | None) -> Any:
    if not value:
        return None
    try:
        return json.loads(value)
    except ValueError:
        return None


def _node(node: ET.Element, keys: dict[str | None, tuple[str, str | None, str]], report: ImportReport) -> dict[str, Any]:
    data = _data(node, keys, "node")
    lower = {k.lower(): v for k, v in data.items()}
    raw_type = (lower.get("type") or lower.get("nodetype") or "").strip().upper()
    out: dict[str, Any] = {"nodeID": node.get("id"), "type": _TYPES.get(raw_type, "I")}
    if raw_type and raw_type not in _TYPES:
        report.changed("nodes of unknown type, read as statements", f"{node.get('id')}: {raw_type}")
    label = " ".join(t.strip() for t in (lab.text or "" for lab in node.iter(f"{_Y}NodeLabel")) if t.strip())
    text = lower.get("text") or label or lower.get("label") or lower.get("name") or ""
    description = lower.get("description") or ""
    if not text and description:
        text, description = description, ""
    out["text"] = text
    own = _json(data.get("argmap"))
    if isinstance(own, dict):
        out["argmap"] = own
    elif description and out["type"] == "I":
        out["argmap"] = {"notes": description}
    if "scheme" in lower:
        out["scheme"] = lower["scheme"]
    x, y = lower.get("x"), lower.get("y")
    geometry = node.find(f".//{_Y}Geometry")
    if (x is None or y is None) and geometry is not None:
        x, y = geometry.get("x"), geometry.get("y")
    if x is not None and y is not None:
        out["x"], out["y"] = x, y
    return out


# ------------------------------------------------------------------------- writing
_NODE_KEYS = (
    ("label", "string"), ("type", "string"), ("kind", "string"), ("title", "string"), ("text", "string"),
    ("x", "double"), ("y", "double"), ("scheme", "string"), ("argmap", "string"),
)  # fmt: skip


def dumps_graphml(amap: ArgumentMap) -> tuple[bytes, ImportReport]:
    report = ImportReport(fmt=FORMAT, direction="export")
    ET.register_namespace("", NS)
    root = ET.Element(f"{{{NS}}}graphml")
    ids = {}
    for name, typ in (("title", "string"), ("description", "string"), ("argmap", "string")):
        ids[("graph", name)] = _key(root, f"g_{name}", "graph", name, typ)
    for name, typ in _NODE_KEYS:
        ids[("node", name)] = _key(root, f"n_{name}", "node", name, typ)
    relation_key = _key(root, "e_relation", "edge", "relation", "string")
    graph = ET.SubElement(root, f"{{{NS}}}graph", id="G", edgedefault="directed")
    meta = amap.meta
    own: dict[str, Any] = {"title": meta.title, "description": meta.description}
    if meta.authors:
        own["authors"] = list(meta.authors)
    extras = dict(meta.extras)
    if extras:
        own["extras"] = extras
    _put(graph, ids[("graph", "title")], meta.title, report)
    _put(graph, ids[("graph", "description")], meta.description, report)
    _put(graph, ids[("graph", "argmap")], json.dumps(own, ensure_ascii=False), report)
    for s in amap.statements():
        node = ET.SubElement(graph, f"{{{NS}}}node", id=s.id)
        values = {"label": s.label(80), "type": "I", "kind": s.kind.value, "title": s.title, "text": s.text,
                  "argmap": json.dumps(statement_data(s), ensure_ascii=False)}  # fmt: skip
        if s.pos is not None:
            values["x"], values["y"] = repr(float(s.pos[0])), repr(float(s.pos[1]))
        for name, value in values.items():
            if value:
                _put(node, ids[("node", name)], value, report)
    edges: list[tuple[str, str]] = []
    for link in amap.links():
        node = ET.SubElement(graph, f"{{{NS}}}node", id=link.id)
        support = link.kind is LinkKind.SUPPORT
        values = {"label": link.scheme or ("support" if support else "attack"), "type": "RA" if support else "CA",
                  "kind": link.kind.value, "scheme": link.scheme}  # fmt: skip
        data = link_data(link)
        if data:
            values["argmap"] = json.dumps(data, ensure_ascii=False)
        for name, value in values.items():
            if value:
                _put(node, ids[("node", name)], value, report)
        edges.extend((p, link.id) for p in link.premises)
        edges.append((link.id, link.target))
    for i, (f, t) in enumerate(edges, 1):
        ET.SubElement(graph, f"{{{NS}}}edge", id=f"e{i}", source=f, target=t)
    # a position's answer to its question, so that viewers (yEd, Gephi) draw the question
    # joined to its positions; marked, so that reading the file back makes no link of it
    for s in amap.statements():
        if s.answers is not None and amap.is_statement(s.answers):
            edge = ET.SubElement(graph, f"{{{NS}}}edge", id=f"answer-{s.id}", source=s.id, target=s.answers)
            _put(edge, relation_key, ANSWERS, report)
    ET.indent(root)
    report.statements = len(amap.statements())
    report.links = len(amap.links())
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n", report


def _key(root: ET.Element, key_id: str, for_: str, name: str, typ: str) -> str:
    ET.SubElement(root, f"{{{NS}}}key", {"id": key_id, "for": for_, "attr.name": name, "attr.type": typ})
    return key_id


def _put(el: ET.Element, key: str, value: str, report: ImportReport) -> None:
    clean = _BAD_XML_CHARS.sub("", value)
    if clean != value:
        report.changed("control characters XML cannot hold (removed)", value[:40])
    d = ET.SubElement(el, f"{{{NS}}}data", key=key)
    d.text = clean


def write_graphml(amap: ArgumentMap, path: str | os.PathLike[str]) -> ImportReport:
    data, report = dumps_graphml(amap)
    atomic_write_bytes(path, data)
    report.path = os.fspath(path)
    return report
