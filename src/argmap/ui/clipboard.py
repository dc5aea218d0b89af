"""Cut, copy, paste and duplicate: a selection travels as a sub-map serialised as a
project (MIME type ``application/x-argmap+json``) plus plain text; paste gives fresh ids."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QClipboard, QGuiApplication

from argmap.formats import FileFormatError, dumps_project, loads_project
from argmap.model import (
    AddLink,
    AddStatement,
    ArgumentMap,
    Batch,
    Link,
    MapError,
    MapMeta,
    SetMeta,
    SourceDocument,
    Statement,
    StatementKind,
    new_id,
)
from argmap.model.edits import plural
from argmap.model.submap import submap
from argmap.model.types import replace
from argmap.reasoning.quotes import cited_document

MIME_TYPE = "application/x-argmap+json"
PASTE_OFFSET = (40.0, 40.0)


def extract_submap(amap: ArgumentMap, ids: Iterable[str]) -> ArgumentMap:
    """The selected statements with every link whose premises and target are all in
    the selection (links attacking such links too): ``argmap.model.submap`` in mode
    "whole". A position keeps ``answers`` only if its question is selected. The source
    documents its evidence cites come along (their text, to check quotations)."""
    sub = submap(amap, ids, mode="whole")
    sub.set_meta(MapMeta(sources=cited_sources(amap, sub.statements())))
    return sub


def cited_sources(amap: ArgumentMap, statements: Iterable[Statement]) -> tuple[SourceDocument, ...]:
    """The map's source documents that the statements' quotations cite (their text
    travels with copied evidence, so that it can be checked in the other map)."""
    wanted: list[SourceDocument] = []
    for s in statements:
        if s.source is not None and not s.source.is_empty():
            doc = cited_document(amap.meta, s.source)
            if doc is not None and doc not in wanted:
                wanted.append(doc)
    return tuple(d for d in amap.meta.sources if d in wanted)


def _new_sources(amap: ArgumentMap, sub: ArgumentMap) -> list[SourceDocument]:
    """The sub-map's source documents the map lacks (same id and text, or same text:
    already there), with a fresh id where the id is taken."""
    have = {d.id: d for d in amap.meta.sources}
    texts = {(d.title, d.text) for d in amap.meta.sources}
    out = []
    for doc in sub.meta.sources:
        if (doc.title, doc.text) in texts:
            continue
        if doc.id in have:
            n = 2
            while f"{doc.id}-{n}" in have:
                n += 1
            doc = replace(doc, id=f"{doc.id}-{n}")
        have[doc.id] = doc
        out.append(doc)
    return out


def plain_text(amap: ArgumentMap) -> str:
    """Statements as lines, for pasting into a word processor."""
    lines = []
    for s in sorted(amap.statements(), key=lambda s: (s.pos[1] if s.pos else 0.0, s.pos[0] if s.pos else 0.0, s.id)):
        head = f"{s.title}: " if s.title else ""
        line = f"[{s.kind.value}] {head}{s.text}"
        if s.source is not None and s.source.citation:
            line += f" ({s.source.citation})"
        lines.append(line)
    return "\n".join(lines)


def insert_submap(
    amap: ArgumentMap,
    sub: ArgumentMap,
    offset: tuple[float, float] = PASTE_OFFSET,
    label: str = "",
) -> tuple[Batch, list[str]]:
    """An edit adding a copy of ``sub`` to ``amap`` with fresh ids, positions shifted
    by ``offset``; returns the edit and the new statement ids."""
    mapping: dict[str, str] = {}
    taken: set[str] = set()
    for s in sub.statements():
        mapping[s.id] = new_id(amap, "s", taken)
        taken.add(mapping[s.id])
    for link in sub.links():
        mapping[link.id] = new_id(amap, "l", taken)
        taken.add(mapping[link.id])
    dx, dy = offset
    statements = []
    for s in sub.statements():
        pos = (s.pos[0] + dx, s.pos[1] + dy) if s.pos is not None else None
        answers = mapping.get(s.answers) if s.answers is not None else None
        statements.append(replace(s, id=mapping[s.id], pos=pos, answers=answers))
    # questions first so that positions can answer them
    statements.sort(key=lambda s: (s.kind is not StatementKind.QUESTION, s.answers is not None, s.id))
    links = [
        replace(l, id=mapping[l.id], premises=tuple(mapping[p] for p in l.premises), target=mapping[l.target])
        for l in sub.links()
    ]
    added: set[str] = {s.id for s in statements}
    ordered: list[Link] = []
    pending = links
    while pending:  # a link after the link it attacks
        ready = [l for l in pending if l.target in added]
        if not ready:
            break
        for l in ready:
            ordered.append(l)
            added.add(l.id)
        pending = [l for l in pending if l.id not in added]
    edits: list[object] = [AddStatement(s) for s in statements] + [AddLink(l) for l in ordered]
    docs = _new_sources(amap, sub)
    if docs:
        edits.insert(0, SetMeta(amap.meta, replace(amap.meta, sources=(*amap.meta.sources, *docs)), "Add sources"))
    n = len(statements)
    return Batch(tuple(edits), label or f"Paste {plural(n, 'statement')}"), [s.id for s in statements]


def to_mime(sub: ArgumentMap) -> QMimeData:
    mime = QMimeData()
    mime.setData(MIME_TYPE, dumps_project(sub))
    mime.setText(plain_text(sub))
    return mime


def from_mime(mime: QMimeData | None) -> ArgumentMap | None:
    """The sub-map on the clipboard, or None when there is none (or it is damaged)."""
    if mime is None or not mime.hasFormat(MIME_TYPE):
        return None
    try:
        return loads_project(bytes(mime.data(MIME_TYPE).data()), "<clipboard>").map
    except (FileFormatError, MapError):
        return None


def copy_to_clipboard(amap: ArgumentMap, ids: Iterable[str]) -> int:
    """Put the selection on the system clipboard; returns the number of statements."""
    sub = extract_submap(amap, ids)
    if not len(sub.statements()):
        return 0
    QGuiApplication.clipboard().setMimeData(to_mime(sub), QClipboard.Mode.Clipboard)
    return len(sub.statements())


def clipboard_submap() -> ArgumentMap | None:
    return from_mime(QGuiApplication.clipboard().mimeData(QClipboard.Mode.Clipboard))

