"""`MapCommands`: the Edit, Insert, View, Arrange and Help commands of a main window and
its canvas context menu, an object built with the parts of the window it uses
(`WindowParts`): the current document, scene and folding, the view, the selection, the
panels it drives, and how to apply an edit and report."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QPoint, QPointF
from PySide6.QtWidgets import QMenu, QWidget

from argmap.layout import CLASSIC, COMPACT, DEFAULT_ASPECT, LEFT_RIGHT, estimate_card_size
from argmap.layout.edits import auto_layout_edit
from argmap.model import (
    LinkKind,
    RemoveItems,
    Statement,
    StatementKind,
    change_link,
    change_statement,
    connect,
)
from argmap.model.edits import plural
from argmap.ui import clipboard, edit_ops
from argmap.ui.help import ShortcutsDialog
from argmap.ui.canvas.spatial import CONTENT_MARGIN

if TYPE_CHECKING:
    from PySide6.QtGui import QAction

    from argmap.ui.canvas.folding import Folding
    from argmap.ui.canvas.scene import MapScene
    from argmap.ui.canvas.view import MapView
    from argmap.ui.document import Document
    from argmap.ui.find_bar import FindBar
    from argmap.ui.panels.evaluation import EvaluationPanel
    from argmap.ui.panels.inspector import InspectorPanel
    from argmap.ui.panels.outline import OutlinePanel


def _tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


@dataclass(frozen=True)
class WindowParts:
    """What a window's commands work on. ``document``, ``scene`` and ``folding`` are
    read when a command runs (None while the window shows no map)."""

    window: QWidget  # parent of the dialogs and menus
    document: Callable[[], Document | None]
    scene: Callable[[], MapScene | None]
    folding: Callable[[], Folding | None]
    view: MapView
    outline: OutlinePanel
    inspector: InspectorPanel
    evaluation: EvaluationPanel
    find_bar: FindBar
    actions: Callable[[], dict[str, QAction]]
    menus: Callable[[], dict[str, QMenu]]
    selected_ids: Callable[[], list[str]]
    current_id: Callable[[], str | None]
    select: Callable[[list[str]], None]
    apply_edit: Callable[..., bool]  # (edit, merge=False) -> applied
    show_problem: Callable[[str], None]  # a refused command, in the status bar
    show_status: Callable[[str, int], None]  # a message for some milliseconds
    set_show_labels: Callable[[bool], None]
    present: Callable[[], bool]  # start presentation mode (False: nothing to present)


class MapCommands:
    """The map commands of one window (the window's actions call these methods)."""

    def __init__(self, parts: WindowParts) -> None:
        self._parts = parts
        self.view = parts.view
        self.outline = parts.outline
        self.inspector = parts.inspector
        self.evaluation = parts.evaluation
        self.find_bar = parts.find_bar
        self.selected_ids = parts.selected_ids
        self.current_id = parts.current_id
        self.select = parts.select
        self.apply_edit = parts.apply_edit
        self.show_problem = parts.show_problem
        self._status = parts.show_status

    @property
    def document(self) -> Document | None:
        return self._parts.document()

    @property
    def scene(self) -> MapScene | None:
        return self._parts.scene()

    @property
    def folding(self) -> Folding | None:
        return self._parts.folding()

    # ------------------------------------------------------------------ helpers
    def size_of(self, s: Statement) -> tuple[float, float]:
        """A card's size as drawn (read from the canvas's records: creates no item)."""
        r = self.scene.card_rect_of(s.id) if self.scene is not None else None
        if r is not None:
            return (r.width(), r.height())
        return estimate_card_size(s)

    def placing(self) -> dict:
        """Keyword arguments for ``edit_ops`` that place a new card by looking only at
        the canvas near it (never at every card of a big map)."""
        if self.scene is None:
            return {"size_of": self.size_of}
        return {"size_of": self.size_of, "obstacles": self.scene.card_rects_in}

    def new_card_spot(self) -> tuple[float, float]:
        """Where an unconnected new card goes: under the map, at its left edge."""
        if self.scene is None or self.scene.card_count() == 0:
            return (0.0, 0.0)
        rect = self.scene.content_rect()
        return (rect.left() + CONTENT_MARGIN, rect.bottom() - CONTENT_MARGIN + edit_ops.V_GAP)

    def _statement_ids(self) -> list[str]:
        amap = self.document.map if self.document is not None else None
        return [i for i in self.selected_ids() if amap is not None and amap.is_statement(i)]

    def _added(self, new_id: str, edit_text: bool = True) -> None:
        """Select a new statement, show it and start typing its text."""
        self.outline.flush()
        self.select([new_id])
        item = self.scene.item_for(new_id) if self.scene is not None else None
        if item is not None:
            self.view.ensureVisible(item.sceneBoundingRect(), 80, 80)
        if edit_text:
            self.view.start_editing(new_id)

    # -------------------------------------------------------------------- Edit
    def edit_undo(self) -> None:
        if self.document is not None:
            self.inspector.commit_pending()
            self.document.undo_stack.undo()

    def edit_redo(self) -> None:
        if self.document is not None:
            self.document.undo_stack.redo()

    def edit_copy(self) -> int:
        if self.document is None:
            return 0
        n = clipboard.copy_to_clipboard(self.document.map, self.selected_ids())
        if n:
            self._status(_tr("Copied %1").replace("%1", plural(n, "statement")), 3000)
        return n

    def edit_cut(self) -> None:
        ids = self._statement_ids()
        if self.document is None or not ids or not self.edit_copy():
            return
        self.apply_edit(RemoveItems.build(self.document.map, ids, f"Cut {plural(len(ids), 'statement')}"))

    def edit_paste(self) -> None:
        if self.document is None:
            return
        sub = clipboard.clipboard_submap()
        if sub is None or not sub.statements():
            self._status(_tr("The clipboard holds no map content to paste."), 4000)
            return
        self._insert_copy(sub, "")

    def _insert_copy(self, sub, label: str) -> None:  # type: ignore[no-untyped-def]
        amap = self.document.map
        taken = {s.pos for s in amap.statements() if s.pos is not None}
        step = clipboard.PASTE_OFFSET
        k = 1
        placed = [s.pos for s in sub.statements() if s.pos is not None]
        while k < 50 and any((p[0] + step[0] * k, p[1] + step[1] * k) in taken for p in placed):
            k += 1
        edit, ids = clipboard.insert_submap(amap, sub, (step[0] * k, step[1] * k), label)
        if self.apply_edit(edit):
            self.outline.flush()
            self.select(ids)

    def edit_duplicate(self) -> None:
        ids = self.selected_ids()
        if self.document is None or not ids:
            return
        sub = clipboard.extract_submap(self.document.map, ids)
        if sub.statements():
            self._insert_copy(sub, f"Duplicate {plural(len(sub.statements()), 'statement')}")

    def edit_delete(self) -> None:
        ids = self.selected_ids()
        if self.document is None or not ids:
            return
        self.apply_edit(RemoveItems.build(self.document.map, ids))

    def edit_text(self) -> None:
        cur = self.current_id()
        if cur is not None and self.document is not None and self.document.map.is_statement(cur):
            self.view.start_editing(cur)

    def edit_select_all(self) -> None:
        if self.document is not None and self.scene is not None:
            hidden = self.scene.hidden_ids()
            self.select([s.id for s in self.document.map.statements() if s.id not in hidden])

    def edit_find(self) -> None:
        if self.document is not None:
            self.find_bar.open_bar()

    def edit_find_next(self) -> None:
        if not self.find_bar.isVisible():
            self.edit_find()
        self.find_bar.next()

    def edit_find_previous(self) -> None:
        if not self.find_bar.isVisible():
            self.edit_find()
        self.find_bar.previous()

    # ------------------------------------------------------------------ Insert
    def insert_question(self) -> None:
        if self.document is None:
            return
        edit, new = edit_ops.add_statement(self.document.map, StatementKind.QUESTION, self.new_card_spot(), **self.placing())
        if self.apply_edit(edit):
            self._added(new)

    def insert_position(self) -> None:
        if self.document is None:
            return
        amap = self.document.map
        cur = self.current_id()
        question = None
        if cur is not None and amap.is_statement(cur):
            s = amap.statement(cur)
            question = s.id if s.kind is StatementKind.QUESTION else s.answers
        if question is None and len(amap.questions()) == 1:
            question = amap.questions()[0].id
        edit, new = edit_ops.add_statement(amap, StatementKind.POSITION, self.new_card_spot(), answers=question, **self.placing())
        if self.apply_edit(edit):
            self._added(new)

    def _insert_child(self, link_kind: LinkKind, kind: StatementKind | None) -> None:
        if self.document is None:
            return
        amap = self.document.map
        cur = self.current_id()
        if cur is None:
            standalone = kind or (StatementKind.CLAIM if link_kind is LinkKind.SUPPORT else StatementKind.REBUTTAL)
            edit, new = edit_ops.add_statement(amap, standalone, self.new_card_spot(), **self.placing())
        else:
            edit, new = edit_ops.add_child(amap, cur, link_kind, kind, **self.placing())
        if self.apply_edit(edit):
            self._added(new)

    def insert_support(self) -> None:
        self._insert_child(LinkKind.SUPPORT, None)

    def insert_evidence(self) -> None:
        self._insert_child(LinkKind.SUPPORT, StatementKind.EVIDENCE)

    def insert_rebuttal(self) -> None:
        self._insert_child(LinkKind.ATTACK, None)

    def insert_sibling(self) -> None:
        cur = self.current_id()
        if self.document is None or cur is None or not self.document.map.is_statement(cur):
            return
        edit, new = edit_ops.add_sibling(self.document.map, cur, **self.placing())
        if self.apply_edit(edit):
            self._added(new)

    def _connect_selection(self, kind: LinkKind) -> None:
        target = self.current_id()
        premises = [i for i in self._statement_ids() if i != target]
        if self.document is None or target is None or not premises:
            self.show_problem(_tr("select the premises, then the target last (Ctrl+click)"))
            return
        self.apply_edit(connect(self.document.map, premises, target, kind))

    def insert_connect_support(self) -> None:
        self._connect_selection(LinkKind.SUPPORT)

    def insert_connect_attack(self) -> None:
        self._connect_selection(LinkKind.ATTACK)

    # -------------------------------------------------------------------- View
    def view_zoom_in(self) -> None:
        self.view.zoom_in()

    def view_zoom_out(self) -> None:
        self.view.zoom_out()

    def view_zoom_reset(self) -> None:
        self.view.zoom_reset()

    def view_zoom_fit(self) -> None:
        self.view.zoom_fit()

    def view_collapse(self) -> None:
        ids = self._statement_ids()
        if ids and self.folding is not None:
            self.folding.collapse(ids)

    def view_expand(self) -> None:
        if self.folding is not None:
            self.folding.expand(self._statement_ids())

    def expand_card(self, sid: str) -> None:
        """Show again what the collapsed card ``sid`` hides (a click on its "+N")."""
        if self.folding is not None and sid in self.folding.collapsed:
            self.folding.expand([sid])

    def view_present(self) -> None:
        """Presentation mode: full screen, the map revealed step by step."""
        if self.document is not None and not self._parts.present():
            self._status(_tr("Nothing to present: the map has no statements."), 4000)

    def view_focus(self) -> None:
        ids = self._statement_ids()
        if ids and self.folding is not None:
            self.folding.focus(self.current_id() if self.current_id() in ids else ids[0])
            self.view.zoom_fit()

    def view_show_all(self) -> None:
        if self.folding is not None:
            self.folding.show_all()

    def view_show_labels(self) -> None:
        on = self._parts.actions()["show_labels"].isChecked()
        self._parts.set_show_labels(on)
        if on and self.evaluation.isVisible():
            self.evaluation.raise_()  # bring its tab forward: its legend explains the badges

    def show_hidden_count(self, n: int) -> None:
        self._status(_tr("%1 hidden (View \u203a Show Everything)").replace("%1", plural(n, "item")), 5000)

    # ----------------------------------------------------------------- Arrange
    def arrange_layout_all(self) -> None:
        """Auto-layout: the compact style, shaped like the window's map view."""
        self.arrange_layout(COMPACT, _tr("Auto-layout"))

    def arrange_layout_compact(self) -> None:
        self.arrange_layout(COMPACT, _tr("Compact layout"))

    def arrange_layout_classic(self) -> None:
        self.arrange_layout(CLASSIC, _tr("Classic layout"))

    def arrange_layout_left_right(self) -> None:
        self.arrange_layout(LEFT_RIGHT, _tr("Left-to-right layout"))

    def view_aspect(self) -> float:
        """Width / height of the map view (16:9 while it has no size yet)."""
        size = self.view.viewport().size()
        if size.width() < 50 or size.height() < 50:
            return DEFAULT_ASPECT
        return size.width() / size.height()

    def arrange_layout(self, style: str, label: str) -> None:
        """Lay out the whole map in ``style`` as one undo step named ``label``, then show
        all of it."""
        if self.document is None:
            return
        edit = auto_layout_edit(self.document.map, size_of=self.size_of, style=style, aspect=self.view_aspect())
        edit = replace(edit, label=label)
        if edit.moves:
            self.apply_edit(edit)
            self.view.zoom_fit()
        else:
            self._status(_tr("The map is already laid out."), 3000)

    def arrange_layout_selection(self) -> None:
        ids = self._statement_ids()
        if self.document is None or not ids:
            return
        edit = auto_layout_edit(self.document.map, only=ids, size_of=self.size_of)
        if edit.moves:
            self.apply_edit(edit)

    # -------------------------------------------------------------------- Help
    def help_shortcuts(self) -> None:
        dialog = ShortcutsDialog(self._parts.menus(), self._parts.window)
        dialog.exec()
        dialog.deleteLater()

    def help_weighing(self) -> None:
        from argmap.ui.help import WeighingDialog

        dialog = WeighingDialog(self._parts.window)
        dialog.exec()
        dialog.deleteLater()

    def help_about(self) -> None:
        from argmap.ui.about_dialog import AboutDialog

        dialog = AboutDialog(self._parts.window)
        dialog.exec()
        dialog.deleteLater()

    def help_user_guide(self) -> None:
        from argmap.ui.guide import show_user_guide

        show_user_guide(self._parts.window)

    # ---------------------------------------------------------------- context menu
    def on_context_menu_requested(self, id_: str | None, screen_pos: QPoint) -> None:
        menu = self.build_context_menu(id_, screen_pos)
        if menu is not None:
            menu.exec(screen_pos)
            menu.deleteLater()

    def build_context_menu(self, id_: str | None, screen_pos: QPoint) -> QMenu | None:
        if self.document is None:
            return None
        amap = self.document.map
        a = self._parts.actions()
        menu = QMenu(self._parts.window)
        if id_ is not None and id_ not in self.selected_ids():
            self.select([id_])
        if id_ is not None and amap.is_statement(id_):
            for name in ("add_support", "add_evidence", "add_rebuttal", "add_sibling"):
                menu.addAction(a[name])
            if amap.statement(id_).kind is StatementKind.QUESTION:
                menu.addAction(a["add_position"])
            menu.addSeparator()
            menu.addAction(a["edit_text"])
            kinds = menu.addMenu(_tr("Change &Kind"))
            for k in StatementKind:
                act = kinds.addAction(k.value.capitalize())
                act.setEnabled(k is not amap.statement(id_).kind)
                act.triggered.connect(lambda _c=False, k=k, i=id_: self.apply_edit(change_statement(amap, i, "", kind=k)))
            menu.addSeparator()
            for name in ("collapse", "expand", "focus"):
                menu.addAction(a[name])
            menu.addSeparator()
            for name in ("cut", "copy", "duplicate", "delete", "layout_selection"):
                menu.addAction(a[name])
        elif id_ is not None and amap.is_link(id_):
            link = amap.link(id_)
            other = LinkKind.ATTACK if link.kind is LinkKind.SUPPORT else LinkKind.SUPPORT
            flip = menu.addAction(_tr("Make It an Attack") if other is LinkKind.ATTACK else _tr("Make It a Support"))
            flip.triggered.connect(lambda _c=False: self.apply_edit(change_link(amap, id_, "Change link kind", kind=other)))
            undercut = menu.addAction(_tr("Add Undercut (Attack the Inference)"))
            undercut.triggered.connect(lambda _c=False: self.insert_rebuttal())
            menu.addSeparator()
            menu.addAction(a["delete"])
        else:
            here = self.view.mapToScene(self.view.mapFromGlobal(screen_pos))
            for kind in (StatementKind.QUESTION, StatementKind.POSITION, StatementKind.CLAIM, StatementKind.EVIDENCE, StatementKind.REBUTTAL):
                act = menu.addAction(_tr("Add %1 Here").replace("%1", kind.value.capitalize()))
                act.triggered.connect(lambda _c=False, k=kind, p=here: self._add_at(k, p))
            menu.addSeparator()
            for name in ("paste", "select_all", "layout_all", "zoom_fit", "show_all"):
                menu.addAction(a[name])
        return menu

    def _add_at(self, kind: StatementKind, where: QPointF) -> None:
        if self.document is None:
            return
        near = self._inside_viewport(where.x(), where.y())
        edit, new = edit_ops.add_statement(self.document.map, kind, near=near, **self.placing())
        if self.apply_edit(edit):
            self._added(new)

    def _inside_viewport(self, x: float, y: float, margin: float = 12.0) -> tuple[float, float]:
        """``(x, y)`` moved so that a new card placed there is whole in the visible part
        of the canvas (a click near the edge would otherwise put most of the card beyond
        it, under the side panel next to the canvas)."""
        w, h = edit_ops.DEFAULT_SIZE
        seen = self.view.mapToScene(self.view.viewport().rect()).boundingRect()
        x = max(seen.left() + margin, min(x, seen.right() - w - margin))
        y = max(seen.top() + margin, min(y, seen.bottom() - h - margin))
        return (round(x, 1), round(y, 1))
