"""Where in the article a piece of evidence quotes: the quoted passage located in the
source text embedded in the model answer, so that a student's quotation and the model's
can be compared by how much of the same passage they cover, and feedback can name the
paragraph ("para. 4") of a missing piece of evidence.

The student's file has documents of its own (other ids, perhaps another title): a
student document is the model's when its text is the same (compared as the quotation
check compares: case, spaces, quote marks and dashes folded) or, failing that, when its
title is. Qt-free; reads ``argmap.model.passages`` (the Sources panel's splitter)."""

from __future__ import annotations

from dataclasses import dataclass

from argmap.model import ArgumentMap, SourceDocument, Statement, passages
from argmap.reasoning.quotes import cited_document


@dataclass(frozen=True, slots=True)
class Quoted:
    """A quotation located in one of the model answer's documents."""

    document: str  # the model document's id
    start: int
    end: int
    words: int  # how many words the quotation has


def _text_key(text: str) -> str:
    return " ".join(passages.folded(text).split())


def document_pairs(model: ArgumentMap, student: ArgumentMap) -> dict[str, SourceDocument]:
    """Student document id -> the model's document with the same text (else the same
    title); only documents whose model twin embeds its text."""
    by_text = {_text_key(d.text): d for d in model.meta.sources if d.text.strip()}
    by_title = {d.title.strip().casefold(): d for d in model.meta.sources if d.text.strip() and d.title.strip()}
    out: dict[str, SourceDocument] = {}
    for d in student.meta.sources:
        twin = by_text.get(_text_key(d.text)) if d.text.strip() else None
        if twin is None and d.title.strip():
            twin = by_title.get(d.title.strip().casefold())
        if twin is not None:
            out[d.id] = twin
    return out


def locate(s: Statement, meta_docs: ArgumentMap, twins: dict[str, SourceDocument] | None = None) -> Quoted | None:
    """Where ``s`` (of the map ``meta_docs``) quotes a model document: the document its
    citation names, taken to the model's twin with ``twins`` (None: the map is the model)."""
    if s.source is None or not s.source.quotation.strip():
        return None
    doc = cited_document(meta_docs.meta, s.source)
    if doc is None:
        return None
    if twins is not None:
        twin = twins.get(doc.id)
        if twin is None:
            return None
        doc = twin
    if not doc.text:
        return None
    span = passages.find(doc.text, s.source.quotation)
    if span is None:
        return None
    return Quoted(doc.id, span.start, span.end, len(s.source.quotation.split()))


def located(model: ArgumentMap, student: ArgumentMap, model_items: list[Statement],
            student_items: list[Statement]) -> tuple[list[Quoted | None], list[Quoted | None]]:
    """The located quotations of the model's and of the student's statements (None where
    a statement quotes nothing that can be found in a document of the model)."""
    if not any(d.text for d in model.meta.sources):
        return [None] * len(model_items), [None] * len(student_items)
    twins = document_pairs(model, student)
    return [locate(s, model) for s in model_items], [locate(s, student, twins) for s in student_items]


def span_overlap(a: Quoted, b: Quoted) -> float:
    """0..1: the share of the shorter passage that the other covers (a student may quote
    a shorter or longer span of the same sentence, or leave words out with "..."); a
    quotation of fewer than four words says too little to tell which passage is meant."""
    if a.document != b.document:
        return 0.0
    inter = min(a.end, b.end) - max(a.start, b.start)
    if inter <= 0:
        return 0.0
    score = inter / max(1, min(a.end - a.start, b.end - b.start))
    words = min(a.words, b.words)
    return score * (words / 4 if words < 4 else 1.0)


def locator_of(model: ArgumentMap, s: Statement) -> str:
    """Where the model's evidence ``s`` quotes its article ("para. 4", "p. 12"): found in
    the embedded text, else the locator the card gives; "" when neither says."""
    if s.source is None:
        return ""
    doc = cited_document(model.meta, s.source) if s.source.quotation.strip() else None
    if doc is not None and doc.text:
        found = passages.locate(doc.text, s.source.quotation, doc.title)
        if found:
            return found
    return " ".join(s.source.locator.split())


__all__ = ["Quoted", "document_pairs", "locate", "located", "locator_of", "span_overlap"]
