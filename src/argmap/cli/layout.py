"""`argmap layout FILE -o OUT [--style compact|classic|left-right] [--aspect W:H]`: lay out
a map without a display (tidy imported maps in bulk). OUT is written atomically; an
argmap project keeps its view settings. Cards are measured as the app draws them
(Qt, offscreen)."""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path

from argmap.formats import FileFormatError
from argmap.formats.interchange import format_for_extension, read_any, write_any
from argmap.formats.project import ViewState, load_project, save_project
from argmap.layout import COMPACT, DEFAULT_ASPECT, STYLES
from argmap.layout.edits import auto_layout_edit
from argmap.util import plural

HELP = "lay out a map's cards (compact, classic or left-right) and write the result"


def parse_aspect(text: str) -> float:
    """``"16:9"``, ``"4/3"`` or ``"1.5"`` as width / height; ValueError with a readable
    message otherwise."""
    raw = text.strip()
    for sep in (":", "/", "x"):
        if sep in raw:
            w_text, _, h_text = raw.partition(sep)
            try:
                w, h = float(w_text), float(h_text)
            except ValueError:
                break
            if not (math.isfinite(w) and math.isfinite(h)) or w <= 0 or h <= 0:
                break
            return w / h
    else:
        try:
            value = float(raw)
        except ValueError:
            value = math.nan
        if math.isfinite(value) and value > 0:
            return value
    raise ValueError(f"aspect {text!r} is not a ratio like 16:9, 4:3 or 1.5 (two positive numbers)")


def _aspect_arg(text: str) -> float:
    try:
        value = parse_aspect(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    if not 0.05 <= value <= 20:
        raise argparse.ArgumentTypeError(f"aspect {text!r} is out of range (between 1:20 and 20:1)")
    return value


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("input", metavar="FILE", help="the map to lay out (argmap, AIF, Argdown, Kialo, GraphML, Carneades)")
    p.add_argument("-o", "--output", metavar="OUT", required=True, help="where to write the laid-out map (format from its name)")
    p.add_argument(
        "--style",
        choices=STYLES,
        default=COMPACT,
        help="compact: rows or columns per subtree to fit the aspect (default); classic: top-down rows; "
        "left-right: children to the right of their parent",
    )
    p.add_argument(
        "--aspect",
        type=_aspect_arg,
        default=DEFAULT_ASPECT,
        metavar="W:H",
        help="the shape the compact layout aims at, e.g. 16:9 (default), 4:3, 1:1.414 for A4 portrait",
    )
    p.add_argument("-q", "--quiet", action="store_true", help="print nothing unless something fails")


def run(args: argparse.Namespace) -> int:
    view: ViewState | None = None
    try:
        if _is_project(args.input):
            project = load_project(args.input)
            amap, view = project.map, project.view
        else:
            amap, _report = read_any(args.input)
        if not amap.statements():
            print(f"argmap: {args.input}: the map has no statements to lay out", file=sys.stderr)
            return 1
        edit = auto_layout_edit(amap, size_of=_card_size(), style=args.style, aspect=args.aspect)
        edit.apply(amap)
        if _is_project(args.output):
            save_project(args.output, amap, view)
        else:
            write_any(amap, args.output)
    except FileFormatError as exc:
        print(f"argmap: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"argmap: cannot write {args.output}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    if not args.quiet:
        print(
            f"{args.output}: {plural(len(amap.statements()), 'statement')} laid out ({args.style}, "
            f"{plural(len(edit.moves), 'card')} moved)",
            file=sys.stderr,
        )
    return 0


def _card_size():  # type: ignore[no-untyped-def]
    """The app's own card sizes (fonts measured by Qt, offscreen), so that the file
    looks in the app as it was laid out here; the Qt-free estimate without Qt."""
    try:
        from argmap.ui.canvas.card_layout import card_size
        from argmap.ui.render.export import ensure_app
    except ImportError:
        return None
    ensure_app()
    return card_size


def _is_project(path: str) -> bool:
    fmt = format_for_extension(Path(path))
    return fmt is not None and fmt.name == "argmap"
