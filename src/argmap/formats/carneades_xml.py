"""Carneades XML (CAF 1.x and LKIF argument graphs) parsed into one neutral shape,
``CarneadesGraph``, that ``argmap.formats.carneades`` turns into a map."""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

from argmap.formats.errors import InvalidContentError
from argmap.formats.report import ImportReport

_CITATION = re.compile(r"\[@([^\s,;\]]+)[,\s]*([^\]]*)\]")
_BLANK_LINES = re.compile(r"\n{3,}")


@dataclass
class Premise:
    statement: str
    exception: bool = False
    assumption: bool = False  # an LKIF assumption premise (holds until questioned)
    positive: bool = True
    role: str = ""


@dataclass
class Argument:
    id: str
    pro: bool
    conclusion: str
    premises: list[Premise]
    scheme: str = ""
    weight: str = ""
    strict: bool = False
    notes: str = ""
    sources: tuple[str, ...] = ()  # reference keys (CAF metadata ``source``)


@dataclass
class CStatement:
    id: str
    text: str
    notes: str = ""
    main: bool = False
    atom: str = ""
    standard: str = ""
    value: str = ""  # LKIF: true / false / unknown
    weight: str = ""  # CAF: acceptance, 0.0 .. 1.0
    assumption: bool = False
    translations: dict[str, str] = field(default_factory=dict)
    citation: tuple[str, str] | None = None  # (reference key, locator)


@dataclass
class Reference:
    key: str
    title: str = ""
    creator: str = ""
    date: str = ""
    identifier: str = ""


@dataclass
class CarneadesGraph:
    dialect: str  # "CAF" or "LKIF"
    title: str = ""
    description: str = ""
    creators: tuple[str, ...] = ()
    date: str = ""
    statements: dict[str, CStatement] = field(default_factory=dict)
    arguments: list[Argument] = field(default_factory=list)
    references: dict[str, Reference] = field(default_factory=dict)


def local(tag: object) -> str:
    """An element's name without its namespace."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _children(el: ET.Element | None, name: str) -> list[ET.Element]:
    return [c for c in el if local(c.tag) == name] if el is not None else []


def _child(el: ET.Element | None, name: str) -> ET.Element | None:
    found = _children(el, name)
    return found[0] if found else None


def _true(value: str | None) -> bool:
    return (value or "").strip().lower() in ("true", "yes", "1")


def one_line(text: str) -> str:
    return " ".join(text.split())


def paragraphs(text: str) -> str:
    """Hard-wrapped, indented XML text as lines without their indentation."""
    lines = [line.strip() for line in text.strip().splitlines()]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines))


def _descriptions(el: ET.Element | None) -> dict[str, str]:
    """``{lang: text}`` of the ``<descriptions>`` of ``el`` (English first when present)."""
    out: dict[str, str] = {}
    for d in _children(_child(el, "descriptions"), "description"):
        text = paragraphs("".join(d.itertext()))
        if text:
            out.setdefault((d.get("lang") or "").strip() or "?", text)
    if "en" in out:
        out = {"en": out["en"], **{k: v for k, v in out.items() if k != "en"}}
    return out


def _first(texts: dict[str, str]) -> str:
    return next(iter(texts.values()), "")


def _add_statement(graph: CarneadesGraph, s: CStatement, report: ImportReport) -> None:
    if not s.id:
        report.dropped("statements without an id", s.text[:60])
    elif s.id in graph.statements:
        report.repaired("duplicate statement ids (the first statement was kept)", s.id)
    else:
        graph.statements[s.id] = s


def _premise(el: ET.Element) -> Premise | None:
    sid = (el.get("statement") or "").strip()
    if not sid:
        return None
    kind = (el.get("type") or "").strip().lower()
    positive = (el.get("polarity") or "positive").strip().lower() != "negative" and (el.get("positive") or "true").strip().lower() != "false"
    return Premise(
        statement=sid,
        exception=kind == "exception" or _true(el.get("exception")),
        assumption=kind == "assumption" or _true(el.get("assumption")),
        positive=positive,
        role=(el.get("role") or "").strip(),
    )


def _arguments(parent: ET.Element | None, graph: CarneadesGraph, prefix: str, report: ImportReport) -> None:
    for i, el in enumerate(_children(_child(parent, "arguments"), "argument"), 1):
        aid = prefix + ((el.get("id") or "").strip() or f"argument{i}")
        conclusion = _child(el, "conclusion")
        target = (conclusion.get("statement") or "").strip() if conclusion is not None else ""
        premises = []
        for p in (p for group in _children(el, "premises") for p in _children(group, "premise")):
            premise = _premise(p)
            if premise is None:
                report.dropped("premises that name no statement", aid)
                continue
            premise.statement = prefix + premise.statement
            premises.append(premise)
        direction = (el.get("direction") or "").strip().lower()
        pro = direction != "con" if direction else (el.get("pro") or "true").strip().lower() != "false"
        meta = _child(el, "metadata")
        notes = [(el.get("title") or "").strip(), _first(_descriptions(meta))]
        sources = tuple(k.strip() for k in (meta.get("source") or "").split(";") if k.strip()) if meta is not None else ()
        graph.arguments.append(
            Argument(
                id=aid,
                pro=pro,
                conclusion=prefix + target if target else "",
                premises=premises,
                scheme=(el.get("scheme") or "").strip(),
                weight=(el.get("weight") or "").strip(),
                strict=_true(el.get("strict")),
                notes="\n\n".join(n for n in notes if n),
                sources=sources,
            )
        )


# ------------------------------------------------------------------------------ CAF
def parse_caf(root: ET.Element, path: str | os.PathLike[str], report: ImportReport) -> CarneadesGraph:
    graph = CarneadesGraph("CAF " + (root.get("version") or "").strip() if root.get("version") else "CAF")
    meta = _child(root, "metadata")
    if meta is not None:
        graph.title = one_line(meta.get("title") or "")
        graph.description = _first(_descriptions(meta))
        graph.creators = tuple(c.strip() for c in (meta.get("creator") or "").split(";") if c.strip())
        graph.date = (meta.get("date") or "").strip()
    for ref in _children(_child(root, "references"), "metadata"):
        key = (ref.get("key") or "").strip()
        if key:
            graph.references.setdefault(
                key,
                Reference(key, one_line(ref.get("title") or ""), one_line(ref.get("creator") or ""),
                          (ref.get("date") or "").strip(), (ref.get("identifier") or "").strip()),
            )  # fmt: skip
    if _child(root, "statements") is None and _child(root, "arguments") is None:
        raise InvalidContentError(path, "is a CAF file without <statements> or <arguments>")
    for el in _children(_child(root, "statements"), "statement"):
        texts = _descriptions(el)
        meta_texts = _descriptions(_child(el, "metadata"))
        atom = (el.get("atom") or "").strip()
        text = one_line(texts.get("en") or _first(texts) or meta_texts.get("en") or _first(meta_texts))
        notes = meta_texts.get("en") or _first(meta_texts)
        if not text and atom and not atom.startswith(("urn:", "(")):
            text = atom
        s = CStatement(
            id=(el.get("id") or "").strip(),
            text=text,
            notes=notes if one_line(notes) != text else "",
            main=_true(el.get("main")),
            atom=atom,
            standard=(el.get("standard") or "").strip(),
            weight=(el.get("weight") or "").strip(),
            translations={k: one_line(v) for k, v in texts.items() if k != "en" and one_line(v) != text},
        )
        m = _CITATION.search(notes or "") or _CITATION.search(" ".join(texts.values()))
        if m and m.group(1) in graph.references:
            s.citation = (m.group(1), m.group(2).strip())
        _add_statement(graph, s, report)
    _arguments(root, graph, "", report)
    return graph


# ----------------------------------------------------------------------------- LKIF
def parse_lkif(root: ET.Element, path: str | os.PathLike[str], report: ImportReport) -> CarneadesGraph:
    graphs = [g for ags in _children(root, "argument-graphs") for g in _children(ags, "argument-graph")]
    if not graphs:
        raise InvalidContentError(path, "is an LKIF file without an <argument-graph> (argmap reads LKIF argument graphs)")
    for other in ("sources", "theory"):
        if _child(root, other) is not None:
            report.dropped(f"LKIF <{other}> (rules and sources are not part of an argument map)", other)
    graph = CarneadesGraph("LKIF")
    titles = []
    main_issues: set[str] = set()
    for n, g in enumerate(graphs, 1):
        prefix = f"{(g.get('id') or '').strip() or f'graph{n}'}:" if len(graphs) > 1 else ""
        titles.append(one_line(g.get("title") or ""))
        if (g.get("main-issue") or "").strip():
            main_issues.add(prefix + g.get("main-issue", "").strip())
        for el in _children(_child(g, "statements"), "statement"):
            sentence = _child(el, "s")
            text = one_line("".join(sentence.itertext())) if sentence is not None else ""
            sid = (el.get("id") or "").strip()
            _add_statement(
                graph,
                CStatement(
                    id=prefix + sid if sid else "",
                    text=text,
                    standard=(el.get("standard") or "").strip(),
                    value=(el.get("value") or "").strip().lower(),
                    assumption=_true(el.get("assumption")),
                ),
                report,
            )
        _arguments(g, graph, prefix, report)
    if len(graphs) > 1:
        report.changed("LKIF argument graphs merged into one map (ids prefixed with the graph id)", f"{len(graphs)} graphs")
    for sid in main_issues:
        if sid in graph.statements:
            graph.statements[sid].main = True
    graph.title = "; ".join(t for t in titles if t)
    return graph
