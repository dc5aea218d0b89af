"""The source list under a tile: a map too big for one page is cut into tiles, and each
tile lists, below its window, the sources cited by the cards it shows (numbered as in
the whole map). The page keeps room for the longest such list."""

from __future__ import annotations

from PySide6.QtCore import QRectF

from argmap.export.page_sources import NumberedSources
from argmap.export.tile_plan import Rect, Tile, overlap_area, plan_tiles
from argmap.ui.render.export_layout import FOOTER_PX, GAP, Composition, line_height, text_height
from argmap.ui.styles import make_font

MAX_SHARE = 0.4  # a source list may take this much of a tile's page, no more


def tiles_with_sources(comp: Composition, cuts: list[Rect], tile_w: float, tile_h: float, overlap: float,
                       numbered: NumberedSources, uncited: bool = False) -> tuple[list[Tile], list[list[str]], float] | None:
    """Tiles of ``comp`` (``tile_w`` x ``tile_h`` picture units per page, cuts between
    the ``cuts`` rectangles) leaving room below each for the sources its cards cite (the
    last tile, with ``uncited``, also the map's documents no card cites), the lists, and
    the room kept (picture units); None when the lists would take more than
    ``MAX_SHARE`` of a page."""
    from argmap.ui.render.stubs import _geometry, _rect

    cards = {sid: _rect(r) for sid, r in _geometry(comp)[0].items()}
    size = comp.size
    bounds = (0.0, 0.0, size.width(), size.height())
    room = 0.0
    for _ in range(4):
        tiles = plan_tiles(cuts, bounds, tile_w, tile_h - room, overlap)
        lists = [numbered.for_statements([sid for sid, r in cards.items() if overlap_area(t.rect, r) > 0],
                                         uncited=uncited and k == len(tiles) - 1) for k, t in enumerate(tiles)]
        need = max((footer_height(lines, t.rect[2]) for t, lines in zip(tiles, lists)), default=0.0)
        if need > tile_h * MAX_SHARE:
            return None
        if need <= room + 0.5:
            return tiles, lists, room
        room = need
    return None


def footer_height(lines: list[str], width: float) -> float:
    """The height of a source list of ``lines`` as wide as ``width`` (0 for none)."""
    if not lines:
        return 0.0
    font = make_font(FOOTER_PX)
    return GAP + line_height(font) + text_height(font, "\n".join(lines), width)


def footer_rect(window: QRectF, room: float) -> QRectF:
    """Where a tile's source list goes: under its window, as wide."""
    return QRectF(window.left(), window.bottom() + GAP, window.width(), max(0.0, room - GAP))
