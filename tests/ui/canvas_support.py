"""Shared canvas test helper: a MapView on a scene, shown and exposed (offscreen)."""

from __future__ import annotations

from argmap.ui.canvas.scene import MapScene
from argmap.ui.canvas.view import MapView


def shown_view(qtbot, scene: MapScene, width: int, height: int) -> MapView:
    view = MapView(scene)
    qtbot.addWidget(view)
    view.resize(width, height)
    view.show()
    qtbot.waitExposed(view)
    return view
