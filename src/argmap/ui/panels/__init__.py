"""The docks of the main window: the outline tree (with drag and drop), the inspector
of the selection, the evaluation (labels, explanations, what-if) and the checks. Each
follows the map's change records; edits go through the window to ``Document.apply``."""
