"""A folder (or list) of hand-ins compared with one model answer: each readable map is
compared, each broken or foreign file is reported and skipped, and the class overview
(rubric items per student, statements most often missed, most common misattachments)
is gathered. Qt-free; progress is reported through a callback."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from argmap.compare.result import Comparison, compare_maps
from argmap.compare.rubric import Rubric
from argmap.formats import FileFormatError
from argmap.formats.project import EXTENSION, load_project
from argmap.model import ArgumentMap

Progress = Callable[[int, int, str], None]
#: A hand-in with more statements than this is reported, not compared (a class map has
#: tens; comparing costs time in proportion to both maps' sizes).
MAX_STATEMENTS = 3000


@dataclass
class StudentResult:
    file: Path
    author: str
    comparison: Comparison


@dataclass
class Skipped:
    file: Path
    problem: str


@dataclass
class ClassResult:
    model: ArgumentMap
    rubric: Rubric
    students: list[StudentResult] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)

    def most_missed(self, limit: int = 10) -> list[tuple[str, int]]:
        """(model id, how many students missed it), most missed first."""
        counts = Counter(mid for s in self.students for mid in s.comparison.missing)
        return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]

    def common_misattachments(self, limit: int = 10) -> list[tuple[str, str, int]]:
        """(kind, model id, how many students), for misattached and wrong_polarity."""
        counts = Counter(
            (f.kind, f.model or "")
            for s in self.students
            for f in s.comparison.findings
            if f.kind in ("misattached", "wrong_polarity")
        )
        return [(k, m, n) for (k, m), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]]

    def to_dict(self) -> dict[str, object]:
        return {
            "students": [s.comparison.to_dict(str(s.file), s.author) for s in self.students],
            "skipped": [{"file": str(s.file), "error": s.problem} for s in self.skipped],
        }


def model_problem(model: ArgumentMap) -> str | None:
    """Why a map cannot serve as a model answer (None when it can)."""
    n = len(model.statements())
    if n == 0:
        return "it has no statements"
    if n > MAX_STATEMENTS:
        return f"it has {n} statements, too many to compare (at most {MAX_STATEMENTS})"
    return None


def student_name(amap: ArgumentMap, path: str | os.PathLike[str]) -> str:
    """The map's authors, else the file's name without its extension."""
    authors = [a.strip() for a in amap.meta.authors if a.strip()]
    if authors:
        return ", ".join(authors)
    name = Path(path).name
    return name[: -len(EXTENSION)] if name.endswith(EXTENSION) else Path(name).stem


def hand_ins(paths: Iterable[str | os.PathLike[str]], model_path: str | os.PathLike[str] | None = None) -> list[Path]:
    """Each file as given; for a folder, every file in it (not hidden), sorted, so that
    a foreign file there is reported rather than silently passed over. The model
    answer itself is left out when it sits in the same folder."""
    out: list[Path] = []
    skip = Path(model_path).resolve() if model_path is not None else None
    for p in paths:
        path = Path(p)
        if path.is_dir():
            out.extend(
                q for q in sorted(path.rglob("*"))
                if q.is_file() and not any(part.startswith(".") for part in q.relative_to(path).parts)
            )
        else:
            out.append(path)
    return [p for p in out if skip is None or p.resolve() != skip]


def compare_class(
    model: ArgumentMap,
    files: list[Path],
    rubric: Rubric | None = None,
    progress: Progress | None = None,
) -> ClassResult:
    rubric = rubric or Rubric.of_map(model.meta)
    result = ClassResult(model, rubric)
    total = len(files)
    for n, path in enumerate(files, 1):
        if progress is not None:
            progress(n - 1, total, str(path))
        try:
            student = load_project(path).map
        except FileFormatError as exc:
            result.skipped.append(Skipped(path, str(exc)))
            continue
        except OSError as exc:  # a race: the file went away between listing and reading
            result.skipped.append(Skipped(path, f"{path}: cannot be read: {exc.strerror or exc}"))
            continue
        n_statements = len(student.statements())
        if n_statements > MAX_STATEMENTS:
            result.skipped.append(Skipped(path, f"{path}: has {n_statements} statements, too many to compare "
                                                f"(at most {MAX_STATEMENTS}): is it a student's map?"))
            continue
        comparison = compare_maps(model, student, rubric, student_dir=path.resolve().parent)
        result.students.append(StudentResult(path, student_name(student, path), comparison))
    if progress is not None:
        progress(total, total, "")
    return result
