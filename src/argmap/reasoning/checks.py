"""Map checks: what a map is missing or gets wrong, as findings with a severity, a code
and the statement they concern. Runs on one map (reading project files is the caller's:
``argmap.cli.check``)."""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from argmap.model import ArgumentMap, LinkKind, SourceDocument, Statement, StatementKind, passages
from argmap.reasoning.framework import IN, Framework, Label
from argmap.reasoning.labelling import Labelling, weighed
from argmap.reasoning.quotes import Located, cited_document, locate, normalise, occurs_in
from argmap.reasoning.weighing import weigh
from argmap.util import plural


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
    "position-unsupported": (
        Severity.WARNING,
        "a position that stands, unsupported: it is IN, but none of its reasons holds",
    ),
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
    #: A fix on offer: for ``quote-not-found``, the closest passage of the document
    #: (the quotation could be replaced by it), and that passage's locator.
    suggestion: str = ""
    suggestion_locator: str = ""

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "severity": self.severity.value,
            "code": self.code,
            "id": self.id,
            "related": list(self.related),
            "message": self.message,
        }
        if self.suggestion:
            out["suggestion"] = {"quotation": self.suggestion, "locator": self.suggestion_locator}
        return out


def _finding(code: str, message: str, id_: str | None = None, related: Iterable[str] = ()) -> Finding:
    return Finding(code, message, id_, tuple(related), CODES[code][0])


@dataclass
class CheckContext:
    """What the per-statement rules read besides the statement: the map, its compiled
    framework, the labels, which positions answer each question and where documents are."""

    amap: ArgumentMap
    fw: Framework
    labels: Mapping[str, Label]
    answered_by: dict[str, set[str]]  # kept up to date by the incremental checker
    base: Path | None = None
    located: dict[SourceDocument, Located] = field(default_factory=dict)  # one pass's lookups

    def locate(self, doc: SourceDocument) -> Located:
        found = self.located.get(doc)
        if found is None:
            found = self.located[doc] = locate(doc, self.base)
        return found


def answered_by(amap: ArgumentMap) -> dict[str, set[str]]:
    """Question id -> ids of the positions answering it (questions with none omitted)."""
    out: dict[str, set[str]] = {}
    for s in amap.statements():
        if s.answers is not None:
            out.setdefault(s.answers, set()).add(s.id)
    return out


def check_map(
    amap: ArgumentMap,
    base_dir: str | os.PathLike[str] | None = None,
    labels: Mapping[str, Label] | Labelling | None = None,
) -> list[Finding]:
    """Every finding for a map, errors first. ``base_dir`` is the project file's folder,
    where relative source-document paths are looked up (and in its parents).
    ``labels``: the labels whose verdicts the checks use (default: weighed, the
    default semantics of the evaluation, so a check never contradicts the verdict)."""
    fw = Framework.from_map(amap)
    if labels is None:
        labels = weighed_labels(amap, fw, base_dir)
    base = Path(base_dir) if base_dir is not None else None
    ctx = CheckContext(amap, fw, labels.labels if isinstance(labels, Labelling) else labels, answered_by(amap), base)
    findings: list[Finding] = []
    unchecked = 0
    first: dict[str, Statement] = {}
    for s in sorted(amap.statements(), key=_by_order):
        found, quote_unchecked = statement_findings(ctx, s)
        findings += found
        unchecked += quote_unchecked
        key = text_key(s)
        if key is None:
            continue
        if key in first:
            findings.append(duplicate_finding(s, first[key]))
        else:
            first[key] = s
    for comp in support_components(fw):
        findings.append(cycle_finding(amap, fw, comp))
    summary = unchecked_finding(unchecked)
    if summary is not None:
        findings.append(summary)
    order = {s.id: (s.order, s.id) for s in amap.statements()}
    return sorted(findings, key=lambda f: (f.severity.rank, order.get(f.id or "", _MAP_ORDER), f.code))


_MAP_ORDER = (-1.0, "")


def weighed_labels(
    amap: ArgumentMap, fw: Framework, base_dir: str | os.PathLike[str] | None = None
) -> Mapping[str, Label]:
    """The weighed labels (the evaluation's default semantics) over ``fw``, the map's
    compiled framework; quotations are checked from ``base_dir``."""
    base = Path(base_dir) if base_dir is not None else None
    return weighed(amap, weigh(amap, base), framework=fw).labels


def finding_key(f: Finding, s: Statement | None) -> tuple[int, tuple[float, str], str]:
    """Where a finding sorts: severity, then its statement's outline order (``s`` is the
    statement it concerns; map findings first), then its code."""
    return (f.severity.rank, (s.order, s.id) if s is not None else _MAP_ORDER, f.code)


def _by_order(s: Statement) -> tuple[float, str]:
    return (s.order, s.id)


def _q(s: Statement) -> str:
    return f"'{s.label()}'"


# ----------------------------------------------------------------- one statement
def statement_findings(ctx: CheckContext, s: Statement) -> tuple[list[Finding], bool]:
    """The findings about one statement alone (all but duplicates and cycles), and
    whether it has a quotation that no map document can check (counted map-wide)."""
    out: list[Finding] = []
    if not s.text.strip():
        if s.title.strip():
            out.append(_finding("no-text", f"The {s.kind.value} {_q(s)} has a title but no text.", s.id))
        else:
            out.append(_finding("empty-text", f"A {s.kind.value} ({s.id}) has no text.", s.id))
    structure = _structure_finding(ctx, s)
    if structure is not None:
        out.append(structure)
    unchecked = False
    if s.kind is StatementKind.EVIDENCE:
        evidence = _evidence_finding(ctx, s)
        if evidence is _UNCHECKED:
            unchecked = True
        elif evidence is not None:
            out.append(evidence)
    return out, unchecked


def _structure_finding(ctx: CheckContext, s: Statement) -> Finding | None:
    fw = ctx.fw
    if s.kind is StatementKind.QUESTION:
        n = len(ctx.answered_by.get(s.id, ()))
        if n >= 2:
            return None
        what = "no position answers it" if n == 0 else "only one position answers it"
        return _finding(
            "question-few-positions",
            f"The question {_q(s)} has fewer than two positions: {what}. A debate needs alternatives.",
            s.id,
        )
    supports = fw.supporters.get(s.id, ())
    links_out = fw.uses.get(s.id, ())
    if not supports and not fw.attackers.get(s.id) and not links_out:
        if not (s.kind is StatementKind.POSITION and s.answers):
            return _finding("isolated-statement", f"The {s.kind.value} {_q(s)} is connected to nothing.", s.id)
    if s.kind is StatementKind.POSITION:
        if not supports:
            return _finding("position-no-support", f"The position {_q(s)} has no reason supporting it.", s.id)
        if ctx.labels.get(s.id) is IN and not any(ctx.labels.get(link) is IN for link in supports):
            n = len(supports)
            reasons = "its only reason does not hold" if n == 1 else f"none of its {n} reasons holds"
            return _finding(
                "position-unsupported",
                f"The position {_q(s)} stands, unsupported: no attack on it succeeds, but {reasons}, "
                "so nothing speaks for it. Give it a reason that holds.",
                s.id,
            )
    if s.kind is StatementKind.REBUTTAL and not any(fw.is_attack(link) for link in links_out):
        return _finding(
            "rebuttal-attacks-nothing",
            f"The rebuttal {_q(s)} attacks nothing: connect it to what it objects to.",
            s.id,
        )
    return None


#: Stands for "a quotation no map document can check" (reported once for the map).
_UNCHECKED = Finding("quote-unchecked", "")


def _evidence_finding(ctx: CheckContext, s: Statement) -> Finding | None:
    source = s.source
    if source is None or source.is_empty():
        return _finding("evidence-no-source", f"The evidence {_q(s)} has no source.", s.id)
    if not source.quotation.strip():
        return None
    meta = ctx.amap.meta
    doc = cited_document(meta, source)
    if doc is None and not meta.sources:
        return _UNCHECKED
    if doc is None:
        cites = f"cites {source.citation!r}, which is not" if source.citation else "cites nothing that is"
        return _finding(
            "quote-unchecked",
            f"The quotation of {_q(s)} was not checked: it {cites} one of the map's source documents.",
            s.id,
        )
    if doc.text:
        return _embedded_finding(s, source.quotation, doc)
    found = ctx.locate(doc)
    if found.text is None:
        if found.path is not None:
            why = f"{found.path} cannot be read: {found.problem}"
        elif found.tried:
            why = f"{doc.path!r} was not found (looked in {', '.join(str(p.parent) for p in found.tried)})"
        else:
            why = found.problem
        return _finding(
            "source-document-missing",
            f"Cannot check the quotation of {_q(s)} against '{doc.title or doc.id}': {why}.",
            s.id,
        )
    if not occurs_in(source.quotation, found.text):
        where = f"'{doc.title or doc.id}' ({found.path.name if found.path else doc.path})"
        return _not_found(s, source.quotation, where, found.text, doc.title)
    return None


def _embedded_finding(s: Statement, quotation: str, doc: SourceDocument) -> Finding | None:
    """Check a quotation against the text embedded in the project (checked first)."""
    if passages.find(doc.text, quotation) is not None:
        return None
    return _not_found(s, quotation, f"'{doc.title or doc.id}'", doc.text, doc.title)


def _not_found(s: Statement, quotation: str, where: str, text: str, title: str) -> Finding:
    near = passages.closest(text, quotation, title)
    if near is None:
        return _finding(
            "quote-not-found",
            f"The quotation of {_q(s)} does not occur in {where}: check the wording against the document.",
            s.id,
        )
    passage = " ".join(text[near.start : near.end].split())
    loc = passages.locator(text, near, title)
    short = passage if len(passage) <= 160 else passage[:159] + "\u2026"
    message = (
        f"The quotation of {_q(s)} does not occur in {where}. "
        f"The closest passage ({loc}) reads: \u201c{short}\u201d"
    )
    return Finding("quote-not-found", message, s.id, (), CODES["quote-not-found"][0], passage, loc)


def unchecked_finding(count: int) -> Finding | None:
    """The one map-wide note for quotations that no map document can check."""
    if not count:
        return None
    return _finding(
        "quote-unchecked",
        f"{plural(count, 'quotation')} {'was' if count == 1 else 'were'} not checked: "
        "the map lists no source documents "
        "(add the article you quote under the map's sources).",
    )


# -------------------------------------------------------------------- duplicates
def text_key(s: Statement) -> str | None:
    """What two statements must share to count as duplicates (None for a blank text)."""
    if not s.text.strip():
        return None
    return normalise(s.text).rstrip(".!?;: ")


def duplicate_finding(s: Statement, first: Statement) -> Finding:
    """``s`` repeats the text of ``first``, the earliest statement (in outline order)
    with the same ``text_key``."""
    return _finding(
        "duplicate-text",
        f"The {s.kind.value} {_q(s)} has the same text as the {first.kind.value} {_q(first)}.",
        s.id,
        (first.id,),
    )


# ---------------------------------------------------------------- support cycles
def support_successors(fw: Framework, id_: str) -> list[str]:
    """The statements that ``id_`` is a reason for (targets of its support links)."""
    kind, target = fw.kind, fw.target
    return [target[link] for link in fw.uses.get(id_, ()) if kind[link] is LinkKind.SUPPORT]


def support_components(fw: Framework, nodes: Iterable[str] | None = None) -> list[frozenset[str]]:
    """The support cycles among ``nodes`` (default: all statements): each strongly
    connected group (two or more statements) of the support graph restricted to them.
    Exact when ``nodes`` holds everything a support link leads to from any of them."""
    succ: dict[str, list[str]]
    if nodes is None:
        succ = {}
        for link, kind in fw.kind.items():
            if kind is LinkKind.SUPPORT:
                t = fw.target[link]
                succ.setdefault(t, [])
                for p in fw.premises[link]:
                    succ.setdefault(p, []).append(t)
    else:
        inside = set(nodes)
        succ = {n: [t for t in support_successors(fw, n) if t in inside] for n in inside}
    # Peel off statements no support inside reaches (a quick topological pass): none
    # of them lies on a cycle.
    waiting = dict.fromkeys(succ, 0)
    for targets in succ.values():
        for t in targets:
            waiting[t] += 1
    ready = [n for n, k in waiting.items() if k == 0]
    while ready:
        for t in succ[ready.pop()]:
            waiting[t] -= 1
            if waiting[t] == 0:
                ready.append(t)
    return _strong_components({n for n, k in waiting.items() if k > 0}, succ)


def _strong_components(nodes: set[str], succ: Mapping[str, list[str]]) -> list[frozenset[str]]:
    """Tarjan's algorithm without recursion; components of one node are left out."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[frozenset[str]] = []
    for root in sorted(nodes):
        if root in index:
            continue
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        work = [(root, iter(succ[root]))]
        while work:
            v, targets = work[-1]
            for w in targets:
                if w not in nodes:
                    continue
                if w not in index:
                    index[w] = low[w] = len(index)
                    stack.append(w)
                    on_stack.add(w)
                    work.append((w, iter(succ[w])))
                    break
                if w in on_stack:
                    low[v] = min(low[v], index[w])
            else:
                work.pop()
                if work:
                    u = work[-1][0]
                    low[u] = min(low[u], low[v])
                if low[v] == index[v]:
                    comp = []
                    while True:
                        w = stack.pop()
                        on_stack.discard(w)
                        comp.append(w)
                        if w == v:
                            break
                    if len(comp) > 1:
                        out.append(frozenset(comp))
    return out


def cycle_finding(amap: ArgumentMap, fw: Framework, comp: frozenset[str]) -> Finding:
    """The finding for one support cycle: the shortest circle through its first id."""
    start = min(comp)
    parent: dict[str, str] = {}
    queue = deque([start])
    cycle = [start]
    while queue:
        v = queue.popleft()
        targets = sorted(t for t in support_successors(fw, v) if t in comp)
        if start in targets:
            path = [v]
            while path[-1] != start:
                path.append(parent[path[-1]])
            cycle = path[::-1]
            break
        for t in targets:
            if t not in parent and t != start:
                parent[t] = v
                queue.append(t)
    names = " \u2192 ".join(_q(amap.statement(i)) for i in [*cycle, start])
    return _finding(
        "support-cycle",
        f"Circular reasoning: {names}. A statement cannot be a reason for itself.",
        start,
        sorted(comp - {start}),
    )


def has_errors(findings: Iterable[Finding]) -> bool:
    return any(f.severity is Severity.ERROR for f in findings)
