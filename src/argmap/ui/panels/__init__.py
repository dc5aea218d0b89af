"""Dock panels of the main window: the outline tree and the inspector."""
