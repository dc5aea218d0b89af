"""The map canvas (PySide6): ``MapScene`` (cards and arrows drawn from light records,
items made lazily; ``spatial`` indexes them, ``gestures`` turns mouse work into edit
requests), ``MapView`` (zoom, pan, overview), and the items, card layout and painting
shared with the exports."""
