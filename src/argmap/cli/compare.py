"""`argmap compare MODEL STUDENT... [-d FOLDER] [--json] [-o REPORT]`: compare students'
maps with a model answer.

Exit status: 0 every hand-in compared; 1 some hand-ins were skipped (broken or not argmap
projects: each is named on stderr, the rest are still compared); 2 the model answer
cannot be read, no hand-in at all, or the report cannot be written.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

from argmap.cli import json_text
from argmap.compare.classroom import ClassResult, compare_class, hand_ins, model_problem
from argmap.compare.report import write_class_report, write_feedback
from argmap.compare.rubric import Rubric, parse_rubric
from argmap.formats import FileFormatError
from argmap.formats.project import load_project, save_project

HELP = (
    "compare students' maps with a model answer: what each found, missed, attached "
    "elsewhere or drew with the wrong arrow, a rubric score, feedback, and a class page"
)


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("model", metavar="MODEL", help="the model answer (a project file; its rubric is used)")
    p.add_argument("students", nargs="*", metavar="STUDENT", help="students' project files")
    p.add_argument(
        "-d", "--dir", action="append", default=[], metavar="FOLDER",
        help="a folder of hand-ins (every file in it is compared or reported); may be repeated",
    )
    p.add_argument("--json", action="store_true", help="print the results as JSON")
    p.add_argument(
        "--rubric", metavar="KEY=N,...",
        help="change rubric weights for this run, e.g. extra=0.5,check=0 (keys: missing, misattached, "
        "wrong_polarity, extra, check; the rest come from the model answer's rubric)",
    )
    p.add_argument("--save-rubric", action="store_true", help="save the rubric (with --rubric's changes) into the model answer")
    p.add_argument(
        "-o", "--output", metavar="REPORT",
        help="write a report (.html or .md): one student's feedback, or for several the class "
        "page plus one feedback file each in REPORT's name + '-feedback/'",
    )


def run(args: argparse.Namespace) -> int:
    try:
        project = load_project(args.model)
    except FileFormatError as exc:
        print(f"argmap: the model answer cannot be used: {exc}", file=sys.stderr)
        return 2
    model = project.map
    problem = model_problem(model)
    if problem:
        print(f"argmap: the model answer cannot be used: {args.model}: {problem}", file=sys.stderr)
        return 2
    rubric = Rubric.of_map(model.meta)
    if args.rubric:
        try:
            rubric = parse_rubric(args.rubric, rubric)
        except ValueError as exc:
            print(f"argmap: --rubric {exc}", file=sys.stderr)
            return 2
    if args.save_rubric:
        model.set_meta(replace(model.meta, rubric=rubric.as_meta()))
        try:
            save_project(args.model, model, project.view)
        except FileFormatError as exc:
            print(f"argmap: the rubric cannot be saved: {exc}", file=sys.stderr)
            return 2
        print(f"argmap: saved the rubric in {args.model}", file=sys.stderr)
    files = hand_ins([*args.students, *args.dir], args.model)
    if not files:
        if args.save_rubric:
            return 0
        print("argmap: no hand-ins to compare (give STUDENT files or -d FOLDER)", file=sys.stderr)
        return 2
    result = compare_class(model, files, rubric, progress=_progress_bar() if sys.stderr.isatty() else None)
    for skipped in result.skipped:
        print(f"argmap: skipped {skipped.problem}", file=sys.stderr)
    if not result.students:
        print("argmap: none of the hand-ins could be read", file=sys.stderr)
        if args.json:
            print(json_text(result.to_dict()))
        return 2
    if args.output:
        try:
            if len(result.students) == 1 and not args.dir:
                s = result.students[0]
                written = [write_feedback(s.comparison, s.author, args.output)]
            else:
                written = write_class_report(result, args.output)
        except (FileFormatError, OSError) as exc:
            print(f"argmap: the report cannot be written: {exc}", file=sys.stderr)
            return 2
        print(f"argmap: wrote {written[0]}" + (f" and {len(written) - 1} feedback files" if len(written) > 1 else ""), file=sys.stderr)
    if args.json:
        print(json_text(result.to_dict()))
    elif not args.output:
        _print_text(result)
    return 1 if result.skipped else 0


def _print_text(result: ClassResult) -> None:
    for n, s in enumerate(result.students):
        if n:
            print()
        print(f"{s.author} ({s.file}): {s.comparison.score}/100")
        for line in s.comparison.feedback[1:]:
            print(f"  - {line}")


def _progress_bar():  # type: ignore[no-untyped-def]
    def show(done: int, total: int, current: str) -> None:
        width = 30
        filled = width * done // max(1, total)
        name = Path(current).name[:40] if current else "done"
        end = "\n" if done == total else ""
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} {name:<40}{end}")
        sys.stderr.flush()

    return show
