"""Card and arrow items, themes and card geometry: sizes, shapes, co-premise joins,
undercut geometry, theme switching, export mode, badges."""

from __future__ import annotations

import math

import pytest
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from argmap.model import (
    ArgumentMap,
    Link,
    LinkKind,
    MapMeta,
    Source,
    Statement,
    StatementKind,
)
from argmap.ui.canvas.card_layout import CARD_WIDTH, card_size
from argmap.ui.canvas.link_item import LinkItem
from argmap.ui.canvas.statement_item import StatementItem
from argmap.ui.canvas.scene import MapScene
from argmap.ui.styles import THEMES, get_theme, legend_entries

K = StatementKind


def make_small_map() -> ArgumentMap:
    """A question, a position, two co-premises, evidence with an undercut, a rebuttal."""
    statements = [
        Statement("q", K.QUESTION, "Should we leave the treaty?", pos=(420.0, 0.0)),
        Statement("p", K.POSITION, "Yes, leave.", title="Leave", answers="q", pos=(420.0, 200.0)),
        Statement("a", K.CLAIM, "Threats have grown.", pos=(100.0, 460.0)),
        Statement("b", K.CLAIM, "Mines deter threats.", pos=(420.0, 460.0)),
        Statement(
            "e",
            K.EVIDENCE,
            "Ministers said so in a joint statement.",
            source=Source(citation="Joint statement", locator="para. 2"),
            pos=(760.0, 460.0),
        ),
        Statement("u", K.REBUTTAL, "The statement is political, not evidence.", pos=(1100.0, 700.0)),
        Statement("r", K.REBUTTAL, "Mines harm civilians for decades.", pos=(1100.0, 200.0)),
    ]
    links = [
        Link("l1", LinkKind.SUPPORT, ("a", "b"), "p"),
        Link("l2", LinkKind.SUPPORT, ("e",), "p"),
        Link("l3", LinkKind.ATTACK, ("u",), "l2"),
        Link("l4", LinkKind.ATTACK, ("r",), "p"),
    ]
    return ArgumentMap.from_parts(MapMeta(title="small"), statements, links)


def render(scene: MapScene, rect: QRectF | None = None, scale: float = 1.0) -> QImage:
    rect = QRectF((rect or scene.content_rect()).toAlignedRect())
    image = QImage(int(rect.width() * scale), int(rect.height() * scale), QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor("white"))
    painter = QPainter(image)
    scene.render(painter, QRectF(image.rect()), rect)
    painter.end()
    return image


@pytest.fixture
def canvas_scene(qtbot):
    scene = MapScene(make_small_map())
    yield scene
    scene.detach()


# ----------------------------------------------------------------------- cards
def test_card_size_grows_with_text_title_and_citation(qapp):
    short = Statement("x", K.CLAIM, "Short.")
    long = Statement("x", K.CLAIM, "A much longer statement " * 12)
    titled = Statement("x", K.CLAIM, "Short.", title="A title")
    cited = Statement("x", K.EVIDENCE, "Short.", source=Source(citation="Report 7", locator="p. 3"))
    w, h = card_size(short)
    assert w == CARD_WIDTH == 260
    assert card_size(long)[1] > h + 60
    assert card_size(titled)[1] > h
    assert card_size(cited)[1] > h


def test_wrapped_lines_fit_inside_the_card(qapp):
    from argmap.ui.canvas.card_layout import inner_width, metrics, wrap_card

    s = Statement("x", K.QUESTION, "Should Poland, Lithuania, Latvia and Estonia withdraw from the 1997 Ottawa Convention banning anti-personnel landmines? " + "x" * 80)
    wrapped = wrap_card(s)
    fm = metrics("body").fm
    lines = wrapped.body.split("\u2028")
    assert len(lines) == wrapped.body_lines >= 4
    assert all(fm.horizontalAdvance(line) <= inner_width(K.QUESTION) + 1 for line in lines)


def test_every_kind_has_its_own_shape_and_glyph_in_every_theme():
    for name, theme in THEMES.items():
        shapes = {theme.kinds[k].shape for k in K}
        glyphs = {theme.kinds[k].glyph for k in K}
        fills = {theme.kinds[k].fill for k in K}
        assert len(shapes) == len(K) and len(glyphs) == len(K), name
        if name != "high-contrast":
            assert len(fills) == len(K), name
        assert theme.links[LinkKind.ATTACK].dash and not theme.links[LinkKind.SUPPORT].dash
        assert theme.links[LinkKind.ATTACK].head != theme.links[LinkKind.SUPPORT].head


def test_get_theme_names_the_choices():
    assert get_theme("dark").name == "dark"
    with pytest.raises(ValueError, match="default.*colorblind.*greyscale.*high-contrast.*dark"):
        get_theme("neon")


def test_legend_lists_kinds_then_arrows(qapp):
    entries = legend_entries("greyscale")
    assert [e.statement_kind for e in entries[:5]] == list(K)
    assert [e.link_kind for e in entries[5:]] == [LinkKind.SUPPORT, LinkKind.ATTACK]
    from argmap.ui.canvas.painting import draw_legend_symbol

    image = QImage(60, 30, QImage.Format.Format_ARGB32_Premultiplied)
    for entry in entries:
        image.fill(QColor("white"))
        painter = QPainter(image)
        draw_legend_symbol(painter, QRectF(2, 2, 56, 26), entry, get_theme("default"))
        painter.end()
        assert any(image.pixelColor(x, 15) != QColor("white") for x in range(60))


# ---------------------------------------------------------------------- arrows
def _on_rect_edge(x: float, y: float, rect: QRectF, tol: float = 0.6) -> bool:
    inside = rect.adjusted(-tol, -tol, tol, tol).contains(QPointF(x, y))
    near = min(abs(x - rect.left()), abs(x - rect.right()), abs(y - rect.top()), abs(y - rect.bottom())) <= tol
    return inside and near


def test_single_arrow_runs_from_border_to_border(canvas_scene):
    link = canvas_scene.item_for("l2")
    (x1, y1, x2, y2), = link.premise_lines()
    assert _on_rect_edge(x1, y1, canvas_scene.item_for("e").card_rect())
    target = canvas_scene.item_for("p").card_rect()
    tx, ty = link.tip()
    assert _on_rect_edge(tx, ty, target)
    assert ty == pytest.approx(target.bottom())  # premise below: enters the bottom edge


def test_co_premises_join_into_one_arrow(canvas_scene):
    link = canvas_scene.item_for("l1")
    lines = link.premise_lines()
    assert len(lines) == 2
    jx, jy = link.junction()
    for (x1, y1, x2, y2), pid in zip(lines, ("a", "b")):
        assert (x2, y2) == pytest.approx((jx, jy))
        assert _on_rect_edge(x1, y1, canvas_scene.item_for(pid).card_rect())
    premise_top = min(canvas_scene.item_for(p).card_rect().top() for p in ("a", "b"))
    target = canvas_scene.item_for("p").card_rect()
    assert target.bottom() < jy < premise_top  # the join lies between premises and target
    tx, ty = link.tip()
    assert ty == pytest.approx(target.bottom())


def test_undercut_points_at_the_middle_of_the_attacked_arrow(canvas_scene):
    attacked = canvas_scene.item_for("l2")
    undercut = canvas_scene.item_for("l3")
    (sx, sy, _x, _y), = attacked.premise_lines()
    tx, ty = attacked.tip()
    ax, ay = attacked.anchor()
    assert (ax, ay) == pytest.approx(((sx + tx) / 2, (sy + ty) / 2))
    ux, uy = undercut.tip()
    assert math.hypot(ux - ax, uy - ay) < 2.0
    assert undercut.zValue() > attacked.zValue()


# ----------------------------------------------------------- themes and modes
def _pixel(image: QImage, scene_rect: QRectF, x: float, y: float) -> QColor:
    return image.pixelColor(int(x - scene_rect.left()), int(y - scene_rect.top()))


def _near(a: QColor, b: QColor, tol: int = 70) -> bool:
    return abs(a.red() - b.red()) + abs(a.green() - b.green()) + abs(a.blue() - b.blue()) <= tol


def test_theme_switch_repaints_with_new_colours(canvas_scene):
    rect = QRectF(canvas_scene.content_rect().toAlignedRect())
    card = canvas_scene.item_for("b").card_rect()
    before = _pixel(render(canvas_scene, rect), rect, card.right() - 8, card.bottom() - 6)
    canvas_scene.set_theme("dark")
    after = _pixel(render(canvas_scene, rect), rect, card.right() - 8, card.bottom() - 6)
    assert before.lightness() > 200 and after.lightness() < 80
    assert canvas_scene.backgroundBrush().color() == QColor(get_theme("dark").background)
    with pytest.raises(ValueError):
        canvas_scene.set_theme("nope")


def test_export_mode_hides_selection_and_handles(canvas_scene):
    card = canvas_scene.item_for("b")
    card.setSelected(True)
    rect = QRectF(canvas_scene.content_rect().toAlignedRect())
    r = card.card_rect()
    selection = QColor(canvas_scene.theme.selection)
    handle_at = (r.center().x(), r.bottom() + 3)
    outline_at = (r.left() - 4, r.center().y())
    shown = render(canvas_scene, rect)
    assert _near(_pixel(shown, rect, *outline_at), selection)
    assert _near(_pixel(shown, rect, *handle_at), QColor(canvas_scene.theme.handle))
    canvas_scene.set_export_mode(True)
    hidden = render(canvas_scene, rect)
    assert not _near(_pixel(hidden, rect, *outline_at), selection)
    assert not _near(_pixel(hidden, rect, *handle_at), QColor(canvas_scene.theme.handle))


def test_badges_are_drawn_and_removed(canvas_scene):
    rect = canvas_scene.item_for("a").sceneBoundingRect()
    plain = render(canvas_scene, rect)
    canvas_scene.set_badges({"a": "OUT"})
    badged = render(canvas_scene, rect)
    assert plain != badged
    out_fill = QColor(get_theme("default").badges["OUT"][0])
    assert any(badged.pixelColor(x, y) == out_fill for x in range(badged.width()) for y in range(4, 24))
    canvas_scene.set_badges(None)
    assert render(canvas_scene, rect) == plain


def test_item_types_are_distinct(canvas_scene):
    assert isinstance(canvas_scene.item_for("a"), StatementItem)
    assert isinstance(canvas_scene.item_for("l1"), LinkItem)
    assert canvas_scene.item_for("a").type() != canvas_scene.item_for("l1").type()
    assert canvas_scene.item_for("a").zValue() > canvas_scene.item_for("l1").zValue()


def test_text_is_greeked_when_tiny(canvas_scene):
    """Below the readable scale cards draw grey bars (no glyph shaping): still not blank."""
    rect = canvas_scene.item_for("a").sceneBoundingRect()
    image = render(canvas_scene, rect, scale=0.25)
    fill = QColor(get_theme("default").kinds[K.CLAIM].fill)
    colours = {image.pixelColor(x, y).rgb() for x in range(image.width()) for y in range(image.height())}
    assert len(colours) > 3 and fill.rgb() in colours
