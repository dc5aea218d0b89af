"""The desktop app (PySide6), on top of everything else: the main window and its
commands (``window``, ``file_ops``, ``map_commands``, ``actions``), the ``Document``
that is the only thing applying edits and holds the undo stack, the ``Session`` of
windows and autosave/recovery, and three packages: ``canvas`` (the map scene and view),
``panels`` (the docks) and ``render`` (exports and printing painted with Qt)."""
