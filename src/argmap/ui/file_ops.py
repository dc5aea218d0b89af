"""`FileCommands`: the File commands of a main window (new, open, recent, save, save as,
revert, close and the Save / Discard / Cancel prompt), an object built with what it uses
of the window; load and save errors become dialogs."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox

from argmap.formats import EXTENSION, FileFormatError, interchange
from argmap.formats.project_schema import SCHEMA_VERSION
from argmap.formats.reading import read_bytes
from argmap.layout import layout_missing
from argmap.model.types import replace
from argmap.ui.document import Document, FileBusyError, FileChangedOnDiskError
from argmap.ui.settings import add_recent_file, clear_recent_files, recent_files, remove_recent_file

B = QMessageBox.StandardButton
EXAMPLE_NAME = "ottawa-convention.argmap.json"


def example_path() -> Path | None:
    """The bundled example map: inside the package, or in the source checkout."""
    here = Path(__file__).resolve()
    for candidate in (here.parents[1] / "assets" / "examples" / EXAMPLE_NAME, here.parents[3] / "examples" / EXAMPLE_NAME):
        if candidate.is_file():
            return candidate
    return None


if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtWidgets import QMenu

    from argmap.formats.project import ViewState
    from argmap.ui.session import Session


def _tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


class FileCommands:
    """The file commands of one window (the window's actions call these methods).
    ``document``: the window's document now (None: the start page); ``set_document``
    shows another; ``view_state``: the view to save with the map."""

    def __init__(self, window: QMainWindow, session: Session, document: Callable[[], Document | None],
                 set_document: Callable[[Document | None], None], view_state: Callable[[], ViewState]) -> None:
        self._window = window  # parent of the dialogs; its status bar shows messages
        self.session = session
        self._document = document
        self.set_document = set_document
        self.current_view_state = view_state

    @property
    def document(self) -> Document | None:
        return self._document()

    # ---------------------------------------------------------------- dialogs
    def ask(self, icon: QMessageBox.Icon, title: str, text: str, buttons: list[tuple[QMessageBox.StandardButton, str]],
            default: QMessageBox.StandardButton, info: str = "") -> QMessageBox.StandardButton:
        """A message box with the given buttons (optionally renamed); returns the one chosen."""
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.NoButton, self._window)
        for button, label in buttons:
            b = box.addButton(button)
            if label:
                b.setText(label)
        box.setDefaultButton(default)
        if info:
            box.setInformativeText(info)
        result = box.exec()
        box.deleteLater()
        return B(result) if not isinstance(result, B) else result

    def error(self, title: str, message: str) -> None:
        QMessageBox.critical(self._window, title, message)

    def _file_filter(self) -> str:
        return _tr("argmap maps (*%1);;All files (*)").replace("%1", EXTENSION)

    def _start_dir(self) -> str:
        if self.document is not None and self.document.path:
            return os.path.dirname(self.document.path)
        recent = recent_files()
        return os.path.dirname(recent[0]) if recent else str(Path.home())

    # ------------------------------------------------------------------- new
    def file_new(self) -> None:
        self.show_document(Document.new())

    def file_new_window(self) -> None:
        self.session.new_window()

    def show_document(self, doc: Document) -> None:
        """Show ``doc`` here if this window is empty, else in a new window."""
        if self.document is None:
            self.set_document(doc)
            self._window.activateWindow()
        else:
            self.session.new_window(doc)

    # ------------------------------------------------------------------ open
    def file_open(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self._window, _tr("Open Map"), self._start_dir(), self._file_filter())
        if path:
            self.open_path(path)

    def open_path(self, path: str) -> bool:
        """Open a project file (in this window if it is empty). Errors are shown as a
        dialog naming the file and the problem."""
        path = os.path.abspath(path)
        existing = self.session.find_window(path)
        if existing is not None:
            existing.raise_()
            existing.activateWindow()
            return True
        try:
            doc = Document.open(path)
        except FileFormatError as exc:
            foreign, problem = self._foreign_format(path)
            if foreign is not None:
                return self._offer_import(path, foreign)
            self.error(_tr("Cannot open map"), problem or str(exc))
            if not os.path.exists(path):
                remove_recent_file(path)
            return False
        add_recent_file(path)
        self.show_document(doc)
        if doc.file_version is not None and doc.file_version < SCHEMA_VERSION:
            self.tell_upgraded(doc)
        return True

    def tell_upgraded(self, doc: Document) -> None:
        """Say that an older file was upgraded, and what saving it means."""
        QMessageBox.information(
            self._window, _tr("Map upgraded"),
            _tr("%1 was made with an older version of argmap (file format %2) and has been upgraded to "
                    "format %3 to open here.\n\nOnce you save it, older versions of argmap can no longer read "
                    "the file. To keep a copy they can read, use File › Save As to save under a new name.")
            .replace("%1", doc.display_name()).replace("%2", str(doc.file_version)).replace("%3", str(SCHEMA_VERSION)))

    def _foreign_format(self, path: str) -> tuple[interchange.FileFormat | None, str]:
        """For a file that is not an argmap project: the other format it is in (to offer
        an import), or a message saying what it is instead of a raw parser error."""
        if path.endswith(EXTENSION):
            return None, ""  # our own name: the project loader's message says what is wrong
        try:
            fmt = interchange.detect_format(read_bytes(path), path)
        except FileFormatError as exc:
            return None, str(exc)
        if fmt.name == "argmap" or fmt.reader is None:
            return None, ""
        return fmt, ""

    def _offer_import(self, path: str, fmt: interchange.FileFormat) -> bool:
        answer = self.ask(
            QMessageBox.Icon.Question, _tr("Not an argmap map"),
            _tr("%1 is not an argmap map; it looks like %2.").replace("%1", os.path.basename(path)).replace("%2", fmt.label),
            [(B.Open, _tr("Import")), (B.Cancel, "")], B.Open,
            _tr("Import it as a new, unsaved map? The original file is not changed."),
        )
        return answer == B.Open and self.import_path(path)

    def file_open_example(self) -> None:
        path = example_path()
        if path is None:
            self.error(_tr("Cannot open example"), _tr("The example map %1 is not installed.").replace("%1", EXAMPLE_NAME))
            return
        try:
            doc = Document.open(path)
        except FileFormatError as exc:
            self.error(_tr("Cannot open example"), str(exc))
            return
        doc.set_path("")  # a copy to play with: Save asks where, never over the example
        doc.disk_signature = None
        self.show_document(doc)

    def fill_recent_menu(self, menu: QMenu) -> None:
        """Fill File > Open Recent (before it shows)."""
        menu.clear()
        files = recent_files()
        for i, p in enumerate(files):
            act = menu.addAction(f"&{i + 1}  {os.path.basename(p)}" if i < 9 else os.path.basename(p))
            act.setToolTip(p)
            act.setStatusTip(p)
            act.triggered.connect(lambda _c=False, path=p: self.open_path(path))
        if files:
            menu.addSeparator()
            menu.addAction(_tr("&Clear Recent Maps"), clear_recent_files)
        else:
            menu.addAction(_tr("(none)")).setEnabled(False)

    # ------------------------------------------------------------------ save
    def file_save(self) -> bool:
        return self.save_document()

    def file_save_as(self) -> bool:
        return self.save_document(ask_path=True)

    def save_document(self, ask_path: bool = False) -> bool:
        """Save; returns True when the document is safely on disk. After a failure the
        document stays modified and the old file is untouched."""
        doc = self.document
        if doc is None:
            return False
        path = doc.path
        force = False
        if ask_path or not path:
            suggested = path or os.path.join(self._start_dir(), _slug(doc.map.meta.title) + EXTENSION)
            chosen, _ = QFileDialog.getSaveFileName(self._window, _tr("Save Map As"), suggested, self._file_filter())
            if not chosen:
                return False
            if not chosen.endswith(EXTENSION) and not os.path.splitext(chosen)[1]:
                chosen += EXTENSION
            path = chosen
            force = True  # the user chose this file (the dialog asked about replacing it)
            other = self.session.find_window(os.path.abspath(path)) if self.session is not None else None
            if other is not None and other is not self._window:
                self.error(_tr("Cannot save map"),
                           _tr("%1 is open in another window. Close it there first, or choose another name.")
                           .replace("%1", os.path.basename(path)))
                return False
        doc.view = self.current_view_state()
        while True:
            try:
                doc.save(path, force=force)
            except FileChangedOnDiskError as exc:
                answer = self.ask(
                    QMessageBox.Icon.Warning, _tr("File changed on disk"),
                    _tr("%1 was changed by another program since you opened it.").replace("%1", os.path.basename(exc.path)),
                    [(B.Save, _tr("Overwrite")), (B.Cancel, "")], B.Cancel,
                    _tr("Overwrite it with your version, or cancel and use Save As to keep both."),
                )
                if answer != B.Save:
                    return False
                force = True
                continue
            except FileBusyError as exc:
                answer = self.ask(QMessageBox.Icon.Warning, _tr("File is being saved"), str(exc),
                                  [(B.Retry, ""), (B.Cancel, "")], B.Retry)
                if answer != B.Retry:
                    return False
                continue
            except (FileFormatError, OSError, ValueError) as exc:
                self.error(_tr("Cannot save map"), str(exc) if isinstance(exc, FileFormatError) else f"{path}: {exc}")
                return False
            break
        add_recent_file(path)
        self._window.statusBar().showMessage(_tr("Saved %1").replace("%1", path), 4000)
        return True

    # -------------------------------------------------------- other formats
    def file_import(self) -> None:
        """Open a file of another format as a new, unsaved map and show what the
        import changed or could not carry over."""
        entries = interchange.formats_for_open()
        filt = interchange.dialog_filter([e for e in entries if e[0] != "argmap project"]) + ";;" + _tr("All files (*)")
        path, _ = QFileDialog.getOpenFileName(self._window, _tr("Import Map"), self._start_dir(), filt)
        if path:
            self.import_path(path)

    def import_path(self, path: str) -> bool:
        """Read a file of another format into a new, unsaved map; show the report."""
        try:
            amap, report = interchange.read_any(path)
        except FileFormatError as exc:
            self.error(_tr("Cannot import"), str(exc))
            return False
        for sid, pos in layout_missing(amap).items():
            amap.replace_statement(replace(amap.statement(sid), pos=pos))
        if not amap.meta.title:
            amap.set_meta(replace(amap.meta, title=Path(path).stem.split(".")[0]))
        doc = Document(amap)
        doc.mark_modified()  # not saved anywhere yet: closing asks
        self.show_document(doc)
        QMessageBox.information(self._window, _tr("Import report"), str(report))
        return True

    def file_export_other(self) -> None:
        doc = self.document
        if doc is None:
            return
        filt = interchange.dialog_filter([e for e in interchange.formats_for_save() if e[0] != "argmap project"])
        base = os.path.splitext(doc.path[: -len(EXTENSION)] if doc.path.endswith(EXTENSION) else doc.path)[0] or _slug(doc.map.meta.title)
        path, _ = QFileDialog.getSaveFileName(self._window, _tr("Export As Other Format"), base + ".argdown", filt)
        if not path:
            return
        try:
            report = interchange.write_any(doc.map, path)
        except FileFormatError as exc:
            self.error(_tr("Cannot export"), str(exc))
            return
        if not report.clean:
            QMessageBox.information(self._window, _tr("Export report"), str(report))
        self._window.statusBar().showMessage(_tr("Exported %1").replace("%1", path), 4000)

    # ---------------------------------------------------------------- revert
    def file_revert(self) -> None:
        doc = self.document
        if doc is None or not doc.path:
            return
        if doc.is_modified():
            answer = self.ask(QMessageBox.Icon.Question, _tr("Revert to saved"),
                              _tr("Discard your changes to %1 and reload it from disk?").replace("%1", doc.display_name()),
                              [(B.Discard, _tr("Revert")), (B.Cancel, "")], B.Cancel)
            if answer != B.Discard:
                return
        try:
            doc.reload()
        except FileFormatError as exc:
            self.error(_tr("Cannot revert"), str(exc))

    # ----------------------------------------------------------------- close
    def maybe_save(self) -> bool:
        """Ask Save / Discard / Cancel for unsaved changes; True if it may close."""
        doc = self.document
        if doc is None or not doc.is_modified():
            return True
        answer = self.ask(QMessageBox.Icon.Warning, _tr("Unsaved changes"),
                          _tr("Save the changes to %1 before closing?").replace("%1", doc.display_name()),
                          [(B.Save, ""), (B.Discard, _tr("Don't Save")), (B.Cancel, "")], B.Save,
                          _tr("Your changes will be lost if you don't save them."))
        if answer == B.Save:
            return self.save_document()
        return answer == B.Discard

    def file_close(self) -> bool:
        if not self.maybe_save():
            return False
        self.set_document(None)
        return True

    def file_quit(self) -> None:
        """Ask about every window's unsaved changes first; close nothing unless every
        question was answered (Cancel, or a failed save, leaves all windows open)."""
        windows = [w for w in self.session.windows if w is not self._window] + [self._window]
        for window in windows:
            if window.document is not None and window.document.is_modified():
                window.raise_()
                window.activateWindow()
                if not window.files.maybe_save():
                    return
        for window in windows:
            window.close_confirmed = True  # answered above: closing asks no more
        for window in windows:
            window.close()  # the application quits when its last window closes


def _slug(title: str) -> str:
    keep = "".join(c if c.isalnum() or c in "-_ " else " " for c in title).strip()
    return "-".join(keep.lower().split())[:60] or "untitled"
