"""Read Argdown into a map: statements, arguments and relations become statements and
links, with a report of everything approximated.

Rules (the syntax itself is parsed by ``argdown_syntax``):

- Every statement equivalence class (equal titles = one statement) is a statement; an
  untitled one gets no title. Statements only referenced, never given a text, use their
  title as text. ``#tags`` become tags; ``{source:, url:, quote:}`` data becomes the
  statement's source; ``{kind: …}`` sets the kind, otherwise ``infer_kinds`` decides.
- An argument with a premise-conclusion structure becomes support links, one per
  inference: the premises since the previous conclusion (and that conclusion) support
  the next conclusion; several premises are a co-premise group. The inference rule is
  the link's scheme, the argument's description its notes, its title is kept in extras.
- An argument without one (``<A>: text``) is a statement (text = description).
- Relations: support/entails -> support link; attack/contrary -> attack link;
  contradictory (``><``) -> two attack links; undercut of a reconstructed argument ->
  attack on its last inference; undercut of a sketched argument -> attack on its only
  outgoing link (else on the argument itself). An attack on a reconstructed argument is
  read as an attack on its inference; a support of one as a support of its conclusion.
- argmap's own output marks co-premise attacks and attacks on links as arguments with
  ``{link: attack}`` data: premises are the statements that support it, the target is
  the one thing it attacks or undercuts.
"""

from __future__ import annotations

import os
from typing import Any

from argmap.formats.argdown_syntax import UNTITLED, ArgdownDoc, Ref, parse_argdown
from argmap.formats.foreign import (
    build_map,
    drop_broken_chains,
    finish_kinds,
    link_from_data,
    set_extra,
    statement_from_data,
)
from argmap.formats.reading import check_map_size, decode_utf8, read_bytes
from argmap.formats.report import ImportReport
from argmap.model import ArgumentMap, Basis, Link, LinkKind, MapMeta, Source, SourceDocument, Statement, StatementKind
from argmap.model.types import replace
from argmap.util import gc_paused

FORMAT = "Argdown"
_SOURCE_KEYS = {"source": "citation", "citation": "citation", "url": "url", "quote": "quotation", "locator": "locator", "page": "locator", "date": "date"}
_OWN_KEYS = {"kind", "notes", "answers", "order", "rating", "credence", "untitled", "basis", "tags", "title"}


def read_argdown(path: str | os.PathLike[str]) -> tuple[ArgumentMap, ImportReport]:
    """Read an Argdown file. Raises a ``FileFormatError`` subclass on bad input."""
    return loads_argdown(decode_utf8(read_bytes(path), path), path)


def loads_argdown(text: str, path: str | os.PathLike[str] = "<argdown>") -> tuple[ArgumentMap, ImportReport]:
    # Reading allocates several objects per statement and frees almost none: with the
    # collector on, it rescans the growing heap again and again (about a third of the
    # time on 2 MB of short statements, bench/bench_argdown_hostile.py).
    with gc_paused():
        doc = parse_argdown(text, path)
        return argdown_to_map(doc, path)


def argdown_to_map(doc: ArgdownDoc, path: str | os.PathLike[str] = "<argdown>") -> tuple[ArgumentMap, ImportReport]:
    # Refuse an oversized map before building it (each relation becomes at most one link).
    check_map_size(len(doc.statements) + len(doc.arguments) + len(doc.relations), path, about=True)
    report = ImportReport(path=os.fspath(path), fmt=FORMAT)
    for what, example in doc.notes:
        report.repaired(what, example)
    if doc.headings:
        report.dropped("headings (sections are not part of the map)", count=doc.headings)
    b = _Builder(doc, report)
    b.build()
    meta = _meta(doc, b)
    statements = finish_kinds(list(b.statements.values()), b.links, b.explicit)
    statements = b.resolve_answers(statements)
    amap = build_map(path, meta, statements, b.links)
    report.statements = len(statements)
    report.links = len(b.links)
    return amap, report


class _Builder:
    def __init__(self, doc: ArgdownDoc, report: ImportReport) -> None:
        self.doc = doc
        self.report = report
        self.statements: dict[str, Statement] = {}
        self.explicit: set[str] = set()
        self.links: list[Link] = []
        self.link_keys: set[tuple[LinkKind, tuple[str, ...], str]] = set()
        self.sid: dict[Ref, str] = {}  # statement or sketched argument -> statement id
        self.main_link: dict[str, str] = {}  # reconstructed/special argument key -> link id
        self.argument_statements: list[str] = []
        self.argument_titles: dict[str, str] = {}
        self.answers: dict[str, str] = {}
        self.extra_data: dict[str, Any] = {}
        self._n = 0

    def new_id(self, prefix: str) -> str:
        self._n += 1
        return f"{prefix}{self._n}"

    # ------------------------------------------------------------------- nodes
    def build(self) -> None:
        doc = self.doc
        # in file order (link ids and the report follow it)
        special = dict.fromkeys(k for k, a in doc.arguments.items() if not a.pcs and a.data.get("link") in ("support", "attack"))
        for key, node in doc.statements.items():
            self.add_statement(("s", key), node)
        for key, arg in doc.arguments.items():
            if not arg.pcs and key not in special:
                self.add_statement(("a", key), arg)
                self.argument_statements.append(self.sid[("a", key)])
        for key in special:
            self.main_link[key] = self.new_id("l")
        for key, arg in doc.arguments.items():
            if arg.pcs:
                self.add_reconstruction(key, arg)
        consumed = self.add_special(special)
        relations = [r for i, r in enumerate(doc.relations) if i not in consumed]
        for r in relations:
            if r.type != "undercut":
                self.add_relation(r.type, r.source, r.target, r.line)
        own = list(self.links)
        for r in relations:
            if r.type == "undercut":
                self.add_undercut(r.source, r.target, r.line, own)
        link_ids = {link.id for link in self.links}
        self.links = drop_broken_chains(
            self.links, lambda link: link.id, lambda link: link.target, link_ids.__contains__, self.report
        )

    def add_statement(self, ref: Ref, node: Any) -> None:
        sid = self.new_id("s")
        self.sid[ref] = sid
        title = "" if node.key.startswith(UNTITLED) or node.data.get("untitled") is True else node.title
        text = node.text
        if not text:
            text = node.title
            if ref[0] == "s":
                self.report.repaired("statements referenced but never given a text (the title is used)", node.title)
        data = node.data
        tags = tuple(node.tags)
        listed = data.get("tags")
        if isinstance(listed, list) and all(isinstance(t, str) for t in listed):
            # Tags an Argdown tag cannot hold (comment markers, brackets) are written as
            # data, all of them in their order.
            tags = tuple(dict.fromkeys(t for t in listed if t))
        s = Statement(sid, StatementKind.CLAIM, text, title=title, tags=tags)
        if not data:
            self.statements[sid] = s  # no data block: nothing more to read
            return
        own = {k: v for k, v in data.items() if k in _OWN_KEYS and k not in ("answers", "tags", "title", "untitled")}
        if own:
            s = statement_from_data(s, own, self.report, f"line {node.line}")
            if "kind" in own and s.kind.value == own["kind"]:
                self.explicit.add(sid)
        source = _source(data)
        if source is not None:
            s = replace(s, source=source)
        if isinstance(data.get("answers"), str):
            self.answers[sid] = data["answers"]
        rest = {k: v for k, v in data.items() if k not in _OWN_KEYS and k not in _SOURCE_KEYS and k != "link"}
        if rest:
            self.extra_data[sid] = rest
            self.report.kept("data keys argmap does not use", ", ".join(sorted(rest)))
        self.statements[sid] = s

    def add_link(self, kind: LinkKind, premises: list[str], target: str, line: int, **kw: Any) -> str | None:
        prem = tuple(dict.fromkeys(p for p in premises if p != target))
        if not prem:
            self.report.dropped("relations of a statement to itself", f"line {line}")
            return None
        key = (kind, prem, target)
        if "link_id" not in kw:
            # A plain relation repeating another one merges with it; an argument (a
            # reconstruction or argmap's {link: …} block) is a link of its own, also
            # when it repeats a relation's premises and target (as argmap writes
            # parallel links).
            if key in self.link_keys:
                self.report.repaired("relations repeating an earlier one (merged)", f"line {line}")
                return None
            self.link_keys.add(key)
        link_id = kw.pop("link_id", None) or self.new_id("l")
        link = Link(link_id, kind, prem, target)
        data = kw.pop("data", None)
        link = replace(link, **kw)
        if data:
            link = link_from_data(link, data)
        self.links.append(link)
        return link_id

    def add_reconstruction(self, key: str, arg: Any) -> None:
        since: list[str] = []
        last = None
        items = arg.pcs
        for i, (kind, value) in enumerate(items):
            if kind == "s":
                since.append(self.sid[("s", value)])
                continue
            if i + 1 >= len(items) or items[i + 1][0] != "s":
                continue
            rule, data, line = value
            data = data if isinstance(data, dict) else {}
            conclusion = self.sid[("s", items[i + 1][1])]
            is_last = i + 2 >= len(items)
            link_kind = LinkKind.ATTACK if data.get("kind") == "attack" else LinkKind.SUPPORT
            scheme = str(data.get("scheme") or rule or "")
            notes = arg.text if is_last and arg.text and "notes" not in data else ""
            last = self.add_link(link_kind, since, conclusion, line, scheme=scheme, notes=notes, data=data, link_id=self.new_id("l")) or last
            since = []
        if last is not None:
            self.main_link[key] = last
            if not key.startswith(UNTITLED):
                self.argument_titles[last] = arg.title

    def add_special(self, special: dict[str, None]) -> set[int]:
        """argmap's own ``{link: …}`` arguments: premises support them, they point at one target."""
        consumed: set[int] = set()
        for key in special:
            arg = self.doc.arguments[key]
            ins = [i for i, r in enumerate(self.doc.relations) if r.target == ("a", key) and r.type == "support" and r.source in self.sid]
            outs = [i for i, r in enumerate(self.doc.relations) if r.source == ("a", key)]
            target = self.target_of(self.doc.relations[outs[0]].target) if len(outs) == 1 else None
            if not ins or target is None:
                self.report.dropped("argmap link arguments without premises or a single target", arg.title)
                continue
            consumed.update(ins + outs)
            premises = [self.sid[self.doc.relations[i].source] for i in ins]
            kind = LinkKind.ATTACK if arg.data.get("link") == "attack" else LinkKind.SUPPORT
            if kind is LinkKind.SUPPORT and target not in self.statements:
                self.report.dropped("supports aimed at an inference (argmap supports statements only)", arg.title)
                continue
            data = dict(arg.data)
            self.add_link(kind, premises, target, arg.line, link_id=self.main_link[key], scheme=str(data.get("scheme") or ""), data=data)
            if not key.startswith(UNTITLED):
                self.argument_titles[self.main_link[key]] = arg.title
        return consumed

    def target_of(self, ref: Ref) -> str | None:
        if ref in self.sid:
            return self.sid[ref]
        if ref[0] == "a" and ref[1] in self.main_link:
            return self.main_link[ref[1]]
        return None

    # --------------------------------------------------------------- relations
    def add_relation(self, rtype: str, source: Ref, target: Ref, line: int) -> None:
        src = self.sid.get(source)
        if src is None:
            self.report.dropped("relations from an argument with no conclusion", f"line {line}")
            return
        reconstructed = target[0] == "a" and target not in self.sid
        if rtype in ("support", "entails"):
            if reconstructed:
                conclusion = self.doc.conclusion(target[1])
                if conclusion is None:
                    return
                self.report.changed("supports of a reconstructed argument, read as supports of its conclusion", f"line {line}")
                self.add_link(LinkKind.SUPPORT, [src], self.sid[("s", conclusion)], line)
            else:
                self.add_link(LinkKind.SUPPORT, [src], self.sid[target], line)
            return
        dest = self.target_of(target)
        if dest is None:
            return
        if reconstructed:
            self.report.changed("attacks on a reconstructed argument, read as attacks on its inference", f"line {line}")
        self.add_link(LinkKind.ATTACK, [src], dest, line)
        if rtype == "contradictory" and not reconstructed:
            self.report.changed("contradictions (><), read as two attacks", f"line {line}")
            self.add_link(LinkKind.ATTACK, [dest], src, line)

    def add_undercut(self, source: Ref, target: Ref, line: int, own: list[Link]) -> None:
        src = self.sid.get(source)
        if src is None:
            return
        if target in self.sid:
            sid = self.sid[target]
            outgoing = [link for link in own if sid in link.premises]
            if len(outgoing) == 1:
                self.add_link(LinkKind.ATTACK, [src], outgoing[0].id, line)
            else:
                self.report.changed("undercuts of an argument with no single inference, read as attacks on it", f"line {line}")
                self.add_link(LinkKind.ATTACK, [src], sid, line)
            return
        dest = self.target_of(target)
        if dest is not None:
            self.add_link(LinkKind.ATTACK, [src], dest, line)

    def resolve_answers(self, statements: list[Statement]) -> list[Statement]:
        if not self.answers:
            return statements  # no statement names a question (the usual case)
        by_title = {s.title or "": s.id for s in statements if s.kind is StatementKind.QUESTION}
        for key, node in self.doc.statements.items():
            sid = self.sid[("s", key)]
            if self.statements[sid].kind is StatementKind.QUESTION:
                by_title[node.title] = sid
        out = []
        for s in statements:
            wanted = self.answers.get(s.id)
            if wanted is not None:
                qid = by_title.get(wanted)
                if qid is not None and s.kind is StatementKind.POSITION:
                    s = replace(s, answers=qid)
                else:
                    self.report.dropped("'answers' that name no question", wanted)
            out.append(s)
        return out


def _source(data: dict[str, Any]) -> Source | None:
    if not data or ("basis" not in data and data.keys().isdisjoint(_SOURCE_KEYS)):
        return None  # most statements carry no source data: build nothing for them
    kw: dict[str, str] = {}
    for key, field_name in _SOURCE_KEYS.items():
        value = data.get(key)
        if isinstance(value, (str, int, float)) and not isinstance(value, bool) and field_name not in kw:
            kw[field_name] = str(value)
    basis = None
    if isinstance(data.get("basis"), str):
        try:
            basis = Basis(data["basis"])
        except ValueError:
            basis = None
    src = Source(basis=basis, **kw)
    return None if src.is_empty() else src


def _meta(doc: ArgdownDoc, b: _Builder) -> MapMeta:
    s = doc.settings
    own: dict[str, Any] = s["argmap"] if isinstance(s.get("argmap"), dict) else {}
    authors: tuple[str, ...] = ()
    if isinstance(own.get("authors"), list):
        authors = tuple(str(a) for a in own["authors"])
    elif isinstance(s.get("author"), str):
        authors = (s["author"],)
    title = own.get("title") if isinstance(own.get("title"), str) else s.get("title")
    sources = []
    for d in own.get("sources", []) if isinstance(own.get("sources"), list) else []:
        if isinstance(d, dict) and isinstance(d.get("id"), str) and d["id"].strip():
            sources.append(SourceDocument(d["id"], str(d.get("title") or ""), str(d.get("path") or ""), str(d.get("url") or "")))
    meta = MapMeta(
        title=str(title or "") if not isinstance(title, dict) else "",
        description=str(own.get("description") or ""),
        authors=authors,
        created=str(own.get("created") or ""),
        modified=str(own.get("modified") or ""),
        sources=tuple(sources),
    )
    extras: dict[str, Any] = own["extras"] if isinstance(own.get("extras"), dict) else {}
    meta = replace(meta, extras=tuple((str(k), v) for k, v in extras.items() if k != "argdown"))
    kept: dict[str, Any] = {}
    if doc.front_matter and not own:
        kept["front_matter"] = doc.front_matter
    if b.argument_statements:
        kept["arguments"] = b.argument_statements
    if b.argument_titles:
        kept["argument_titles"] = b.argument_titles
    if b.extra_data:
        kept["data"] = b.extra_data
    return set_extra(meta, "argdown", kept or None)
