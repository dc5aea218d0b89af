"""`argmap validate FILE...`: check that files are valid argmap projects."""

from __future__ import annotations

import argparse
import sys

from argmap.formats import FileFormatError, load_project
from argmap.util import plural

HELP = "check that each file is a valid argmap project (exit 1 if any is not)"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("files", nargs="+", metavar="FILE", help="project files (*.argmap.json)")
    p.add_argument("-q", "--quiet", action="store_true", help="print nothing for valid files")


def run(args: argparse.Namespace) -> int:
    failed = 0
    for path in args.files:
        try:
            project = load_project(path)
        except FileFormatError as exc:
            failed += 1
            print(f"argmap: {exc}", file=sys.stderr)
            continue
        if not args.quiet:
            amap = project.map
            print(f"{path}: valid ({plural(len(amap.statements()), 'statement')}, {plural(len(amap.links()), 'link')})")
    return 1 if failed else 0
