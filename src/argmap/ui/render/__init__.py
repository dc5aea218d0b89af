"""Qt painting of exports: composing the picture, PNG/SVG/clipboard, PDF pages,
printing, the export dialog and its actions."""
