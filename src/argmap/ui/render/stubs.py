"""Arrow stubs on tiled pages: where a page cuts an arrow, a small label at the cut says
where the arrow goes on ("→ p. 2") or where it comes from ("from p. 1"), so no arrow
runs off a page without a target."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPen

from argmap.export.page_links import cut_links, place_stub
from argmap.model import ArgumentMap, LinkKind
from argmap.ui.canvas.arrow_layer import clip_line
from argmap.ui.canvas.painting import HEAD_LEN, draw_head, link_pen
from argmap.ui.canvas.records import ArrowRec, CardRec
from argmap.ui.styles import Theme, make_font

STUB_PX = 10  # picture units; a page shows them at its own scale
Stub = tuple[float, float, str]  # x, y (picture units, on the window's edge), text


def arrow_stubs(pages: Sequence) -> dict[int, list[Stub]]:  # type: ignore[type-arg]
    """Stubs per page index, for the pages that show part of a composition (tiles)."""
    out: dict[int, list[Stub]] = {}
    by_comp: dict[int, list[int]] = {}
    for k, page in enumerate(pages):
        by_comp.setdefault(id(page.comp), []).append(k)
    for indices in by_comp.values():
        if len(indices) < 2:
            continue
        comp = pages[indices[0]].comp
        cards, arrows = _geometry(comp)
        home: dict[str, int] = {}
        for sid, rect in cards.items():
            for k in indices:
                if pages[k].window.contains(rect):
                    home[sid] = k
                    break
        for k in indices:
            window = pages[k].window
            stubs = []
            for premises, target, lines in arrows:
                for x1, y1, x2, y2 in lines:
                    inside1 = window.contains(QPointF(x1, y1))
                    inside2 = window.contains(QPointF(x2, y2))
                    if inside1 == inside2:
                        continue
                    span = clip_line(x1, y1, x2, y2, window.left(), window.top(), window.right(), window.bottom())
                    if span is None:
                        continue
                    t = span[1] if inside1 else span[0]
                    x, y = x1 + (x2 - x1) * t, y1 + (y2 - y1) * t
                    if inside1:  # leaves this page towards the target
                        other = home.get(target)
                        if other is not None and other != k:
                            stubs.append((x, y, stub_text(True, other)))
                    else:  # comes in from a premise on another page
                        other = next((home[p] for p in premises if p in home and home[p] != k), None)
                        if other is not None:
                            stubs.append((x, y, stub_text(False, other)))
            if stubs:
                shown = [r for r in cards.values() if window.intersects(r)]
                out[k] = [_clear_of_cards(stub, window, shown) for stub in _dedupe(stubs)]
    return out


def stub_text(outgoing: bool, page: int) -> str:
    """A stub's label: where the arrow goes on ("→ p. 2") or comes from ("from p. 1");
    ``page`` counts from 0. Marked for translation, like the rest of the page furniture."""
    if outgoing:
        return QCoreApplication.translate("export", "\u2192 p. %1").replace("%1", str(page + 1))
    return QCoreApplication.translate("export", "from p. %1").replace("%1", str(page + 1))


def stub_box(x: float, y: float, text: str, window: QRectF) -> QRectF:
    """The label of a stub at (x, y): centred there, kept inside the page's window."""
    fm = QFontMetricsF(make_font(STUB_PX, bold=True))
    w = fm.horizontalAdvance(text) + 10
    h = fm.height() + 4
    left = min(max(x - w / 2, window.left() + 2), window.right() - w - 2)
    top = min(max(y - h / 2, window.top() + 2), window.bottom() - h - 2)
    return QRectF(left, top, w, h)


def _clear_of_cards(stub: Stub, window: QRectF, cards: list[QRectF]) -> Stub:
    """The stub moved along its page edge, as little as it takes, so that its label
    covers no card's text (where the edge runs close beside a card); kept where it is
    when no nearby spot is clear."""
    x, y, text = stub
    box = stub_box(x, y, text, window)
    if not any(box.intersects(r) for r in cards):
        return stub
    along_y = min(abs(x - window.left()), abs(x - window.right())) <= min(abs(y - window.top()), abs(y - window.bottom()))
    step = box.height() / 2 if along_y else box.width() / 2
    for i in range(1, 41):
        for d in (i * step, -i * step):
            nx, ny = (x, y + d) if along_y else (x + d, y)
            moved = stub_box(nx, ny, text, window)
            if window.contains(moved) and not any(moved.intersects(r) for r in cards):
                return nx, ny, text
    return stub


def _geometry(comp) -> tuple[dict[str, QRectF], list[tuple[tuple[str, ...], str, list]]]:  # type: ignore[no-untyped-def]
    """Cards and arrow lines of a composition in picture units."""
    dx = comp.map_rect.left() - comp.source.left()
    dy = comp.map_rect.top() - comp.source.top()
    cards: dict[str, QRectF] = {}
    arrows = []
    recs = comp.scene.records()
    for rec in recs.values():
        if isinstance(rec, CardRec) and rec.shown:
            cards[rec.sid] = QRectF(rec.x0 + dx, rec.y0 + dy, rec.w, rec.h)
    for rec in recs.values():
        if isinstance(rec, ArrowRec) and rec.valid and rec.shown:
            target = rec.link.target
            seen = 0
            while isinstance(recs.get(target), ArrowRec) and seen < len(recs):
                target = recs[target].link.target
                seen += 1
            lines = [(x1 + dx, y1 + dy, x2 + dx, y2 + dy) for x1, y1, x2, y2 in rec.lines()]
            arrows.append((tuple(rec.link.premises), target, lines))
    return cards, arrows


def _dedupe(stubs: list[Stub]) -> list[Stub]:
    """One stub per text within a short distance (co-premise lines meet near a cut)."""
    out: list[Stub] = []
    for x, y, text in stubs:
        if not any(t == text and abs(x - ox) < 40 and abs(y - oy) < 40 for ox, oy, t in out):
            out.append((x, y, text))
    return out


def paint_stubs(painter: QPainter, window: QRectF, stubs: list[Stub], color: QColor) -> None:
    """Draw the stubs of a page (painter in picture units, clipped to ``window``)."""
    painter.save()
    painter.setFont(make_font(STUB_PX, bold=True))
    for x, y, text in stubs:
        box = stub_box(x, y, text, window)
        painter.setPen(QPen(color, 1.0))
        painter.setBrush(QColor("#ffffff"))
        painter.drawRoundedRect(box, 4, 4)
        painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter), text)
    painter.restore()


# ------------------------------------------------------------- arrows between parts
@dataclass(frozen=True)
class LinkStub:
    """A stub for an arrow whose other end is printed in another part: a short arrow at
    a card (or at the arrow an undercut attacks) and its label, in picture units."""

    line: tuple[float, float, float, float]  # from the anchor's edge outwards
    label: tuple[float, float, float, float]
    text: str
    kind: LinkKind
    outgoing: bool


def part_stubs(amap: ArgumentMap, parts: Sequence[tuple[set[str], Sequence]]) -> dict[int, list[LinkStub]]:  # type: ignore[type-arg]
    """Stubs per page for the arrows of ``amap`` cut between parts: ``parts`` are the
    statement ids and the pages of each part in document order (pages of one part share
    a composition), and page indices count across all of them. Each stub goes on the page of its part that
    shows its card whole, and names the page that shows the other end."""
    offsets, k = [], 0
    for _, pages in parts:
        offsets.append(k)
        k += len(pages)
    ids = [part_ids for part_ids, _ in parts]
    geometry = [_anchors(pages[0].comp) if pages else ({}, {}) for _, pages in parts]
    lines = [[line for *_, segs in _geometry(pages[0].comp)[1] for line in segs] if pages else [] for _, pages in parts]

    def home(part: int, anchor: str) -> int | None:
        cards, points = geometry[part]
        rect = cards.get(anchor) or points.get(anchor)
        if rect is None:
            return None
        for i, page in enumerate(parts[part][1]):
            if page.window.contains(rect) or (rect.isEmpty() and page.window.contains(rect.topLeft())):
                return offsets[part] + i
        return None

    out: dict[int, list[LinkStub]] = {}
    placed: dict[int, list[tuple[float, float, float, float]]] = {}
    seen: set[tuple[int, str, bool, str]] = set()
    for cut in cut_links(amap, ids):
        here, there = home(cut.part, cut.anchor), home(cut.other, cut.other_anchor)
        if here is None or there is None or here == there:
            continue
        text = stub_text(cut.outgoing, there)
        key = (here, cut.anchor, cut.outgoing, text)
        if key in seen:
            continue
        seen.add(key)
        page = parts[cut.part][1][here - offsets[cut.part]]
        cards, points = geometry[cut.part]
        rect = cards.get(cut.anchor) or points[cut.anchor]
        window = page.window
        obstacles = [_rect(r) for r in cards.values() if window.intersects(r)] + _furniture(page.comp) + placed.setdefault(here, [])
        w, h = _label_size(text)
        spot = place_stub(_rect(rect), (w, h), cut.outgoing, obstacles, _rect(window), lines=lines[cut.part])
        placed[here].append(spot.label)
        out.setdefault(here, []).append(LinkStub(spot.line, spot.label, text, cut.kind, cut.outgoing))
    return out


def _anchors(comp) -> tuple[dict[str, QRectF], dict[str, QRectF]]:  # type: ignore[no-untyped-def]
    """Cards, and the points undercuts aim at on arrows (empty rectangles), in picture units."""
    cards, _ = _geometry(comp)
    dx = comp.map_rect.left() - comp.source.left()
    dy = comp.map_rect.top() - comp.source.top()
    points = {rec.lid: QRectF(rec.anchor[0] + dx, rec.anchor[1] + dy, 0.0, 0.0)
              for rec in comp.scene.records().values() if isinstance(rec, ArrowRec) and rec.valid and rec.shown}
    return cards, points


def _furniture(comp) -> list[tuple[float, float, float, float]]:  # type: ignore[no-untyped-def]
    """The title, legend, verdict box and source list of a composition: no stub covers them."""
    rects = [block.rect for block in (comp.title, comp.footer) if block is not None]
    rects += [symbol.united(label) for symbol, label, _ in comp.legend_items]
    if comp.verdict_box is not None:
        rects.append(comp.verdict_box)
    return [_rect(r) for r in rects]


def _rect(r: QRectF) -> tuple[float, float, float, float]:
    return (r.x(), r.y(), r.width(), r.height())


def _label_size(text: str) -> tuple[float, float]:
    fm = QFontMetricsF(make_font(STUB_PX, bold=True))
    return fm.horizontalAdvance(text) + 10, fm.height() + 4


def paint_link_stubs(painter: QPainter, stubs: Sequence[LinkStub], theme: Theme) -> None:
    """Draw the stubs of arrows cut between parts: a short arrow in the link's own
    style (pointing at the card it reaches, or away from the card it leaves), and the
    label with the page of the other end (painter in picture units)."""
    painter.save()
    background = QColor(theme.background)
    for stub in stubs:
        pen = link_pen(theme, stub.kind)
        color = QColor(theme.links[stub.kind].color)
        sx, sy, ex, ey = stub.line
        length = math.hypot(ex - sx, ey - sy)
        if length > 1e-6:
            ux, uy = (ex - sx) / length, (ey - sy) / length
            if stub.outgoing:  # leaves the card towards the label
                tip, back = QPointF(ex, ey), (ex - ux * HEAD_LEN, ey - uy * HEAD_LEN)
                painter.setPen(pen)
                painter.drawLine(QPointF(sx, sy), QPointF(*back))
                draw_head(painter, theme.links[stub.kind].head, tip, ux, uy, color, background, pen.widthF())
            else:  # comes from the label into the card
                tip, back = QPointF(sx, sy), (sx + ux * HEAD_LEN, sy + uy * HEAD_LEN)
                painter.setPen(pen)
                painter.drawLine(QPointF(ex, ey), QPointF(*back))
                draw_head(painter, theme.links[stub.kind].head, tip, -ux, -uy, color, background, pen.widthF())
        box = QRectF(*stub.label)
        painter.setFont(make_font(STUB_PX, bold=True))
        painter.setPen(QPen(color, 1.0))
        painter.setBrush(background)  # (a dark theme keeps its dark page)
        painter.drawRoundedRect(box, 4, 4)
        painter.setPen(QPen(QColor(theme.secondary_text)))
        painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter), stub.text)
    painter.restore()
