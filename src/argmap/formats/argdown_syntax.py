"""Argdown syntax: turn Argdown text into statements (equivalence classes), arguments
with premise-conclusion structures and relations, as the official Argdown parser does.

Handles front matter, headings, ``<!-- -->``/``/* */``/``//`` comments, ``[Title]:``
statements, ``<Title>:`` arguments, relations ``+ - _ <+ <- <_ +> -> _> ><`` nested by
indentation, premise-conclusion structures with inference lines, lists, ``#tags``,
``{key: value}`` data and CRLF. Unknown syntax (Argdown+) raises ``ArgdownSyntaxError``
with the line number. Relations of reconstructed arguments are moved to their main
conclusion, self-relations and duplicates are dropped, and ``model: mode: strict``
turns statement-to-statement support/attack into entails/contrary, as Argdown does.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from typing import Any

from argmap.formats.argdown_text import (  # noqa: F401 - parse_flow and split_tags are used by importers of this module
    _ESCAPE,
    _plain,
    parse_flow,
    split_data,
    split_tags,
    strip_emphasis,
    unescape,
)
from argmap.formats.errors import InvalidContentError

Ref = tuple[str, str]  # ("s", statement key) or ("a", argument key)

UNTITLED = "\x00untitled "  # prefix of keys of untitled statements/arguments


class ArgdownSyntaxError(InvalidContentError):
    """Argdown text that argmap cannot read (unknown or unreleased syntax)."""


@dataclass
class Node:
    """An equivalence class of statements, or an argument."""

    key: str
    title: str  # "" when untitled
    line: int
    texts: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)
    pcs: list[tuple[str, Any]] = field(default_factory=list)  # ("s", key) | ("inference", (rule, data, line))
    text: str = ""


@dataclass
class Relation:
    type: str  # support, attack, undercut, contradictory, entails, contrary
    source: Ref
    target: Ref
    line: int


@dataclass
class ArgdownDoc:
    statements: dict[str, Node] = field(default_factory=dict)
    arguments: dict[str, Node] = field(default_factory=dict)
    relations: list[Relation] = field(default_factory=list)
    front_matter: str = ""
    settings: dict[str, Any] = field(default_factory=dict)
    headings: int = 0
    notes: list[tuple[str, str]] = field(default_factory=list)  # (message, example) for the report

    def conclusion(self, arg_key: str) -> str | None:
        arg = self.arguments.get(arg_key)
        if arg and arg.pcs and arg.pcs[-1][0] == "s":
            key: str = arg.pcs[-1][1]
            return key
        return None


_OPS = {
    "+": ("support", False), "<+": ("support", False), "+>": ("support", True),
    "-": ("attack", False), "<-": ("attack", False), "->": ("attack", True),
    "_": ("undercut", False), "<_": ("undercut", False), "_>": ("undercut", True),
    "><": ("contradictory", True),
}  # fmt: skip
_REL = re.compile(r"^(<\+|<-|<_|\+>|->|_>|><|\+|-|_)\s+(\S.*)$")
_UNKNOWN_REL = re.compile(r"^([!?=:~%@<>+\-_^|&]{1,3})\s+[\[<]")
_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_PCS_ITEM = re.compile(r"^\((\d+)\)\s*(.*)$")
_DASHES = re.compile(r"^-{2,}\s*$")
_LIST_ITEM = re.compile(r"^(\*|\d+\.)\s+(.*)$")
_ARG = re.compile(r"^<([^<>\n]+)>\s*(:?)\s*(.*)$")
_STMT = re.compile(r"^\[([^\[\]\n]+)\](?!\()\s*(:?)\s*(.*)$")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
#: A run of text that starts no comment: plain characters, escapes (an escaped character
#: never starts a comment), a lone backslash, "<" not starting "<!--", "/" not starting
#: "//" or "/*". Nothing follows the loop in the pattern, so a match never backtracks.
#: No possessive quantifiers: early CPython 3.11 releases mis-match them in alternations
#: ("a // b" matched "a //"), and Debian 12's python3 is 3.11.2.
_PLAIN_RUN = re.compile(r"(?:[^\\</]+|\\[\\#\[\]<>{}()@*_+\-./=]|\\|<(?!!--)|/(?![/*]))+")


# ------------------------------------------------------------------- preprocessing
def _strip_comments(lines: list[str]) -> list[tuple[int, str]]:
    """Remove comments; lines made blank only by a comment disappear (so a comment does
    not split a block)."""
    out: list[tuple[int, str]] = []
    closing: str | None = None
    for n, line in enumerate(lines, 1):
        if closing is None and "/" not in line and "<" not in line:
            out.append((n, line.rstrip()))  # no comment can start here
            continue
        buf = []
        i = 0
        had_comment = closing is not None
        in_link: _LinkTracker | None = None
        while i < len(line):
            if closing is not None:
                j = line.find(closing, i)
                if j < 0:
                    i = len(line)
                    break
                i = j + len(closing)
                closing = None
                continue
            plain = _PLAIN_RUN.match(line, i)
            if plain is not None:
                buf.append(plain.group())  # text and escapes that start no comment, at once
                i = plain.end()
                if i >= len(line):
                    break
            if line[i] == "\\" and _ESCAPE.match(line, i):
                buf.append(line[i : i + 2])  # an escaped character never starts a comment
                i += 2
            elif line.startswith("<!--", i):
                closing, i, had_comment = "-->", i + 4, True
            elif line.startswith("/*", i):
                closing, i, had_comment = "*/", i + 2, True
            elif line.startswith("//", i) and (i == 0 or line[i - 1] in " \t"):
                in_link = in_link or _LinkTracker(line)
                if in_link(i):
                    buf.append("/")
                    i += 1
                    continue
                had_comment = True
                break
            else:
                buf.append(line[i])
                i += 1
        text = "".join(buf).rstrip()
        if had_comment and not text.strip():
            continue
        out.append((n, text))
    return out


def _inline_inference(content: str) -> str | None:
    """The rule of an inference line written ``-- rule --`` (two or more dashes at
    each end), else ``None``. A scan, not a regular expression: a long line of dashes
    made the lazy pattern this replaces quadratic."""
    n = len(content)
    lead = n - len(content.lstrip("-"))
    if lead == n:
        return "" if n >= 4 else None
    trail = n - len(content.rstrip("-"))
    if lead < 2 or trail < 2:
        return None
    return content[lead : n - trail].strip()


class _LinkTracker:
    """Whether position ``i`` of a line lies inside a Markdown link target ``](...)``:
    the last ``](`` before it comes after the last ``)``. Positions are asked in rising
    order, so the line is scanned once (a search back from each ``//`` was quadratic)."""

    def __init__(self, line: str) -> None:
        self.line = line
        self.upto = 0
        self.last_open = -1
        self.last_close = -1

    def __call__(self, i: int) -> bool:
        line = self.line
        for k in range(self.upto, i):
            c = line[k]
            if c == ")":
                self.last_close = k
            elif c == "]" and k + 1 < i and line[k + 1] == "(":
                self.last_open = k
        self.upto = max(self.upto, i - 1)
        return self.last_open > self.last_close


def _front_matter(lines: list[tuple[int, str]], path: str | os.PathLike[str]) -> tuple[str, dict[str, Any], int]:
    k = 0
    while k < len(lines) and not lines[k][1].strip():
        k += 1
    if k >= len(lines) or lines[k][1].strip() != "===":
        return "", {}, 0
    start = k
    for j in range(k + 1, len(lines)):
        if lines[j][1].strip() == "===":
            body = [t for _, t in lines[start + 1 : j]]
            settings = _mini_yaml(body)
            syntax = settings.get("parser", {}).get("syntax") if isinstance(settings.get("parser"), dict) else None
            if syntax and str(syntax).lower() not in ("argdown", "argdown1", "default"):
                line_no = next((n for n, t in lines[start:j] if "syntax" in t), lines[start][0])
                raise ArgdownSyntaxError(
                    path,
                    f"uses the {syntax!r} syntax, which argmap cannot read (it reads Argdown 1.x, "
                    "like the released Argdown tools)",
                    f"line {line_no}",
                )
            return "\n".join(body), settings, j + 1
    raise ArgdownSyntaxError(path, "front matter opened with '===' is never closed", f"line {lines[start][0]}")


def _mini_yaml(body: list[str]) -> dict[str, Any]:
    """Top-level ``key: value`` pairs and one level of nested mappings; deeper or odd
    YAML is kept as text. Enough for title, author, date, model.mode and parser.syntax."""
    out: dict[str, Any] = {}
    key = None
    for line in body:
        if not line.strip():
            continue
        indent = len(line) - len(line.lstrip())
        m = re.match(r"^\s*([\w\-\"' ]+?)\s*:\s*(.*)$", line)
        if indent == 0 and m:
            key = m.group(1).strip("\"' ")
            value = m.group(2).strip()
            out[key] = _scalar(value) if value else {}
        elif key is not None and isinstance(out.get(key), dict) and m and indent > 0:
            out[key][m.group(1).strip("\"' ")] = _scalar(m.group(2).strip())
        elif key is not None and isinstance(out.get(key), str):
            out[key] = f"{out[key]} {line.strip()}"
    return out


def _scalar(value: str) -> Any:
    try:
        return parse_flow(value) if value[:1] in "{[\"'" else _plain(value)
    except ValueError:
        return value


# ------------------------------------------------------------------------ parsing
@dataclass
class _Element:
    ref: Ref
    line: int
    indent: int
    parts: list[str] = field(default_factory=list)


class _Parser:
    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = path
        self.doc = ArgdownDoc()
        self.counter = 0
        self.elements: list[_Element] = []

    def new_key(self) -> str:
        self.counter += 1
        return f"{UNTITLED}{self.counter}"

    def node(self, kind: str, title: str | None, line: int) -> Ref:
        table = self.doc.statements if kind == "s" else self.doc.arguments
        key = title if title else self.new_key()
        if key not in table:
            table[key] = Node(key, title or "", line)
        return (kind, key)

    def element(self, content: str, line: int, indent: int) -> _Element:
        m = _ARG.match(content)
        if m:
            ref = self.node("a", m.group(1).strip(), line)
            rest = m.group(3)
        else:
            m = _STMT.match(content)
            if m:
                ref = self.node("s", m.group(1).strip(), line)
                rest = m.group(3)
            else:
                ref = self.node("s", None, line)
                rest = content
        el = _Element(ref, line, indent, [rest.strip()] if rest.strip() else [])
        self.elements.append(el)
        return el

    def parse(self, text: str) -> ArgdownDoc:
        # Only CR, LF and CRLF end lines in Argdown (str.splitlines would also break at
        # U+2028, form feeds and other characters that may be part of a statement).
        raw_lines = _LINE_BREAK.split(text.lstrip("\ufeff"))
        lines = _strip_comments(raw_lines)
        self.doc.front_matter, self.doc.settings, start = _front_matter(lines, self.path)
        lines = lines[start:]
        stack: list[_Element] = []
        current: _Element | None = None
        pending_arg: Ref | None = None
        block: list[_Element] = []
        block_relations = 0
        pcs: list[tuple[str, Any]] | None = None
        pcs_arg: Ref | None = None
        k = 0
        while k < len(lines):
            n, line = lines[k]
            k += 1
            content = line.strip()
            indent = len(line) - len(line.lstrip())
            if not content:
                if pcs is not None and not self._pcs_continues(lines, k):
                    self._finish_pcs(pcs_arg, pcs)
                    pcs, pcs_arg = None, None
                if len(block) == 1 and block[0].ref[0] == "a" and block_relations == 0:
                    pending_arg = block[0].ref
                elif block:
                    pending_arg = None
                stack, current, block, block_relations = [], None, [], 0
                continue
            if not block and not stack and _HEADING.match(content) and indent == 0:
                self.doc.headings += 1
                pending_arg = None
                while k < len(lines) and lines[k][1].strip():  # a heading runs to the blank line
                    k += 1
                continue
            item = _PCS_ITEM.match(content)
            if item and indent <= 3 and (pcs is not None or not stack or current is not None and current.ref[0] == "a"):
                if pcs is None:
                    pcs_arg = pending_arg or (block[0].ref if len(block) == 1 and block[0].ref[0] == "a" else None)
                    pcs_arg = pcs_arg or self.node("a", None, n)
                    pcs = []
                    pending_arg = None
                el = self.element(item.group(2), n, indent)
                pcs.append(("s", el.ref[1]))
                stack, current = [el], el
                block.append(el)
                continue
            if pcs is not None and (_DASHES.match(content) or _inline_inference(content) is not None):
                k = self._inference(lines, k - 1, pcs)
                stack, current = [], None
                continue
            rel = _REL.match(content)
            if rel and stack:
                op, rest = rel.groups()
                parent = next((e for e in reversed(stack) if e.indent < indent), None)
                if parent is None:
                    parent = stack[0]
                    self.doc.notes.append(("relations indented no deeper than their parent (attached to the block's first element)", f"line {n}"))
                child = self.element(rest, n, indent)
                rtype, outgoing = _OPS[op]
                source, target = (parent.ref, child.ref) if outgoing else (child.ref, parent.ref)
                self.doc.relations.append(Relation(rtype, source, target, n))
                while stack and stack[-1].indent >= indent:
                    stack.pop()
                stack.append(child)
                current = child
                block_relations += 1
                continue
            unknown = _UNKNOWN_REL.match(content)
            if unknown and unknown.group(1) not in _OPS and (stack or indent > 0):
                raise ArgdownSyntaxError(
                    self.path,
                    f"unknown relation symbol {unknown.group(1)!r} (not Argdown 1.x syntax; Argdown+ "
                    "and other extensions cannot be read)",
                    f"line {n}",
                )
            if rel and not stack:
                self.doc.notes.append(("relations with nothing above them to attach to (read as statements)", f"line {n}"))
                content = rel.group(2)
            listed = _LIST_ITEM.match(content)
            if listed and (not block or current is None or indent > 0 or stack):
                el = self.element(listed.group(2), n, indent)
                stack, current = [el], el
                block.append(el)
                continue
            if current is not None:
                current.parts.append(content)
                continue
            el = self.element(content, n, indent)
            stack, current = [el], el
            block.append(el)
        if pcs is not None:
            self._finish_pcs(pcs_arg, pcs)
        self._finish_nodes()
        self._normalise_relations()
        return self.doc

    def _pcs_continues(self, lines: list[tuple[int, str]], k: int) -> bool:
        while k < len(lines) and not lines[k][1].strip():
            k += 1
        if k >= len(lines):
            return False
        nxt = lines[k][1].strip()
        return bool(_PCS_ITEM.match(nxt) or _DASHES.match(nxt) or _inline_inference(nxt) is not None)

    def _inference(self, lines: list[tuple[int, str]], k: int, pcs: list[tuple[str, Any]]) -> int:
        n, line = lines[k]
        content = line.strip()
        inline = _inline_inference(content)
        if inline is not None and not _DASHES.match(content):
            rule = inline
            k += 1
        else:
            j = k + 1
            while j < len(lines) and not lines[j][1].strip():
                j += 1
            if j < len(lines) and _PCS_ITEM.match(lines[j][1].strip()):
                pcs.append(("inference", ("", None, n)))
                return k + 1
            parts = []
            j = k + 1
            while j < len(lines) and not _DASHES.match(lines[j][1].strip()):
                if _PCS_ITEM.match(lines[j][1].strip()):
                    break
                parts.append(lines[j][1].strip())
                j += 1
            rule = " ".join(p for p in parts if p)
            k = j + 1 if j < len(lines) and _DASHES.match(lines[j][1].strip()) else j
        rule, data, ok = split_data(rule)
        if not ok:
            self.doc.notes.append(("data blocks that could not be read (left in the text)", f"line {n}"))
        pcs.append(("inference", (unescape(rule.strip()), data, n)))
        return k

    def _finish_pcs(self, arg_ref: Ref | None, pcs: list[tuple[str, Any]]) -> None:
        assert arg_ref is not None
        arg = self.doc.arguments[arg_ref[1]]
        while pcs and pcs[-1][0] == "inference":
            self.doc.notes.append(("premise-conclusion structures ending without a conclusion (last inference dropped)", f"line {pcs[-1][1][2]}"))
            pcs.pop()
        if not any(kind == "inference" for kind, _ in pcs):
            self.doc.notes.append(("numbered statements without an inference line (read as plain statements)", arg.title or f"line {arg.line}"))
            return
        if pcs and pcs[0][0] == "inference":
            self.doc.notes.append(("inference lines with no premise above them (dropped)", arg.title))
            while pcs and pcs[0][0] == "inference":
                pcs.pop(0)
        if arg.pcs:
            self.doc.notes.append(("arguments reconstructed twice (the first reconstruction was kept)", arg.title))
            return
        arg.pcs = pcs

    def _finish_nodes(self) -> None:
        for el in self.elements:
            table = self.doc.statements if el.ref[0] == "s" else self.doc.arguments
            node = table[el.ref[1]]
            text = " ".join(el.parts)
            text, data, ok = split_data(text)
            if not ok:
                self.doc.notes.append(("data blocks that could not be read (left in the text)", f"line {el.line}"))
            text, tags = split_tags(text) if "#" in text else (text, [])  # no "#": no tags
            text = unescape(strip_emphasis(text.strip()))
            if text:
                node.texts.append(text)
            for t in tags:
                if t not in node.tags:
                    node.tags.append(t)
            if isinstance(data, dict):
                for key, value in data.items():
                    node.data.setdefault(key, value)
        for node in (*self.doc.statements.values(), *self.doc.arguments.values()):
            node.text = node.texts[0] if node.texts else ""

    def _normalise_relations(self) -> None:
        doc = self.doc
        out: list[Relation] = []
        seen: set[tuple[str, Ref, Ref]] = set()
        strict = str((doc.settings.get("model") or {}).get("mode", "") if isinstance(doc.settings.get("model"), dict) else "").lower() == "strict"
        for r in doc.relations:
            source, target = r.source, r.target
            if source[0] == "a":
                conclusion = doc.conclusion(source[1])
                if conclusion is not None:
                    source = ("s", conclusion)
            if source == target:
                # A self-attack (a self-defeating claim) or self-support: argmap maps
                # cannot hold a link from a statement to itself; say so.
                doc.notes.append(("relations from a statement to itself (left out: argmap cannot hold them)", f"line {r.line}"))
                continue
            rtype = r.type
            if strict and source[0] == "s" and target[0] == "s":
                rtype = {"support": "entails", "attack": "contrary"}.get(rtype, rtype)
            key = (rtype, source, target)
            mirrored = (rtype, target, source)
            if key in seen or (rtype in ("contradictory", "contrary") and mirrored in seen):
                if key in seen:
                    doc.notes.append(("relations given twice between the same two elements (merged into one)", f"line {r.line}"))
                continue
            seen.add(key)
            out.append(Relation(rtype, source, target, r.line))
        doc.relations = out


def parse_argdown(text: str, path: str | os.PathLike[str] = "<argdown>") -> ArgdownDoc:
    """Parse Argdown text; raises ``ArgdownSyntaxError`` for syntax argmap cannot read."""
    return _Parser(path).parse(text)
