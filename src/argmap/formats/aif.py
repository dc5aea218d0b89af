"""AIF JSON (AIFdb, OVA, xAIF): read with repairs and a report, write valid xAIF.

Reading rules:

- I-nodes are statements (ids kept as strings). RA nodes are support links, CA nodes
  attack links: the I-nodes flowing in are the premises (several = co-premises), the node
  flowing out is the target. A CA whose target is an RA is an undercut; a CA whose target
  is a CA attacks the attack. RA nodes aimed at a relation node are dropped (argmap
  supports only statements).
- Kinds, unless the node carries argmap's own ``"argmap": {"kind": ...}`` data: a premise
  of a CA (and of no RA) is a ``rebuttal``; a premise of some RA is a ``claim``; an
  I-node that is the premise of nothing but has incoming links is a ``position``; an
  isolated I-node is a ``claim`` (``argmap.formats.foreign.infer_kinds``).
- Repairs: relation nodes with several conclusions are split into one link each; a
  direct I-to-I edge is read as a support; duplicate node ids, duplicate edges and
  duplicate locutions are merged; edges to missing nodes, relation nodes with no premise
  or no conclusion, and links whose target was dropped are left out. All are reported.
- L, YA, TA, MA, PA and other nodes, their edges, locutions, participants and any other
  data are not part of the map; they are kept in ``MapMeta.extras["aif"]`` and written
  back on export, so a round trip loses nothing. Layout comes from node ``x``/``y`` or
  from the ``OVA`` part of xAIF (numbers or numeric strings).

Writing produces xAIF: ``{"AIF": {...}, "OVA": {...}}`` where every relation node has at
least one premise and exactly one conclusion, positions are in the OVA part, and
argmap's own fields (kind, title, tags, source, ...) ride in ``"argmap"`` entries that
other tools ignore.
"""

from __future__ import annotations

import json
import math
import os
from collections import defaultdict
from dataclasses import dataclass, replace
from typing import Any

from argmap.formats.atomic import atomic_write_bytes
from argmap.formats.errors import InvalidContentError, WrongFormatError
from argmap.formats.foreign import (
    IdMaker,
    build_map,
    check_answers,
    clean_text,
    drop_broken_chains,
    finish_kinds,
    get_extra,
    link_data,
    link_from_data,
    set_extra,
    statement_data,
    statement_from_data,
)
from argmap.formats.reading import parse_json, read_bytes
from argmap.formats.report import ImportReport
from argmap.formats.source_text import MAX_TEXT_CHARS, html_text, tidy
from argmap.model import (
    ArgumentMap,
    Link,
    LinkKind,
    MapMeta,
    Source,
    SourceDocument,
    Statement,
    StatementKind,
    passages,
)

FORMAT = "AIF"
_LINK_TYPES = {"RA": LinkKind.SUPPORT, "CA": LinkKind.ATTACK}
_GENERIC_SCHEMES = {"", "ra", "ca", "ra-node", "ca-node", "support", "attack", "default inference", "default conflict", "default rephrase"}
_OTHER_NAMES = {
    "L": "L nodes (locutions: who said what)",
    "YA": "YA nodes (illocutionary anchors)",
    "TA": "TA nodes (transitions in the dialogue)",
    "MA": "MA nodes (rephrases)",
    "PA": "PA nodes (preferences)",
}


def looks_like_aif(doc: Any) -> bool:
    """True for a JSON document shaped like AIF or xAIF."""
    if not isinstance(doc, dict):
        return False
    inner = _inner(doc)
    return isinstance(inner, dict) and isinstance(inner.get("nodes"), list) and "edges" in inner


def _inner(doc: dict[str, Any]) -> Any:
    for key in ("AIF", "aif"):
        if isinstance(doc.get(key), dict):
            return doc[key]
    return doc


# ------------------------------------------------------------------------- reading
def read_aif(path: str | os.PathLike[str]) -> tuple[ArgumentMap, ImportReport]:
    """Read an AIF/xAIF JSON file. Raises a ``FileFormatError`` subclass on bad input."""
    return loads_aif(read_bytes(path), path)


def loads_aif(data: bytes, path: str | os.PathLike[str] = "<aif>") -> tuple[ArgumentMap, ImportReport]:
    return aif_from_doc(parse_json(data, path), path)


@dataclass
class _Candidate:
    node: str  # the relation node it comes from
    link_id: str
    kind: LinkKind
    premises: tuple[str, ...]
    target: str  # a node id (statement or relation node)
    scheme: str
    data: Any


def aif_from_doc(doc: Any, path: str | os.PathLike[str] = "<aif>") -> tuple[ArgumentMap, ImportReport]:
    if not looks_like_aif(doc):
        raise WrongFormatError(path, 'is JSON but not AIF: no "nodes" and "edges" lists (nor an "AIF" part holding them)')
    report = ImportReport(path=os.fspath(path), fmt=FORMAT)
    aif = _inner(doc)
    ova = doc.get("OVA") if isinstance(doc.get("OVA"), dict) else None
    edges_raw = aif.get("edges")
    if edges_raw is None:
        edges_raw = []
    if not isinstance(edges_raw, list):
        raise InvalidContentError(path, f'"edges" must be a list, not {type(edges_raw).__name__}', "edges")

    nodes, types = _read_nodes(aif["nodes"], report)
    edges, edge_dicts = _read_edges(edges_raw, nodes, report)
    positions = _positions(nodes, ova)

    succ: dict[str, list[str]] = defaultdict(list)
    pred: dict[str, list[str]] = defaultdict(list)
    for f, t in edges:
        succ[f].append(t)
        pred[t].append(f)

    statements: dict[str, Statement] = {}
    explicit: set[str] = set()
    for nid, node in nodes.items():
        if types[nid] != "I":
            continue
        s = Statement(id=nid, kind=StatementKind.CLAIM, text=clean_text(node.get("text")), pos=positions.get(nid))
        if "argmap" in node:
            s = statement_from_data(s, node["argmap"], report, f"node {nid}")
            if isinstance(node["argmap"], dict) and "kind" in node["argmap"] and s.kind.value == node["argmap"]["kind"]:
                explicit.add(nid)
        statements[nid] = s

    ids = IdMaker("link")
    ids.used.update(nodes)
    candidates = _relation_candidates(nodes, types, pred, succ, ids, report)
    candidates += _direct_edges(edges, types, ids, report)
    candidates = drop_broken_chains(
        candidates, lambda c: c.node, lambda c: c.target, lambda t: types.get(t) in _LINK_TYPES, report, "relation nodes"
    )

    links = []
    for c in candidates:
        target = c.target
        if types.get(target) in _LINK_TYPES:
            target = next(x.link_id for x in candidates if x.node == target)
        link = Link(c.link_id, c.kind, c.premises, target, scheme=c.scheme)
        links.append(link_from_data(link, c.data))

    stmts = check_answers(finish_kinds(list(statements.values()), links, explicit), report)
    meta = _meta(doc, aif, nodes, types, edge_dicts, report)
    analysed = aif_source(doc)
    if analysed is not None and not any(d.text == analysed.text for d in meta.sources):
        meta = replace(meta, sources=(*meta.sources, analysed))
        stmts = quote_in(stmts, analysed)
    amap = build_map(path, meta, stmts, links, report=report)
    report.statements = len(stmts)
    report.links = len(links)
    return amap, report


def _read_nodes(raw: list[Any], report: ImportReport) -> tuple[dict[str, dict[str, Any]], dict[str, str]]:
    nodes: dict[str, dict[str, Any]] = {}
    types: dict[str, str] = {}
    for i, n in enumerate(raw):
        if not isinstance(n, dict):
            report.dropped("nodes that are not JSON objects", f"nodes[{i}]")
            continue
        nid = _id(n.get("nodeID"))
        if nid is None:
            report.dropped("nodes without a nodeID", f"nodes[{i}]")
            continue
        if nid in nodes:
            report.repaired("duplicate node ids (the first node was kept)", nid)
            continue
        nodes[nid] = n
        types[nid] = str(n.get("type") or "").strip().upper()
    return nodes, types


def _id(value: Any) -> str | None:
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return None
    text = str(value).strip()
    return text or None


def _read_edges(
    raw: list[Any], nodes: dict[str, Any], report: ImportReport
) -> tuple[list[tuple[str, str]], list[dict[str, Any]]]:
    seen: set[tuple[str, str]] = set()
    edges: list[tuple[str, str]] = []
    dicts: list[dict[str, Any]] = []
    for i, e in enumerate(raw):
        if not isinstance(e, dict):
            report.dropped("edges that are not JSON objects", f"edges[{i}]")
            continue
        f, t = _id(e.get("fromID")), _id(e.get("toID"))
        name = f"edge {e.get('edgeID', i)}: {f} -> {t}"
        if f not in nodes or t not in nodes:
            report.dropped("edges to or from missing nodes", name)
            continue
        if f == t:
            report.dropped("edges from a node to itself", name)
            continue
        if (f, t) in seen:
            report.repaired("duplicate edges (merged)", name)
            continue
        seen.add((f, t))
        edges.append((f, t))
        dicts.append(e)
    return edges, dicts


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    try:
        x = float(value)
    except (TypeError, ValueError, OverflowError):
        return None
    return x if math.isfinite(x) else None


def _positions(nodes: dict[str, dict[str, Any]], ova: dict[str, Any] | None) -> dict[str, tuple[float, float]]:
    out: dict[str, tuple[float, float]] = {}
    sources: list[Any] = list(nodes.values())
    if ova is not None and isinstance(ova.get("nodes"), list):
        sources += ova["nodes"]
    for n in sources:
        if not isinstance(n, dict):
            continue
        nid = _id(n.get("nodeID"))
        x, y = _number(n.get("x")), _number(n.get("y"))
        if nid is not None and x is not None and y is not None:
            out[nid] = (x, y)
    return out


def _relation_candidates(
    nodes: dict[str, dict[str, Any]],
    types: dict[str, str],
    pred: dict[str, list[str]],
    succ: dict[str, list[str]],
    ids: IdMaker,
    report: ImportReport,
) -> list[_Candidate]:
    out = []
    for nid, t in types.items():
        kind = _LINK_TYPES.get(t)
        if kind is None:
            continue
        node = nodes[nid]
        premises = [p for p in pred[nid] if types[p] == "I"]
        conclusions = [c for c in succ[nid] if types[c] == "I" or types[c] in _LINK_TYPES]
        if kind is LinkKind.SUPPORT:
            aimed = [c for c in conclusions if types[c] in _LINK_TYPES]
            for c in aimed:
                report.dropped("supports aimed at an inference (argmap supports statements only)", f"{nid} -> {c}")
            conclusions = [c for c in conclusions if types[c] == "I"]
        if not premises:
            report.dropped(f"{t} nodes with no premise", nid)
            continue
        if not conclusions:
            report.dropped(f"{t} nodes with no conclusion", nid)
            continue
        if len(conclusions) > 1:
            report.repaired(f"{t} nodes with several conclusions, split into one link each", nid)
        scheme = clean_text(node.get("scheme") or node.get("text"))
        if scheme.lower() in _GENERIC_SCHEMES:
            scheme = ""
        for k, c in enumerate(conclusions):
            prem = tuple(p for p in premises if p != c)
            if not prem:
                report.dropped(f"{t} nodes whose only premise is their conclusion", nid)
                continue
            link_id = nid if k == 0 else ids.make(f"{nid}-{k + 1}")
            out.append(_Candidate(nid, link_id, kind, prem, c, scheme, node.get("argmap")))
    return out


def _direct_edges(
    edges: list[tuple[str, str]], types: dict[str, str], ids: IdMaker, report: ImportReport
) -> list[_Candidate]:
    out = []
    for f, t in edges:
        if types[f] == "I" and types[t] == "I":
            report.repaired("direct edges between two statements, read as support", f"{f} -> {t}")
            link_id = ids.make(f"{f}-{t}")
            out.append(_Candidate(link_id, link_id, LinkKind.SUPPORT, (f,), t, "", None))
    return out


def _meta(
    doc: dict[str, Any],
    aif: dict[str, Any],
    nodes: dict[str, dict[str, Any]],
    types: dict[str, str],
    edge_dicts: list[dict[str, Any]],
    report: ImportReport,
) -> MapMeta:
    meta = MapMeta()
    own = doc.get("argmap")
    if isinstance(own, dict):
        meta = MapMeta(
            title=str(own.get("title") or ""),
            description=str(own.get("description") or ""),
            authors=tuple(str(a) for a in own.get("authors", ()) if isinstance(a, str)) if isinstance(own.get("authors"), list) else (),
            extras=tuple((str(k), v) for k, v in own.get("extras", {}).items()) if isinstance(own.get("extras"), dict) else (),
        )
    other_ids = {nid for nid, t in types.items() if t != "I" and t not in _LINK_TYPES}
    first_of: dict[str, str] = {}  # node type -> its first node in the file
    counts: dict[str, int] = defaultdict(int)
    for nid, t in types.items():
        if nid in other_ids:
            counts[t] += 1
            first_of.setdefault(t, nid)
    for t, n in sorted(counts.items()):
        name = _OTHER_NAMES.get(t, f"{t or 'untyped'} nodes")
        report.dropped(f"{name} not shown in the map; kept for AIF export", first_of[t], count=n)
    kept: dict[str, Any] = {}
    if other_ids:
        kept["nodes"] = [nodes[nid] for nid in nodes if nid in other_ids]
        kept["edges"] = [
            e for e in edge_dicts if str(e.get("fromID")).strip() in other_ids or str(e.get("toID")).strip() in other_ids
        ]
    locutions = aif.get("locutions")
    if isinstance(locutions, list):
        unique, seen = [], set()
        for loc in locutions:
            key = _id(loc.get("nodeID")) if isinstance(loc, dict) else None
            key = key if key is not None else json.dumps(loc, sort_keys=True)
            if key in seen:
                report.repaired("duplicate locutions for one L node (the first was kept)", key)
                continue
            seen.add(key)
            unique.append(loc)
        if unique:
            kept["locutions"] = unique
    rest = {k: v for k, v in aif.items() if k not in ("nodes", "edges", "locutions")}
    if rest:
        kept["aif"] = rest
    wrapper = {k: v for k, v in doc.items() if k not in ("AIF", "aif", "nodes", "edges", "locutions", "argmap") and k not in rest}
    if isinstance(wrapper.get("OVA"), dict):
        wrapper["OVA"] = {k: v for k, v in wrapper["OVA"].items() if k not in ("nodes", "edges")}
        if not wrapper["OVA"]:
            del wrapper["OVA"]
    if wrapper:
        kept["wrapper"] = wrapper
    return set_extra(meta, "aif", kept) if kept else meta


# ------------------------------------------------------------------------- writing
def dumps_aif(amap: ArgumentMap) -> tuple[bytes, ImportReport]:
    """The bytes of an xAIF file for ``amap`` and a report of what was not carried over."""
    report = ImportReport(fmt=FORMAT, direction="export")
    kept = get_extra(amap.meta, "aif", {})
    kept = kept if isinstance(kept, dict) else {}
    nodes: list[dict[str, Any]] = []
    edges: list[tuple[str, str]] = []
    ova_nodes: list[dict[str, Any]] = []
    for s in amap.statements():
        nodes.append({"nodeID": s.id, "text": s.text, "type": "I", "argmap": statement_data(s)})
        if s.pos is not None:
            ova_nodes.append({"nodeID": s.id, "visible": True, "x": s.pos[0], "y": s.pos[1]})
    for link in amap.links():
        support = link.kind is LinkKind.SUPPORT
        node: dict[str, Any] = {
            "nodeID": link.id,
            "text": link.scheme or ("Default Inference" if support else "Default Conflict"),
            "type": "RA" if support else "CA",
        }
        if link.scheme:
            node["scheme"] = link.scheme
        data = link_data(link)
        if data:
            node["argmap"] = data
        nodes.append(node)
        edges.extend((p, link.id) for p in link.premises)
        edges.append((link.id, link.target))
    used = {n["nodeID"] for n in nodes}
    for n in kept.get("nodes", []):
        nid = _id(n.get("nodeID")) if isinstance(n, dict) else None
        if nid is None or nid in used:
            report.dropped("kept AIF nodes whose id is now used by the map", nid or "?")
            continue
        used.add(nid)
        nodes.append(n)
    kept_edges = []
    for e in kept.get("edges", []):
        f, t = (_id(e.get("fromID")), _id(e.get("toID"))) if isinstance(e, dict) else (None, None)
        if f in used and t in used:
            kept_edges.append(e)
        else:
            report.dropped("kept AIF edges to statements no longer in the map", f"{f} -> {t}")
    edge_ids = {str(e.get("edgeID")) for e in kept_edges}
    edge_dicts = []
    n = 0
    for f, t in edges:
        n += 1
        while str(n) in edge_ids:
            n += 1
        edge_dicts.append({"edgeID": str(n), "fromID": f, "toID": t, "formEdgeID": None})
    aif: dict[str, Any] = {
        "nodes": nodes,
        "edges": edge_dicts + kept_edges,
        "locutions": kept.get("locutions", []),
    }
    for k, v in (kept.get("aif") or {}).items():
        aif.setdefault(k, v)
    doc: dict[str, Any] = {"AIF": aif, "OVA": {"nodes": ova_nodes, "edges": []}}
    meta = amap.meta
    for k, v in (kept.get("wrapper") or {}).items():
        if k == "OVA" and isinstance(v, dict):
            doc["OVA"] = {**v, **doc["OVA"]}
        else:
            doc.setdefault(k, v)
    meta = amap.meta
    own: dict[str, Any] = {}
    if meta.title:
        own["title"] = meta.title
    if meta.description:
        own["description"] = meta.description
    if meta.authors:
        own["authors"] = list(meta.authors)
    extras = {k: v for k, v in meta.extras if k != "aif"}
    if extras:
        own["extras"] = extras
    if own:
        doc["argmap"] = own
    analysed = next((d for d in meta.sources if d.text), None)
    if analysed is not None and _wrapper_text(kept.get("wrapper")) != analysed.text:
        doc["text"] = analysed.text  # the analysed text, as xAIF has it (OVA reads it back)
    others = [d for d in meta.sources if d is not analysed]
    if others:
        report.dropped("source documents after the first analysed text (AIF holds one text)", others[0].title)
    report.statements = len(amap.statements())
    report.links = len(amap.links())
    return (json.dumps(doc, ensure_ascii=False, indent=1) + "\n").encode("utf-8"), report


# ----------------------------------------------------------------- analysed text
def _text_of(raw: Any) -> str:
    """Readable text of an OVA/xAIF text value: a string (maybe HTML with highlight
    spans) or an object holding one (``{"txt": ...}``, OVA's ``plain_txt``)."""
    if isinstance(raw, dict):
        raw = raw.get("plain_txt") or raw.get("txt") or raw.get("text") or ""
    if not isinstance(raw, str) or not raw.strip():
        return ""
    if "<" in raw and ">" in raw:
        return html_text(raw).text
    return tidy(raw)


def _wrapper_text(wrapper: Any) -> str:
    if not isinstance(wrapper, dict):
        return ""
    return _text_of(wrapper.get("text")) or _text_of(wrapper.get("analysis"))


def aif_source(doc: Any) -> SourceDocument | None:
    """The analysed text an OVA3 or xAIF file carries, as a source document."""
    if not isinstance(doc, dict):
        return None
    raw_analysis = doc.get("analysis")
    analysis: dict[str, Any] = raw_analysis if isinstance(raw_analysis, dict) else {}
    text = _text_of(doc.get("text")) or _text_of(analysis)
    if not text or len(text) > MAX_TEXT_CHARS:
        return None
    title = str(analysis.get("documentTitle") or "").strip()
    where = str(analysis.get("documentSource") or "").strip()
    raw_ova = doc.get("OVA")
    ova: dict[str, Any] = raw_ova if isinstance(raw_ova, dict) else {}
    url = where if where.startswith(("http://", "https://")) else str(ova.get("url") or "").strip()
    if not title:
        title = text.strip().split("\n", 1)[0].strip()[:80] or "Analysed text"
    return SourceDocument("aif-text", title, url=url if url.startswith(("http://", "https://")) else "", text=text)


def quote_in(statements: list[Statement], doc: SourceDocument) -> list[Statement]:
    """Statements without a source whose text occurs in the analysed text quote it
    (OVA makes a node of a highlighted span: its text is the quotation)."""
    out = []
    for s in statements:
        span = passages.find(doc.text, s.text) if s.source is None and len(s.text.split()) >= 2 else None
        if span is not None:
            source = Source(citation=doc.title, quotation=s.text, url=doc.url, locator=passages.locator(doc.text, span, doc.title))
            s = replace(s, source=source)
        out.append(s)
    return out


def write_aif(amap: ArgumentMap, path: str | os.PathLike[str]) -> ImportReport:
    data, report = dumps_aif(amap)
    atomic_write_bytes(path, data)
    report.path = os.fspath(path)
    return report
