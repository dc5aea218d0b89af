"""Class material from a map: Markdown and self-contained HTML handouts, worksheets with
blank boxes for chosen kinds, and the teacher's answer key. Qt-free; every string escaped."""

from __future__ import annotations

import base64
import html
import os
import re
import urllib.parse
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from argmap.formats.atomic import atomic_write_bytes
from argmap.model import ArgumentMap, Link, LinkKind, Source, Statement, StatementKind

KIND_LABEL = {
    StatementKind.QUESTION: "Question",
    StatementKind.POSITION: "Position",
    StatementKind.CLAIM: "Reason",
    StatementKind.EVIDENCE: "Evidence",
    StatementKind.REBUTTAL: "Rebuttal",
}
_RELATION_LABEL = {"support": "for", "attack": "against", "undercut": "against the inference"}
_SAFE_SCHEMES = ("http", "https", "mailto")
HANDOUT_FORMATS = ("md", "html")


# ---------------------------------------------------------------------- map helpers
def parse_kinds(spec: str | Iterable[str | StatementKind]) -> frozenset[StatementKind]:
    """``"evidence,rebuttals"`` (or a list) -> kinds; plurals and "reasons" are accepted.
    Raises ``ValueError`` naming the unknown word and the valid ones."""
    words = spec.split(",") if isinstance(spec, str) else list(spec)
    aliases = {k.value: k for k in StatementKind} | {"reason": StatementKind.CLAIM}
    out = set()
    for word in words:
        if isinstance(word, StatementKind):
            out.add(word)
            continue
        w = word.strip().lower()
        if not w:
            continue
        kind = aliases.get(w) or aliases.get(w[:-1] if w.endswith("s") else w)
        if kind is None:
            valid = ", ".join(k.value for k in StatementKind)
            raise ValueError(f"unknown statement kind {word.strip()!r}; use one or more of: {valid}")
        out.add(kind)
    return frozenset(out)


def resolve_statement(amap: ArgumentMap, id_or_title: str) -> str:
    """The id of the statement whose id, title or text is ``id_or_title`` (titles and text
    compared ignoring case and spacing). Raises ``LookupError`` with a readable message."""
    if amap.is_statement(id_or_title):
        return id_or_title
    want = " ".join(id_or_title.split()).casefold()
    for attr in ("title", "text"):
        hits = [s.id for s in amap.statements() if " ".join(getattr(s, attr).split()).casefold() == want]
        if len(hits) == 1:
            return hits[0]
        if len(hits) > 1:
            raise LookupError(f"{len(hits)} statements have the {attr} {id_or_title!r} ({', '.join(hits[:5])}); use an id")
    hits = [s.id for s in amap.statements() if want and want in s.label(10_000).casefold()]
    if len(hits) == 1:
        return hits[0]
    if hits:
        raise LookupError(f"{len(hits)} statements match {id_or_title!r} ({', '.join(hits[:5])}); use an id or a full title")
    raise LookupError(f"no statement has the id or title {id_or_title!r}")


def submap(amap: ArgumentMap, ids: Iterable[str]) -> ArgumentMap:
    """A new map with only the statements in ``ids`` and the links among them (premises
    outside are dropped; a link left without premises or target goes, and so do links
    attacking it). Metadata is kept; a position whose question is gone answers nothing."""
    keep = {i for i in ids if amap.is_statement(i)}
    statements = [replace(s, answers=s.answers if s.answers in keep else None) for s in amap.statements() if s.id in keep]
    wanted = set(ids) | keep
    links: dict[str, Link] = {}
    for link in amap.links():
        premises = tuple(p for p in link.premises if p in keep)
        if premises and (link.id in wanted or link.target in wanted):
            links[link.id] = replace(link, premises=premises)
    changed = True
    while changed:  # drop links whose target link was dropped (chains of undercuts)
        changed = False
        for lid, link in list(links.items()):
            if link.target not in keep and link.target not in links:
                del links[lid]
                changed = True
    return ArgumentMap.from_parts(amap.meta, statements, links.values())


# ------------------------------------------------------------------------- outline
@dataclass
class Entry:
    """One statement in the outline; ``relation`` says how it relates to its parent."""

    statement: Statement
    relation: str  # question, position, support, attack, undercut, other
    groups: list[Group] = field(default_factory=list)
    seen_before: bool = False
    source_no: int | None = None


@dataclass
class Group:
    """The premises of one link into the parent entry, plus undercuts of that link."""

    link: Link
    members: list[Entry]
    undercuts: list[Entry] = field(default_factory=list)


@dataclass
class Outline:
    title: str
    description: str
    questions: list[Entry]
    others: list[Entry]
    sources: list[tuple[int, Source | None, str, str]]  # (number, source, title, url)
    blank: frozenset[StatementKind]


def build_outline(amap: ArgumentMap, blank: frozenset[StatementKind] = frozenset(), title: str | None = None) -> Outline:
    """Walk the map from its questions (then any statement left over) into a tree."""
    seen: set[str] = set()
    numbers: dict[tuple[str, str], int] = {}
    sources: list[tuple[int, Source | None, str, str]] = []

    def number(s: Statement) -> int | None:
        src = s.source
        if src is None or not (src.citation or src.url) or s.kind in blank:
            return None
        key = (src.citation.strip(), src.url.strip())
        if key not in numbers:
            numbers[key] = len(numbers) + 1
            sources.append((numbers[key], src, "", ""))
        return numbers[key]

    def entry(s: Statement, relation: str) -> Entry:
        if s.id in seen:
            return Entry(s, relation, seen_before=True)
        seen.add(s.id)
        e = Entry(s, relation, source_no=number(s))
        if s.kind is StatementKind.QUESTION:
            e.groups.extend(Group(_answer_link(p), [entry(p, "position")]) for p in amap.positions(s.id))
        e.groups.extend(group(link) for link in amap.links_into(s.id))
        return e

    def group(link: Link) -> Group:
        relation = "support" if link.kind is LinkKind.SUPPORT else "attack"
        g = Group(link, [entry(amap.statement(p), relation) for p in link.premises])
        for under in amap.links_into(link.id):
            g.undercuts.extend(entry(amap.statement(p), "undercut") for p in under.premises)
        return g

    questions = [entry(q, "question") for q in amap.questions()]
    premises_used = {p for link in amap.links() for p in link.premises}
    rest = [s for s in amap.statements() if s.id not in seen]
    rest.sort(key=lambda s: (s.id in premises_used, s.order, s.id))  # roots first
    others = [entry(s, "other") for s in rest if s.id not in seen]
    cited = [c.casefold() for c, _ in numbers]
    urls = {u for _, u in numbers if u}
    for doc in amap.meta.sources:  # documents not already cited by some evidence
        title_ = doc.title.strip().casefold()
        if (doc.url.strip() and doc.url.strip() in urls) or (title_ and any(title_ in c for c in cited)):
            continue
        cited.append(title_)
        urls.add(doc.url.strip())
        sources.append((len(sources) + 1, None, doc.title, doc.url or doc.path))
    return Outline(
        title if title is not None else amap.meta.title,
        amap.meta.description,
        questions,
        others,
        sources,
        blank,
    )


def worksheet_map(amap: ArgumentMap, kinds: Iterable[str | StatementKind] | str) -> ArgumentMap:
    """A copy of ``amap`` whose statements of the chosen kinds are blank (writing lines,
    no title, no source) so a diagram of it is a worksheet; the rest is unchanged."""
    blank = parse_kinds(kinds)
    statements = [
        replace(s, text=WRITING_LINES, title="", source=None) if s.kind in blank else s for s in amap.statements()
    ]
    return ArgumentMap.from_parts(amap.meta, statements, amap.links())


WRITING_LINES = "\n".join(["_" * 28] * 3)


def source_list(amap: ArgumentMap) -> list[str]:
    """The numbered sources of a map as plain lines ("1. Citation (date). URL"), in
    outline order, then the map's source documents (for picture footers)."""
    out = []
    for no, src, doc_title, url in build_outline(amap).sources:
        if src is None:
            text = doc_title.strip() or "Source document"
            link = url.strip()
        else:
            text = src.citation.strip() or "Source"
            if src.date.strip():
                text += f" ({src.date.strip()})"
            link = src.url.strip()
        out.append(f"{no}. {text}" + (f". {link}" if link else ""))
    return out


def _answer_link(p: Statement) -> Link:
    return Link(f"answer:{p.id}", LinkKind.SUPPORT, (p.id,), p.answers or p.id + ":q")


def safe_url(url: str) -> str | None:
    """``url`` if it is an absolute http, https or mailto URL, else ``None``."""
    cleaned = "".join(ch for ch in url.strip() if ch.isprintable())  # drops tab, newline, controls
    if not cleaned:
        return None
    try:
        parts = urllib.parse.urlsplit(cleaned)
    except ValueError:
        return None
    if parts.scheme.lower() not in _SAFE_SCHEMES:
        return None
    if parts.scheme.lower() != "mailto" and not parts.netloc:
        return None
    return urllib.parse.quote(cleaned, safe="/:?#[]@!$&'()*+,;=%~-._")


def citation_text(src: Source) -> str:
    """``Citation, para. 3, 2024-03-01 (statistic)`` (empty parts left out)."""
    parts = [src.citation.strip(), src.locator.strip(), src.date.strip()]
    out = ", ".join(p for p in parts if p)
    if src.basis is not None:
        out += f" ({src.basis.value.replace('_', ' ')})"
    return out.strip()


# ------------------------------------------------------------------------ markdown
_MD_INLINE = re.compile(r"([\\`*_\[\]|~])")
_MD_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
_MD_LINE_START = re.compile(r"^(\s*)([#+\-=]|\d+[.)])")


def md_escape(text: str) -> str:
    """Text shown literally by any Markdown renderer (no HTML, links, emphasis, code)."""
    out = _MD_INLINE.sub(r"\\\1", text)
    out = _MD_ENTITY.sub("&amp;", out).replace("<", "&lt;").replace(">", "&gt;")
    lines = [_MD_LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), line) for line in out.split("\n")]
    return "\n".join(lines)


def _md_text(text: str, indent: str) -> str:
    lines = [md_escape(line.strip()) for line in text.splitlines() if line.strip()]
    return ("\\\n" + indent).join(lines)


def _md_link(url: str) -> str:
    safe = safe_url(url)
    if safe is None:
        return md_escape(url)
    return "<" + safe.replace("<", "%3C").replace(">", "%3E") + ">"


BLANK_LINE = "_" * 40


def _md_statement(e: Entry, indent: str, key: bool, blank: frozenset[StatementKind]) -> list[str]:
    s = e.statement
    label = KIND_LABEL[s.kind]
    rel = _RELATION_LABEL.get(e.relation)
    head = f"**{label}**" + (f" ({rel})" if rel else "") + ":"
    if e.seen_before:
        return [f"{indent}- {head} {_md_text(s.label(80), indent + '  ')} *(see above)*"]
    if s.kind in blank and not key:
        lines = [f"{indent}- {head} {BLANK_LINE}", f"{indent}  {BLANK_LINE}"]
        if s.kind is StatementKind.EVIDENCE:
            lines.append(f"{indent}  Source: {BLANK_LINE}")
        return lines
    mark = " *(answer)*" if key and s.kind in blank else ""
    body = _md_text(s.text, indent + "  ")
    if s.title and s.title.strip() != s.text.strip():
        body = f"**{md_escape(s.title.strip())}**: {body}"
    lines = [f"{indent}- {head} {body}{mark}"]
    src = s.source
    if src is not None and not src.is_empty():
        if src.quotation.strip():
            lines.append(f"{indent}  > “{_md_text(src.quotation, indent + '  > ')}”")
        cite = citation_text(src)
        ref = f"[{e.source_no}]" if e.source_no else ""
        if cite or ref:
            lines.append(f"{indent}  > — {md_escape(cite)} {ref}".rstrip())
    return lines


def _md_entries(entries: list[Entry], indent: str, key: bool, blank: frozenset[StatementKind]) -> list[str]:
    out: list[str] = []
    for e in entries:
        out.extend(_md_statement(e, indent, key, blank))
        out.extend(_md_groups(e, indent + "  ", key, blank))
    return out


def _md_groups(e: Entry, indent: str, key: bool, blank: frozenset[StatementKind]) -> list[str]:
    out: list[str] = []
    for g in e.groups:
        if len(g.members) > 1:
            rel = _RELATION_LABEL["support" if g.link.kind is LinkKind.SUPPORT else "attack"]
            out.append(f"{indent}- *Together ({rel}):*")
            out.extend(_md_entries(g.members, indent + "  ", key, blank))
            out.extend(_md_entries(g.undercuts, indent + "  ", key, blank))
        else:
            out.extend(_md_entries(g.members, indent, key, blank))
            out.extend(_md_entries(g.undercuts, indent + "  ", key, blank))
    return out


def handout_markdown(
    amap: ArgumentMap,
    *,
    title: str | None = None,
    worksheet: Iterable[str | StatementKind] | str = (),
    answer_key: bool = False,
) -> str:
    """The debate as a Markdown outline. With ``worksheet`` kinds, those statements are
    blank lines to fill in; ``answer_key=True`` shows them filled in and marked."""
    blank = parse_kinds(worksheet)
    o = build_outline(amap, frozenset() if answer_key else blank, title)
    lines: list[str] = []
    heading = md_escape(o.title.strip() or "Argument map")
    if answer_key:
        heading = "Answer key: " + heading
    elif blank:
        heading = "Worksheet: " + heading
    lines += [f"# {heading}", ""]
    if o.description.strip():
        lines += [_md_text(o.description, ""), ""]
    if blank and not answer_key:
        kinds = ", ".join(KIND_LABEL[k].lower() for k in StatementKind if k in blank)
        lines += [f"*Fill in the blanks ({md_escape(kinds)}).*", ""]
    for q in o.questions:
        lines += [f"## {_md_heading(q, 'Question', answer_key, blank)}", ""]
        if q.statement.title and q.statement.kind not in blank:
            lines += [_md_text(q.statement.text, ""), ""]
        for n, g in enumerate(q.groups, 1):
            if g.link.id.startswith("answer:"):
                p = g.members[0]
                lines += [f"### {_md_heading(p, f'Position {n}', answer_key, blank)}", ""]
                if p.statement.title and not p.seen_before and (p.statement.kind not in blank or answer_key):
                    lines += [_md_text(p.statement.text, ""), ""]
                body = _md_groups(p, "", answer_key, blank)
            else:
                body = _md_entries(g.members, "", answer_key, blank)
            if body:
                lines += body + [""]
    if o.others:
        heading = "Other statements" if o.questions else "Arguments"
        lines += [f"## {heading}", ""] + _md_entries(o.others, "", answer_key, blank) + [""]
    if o.sources:
        lines += ["## Sources", ""]
        for no, src, doc_title, url in o.sources:
            lines.append(f"{no}. {_md_source(src, doc_title, url)}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _md_heading(e: Entry, prefix: str, key: bool, blank: frozenset[StatementKind]) -> str:
    s = e.statement
    if s.kind in blank and not key:
        return f"{prefix}: {BLANK_LINE}"
    return f"{prefix}: {md_escape(' '.join((s.title or s.text).split()))}"


def _md_source(src: Source | None, doc_title: str, url: str) -> str:
    if src is None:
        text = md_escape(doc_title.strip() or "Source document")
        return f"{text}. {_md_link(url)}" if url.strip() else text
    text = md_escape(src.citation.strip() or "Source")
    if src.date.strip():
        text += f" ({md_escape(src.date.strip())})"
    if src.url.strip():
        text += f". {_md_link(src.url)}"
    return text


# ---------------------------------------------------------------------------- html
def esc(text: str) -> str:
    return html.escape(text, quote=True)


def _html_text(text: str) -> str:
    return "<br>".join(esc(line) for line in text.strip().splitlines())


def _html_link(url: str, label: str | None = None) -> str:
    safe = safe_url(url)
    shown = esc(label if label is not None else url.strip())
    if safe is None:
        return f'<span class="url">{shown}</span>'
    return f'<a href="{esc(safe)}" rel="noopener noreferrer nofollow">{shown}</a>'


def _html_statement(e: Entry, key: bool, blank: frozenset[StatementKind]) -> str:
    s = e.statement
    kind = s.kind.value
    rel = _RELATION_LABEL.get(e.relation)
    head = f'<span class="kind">{esc(KIND_LABEL[s.kind])}</span>'
    if rel:
        head += f' <span class="rel">({esc(rel)})</span>'
    if e.seen_before:
        return f'<div class="st {kind} seen">{head} {esc(s.label(80))} <em>(see above)</em></div>'
    if s.kind in blank and not key:
        extra = '<div class="blank-line">Source:</div>' if s.kind is StatementKind.EVIDENCE else ""
        return f'<div class="st {kind}">{head}<div class="blank" data-kind="{kind}"></div>{extra}</div>'
    cls = f"st {kind} answer" if key and s.kind in blank else f"st {kind}"
    parts = [f'<div class="{cls}">{head} ']
    if s.title.strip() and s.title.strip() != s.text.strip():
        parts.append(f"<strong>{esc(s.title.strip())}</strong>: ")
    parts.append(f'<span class="text" dir="auto">{_html_text(s.text)}</span>')
    src = s.source
    if src is not None and not src.is_empty():
        if src.quotation.strip():
            parts.append(f'<blockquote dir="auto">“{_html_text(src.quotation)}”</blockquote>')
        cite = citation_text(src)
        ref = f' <a class="ref" href="#src-{e.source_no}">[{e.source_no}]</a>' if e.source_no else ""
        if cite or ref:
            parts.append(f'<div class="cite">— {esc(cite)}{ref}</div>')
    parts.append("</div>")
    return "".join(parts)


def _html_entries(entries: list[Entry], key: bool, blank: frozenset[StatementKind]) -> str:
    out = []
    for e in entries:
        out.append(f"<li>{_html_statement(e, key, blank)}{_html_groups(e, key, blank)}</li>")
    return "".join(out)


def _html_groups(e: Entry, key: bool, blank: frozenset[StatementKind]) -> str:
    if not e.groups:
        return ""
    items = []
    for g in e.groups:
        if len(g.members) > 1:
            rel = _RELATION_LABEL["support" if g.link.kind is LinkKind.SUPPORT else "attack"]
            inner = _html_entries(g.members + g.undercuts, key, blank)
            items.append(f'<li><div class="together">Together ({esc(rel)}):</div><ul>{inner}</ul></li>')
        else:
            member = g.members[0]
            under = f"<ul>{_html_entries(g.undercuts, key, blank)}</ul>" if g.undercuts else ""
            items.append(
                f"<li>{_html_statement(member, key, blank)}{_html_groups(member, key, blank)}{under}</li>"
            )
    return f'<ul class="tree">{"".join(items)}</ul>'


_CSS = """
body{font-family:"DejaVu Sans",Arial,"Noto Sans","Noto Color Emoji",sans-serif;max-width:52em;margin:2em auto;padding:0 1em;color:#111;line-height:1.45}
h1{font-size:1.6em;margin-bottom:.2em}h2{font-size:1.3em;border-bottom:2px solid #333;margin-top:1.6em}
h3{font-size:1.1em;margin:1.2em 0 .4em;padding:.3em .5em;border-left:6px solid #0072B2;background:#eef5fa}
ul.tree{list-style:none;padding-left:1.4em;border-left:1px dotted #999;margin:.3em 0}
ul.tree>li,ul.top>li{margin:.35em 0}ul.top{list-style:none;padding-left:0}
.st{padding:.35em .6em;border:1px solid #bbb;border-radius:4px;background:#fff;page-break-inside:avoid;break-inside:avoid}
.st.evidence{border-left:5px solid #009E73}.st.claim{border-left:5px solid #56B4E9}
.st.rebuttal{border-left:5px solid #D55E00;border-style:dashed solid dashed solid}
.kind{font-weight:bold;text-transform:uppercase;font-size:.78em;letter-spacing:.04em}.rel{color:#555;font-size:.85em}
blockquote{margin:.3em 0 .1em 1em;font-style:italic;color:#333}.cite{font-size:.9em;color:#444;margin-left:1em}
.blank{min-height:4.2em;border:1.5px dashed #666;border-radius:4px;margin:.35em 0;background:#fff}
.blank-line{border-bottom:1px solid #666;min-height:1.6em;font-size:.85em;color:#444}
.answer{background:#fff8d6;outline:2px solid #E69F00}.together{font-style:italic;color:#333}
.note{font-style:italic;color:#333}.map img{max-width:100%;border:1px solid #ccc}
ol.sources li{margin:.25em 0}.url{word-break:break-all}
@media print{body{margin:0;max-width:none;font-size:11pt}h2,h3{page-break-after:avoid;break-after:avoid}
h3{background:none}.answer{background:none}a{color:#000;text-decoration:none}
a[href^="http"]::after{content:" (" attr(href) ")";font-size:.85em;word-break:break-all}
.map{page-break-after:always;break-after:page}}
"""


def handout_html(
    amap: ArgumentMap,
    *,
    title: str | None = None,
    svg: str | bytes | None = None,
    worksheet: Iterable[str | StatementKind] | str = (),
    answer_key: bool = False,
) -> str:
    """The debate as one self-contained HTML file (styles inline, optional map picture
    embedded as a data URI so nothing in it can run). Every string from the map is escaped."""
    blank = parse_kinds(worksheet)
    o = build_outline(amap, frozenset() if answer_key else blank, title)
    heading = o.title.strip() or "Argument map"
    if answer_key:
        heading = "Answer key: " + heading
    elif blank:
        heading = "Worksheet: " + heading
    body = [f"<h1>{esc(heading)}</h1>"]
    if o.description.strip():
        body.append(f'<p class="desc">{_html_text(o.description)}</p>')
    if blank:
        kinds = ", ".join(KIND_LABEL[k].lower() for k in StatementKind if k in blank)
        note = "Highlighted: the answers" if answer_key else "Fill in the boxes"
        body.append(f'<p class="note">{esc(note)} ({esc(kinds)}).</p>')
    if svg:
        data = svg.encode("utf-8") if isinstance(svg, str) else svg
        uri = "data:image/svg+xml;base64," + base64.b64encode(data).decode("ascii")
        body.append(f'<div class="map"><img src="{uri}" alt="{esc("Map of the debate")}"></div>')
    for q in o.questions:
        body.append(f"<h2>{_html_heading(q, 'Question', answer_key, blank)}</h2>")
        if q.statement.title and q.statement.kind not in blank:
            body.append(f"<p>{_html_text(q.statement.text)}</p>")
        for n, g in enumerate(q.groups, 1):
            if g.link.id.startswith("answer:"):
                p = g.members[0]
                body.append(f'<section class="position"><h3>{_html_heading(p, f"Position {n}", answer_key, blank)}</h3>')
                if p.statement.title and not p.seen_before and (p.statement.kind not in blank or answer_key):
                    body.append(f"<p>{_html_text(p.statement.text)}</p>")
                body.append(_html_groups(p, answer_key, blank) + "</section>")
            else:
                body.append(f'<ul class="top">{_html_entries(g.members, answer_key, blank)}</ul>')
    if o.others:
        heading = "Other statements" if o.questions else "Arguments"
        body.append(f'<h2>{heading}</h2><ul class="top">{_html_entries(o.others, answer_key, blank)}</ul>')
    if o.sources:
        items = "".join(f'<li id="src-{no}">{_html_source(src, t, u)}</li>' for no, src, t, u in o.sources)
        body.append(f'<h2>Sources</h2><ol class="sources">{items}</ol>')
    csp = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(heading)}</title><style>{_CSS}</style></head>\n"
        "<body>\n" + "\n".join(body) + "\n</body></html>\n"
    )


def _html_heading(e: Entry, prefix: str, key: bool, blank: frozenset[StatementKind]) -> str:
    s = e.statement
    if s.kind in blank and not key:
        return f'{esc(prefix)}: <span class="blank-line" style="display:inline-block;width:60%"></span>'
    cls = ' class="answer"' if key and s.kind in blank else ""
    return f"{esc(prefix)}: <span{cls}>{esc(' '.join((s.title or s.text).split()))}</span>"


def _html_source(src: Source | None, doc_title: str, url: str) -> str:
    if src is None:
        text = esc(doc_title.strip() or "Source document")
        return f"{text}. {_html_link(url)}" if url.strip() else text
    text = esc(src.citation.strip() or "Source")
    if src.date.strip():
        text += f" ({esc(src.date.strip())})"
    if src.url.strip():
        text += f". {_html_link(src.url)}"
    return text


# --------------------------------------------------------------------------- files
def key_path(path: str | os.PathLike[str]) -> Path:
    """``handout.html`` -> ``handout.key.html`` (the answer key beside the worksheet)."""
    p = Path(path)
    return p.with_name(f"{p.stem}.key{p.suffix}")


def write_handout(
    path: str | os.PathLike[str],
    amap: ArgumentMap,
    *,
    fmt: str | None = None,
    title: str | None = None,
    svg: str | bytes | None = None,
    worksheet: Iterable[str | StatementKind] | str = (),
) -> list[Path]:
    """Write a handout (``md`` or ``html``, from the extension unless ``fmt`` is given),
    atomically. A worksheet also writes its answer key (``X.key.html``). Returns the paths."""
    p = Path(path)
    fmt = (fmt or p.suffix.lstrip(".")).lower()
    fmt = {"markdown": "md", "htm": "html"}.get(fmt, fmt)
    if fmt not in HANDOUT_FORMATS:
        raise ValueError(f"{p}: a handout is Markdown (.md) or HTML (.html), not {fmt or 'no extension'!r}")
    blank = parse_kinds(worksheet)

    def render(key: bool) -> str:
        if fmt == "md":
            return handout_markdown(amap, title=title, worksheet=blank, answer_key=key)
        return handout_html(amap, title=title, svg=svg, worksheet=blank, answer_key=key)

    atomic_write_bytes(p, render(False).encode("utf-8"))
    written = [p]
    if blank:
        atomic_write_bytes(key_path(p), render(True).encode("utf-8"))
        written.append(key_path(p))
    return written


__all__ = [
    "HANDOUT_FORMATS",
    "KIND_LABEL",
    "build_outline",
    "citation_text",
    "handout_html",
    "handout_markdown",
    "key_path",
    "md_escape",
    "parse_kinds",
    "resolve_statement",
    "safe_url",
    "source_list",
    "submap",
    "worksheet_map",
    "write_handout",
]
