"""Render a map to PNG, SVG and PDF (and copy it to the clipboard) with the canvas's own
painting: a fresh ``MapScene`` of the (possibly filtered) map in export mode."""

from __future__ import annotations

import math
import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QRectF, QSize, QSizeF
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgGenerator

from argmap.formats.atomic import atomic_write_files
from argmap.export.handout import (
    HANDOUT_FORMATS,
    key_path,
    parse_kinds,
    resolve_statement,
    source_list,
    submap,
    worksheet_map,
    write_handout,
)
from argmap.export.verdict_box import card_badges, export_labelling, verdict_rows
from argmap.model import ArgumentMap
from argmap.ui.render.export_layout import Composition
from argmap.ui.render.export_png import encode_png
from argmap.ui.styles import get_theme, legend_entries

IMAGE_FORMATS = ("png", "svg", "pdf")
FORMATS = IMAGE_FORMATS + HANDOUT_FORMATS
PAPERS = ("fit", "a4", "letter")
SCOPES = ("all", "selection", "subtree")
BACKGROUNDS = ("white", "transparent")
MAX_PIXELS = 32_000_000  # bigger PNGs are hard to open (32 MP paint and write in ~0.6 s): the scale is reduced
MAX_SIDE = 30_000  # many viewers refuse wider pictures
PAGINGS = ("by-position", "tiles")  # A4/Letter: a page per position (tiled if need be), or tiles


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
    labels: bool = False  # cards carry their verdict badges; a verdict box (handouts: a section)
    base_dir: str = ""  # where quoted documents are looked for (weighing: the project's folder)

    def checked(self) -> ExportOptions:
        """These options, or an ``ExportError`` naming the first bad value."""
        try:
            get_theme(self.theme)
            parse_kinds(self.worksheet)
        except ValueError as exc:
            raise ExportError(str(exc)) from None
        for name, value, allowed in (
            ("background", self.background, BACKGROUNDS),
            ("paper", self.paper, PAPERS),
            ("scope", self.scope, SCOPES),
            ("pages", self.pages, PAGINGS),
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


def build_scene(amap: ArgumentMap, theme: str = "default"):  # type: ignore[no-untyped-def]
    """A fresh ``MapScene`` of ``amap`` in export mode (no selection, hover or handles)."""
    _need_gui()
    scene = _export_scene_class()(amap, theme)
    scene.set_export_mode(True)
    return scene


_SCENE_CLASS: list[type] = []


def _export_scene_class() -> type:
    """``MapScene`` that leaves the background to the composition (white, the theme's
    colour or transparent), so the map has no tinted box of its own."""
    if not _SCENE_CLASS:
        from argmap.ui.canvas.scene import MapScene

        class ExportScene(MapScene):
            def drawBackground(self, painter, rect) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
                return None

        _SCENE_CLASS.append(ExportScene)
    return _SCENE_CLASS[0]


def compose(amap: ArgumentMap, options: ExportOptions, scene=None, *,  # type: ignore[no-untyped-def]
            sources: list[str] | None = None) -> Composition:
    """The picture of ``amap`` (already prepared) with title, legend and footer (the
    ``sources`` given, else the map's when ``options.sources``); the composition holds
    the scene it draws (``comp.scene``)."""
    theme = get_theme(options.theme)
    scene = scene if scene is not None else build_scene(amap, options.theme)
    source = scene.content_rect()
    if source.isEmpty():
        source = QRectF(0, 0, 200, 80)
    background = None
    if options.background == "white":  # a dark theme keeps its own dark background
        background = QColor("#ffffff") if QColor(theme.background).lightness() > 128 else QColor(theme.background)
    title = options.title if options.title is not None else ""
    verdicts = None
    if options.labels:
        labelling = export_labelling(amap, options.base_dir)
        scene.set_badges(card_badges(amap, labelling))
        verdicts = [(r.badge, f"{r.name}: {r.verdict}") for r in verdict_rows(amap, labelling)]
    comp = Composition(
        scene,
        source,
        theme,
        title=title,
        legend=legend_entries(theme) if options.legend else None,
        sources=sources if sources is not None else (source_list(amap) if options.sources else None),
        background=background,
        verdicts=verdicts,
    )
    return comp


# -------------------------------------------------------------------------------- PNG
@dataclass(frozen=True)
class PngSize:
    """The pixel size of a PNG, its scale (pixels per picture unit), and the size asked
    for when the caps (``MAX_PIXELS``, ``MAX_SIDE``) made it smaller."""

    width: int
    height: int
    scale: float
    wanted: tuple[int, int] | None = None

    def warning(self) -> str | None:
        """What a person should know about a capped picture (None when not capped)."""
        if self.wanted is None:
            return None
        w, h = self.wanted
        from argmap.ui.canvas.statement_item import TEXT_LOD

        text = (
            f"the picture would be {w} x {h} pixels ({w * h / 1e6:.0f} MP); a PNG is kept within "
            f"{MAX_PIXELS / 1e6:.0f} MP and {MAX_SIDE:,} pixels a side, so it is {self.width} x {self.height}"
        )
        if self.scale < TEXT_LOD:
            text += " and card text shows as grey bars at that size"
        return text + " (use SVG or PDF for very large maps)"


def png_size(size: QSizeF, options: ExportOptions) -> PngSize:
    """The PNG of a picture of ``size`` (picture units) at the requested scale, DPI or
    width, within the caps; one scale for both axes."""
    scale = options.width / size.width() if options.width else options.png_scale
    w, h = size.width() * scale, size.height() * scale
    limit = min(1.0, math.sqrt(MAX_PIXELS / max(1.0, w * h)), MAX_SIDE / max(w, h, 1.0))
    if limit >= 1.0:
        pw = options.width or max(1, round(w))
        return PngSize(pw, max(1, round(h)), scale)
    scale *= limit
    pw, ph = max(1, round(size.width() * scale)), max(1, round(size.height() * scale))
    return PngSize(pw, ph, scale, (round(w), round(h)))


def render_image(comp: Composition, options: ExportOptions, warnings: list[str] | None = None) -> QImage:
    """The picture as a QImage at the requested scale, DPI or width (capped in size)."""
    plan = png_size(comp.size, options)
    note = plan.warning()
    if note and warnings is not None:
        warnings.append(note)
    pw, ph, scale = plan.width, plan.height, plan.scale
    opaque = comp.background is not None and comp.background.alpha() == 255
    fmt = QImage.Format.Format_RGB32 if opaque else QImage.Format.Format_ARGB32_Premultiplied
    image = QImage(pw, ph, fmt)
    if image.isNull():
        raise ExportError(f"not enough memory for a {pw} x {ph} picture; choose a smaller scale")
    image.fill(comp.background if opaque else QColor(0, 0, 0, 0))
    dpm = round(scale * 96 / 0.0254)
    image.setDotsPerMeterX(dpm)
    image.setDotsPerMeterY(dpm)
    painter = QPainter(image)
    try:
        # one scale for both axes: rounding the size must not make it (very slightly)
        # anisotropic, which sends Qt's raster engine to a slow path for every wide pen
        # (10 s instead of 0.1 s for the arrows of the 1,000-statement map)
        painter.scale(scale, scale)
        comp.paint(painter)
    finally:
        painter.end()
    return image


def png_bytes(image: QImage) -> bytes:
    """``image`` encoded as PNG (deflated on several threads: ``export_png``)."""
    if image.isNull():
        raise ExportError("could not encode the PNG: the picture is empty")
    return encode_png(image)


# -------------------------------------------------------------------------------- SVG
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 13))


def render_svg(comp: Composition, title: str = "", description: str = "") -> bytes:
    """The picture as SVG: text kept as text, valid XML (Qt escapes markup; characters
    XML forbids, such as control characters in user text, are dropped)."""
    size = comp.size
    buf = QBuffer()
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    gen = QSvgGenerator()
    gen.setOutputDevice(buf)
    gen.setSize(QSize(math.ceil(size.width()), math.ceil(size.height())))
    gen.setViewBox(QRectF(0, 0, math.ceil(size.width()), math.ceil(size.height())))
    gen.setResolution(96)
    gen.setTitle(_XML_INVALID.sub("", title or "Argument map"))
    gen.setDescription(_XML_INVALID.sub("", description or "Argument map made with argmap"))
    painter = QPainter(gen)
    try:
        comp.paint(painter)
    finally:
        painter.end()
    data = bytes(buf.data().data())
    if len(data.translate(None, _CONTROL_BYTES)) != len(data) or b"\xef\xbf\xbe" in data or b"\xef\xbf\xbf" in data:
        data = _XML_INVALID.sub("", data.decode("utf-8", errors="replace")).encode("utf-8")  # user text XML forbids
    return data


# ------------------------------------------------------------------------------ files
def export_format(path: str | os.PathLike[str], fmt: str | None = None) -> str:
    """The format of an output path (from ``fmt`` or the extension)."""
    name = (fmt or Path(path).suffix.lstrip(".")).lower()
    name = {"markdown": "md", "htm": "html"}.get(name, name)
    if name not in FORMATS:
        raise ExportError(f"{path}: cannot tell the format from {name or 'no extension'!r}; use one of: {', '.join(FORMATS)}")
    return name


def render_bytes(amap: ArgumentMap, fmt: str, options: ExportOptions, warnings: list[str] | None = None) -> bytes:
    """One picture (png, svg or pdf) of an already prepared map."""
    if fmt == "pdf":
        from argmap.ui.render.export_pages import render_pdf

        return render_pdf(amap, options, options.title or amap.meta.title, warnings)[0]
    comp = compose(amap, options)
    title = options.title or amap.meta.title
    try:
        if fmt == "png":
            return png_bytes(render_image(comp, options, warnings))
        return render_svg(comp, title)
    finally:
        _detach(comp)


def write_export(path: str | os.PathLike[str], amap: ArgumentMap, options: ExportOptions = ExportOptions(),
                 fmt: str | None = None) -> ExportResult:
    """Export ``amap`` to ``path`` (atomically). A worksheet also writes its answer key
    beside it (``X.key.EXT``). Raises ``ExportError`` or ``FileFormatError``."""
    options = options.checked()
    fmt = export_format(path, fmt)
    chosen = prepare_map(amap, options)
    result = ExportResult()
    blank = parse_kinds(options.worksheet)
    if fmt in HANDOUT_FORMATS:
        svg = None
        if options.embed_map and fmt == "html":
            svg = render_bytes(worksheet_map(chosen, blank) if blank else chosen, "svg", replace(options, worksheet=()))
        key_svg = None
        if blank and options.embed_map and fmt == "html":  # the key shows the full map
            key_svg = render_bytes(chosen, "svg", replace(options, worksheet=()))
        title = options.title or None
        rows = verdict_rows(chosen, export_labelling(chosen, options.base_dir)) if options.labels else None
        result.paths = write_handout(
            path, chosen, fmt=fmt, title=title, svg=svg, worksheet=blank, key_svg=key_svg, verdicts=rows
        )
        return result
    sheet = worksheet_map(chosen, blank) if blank else chosen
    files = [(Path(path), render_bytes(sheet, fmt, options, result.warnings))]
    if blank:  # the worksheet and its answer key are written together, or neither
        files.append((key_path(path), render_bytes(chosen, fmt, options)))
    atomic_write_files(files)
    result.paths.extend(p for p, _data in files)
    return result


# -------------------------------------------------------------------------- clipboard
def copy_image_to_clipboard(scene_or_map, *, theme: str | None = None, scale: float = 2.0,  # type: ignore[no-untyped-def]
                            selection_only: bool = True, background: str = "white") -> QImage:
    """Put a picture of the map (or, from a scene with a selection, of the selected
    statements) on the clipboard as an image; returns it."""
    amap, ids, theme = _map_of(scene_or_map, theme)
    options = ExportOptions(theme=theme, scale=scale, background=background)
    statements = [i for i in ids if amap.is_statement(i)]
    if selection_only and statements:
        options = replace(options, scope="selection", selection=tuple(ids))
    comp = compose(prepare_map(amap, options.checked()), options)
    try:
        image = render_image(comp, options)
    finally:
        _detach(comp)
    QGuiApplication.clipboard().setImage(image)
    return image


def _map_of(scene_or_map, theme: str | None) -> tuple[ArgumentMap, list[str], str]:  # type: ignore[no-untyped-def]
    if isinstance(scene_or_map, ArgumentMap):
        return scene_or_map, [], theme or "default"
    scene = scene_or_map
    amap = getattr(scene, "amap", None) or getattr(scene, "map", None)
    if not isinstance(amap, ArgumentMap):
        raise ExportError("copy as image needs a map or a map scene")
    current = getattr(scene, "theme_name", None) or getattr(getattr(scene, "theme", None), "name", None)
    return amap, list(scene.selected_ids()), theme or current or "default"


def _detach(comp: Composition) -> None:
    if hasattr(comp.scene, "detach"):
        comp.scene.detach()


def _need_gui() -> None:
    if QGuiApplication.instance() is None:
        raise ExportError("pictures need a QGuiApplication; call ensure_app() first")


def ensure_app():  # type: ignore[no-untyped-def]
    """The running Qt application, or a new offscreen-capable one for headless export."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")) and os.name == "posix":
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QApplication(["argmap-export"])
    return app
