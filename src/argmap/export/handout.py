"""Class material from a map: Markdown and self-contained HTML handouts, worksheets with
blank boxes for chosen kinds, and the teacher's answer key. Qt-free; every string escaped."""

from __future__ import annotations

import base64
import html
import os
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from argmap.export.handout_outline import (
    KIND_LABEL,
    Entry,
    build_outline,
    citation_text,
    parse_kinds,
    resolve_statement,
    safe_url,
    source_list,
    source_parts,
    submap,
    worksheet_map,
)
from argmap.export.worksheet_parts import (
    HINTS,
    SHEET,
    SHEET_CSS,
    SheetState,
    appendix_html,
    appendix_md,
    blank_numbers,
    hint_of,
    quoted_locators,
    name_line_html,
    name_line_md,
    number_of,
    sheet,
)
from argmap.formats.atomic import atomic_write_files
from argmap.export.verdict_box import VerdictRow, verdicts_html, verdicts_markdown
from argmap.model import ArgumentMap, LinkKind, Source, StatementKind
from argmap.model.style import DEFAULT

HANDOUT_FORMATS = ("md", "html")
_RELATION_LABEL = {"support": "for", "attack": "against", "undercut": "against the inference"}


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
        where = "continued below" if e.continued else "see above"
        return [f"{indent}- {head} {_md_text(s.label(80), indent + '  ')} *({where})*"]
    no = number_of(s)
    if no is not None:
        head = f"**({no})** {head}"
    if s.kind in blank and not key:
        lines = [f"{indent}- {head} {BLANK_LINE}", f"{indent}  {BLANK_LINE}"]
        hint = hint_of(s, sheet().hints)
        if hint:
            lines.append(f"{indent}  *Hint: {md_escape(hint)}*")
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
    hints: str = "",
    appendix: Sequence[tuple[str, str]] = (),
    verdicts: list[VerdictRow] | None = None,
) -> str:
    """The debate as a Markdown outline. With ``worksheet`` kinds, those statements are
    numbered blank lines to fill in (with ``hints``: "title" or "paragraph"), under a
    name / class / date line; ``answer_key=True`` shows them filled in, marked and
    numbered alike. ``appendix``: (title, text) of articles added at the end.
    ``verdicts`` (export with labels) adds a section with each position's verdict."""
    blank = parse_kinds(worksheet)
    o = build_outline(amap, frozenset() if answer_key else blank, title)
    token = SHEET.set(SheetState(blank_numbers(o, blank) if blank else {}, _check_hints(hints),
                                 quoted_locators(amap) if hints == "paragraph" else {}))
    try:
        return _markdown(amap, o, blank, answer_key, appendix, verdicts)
    finally:
        SHEET.reset(token)


def _check_hints(hints: str) -> str:
    if hints not in HINTS:
        raise ValueError(f"unknown hints {hints!r}; use one of: title, paragraph")
    return hints


def _markdown(amap: ArgumentMap, o, blank: frozenset[StatementKind], answer_key: bool,  # type: ignore[no-untyped-def]
              appendix: Sequence[tuple[str, str]], verdicts: list[VerdictRow] | None) -> str:
    lines: list[str] = []
    heading = md_escape(o.title.strip() or "Argument map")
    if answer_key:
        heading = "Answer key: " + heading
    elif blank:
        heading = "Worksheet: " + heading
    lines += [f"# {heading}", ""]
    if blank and not answer_key:
        lines += [name_line_md(), ""]
    for text, teacher in _descriptions(amap, o.description, blank, answer_key):
        lines += [("**Teacher notes:** " if teacher else "") + _md_text(text, ""), ""]
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
    lines += verdicts_markdown(verdicts or [], md_escape)
    if o.sources:
        lines += ["## Sources", ""]
        for no, src, doc_title, url in o.sources:
            lines.append(f"{no}. {_md_source(src, doc_title, url)}")
        lines.append("")
    if appendix:
        lines += appendix_md(appendix, md_escape)
    return "\n".join(lines).rstrip() + "\n"


def _descriptions(amap: ArgumentMap, description: str, blank: frozenset[StatementKind], key: bool) -> list[tuple[str, bool]]:
    """(text, is teacher notes) shown under the heading. Students read the map's
    student description when it has one (never the teacher's notes then); the answer
    key shows both, the notes marked as such."""
    student = amap.meta.student_description.strip()
    if not student:
        return [(description, False)] if description.strip() else []
    out = [(student, False)]
    if key and description.strip():
        out.append((description, True))
    return out


def _md_heading(e: Entry, prefix: str, key: bool, blank: frozenset[StatementKind]) -> str:
    s = e.statement
    no = number_of(s)
    if no is not None and not e.seen_before:
        prefix = f"({no}) {prefix}"
    if s.kind in blank and not key:
        return f"{prefix}: {BLANK_LINE}"
    return f"{prefix}: {md_escape(' '.join((s.title or s.text).split()))}"


def _md_source(src: Source | None, doc_title: str, url: str) -> str:
    name, date, url = source_parts(src, doc_title, url)
    text = md_escape(name) + (f" ({md_escape(date)})" if date else "")
    return f"{text}. {_md_link(url)}" if url.strip() else text


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
    no = number_of(s)
    if no is not None and not e.seen_before:
        head = f'<span class="no">{no}</span>' + head
    if e.seen_before:
        where = "continued below" if e.continued else "see above"
        return f'<div class="st {kind} seen">{head} {esc(s.label(80))} <em>({where})</em></div>'
    if s.kind in blank and not key:
        extra = '<div class="blank-line">Source:</div>' if s.kind is StatementKind.EVIDENCE else ""
        hint = hint_of(s, sheet().hints)
        if hint:
            head += f' <span class="hint">Hint: {esc(hint)}</span>'
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
            items.append(f'<li><div class="together">Together ({esc(rel)}):</div><ul class="tree">{inner}</ul></li>')
        else:
            member = g.members[0]
            under = f"<ul class=\"tree\">{_html_entries(g.undercuts, key, blank)}</ul>" if g.undercuts else ""
            items.append(
                f"<li>{_html_statement(member, key, blank)}{_html_groups(member, key, blank)}{under}</li>"
            )
    return f'<ul class="tree">{"".join(items)}</ul>'


_CSS = """
body{font-family:"DejaVu Sans",Arial,"Noto Sans","Noto Color Emoji",sans-serif;max-width:52em;margin:2em auto;padding:0 1em;color:#111;line-height:1.45}
h1{font-size:1.6em;margin-bottom:.2em}h2{font-size:1.3em;border-bottom:2px solid #333;margin-top:1.6em}
h3{font-size:1.1em;margin:1.2em 0 .4em;padding:.3em .5em;border-left:6px solid %(position)s;background:#eef5fa}
ul.tree{list-style:none;padding-left:1.4em;border-left:1px dotted #999;margin:.3em 0}
ul.tree>li,ul.top>li{margin:.35em 0}ul.top{list-style:none;padding-left:0}
.st{padding:.35em .6em;border:1px solid #bbb;border-radius:4px;background:#fff;page-break-inside:avoid;break-inside:avoid}
.st.evidence{border-left:5px solid %(evidence)s}.st.claim{border-left:5px solid %(claim)s}
.st.rebuttal{border-left:5px solid %(rebuttal)s;border-style:dashed solid dashed solid}
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
for _kind in (StatementKind.POSITION, StatementKind.CLAIM, StatementKind.EVIDENCE, StatementKind.REBUTTAL):
    _CSS = _CSS.replace(f"%({_kind.value})s", DEFAULT.kinds[_kind].border)  # the canvas's default theme


def handout_html(
    amap: ArgumentMap,
    *,
    title: str | None = None,
    svg: str | bytes | None = None,
    worksheet: Iterable[str | StatementKind] | str = (),
    answer_key: bool = False,
    hints: str = "",
    appendix: Sequence[tuple[str, str]] = (),
    verdicts: list[VerdictRow] | None = None,
) -> str:
    """The debate as one self-contained HTML file (styles inline, optional map picture
    embedded as a data URI so nothing in it can run). Every string from the map is escaped.
    Worksheets and keys as in ``handout_markdown``."""
    blank = parse_kinds(worksheet)
    o = build_outline(amap, frozenset() if answer_key else blank, title)
    token = SHEET.set(SheetState(blank_numbers(o, blank) if blank else {}, _check_hints(hints),
                                 quoted_locators(amap) if hints == "paragraph" else {}))
    try:
        return _html(amap, o, blank, answer_key, svg, appendix, verdicts)
    finally:
        SHEET.reset(token)


def _html(amap: ArgumentMap, o, blank: frozenset[StatementKind], answer_key: bool,  # type: ignore[no-untyped-def]
          svg: str | bytes | None, appendix: Sequence[tuple[str, str]], verdicts: list[VerdictRow] | None) -> str:
    heading = o.title.strip() or "Argument map"
    if answer_key:
        heading = "Answer key: " + heading
    elif blank:
        heading = "Worksheet: " + heading
    body = [f"<h1>{esc(heading)}</h1>"]
    if blank and not answer_key:
        body.append(name_line_html())
    for text, teacher in _descriptions(amap, o.description, blank, answer_key):
        if teacher:
            body.append(f'<p class="desc teacher"><strong>Teacher notes:</strong> {_html_text(text)}</p>')
        else:
            body.append(f'<p class="desc">{_html_text(text)}</p>')
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
    if verdicts:
        body.append(verdicts_html(verdicts))
    if o.sources:
        items = "".join(f'<li id="src-{no}">{_html_source(src, t, u)}</li>' for no, src, t, u in o.sources)
        body.append(f'<h2>Sources</h2><ol class="sources">{items}</ol>')
    if appendix:
        body.append(appendix_html(appendix))
    csp = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(heading)}</title><style>{_CSS}{SHEET_CSS}</style></head>\n"
        "<body>\n" + "\n".join(body) + "\n</body></html>\n"
    )


def _html_heading(e: Entry, prefix: str, key: bool, blank: frozenset[StatementKind]) -> str:
    s = e.statement
    no = number_of(s)
    if no is not None and not e.seen_before:
        prefix = f"({no}) {prefix}"
    if s.kind in blank and not key:
        return f'{esc(prefix)}: <span class="blank-line" style="display:inline-block;width:60%"></span>'
    cls = ' class="answer"' if key and s.kind in blank else ""
    return f"{esc(prefix)}: <span{cls}>{esc(' '.join((s.title or s.text).split()))}</span>"


def _html_source(src: Source | None, doc_title: str, url: str) -> str:
    name, date, url = source_parts(src, doc_title, url)
    text = esc(name) + (f" ({esc(date)})" if date else "")
    return f"{text}. {_html_link(url)}" if url.strip() else text


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
    key_svg: str | bytes | None = None,
    hints: str = "",
    appendix: Sequence[tuple[str, str]] = (),
    verdicts: list[VerdictRow] | None = None,
) -> list[Path]:
    """Write a handout (``md`` or ``html``, from the extension unless ``fmt`` is given),
    atomically. A worksheet also writes its answer key (``X.key.html``, with the map
    picture ``key_svg`` if given, else ``svg``); both files are written or neither is.
    Returns the paths."""
    p = Path(path)
    fmt = (fmt or p.suffix.lstrip(".")).lower()
    fmt = {"markdown": "md", "htm": "html"}.get(fmt, fmt)
    if fmt not in HANDOUT_FORMATS:
        raise ValueError(f"{p}: a handout is Markdown (.md) or HTML (.html), not {fmt or 'no extension'!r}")
    blank = parse_kinds(worksheet)

    def render(key: bool) -> bytes:
        if fmt == "md":
            return handout_markdown(amap, title=title, worksheet=blank, answer_key=key, hints=hints,
                                    appendix=appendix, verdicts=verdicts).encode("utf-8")
        picture = key_svg if key and key_svg is not None else svg
        return handout_html(amap, title=title, svg=picture, worksheet=blank, answer_key=key, hints=hints,
                            appendix=appendix, verdicts=verdicts).encode("utf-8")

    files = [(p, render(False))]
    if blank:
        files.append((key_path(p), render(True)))
    atomic_write_files(files)
    return [path for path, _data in files]


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
