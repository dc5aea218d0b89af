"""Render a map to PNG, SVG and PDF (and copy it to the clipboard) with the canvas's own
painting: a fresh ``MapScene`` of the (possibly filtered) map in export mode."""

from __future__ import annotations

import math
import os
import re
from dataclasses import dataclass, replace

from PySide6.QtCore import QBuffer, QIODevice, QRectF, QSize, QSizeF
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgGenerator

from argmap.export.options import (  # noqa: F401 - the Qt-free options, re-exported for the app
    BACKGROUNDS,
    FORMATS,
    IMAGE_FORMATS,
    MAX_PIXELS,
    MAX_SIDE,
    PAGINGS,
    PAPERS,
    SCOPES,
    ExportError,
    ExportOptions,
    ExportResult,
    export_format,
    prepare_map,
)
from argmap.export.write import write
from argmap.model import ArgumentMap
from argmap.ui.render.compose import build_scene, compose  # noqa: F401 - re-exported
from argmap.ui.render.compose import detach as _detach
from argmap.ui.render.export_layout import Composition
from argmap.ui.render.export_pages import render_pdf
from argmap.ui.render.slides import render_slides
from argmap.ui.render.export_png import encode_png


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


def render_bytes(amap: ArgumentMap, fmt: str, options: ExportOptions, warnings: list[str] | None = None) -> bytes:
    """One picture (png, svg or pdf) of an already prepared map."""
    if fmt == "pdf" and options.slides:
        return render_slides(amap, options, options.title or amap.meta.title)[0]
    if fmt == "pdf":
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
    """Export ``amap`` to ``path`` (atomically) through ``argmap.export.write`` with the
    Qt renderer. Raises ``ExportError`` or ``FileFormatError``."""
    return write(path, amap, options, fmt, renderer=render_bytes)


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


def ensure_app():  # type: ignore[no-untyped-def]
    """The running Qt application, or a new offscreen-capable one for headless export."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")) and os.name == "posix":
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QApplication(["argmap-export"])
    from argmap.ui.fonts import ensure_fonts

    ensure_fonts()
    return app
