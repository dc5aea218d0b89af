"""The fonts argmap draws with, shipped inside the package (``argmap/assets/fonts``) so
a card wraps, and an exported picture looks and extracts, the same on every machine.

- DejaVu Sans (regular and bold; Bitstream Vera licence) for all card and export text:
  Latin, Greek, Cyrillic, Arabic, Hebrew and many symbols.
- Noto Emoji (monochrome outlines; SIL OFL 1.1) as the application's emoji font, ahead
  of any colour emoji font the machine has: an emoji is a glyph everywhere, in PNG, SVG
  and PDF, and a PDF's text layer holds the emoji character itself.

Characters neither covers (for example Chinese) still fall back to the machine's fonts.
``ensure_fonts()`` registers them once per process; ``styles.make_font`` calls it, so
every canvas, export and print path (the app's and the CLI's) uses them."""

from __future__ import annotations

from importlib import resources

from PySide6.QtGui import QFontDatabase

TEXT_FAMILY = "DejaVu Sans"
EMOJI_FAMILY = "Noto Emoji"
FONT_FILES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "NotoEmoji.ttf")

_registered: list[str] | None = None


def font_dir():  # type: ignore[no-untyped-def]
    return resources.files("argmap") / "assets" / "fonts"


def ensure_fonts() -> list[str]:
    """Register the bundled fonts with Qt (once; needs a QGuiApplication) and make Noto
    Emoji the emoji font. Returns the families registered (empty if a file is missing:
    then Qt's own fallback is used and nothing breaks)."""
    global _registered
    if _registered is not None:
        return _registered
    families: list[str] = []
    folder = font_dir()
    for name in FONT_FILES:
        try:
            data = (folder / name).read_bytes()
        except OSError:
            continue
        font_id = QFontDatabase.addApplicationFontFromData(data)
        if font_id >= 0:
            families.extend(f for f in QFontDatabase.applicationFontFamilies(font_id) if f not in families)
    if EMOJI_FAMILY in families:
        QFontDatabase.setApplicationEmojiFontFamilies([EMOJI_FAMILY])
    _registered = families
    return families
