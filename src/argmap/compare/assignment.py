"""An assignment from a model answer, in one go: the starter file students open (the
question, optionally the positions, the article), a worksheet and the teacher's answer
key. The starter carries the text of every article the map cites (embedded, so that
students see it in the Sources panel; an article known only by its file beside the model
answer is read and embedded). All files are written together or none is."""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

from argmap.export.handout import handout_html
from argmap.export.worksheet_parts import article_texts, document_text, find_document
from argmap.formats.atomic import atomic_write_files
from argmap.formats.project import EXTENSION, dumps_project
from argmap.model import ArgumentMap, SourceDocument, StatementKind

#: What the worksheet leaves blank by default: the arguments, not the question or positions.
DEFAULT_BLANKS = frozenset({StatementKind.CLAIM, StatementKind.EVIDENCE, StatementKind.REBUTTAL})


@dataclass(frozen=True)
class AssignmentFiles:
    starter: Path
    worksheet: Path
    key: Path

    def all(self) -> list[Path]:
        return [self.starter, self.worksheet, self.key]


def starter_map(model: ArgumentMap, *, positions: bool = False) -> ArgumentMap:
    """The questions (and with ``positions`` the positions answering them) of the model
    answer, its metadata and source documents; no arguments, no rubric, and not the
    description (the teacher's notes: students read the student description)."""
    keep = {StatementKind.QUESTION} | ({StatementKind.POSITION} if positions else set())
    statements = [s for s in model.statements() if s.kind in keep]
    kept = {s.id for s in statements}
    statements = [replace(s, answers=s.answers if s.answers in kept else None) for s in statements]
    meta = replace(model.meta, rubric=(), authors=(), description="")  # the description is the teacher's notes
    return ArgumentMap.from_parts(meta, statements, [])


def assignment_paths(starter: str | os.PathLike[str]) -> tuple[Path, Path, Path]:
    """``ottawa.argmap.json`` -> itself, ``ottawa-worksheet.html``, ``ottawa-key.html``."""
    p = Path(starter)
    name = p.name if p.name.endswith(EXTENSION) else p.name + EXTENSION
    stem = name[: -len(EXTENSION)]
    p = p.with_name(name)
    return p, p.with_name(f"{stem}-worksheet.html"), p.with_name(f"{stem}-key.html")


def _embedded_documents(model: ArgumentMap, model_dir: Path | None) -> list[SourceDocument]:
    """The model's source documents, each with its text embedded: the text the map
    carries, else its file's (found as the worksheet's appendix finds it; the path
    becomes the file's name). A document with no readable text is kept as it is."""
    docs: list[SourceDocument] = []
    for doc in model.meta.sources:
        if doc.text.strip():
            docs.append(doc)
            continue
        text = document_text(doc, model_dir)
        found = find_document(doc.path, model_dir)
        if text is None or not text.strip() or found is None:
            docs.append(doc)
            continue
        docs.append(replace(doc, path=found.name, text=text))
    return docs


def write_assignment(
    model: ArgumentMap,
    starter: str | os.PathLike[str],
    *,
    model_dir: str | os.PathLike[str] | None = None,
    positions: bool = False,
    blanks: frozenset[StatementKind] = DEFAULT_BLANKS,
    hints: str = "",
) -> AssignmentFiles:
    """Write the starter file (with the articles' texts embedded), the worksheet and the
    answer key atomically. ``model_dir`` is where the model answer's relative document
    paths start. Raises ``WriteError`` (nothing written)."""
    start, worksheet, key = assignment_paths(starter)
    docs = _embedded_documents(model, Path(model_dir) if model_dir is not None else None)
    with_docs = model.copy()
    with_docs.set_meta(replace(model.meta, sources=tuple(docs)))
    starter_m = starter_map(with_docs, positions=positions)
    appendix = article_texts(with_docs, model_dir)
    files: list[tuple[Path, bytes]] = [
        (start, dumps_project(starter_m)),
        (worksheet, handout_html(with_docs, worksheet=blanks, hints=hints, appendix=appendix).encode("utf-8")),
        (key, handout_html(with_docs, worksheet=blanks, answer_key=True, appendix=appendix).encode("utf-8")),
    ]
    atomic_write_files(files)
    return AssignmentFiles(start, worksheet, key)
