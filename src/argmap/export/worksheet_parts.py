"""Pieces that make a worksheet work in class: every blank numbered (the answer key uses
the same numbers), optional hints (the card's title, or the paragraph it quotes), a
name / class / date line, and the article as an appendix with numbered paragraphs.
Qt-free; the handouts (``argmap.export.handout``) render them."""

from __future__ import annotations

import html
import os
from collections.abc import Iterable, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from pathlib import Path

from argmap.export.handout_outline import (
    Entry,
    Outline,
    build_outline,
    parse_kinds,
    worksheet_map,
)
from argmap.formats.errors import FileFormatError
from argmap.formats.source_text import SUFFIXES, read_source
from argmap.model import ArgumentMap, SourceDocument, Statement, StatementKind, passages
from argmap.reasoning.quotes import cited_document

HINTS = ("", "title", "paragraph")  # none, the card's title, the paragraph it quotes


@dataclass
class SheetState:
    """What the renderers read while one worksheet or key is written."""

    numbers: dict[str, int] = field(default_factory=dict)  # statement id -> blank number
    hints: str = ""
    locators: dict[str, str] = field(default_factory=dict)  # evidence id -> "para. 4" (see ``quoted_locators``)


#: Set by ``handout_html`` / ``handout_markdown`` for the duration of one rendering.
SHEET: ContextVar[SheetState | None] = ContextVar("argmap_sheet", default=None)


def sheet() -> SheetState:
    """The worksheet being written (an empty state outside of one)."""
    return SHEET.get() or SheetState()


def blank_numbers(o: Outline, blank: frozenset[StatementKind]) -> dict[str, int]:
    """Number the statements of the blank kinds in the order the handout shows them
    (questions, positions, then depth first), each statement once."""
    out: dict[str, int] = {}

    def visit(e: Entry) -> None:
        s = e.statement
        if not e.seen_before and s.kind in blank and s.id not in out:
            out[s.id] = len(out) + 1

    def entries(es: Iterable[Entry]) -> None:
        for e in es:
            visit(e)
            groups(e)

    def groups(e: Entry) -> None:
        for g in e.groups:
            if len(g.members) > 1:
                entries(g.members)
                entries(g.undercuts)
            else:
                entries(g.members)
                entries(g.undercuts)

    for q in o.questions:
        visit(q)
        for g in q.groups:
            if g.link.id.startswith("answer:"):
                p = g.members[0]
                visit(p)
                groups(p)
            else:
                entries(g.members)
    entries(o.others)
    return out


def hint_of(s: Statement, hints: str, locators: dict[str, str] | None = None) -> str:
    """The hint a blank shows: the card's title, or where in the source its quotation
    is (such as "para. 4": found in the embedded text, as the appendix numbers it, else
    the card's locator); "" when there is none."""
    if hints == "title":
        return " ".join(s.title.split())
    if hints == "paragraph" and s.source is not None:
        found = (sheet().locators if locators is None else locators).get(s.id, "")
        return found or " ".join(s.source.locator.split())
    return ""


def quoted_locators(amap: ArgumentMap) -> dict[str, str]:
    """Where each quotation of the map occurs in the source text the map embeds ("para.
    4", "p. 12"), counted as the Sources panel and the appendix count; quotations that
    cite no embedded text, or do not occur in it, are left out."""
    if not any(d.text for d in amap.meta.sources):
        return {}
    out: dict[str, str] = {}
    for s in amap.statements():
        if s.source is None or not s.source.quotation.strip():
            continue
        doc = cited_document(amap.meta, s.source)
        if doc is not None and doc.text and (where := passages.locate(doc.text, s.source.quotation, doc.title)):
            out[s.id] = where
    return out


def number_of(s: Statement) -> int | None:
    return sheet().numbers.get(s.id)


# ------------------------------------------------------------------ name line
NAME_FIELDS = ("Name", "Class", "Date")


def name_line_html() -> str:
    cells = "".join(f'<span class="field">{f}: <span class="fill"></span></span>' for f in NAME_FIELDS)
    return f'<div class="name-line">{cells}</div>'


def name_line_md() -> str:
    return "   ".join(f"{f}: ________________" for f in NAME_FIELDS)


# ------------------------------------------------------------------ appendix
@dataclass(frozen=True)
class ArticleParagraph:
    """One paragraph of an appendix: its number as "para. N" counts it (the Sources
    panel and the locators use the same splitter, ``argmap.model.passages``), the page
    of a paged (PDF) text, else 0, and its text with line breaks made spaces."""

    number: int
    page: int
    text: str


def article_paragraphs(text: str, title: str = "") -> tuple[str, list[ArticleParagraph]]:
    """An article's headline (a first block that repeats the document's ``title``, as
    the Sources panel shows it) and its counted paragraphs."""
    headline = ""
    out: list[ArticleParagraph] = []
    for p in passages.paragraphs(text, title):
        body = " ".join(text[p.start : p.end].split())
        if p.number == 0:
            headline = body
        else:
            out.append(ArticleParagraph(p.number, p.page, body))
    return headline, out


def paragraphs(text: str, title: str = "") -> tuple[str, list[str]]:
    """The headline and the paragraphs' texts (para. 1 first); see ``article_paragraphs``."""
    headline, paras = article_paragraphs(text, title)
    return headline, [p.text for p in paras]


def _appendix_label(articles: Sequence[tuple[str, str]], n: int) -> str:
    return "Appendix" if len(articles) == 1 else f"Appendix {n}"


def appendix_html(articles: Sequence[tuple[str, str]]) -> str:
    out = []
    for n, (title, text) in enumerate(articles, 1):
        headline, paras = article_paragraphs(text, title)
        if passages.PAGE_BREAK in text:
            note = "Pages are numbered as the evidence cites them (p. 1, p. 2, ...)."
            body, page = [], -1
            for p in paras:
                if p.page != page:
                    page = p.page
                    body.append(f'<h3 class="page">p. {page}</h3>')
                body.append(f'<p dir="auto">{html.escape(p.text)}</p>')
            items = "".join(body)
        else:
            note = "Paragraphs are numbered as the evidence cites them (para. 1, para. 2, ...)."
            items = '<ol class="paras">' + "".join(
                f'<li value="{p.number}" dir="auto">{html.escape(p.text)}</li>' for p in paras) + "</ol>"
        out.append(
            f'<section class="appendix"><h2>{_appendix_label(articles, n)}: {html.escape(title or headline)}</h2>'
            + (f"<p><strong>{html.escape(headline)}</strong></p>" if headline and headline != title else "")
            + f'<p class="note">{note}</p>{items}</section>'
        )
    return "".join(out)


def appendix_md(articles: Sequence[tuple[str, str]], escape) -> list[str]:  # type: ignore[no-untyped-def]
    lines: list[str] = []
    for n, (title, text) in enumerate(articles, 1):
        headline, paras = article_paragraphs(text, title)
        lines += [f"## {_appendix_label(articles, n)}: {escape(title or headline)}", ""]
        if headline and headline != title:
            lines += [f"**{escape(headline)}**", ""]
        paged = passages.PAGE_BREAK in text
        lines += [f"*{'Pages' if paged else 'Paragraphs'} are numbered as the evidence cites them.*", ""]
        page = -1
        for p in paras:
            if paged and p.page != page:
                page = p.page
                lines += [f"### p. {page}", ""]
            lines += [escape(p.text) if paged else f"{p.number}\\. {escape(p.text)}", ""]
    return lines


SHEET_CSS = (
    ".name-line{display:flex;gap:1.5em;margin:.6em 0 1em;flex-wrap:wrap}.name-line .field{flex:1;min-width:10em;white-space:nowrap}"
    ".name-line .fill{display:inline-block;border-bottom:1px solid #333;width:70%;min-width:6em}"
    ".no{display:inline-block;min-width:1.6em;padding:0 .3em;margin-right:.3em;border:1.5px solid #333;border-radius:1em;"
    "text-align:center;font-weight:bold;font-size:.85em}.hint{font-size:.85em;color:#444;font-style:italic}"
    ".teacher{border:1px solid #c9a227;background:#fffbe6;padding:.4em .6em}"
    "ol.paras li{margin:.4em 0}.appendix{page-break-before:always;break-before:page}"
)


# ------------------------------------------------------------------ articles
MAX_ARTICLE_BYTES = 5 * 1024 * 1024


def find_document(path: str, base_dir: str | os.PathLike[str] | None) -> Path | None:
    """A source document's file: an absolute path, or one relative to the map's folder
    or (as `argmap check` looks) one of that folder's parents; None if not found."""
    if not path:
        return None
    p = Path(path)
    if p.is_absolute():
        return p if p.is_file() else None
    if base_dir is None:
        return None
    base = Path(base_dir).resolve()
    for folder in (base, *base.parents):
        if (folder / p).is_file():
            return folder / p
    return None


def document_text(doc: SourceDocument, base_dir: str | os.PathLike[str] | None) -> str | None:
    """The text of a source document: the text embedded in the map first, else its file
    beside the map (read as the Sources panel reads it: txt, md, html, pdf; any other
    file as UTF-8 text, at most 5 MB); None when there is none to read."""
    if doc.text.strip():
        return doc.text
    found = find_document(doc.path, base_dir)
    if found is None:
        return None
    try:
        if found.stat().st_size > MAX_ARTICLE_BYTES:
            return None
        if found.suffix.lower() in SUFFIXES:
            return read_source(found).text
        return found.read_bytes().decode("utf-8-sig", errors="replace")
    except (OSError, FileFormatError):
        return None


def article_texts(amap: ArgumentMap, base_dir: str | os.PathLike[str] | None) -> list[tuple[str, str]]:
    """(title, text) of each source document of the map whose text is embedded or whose
    file can be read (see ``document_text``): the worksheet's appendix. Others are left out."""
    out = []
    for doc in amap.meta.sources:
        text = document_text(doc, base_dir)
        if text is not None:
            out.append((doc.title, text))
    return out


# ------------------------------------------------------------------ pictures
def numbered_sheet(amap: ArgumentMap, kinds: Iterable[str | StatementKind] | str, hints: str = "") -> ArgumentMap:
    """A worksheet picture's map: the blank cards carry their number (as in the
    worksheet's outline and the key) and the hint, above the writing lines."""
    blank = parse_kinds(kinds)
    numbers = blank_numbers(build_outline(amap, blank), blank)
    sheet_map = worksheet_map(amap, blank)
    locators = quoted_locators(amap) if hints == "paragraph" else {}
    statements = []
    for s in sheet_map.statements():
        no = numbers.get(s.id)
        if no is not None:
            hint = hint_of(amap.statement(s.id), hints, locators)
            s = replace(s, title=f"({no})" + (f" Hint: {hint}" if hint else ""))
        statements.append(s)
    return ArgumentMap.from_parts(sheet_map.meta, statements, sheet_map.links())


def numbered_key(amap: ArgumentMap, kinds: Iterable[str | StatementKind] | str) -> ArgumentMap:
    """The answer key picture's map: the answers' titles start with their number."""
    blank = parse_kinds(kinds)
    numbers = blank_numbers(build_outline(amap, frozenset()), blank)
    statements = [
        replace(s, title=f"({numbers[s.id]}) {s.title or s.label(50)}") if s.id in numbers else s for s in amap.statements()
    ]
    return ArgumentMap.from_parts(amap.meta, statements, amap.links())
