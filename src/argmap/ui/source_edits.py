"""Edits the Sources panel makes (Qt-free): a new evidence card from a selected passage
of a source document, on its own or supporting / attacking a card; adding a source
document to the map. Each is one undoable step."""

from __future__ import annotations

from dataclasses import replace

from argmap.model import (
    AddLink,
    AddStatement,
    ArgumentMap,
    Batch,
    ChangeStatement,
    Link,
    LinkKind,
    SetMeta,
    Source,
    SourceDocument,
    Statement,
    StatementKind,
    new_id,
    passages,
)
from argmap.model.passages import Span
from argmap.ui import edit_ops

#: Longest card text made from a quotation (the quotation itself is kept whole).
CARD_TEXT_LIMIT = 160


def quotation_of(doc: SourceDocument, span: Span) -> str:
    """The selected words exactly, only with outer whitespace dropped and a page break
    or a line end inside read as a space."""
    return doc.text[span.start : span.end].replace(passages.PAGE_BREAK, "\n").strip()


def card_text(quotation: str) -> str:
    text = " ".join(quotation.split())
    if len(text) <= CARD_TEXT_LIMIT:
        return text
    cut = text[: CARD_TEXT_LIMIT - 1].rsplit(" ", 1)[0]
    return cut + "\u2026"


def evidence_from_passage(
    amap: ArgumentMap,
    doc: SourceDocument,
    span: Span,
    target: str | None = None,
    attack: bool = False,
    near: tuple[float, float] | None = None,
    size_of: edit_ops.SizeOf | None = None,
    obstacles: edit_ops.Obstacles | None = None,
) -> tuple[Batch, str]:
    """A new evidence card quoting ``doc`` at ``span`` (locator and citation filled in),
    supporting ``target`` (attacking it when ``attack``) or standing alone at ``near``.
    Raises ``ValueError`` for an empty selection."""
    quotation = quotation_of(doc, span)
    if not quotation:
        raise ValueError("the selection holds no words")
    # the locator of the words themselves (the span may start on blank space)
    lead = len(doc.text[span.start : span.end]) - len(doc.text[span.start : span.end].lstrip())
    words = Span(span.start + lead, span.start + lead + len(quotation))
    source = Source(
        citation=doc.citation(),
        quotation=quotation,
        url=doc.url,
        locator=passages.locator(doc.text, words, doc.title),
        date=doc.date,
    )
    if target is not None:
        if not amap.is_statement(target) and not amap.is_link(target):
            raise ValueError(f"no statement or link {target!r}")
        kind = LinkKind.ATTACK if attack or amap.is_link(target) else LinkKind.SUPPORT
        spot = edit_ops.free_spot(amap, edit_ops._below(amap, target, size_of), size_of=size_of, obstacles=obstacles)
        order = edit_ops.next_order(amap, target)
    else:
        spot = edit_ops.free_spot(amap, near or (0.0, 0.0), size_of=size_of, obstacles=obstacles)
        order = 0.0
    s = Statement(new_id(amap, "s"), StatementKind.EVIDENCE, card_text(quotation), pos=spot, source=source, order=order)
    edits: list[object] = [AddStatement(s)]
    if target is not None:
        edits.append(AddLink(Link(new_id(amap, "l"), kind, (s.id,), target)))
    return Batch(tuple(edits), "New Evidence from Selection"), s.id


def use_passage(amap: ArgumentMap, id_: str, quotation: str, locator: str) -> ChangeStatement:
    """Replace a card's quotation (and locator) by a passage of its source: the fix
    offered for a quotation that does not occur."""
    s = amap.statement(id_)
    if s.source is None:
        raise ValueError(f"{id_!r} has no source")
    new = replace(s, source=replace(s.source, quotation=quotation, locator=locator or s.source.locator))
    return ChangeStatement(s, new, "Use Closest Passage")


def closest_fix(amap: ArgumentMap, id_: str, doc: SourceDocument) -> tuple[str, str] | None:
    """The closest passage of ``doc`` to the card's quotation and its locator, or None."""
    s = amap.statement(id_)
    if s.source is None or not doc.text:
        return None
    span = passages.closest(doc.text, s.source.quotation, doc.title)
    if span is None:
        return None
    return doc.text[span.start : span.end].strip(), passages.locator(doc.text, span, doc.title)


def add_source(amap: ArgumentMap, doc: SourceDocument) -> SetMeta:
    """Add ``doc`` to the map's source documents (its id must be new)."""
    if any(d.id == doc.id for d in amap.meta.sources):
        raise ValueError(f"a source document {doc.id!r} is already in the map")
    return SetMeta(amap.meta, replace(amap.meta, sources=(*amap.meta.sources, doc)), "Add Source")


def embed_text(amap: ArgumentMap, doc_id: str, text: str) -> SetMeta:
    """Keep ``text`` as the text of source ``doc_id`` (read from its file)."""
    sources = tuple(replace(d, text=text) if d.id == doc_id else d for d in amap.meta.sources)
    return SetMeta(amap.meta, replace(amap.meta, sources=sources), "Embed Source Text")


def remove_source(amap: ArgumentMap, doc_id: str) -> SetMeta:
    kept = tuple(d for d in amap.meta.sources if d.id != doc_id)
    return SetMeta(amap.meta, replace(amap.meta, sources=kept), "Remove Source")
