"""Window commands for export and print: File > Export…, Print…, Print Preview… and
Edit > Copy as Image, installed by ``MainWindow.install_extensions`` through ``install``."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence

from argmap.ui.render import export_dialog, printing
from argmap.ui.render.export import ExportError, copy_image_to_clipboard


def _tr(text: str) -> str:
    return QCoreApplication.translate("export_actions", text)


def install(window) -> dict[str, QAction]:  # type: ignore[no-untyped-def]
    """Add the actions to ``window``'s File and Edit menus; returns them by name (they
    are also added to ``window.actions_by_name`` when it has one)."""
    specs = (
        ("export", _tr("&Export…"), [QKeySequence("Ctrl+E")], lambda: export_dialog.show_export_dialog(window, window.document)),
        ("print", _tr("&Print…"), QKeySequence.keyBindings(QKeySequence.StandardKey.Print),
         lambda: printing.print_map(window, window.document)),
        ("print_preview", _tr("Print Pre&view…"), [], lambda: printing.print_preview(window, window.document)),
        ("copy_image", _tr("Copy as &Image"), [QKeySequence("Ctrl+Shift+C")], lambda: _copy_image(window)),
    )
    actions: dict[str, QAction] = {}
    for name, text, keys, slot in specs:
        action = QAction(text, window)
        action.setObjectName(f"action_{name}")
        action.setShortcuts(keys)
        action.triggered.connect(lambda _checked=False, s=slot: s() if getattr(window, "document", None) is not None else None)
        window.addAction(action)
        actions[name] = action
    menus = getattr(window, "menus", {})
    file_menu = menus.get("File")
    if file_menu is not None:
        anchor = getattr(window, "extension_anchor", None)
        for name in ("export", "print", "print_preview"):
            file_menu.insertAction(anchor, actions[name]) if anchor is not None else file_menu.addAction(actions[name])
        file_menu.aboutToShow.connect(lambda: _update(window, actions))
        file_menu.aboutToHide.connect(lambda: _enable(actions))
    edit_menu = menus.get("Edit")
    if edit_menu is not None:
        items = edit_menu.actions()
        copy = getattr(window, "actions_by_name", {}).get("copy")
        after = items[items.index(copy) + 1] if copy in items and items.index(copy) + 1 < len(items) else None
        edit_menu.insertAction(after, actions["copy_image"]) if after is not None else edit_menu.addAction(actions["copy_image"])
        edit_menu.aboutToShow.connect(lambda: _update(window, actions))
        edit_menu.aboutToHide.connect(lambda: _enable(actions))
    if hasattr(window, "actions_by_name"):
        window.actions_by_name.update(actions)
    return actions


def _enable(actions: dict[str, QAction]) -> None:
    # Shortcuts of disabled actions do not fire, so the actions stay enabled while the
    # menus are closed; the triggers do nothing without a document.
    for action in actions.values():
        action.setEnabled(True)


def _update(window, actions: dict[str, QAction]) -> None:  # type: ignore[no-untyped-def]
    """Grey out the commands in an open menu when no map is open."""
    has_doc = getattr(window, "document", None) is not None
    for action in actions.values():
        action.setEnabled(has_doc)


def _copy_image(window) -> None:  # type: ignore[no-untyped-def]
    """Copy the selection (or the whole map when nothing is selected) as a picture."""
    scene = getattr(window, "scene", None)
    try:
        if scene is not None:
            copy_image_to_clipboard(scene)  # the canvas's theme and selection
        else:
            copy_image_to_clipboard(window.document.map, theme=getattr(window.document.view, "theme", None))
    except ExportError as exc:
        if hasattr(window, "show_problem"):
            window.show_problem(str(exc))
        return
    bar = window.statusBar() if hasattr(window, "statusBar") else None
    if bar is not None:
        bar.showMessage(_tr("Copied the map as an image"), 3000)
