"""The PNG writer of exports: lossless against Qt's own PNG reader and writer, strips on
threads joined into one valid stream, resolution kept; pictures painted at one scale."""

from __future__ import annotations

import random
import zlib

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QImage, QImageWriter

from argmap.ui.render import export_png
from argmap.ui.render.export import ExportOptions, compose, render_image
from argmap.ui.render.export_png import adler32_combine, encode_png
from tests.export_maps import sample_map


def _decode(data: bytes) -> QImage:
    image = QImage()
    assert image.loadFromData(data, "PNG")
    return image


def _qt_png(image: QImage) -> bytes:
    buf = QBuffer()
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    assert QImageWriter(buf, QByteArray(b"png")).write(image)
    return bytes(buf.data().data())


def _same_pixels(a: QImage, b: QImage) -> bool:
    fmt = QImage.Format.Format_ARGB32
    return a.size() == b.size() and a.convertToFormat(fmt) == b.convertToFormat(fmt)


def test_adler32_combine_matches_zlib() -> None:
    rng = random.Random(4)
    for _ in range(50):
        a = rng.randbytes(rng.randint(0, 400))
        b = rng.randbytes(rng.choice([0, 1, 65521, 70_000, rng.randint(0, 5000)]))
        assert adler32_combine(zlib.adler32(a), zlib.adler32(b), len(b)) == zlib.adler32(a + b)


@pytest.mark.parametrize("background", ["white", "transparent"])
def test_png_is_lossless_and_reads_like_qts_own(qapp, monkeypatch, background: str) -> None:
    monkeypatch.setattr(export_png, "STRIP_BYTES", 50_000)  # many strips, on threads
    options = ExportOptions(scale=1.5, background=background)
    comp = compose(sample_map(), options)
    try:
        image = render_image(comp, options)
    finally:
        comp.scene.detach()
    assert image.height() * image.width() * 3 > 4 * 50_000
    data = encode_png(image)
    back = _decode(data)
    assert back.hasAlphaChannel() == (background == "transparent")
    assert _same_pixels(back, image)
    assert _same_pixels(back, _decode(_qt_png(image)))
    assert (back.dotsPerMeterX(), back.dotsPerMeterY()) == (image.dotsPerMeterX(), image.dotsPerMeterY())
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and data.endswith(b"IEND\xaeB`\x82")


def test_png_of_one_strip_and_one_thread(qapp) -> None:
    image = QImage(3, 2, QImage.Format.Format_RGB32)
    for i, colour in enumerate((0xFF102030, 0xFFFFFFFF, 0xFF000000, 0xFFAA5500, 0xFF00FF00, 0xFF0000FF)):
        image.setPixel(i % 3, i // 3, colour)
    assert _same_pixels(_decode(encode_png(image, threads=1)), image)


def test_picture_is_painted_at_one_scale_for_both_axes(qapp) -> None:
    """A rounded pixel size must not stretch one axis: an anisotropic transform sends Qt's
    raster engine to a very slow path for wide pens (and distorts the picture)."""
    options = ExportOptions(width=901)
    comp = compose(sample_map(), options)
    seen = []
    paint = comp.paint

    def recording_paint(painter, clip=None):  # type: ignore[no-untyped-def]
        seen.append(painter.worldTransform())
        paint(painter, clip)

    comp.paint = recording_paint  # type: ignore[method-assign]
    try:
        image = render_image(comp, options)
    finally:
        comp.scene.detach()
    assert image.width() == 901
    assert seen and seen[0].m11() == seen[0].m22() == pytest.approx(901 / comp.size.width())


def test_png_size_caps_pixels_and_sides_and_says_what_it_did() -> None:
    from PySide6.QtCore import QSizeF

    from argmap.ui.render.export import MAX_PIXELS, MAX_SIDE, png_size

    small = png_size(QSizeF(1000, 500), ExportOptions(scale=2))
    assert (small.width, small.height, small.scale, small.warning()) == (2000, 1000, 2.0, None)
    grid = png_size(QSizeF(9356, 7401), ExportOptions(scale=2))  # the 1,000-statement grid map
    assert grid.width * grid.height <= MAX_PIXELS and grid.wanted == (18712, 14802)
    assert grid.width / grid.height == pytest.approx(9356 / 7401, rel=1e-3)
    assert "18712 x 14802" in grid.warning() and "grey bars" not in grid.warning()
    wide = png_size(QSizeF(115_000, 3500), ExportOptions(scale=2))  # one wide tree
    assert wide.width == MAX_SIDE and wide.scale < 0.3
    assert "grey bars" in wide.warning() and "use SVG or PDF" in wide.warning()
    exact = png_size(QSizeF(1000, 333), ExportOptions(width=700))
    assert (exact.width, exact.height, exact.wanted) == (700, 233, None)
