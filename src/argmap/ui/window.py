"""`MainWindow`: canvas, outline, inspector, evaluation and checks docks, menus, toolbar
and status bar for one document; keeps the views' selections in sync."""

from __future__ import annotations

from dataclasses import replace

import shiboken6
from PySide6.QtCore import QByteArray, QEvent, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QDockWidget,
    QFrame,
    QLabel,
    QMainWindow,
    QMenu,
    QScrollArea,
    QStackedWidget,
    QStyle,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from argmap.formats import ViewState
from argmap.model import Edit, MapError, StatementKind
from argmap.ui.actions import SPECS, TOOLBAR_SECTIONS, build_actions, build_menus
from argmap.ui.counts import MapCounts, counts_text, zoom_text
from argmap.ui.document import Document
from argmap.ui.file_ops import FileCommands
from argmap.ui.find_bar import FindBar
from argmap.ui.icons import app_icon, kind_icon
from argmap.ui.map_commands import MapCommands, WindowParts
from argmap.ui.panels.checks import ChecksPanel, dock_is_showing
from argmap.ui.panels.evaluation import EvaluationPanel
from argmap.ui.panels.inspector import InspectorPanel
from argmap.ui.panels.outline import OutlinePanel
from argmap.ui.canvas.folding import Folding
from argmap.ui.canvas_edits import CanvasEdits
from argmap.ui.present import Presentation
from argmap.ui.canvas.scene import MapScene
from argmap.ui import compare_actions, template_actions
from argmap.ui.render import export_actions
from argmap.ui.panels.sources import SourcesPanel
from argmap.ui.session import Session
from argmap.ui.settings import recent_files, settings
from argmap.ui.start_page import StartPage
from argmap.ui.styles import THEMES
from argmap.ui.canvas.view import MapView


class MainWindow(QMainWindow):
    """One window showing one document (or the start page when none is open). Its menu
    commands are two objects: ``files`` (`FileCommands`) and ``commands`` (`MapCommands`)."""

    def __init__(self, document: Document | None = None, session: Session | None = None) -> None:
        super().__init__()
        self.session = session if session is not None else Session(parent=self, window_factory=MainWindow)
        self.session.add_window(self)
        self.document: Document | None = None
        self.scene: MapScene | None = None
        self._syncing = False
        self._deferred_due = False  # the docks' first labels and checks wait for the first paint
        self._counts: MapCounts | None = None
        self._selection_order: list[str] = []
        self._counts_due = False
        self.folding: Folding | None = None  # collapse and focus on the canvas
        self.canvas_edits: CanvasEdits | None = None  # the canvas's gestures as edits
        self.presentation: Presentation | None = None  # a running presentation (View > Present)
        self.setObjectName("mainWindow")
        # A closed window is deleted by Qt's event loop, never later by Python's garbage
        # collector (the window and its session refer to each other), which could run
        # inside any callback, even one of the window's own timers.
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.setWindowIcon(app_icon())
        self.setAcceptDrops(True)
        self.setDockOptions(QMainWindow.DockOption.AnimatedDocks | QMainWindow.DockOption.AllowTabbedDocks)
        self.files = FileCommands(self, self.session, lambda: self.document, self.set_document, self.current_view_state)
        self._build_central()
        self._build_docks()
        self.commands = MapCommands(WindowParts(
            window=self, document=lambda: self.document, scene=lambda: self.scene, folding=lambda: self.folding, view=self.view,
            outline=self.outline, inspector=self.inspector, evaluation=self.evaluation, find_bar=self.find_bar,
            actions=lambda: self.actions_by_name, menus=lambda: self.menus, selected_ids=self.selected_ids,
            current_id=self.current_id, select=self.select, apply_edit=self.apply_edit, show_problem=self.show_problem,
            show_status=self.statusBar().showMessage, set_show_labels=self.set_show_labels, present=self._present))
        self.actions_by_name: dict[str, QAction] = build_actions(self, self.view, (self.files, self.commands))
        self._build_menus()
        self._build_toolbar()
        self._build_status()
        self._restore_layout()
        self.set_document(document)

    # ----------------------------------------------------------------- building
    def _build_central(self) -> None:
        self.view = MapView(None, self)
        self.view.setObjectName("mapView")
        self.find_bar = FindBar(self)
        self.find_bar.highlight.connect(self._on_find_highlight)
        self.find_bar.jump.connect(self.reveal)
        self.find_bar.closed.connect(lambda: self.view.setFocus())
        canvas = QWidget(self)
        lay = QVBoxLayout(canvas)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addWidget(self.find_bar)
        lay.addWidget(self.view, 1)
        self.view.viewport().installEventFilter(self)
        self.canvas_page = canvas
        self.start_page = StartPage(self)
        self.start_page.newRequested.connect(self.files.file_new)
        self.start_page.openRequested.connect(self.files.file_open)
        self.start_page.exampleRequested.connect(self.files.file_open_example)
        self.start_page.recentRequested.connect(self.files.open_path)
        self.start_page.templateRequested.connect(lambda path: template_actions.open_template(self, path))
        # In a scroll area, so the start page's buttons never set the window's minimum size.
        self.start_scroll = QScrollArea(self)
        self.start_scroll.setWidgetResizable(True)
        self.start_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.start_scroll.setWidget(self.start_page)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.start_scroll)
        self.stack.addWidget(canvas)
        self.setCentralWidget(self.stack)

    def _build_docks(self) -> None:
        self.outline = OutlinePanel(self)
        self.outline.selectionChangedIds.connect(self._on_outline_selection)
        self.outline.problem.connect(self.show_problem)
        self.outline_dock = QDockWidget(self.tr("Outline"), self)
        self.outline_dock.setObjectName("outlineDock")
        self.outline_dock.setWidget(self.outline)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.outline_dock)
        self.inspector = InspectorPanel(self)
        self.inspector.problem.connect(self.show_problem)
        self.inspector_dock = QDockWidget(self.tr("Inspector"), self)
        self.inspector_dock.setObjectName("inspectorDock")
        self.inspector_dock.setWidget(self.inspector)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.inspector_dock)
        self.evaluation = EvaluationPanel(parent=self)  # a QDockWidget: "evaluationDock"
        self.evaluation.badgesChanged.connect(self._on_badges)
        self.evaluation.statementActivated.connect(self.reveal)
        self.evaluation.set_lazy(True)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.evaluation)
        self.tabifyDockWidget(self.inspector_dock, self.evaluation)
        self.inspector_dock.raise_()
        # the side docks run the full height; the checks sit under the canvas only
        self.setCorner(Qt.Corner.BottomLeftCorner, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.setCorner(Qt.Corner.BottomRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)
        self.checks = ChecksPanel(parent=self)  # a QDockWidget: "checksDock"
        self.checks.statementActivated.connect(self.reveal)
        self.checks.set_busy_check(self._checks_must_wait)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.checks)
        self.sources = SourcesPanel(self, self)  # a QDockWidget: "sourcesDock", under the outline
        self.sources.statementActivated.connect(self.reveal)
        self.sources.problem.connect(self.show_problem)
        self.sources.install_canvas_drop(self.view)
        self.sources.setVisible(False)  # shown for a map that carries its article, or from View > Panels
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.sources)
        self.resizeDocks([self.outline_dock, self.inspector_dock], [300, 340], Qt.Orientation.Horizontal)
        self.resizeDocks([self.checks], [150], Qt.Orientation.Vertical)

    def _build_menus(self) -> None:
        titles = {"File": self.tr("&File"), "Edit": self.tr("&Edit"), "Insert": self.tr("&Insert"),
                  "View": self.tr("&View"), "Arrange": self.tr("&Arrange"), "Help": self.tr("&Help")}
        places = {"*recent": self._build_recent_menu, "*extensions": self._place_extensions,
                  "*theme": self._build_theme_menu, "*docks": self._build_panels_menu}
        self.menus: dict[str, QMenu] = build_menus(self.menuBar(), titles, self.actions_by_name, places)
        a = self.actions_by_name
        self.install_extensions()
        icons = {"add_question": StatementKind.QUESTION, "add_position": StatementKind.POSITION, "add_support": StatementKind.CLAIM,
                 "add_evidence": StatementKind.EVIDENCE, "add_rebuttal": StatementKind.REBUTTAL}
        for name, kind in icons.items():
            a[name].setIcon(kind_icon(kind))

    def install_extensions(self) -> None:
        """Let the command modules add their actions (export, print): each has
        ``install(window)``, which may insert actions into ``window.menus["File"]``
        before ``window.extension_anchor``. Listed explicitly, so tools see them."""
        for module in (export_actions, compare_actions, template_actions):
            module.install(self)

    def _build_recent_menu(self, menu: QMenu) -> None:
        self.recent_menu = menu.addMenu(self.tr("Open &Recent"))
        self.recent_menu.aboutToShow.connect(lambda: self.files.fill_recent_menu(self.recent_menu))

    def _place_extensions(self, menu: QMenu) -> None:
        self.extension_anchor = menu.addSeparator()

    def _build_panels_menu(self, menu: QMenu) -> None:
        panels = menu.addMenu(self.tr("&Panels"))
        for dock in (self.outline_dock, self.sources, self.inspector_dock, self.evaluation, self.checks):
            panels.addAction(dock.toggleViewAction())

    def _build_theme_menu(self, menu: QMenu) -> None:
        self.theme_menu = menu.addMenu(self.tr("&Theme"))
        self.theme_group = QActionGroup(self)
        labels = {"default": self.tr("Default (colour-blind safe)"), "colorblind": self.tr("Colour-blind"), "greyscale": self.tr("Greyscale (print)"),
                  "high-contrast": self.tr("High contrast"), "dark": self.tr("Dark")}
        for name in THEMES:
            act = self.theme_menu.addAction(labels.get(name, name))
            act.setCheckable(True)
            act.setData(name)
            act.setObjectName(f"theme_{name}")
            self.theme_group.addAction(act)
            act.triggered.connect(lambda _c=False, n=name: self.set_theme(n))

    def _build_toolbar(self) -> None:
        tb = self.toolbar = QToolBar(self.tr("Main toolbar"), self)
        tb.setObjectName("mainToolbar")
        tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        a = self.actions_by_name
        style = self.style()
        SP = QStyle.StandardPixmap
        for name, pixmap, short in (("new", SP.SP_FileIcon, self.tr("New")), ("open", SP.SP_DialogOpenButton, self.tr("Open")),
                                    ("save", SP.SP_DialogSaveButton, self.tr("Save")), ("undo", SP.SP_ArrowBack, self.tr("Undo")),
                                    ("redo", SP.SP_ArrowForward, self.tr("Redo"))):
            a[name].setIcon(style.standardIcon(pixmap))
            a[name].setIconText(short)
        for name, short in (("add_question", self.tr("Question")), ("add_position", self.tr("Position")), ("add_support", self.tr("Claim")),
                            ("add_evidence", self.tr("Evidence")), ("add_rebuttal", self.tr("Rebuttal")), ("layout_all", self.tr("Auto-layout")),
                            ("zoom_fit", self.tr("Fit"))):
            a[name].setIconText(short)
        for i, section in enumerate(TOOLBAR_SECTIONS):
            if i:
                tb.addSeparator()
            for name in section:
                tb.addAction(a[name])
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, tb)

    def _build_status(self) -> None:
        self.counts_label = QLabel(self)
        self.zoom_label = QLabel(self)
        self.statusBar().addPermanentWidget(self.counts_label)
        self.statusBar().addPermanentWidget(self.zoom_label)
        self.view.zoomChanged.connect(self._show_zoom)

    # ------------------------------------------------------------------ layout
    def _restore_layout(self) -> None:
        s = settings()
        geometry = s.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1400, 900)
        state = s.value("window/state")
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restoreState(state)

    def save_layout(self) -> None:
        s = settings()
        s.setValue("window/geometry", self.saveGeometry())
        s.setValue("window/state", self.saveState())
        s.sync()

    # ---------------------------------------------------------------- document
    def set_document(self, document: Document | None) -> None:
        """Show ``document`` (None: the start page)."""
        self._teardown_document()
        self.document = document
        self._deferred_due = False
        if document is None:
            self.start_page.set_recent(recent_files())
            self.stack.setCurrentWidget(self.start_scroll)
            self.outline.set_map(None)
            self.inspector.set_map(None)
            self.evaluation.set_document(None)
            self.checks.set_document(None)
            self.sources.set_document(None)
            self.actions_by_name["show_labels"].setChecked(False)
            self.find_bar.set_map(None)
            self.find_bar.hide()
            self._update_title()
            self.update_actions()
            self.counts_label.setText("")
            self.zoom_label.setText("")
            return
        theme = document.view.theme if document.view.theme in THEMES else "default"
        self._counts = MapCounts(document.map, self._counts_changed)
        self.scene = MapScene(document.map, theme, self)
        self.folding = Folding(document.map, self.scene, self)
        self.folding.hiddenChanged.connect(self.commands.show_hidden_count)
        self.view.setScene(self.scene)
        self.scene.selectionChanged.connect(self._on_scene_selection)
        self.canvas_edits = CanvasEdits(document, self.scene, self.apply_edit)  # gestures -> edits
        self.scene.expandRequested.connect(self.commands.expand_card)
        self.scene.contextMenuRequested.connect(self.commands.on_context_menu_requested)
        self.outline.set_map(document.map, self.apply_edit, defer=True)
        self.inspector.set_map(document.map, self.apply_edit)
        self.find_bar.set_map(document.map)
        self.evaluation.set_document(document, defer=True)
        self.checks.set_document(document, defer=True)
        self.sources.set_document(document)
        self.sources.show_if_useful()
        self._deferred_due = True
        self.actions_by_name["show_labels"].setChecked(document.view.show_labels)
        self.scene.set_badges(self.evaluation.badges() if document.view.show_labels else None)
        document.modifiedChanged.connect(self._update_title)
        document.pathChanged.connect(self._update_title)
        document.edited.connect(self._on_edited)
        document.subscriberFailed.connect(self.show_view_failure)
        document.undo_stack.indexChanged.connect(self._update_undo_texts)
        self.session.document_opened(document)
        self.stack.setCurrentWidget(self.canvas_page)
        for act in self.theme_group.actions():
            act.setChecked(act.data() == theme)
        self._update_title()
        self._on_edited()
        self._show_counts()
        QTimer.singleShot(0, self._initial_view)

    def _initial_view(self) -> None:
        if self.document is None or self.scene is None:
            return
        v = self.document.view
        if v.center is not None:
            self.view.set_zoom(v.zoom)
            self.view.centerOn(*v.center)
        else:
            self.view.show_initial()  # the whole map if readable, else 100% at the question
        self._show_zoom(self.view.zoom())
        self.view.setFocus()
        if not self.isVisible():  # no paint will come: the docks need not wait for one
            QTimer.singleShot(0, self._run_deferred)

    def eventFilter(self, watched, event) -> bool:  # type: ignore[no-untyped-def]
        if self._deferred_due and event.type() == QEvent.Type.Paint and watched is self.view.viewport():
            QTimer.singleShot(0, self._run_deferred)  # runs once the paint is done
        return super().eventFilter(watched, event)

    def _run_deferred(self) -> None:
        """Work that waits until a newly opened map is on screen: the outline's look
        for statements that only loop, the labels of the Evaluation dock (and the cards'
        badges) and the checks."""
        if not self._deferred_due or self.document is None:
            return
        self._deferred_due = False
        self.outline.complete()
        self.evaluation.refresh_now()
        self.checks.refresh_when_free()

    def _teardown_document(self) -> None:
        doc, scene = self.document, self.scene
        if doc is not None:
            for sig, slot in ((doc.modifiedChanged, self._update_title), (doc.pathChanged, self._update_title),
                              (doc.edited, self._on_edited), (doc.undo_stack.indexChanged, self._update_undo_texts)):
                try:
                    sig.disconnect(slot)
                except (RuntimeError, TypeError):
                    pass
            self.session.document_closed(doc)
        if scene is not None:
            try:
                scene.selectionChanged.disconnect(self._on_scene_selection)
            except (RuntimeError, TypeError):
                pass
            scene.detach()
            self.view.setScene(None)
            scene.deleteLater()
        if self.folding is not None:
            self.folding.detach()
            self.folding.deleteLater()
            self.folding = None
        if self._counts is not None:
            self._counts.detach()
            self._counts = None
        self.scene = None
        self.canvas_edits = None
        self.document = None
        self._selection_order = []

    def current_view_state(self) -> ViewState:
        if self.document is None:
            return ViewState()
        c = self.view.mapToScene(self.view.viewport().rect().center())
        return ViewState(zoom=round(self.view.zoom(), 4), theme=self.document.view.theme,
                         center=(round(c.x(), 1), round(c.y(), 1)), show_labels=self.document.view.show_labels)

    def set_theme(self, name: str) -> None:
        """Change the colours (view state: saved with the map, not an undo step)."""
        if self.document is None or self.scene is None:
            return
        self.scene.set_theme(name)
        self.evaluation.set_theme(name)
        self.document.view = replace(self.document.view, theme=name)
        for act in self.theme_group.actions():
            act.setChecked(act.data() == name)

    def set_show_labels(self, on: bool) -> None:
        """Show or hide the IN/OUT/UNDECIDED badges on the cards. Like the theme and the
        zoom this is view state: saved with the map, never an undo step, and it does not
        mark the map modified."""
        self.actions_by_name["show_labels"].setChecked(bool(on) and self.document is not None)
        if self.document is None or self.scene is None:
            return
        self.document.view = replace(self.document.view, show_labels=bool(on))
        if on:
            self.evaluation.refresh_now()  # labels as of now, not as of the last quiet moment
        self.scene.set_badges(self.evaluation.badges() if on else None)

    def _follow_view_state(self) -> None:
        """After a revert the document's view state is the file's: show its theme and labels."""
        doc = self.document
        if doc is None or self.scene is None:
            return
        checked = self.theme_group.checkedAction()
        if doc.view.theme in THEMES and (checked is None or checked.data() != doc.view.theme):
            self.set_theme(doc.view.theme)
        if self.actions_by_name["show_labels"].isChecked() != doc.view.show_labels:
            self.set_show_labels(doc.view.show_labels)

    def _on_badges(self, badges: dict[str, str]) -> None:
        if self.scene is not None and self.document is not None and self.document.view.show_labels:
            self.scene.set_badges(badges)

    def _present(self) -> bool:
        """Start presentation mode (View > Present); False if there is nothing to show."""
        if self.presentation is None:
            presentation = Presentation(self)
            if not presentation.start():
                return False
            self.presentation = presentation
        return True

    def _checks_must_wait(self) -> bool:
        """The checks panel postpones its refresh while hidden (no work for nothing) or
        while a card's text is being typed (the text reaches the map only when typing ends)."""
        return not dock_is_showing(self.checks) or (self.scene is not None and self.scene.editing_id() is not None)

    # ------------------------------------------------------------------ editing
    def apply_edit(self, edit: Edit | None, merge: bool = False) -> bool:
        """Apply one edit through the document; a refused edit shows why."""
        if self.document is None or edit is None:
            return False
        try:
            self.document.apply(edit, merge)
        except MapError as exc:
            self.show_problem(str(exc))
            return False
        return True

    def show_problem(self, message: str) -> None:
        self.statusBar().showMessage(self.tr("Not done: %1").replace("%1", message), 8000)

    def show_view_failure(self, message: str) -> None:
        """A view could not follow an edit: said in the status bar (the edit and its
        undo step are kept; the details are in the log)."""
        self.statusBar().showMessage(
            self.tr("A view may be out of date (%1). Your edit is kept; reopen the map to refresh.").replace("%1", message),
            15000,
        )

    def _on_edited(self) -> None:
        """The undo stack moved (or the document was reverted): the view state, the
        actions. The views follow the map's change records themselves."""
        self._follow_view_state()
        self.update_actions()

    def _counts_changed(self) -> None:
        if not self._counts_due:  # shown once the edit is done
            self._counts_due = True
            QTimer.singleShot(0, self._show_counts)

    def _show_counts(self) -> None:
        self._counts_due = False
        if self._counts is None:
            return
        n, links = self._counts.statements, self._counts.links
        self.counts_label.setText(counts_text(n, links))

    def _show_zoom(self, factor: float) -> None:
        self.zoom_label.setText(zoom_text(factor) if self.document is not None else "")

    def _update_title(self, *_args: object) -> None:
        doc = self.document
        if doc is None:
            self.setWindowTitle("argmap")
            self.setWindowModified(False)
            return
        self.setWindowTitle(f"{doc.display_name()}[*] \u2014 argmap")
        self.setWindowModified(doc.is_modified())
        if doc.path:
            self.setWindowFilePath(doc.path)

    def _update_undo_texts(self, *_args: object) -> None:
        a = self.actions_by_name
        stack = self.document.undo_stack if self.document is not None else None
        if stack is not None and not shiboken6.isValid(stack):
            stack = None  # the document is being destroyed (at exit)
        undo, redo = (stack.undoText(), stack.redoText()) if stack is not None else ("", "")
        a["undo"].setText(self.tr("&Undo %1").replace("%1", undo).strip() if undo else self.tr("&Undo"))
        a["redo"].setText(self.tr("&Redo %1").replace("%1", redo).strip() if redo else self.tr("&Redo"))
        a["undo"].setEnabled(stack is not None and stack.canUndo())
        a["redo"].setEnabled(stack is not None and stack.canRedo())

    def update_actions(self) -> None:
        has_doc = self.document is not None
        sel = self.selected_ids() if has_doc else []
        stmts = [i for i in sel if self.document is not None and self.document.map.is_statement(i)]
        for spec in SPECS:
            action = self.actions_by_name[spec.name]
            needs = spec.needs
            action.setEnabled(not needs or (has_doc and (needs == "doc" or (needs == "sel" and bool(sel)) or (needs == "stmt" and bool(stmts)))))
        self.actions_by_name["revert"].setEnabled(has_doc and bool(self.document and self.document.path))
        self._update_undo_texts()

    # ---------------------------------------------------------------- selection
    def selected_ids(self) -> list[str]:
        return self.scene.selected_ids() if self.scene is not None else []

    def current_id(self) -> str | None:
        """The item selected last (the "current" one), if any is selected."""
        sel = set(self.selected_ids())
        order = [i for i in self._selection_order if i in sel]
        if order:
            return order[-1]
        return sorted(sel)[0] if sel else None

    def _on_scene_selection(self) -> None:
        if self.scene is None:
            return
        ids = self.scene.selected_ids()
        keep = [i for i in self._selection_order if i in ids]
        self._selection_order = keep + [i for i in ids if i not in keep]
        if not self._syncing:
            self._syncing = True
            try:
                self.outline.select_ids(ids)
            finally:
                self._syncing = False
        self.inspector.show_ids(ids)
        self.evaluation.show_ids(ids)
        self.sources.show_ids(ids)
        self.update_actions()

    def _on_outline_selection(self, ids: list[str]) -> None:
        if self._syncing or self.scene is None:
            return
        self._syncing = True
        try:
            self.scene.select_ids(ids)
            if ids:
                item = self.scene.item_for(ids[0])
                if item is not None and item.isVisible():
                    self.view.ensureVisible(item.sceneBoundingRect(), 60, 60)
        finally:
            self._syncing = False
        self.inspector.show_ids(ids)
        self.evaluation.show_ids(ids)

    def select(self, ids: list[str]) -> None:
        """Select on the canvas (the outline and inspector follow)."""
        if self.scene is not None:
            self.scene.select_ids(ids)

    def reveal(self, id_: str) -> None:
        """Select ``id_`` and scroll it into view (expanding a collapsed branch)."""
        if self.scene is None or self.document is None or id_ not in self.document.map:
            return
        if id_ in self.scene.hidden_ids():
            if self.folding is not None:
                self.folding.show_all()
        self.select([id_])
        item = self.scene.item_for(id_)
        if item is not None:
            self.view.ensureVisible(item.sceneBoundingRect(), 80, 80)

    def _on_find_highlight(self, ids: list[str]) -> None:
        if self.scene is not None:
            self.scene.set_highlighted(ids)

    # ---------------------------------------------------------------- events
    def closeEvent(self, event: QCloseEvent) -> None:
        if not getattr(self, "close_confirmed", False) and not self.files.maybe_save():
            event.ignore()
            return
        self.save_layout()
        self._teardown_document()
        self.outline.set_map(None)
        self.inspector.set_map(None)
        self.evaluation.set_document(None)
        self.checks.set_document(None)
        self.session.remove_window(self)
        event.accept()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if not paths:
            super().dropEvent(event)
            return
        event.acceptProposedAction()
        for p in paths:
            self.files.open_path(p)

