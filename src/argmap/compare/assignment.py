"""An assignment from a model answer, in one go: the starter file students open (the
question, optionally the positions, the article), a worksheet and the teacher's answer
key; the articles the map cites are copied beside them. All files are written together
or none is."""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

from argmap.export.handout import handout_html
from argmap.export.worksheet_parts import article_texts, find_document
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
    articles: tuple[Path, ...]

    def all(self) -> list[Path]:
        return [self.starter, self.worksheet, self.key, *self.articles]


def starter_map(model: ArgumentMap, *, positions: bool = False) -> ArgumentMap:
    """The questions (and with ``positions`` the positions answering them) of the model
    answer, its metadata and source documents; no arguments, no rubric."""
    keep = {StatementKind.QUESTION} | ({StatementKind.POSITION} if positions else set())
    statements = [s for s in model.statements() if s.kind in keep]
    kept = {s.id for s in statements}
    statements = [replace(s, answers=s.answers if s.answers in kept else None) for s in statements]
    meta = replace(model.meta, rubric=(), authors=())
    return ArgumentMap.from_parts(meta, statements, [])


def assignment_paths(starter: str | os.PathLike[str]) -> tuple[Path, Path, Path]:
    """``ottawa.argmap.json`` -> itself, ``ottawa-worksheet.html``, ``ottawa-key.html``."""
    p = Path(starter)
    name = p.name if p.name.endswith(EXTENSION) else p.name + EXTENSION
    stem = name[: -len(EXTENSION)]
    p = p.with_name(name)
    return p, p.with_name(f"{stem}-worksheet.html"), p.with_name(f"{stem}-key.html")


def _article_copies(model: ArgumentMap, model_dir: Path | None, target_dir: Path) -> tuple[list[SourceDocument], list[tuple[Path, bytes]]]:
    """Source documents with a readable file get a copy beside the starter (their path
    becomes its name); the others are kept as they are."""
    docs: list[SourceDocument] = []
    files: list[tuple[Path, bytes]] = []
    taken: set[str] = set()
    for doc in model.meta.sources:
        src = find_document(doc.path, model_dir)
        if src is None:
            docs.append(doc)
            continue
        name = src.name
        n = 2
        while name.lower() in taken:
            name = f"{src.stem}-{n}{src.suffix}"
            n += 1
        taken.add(name.lower())
        files.append((target_dir / name, src.read_bytes()))
        docs.append(replace(doc, path=name))
    return docs, files


def write_assignment(
    model: ArgumentMap,
    starter: str | os.PathLike[str],
    *,
    model_dir: str | os.PathLike[str] | None = None,
    positions: bool = False,
    blanks: frozenset[StatementKind] = DEFAULT_BLANKS,
    hints: str = "",
) -> AssignmentFiles:
    """Write the starter file, the worksheet and the answer key (and copies of the
    articles) atomically. ``model_dir`` is where the model answer's relative document
    paths start. Raises ``WriteError`` (nothing written) or ``OSError`` reading an article."""
    start, worksheet, key = assignment_paths(starter)
    docs, articles = _article_copies(model, Path(model_dir) if model_dir is not None else None, start.parent)
    with_docs = model.copy()
    with_docs.set_meta(replace(model.meta, sources=tuple(docs)))
    starter_m = starter_map(with_docs, positions=positions)
    appendix = article_texts(model, model_dir)
    files: list[tuple[Path, bytes]] = [
        (start, dumps_project(starter_m)),
        (worksheet, handout_html(with_docs, worksheet=blanks, hints=hints, appendix=appendix).encode("utf-8")),
        (key, handout_html(with_docs, worksheet=blanks, answer_key=True, appendix=appendix).encode("utf-8")),
        *articles,
    ]
    atomic_write_files(files)
    return AssignmentFiles(start, worksheet, key, tuple(p for p, _ in articles))
