"""`argmap export FILE -o OUT`: pictures (PNG, SVG, PDF) and class material (Markdown,
HTML) from project files, headless; many files at once into a folder with ``-d``."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from argmap.export.options import BACKGROUNDS, FORMATS, KEY_PLACES, PAGINGS, PAPERS, ExportError, ExportOptions
from argmap.export.write import Renderer, needs_renderer, write
from argmap.formats import EXTENSION, FileFormatError, load_project

HELP = "export maps as PNG, SVG or PDF pictures, or as Markdown/HTML handouts and worksheets"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("files", nargs="+", metavar="FILE", help="project files (*.argmap.json)")
    out = p.add_mutually_exclusive_group(required=True)
    out.add_argument("-o", "--output", metavar="OUT", help="the file to write (its extension picks the format)")
    out.add_argument("-d", "--dir", metavar="FOLDER", help="write one file per input into FOLDER (needs --format)")
    p.add_argument("-f", "--format", choices=FORMATS, help="png, svg, pdf, md or html (default: from -o's extension)")
    p.add_argument("--scale", type=float, default=2.0, help="PNG pixels per canvas pixel (default 2)")
    p.add_argument("--dpi", type=float, help="PNG resolution in dots per inch (96 is scale 1); overrides --scale")
    p.add_argument("--width", type=int, help="PNG width in pixels; overrides --scale and --dpi")
    p.add_argument("--theme", default="default", help="default, colorblind, greyscale, high-contrast or dark")
    p.add_argument("--background", choices=BACKGROUNDS, default="white", help="PNG/SVG/PDF background")
    p.add_argument("--subtree", metavar="ID_OR_TITLE", help="export only this statement and everything under it")
    p.add_argument("--legend", action="store_true", help="add a legend of shapes, colours and arrows")
    p.add_argument(
        "--labels",
        action="store_true",
        help="cards carry their verdict badges (weighed) and the picture a verdict box; handouts a verdict section",
    )
    p.add_argument("--sources", action="store_true", help="add a footer listing the sources")
    p.add_argument(
        "--title", nargs="?", const="", metavar="TEXT",
        help="put a title on the picture (the map's title if TEXT is left out; write --title=TEXT before FILE)",
    )
    p.add_argument("--worksheet", metavar="KINDS", help="leave these kinds blank, e.g. evidence,rebuttal; "
                   "the answer key is written beside the output as NAME.key.EXT")
    p.add_argument("--paper", choices=PAPERS, default="fit",
                   help="PDF: one page the size of the map (fit), or A4/Letter pages")
    p.add_argument("--pages", choices=PAGINGS, default="by-position",
                   help="PDF on A4/Letter, when the map is too big for one readable page: one page per position "
                        "(its question on top; tiled only if a position is still too big) or the whole map in tiles")
    orient = p.add_mutually_exclusive_group()
    orient.add_argument("--landscape", dest="landscape", action="store_const", const=True,
                        help="PDF on A4/Letter: every page landscape (default: each page as suits it)")
    orient.add_argument("--portrait", dest="landscape", action="store_const", const=False, help="PDF on A4/Letter: every page portrait")
    p.add_argument("--key-on", choices=KEY_PLACES, default="every-page",
                   help="PDF on A4/Letter: the legend, and the sources the page's cards cite (numbered as in the "
                        "whole map), on every page that has room (every-page, the default; what fits nowhere goes on "
                        "a last page), or legend and all sources together on a last page (last-page)")
    p.add_argument("--slides", action="store_true",
                   help="PDF: 16:9 slides revealing the map step by step, as View > Present does (one slide per step)")
    p.add_argument("--with-map", action="store_true", help="HTML handouts: include a picture of the map")
    p.add_argument("--hints", choices=("title", "paragraph"),
                   help="worksheets: under each numbered blank, the card's title or the paragraph it quotes")
    p.add_argument("--with-article", action="store_true",
                   help="handouts: add the articles the map cites (its source documents' text files) as an appendix")
    p.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")


def _options(args: argparse.Namespace, title_of_map: str, src: str = "") -> ExportOptions:
    title = args.title
    if title == "":
        title = title_of_map or None
    return ExportOptions(
        theme=args.theme,
        scale=args.scale,
        dpi=args.dpi,
        width=args.width,
        background=args.background,
        scope="subtree" if args.subtree else "all",
        subtree=args.subtree or "",
        title=title,
        legend=args.legend,
        sources=args.sources,
        paper=args.paper,
        landscape=args.landscape,
        pages=args.pages,
        worksheet=tuple((args.worksheet or "").split(",")) if args.worksheet else (),
        embed_map=args.with_map,
        labels=args.labels,
        base_dir=str(Path(src).resolve().parent) if src else "",
        slides=args.slides,
        key_on=args.key_on,
    )


def _needs_qt(fmt: str, args: argparse.Namespace) -> bool:
    return needs_renderer(fmt, ExportOptions(embed_map=args.with_map))


def _renderer() -> Renderer:
    """The Qt renderer of pictures (imported only when a picture is asked for)."""
    from argmap.ui.render.export import render_bytes

    return render_bytes


def _target(args: argparse.Namespace, src: str) -> tuple[Path, str]:
    if args.output:
        out = Path(args.output)
        fmt = args.format or out.suffix.lstrip(".").lower()
        fmt = {"htm": "html", "markdown": "md"}.get(fmt, fmt)
        return out, fmt
    name = Path(src).name
    stem = name[: -len(EXTENSION)] if name.endswith(EXTENSION) else Path(name).stem
    return Path(args.dir) / f"{stem}.{args.format}", args.format


class _Progress:
    """A one-line progress bar on stderr, only when stderr is a terminal."""

    def __init__(self, total: int, enabled: bool) -> None:
        self.total = total
        self.enabled = enabled and total > 1 and sys.stderr.isatty()
        self.width = 28

    def show(self, done: int, name: str) -> None:
        if not self.enabled:
            return
        filled = round(self.width * done / self.total)
        bar = "#" * filled + "-" * (self.width - filled)
        label = name if len(name) <= 40 else "\u2026" + name[-39:]
        sys.stderr.write(f"\r[{bar}] {done}/{self.total} {label:<40}")
        sys.stderr.flush()

    def clear(self) -> None:
        if self.enabled:
            sys.stderr.write("\r" + " " * (self.width + 60) + "\r")
            sys.stderr.flush()


def run(args: argparse.Namespace) -> int:
    if args.dir is not None and args.format is None:
        print("argmap: export: -d/--dir needs --format (png, svg, pdf, md or html)", file=sys.stderr)
        return 2
    if args.output and len(args.files) > 1:
        print("argmap: export: several files need -d FOLDER instead of -o", file=sys.stderr)
        return 2
    first_fmt = _target(args, args.files[0])[1]
    if first_fmt not in FORMATS:
        print(f"argmap: export: {args.output}: cannot tell the format from the extension; "
              f"use .png, .svg, .pdf, .md or .html, or --format", file=sys.stderr)
        return 2
    if args.slides and first_fmt != "pdf":
        print(f"argmap: export: --slides makes a PDF; {first_fmt} was asked for (use -o NAME.pdf)", file=sys.stderr)
        return 2
    if args.dir is not None:
        try:
            Path(args.dir).mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            print(f"argmap: export: cannot create folder {args.dir}: {exc.strerror or exc}", file=sys.stderr)
            return 1
    if _needs_qt(first_fmt, args):
        from argmap.ui.render.export import ensure_app

        app = ensure_app()  # noqa: F841 - kept alive while exporting
    failed = 0
    progress = _Progress(len(args.files), not args.quiet)
    for n, src in enumerate(args.files):
        progress.show(n, src)
        problem = _export_one(args, src)
        if problem:
            failed += 1
            progress.clear()
            print(f"argmap: {problem}", file=sys.stderr)
    progress.show(len(args.files), "done")
    progress.clear()
    if failed and len(args.files) > 1:
        print(f"argmap: export: {failed} of {len(args.files)} files failed", file=sys.stderr)
    return 1 if failed else 0


def _export_one(args: argparse.Namespace, src: str) -> str:
    """Export one file; returns a problem to report, or "" when it worked."""
    out, fmt = _target(args, src)
    try:
        project = load_project(src)
    except FileFormatError as exc:
        return str(exc)
    options = _options(args, project.map.meta.title, src)
    if args.hints or args.with_article:
        from dataclasses import replace

        from argmap.export.worksheet_parts import article_texts

        appendix = tuple(article_texts(project.map, Path(src).resolve().parent)) if args.with_article else ()
        options = replace(options, hints=args.hints or "", appendix=appendix)
    try:
        result = write(out, project.map, options, fmt, renderer=_renderer() if _needs_qt(fmt, args) else None)
    except FileFormatError as exc:
        return str(exc)
    except (ExportError, ValueError, LookupError) as exc:
        return f"{src}: {exc}"
    for w in result.warnings:
        print(f"argmap: {src}: warning: {w}", file=sys.stderr)
    if not args.quiet:
        print(", ".join(os.fspath(p) for p in result.paths))
    return ""
