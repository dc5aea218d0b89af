"""`argmap convert IN -o OUT`: convert between argmap, AIF, Argdown, Kialo, GraphML and DOT,
printing what was repaired or left behind on stderr."""

from __future__ import annotations

import argparse
import sys

from argmap.formats import FileFormatError
from argmap.layout import with_layout
from argmap.formats.interchange import format_names, read_any, write_any

HELP = "convert a map between formats (argmap, AIF, SADFace, Argdown, Kialo, GraphML, Carneades, microtext arggraph, DOT)"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("input", metavar="IN", help="the file to read")
    p.add_argument("-o", "--output", metavar="OUT", required=True, help="the file to write")
    p.add_argument("--from", dest="from_fmt", choices=format_names(True), help="format of IN (default: from its content and name)")
    p.add_argument("--to", dest="to_fmt", choices=format_names(False), help="format of OUT (default: from its name)")
    p.add_argument("-q", "--quiet", action="store_true", help="print nothing unless something fails")


def run(args: argparse.Namespace) -> int:
    try:
        amap, read_report = read_any(args.input, args.from_fmt)
        amap = with_layout(amap)  # statements the file did not place get positions
        write_report = write_any(amap, args.output, args.to_fmt)
    except FileFormatError as exc:
        print(f"argmap: {exc}", file=sys.stderr)
        return 1
    if not args.quiet:
        for line in (*read_report.lines(), *write_report.lines()):
            print(line, file=sys.stderr)
    return 0
