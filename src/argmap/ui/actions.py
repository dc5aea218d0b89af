"""Every command of the main window as a QAction: text, shortcuts, menu and what it
needs to be enabled. Help > Keyboard Shortcuts is generated from this table."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar, QWidget

SK = QKeySequence.StandardKey
#: What an action needs: "" always; "doc" an open map; "sel" a selection;
#: "stmt" exactly one statement selected (or at least one for some actions).
NEEDS_DOC, NEEDS_SEL, NEEDS_STMT = "doc", "sel", "stmt"


@dataclass(frozen=True)
class Spec:
    name: str
    menu: str
    text: str
    slot: str  # method name on one of the window's command objects (see build_actions)
    keys: tuple[str | QKeySequence.StandardKey, ...] = ()
    needs: str = ""
    tip: str = ""
    canvas_only: bool = False  # shortcut only while the canvas has focus
    checkable: bool = False


def _t(text: str) -> str:
    return QCoreApplication.translate("actions", text)


MENUS = ("File", "Edit", "Insert", "View", "Arrange", "Help")

SPECS: tuple[Spec, ...] = (
    # File
    Spec("new", "File", "&New Map", "file_new", (SK.New,), tip="Start a new, empty map"),
    Spec("new_window", "File", "New &Window", "file_new_window", ("Ctrl+Shift+N",)),
    Spec("open", "File", "&Open…", "file_open", (SK.Open,)),
    Spec("open_example", "File", "Open &Example", "file_open_example"),
    Spec("save", "File", "&Save", "file_save", (SK.Save,), NEEDS_DOC),
    Spec("save_as", "File", "Save &As…", "file_save_as", (SK.SaveAs,), NEEDS_DOC),
    Spec("revert", "File", "&Revert to Saved", "file_revert", (), NEEDS_DOC),
    Spec("import", "File", "&Import…", "file_import", ("Ctrl+Shift+I",), tip="Open an AIF, Argdown, Kialo or GraphML file as a new map"),
    Spec("export_other", "File", "Export As Other &Format…", "file_export_other", (), NEEDS_DOC, "Save a copy as AIF, Argdown, GraphML or DOT"),
    Spec("close", "File", "&Close", "file_close", (SK.Close,), NEEDS_DOC),
    Spec("quit", "File", "&Quit", "file_quit", (SK.Quit, "Ctrl+Q")),  # some platforms bind no Quit key
    # Edit
    Spec("undo", "Edit", "&Undo", "edit_undo", (SK.Undo,), NEEDS_DOC),
    Spec("redo", "Edit", "&Redo", "edit_redo", (SK.Redo, "Ctrl+Y"), NEEDS_DOC),
    Spec("cut", "Edit", "Cu&t", "edit_cut", (SK.Cut,), NEEDS_SEL),
    Spec("copy", "Edit", "&Copy", "edit_copy", (SK.Copy,), NEEDS_SEL),
    Spec("paste", "Edit", "&Paste", "edit_paste", (SK.Paste,), NEEDS_DOC),
    Spec("duplicate", "Edit", "D&uplicate", "edit_duplicate", ("Ctrl+D",), NEEDS_SEL),
    Spec("delete", "Edit", "&Delete", "edit_delete", (SK.Delete,), NEEDS_SEL, "Delete the selection with its arrows", canvas_only=True),
    Spec("edit_text", "Edit", "&Edit Text", "edit_text", ("F2", "Return", "Enter"), NEEDS_STMT, canvas_only=True),
    Spec("select_all", "Edit", "Select &All", "edit_select_all", (SK.SelectAll,), NEEDS_DOC, canvas_only=True),
    Spec("find", "Edit", "&Find…", "edit_find", (SK.Find,), NEEDS_DOC),
    Spec("find_next", "Edit", "Find &Next", "edit_find_next", (SK.FindNext,), NEEDS_DOC),
    Spec("find_previous", "Edit", "Find Pre&vious", "edit_find_previous", (SK.FindPrevious,), NEEDS_DOC),
    # Insert
    Spec("add_question", "Insert", "&Question", "insert_question", ("Ctrl+Shift+Q",), NEEDS_DOC, "Add the question under debate"),
    Spec("add_position", "Insert", "&Position", "insert_position", ("Ctrl+Shift+O",), NEEDS_DOC, "Add an answer to the question"),
    Spec("add_support", "Insert", "&Supporting Claim", "insert_support", ("Ins", "Ctrl+Shift+P"), NEEDS_DOC, "Add a claim supporting the selected statement"),
    Spec("add_evidence", "Insert", "&Evidence", "insert_evidence", ("Ctrl+Shift+E",), NEEDS_DOC, "Add evidence (with a source) supporting the selected statement"),
    Spec("add_rebuttal", "Insert", "&Rebuttal", "insert_rebuttal", ("Ctrl+Shift+A",), NEEDS_DOC, "Add an objection attacking the selected statement or arrow"),
    Spec("add_sibling", "Insert", "S&ibling", "insert_sibling", ("Ctrl+Shift+Return", "Ctrl+Shift+Enter"), NEEDS_STMT, "Add a statement beside the selected one"),
    Spec("connect_support", "Insert", "Connect: Selected &Support Last", "insert_connect_support", ("Ctrl+Shift+J",), NEEDS_SEL, "The selected statements support the one selected last (the current one)"),
    Spec("connect_attack", "Insert", "Connect: Selected &Attack Last", "insert_connect_attack", ("Ctrl+Shift+K",), NEEDS_SEL, "The selected statements attack the one selected last (the current one)"),
    # View
    Spec("zoom_in", "View", "Zoom &In", "view_zoom_in", (SK.ZoomIn, "Ctrl+="), NEEDS_DOC),
    Spec("zoom_out", "View", "Zoom &Out", "view_zoom_out", (SK.ZoomOut,), NEEDS_DOC),
    Spec("zoom_reset", "View", "&Actual Size (100%)", "view_zoom_reset", ("Ctrl+0",), NEEDS_DOC),
    Spec("zoom_fit", "View", "Zoom to &Fit", "view_zoom_fit", ("Ctrl+9",), NEEDS_DOC),
    Spec("collapse", "View", "&Collapse Subtree", "view_collapse", ("Ctrl+[",), NEEDS_STMT, "Hide everything that argues for or against the selection"),
    Spec("expand", "View", "E&xpand Subtree", "view_expand", ("Ctrl+]",), NEEDS_STMT),
    Spec("focus", "View", "F&ocus on Selection", "view_focus", ("Ctrl+Shift+F",), NEEDS_STMT, "Show only the selected statement and its arguments"),
    Spec("show_all", "View", "Show &Everything", "view_show_all", ("Ctrl+Shift+]",), NEEDS_DOC, "Expand every collapsed subtree and leave focus"),
    Spec("show_labels", "View", "Show &Labels", "view_show_labels", ("Ctrl+B",), NEEDS_DOC,
         "Badge each card IN, OUT or UNDECIDED: whether it stands against its attacks (see the Evaluation panel)", checkable=True),
    Spec("present", "View", "&Present", "view_present", ("F5",), NEEDS_DOC,
         "Full screen, the map revealed step by step: Right/Page Down/Space advance, Left/Page Up go back, Esc leaves"),
    # Arrange
    Spec("layout_all", "Arrange", "Auto-layout &Map", "arrange_layout_all", ("Ctrl+Shift+L",), NEEDS_DOC,
         "Lay out the whole map compactly, shaped like the window"),
    Spec("layout_selection", "Arrange", "Auto-layout &Selection", "arrange_layout_selection", ("Ctrl+L",), NEEDS_SEL),
    Spec("layout_compact", "Arrange", "&Compact Layout", "arrange_layout_compact", (), NEEDS_DOC,
         "Each card's arguments in a row, a column or two columns, so the map fits the window"),
    Spec("layout_classic", "Arrange", "C&lassic Layout (Top-Down)", "arrange_layout_classic", (), NEEDS_DOC,
         "Every card's arguments in a row under it, level by level"),
    Spec("layout_left_right", "Arrange", "Left-to-&Right Layout", "arrange_layout_left_right", (), NEEDS_DOC,
         "Every card's arguments in a column to its right"),
    # Help
    Spec("user_guide", "Help", "&User Guide", "help_user_guide", ("F1", SK.HelpContents), tip="A short illustrated guide for students and teachers"),
    Spec("shortcuts", "Help", "&Keyboard Shortcuts", "help_shortcuts", ("Ctrl+?",)),
    Spec("weighing_help", "Help", "How &Verdicts Are Weighed", "help_weighing", (), "",
         "The order of strengths that weighed semantics uses, and how a verdict is reached"),
    Spec("about", "Help", "&About argmap", "help_about"),
)

#: Gestures that are not menu commands, listed in the shortcuts dialog too.
GESTURES: tuple[tuple[str, str], ...] = (
    ("Arrow keys (canvas)", "Move the selection to a connected card: Up = what it argues for, Down = first argument, Left/Right = neighbours"),
    ("Drag a card", "Move it (all selected cards move together; one undo step)"),
    ("Drag a card's handle onto a card", "Connect: the card supports the target (hold Alt to attack)"),
    ("Drag a card's handle onto an arrow", "Undercut: attack the inference itself"),
    ("Shift+drag a handle onto an arrow", "Add the card as a co-premise of that arrow"),
    ("Ctrl+click, rubber band", "Select several cards"),
    ("Ctrl+wheel / wheel", "Zoom / scroll; middle-drag or Space+drag pans"),
    ("Outline: drag rows", "Reorder, or drop onto a row to re-parent (one undo step)"),
    ("Outline: F2", "Rename the row"),
    ("Escape", "Cancel in-place editing, close the find bar"),
)


#: The menus' sections, in order. "*name" marks a place the window fills itself (the
#: recent files, the anchor of the extensions' actions, the theme and panels submenus).
MENU_SECTIONS: dict[str, list[list[str]]] = {
    "File": [["new", "new_window", "open", "*recent", "open_example"], ["save", "save_as", "revert"], ["import", "export_other", "*extensions"], ["close", "quit"]],
    "Edit": [["undo", "redo"], ["cut", "copy", "paste", "duplicate", "delete"], ["edit_text", "select_all"], ["find", "find_next", "find_previous"]],
    "Insert": [["add_question", "add_position"], ["add_support", "add_evidence", "add_rebuttal", "add_sibling"], ["connect_support", "connect_attack"]],
    "View": [["zoom_in", "zoom_out", "zoom_reset", "zoom_fit"], ["collapse", "expand", "focus", "show_all"], ["show_labels", "*theme", "*docks"], ["present"]],
    "Arrange": [["layout_all", "layout_selection"], ["layout_compact", "layout_classic", "layout_left_right"]],
    "Help": [["user_guide", "shortcuts", "weighing_help", "about"]],
}
#: The toolbar's sections, in order.
TOOLBAR_SECTIONS: tuple[tuple[str, ...], ...] = (
    ("new", "open", "save"), ("undo", "redo"),
    ("add_question", "add_position", "add_support", "add_evidence", "add_rebuttal"), ("layout_all", "zoom_fit"),
)


def _slot(handlers: Sequence[object], name: str) -> Callable[[], object]:
    for handler in handlers:
        slot = getattr(handler, name, None)
        if callable(slot):
            return slot
    raise AttributeError(f"no command object has the action slot {name!r}")


def build_actions(window: QWidget, canvas: QWidget, handlers: Sequence[object]) -> dict[str, QAction]:
    """Create every action (owned by ``window``), connected to the method its spec names
    on the first of ``handlers`` that has it; shortcuts of canvas-only actions fire only
    while ``canvas`` (or a child) has focus."""
    actions: dict[str, QAction] = {}
    # A key named for another command wins over the same key in a platform's standard set
    # (X11 binds Delete also to Ctrl+D, Duplicate's key): two actions on one key fire
    # neither. A command's own named key keeps its place in the standard set, so the
    # menu shows Quit's Ctrl+Q, not X11's second binding, the Exit media key.
    named = {spec.name: {QKeySequence(k).toString() for k in spec.keys if not isinstance(k, QKeySequence.StandardKey)}
             for spec in SPECS}
    for spec in SPECS:
        action = QAction(_t(spec.text), window)
        action.setObjectName(f"action_{spec.name}")
        others = set().union(*(keys for name, keys in named.items() if name != spec.name))
        keys: list[QKeySequence] = []
        for key in spec.keys:
            if isinstance(key, QKeySequence.StandardKey):
                keys.extend(k for k in QKeySequence.keyBindings(key) if k.toString() not in others)
            else:
                keys.append(QKeySequence(key))
        unique = list(dict.fromkeys(k.toString() for k in keys if not k.isEmpty()))
        action.setShortcuts([QKeySequence(k) for k in unique])
        if spec.tip:
            action.setToolTip(_t(spec.tip))
            action.setStatusTip(_t(spec.tip))
        if spec.checkable:
            action.setCheckable(True)
        slot = _slot(handlers, spec.slot)
        action.triggered.connect(lambda _checked=False, s=slot: s())
        action.setProperty("needs", spec.needs)
        if spec.canvas_only:
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            canvas.addAction(action)
        else:
            window.addAction(action)
        actions[spec.name] = action
    return actions


def build_menus(bar: QMenuBar, titles: Mapping[str, str], actions: Mapping[str, QAction],
                places: Mapping[str, Callable[[QMenu], None]]) -> dict[str, QMenu]:
    """Add the menus of `MENU_SECTIONS` to ``bar``; ``places`` fills each "*name" place."""
    menus: dict[str, QMenu] = {}
    for name in MENUS:
        menu = menus[name] = bar.addMenu(titles[name])
        for i, section in enumerate(MENU_SECTIONS[name]):
            if i:
                menu.addSeparator()
            for item in section:
                if item.startswith("*"):
                    places[item](menu)
                else:
                    menu.addAction(actions[item])
    listed = {n for sections in MENU_SECTIONS.values() for s in sections for n in s}
    missing = [s.name for s in SPECS if s.name not in listed]
    assert not missing, f"actions not in any menu: {missing}"
    return menus


def plain(text: str) -> str:
    """Menu text without the mnemonic ampersand and ellipsis."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").rstrip(".")
