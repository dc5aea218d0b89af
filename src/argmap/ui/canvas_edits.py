"""`CanvasEdits`: the canvas's gestures turned into undoable edits. Given the document,
the scene whose signals it follows and the function that applies an edit (the window's
``apply_edit``, which shows a refused edit in the status bar)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from argmap.model import add_premise, change_statement, connect, move

if TYPE_CHECKING:
    from argmap.ui.canvas.scene import MapScene
    from argmap.ui.document import Document

Apply = Callable[..., bool]  # (edit, merge=False) -> applied


class CanvasEdits:
    """Moves, connections, co-premises and in-place text from one scene, as edits of
    one document (each gesture one undo step)."""

    def __init__(self, document: Document, scene: MapScene, apply: Apply) -> None:
        self.document = document
        self._apply = apply
        scene.moveRequested.connect(self.on_move_requested)
        scene.connectRequested.connect(self.on_connect_requested)
        scene.addPremiseRequested.connect(self.on_add_premise_requested)
        scene.textEditCommitted.connect(self.on_text_edit_committed)

    def on_move_requested(self, positions: dict[str, tuple[float, float]]) -> None:
        amap = self.document.map
        edit = move(amap, {i: p for i, p in positions.items() if amap.is_statement(i)})
        if edit.moves:
            self._apply(edit)

    def on_connect_requested(self, premises: list[str], target: str, kind: str) -> None:
        if not premises:
            return
        edit = connect(self.document.map, premises, target, kind)
        if self.document.map.is_link(target):
            edit = type(edit)(edit.link, "Undercut")
        self._apply(edit)

    def on_add_premise_requested(self, premise: str, link_id: str) -> None:
        self._apply(add_premise(self.document.map, link_id, premise))

    def on_text_edit_committed(self, id_: str, text: str) -> None:
        amap = self.document.map
        if not amap.is_statement(id_) or not text.strip() or amap.statement(id_).text == text:
            return
        self._apply(change_statement(amap, id_, "Edit text", text=text), merge=True)
