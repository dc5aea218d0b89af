"""`argmap check FILE_OR_FOLDER...`: what each map is missing or gets wrong.

Exit status: 0 no error-level finding; 1 some error-level finding; 2 a file could not
be read (or a folder holds no project files).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from argmap.cli import json_text
from argmap.formats import EXTENSION, FileFormatError, load_project
from argmap.reasoning import Finding, Severity, check_map, has_errors
from argmap.util import plural

HELP = (
    "check maps for missing support, unsourced or misquoted evidence, isolated, empty or "
    "duplicate statements, circular support (exit 1 if any error is found)"
)
_LEVELS = {"info": 2, "warning": 1, "error": 0}


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "paths", nargs="+", metavar="FILE", help="project files, or folders of *.argmap.json files (searched recursively)"
    )
    p.add_argument(
        "--level",
        choices=tuple(_LEVELS),
        default="info",
        help="print findings of this severity and worse (default: info, all of them)",
    )
    p.add_argument("--json", action="store_true", help="print JSON instead of text")


def project_files(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path]:
    """Each path as given, and for a folder every ``*.argmap.json`` under it, sorted."""
    for p in paths:
        path = Path(p)
        if path.is_dir():
            yield from sorted(q for q in path.rglob(f"*{EXTENSION}") if q.is_file())
        else:
            yield path


def check_file(path: str | os.PathLike[str]) -> list[Finding]:
    """Load a project file and check it (source documents are looked up beside it).
    Raises ``FileFormatError`` for a broken file."""
    project = load_project(path)
    return check_map(project.map, Path(path).resolve().parent)


def run(args: argparse.Namespace) -> int:
    results: list[dict[str, Any]] = []
    unreadable = False
    any_errors = False
    for path in project_files(args.paths):
        try:
            findings = check_file(path)
        except FileFormatError as exc:
            unreadable = True
            results.append({"file": str(path), "error": str(exc), "findings": []})
            if not args.json:
                print(f"argmap: {exc}", file=sys.stderr)
            continue
        any_errors = any_errors or has_errors(findings)
        shown = [f for f in findings if f.severity.rank <= _LEVELS[args.level]]
        results.append({"file": str(path), "error": None, "findings": shown, "all": findings})
        if not args.json:
            _print_file(path, shown, findings)
    if not results:
        print(f"argmap: no *.argmap.json files in {', '.join(args.paths)}", file=sys.stderr)
        return 2
    if args.json:
        out = {
            "files": [
                {"file": r["file"], "error": r["error"], "findings": [f.to_dict() for f in r["findings"]]}
                for r in results
            ],
            "summary": _summary(results),
        }
        print(json_text(out))
    elif len(results) > 1:
        s = _summary(results)
        print(
            f"\n{s['files']} files checked: {s['files_with_errors']} with errors, "
            f"{s['unreadable']} unreadable; {s['error']} errors, {s['warning']} warnings, {s['info']} notes in all"
        )
    if unreadable:
        return 2
    return 1 if any_errors else 0


def _print_file(path: Path, shown: list[Finding], findings: list[Finding]) -> None:
    counts = Counter(f.severity for f in findings)
    if not findings:
        print(f"{path}: no findings")
        return
    parts = [
        plural(counts[Severity.ERROR], "error"),
        plural(counts[Severity.WARNING], "warning"),
        plural(counts[Severity.INFO], "note"),
    ]
    print(f"{path}: {', '.join(parts)}")
    for f in shown:
        where = f" [{f.id}]" if f.id else ""
        print(f"  {f.severity.value:<7} {f.code}{where}: {f.message}")


def _summary(results: list[dict[str, Any]]) -> dict[str, int]:
    counts: Counter[str] = Counter()
    with_errors = 0
    for r in results:
        found = r.get("all", [])
        counts.update(f.severity.value for f in found)
        with_errors += has_errors(found)
    return {
        "files": len(results),
        "unreadable": sum(1 for r in results if r["error"]),
        "files_with_errors": with_errors,
        "error": counts["error"],
        "warning": counts["warning"],
        "info": counts["info"],
    }
