"""Paged output (PDF on A4/Letter and print): the map on one page while it stays readable,
else one page per position (a position too big for a page is tiled), with page headers."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from PySide6.QtCore import QBuffer, QCoreApplication, QIODevice, QMarginsF, QRectF, QSizeF
from PySide6.QtGui import QFontMetricsF, QPageLayout, QPageSize, QPdfWriter

from argmap.export.handout import submap
from argmap.export.options import ExportOptions
from argmap.export.page_sources import NumberedSources, numbered_sources
from argmap.export.pages import (  # noqa: F401 - the Qt-free planning, re-exported
    EXTRA_SCALE,
    HEADER_PT,
    LADDER,
    MAX_PAGES,
    MAX_PDF_POINTS,
    MIN_READABLE_PT,
    OVERLAP_MM,
    PAGE_MARGIN_MM,
    PT_PER_UNIT,
    choose,
    ladder_scales,
    min_scale,
    position_picks,
)
from argmap.export.tile_plan import Tile, plan_tiles
from argmap.layout import COMPACT, layout_map
from argmap.model import ArgumentMap
from argmap.ui.canvas.card_layout import card_size
from argmap.ui.render.compose import build_scene, compose
from argmap.ui.render.compose import detach as _detach
from argmap.ui.render.export_layout import Composition, page_tiles
from argmap.ui.render.page_footer import tiles_with_sources
from argmap.ui.render.page_paint import header_date, paint_document  # noqa: F401 - re-exported for printing and slides
from argmap.ui.render.stubs import LinkStub, arrow_stubs, part_stubs


def _tr(text: str) -> str:
    return QCoreApplication.translate("export", text)


@dataclass
class PageSpec:
    """One page: the window of a composition it shows (picture units), at ``scale``
    points per unit, with its label and the neighbours' edges for overlap marks."""

    comp: Composition
    window: QRectF
    scale: float
    landscape: bool
    label: str = ""
    cut_x: tuple[float, ...] = ()
    cut_y: tuple[float, ...] = ()
    stubs: tuple[tuple[float, float, str], ...] = ()  # cut arrows: where they go on / come from
    links: tuple[LinkStub, ...] = ()  # arrows to or from cards printed in another part
    footer: tuple[str, ...] = ()  # a tile's own source list, under its window
    footer_room: float = 0.0  # picture units kept under the window for it


@dataclass
class Part:
    """A piece of the map printed on its own: a position with its question, or the rest."""

    label: str
    amap: ArgumentMap
    comp: Composition | None = None
    plans: dict[bool, list[tuple[float, int]]] | None = None  # landscape -> (scale, pages)
    cites: bool = True  # tiled: each tile may list the sources its cards cite (not under the whole map)


# ------------------------------------------------------------------------ the parts
def position_parts(amap: ArgumentMap) -> list[Part]:
    """One part per position (its question on top, then everything under it) and a last
    part with the statements under no position; empty when the map has no positions."""
    picks = position_picks(amap)
    if not picks:
        return []
    covered: set[str] = set()
    parts = []
    for n, (p, q) in enumerate(picks, 1):
        ids = amap.subtree(p.id) | ({q.id} if q is not None else set())
        covered |= ids
        name = p.title.strip() or _short(p.text)
        label = _tr("Position {0} of {1}: {2}").format(n, len(picks), name)
        parts.append(Part(label, _with_question_on_top(submap(amap, ids), p.id, q.id if q else None)))
    rest = [s.id for s in amap.statements() if s.id not in covered]
    if rest:
        parts.append(Part(_tr("Other statements"), _cut(amap, rest)))
    return parts


def _cut(amap: ArgumentMap, statements: list[str] | set[str]) -> ArgumentMap:
    """The ``statements`` of ``amap`` with every arrow among them (undercuts too)."""
    return submap(amap, set(statements) | {link.id for link in amap.links()})


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


def _with_question_on_top(part: ArgumentMap, position: str, question: str | None) -> ArgumentMap:
    """``part`` with its question card moved just above the position card (on the canvas
    the question sits above all positions, often far to one side of this one)."""
    if question is None:
        return part
    from argmap.ui.canvas.card_layout import card_size

    p, q = part.statement(position), part.statement(question)
    if p.pos is None or q.pos is None:
        return part
    others = [s.pos[1] for s in part.statements() if s.pos is not None and s.id != question]
    qw, qh = card_size(q)
    pw, _ = card_size(p)
    y = q.pos[1] if q.pos[1] + qh + 40 <= min(others) else min(others) - qh - 80
    part.replace_statement(replace(q, pos=(p.pos[0] + (pw - qw) / 2, y)))
    return part


# ------------------------------------------------------------------------- planning
def page_area(page: QPageSize, landscape: bool, margin_mm: float = PAGE_MARGIN_MM, header_pt: float = HEADER_PT) -> QSizeF:
    """The printable area of a page (points) below the header."""
    full = page.sizePoints()
    w, h = (full.height(), full.width()) if landscape else (full.width(), full.height())
    margin = margin_mm / 25.4 * 72
    return QSizeF(w - 2 * margin, h - 2 * margin - header_pt)


def card_rects(comp: Composition) -> list[tuple[float, float, float, float]]:
    """The cards of a composition's map, and its title, legend and footer, in picture
    units: what page cuts should not go through."""
    src, dst = comp.source, comp.map_rect
    dx, dy = dst.left() - src.left(), dst.top() - src.top()
    rects = [(x + dx, y + dy, w, h) for x, y, w, h in comp.scene.card_rects_in(src.x(), src.y(), src.width(), src.height())]
    for block, font, centred in ((comp.title, comp.title_font, True), (comp.footer, comp.footer_font, False)):
        if block is not None:  # the text's own width, not the whole row
            r = block.rect
            w = min(r.width(), max(QFontMetricsF(font).horizontalAdvance(line) for line in block.text.split("\n")) + 4)
            rects.append((r.x() + ((r.width() - w) / 2 if centred else 0.0), r.y(), w, r.height()))
    for symbol, label, _ in comp.legend_items:
        r = symbol.united(label)
        rects.append((r.x(), r.y(), r.width(), r.height()))
    return rects


def ladder(comp: Composition, area: QSizeF, overlap_pt: float) -> list[tuple[float, int]]:
    """(scale, pages) from 100 % down to the scale that fits the picture on one page:
    steps of ``LADDER``, the readable minimum, and the scales where the picture just
    fills a whole number of pages across or down. Pages are counted before nearly empty
    ones are left out."""
    size = comp.size
    return ladder_scales((size.width(), size.height()), (area.width(), area.height()), overlap_pt, card_rects(comp))


def plan_part(part: Part, areas: dict[bool, QSizeF], overlap_pt: float) -> None:
    assert part.comp is not None
    part.plans = {land: ladder(part.comp, area, overlap_pt) for land, area in areas.items()}


def part_pages(part: Part, areas: dict[bool, QSizeF], min_pt: float, overlap_pt: float,
               sources: NumberedSources | None = None, uncited: bool = False) -> list[PageSpec]:
    """The pages of one part at its chosen orientation and scale (tiled when needed;
    with ``sources``, each tile lists those its cards cite when there is room)."""
    assert part.comp is not None and part.plans is not None
    landscape, scale, _ = choose(part.plans, min_pt)
    comp, area = part.comp, areas[landscape]
    size = comp.size
    if size.width() * scale <= area.width() * 1.0001 and size.height() * scale <= area.height() * 1.0001:
        return [PageSpec(comp, QRectF(0, 0, size.width(), size.height()), scale, landscape, part.label)]
    cards = card_rects(comp)
    planned = None
    if sources is not None:
        planned = tiles_with_sources(comp, cards, area.width() / scale, area.height() / scale, overlap_pt / scale, sources,
                                     uncited)
    if planned is not None:
        tiles, lists, room = planned
    else:
        tiles = plan_tiles(cards, (0.0, 0.0, size.width(), size.height()), area.width() / scale, area.height() / scale,
                           overlap_pt / scale)
        lists, room = [[] for _ in tiles], 0.0
    labels = [_tr("part {0} of {1}").format(i, len(tiles)) for i in range(1, len(tiles) + 1)]
    if part.label:
        labels = [f"{part.label} ({x})" for x in labels]
    return [replace(_tile_spec(comp, t, scale, landscape, x), footer=tuple(lines), footer_room=room if lines else 0.0)
            for t, x, lines in zip(tiles, labels, lists)]


def _tile_spec(comp: Composition, t: Tile, scale: float, landscape: bool, label: str) -> PageSpec:
    return PageSpec(comp, QRectF(*t.rect), scale, landscape, label, t.cut_x, t.cut_y)


def choose_min_scale(parts: list[Part]) -> float:
    """The smallest scale a tiled part may use: readable, unless that needs more than
    ``MAX_PAGES`` pages in all (then smaller, down to one page per part)."""
    return min_scale([p.plans or {} for p in parts])


def plan_document(amap: ArgumentMap, options: ExportOptions, areas: dict[bool, QSizeF], *, overlap_mm: float = OVERLAP_MM,
                  warnings: list[str] | None = None) -> list[PageSpec]:
    """All pages of a paged export of ``amap`` (already prepared). The scenes of the
    compositions stay attached until ``release(pages)``."""
    overlap_pt = overlap_mm / 25.4 * 72
    whole = Part("", amap, compose(amap, options))
    plan_part(whole, areas, overlap_pt)
    parts = []
    if options.pages != "tiles" and choose(whole.plans or {}, MIN_READABLE_PT)[2] > 1:
        parts = position_parts(amap)
    if len(parts) <= 1:
        min_pt = choose_min_scale([whole])
        extras: list[Part] = []
        if options.key_on == "last-page" and (options.legend or options.sources) and choose(whole.plans or {}, min_pt)[2] > 1:
            # tiles: the legend and sources on a page of their own at the end, not under the map
            markers = numbered_sources(amap).cited_by if options.sources else None
            scene = whole.comp.scene if whole.comp is not None else None
            whole = Part("", amap, compose(amap, replace(options, legend=False, sources=False), scene, markers=markers))
            plan_part(whole, areas, overlap_pt)
            min_pt = choose_min_scale([whole])
            extras = _place_extras(amap, [whole], options, areas, min_pt, overlap_pt)
        elif options.key_on == "every-page" and options.sources and choose(whole.plans or {}, min_pt)[2] > 1:
            whole = _tiles_citing(amap, whole, options, areas, min_pt, overlap_pt)
        numbered = numbered_sources(amap) if options.sources and options.key_on == "every-page" else None
        pages = _with_stubs(part_pages(whole, areas, min_pt, overlap_pt, numbered if whole.cites else None, uncited=True))
        pages += [page for part in extras for page in part_pages(part, areas, min_pt, overlap_pt)]
        _warn_small(min_pt, len(pages), options, warnings)
        return pages
    _detach(whole.comp)
    bare = replace(options, title=None, legend=False, sources=False)
    # the cards citing a source carry its number in the document's list (on their page or the last)
    markers = numbered_sources(amap).cited_by if options.sources else None
    for part in parts:
        part.comp = compose(part.amap, bare, build_scene(_compact(part, areas), options.theme), markers=markers)
        plan_part(part, areas, overlap_pt)
    min_pt = choose_min_scale(parts)
    parts = _merge_sparse(amap, parts, bare, options.theme, areas, overlap_pt, min_pt, markers)
    min_pt = choose_min_scale(parts)
    extras = _place_extras(amap, parts, options, areas, min_pt, overlap_pt)
    numbered = numbered_sources(amap) if options.sources and options.key_on == "every-page" else None
    paged = [({s.id for s in part.amap.statements()}, part_pages(part, areas, min_pt, overlap_pt, numbered, k == len(parts) - 1))
             for k, part in enumerate(parts)]
    pages = _with_stubs([page for _, part_pages_ in paged for page in part_pages_] +
                        [page for part in extras for page in part_pages(part, areas, min_pt, overlap_pt)])
    for k, links in part_stubs(amap, paged).items():
        pages[k] = replace(pages[k], links=tuple(links))
    _warn_small(min_pt, len(pages), options, warnings)
    return pages


SPARSE = 1 / 3  # a page filled less than this shares it with the next position


def _fill(part: Part, areas: dict[bool, QSizeF], min_pt: float) -> float:
    """How much of its page a part fills (1.0 when it needs several pages)."""
    assert part.comp is not None and part.plans is not None
    landscape, scale, pages = choose(part.plans, min_pt)
    if pages > 1:
        return 1.0
    area, size = areas[landscape], part.comp.size
    return size.width() * scale * size.height() * scale / max(area.width() * area.height(), 1.0)


def _merge_sparse(amap: ArgumentMap, parts: list[Part], bare: ExportOptions, theme: str, areas: dict[bool, QSizeF],
                  overlap_pt: float, min_pt: float, markers: dict[str, int] | None = None) -> list[Part]:
    """Positions that would fill less than a third of a page share it with the
    positions after them, while the shared page still fits at a readable scale."""
    other = _tr("Other statements")
    out: list[Part] = []
    i = 0
    while i < len(parts):
        cur = parts[i]
        while i + 1 < len(parts) and cur.label != other and parts[i + 1].label != other and _fill(cur, areas, min_pt) < SPARSE:
            nxt = parts[i + 1]
            ids = {s.id for s in cur.amap.statements()} | {s.id for s in nxt.amap.statements()}
            name = nxt.label.split(": ", 1)[-1]
            merged = Part(f"{cur.label}; {name}", _cut(amap, ids))
            _relaid_for_page(merged, areas, 0.0)
            merged.comp = compose(merged.amap, bare, build_scene(merged.amap, theme), markers=markers)
            plan_part(merged, areas, overlap_pt)
            if choose(merged.plans or {}, min_pt)[2] != 1:
                _detach(merged.comp)
                break
            for old in (cur, nxt):
                _detach(old.comp)
            cur = merged
            i += 1
        out.append(cur)
        i += 1
    return out


def _with_stubs(pages: list[PageSpec]) -> list[PageSpec]:
    """Label every arrow a page cuts with the page it goes on to or comes from."""
    for k, stubs in arrow_stubs(pages).items():
        pages[k] = replace(pages[k], stubs=tuple(stubs))
    return pages


SCATTERED = 0.2  # statements under no position covering less of their box than this are laid out afresh


def _compact(part: Part, areas: dict[bool, QSizeF]) -> ArgumentMap:
    """A part keeps its layout while it fits one page with readable text. Else a
    position is laid out afresh in the compact style, shaped like the page (either
    orientation), when that makes it fit better; the statements under no position are
    laid out afresh, close together, when they do not fit or lie scattered far apart."""
    scene = build_scene(part.amap)
    try:
        box = scene.content_rect()
        cards = scene.card_rects_in(box.x(), box.y(), box.width(), box.height())
    finally:
        scene.detach()
    fit = max(min(a.width() / max(box.width(), 1.0), a.height() / max(box.height(), 1.0)) for a in areas.values())
    if part.label != _tr("Other statements"):
        # (a tenth to spare: the page adds margins and a header to the picture)
        return part.amap if fit >= MIN_READABLE_PT * 1.1 else _relaid_for_page(part, areas, fit)
    filled = sum(w * h for _, _, w, h in cards) / max(box.width() * box.height(), 1.0)
    if fit >= MIN_READABLE_PT and filled >= SCATTERED:
        return part.amap
    part.amap = ArgumentMap.from_parts(part.amap.meta, [replace(s, pos=None) for s in part.amap.statements()], part.amap.links())
    return part.amap


def _relaid_for_page(part: Part, areas: dict[bool, QSizeF], fit: float) -> ArgumentMap:
    """The part laid out compactly for the page shape that shows it largest, if that
    beats its own layout (``fit``: the scale at which that fits one page)."""
    best = (fit, None)
    for area in areas.values():
        pos = layout_map(part.amap, size_of=card_size, style=COMPACT, aspect=area.width() / area.height())
        rects = [(*pos[s.id], *card_size(s)) for s in part.amap.statements()]
        width = max(x + w for x, _, w, _ in rects) - min(x for x, _, _, _ in rects)
        height = max(y + h for _, y, _, h in rects) - min(y for _, y, _, _ in rects)
        # the composition adds a margin of about one card gap around the cards
        scale = min(area.width() / (width + 48.0), area.height() / (height + 48.0))
        if scale > best[0]:
            best = (scale, pos)
    if best[1] is not None:
        pos = best[1]
        part.amap = ArgumentMap.from_parts(part.amap.meta, [replace(s, pos=pos[s.id]) for s in part.amap.statements()], part.amap.links())
    return part.amap


def _tiles_citing(amap: ArgumentMap, whole: Part, options: ExportOptions, areas: dict[bool, QSizeF], min_pt: float,
                  overlap_pt: float) -> Part:
    """The whole map, tiled, without the source list under it when each tile can list
    the sources its own cards cite (the cards keep their numbers); else as it was."""
    assert whole.comp is not None
    numbered = numbered_sources(amap)
    bare = compose(amap, replace(options, sources=False), whole.comp.scene, markers=numbered.cited_by)
    trial = Part("", amap, bare)
    plan_part(trial, areas, overlap_pt)
    tiles = part_pages(trial, areas, min_pt, overlap_pt, numbered, uncited=True)
    if len(tiles) > 1 and any(page.footer for page in tiles):
        return trial
    whole.cites = False
    plan_part(whole, areas, overlap_pt)
    return whole


def _place_extras(amap: ArgumentMap, parts: list[Part], options: ExportOptions, areas: dict[bool, QSizeF],
                  min_pt: float, overlap_pt: float) -> list[Part]:
    """With ``key_on="every-page"``: each part on one page gets the legend and the list
    of the sources its cards cite (numbered as in the whole document; the map's
    documents no card cites go with the last part) when it has room for them, the
    sources first; the legend that fits on no page, and every source when some page has
    no room for its own, go on a page of their own at the end. With ``"last-page"``
    both go on a page of their own at the end."""
    numbered = numbered_sources(amap) if options.sources else None
    at_end = options.key_on == "last-page"
    homeless_legend = options.legend and at_end
    homeless_sources = numbered is not None and bool(numbered.lines) and at_end
    if not at_end and (options.legend or numbered is not None):
        legend_placed = False
        for i, part in enumerate(parts):
            ids = {s.id for s in part.amap.statements()}
            cited = numbered.for_statements(ids, uncited=i == len(parts) - 1) if numbered is not None else []
            tries = [(options.legend, cited), (False, cited), (options.legend, [])]
            if cited and (part.plans is None or choose(part.plans, min_pt)[2] > 1):  # tiled: each tile its own list
                tiles = part_pages(part, areas, min_pt, overlap_pt, numbered, i == len(parts) - 1)
                homeless_sources |= not any(page.footer for page in tiles)
                tries = [(options.legend, [])]
            for legend, sources in dict.fromkeys((a, tuple(b)) for a, b in tries if a or b):
                comp = _try_extras(part, options, areas, min_pt, overlap_pt, legend=legend, sources=list(sources),
                                   markers=numbered.cited_by if numbered is not None else None)
                if comp is not None:
                    _swap(part, comp, areas, overlap_pt)
                    legend_placed |= legend
                    homeless_sources |= len(sources) < len(cited)
                    break
            else:
                homeless_sources |= bool(cited) and tries[0][1] != []
        homeless_legend = options.legend and not legend_placed
    if not (homeless_legend or homeless_sources):
        return []
    from argmap.ui.styles import get_theme, legend_entries

    theme = get_theme(options.theme)
    scene = build_scene(ArgumentMap(amap.meta), options.theme)
    label = _tr("Key") if not homeless_sources else (_tr("Sources") if not homeless_legend else _tr("Key and sources"))
    comp = Composition(scene, QRectF(), theme, legend=legend_entries(theme) if homeless_legend else None,
                       sources=numbered.all_lines() if homeless_sources and numbered is not None else None,
                       background=parts[0].comp.background if parts[0].comp else None)
    extra = Part(label, amap, comp)
    plan_part(extra, areas, overlap_pt)
    last = parts[-1].plans
    if last and extra.plans and choose(extra.plans, min_pt)[2] == 1:  # turned as the page before it, if it fits so
        side = choose(last, min_pt)[0]
        if choose({side: extra.plans[side]}, min_pt)[2] == 1:
            extra.plans = {side: extra.plans[side]}
    return [extra]


def _try_extras(part: Part, options: ExportOptions, areas: dict[bool, QSizeF], min_pt: float, overlap_pt: float, *,
                legend: bool = False, sources: list[str] | None = None, markers: dict[str, int] | None = None) -> Composition | None:
    """A composition of ``part`` with the legend and/or sources, when it still fits on
    one page at nearly the same scale; else None."""
    assert part.comp is not None and part.plans is not None
    _, scale, pages = choose(part.plans, min_pt)
    if pages > 1:
        return None
    comp = compose(part.amap, replace(options, title=None, legend=legend, sources=False), part.comp.scene, sources=sources,
                   markers=markers)
    trial = Part(part.label, part.amap, comp)
    plan_part(trial, areas, overlap_pt)
    _, new_scale, new_pages = choose(trial.plans or {}, min_pt)
    if new_pages == 1 and new_scale >= scale * EXTRA_SCALE:
        return comp
    return None


def _swap(part: Part, comp: Composition, areas: dict[bool, QSizeF], overlap_pt: float) -> None:
    part.comp = comp  # the same scene: nothing to detach
    plan_part(part, areas, overlap_pt)


def _warn_small(min_pt: float, pages: int, options: ExportOptions, warnings: list[str] | None) -> None:
    if warnings is not None and min_pt < MIN_READABLE_PT * 0.99:
        warnings.append(f"the map is too big for readable {options.paper.upper()} pages; shrunk it to "
                        f"{pages} pages (the PDF is vector: zoom in to read)")


def release(pages: list[PageSpec]) -> None:
    """Detach the scenes of the pages' compositions from their maps."""
    seen: set[int] = set()
    for page in pages:
        if id(page.comp.scene) not in seen:
            seen.add(id(page.comp.scene))
            _detach(page.comp)


# -------------------------------------------------------------------------- posters
def fit_or_split(size: QSizeF, area: QSizeF, *, pages_wide: int = 1, overlap_pt: float = 0.0) -> tuple[float, list[QRectF]]:
    """Points per picture unit and the tiles of a poster ``pages_wide`` pages wide
    (1: the whole picture fitted on one page), neighbours overlapping by ``overlap_pt``."""
    fit = min(area.width() / size.width(), area.height() / size.height())
    if pages_wide <= 1:
        return fit, [QRectF(0, 0, size.width(), size.height())]
    scale = (pages_wide * area.width() - (pages_wide - 1) * overlap_pt) / size.width()
    tile = QSizeF(area.width() / scale, area.height() / scale)
    return scale, page_tiles(size, tile, overlap_pt / scale)


def poster_pages(comp: Composition, area: QSizeF, pages_wide: int, overlap_pt: float, landscape: bool) -> list[PageSpec]:
    """The pages of a poster (a plain grid, for trimming and gluing)."""
    scale, rects = fit_or_split(comp.size, area, pages_wide=pages_wide, overlap_pt=overlap_pt)
    overlap = overlap_pt / scale
    cols = len({round(r.left(), 3) for r in rects})
    rows = len(rects) // cols
    pages = []
    for i, r in enumerate(rects):
        row, col = divmod(i, cols)
        cut_x = tuple(v for v, ok in ((r.right() - overlap, col < cols - 1), (r.left() + overlap, col > 0)) if ok and overlap)
        cut_y = tuple(v for v, ok in ((r.bottom() - overlap, row < rows - 1), (r.top() + overlap, row > 0)) if ok and overlap)
        label = _tr("row {0}, column {1}").format(row + 1, col + 1) if len(rects) > 1 else ""
        pages.append(PageSpec(comp, r, scale, landscape, label, cut_x, cut_y))
    return pages


# ------------------------------------------------------------------------------ PDF
def _layout(page: QPageSize, landscape: bool, margin_mm: float) -> QPageLayout:
    orientation = QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    return QPageLayout(page, orientation, QMarginsF(*(margin_mm,) * 4), QPageLayout.Unit.Millimeter)


def paper_areas(paper: str, landscape: bool | None) -> tuple[QPageSize, dict[bool, QSizeF]]:
    page = QPageSize(QPageSize.PageSizeId.A4 if paper == "a4" else QPageSize.PageSizeId.Letter)
    sides = (True, False) if landscape is None else (landscape,)
    return page, {side: page_area(page, side) for side in sides}


def pdf_pages(amap: ArgumentMap, options: ExportOptions, warnings: list[str] | None = None) -> list[PageSpec]:
    """The pages of ``amap`` as a PDF with these options (call ``release`` after)."""
    if options.paper == "fit":
        comp = compose(amap, options)
        size = comp.size
        scale = min(PT_PER_UNIT, MAX_PDF_POINTS / max(size.width(), size.height(), 1.0))
        return [PageSpec(comp, QRectF(0, 0, size.width(), size.height()), scale, False)]
    _, areas = paper_areas(options.paper, options.landscape)
    return plan_document(amap, options, areas, warnings=warnings)


def write_pdf(title: str, pages: list[PageSpec], paint: Callable[[QPdfWriter], int]) -> tuple[bytes, int]:
    """The PDF that ``paint`` draws on a fresh 300 dpi writer titled ``title``; returns
    (bytes, the page count ``paint`` gives). ``pages`` are released afterwards, whatever
    happens."""
    buf = QBuffer()
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buf)
    writer.setTitle(title or "Argument map")
    writer.setCreator("argmap")
    writer.setResolution(300)
    try:
        count = paint(writer)
    finally:
        release(pages)
    return bytes(buf.data().data()), count


def render_pdf(amap: ArgumentMap, options: ExportOptions, title: str = "", warnings: list[str] | None = None) -> tuple[bytes, int]:
    """``amap`` (already prepared) as a vector PDF with embedded fonts: one page the
    size of the map, or A4/Letter pages; returns (bytes, page count)."""
    pages = pdf_pages(amap, options, warnings)

    def paint(writer: QPdfWriter) -> int:
        if options.paper == "fit":
            size = pages[0].comp.size
            w, h = max(36.0, size.width() * pages[0].scale), max(36.0, size.height() * pages[0].scale)
            page = QPageSize(QSizeF(w, h), QPageSize.Unit.Point, "argmap", QPageSize.SizeMatchPolicy.ExactMatch)
            return paint_document(writer, pages, header=False, layout_for=lambda _land: _layout(page, False, 0.0))
        paper, _ = paper_areas(options.paper, options.landscape)
        return paint_document(writer, pages, title=title, date=header_date(), header=len(pages) > 1,
                              layout_for=lambda land: _layout(paper, land, PAGE_MARGIN_MM))

    return write_pdf(title, pages, paint)


def count_pdf_pages(amap: ArgumentMap, options: ExportOptions) -> int:
    """How many pages the PDF of ``amap`` would have (for the export dialog)."""
    pages = pdf_pages(amap, options)
    release(pages)
    return len(pages)
