"""The picture of a map: a fresh ``MapScene`` in export mode, composed with its title,
legend and footer (``Composition``)."""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QGuiApplication

from argmap.export.page_sources import numbered_sources
from argmap.export.options import ExportError, ExportOptions
from argmap.export.verdict_box import card_badges, export_labelling, verdict_rows
from argmap.model import ArgumentMap
from argmap.ui.render.export_layout import Composition
from argmap.ui.styles import get_theme, legend_entries


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
            sources: list[str] | None = None, markers: dict[str, int] | None = None) -> Composition:
    """The picture of ``amap`` (already prepared) with title, legend and footer (the
    ``sources`` given, else the map's when ``options.sources``; the cards citing them
    carry their numbers, ``markers`` or the map's own); the composition holds the scene
    it draws (``comp.scene``)."""
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
    numbered = numbered_sources(amap) if sources is None and options.sources else None
    if markers is None and numbered is not None:
        markers = numbered.cited_by
    if options.labels:  # the cards carry their verdict badges; a verdict box lists the positions
        labelling = export_labelling(amap, options.base_dir)
        scene.set_badges(card_badges(amap, labelling))
        verdicts = [(r.badge, f"{r.name}: {r.verdict}") for r in verdict_rows(amap, labelling)]
    comp = Composition(
        scene,
        source,
        theme,
        title=title,
        legend=legend_entries(theme) if options.legend else None,
        sources=sources if sources is not None else (numbered.all_lines() if numbered is not None else None),
        background=background,
        verdicts=verdicts,
        markers=markers,
    )
    return comp


def _need_gui() -> None:
    if QGuiApplication.instance() is None:
        raise ExportError("pictures need a QGuiApplication; call ensure_app() first")


def detach(comp: Composition | None) -> None:
    """Detach the scene a composition drew from its map (the map stops updating it)."""
    if comp is not None and hasattr(comp.scene, "detach"):
        comp.scene.detach()
