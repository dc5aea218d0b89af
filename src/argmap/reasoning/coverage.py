"""Which parts of a source document the map quotes: the span of every evidence card's
quotation in the document's embedded text, and which paragraphs (or pages) are used
by which cards."""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from argmap.model import ArgumentMap, SourceDocument, Statement, passages
from argmap.model.passages import Paragraph, Span
from argmap.reasoning.quotes import cited_document


@dataclass(frozen=True)
class Quoted:
    """An evidence card quoting a document: where (``span`` None when the quotation
    does not occur in the text)."""

    id: str
    span: Span | None


def citing(amap: ArgumentMap, doc: SourceDocument) -> list[Statement]:
    """Cards with a quotation (evidence mostly; an imported OVA node quotes too) whose
    citation points at ``doc``, by id."""
    meta = amap.meta
    out = []
    for s in amap.statements():
        if s.source is not None and s.source.quotation.strip() and cited_document(meta, s.source) == doc:
            out.append(s)
    return out


def quoted(amap: ArgumentMap, doc: SourceDocument) -> list[Quoted]:
    return [Quoted(s.id, passages.find(doc.text, s.source.quotation)) for s in citing(amap, doc) if s.source]


@dataclass(frozen=True)
class Coverage:
    """Per counted paragraph, the ids of the cards quoting it (in id order)."""

    doc: SourceDocument
    paragraphs: tuple[Paragraph, ...]  # the counted ones (no headline)
    used_by: tuple[tuple[str, ...], ...]  # parallel to ``paragraphs``
    not_found: tuple[str, ...]  # cards whose quotation does not occur

    @property
    def used(self) -> int:
        return sum(1 for ids in self.used_by if ids)

    def to_dict(self) -> dict[str, object]:
        paged = self.doc.paged
        return {
            "id": self.doc.id,
            "title": self.doc.title,
            "paragraphs": len(self.paragraphs),
            "used": self.used,
            "items": [
                {
                    "paragraph": p.number,
                    **({"page": p.page} if paged else {}),
                    "start": self.doc.text[p.start : p.start + 60],
                    "cards": list(ids),
                }
                for p, ids in zip(self.paragraphs, self.used_by)
            ],
            "not_found": list(self.not_found),
        }


def coverage(amap: ArgumentMap, doc: SourceDocument, found: list[Quoted] | None = None) -> Coverage:
    paras = tuple(passages.counted(passages.paragraphs(doc.text, doc.title)))
    starts = [p.start for p in paras]
    users: list[set[str]] = [set() for _ in paras]
    missing = []
    for q in quoted(amap, doc) if found is None else found:
        if q.span is None:
            missing.append(q.id)
            continue
        for i in _overlapping(paras, starts, q.span):
            users[i].add(q.id)
    return Coverage(doc, paras, tuple(tuple(sorted(u)) for u in users), tuple(sorted(missing)))


def _overlapping(paras: tuple[Paragraph, ...], starts: list[int], span: Span) -> range:
    """Indexes of the paragraphs that share a character with ``span``."""
    lo = bisect.bisect_right(starts, span.start) - 1
    if lo < 0:
        lo = 0
    elif paras[lo].end <= span.start:
        lo += 1
    return range(lo, bisect.bisect_left(starts, span.end))
