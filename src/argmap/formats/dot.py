"""Graphviz DOT export: statements as boxes coloured by kind (the canvas's palette), the
title in bold above the text; each position joined to its question; supports as solid
arrows, attacks as dashed ones; co-premise groups, attacked links and undercuts go
through a small junction node. Every id and label is quoted and escaped."""

from __future__ import annotations

import os
import textwrap

from argmap.formats.atomic import atomic_write_bytes
from argmap.formats.report import ImportReport
from argmap.model import ArgumentMap, LinkKind, StatementKind
from argmap.model.style import DEFAULT

FORMAT = "DOT"
_FILL = {kind: style.fill for kind, style in DEFAULT.kinds.items()}  # the canvas's default theme
_ANSWER = f'color="{DEFAULT.kinds[StatementKind.QUESTION].border}", arrowhead=none, style=bold'
_EDGE = {
    LinkKind.SUPPORT: f'color="{DEFAULT.links[LinkKind.SUPPORT].color}"',
    LinkKind.ATTACK: f'color="{DEFAULT.links[LinkKind.ATTACK].color}", style=dashed',
}


def quote(text: str) -> str:
    """A DOT double-quoted string holding ``text`` literally (newlines become ``\\n``)."""
    out = []
    for ch in text:
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\n":
            out.append("\\n")
        elif ch in "\r\t":
            out.append(" ")
        elif ord(ch) < 32 or ch in "\x7f\ufffe\uffff":
            continue
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _lines(text: str, width: int = 36, max_lines: int = 8) -> list[str]:
    lines = textwrap.wrap(" ".join(text.split()), width) or [""]
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1].rstrip() + "\u2026"
    return lines


def _html(text: str) -> str:
    """``text`` for a Graphviz HTML-like label: markup characters escaped, control
    characters dropped."""
    kept = "".join(ch for ch in text if ord(ch) >= 32 and ch not in "\x7f\ufffe\uffff")
    return kept.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _label(title: str, text: str) -> str:
    """An HTML-like label: the title in bold on lines of its own, then the text, as
    the cards show them."""
    body = "<BR/>".join(_html(line) for line in _lines(text))
    if not title or title.strip() == text.strip():
        return f"<{body}>"
    head = "<BR/>".join(f"<B>{_html(line)}</B>" for line in _lines(title, max_lines=3))
    return f"<{head}<BR/>{body}>"


def dumps_dot(amap: ArgumentMap) -> tuple[str, ImportReport]:
    report = ImportReport(fmt=FORMAT, direction="export")
    out = ["digraph argmap {"]
    out.append(f"  graph [rankdir=BT, label={quote(amap.meta.title)}, labelloc=t, fontname=Helvetica];")
    out.append('  node [shape=box, style="rounded,filled", fontname=Helvetica, fontsize=11];')
    out.append("  edge [fontname=Helvetica];")
    for s in amap.statements():
        attrs = f"label={_label(s.title, s.text)}, fillcolor={quote(_FILL[s.kind])}, tooltip={quote(s.kind.value)}"
        out.append(f"  {quote(s.id)} [{attrs}];")
    for s in amap.statements():  # each position joined to the question it answers
        if s.answers is not None and amap.is_statement(s.answers):
            out.append(f"  {quote(s.id)} -> {quote(s.answers)} [{_ANSWER}];")
    links = amap.links()
    link_ids = {link.id for link in links}
    attacked = {link.target for link in links if link.target in link_ids}
    junction = {link.id for link in links if len(link.premises) > 1 or link.id in attacked}
    junction |= attacked
    for link in links:
        style = _EDGE[link.kind]
        if link.id in junction:
            out.append(f'  {quote(link.id)} [shape=point, width=0.08, label="", {style}];')
            for p in link.premises:
                out.append(f"  {quote(p)} -> {quote(link.id)} [arrowhead=none, {style}];")
            out.append(f"  {quote(link.id)} -> {quote(link.target)} [{style}];")
        else:
            out.append(f"  {quote(link.premises[0])} -> {quote(link.target)} [{style}];")
    out.append("}")
    placed = sum(1 for s in amap.statements() if s.pos is not None)
    if placed:
        report.dropped("statement positions (Graphviz lays the graph out itself)", count=placed)
    report.statements = len(amap.statements())
    report.links = len(links)
    return "\n".join(out) + "\n", report


def write_dot(amap: ArgumentMap, path: str | os.PathLike[str]) -> ImportReport:
    text, report = dumps_dot(amap)
    atomic_write_bytes(path, text.encode("utf-8"))
    report.path = os.fspath(path)
    return report
