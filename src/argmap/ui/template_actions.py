"""File > New from Template (the built-in templates and the teacher's own), File > Save
as Template…, and File > Export Assignment… (starter file, worksheet and answer key of
the open model answer, in one go). Installed by ``MainWindow.install_extensions``."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from argmap.compare.assignment import assignment_paths, write_assignment
from argmap.formats import FileFormatError
from argmap.formats.templates import (
    BUILTIN_DIR,
    list_templates,
    new_from_template,
    save_template,
)
from argmap.model import ArgumentMap
from argmap.ui.article_dialog import ArticleDialog, embed_article
from argmap.ui.document import Document
from argmap.ui.recovery import data_dir

ARTICLE_TEMPLATE_DOC = "article"  # the source document "Analyse an article" asks for


def _tr(text: str) -> str:
    return QCoreApplication.translate("template_actions", text)


def templates_dir() -> Path:
    """Where the teacher's own templates are kept."""
    return data_dir() / "templates"


def open_template(window, path: str | os.PathLike[str]) -> Document | None:  # type: ignore[no-untyped-def]
    """A new, unsaved map from the template at ``path`` (shown in ``window`` when it is
    empty, else in a new window). Documents next to a built-in template are linked by
    absolute path; an empty article slot asks for the article (a file or pasted text),
    embeds it and opens the map with the Sources panel shown."""
    try:
        amap = new_from_template(path)
    except FileFormatError as exc:
        QMessageBox.warning(window, _tr("New from Template"), str(exc))
        return None
    _link_documents(amap, Path(path).parent)
    slot = next((d for d in amap.meta.sources if d.id == ARTICLE_TEMPLATE_DOC and not (d.text or d.path or d.url)), None)
    if slot is not None:
        dialog = ArticleDialog(window, slot)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.document is not None:
            embed_article(amap, slot, dialog.document)
    doc = Document(amap)
    window.files.show_document(doc)
    if slot is not None:
        session = getattr(window, "session", None)
        shown = next((w for w in getattr(session, "windows", ()) if getattr(w, "document", None) is doc), window)
        panel = getattr(shown, "sources", None)
        if panel is not None:
            panel.show()
            panel.raise_()
    return doc


def _link_documents(amap: ArgumentMap, folder: Path) -> None:
    """Documents named by a path relative to the template get its absolute path."""
    docs = []
    for d in amap.meta.sources:
        if d.path and not d.text and not Path(d.path).is_absolute() and (folder / d.path).is_file():
            d = replace(d, path=str((folder / d.path).resolve()))
        docs.append(d)
    amap.set_meta(replace(amap.meta, sources=tuple(docs)))


def save_as_template(window) -> Path | None:  # type: ignore[no-untyped-def]
    doc = getattr(window, "document", None)
    if doc is None:
        return None
    name, ok = QInputDialog.getText(window, _tr("Save as Template"), _tr("Template name:"), text=doc.map.meta.title)
    if not ok or not name.strip():
        return None
    try:
        path = save_template(doc.map, name, templates_dir())
    except (FileFormatError, OSError) as exc:
        QMessageBox.warning(window, _tr("Save as Template"), str(exc))
        return None
    if hasattr(window, "statusBar"):
        window.statusBar().showMessage(_tr("Saved as template '{0}' (File > New from Template)").format(name.strip()), 5000)
    return path


class AssignmentDialog(QDialog):
    """Where to write the assignment and what the starter file gives away."""

    def __init__(self, parent: QWidget | None, start: str) -> None:
        super().__init__(parent)
        self.setObjectName("assignment_dialog")
        self.setWindowTitle(_tr("Export Assignment"))
        self.path_edit = QLineEdit(start)
        browse = QPushButton(_tr("Browse\u2026"))
        browse.clicked.connect(self._browse)
        self.positions = QCheckBox(_tr("Give the positions in the starter file"))
        self.hints = QComboBox()
        self.hints.addItem(_tr("No hints on the worksheet"), "")
        self.hints.addItem(_tr("Hints: the card's title"), "title")
        self.hints.addItem(_tr("Hints: the paragraph it quotes"), "paragraph")
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.path_edit.textChanged.connect(self._update_note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_tr("Export"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_tr("Starter file (what students open):")))
        layout.addLayout(row)
        layout.addWidget(self.positions)
        layout.addWidget(self.hints)
        layout.addWidget(self.note)
        layout.addWidget(buttons)
        self._update_note()
        self.resize(560, 200)

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, _tr("Starter File"), self.path_edit.text(), _tr("argmap maps (*.argmap.json)"))
        if path:
            self.path_edit.setText(path)

    def _update_note(self) -> None:
        text = self.path_edit.text().strip()
        if not text:
            self.note.setText("")
            return
        _start, worksheet, key = assignment_paths(text)
        self.note.setText(_tr("Also written: {0} (worksheet) and {1} (answer key, keep it). The starter carries the article's text: students read it in the Sources panel.")
                          .format(worksheet.name, key.name))


def export_assignment(window) -> list[Path] | None:  # type: ignore[no-untyped-def]
    doc = getattr(window, "document", None)
    if doc is None:
        return None
    base = Path(doc.path).parent if doc.path else Path.home()
    title = doc.map.meta.title.strip() or "assignment"
    stem = "".join(c if c.isalnum() else "-" for c in title.casefold()).strip("-")[:40] or "assignment"
    dialog = AssignmentDialog(window, str(base / f"{stem}-starter.argmap.json"))
    if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.path_edit.text().strip():
        return None
    try:
        files = write_assignment(
            doc.map, dialog.path_edit.text().strip(), model_dir=base if doc.path else None,
            positions=dialog.positions.isChecked(), hints=str(dialog.hints.currentData() or ""),
        )
    except (FileFormatError, OSError) as exc:
        QMessageBox.warning(window, _tr("Export Assignment"), str(exc))
        return None
    if hasattr(window, "statusBar"):
        window.statusBar().showMessage(_tr("Assignment written: {0}").format(", ".join(p.name for p in files.all())), 8000)
    return files.all()


def _fill_menu(window, menu: QMenu) -> None:  # type: ignore[no-untyped-def]
    menu.clear()
    mine_started = False
    for t in list_templates(templates_dir()):
        if not t.builtin and not mine_started:
            menu.addSeparator()
            mine_started = True
        act = menu.addAction(t.name)
        act.setObjectName(f"template_{t.path.name}")
        act.setToolTip(str(t.path))
        act.triggered.connect(lambda _c=False, p=t.path: open_template(window, p))


def install(window) -> dict[str, QAction]:  # type: ignore[no-untyped-def]
    menu = QMenu(_tr("New from &Template"), window)
    menu.setObjectName("menu_templates")
    menu.aboutToShow.connect(lambda: _fill_menu(window, menu))
    _fill_menu(window, menu)
    save = QAction(_tr("Save as &Template\u2026"), window)
    save.setObjectName("action_save_as_template")
    save.triggered.connect(lambda _c=False: save_as_template(window) if getattr(window, "document", None) else None)
    export = QAction(_tr("Export &Assignment\u2026"), window)
    export.setObjectName("action_export_assignment")
    export.setStatusTip(_tr("Write the starter file, a worksheet and the answer key of this model answer"))
    export.triggered.connect(lambda _c=False: export_assignment(window) if getattr(window, "document", None) else None)
    for a in (save, export):
        window.addAction(a)
    window.templates_menu = menu
    file_menu = getattr(window, "menus", {}).get("File")
    if file_menu is not None:
        items = file_menu.actions()
        new = getattr(window, "actions_by_name", {}).get("new")
        after = items[items.index(new) + 1] if new in items and items.index(new) + 1 < len(items) else None
        file_menu.insertMenu(after, menu) if after is not None else file_menu.addMenu(menu)
        anchor = getattr(window, "extension_anchor", None)
        for a in (save, export):
            file_menu.insertAction(anchor, a) if anchor is not None else file_menu.addAction(a)
        # Greyed out in the open menu without a map; enabled again when it closes so
        # that the actions stay triggerable (they do nothing without a map).
        file_menu.aboutToShow.connect(
            lambda: [a.setEnabled(getattr(window, "document", None) is not None) for a in (save, export)]
        )
        file_menu.aboutToHide.connect(lambda: [a.setEnabled(True) for a in (save, export)])
    actions = {"save_as_template": save, "export_assignment": export}
    if hasattr(window, "actions_by_name"):
        window.actions_by_name.update(actions)
    return actions


__all__ = ["BUILTIN_DIR", "export_assignment", "install", "open_template", "save_as_template", "templates_dir"]
