"""Map checks: what a map is missing or gets wrong, as findings with a severity, a code
and the statement they concern. Runs on one map or on a folder of project files."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

import networkx as nx

from argmap.formats import load_project
from argmap.model import ArgumentMap, LinkKind, Statement, StatementKind
from argmap.reasoning.explain import support_status
from argmap.reasoning.framework import Framework, Label
from argmap.reasoning.labelling import Labelling
from argmap.reasoning.quotes import cited_document, locate, normalise, occurs_in
from argmap.util import plural

PROJECT_SUFFIX = ".argmap.json"


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "info": 2}[self.value]


#: Every finding code, its severity and what it means (docs/reasoning.md lists them).
CODES: dict[str, tuple[Severity, str]] = {
    "empty-text": (Severity.ERROR, "a statement with neither text nor title"),
    "quote-not-found": (Severity.ERROR, "an evidence quotation that does not occur in the cited document"),
    "support-cycle": (Severity.ERROR, "statements that support each other in a circle"),
    "position-no-support": (Severity.WARNING, "a position with no reason for it"),
    "position-unsupported": (Severity.WARNING, "a position none of whose reasons currently holds"),
    "evidence-no-source": (Severity.WARNING, "evidence without a source"),
    "source-document-missing": (Severity.WARNING, "the cited document cannot be found or read"),
    "isolated-statement": (Severity.WARNING, "a statement connected to nothing"),
    "rebuttal-attacks-nothing": (Severity.WARNING, "a rebuttal that attacks nothing"),
    "duplicate-text": (Severity.WARNING, "two statements with the same text"),
    "question-few-positions": (Severity.WARNING, "a question with fewer than two positions"),
    "no-text": (Severity.INFO, "a statement with a title but no text"),
    "quote-unchecked": (Severity.INFO, "a quotation that cannot be checked against a map document"),
}


@dataclass(frozen=True)
class Finding:
    """One thing a check found. ``id`` is the statement it concerns (None for the map)."""

    code: str
    message: str
    id: str | None = None
    related: tuple[str, ...] = ()
    severity: Severity = field(default=Severity.WARNING)

    def to_dict(self) -> dict[str, Any]:
        return {
            "severity": self.severity.value,
            "code": self.code,
            "id": self.id,
            "related": list(self.related),
            "message": self.message,
        }


def _finding(code: str, message: str, id_: str | None = None, related: Iterable[str] = ()) -> Finding:
    return Finding(code, message, id_, tuple(related), CODES[code][0])


def check_map(
    amap: ArgumentMap,
    base_dir: str | os.PathLike[str] | None = None,
    labels: Mapping[str, Label] | Labelling | None = None,
) -> list[Finding]:
    """Every finding for a map, errors first. ``base_dir`` is the project file's folder,
    where relative source-document paths are looked up (and in its parents)."""
    fw = Framework.from_map(amap)
    if labels is None:
        labels = fw.grounded()
    base = Path(base_dir) if base_dir is not None else None
    findings: list[Finding] = []
    findings += _text_checks(amap)
    findings += _structure_checks(amap, fw, labels)
    findings += _support_cycles(amap)
    findings += _evidence_checks(amap, base)
    order = {s.id: (s.order, s.id) for s in amap.statements()}
    return sorted(findings, key=lambda f: (f.severity.rank, order.get(f.id or "", (-1.0, "")), f.code))


def _q(s: Statement) -> str:
    return f"'{s.label()}'"


def _text_checks(amap: ArgumentMap) -> Iterator[Finding]:
    first: dict[str, Statement] = {}
    for s in sorted(amap.statements(), key=lambda s: (s.order, s.id)):
        if not s.text.strip():
            if s.title.strip():
                yield _finding("no-text", f"The {s.kind.value} {_q(s)} has a title but no text.", s.id)
            else:
                yield _finding("empty-text", f"A {s.kind.value} ({s.id}) has no text.", s.id)
            continue
        key = normalise(s.text).rstrip(".!?;: ")
        if key in first:
            other = first[key]
            yield _finding(
                "duplicate-text",
                f"The {s.kind.value} {_q(s)} has the same text as the {other.kind.value} {_q(other)}.",
                s.id,
                (other.id,),
            )
        else:
            first[key] = s


def _structure_checks(
    amap: ArgumentMap, fw: Framework, labels: Mapping[str, Label] | Labelling
) -> Iterator[Finding]:
    for s in amap.statements():
        links_in = fw.attackers.get(s.id, []) + fw.supporters.get(s.id, [])
        links_out = fw.uses.get(s.id, [])
        if s.kind is StatementKind.QUESTION:
            n = len(amap.positions(s.id))
            if n < 2:
                what = "no position answers it" if n == 0 else "only one position answers it"
                yield _finding(
                    "question-few-positions",
                    f"The question {_q(s)} has fewer than two positions: {what}. A debate needs alternatives.",
                    s.id,
                )
            continue
        if not links_in and not links_out and not (s.kind is StatementKind.POSITION and s.answers):
            yield _finding("isolated-statement", f"The {s.kind.value} {_q(s)} is connected to nothing.", s.id)
            continue
        if s.kind is StatementKind.POSITION:
            total, holding = support_status(amap, s.id, labels)
            if total == 0:
                yield _finding("position-no-support", f"The position {_q(s)} has no reason supporting it.", s.id)
            elif not holding:
                yield _finding(
                    "position-unsupported",
                    f"The position {_q(s)} has {plural(total, 'reason')}, but none currently holds "
                    "(each is OUT or UNDECIDED), so it is unsupported.",
                    s.id,
                )
        if s.kind is StatementKind.REBUTTAL and not any(fw.is_attack(link) for link in links_out):
            yield _finding(
                "rebuttal-attacks-nothing",
                f"The rebuttal {_q(s)} attacks nothing: connect it to what it objects to.",
                s.id,
            )


def _support_cycles(amap: ArgumentMap) -> Iterator[Finding]:
    edges = [(p, link.target) for link in amap.links() if link.kind is LinkKind.SUPPORT for p in link.premises]
    # Peel off statements no support reaches (a quick topological pass); only what is
    # left can lie on a cycle, and only that goes to networkx.
    waiting: dict[str, int] = {}
    out: dict[str, list[str]] = {}
    for a, b in edges:
        waiting[b] = waiting.get(b, 0) + 1
        waiting.setdefault(a, 0)
        out.setdefault(a, []).append(b)
    ready = [n for n, k in waiting.items() if k == 0]
    while ready:
        for b in out.get(ready.pop(), ()):
            waiting[b] -= 1
            if waiting[b] == 0:
                ready.append(b)
    left = {n for n, k in waiting.items() if k > 0}
    g = nx.DiGraph()
    g.add_edges_from((a, b) for a, b in edges if a in left and b in left)
    for comp in nx.strongly_connected_components(g):
        if len(comp) < 2:
            continue
        sub = g.subgraph(comp)
        start = min(comp)
        cycle = [u for u, _v in nx.find_cycle(sub, start)]
        names = " \u2192 ".join(_q(amap.statement(i)) for i in [*cycle, cycle[0]])
        yield _finding(
            "support-cycle",
            f"Circular reasoning: {names}. A statement cannot be a reason for itself.",
            cycle[0],
            sorted(comp - {cycle[0]}),
        )


def _evidence_checks(amap: ArgumentMap, base: Path | None) -> Iterator[Finding]:
    unchecked = 0
    for s in amap.statements():
        if s.kind is not StatementKind.EVIDENCE:
            continue
        source = s.source
        if source is None or source.is_empty():
            yield _finding("evidence-no-source", f"The evidence {_q(s)} has no source.", s.id)
            continue
        if not source.quotation.strip():
            continue
        doc = cited_document(amap.meta, source)
        if doc is None and not amap.meta.sources:
            unchecked += 1
            continue
        if doc is None:
            cites = f"cites {source.citation!r}, which is not" if source.citation else "cites nothing that is"
            yield _finding(
                "quote-unchecked",
                f"The quotation of {_q(s)} was not checked: it {cites} one of the map's source documents.",
                s.id,
            )
            continue
        found = locate(doc, base)
        if found.text is None:
            if found.path is not None:
                why = f"{found.path} cannot be read: {found.problem}"
            elif found.tried:
                why = f"{doc.path!r} was not found (looked in {', '.join(str(p.parent) for p in found.tried)})"
            else:
                why = found.problem
            yield _finding(
                "source-document-missing",
                f"Cannot check the quotation of {_q(s)} against '{doc.title or doc.id}': {why}.",
                s.id,
            )
        elif not occurs_in(source.quotation, found.text):
            yield _finding(
                "quote-not-found",
                f"The quotation of {_q(s)} does not occur in '{doc.title or doc.id}' ({found.path.name}): "
                "check the wording against the document.",
                s.id,
            )
    if unchecked:
        yield _finding(
            "quote-unchecked",
            f"{plural(unchecked, 'quotation')} {'was' if unchecked == 1 else 'were'} not checked: "
            "the map lists no source documents "
            "(add the article you quote under the map's sources).",
        )


# --------------------------------------------------------------------------- files
def project_files(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path]:
    """Each path as given, and for a folder every ``*.argmap.json`` under it, sorted."""
    for p in paths:
        path = Path(p)
        if path.is_dir():
            yield from sorted(q for q in path.rglob(f"*{PROJECT_SUFFIX}") if q.is_file())
        else:
            yield path


def check_file(path: str | os.PathLike[str]) -> list[Finding]:
    """Load a project file and check it. Raises ``FileFormatError`` for a broken file."""
    project = load_project(path)
    return check_map(project.map, Path(path).resolve().parent)


def has_errors(findings: Iterable[Finding]) -> bool:
    return any(f.severity is Severity.ERROR for f in findings)
