"""Arrow stubs on tiled pages: where a page cuts an arrow, a small label at the cut says
where the arrow goes on ("→ p. 2") or where it comes from ("from p. 1"), so no arrow
runs off a page without a target."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPen

from argmap.ui.canvas.arrow_layer import clip_line
from argmap.ui.canvas.records import ArrowRec, CardRec
from argmap.ui.styles import make_font

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
                            stubs.append((x, y, f"\u2192 p. {other + 1}"))
                    else:  # comes in from a premise on another page
                        other = next((home[p] for p in premises if p in home and home[p] != k), None)
                        if other is not None:
                            stubs.append((x, y, f"from p. {other + 1}"))
            if stubs:
                shown = [r for r in cards.values() if window.intersects(r)]
                out[k] = [_clear_of_cards(stub, window, shown) for stub in _dedupe(stubs)]
    return out


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
