"""Carneades argument graphs, read: CAF XML (Carneades 3) and LKIF XML (Carneades 2).
Carneades 4 YAML is refused with a clear message (argmap has no YAML parser).

Mapping:

- A Carneades statement is a statement. A statement that is the premise of no argument
  and whose text ends with ``?`` (the main issue, or an IBIS issue like "Which car?") is
  a ``question``. A pro argument for a question with a single ordinary premise makes that
  premise a ``position`` answering it (no link: answering is argmap's question-position
  relation); other arguments about a question stay links to it. A main issue that is
  not phrased as a question is a ``position``. Every other statement gets its kind from
  its place in the graph (``infer_kinds``): a conclusion nothing builds on is a position,
  a premise a claim (``evidence`` when it cites a CAF reference), a premise of attacks
  only a rebuttal.
- A pro argument is a ``support`` link whose premises are all its ordinary premises
  (co-premises); a con argument an ``attack`` link. Each exception of an argument is an
  ``attack`` on that argument's link: an undercut. Assumption premises count as ordinary
  premises; a negative premise is kept as a premise and named in the link's notes.
- A CAF undercutter, the statement ``(undercut ARG)``, is folded away: every pro argument
  for it becomes an attack on ARG's link. One that other arguments use or dispute stays
  a statement attacking ARG's link; one that no argument supports is left out.
- An argument whose conclusion is another argument: con is an attack on its link; pro is
  approximated as support of that argument's conclusion (support targets statements).
- Schemes go to ``Link.scheme``; argument descriptions, titles and cited references to
  ``Link.notes``. Proof standards, weights, premise roles, acceptance values, assumptions,
  atoms and other-language texts are kept in ``MapMeta.extras["carneades"]``; LKIF
  ``value="true"/"false"`` (CAF ``weight`` 1.0/0.0) become ``accepted``/``rejected``
  ratings. CAF references become the map's source documents. Every approximation and
  everything left behind is in the report.
"""

from __future__ import annotations

import os
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

from argmap.formats.carneades_xml import Argument, CarneadesGraph, CStatement, Premise, local, parse_caf, parse_lkif
from argmap.formats.errors import WrongFormatError
from argmap.formats.foreign import IdMaker, build_map, check_answers, drop_broken_chains, finish_kinds
from argmap.formats.xml_safe import parse_xml_safely
from argmap.formats.reading import read_bytes
from argmap.formats.report import ImportReport
from argmap.model import ArgumentMap, Link, LinkKind, MapMeta, Rating, Source, SourceDocument, Statement, StatementKind

FORMAT = "Carneades"
YAML_MESSAGE = "Carneades YAML is not supported; export to CAF XML (argmap cannot read YAML)"
_COMMENT = re.compile(rb"<!--.*?-->", re.DOTALL)
_ELEMENT = re.compile(rb"<([A-Za-z_][^\s/>]*)")
_UNDERCUT = re.compile(r"^\(\s*undercut\s+(\S+?)\s*\)$")
_YAML_META = re.compile(r"(?m)^meta\s*:\s*$")
_YAML_KEYS = re.compile(r"(?m)^(statements|arguments|issues|argument_schemes)\s*:\s*$")


def looks_like_carneades(data: bytes) -> bool:
    """True for XML whose top element is ``<caf>`` or ``<lkif>`` (any namespace)."""
    m = _ELEMENT.search(_COMMENT.sub(b"", data[:8192]))
    return m is not None and local(m.group(1).decode("utf-8", "replace").replace(":", "}")).lower() in ("caf", "lkif")


def looks_like_carneades_yaml(data: bytes, path: str | os.PathLike[str] = "") -> bool:
    """True for a ``.yml``/``.yaml`` file, or text with Carneades 4's top-level keys."""
    if Path(path).suffix.lower() in (".yml", ".yaml"):
        return True
    text = data[:65536].decode("utf-8", "replace")
    return bool(_YAML_META.search(text) and _YAML_KEYS.search(text))


# ------------------------------------------------------------------------- reading
def read_carneades(path: str | os.PathLike[str]) -> tuple[ArgumentMap, ImportReport]:
    """Read a CAF or LKIF file. Raises a ``FileFormatError`` subclass on bad input."""
    return loads_carneades(read_bytes(path), path)


def loads_carneades(data: bytes, path: str | os.PathLike[str] = "<carneades>") -> tuple[ArgumentMap, ImportReport]:
    if not data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        if looks_like_carneades_yaml(data, path):
            text = data[:65536].decode("utf-8", "replace")
            if _YAML_KEYS.search(text) or _YAML_META.search(text):
                raise WrongFormatError(path, YAML_MESSAGE)
            raise WrongFormatError(path, "is YAML, which argmap cannot read")
        raise WrongFormatError(path, "is not Carneades XML (CAF or LKIF): it does not start with an XML tag (the file may be damaged)")
    root = parse_xml_safely(data, path)
    name = local(root.tag).lower()
    report = ImportReport(path=os.fspath(path), fmt=FORMAT)
    if name == "caf":
        graph = parse_caf(root, path, report)
    elif name == "lkif":
        graph = parse_lkif(root, path, report)
    else:
        raise WrongFormatError(path, f"is XML but not Carneades (the top element is <{name}>, not <caf> or <lkif>)")
    report.fmt = f"{FORMAT} {graph.dialect}"
    return carneades_map(graph, path, report)


class _Builder:
    """Turns a ``CarneadesGraph`` into statements and links, noting what it changed."""

    def __init__(self, graph: CarneadesGraph, report: ImportReport) -> None:
        self.g = graph
        self.report = report
        self.ids = IdMaker("c")
        self.sid = {fid: self.ids.make(fid) for fid in graph.statements}
        self.lid = [self.ids.make(a.id) for a in graph.arguments]
        self.first_arg: dict[str, int] = {}
        for i, a in enumerate(graph.arguments):
            if a.id in self.first_arg or a.id in graph.statements:
                report.repaired("duplicate argument ids (renamed)", a.id)
            self.first_arg.setdefault(a.id, i)
        self.premise_of = {p.statement for a in graph.arguments for p in a.premises}
        self.concluded: dict[str, list[Argument]] = defaultdict(list)
        for a in graph.arguments:
            self.concluded[a.conclusion].append(a)
        self.links: list[Link] = []
        self.answers: dict[str, str] = {}  # statement id -> question id
        self.notes: dict[str, list[str]] = defaultdict(list)
        self.extras: dict[str, Any] = {"dialect": graph.dialect}
        self._sort_undercutters()
        self.questions = {
            self.sid[s.id]
            for s in graph.statements.values()
            if s.id not in self.premise_of and s.id not in self.dropped and s.text.rstrip().endswith("?")
        }
        targeted = {a.conclusion for a in graph.arguments} | set(self.folded.values())
        self.targeted_args = targeted & set(self.first_arg)

    def _sort_undercutters(self) -> None:
        """CAF ``(undercut ARG)`` statements: fold, keep or drop (see the module doc)."""
        self.folded: dict[str, str] = {}  # undercutter -> argument id
        self.kept_undercutters: dict[str, str] = {}
        self.dropped: set[str] = set()
        for s in self.g.statements.values():
            m = _UNDERCUT.match(s.atom)
            if not m or m.group(1) not in self.first_arg:
                continue
            args = self.concluded.get(s.id, [])
            if s.id in self.premise_of or any(not a.pro for a in args):
                self.kept_undercutters[s.id] = m.group(1)
                self.report.changed("undercutters that arguments use or dispute, kept as statements attacking the argument", s.id)
            elif args:
                self.folded[s.id] = m.group(1)
            else:
                self.dropped.add(s.id)
                self.report.dropped("undercutters that no argument supports", s.id)

    def _target(self, a: Argument) -> tuple[LinkKind, str] | None:
        """The kind and target of the link for ``a``, or ``None`` (reported) if it has none."""
        c = a.conclusion
        if c in self.folded:
            return LinkKind.ATTACK, self.lid[self.first_arg[self.folded[c]]]
        if c in self.g.statements and c not in self.dropped:
            return (LinkKind.SUPPORT if a.pro else LinkKind.ATTACK), self.sid[c]
        if c in self.first_arg:
            if not a.pro:
                return LinkKind.ATTACK, self.lid[self.first_arg[c]]
            inner = self.g.arguments[self.first_arg[c]].conclusion
            if inner in self.g.statements and inner not in self.dropped:
                self.report.changed("pro arguments about an argument, read as support of its conclusion", a.id)
                return LinkKind.SUPPORT, self.sid[inner]
        self.report.dropped("arguments whose conclusion is missing", f"{a.id} -> {c or '(none)'}")
        return None

    def argument(self, i: int, a: Argument) -> None:
        found = self._target(a)
        if found is None:
            return
        kind, target = found
        ordinary: list[Premise] = []
        exceptions: list[Premise] = []
        seen: set[str] = set()
        for p in a.premises:
            if p.statement not in self.g.statements or p.statement in self.dropped or p.statement in self.folded:
                self.report.dropped("premises naming a missing statement", f"{a.id}: {p.statement}")
                continue
            sid = self.sid[p.statement]
            if sid == target:
                self.report.dropped("premises that are their argument's own conclusion", a.id)
                continue
            if sid in seen:
                self.report.repaired("duplicate premises of one argument (merged)", a.id)
                continue
            seen.add(sid)
            (exceptions if p.exception else ordinary).append(p)
        if not ordinary:
            self.report.dropped("arguments without an ordinary premise (a link needs one)", a.id)
            return
        notes = [a.notes] if a.notes else []
        negated = [p for p in ordinary if not p.positive]
        if negated:
            notes.append("Negated premises (this argument needs them to be false): " + "; ".join(f"\u201c{self.g.statements[p.statement].text}\u201d" for p in negated))
            self.report.changed("negative premises kept as premises (named in the link's notes)", a.id)
        if any(p.assumption for p in ordinary):
            self.report.noted("assumption premises read as ordinary premises", a.id)
        refs = [self._reference(k) for k in a.sources]
        if refs:
            notes.append("Source: " + "; ".join(refs))
        single = ordinary[0].statement if len(ordinary) == 1 and ordinary[0].positive else None
        if (
            kind is LinkKind.SUPPORT and target in self.questions and single is not None and not exceptions
            and self.sid[single] not in self.questions and self.sid[single] not in self.answers and a.id not in self.targeted_args
        ):  # fmt: skip
            self.answers[self.sid[single]] = target
            self.notes[self.sid[single]].extend(notes)
            self.extras.setdefault("answer_arguments", {})[self.sid[single]] = a.id
            self.report.noted("pro arguments for a question read as positions answering it", a.id)
            return
        lid = self.lid[i]
        self.links.append(Link(lid, kind, tuple(self.sid[p.statement] for p in ordinary), target, scheme=a.scheme, notes="\n\n".join(notes)))
        roles = {self.sid[p.statement]: p.role for p in [*ordinary, *exceptions] if p.role}
        if roles:
            self.extras.setdefault("premise_roles", {})[lid] = roles
        if a.weight:
            self.extras.setdefault("argument_weights", {})[lid] = a.weight
        if a.strict:
            self.extras.setdefault("strict_arguments", []).append(lid)
        for p in exceptions:
            if not p.positive:
                self.report.changed("negative exceptions read as plain exceptions", a.id)
            eid = self.ids.make(f"{lid}-unless-{self.sid[p.statement]}")
            self.links.append(Link(eid, LinkKind.ATTACK, (self.sid[p.statement],), lid, scheme="exception"))

    def _reference(self, key: str) -> str:
        ref = self.g.references.get(key)
        if ref is None:
            return key
        return ", ".join(x for x in (ref.creator, ref.title, ref.date, ref.identifier) if x)

    def undercutter_links(self) -> None:
        for fid, arg in self.kept_undercutters.items():
            lid = self.ids.make(f"{self.sid[fid]}-undercuts")
            self.links.append(Link(lid, LinkKind.ATTACK, (self.sid[fid],), self.lid[self.first_arg[arg]], scheme="undercut"))

    def statement(self, s: CStatement) -> Statement:
        sid = self.sid[s.id]
        text = s.text
        if not text and s.id in self.kept_undercutters:
            arg = self.g.arguments[self.first_arg[self.kept_undercutters[s.id]]]
            about = self.g.statements.get(arg.conclusion)
            text = f"The argument for \u201c{about.text if about else arg.conclusion}\u201d does not apply."
        if not text:
            self.report.changed("statements without text (left empty)", s.id)
        if sid in self.questions:
            kind = StatementKind.QUESTION
        elif sid in self.answers or (s.main and s.id not in self.premise_of):
            kind = StatementKind.POSITION
        else:
            kind = StatementKind.CLAIM  # inferred later from the links
        rating = None
        if s.value in ("true", "false"):
            rating = Rating.ACCEPTED if s.value == "true" else Rating.REJECTED
        elif s.weight in ("1", "1.0", "0", "0.0"):
            rating = Rating.ACCEPTED if s.weight.startswith("1") else Rating.REJECTED
        if rating is not None:
            self.report.noted("Carneades acceptance read as ratings (accepted / rejected)", s.id)
        notes = "\n\n".join(n for n in (s.notes, *self.notes.get(sid, ())) if n)
        return Statement(sid, kind, text, notes=notes, source=self._source(s), answers=self.answers.get(sid), rating=rating)

    def _source(self, s: CStatement) -> Source | None:
        if s.citation is None:
            return None
        ref = self.g.references[s.citation[0]]
        citation = ", ".join(x for x in (ref.creator, ref.title) if x) or ref.key
        url = ref.identifier if ref.identifier.startswith(("http://", "https://")) else ""
        return Source(citation=citation, url=url, locator=s.citation[1], date=ref.date)

    def keep_extras(self) -> None:
        stmts = [s for s in self.g.statements.values() if s.id not in self.folded and s.id not in self.dropped]
        fields = {
            "proof_standards": {self.sid[s.id]: s.standard for s in stmts if s.standard},
            "values": {self.sid[s.id]: s.value for s in stmts if s.value},
            "weights": {self.sid[s.id]: s.weight for s in stmts if s.weight},
            "assumptions": [self.sid[s.id] for s in stmts if s.assumption],
            "atoms": {self.sid[s.id]: s.atom for s in stmts if s.atom and s.atom != s.id},
            "translations": {self.sid[s.id]: s.translations for s in stmts if s.translations},
        }
        for key, value in fields.items():
            if value:
                self.extras[key] = value
        names = {
            "proof_standards": "proof standards of statements",
            "argument_weights": "argument weights",
            "premise_roles": "arguments with premise roles",
            "translations": "statements with texts in other languages",
            "assumptions": "assumed statements",
            "strict_arguments": "strict arguments",
        }
        for key, what in names.items():
            if self.extras.get(key):
                self.report.kept(f"{what} (in the map's extras)", count=len(self.extras[key]))


def carneades_map(graph: CarneadesGraph, path: str | os.PathLike[str], report: ImportReport) -> tuple[ArgumentMap, ImportReport]:
    """The map of a parsed Carneades graph, built and laid out, with ``report`` filled in."""
    b = _Builder(graph, report)
    for i, a in enumerate(graph.arguments):
        b.argument(i, a)
    b.undercutter_links()
    link_ids = set(b.lid)
    links = drop_broken_chains(b.links, lambda l: l.id, lambda l: l.target, lambda t: t in link_ids, report, "arguments")
    statements = [b.statement(s) for s in graph.statements.values() if s.id not in b.folded and s.id not in b.dropped]
    explicit = {s.id for s in statements if s.kind is not StatementKind.CLAIM}
    statements = check_answers(finish_kinds(statements, links, explicit), report)
    b.keep_extras()
    if graph.date:
        b.extras["date"] = graph.date
    sources = tuple(
        SourceDocument(r.key, r.title or r.key, url=r.identifier if r.identifier.startswith(("http://", "https://")) else "")
        for r in graph.references.values()
    )
    title = graph.title or Path(os.fspath(path)).stem
    meta = MapMeta(title=title, description=graph.description, authors=graph.creators, sources=sources, extras=(("carneades", b.extras),))
    amap = build_map(path, meta, statements, links)
    report.statements = len(statements)
    report.links = len(links)
    return amap, report
