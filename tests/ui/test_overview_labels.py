"""Labels (IN/OUT badges) stay visible when zoomed out too far to read: the cards'
header band takes the label's colour, in the items and in the overview picture, and a
change of labels redraws the overview."""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from argmap.model import ArgumentMap, MapMeta, Statement, StatementKind
from argmap.ui.canvas.scene import MapScene
from argmap.ui.styles import badge_colors, get_theme


def _grid(n: int) -> ArgumentMap:
    statements = [Statement(f"s{i}", StatementKind.CLAIM, f"Claim {i}", pos=(float(i % 30) * 300, float(i // 30) * 200)) for i in range(n)]
    return ArgumentMap.from_parts(MapMeta(), statements, [])


def _count(image: QImage, color: QColor) -> int:
    return sum(image.pixelColor(x, y) == color for x in range(0, image.width()) for y in range(0, image.height()))


def test_overview_shows_labels_and_follows_their_changes(qtbot):
    scene = MapScene(_grid(900))
    out = badge_colors(get_theme("default"), "OUT")[0]
    scale = 0.2  # a card is 50 px wide: too small for text, big enough for its label
    plain, _rect = scene.overview(scale)
    assert _count(plain, out) == 0
    scene.set_badges({f"s{i}": "OUT" for i in range(0, 900, 2)})
    labelled, _rect = scene.overview(scale)
    assert labelled is not plain  # redrawn for the new labels
    assert _count(labelled, out) > 450 * 20
    scene.set_badges(None)
    assert _count(scene.overview(scale)[0], out) == 0
    scene.detach()


def test_items_below_text_zoom_show_the_label_colour(qtbot):
    scene = MapScene(_grid(4))
    out = badge_colors(get_theme("default"), "OUT")[0]

    def render() -> QImage:
        source = scene.card_rect_of("s0")
        image = QImage(int(source.width() * 0.25) + 1, int(source.height() * 0.25) + 1, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(QColor("white"))
        painter = QPainter(image)
        scene.render(painter, QRectF(image.rect()), source)
        painter.end()
        return image

    assert _count(render(), out) == 0
    scene.set_badges({"s0": "OUT"})
    assert _count(render(), out) > 20
    scene.detach()
