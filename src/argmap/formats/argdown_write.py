"""Write a map as Argdown that the Argdown tools read and that argmap reads back into the
same map (statements, kinds, links, co-premise groups, undercuts).

Layout of the output: front matter (title, author, and argmap's metadata as JSON), then
one block per root statement with its simple links as an indented ``+``/``-`` tree, then
a premise-conclusion structure per support link that has several premises or carries a
scheme/strength/notes or is attacked, then one ``<Argument>: {link: attack}`` block per
attack link that has several premises or aims at a link (premises ``<+``, target ``->``
or ``_>``). A statement that appears more than once needs a title; when it had none the
writer makes one from its text and marks it ``{untitled: true}`` so it reads back
untitled. Kinds are written as ``{kind: …}`` only where they differ from what a reader
would infer; sources as ``{source:, url:, quote:, …}``.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter, defaultdict
from typing import Any

from argmap.formats.atomic import atomic_write_bytes
from argmap.formats import foreign
from argmap.formats.foreign import get_extra, infer_kinds
from argmap.formats.report import ImportReport
from argmap.model import ArgumentMap, Link, LinkKind, Statement, StatementKind

FORMAT = "Argdown"
_TAG_PLAIN = re.compile(r"^[\w\-]+$")
_KIND_ORDER = {StatementKind.QUESTION: 0, StatementKind.POSITION: 1}
#: Argdown data keys of a statement's source, and the ``foreign.source_data`` field each holds.
_SOURCE_KEYS = (("source", "citation"), ("url", "url"), ("quote", "quotation"), ("locator", "locator"), ("date", "date"), ("basis", "basis"))


def escape_text(text: str) -> str:
    """Text safe inside an Argdown statement: markup characters are backslash-escaped."""
    out = re.sub(r"([\\#\[\]<>{}*_])", r"\\\1", text)
    out = out.replace("//", "/\\/").replace("/*", "/\\*")
    if out[:1] in ("+", "-", "(", "."):
        out = "\\" + out
    out = re.sub(r"^(\d+)\.", r"\1\\.", out)
    # Runs of "=" (front matter "===", Markdown underlines) confuse the official parser.
    out = re.sub(r"={2,}", lambda m: "\\=" * len(m.group()), out)
    return out


def _title_safe(title: str) -> str:
    """A title usable between brackets: brackets become parentheses and comment openers
    are broken up (titles have no escapes in Argdown)."""
    out = title.replace("[", "(").replace("]", ")").replace("<", "(").replace(">", ")")
    return " ".join(out.replace("/*", "/ *").replace("//", "/ /").split())


#: Comment markers: a tag holding one would open or close a comment (tags have no
#: escapes in Argdown), swallowing what follows; such tags are written as data.
_COMMENT_MARKS = ("<!--", "-->", "/*", "*/", "//")


def _tag_in_text(tag: str) -> bool:
    """``tag`` can be written as ``#tag`` or ``#(tag)`` and reads back the same."""
    if _TAG_PLAIN.match(tag):
        return True
    return (
        tag == " ".join(tag.split())
        and not any(c in tag for c in "()#")
        and not any(m in tag for m in _COMMENT_MARKS)
    )


def _tag(tag: str) -> str:
    if _TAG_PLAIN.match(tag):
        return f"#{tag}"
    return f"#({tag})"


#: A JSON string token, and the characters escaped inside one: comment markers ("/",
#: "<", ">"), runs of "=" and braces (the official parser ends a data block at the first
#: "}", even inside a string).
_JSON_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')  # unrolled loop: linear, no possessives (3.11.2)
_IN_STRING = re.compile(r"[/<>={}]")


def _json_safe(data: Any) -> str:
    """JSON text whose strings hold no character the Argdown lexers act on (they are
    written as \\uXXXX escapes, which stand for the same characters)."""
    text = json.dumps(data, ensure_ascii=False)
    return _JSON_STRING.sub(lambda m: _IN_STRING.sub(lambda c: f"\\u{ord(c.group()):04x}", m.group()), text)


def _data(pairs: dict[str, Any]) -> str:
    if not pairs:
        return ""
    body = ", ".join(f"{k}: {_value(v)}" for k, v in pairs.items())
    return "{" + body + "}"


def _value(v: Any) -> str:
    # Quotes, slashes and "<" only occur inside JSON strings: escaping them anywhere in
    # the text (lists too) keeps every comment marker out of the data.
    return _json_safe(v).replace("'", "\\u0027")


class _Writer:
    def __init__(self, amap: ArgumentMap) -> None:
        self.amap = amap
        self.report = ImportReport(fmt=FORMAT, direction="export")
        self.statements = {s.id: s for s in amap.statements()}
        self.links = amap.links()
        kept = get_extra(amap.meta, "argdown", {})
        kept = kept if isinstance(kept, dict) else {}
        self.arg_style = {sid for sid in kept.get("arguments", []) if sid in self.statements}
        titles = kept.get("argument_titles", {})
        self.kept_link_titles = titles if isinstance(titles, dict) else {}
        link_ids = {x.id for x in self.links}
        self.attacked = {link.target for link in self.links if link.target in link_ids}
        self.inferred = infer_kinds(self.statements.values(), self.links)
        # A link repeating an earlier one (same kind, premises and target) would merge
        # with it in a "+"/"-" tree (in every Argdown parser): it is written as an
        # argument of its own instead, so both stay distinct.
        first: set[tuple[LinkKind, frozenset[str], str]] = set()
        self.parallel: set[str] = set()
        for link in self.links:
            key = (link.kind, frozenset(link.premises), link.target)
            if key in first:
                self.parallel.add(link.id)
            first.add(key)

    # --------------------------------------------------------------- structure
    def simple(self, link: Link) -> bool:
        return (
            len(link.premises) == 1
            and link.target in self.statements
            and link.id not in self.attacked
            and link.id not in self.parallel
            and link.strength is None
            and not link.scheme
            and not link.notes
        )

    def pcs_form(self, link: Link) -> bool:
        members = (*link.premises, link.target)
        return (
            link.kind is LinkKind.SUPPORT
            and link.target in self.statements
            and link.id not in self.parallel
            and not any(m in self.arg_style for m in members)
        )

    def write(self) -> str:
        simple = [link for link in self.links if self.simple(link)]
        complex_links = [link for link in self.links if not self.simple(link)]
        children: dict[str, list[Link]] = defaultdict(list)
        for link in simple:
            children[link.target].append(link)
        for lst in children.values():
            lst.sort(key=lambda l: (self.statements[l.premises[0]].order, l.id))
        simple_premises = {link.premises[0] for link in simple}

        def root_key(s: Statement) -> tuple[int, float, str]:
            return (_KIND_ORDER.get(s.kind, 2), s.order, s.id)

        roots = sorted((s for s in self.statements.values() if s.id not in simple_premises), key=root_key)
        rest = sorted(self.statements.values(), key=root_key)
        defined: set[str] = set()
        tree_blocks: list[list[tuple[int, str, str]]] = []
        for s in [*roots, *rest]:
            if s.id in defined:
                continue
            defined.add(s.id)
            lines = [(0, "", s.id)]
            stack = [(s.id, 0, iter(children.get(s.id, ())))]
            while stack:
                sid, depth, it = stack[-1]
                child = next(it, None)
                if child is None:
                    stack.pop()
                    continue
                p = child.premises[0]
                lines.append((depth + 1, "+" if child.kind is LinkKind.SUPPORT else "-", p))
                if p not in defined:
                    defined.add(p)
                    stack.append((p, depth + 1, iter(children.get(p, ()))))
            tree_blocks.append(lines)

        uses: Counter[str] = Counter(sid for block in tree_blocks for _, _, sid in block)
        for link in complex_links:
            uses.update((*link.premises, link.target) if link.target in self.statements else link.premises)
        for s in self.statements.values():
            if s.answers is not None:
                uses[s.answers] += 2
        self.assign_titles(uses, complex_links)

        out = [self.front_matter()]
        written: set[str] = set()
        for block in tree_blocks:
            text = []
            for depth, op, sid in block:
                first = sid not in written
                written.add(sid)
                node = self.definition(sid) if first else self.reference(sid)
                text.append("  " * depth + (f"{op} " if op else "") + node)
            out.append("\n".join(text))
        for link in complex_links:
            out.append(self.pcs(link) if self.pcs_form(link) else self.special(link))
        self.report.statements = len(self.statements)
        self.report.links = len(self.links)
        placed = sum(1 for s in self.statements.values() if s.pos is not None)
        if placed:
            self.report.dropped("statement positions (Argdown has no layout; reading it back lays the map out)", count=placed)
        return "\n\n".join(p for p in out if p) + "\n"

    # ------------------------------------------------------------------ titles
    def assign_titles(self, uses: Counter[str], complex_links: list[Link]) -> None:
        self.titles: dict[str, str] = {}
        self.generated: set[str] = set()
        taken: dict[str, set[str]] = {"s": set(), "a": set()}

        def unique(base: str, space: str) -> str:
            name, n = base, 1
            while name in taken[space]:
                n += 1
                name = f"{base} ({n})"
            taken[space].add(name)
            return name

        for s in sorted(self.statements.values(), key=lambda s: s.id):
            space = "a" if s.id in self.arg_style else "s"
            if s.title:
                safe = _title_safe(s.title)
                name = unique(safe or "Statement", space)
                if name != s.title:
                    self.report.changed("titles changed to be valid and unique in Argdown", f"{s.title!r} -> {name!r}")
                self.titles[s.id] = name
            elif uses[s.id] > 1 or space == "a":
                words = re.sub(r"[^\w\s\-',.]", " ", s.text).split()[:6]
                self.titles[s.id] = unique(" ".join(words).strip(" ,.") or "Statement", space)
                self.generated.add(s.id)
        for n, link in enumerate(complex_links, 1):
            kept = self.kept_link_titles.get(link.id)
            base = _title_safe(kept) if isinstance(kept, str) and kept.strip() else f"Argument {link.id}"
            self.titles[link.id] = unique(_title_safe(base) or f"Argument {n}", "a")

    def reference(self, sid: str) -> str:
        if sid in self.arg_style:
            return f"<{self.titles[sid]}>"
        return f"[{self.titles[sid]}]"

    def definition(self, sid: str) -> str:
        s = self.statements[sid]
        text = s.text
        if "\n" in text or "\r" in text:
            self.report.changed("line breaks inside texts written as spaces", s.label(40))
            text = " ".join(text.split())
        parts = []
        if sid in self.titles:
            parts.append(self.reference(sid) + ":")
        if text:
            parts.append(escape_text(text))
        parts.extend(_tag(t) for t in s.tags if _tag_in_text(t))
        data = self.statement_data(s)
        odd_tags = [t for t in s.tags if not _tag_in_text(t)]
        if odd_tags:
            data["tags"] = list(s.tags)  # all of them, so their order survives
        if data:
            parts.append(_data(data))
        return " ".join(parts)

    def statement_data(self, s: Statement) -> dict[str, Any]:
        """argmap's fields as Argdown data: the common ones of ``foreign.statement_data``,
        the kind only where a reader would infer another, the source flattened into
        Argdown's keys and ``answers`` by title."""
        common = foreign.statement_data(s, kind=False, title=False, tags=False)  # written as Argdown syntax
        source = common.pop("source", {})
        common.pop("answers", None)
        out: dict[str, Any] = {}
        if s.kind is not self.inferred[s.id]:
            out["kind"] = s.kind.value
        if s.id in self.generated:
            out["untitled"] = True
        out.update((key, source[field]) for key, field in _SOURCE_KEYS if field in source)
        if s.answers is not None and s.answers in self.titles:
            out["answers"] = self.titles[s.answers]
        out.update(common)
        return out

    def link_data(self, link: Link) -> dict[str, str]:
        return {k: v for k, v in {"scheme": link.scheme, **foreign.link_data(link)}.items() if v}

    def pcs(self, link: Link) -> str:
        lines = [f"<{self.titles[link.id]}>", ""]
        for i, p in enumerate(link.premises, 1):
            lines.append(f"({i}) {self.reference(p)}")
        data = self.link_data(link)
        lines.append(f"-- {_data(data)} --" if data else "----")
        lines.append(f"({len(link.premises) + 1}) {self.reference(link.target)}")
        return "\n".join(lines)

    def special(self, link: Link) -> str:
        data = {"link": link.kind.value, **self.link_data(link)}
        # The official parser wants a text in an argument definition; readers of
        # argmap's {link: …} blocks ignore it.
        what = "An attack" if link.kind is LinkKind.ATTACK else "A support"
        aim = "on an inference" if link.target not in self.statements else ""
        text = f"{what} {aim}".strip() + "."
        lines = [f"<{self.titles[link.id]}>: {text} {_data(data)}"]
        lines.extend(f"  <+ {self.reference(p)}" for p in link.premises)
        if link.target in self.statements:
            op = "+>" if link.kind is LinkKind.SUPPORT else "->"
            lines.append(f"  {op} {self.reference(link.target)}")
        else:
            lines.append(f"  _> <{self.titles[link.target]}>")
        return "\n".join(lines)

    def front_matter(self) -> str:
        meta = self.amap.meta
        lines = ["==="]
        if meta.title:
            lines.append(f"title: {_value(' '.join(meta.title.split()))}")
        if meta.authors:
            lines.append(f"author: {_value(', '.join(meta.authors))}")
        own: dict[str, Any] = {}
        if meta.title and " ".join(meta.title.split()) != meta.title:
            own["title"] = meta.title
        for key in ("description", "created", "modified"):
            if getattr(meta, key):
                own[key] = getattr(meta, key)
        if meta.authors:
            own["authors"] = list(meta.authors)
        if meta.sources:
            own["sources"] = [{"id": d.id, "title": d.title, "path": d.path, "url": d.url} for d in meta.sources]
        extras = {k: v for k, v in meta.extras if k != "argdown"}
        if extras:
            own["extras"] = extras
        if own:
            lines.append(f"argmap: {_json_safe(own)}")
        kept = get_extra(meta, "argdown", {})
        raw = kept.get("front_matter") if isinstance(kept, dict) else None
        if isinstance(raw, str):
            lines.extend(_foreign_front_matter(raw))
        if len(lines) == 1:
            return self.empty_heading()
        lines.append("===")
        return "\n".join(lines) + ("\n\n" + self.empty_heading() if not self.statements else "")

    def empty_heading(self) -> str:
        """A map with no statements is written as a heading (front matter alone or an
        empty file is not Argdown the official parser accepts)."""
        if self.statements:
            return ""
        title = " ".join(self.amap.meta.title.split()) or "Empty map"
        return "# " + escape_text(title)


def _foreign_front_matter(raw: str) -> list[str]:
    """Lines of an imported file's front matter, minus the keys argmap writes itself."""
    out = []
    skipping = False
    for line in raw.splitlines():
        top = re.match(r"^([\w\-\"']+)\s*:", line)
        if top and not line[:1].isspace():
            skipping = top.group(1).strip("\"'") in ("title", "author", "argmap")
        if not skipping and line.strip() != "===":
            out.append(line)
    return out


def dumps_argdown(amap: ArgumentMap) -> tuple[str, ImportReport]:
    """Argdown text for ``amap`` and a report of what was not carried over."""
    writer = _Writer(amap)
    text = writer.write()
    return text, writer.report


def write_argdown(amap: ArgumentMap, path: str | os.PathLike[str]) -> ImportReport:
    text, report = dumps_argdown(amap)
    atomic_write_bytes(path, text.encode("utf-8"))
    report.path = os.fspath(path)
    return report
