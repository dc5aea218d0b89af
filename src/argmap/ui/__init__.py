"""The argument-map canvas: scene, view, card and arrow items, themes (PySide6)."""
