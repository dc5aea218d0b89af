"""Render the application icon (src/argmap/assets/argmap.svg) as PNGs in the hicolor
theme sizes, for `argmap --install-desktop` and the bundles (Windows .ico, macOS .icns).

Run after changing the SVG:  python packaging/render_icons.py
Writes src/argmap/assets/desktop/icons/NxN.png, packaging/argmap.ico and
packaging/argmap.icns (both built from the same PNGs by Qt's image writers when
available; the .ico/.icns are only needed to build Windows/macOS bundles).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QImageWriter, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SVG = ROOT / "src" / "argmap" / "assets" / "argmap.svg"
OUT = ROOT / "src" / "argmap" / "assets" / "desktop" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256)


def render(renderer: QSvgRenderer, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def main() -> int:
    QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        print(f"cannot read {SVG}", file=sys.stderr)
        return 1
    OUT.mkdir(parents=True, exist_ok=True)
    for size in SIZES:
        path = OUT / f"{size}x{size}.png"
        render(renderer, size).save(str(path), "PNG")
        print(path.relative_to(ROOT))
    formats = {bytes(f).decode() for f in QImageWriter.supportedImageFormats()}
    for fmt in ("ico", "icns"):
        if fmt in formats:
            target = ROOT / "packaging" / f"argmap.{fmt}"
            render(renderer, 256).save(str(target), fmt.upper())
            print(target.relative_to(ROOT))
        else:
            print(f"(no {fmt} writer in this Qt: packaging/argmap.{fmt} not written)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
