"""The argument-map canvas: scene, view, card and arrow items, themes (PySide6)."""

import os

# Qt's emoji segmenter sends every emoji to the machine's colour emoji font, ahead of
# the font asked for; without it an emoji takes the normal fallback through the card
# font's families, where the bundled Noto Emoji comes first (see ui/fonts.py). Qt reads
# this once, at the first text layout, so it is set when the ui package is imported.
os.environ.setdefault("QT_DISABLE_EMOJI_SEGMENTER", "1")
