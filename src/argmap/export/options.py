"""What to export and how: formats, paper, paging, scope and the other options, the map
to draw (whole, selection, one subtree), and the result. No Qt."""

from __future__ import annotations

import math
import os
from dataclasses import dataclass, field
from pathlib import Path

from argmap.export.handout import HANDOUT_FORMATS, parse_kinds, resolve_statement, submap
from argmap.model import ArgumentMap
from argmap.model.style import get_theme

IMAGE_FORMATS = ("png", "svg", "pdf")
FORMATS = IMAGE_FORMATS + HANDOUT_FORMATS
PAPERS = ("fit", "a4", "letter")
SCOPES = ("all", "selection", "subtree")
BACKGROUNDS = ("white", "transparent")
MAX_PIXELS = 32_000_000  # bigger PNGs are hard to open (32 MP paint and write in ~0.6 s): the scale is reduced
MAX_SIDE = 30_000  # many viewers refuse wider pictures
PAGINGS = ("by-position", "tiles")  # A4/Letter: a page per position (tiled if need be), or tiles
KEY_PLACES = ("every-page", "last-page")  # A4/Letter: legend and cited sources on each page with room, or both on a page at the end


class ExportError(Exception):
    """An export could not be made; ``str()`` says why in words a person can act on."""


@dataclass(frozen=True)
class ExportOptions:
    """What to export and how. ``title`` None means no title on pictures."""

    theme: str = "default"
    scale: float = 2.0
    dpi: float | None = None  # PNG: overrides ``scale`` (96 dpi is 1x)
    width: int | None = None  # PNG: exact pixel width, overrides ``scale`` and ``dpi``
    background: str = "white"
    scope: str = "all"
    subtree: str = ""  # statement id or title, for scope "subtree"
    selection: tuple[str, ...] = ()
    title: str | None = None
    legend: bool = False
    sources: bool = False
    paper: str = "fit"
    landscape: bool | None = None  # None: whichever suits each page
    pages: str = "by-position"  # A4/Letter when the map is too big for one readable page
    worksheet: tuple[str, ...] = ()
    embed_map: bool = False  # HTML handouts: include the map picture
    hints: str = ""  # worksheets: "", "title" or "paragraph" (see export.worksheet_parts)
    appendix: tuple[tuple[str, str], ...] = ()  # handouts: (title, text) of articles to append
    labels: bool = False  # cards carry their verdict badges; a verdict box (handouts: a section)
    base_dir: str = ""  # where quoted documents are looked for (weighing: the project's folder)
    slides: bool = False  # PDF: 16:9 slides, one per presentation step (View > Present)
    key_on: str = "every-page"  # A4/Letter: legend, and the sources each page's cards cite, on every page with room; or both on a last page

    def checked(self) -> ExportOptions:
        """These options, or an ``ExportError`` naming the first bad value."""
        try:
            get_theme(self.theme)
            parse_kinds(self.worksheet)
            if self.hints not in ("", "title", "paragraph"):
                raise ValueError(f"unknown hints {self.hints!r}; use title or paragraph")
        except ValueError as exc:
            raise ExportError(str(exc)) from None
        for name, value, allowed in (
            ("background", self.background, BACKGROUNDS),
            ("paper", self.paper, PAPERS),
            ("scope", self.scope, SCOPES),
            ("pages", self.pages, PAGINGS),
            ("key placement", self.key_on, KEY_PLACES),
        ):
            if value not in allowed:
                raise ExportError(f"unknown {name} {value!r}; choose one of: {', '.join(allowed)}")
        if not (0.05 <= self.scale <= 16) or not math.isfinite(self.scale):
            raise ExportError(f"scale {self.scale} is out of range (0.05 to 16)")
        if self.dpi is not None and not (10 <= self.dpi <= 1200):
            raise ExportError(f"dpi {self.dpi} is out of range (10 to 1200)")
        if self.width is not None and not (16 <= self.width <= MAX_SIDE):
            raise ExportError(f"width {self.width} is out of range (16 to {MAX_SIDE} pixels)")
        return self

    @property
    def png_scale(self) -> float:
        return self.dpi / 96.0 if self.dpi else self.scale


@dataclass
class ExportResult:
    paths: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


# ---------------------------------------------------------------------------- the map
def prepare_map(amap: ArgumentMap, options: ExportOptions) -> ArgumentMap:
    """The map to draw: the whole map, the selection, or one statement with everything
    under it (by id or title). Raises ``ExportError`` for an unknown or empty choice."""
    if options.scope == "subtree":
        if not options.subtree.strip():
            raise ExportError("choose the statement whose subtree to export (an id or a title)")
        try:
            root = resolve_statement(amap, options.subtree.strip())
        except LookupError as exc:
            raise ExportError(str(exc)) from None
        return submap(amap, amap.subtree(root))
    if options.scope == "selection":
        ids = [i for i in options.selection if i in amap]
        if not any(amap.is_statement(i) for i in ids):
            raise ExportError("nothing is selected: select the statements to export")
        return submap(amap, ids)
    return amap


# ------------------------------------------------------------------------------ files
def export_format(path: str | os.PathLike[str], fmt: str | None = None) -> str:
    """The format of an output path (from ``fmt`` or the extension)."""
    name = (fmt or Path(path).suffix.lstrip(".")).lower()
    name = {"markdown": "md", "htm": "html"}.get(name, name)
    if name not in FORMATS:
        raise ExportError(f"{path}: cannot tell the format from {name or 'no extension'!r}; use one of: {', '.join(FORMATS)}")
    return name
