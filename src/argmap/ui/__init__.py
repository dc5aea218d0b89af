"""The desktop app (PySide6), on top of everything else: the main window and its
commands (``window``; ``FileCommands`` in ``file_ops``, ``MapCommands`` in
``map_commands``; ``actions``: the table of actions, menus and toolbar), the ``Document``
that is the only thing applying edits and holds the undo stack, the ``Session`` of
windows and autosave/recovery, and three packages: ``canvas`` (the map scene and view),
``panels`` (the docks) and ``render`` (exports and printing painted with Qt)."""

import os

# Qt's emoji segmenter sends every emoji to the machine's colour emoji font, ahead of
# the font asked for; without it an emoji takes the normal fallback through the card
# font's families, where the bundled Noto Emoji comes first (see ui/fonts.py). Qt reads
# this once, at the first text layout, so it is set when the ui package is imported.
os.environ.setdefault("QT_DISABLE_EMOJI_SEGMENTER", "1")
