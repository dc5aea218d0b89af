"""Slides (``argmap export FILE -o talk.pdf --slides``): the presentation's steps as a 16:9
PDF, one slide per step, each showing what has been revealed so far, as large as the
slide allows (for a classroom without the app)."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QRectF, QSizeF
from PySide6.QtGui import QPageSize

from argmap.export.handout import submap
from argmap.export.options import ExportError, ExportOptions
from argmap.export.slides import presentation_steps
from argmap.model import ArgumentMap
from argmap.ui.render.compose import compose
from argmap.ui.render.export_pages import (
    HEADER_PT,
    PT_PER_UNIT,
    PageSpec,
    _layout,
    paint_document,
    release,
    write_pdf,
)

SLIDE_PT = (960.0, 540.0)  # 16:9, 13.33 x 7.5 inches (a presentation program's wide slide)
SLIDE_MARGIN_MM = 8.0
MAX_SLIDE_SCALE = PT_PER_UNIT * 1.6  # a few cards are shown large, not huge
MAX_SLIDES = 400


def slide_page() -> QPageSize:
    return QPageSize(QSizeF(*SLIDE_PT), QPageSize.Unit.Point, "16:9 slide", QPageSize.SizeMatchPolicy.ExactMatch)


def slide_specs(amap: ArgumentMap, options: ExportOptions) -> list[PageSpec]:
    """One page per presentation step (call ``release`` after painting)."""
    steps = presentation_steps(amap)
    if not steps:
        raise ExportError("the map has no statements to show on slides")
    if len(steps) > MAX_SLIDES:
        raise ExportError(f"the map would make {len(steps)} slides (at most {MAX_SLIDES}); export a subtree with --subtree")
    margin = SLIDE_MARGIN_MM / 25.4 * 72
    area = (SLIDE_PT[0] - 2 * margin, SLIDE_PT[1] - 2 * margin - HEADER_PT)
    bare = replace(options, title=None, legend=False, sources=False, slides=False)
    pages: list[PageSpec] = []
    try:
        for k, step in enumerate(steps, 1):
            comp = compose(submap(amap, step.shown), bare)
            size = comp.size
            scale = min(area[0] / max(size.width(), 1.0), area[1] / max(size.height(), 1.0), MAX_SLIDE_SCALE)
            pages.append(PageSpec(comp, QRectF(0, 0, size.width(), size.height()), scale, False, f"{k}. {step.caption}"))
    except BaseException:
        release(pages)
        raise
    return pages


def render_slides(amap: ArgumentMap, options: ExportOptions, title: str = "") -> tuple[bytes, int]:
    """``amap`` (already prepared) as a 16:9 slide PDF; returns (bytes, slide count)."""
    pages = slide_specs(amap, options)
    page = slide_page()
    return write_pdf(title, pages, lambda writer: paint_document(
        writer, pages, title=title, layout_for=lambda _land: _layout(page, False, SLIDE_MARGIN_MM)))
