"""File > Compare with Model Answer…: choose the model answer and the students' files or
a folder of hand-ins, compare them (with a progress bar) and open the comparison window.
Installed by ``MainWindow.install_extensions`` through ``install``."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from argmap.compare.classroom import ClassResult, compare_class, hand_ins, model_problem
from argmap.formats import FileFormatError
from argmap.formats.project import load_project
from argmap.ui.compare_view import CompareWindow

_FILTER = "argmap maps (*.argmap.json);;All files (*)"


def _tr(text: str) -> str:
    return QCoreApplication.translate("compare_actions", text)


class CompareDialog(QDialog):
    """The model answer and the hand-ins (files and folders)."""

    def __init__(self, parent: QWidget | None = None, model_path: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("compare_dialog")
        self.setWindowTitle(_tr("Compare with Model Answer"))
        self.model_edit = QLineEdit(model_path)
        self.model_edit.setObjectName("compare_model")
        browse = QPushButton(_tr("Browse\u2026"))
        browse.clicked.connect(self._browse_model)
        self.hand_ins = QListWidget()
        self.hand_ins.setObjectName("compare_hand_ins")
        add_files = QPushButton(_tr("Add Students' Files\u2026"))
        add_files.clicked.connect(self._add_files)
        add_folder = QPushButton(_tr("Add a Folder of Hand-ins\u2026"))
        add_folder.clicked.connect(self._add_folder)
        remove = QPushButton(_tr("Remove"))
        remove.clicked.connect(lambda: [self.hand_ins.takeItem(self.hand_ins.row(i)) for i in self.hand_ins.selectedItems()])
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_tr("Compare"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.model_edit, 1)
        row.addWidget(browse)
        adds = QHBoxLayout()
        adds.addWidget(add_files)
        adds.addWidget(add_folder)
        adds.addWidget(remove)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_tr("Model answer (its rubric is used):")))
        layout.addLayout(row)
        layout.addWidget(QLabel(_tr("Students' maps (files, or folders of hand-ins):")))
        layout.addWidget(self.hand_ins, 1)
        layout.addLayout(adds)
        layout.addWidget(self.buttons)
        self.resize(620, 420)

    def add_paths(self, paths: list[str]) -> None:
        for p in paths:
            if p and not self.hand_ins.findItems(p, Qt.MatchFlag.MatchExactly):
                self.hand_ins.addItem(p)

    def paths(self) -> list[str]:
        return [self.hand_ins.item(i).text() for i in range(self.hand_ins.count())]

    def _browse_model(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, _tr("Model Answer"), self.model_edit.text(), _FILTER)
        if path:
            self.model_edit.setText(path)

    def _add_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, _tr("Students' Maps"), "", _FILTER)
        self.add_paths(paths)

    def _add_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, _tr("Folder of Hand-ins"))
        self.add_paths([folder])


def run_comparison(parent: QWidget | None, model_path: str, paths: list[str]) -> ClassResult | None:
    """Compare, with a progress dialog; problems are shown and None returned. Skipped
    files are listed after the comparison (never fatal)."""
    title = _tr("Compare with Model Answer")
    try:
        model = load_project(model_path).map
    except FileFormatError as exc:
        QMessageBox.warning(parent, title, _tr("The model answer cannot be used:") + f"\n{exc}")
        return None
    problem = model_problem(model)
    if problem:
        QMessageBox.warning(parent, title, _tr("The model answer cannot be used:") + f"\n{model_path}: {problem}")
        return None
    files = hand_ins(paths, model_path)
    if not files:
        QMessageBox.warning(parent, title, _tr("There are no students' maps to compare."))
        return None
    progress = QProgressDialog(_tr("Comparing\u2026"), _tr("Cancel"), 0, len(files), parent)
    progress.setObjectName("compare_progress")
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(300)

    def step(done: int, total: int, current: str) -> None:
        progress.setValue(done)
        progress.setLabelText(_tr("Comparing {0}\u2026").format(Path(current).name) if current else _tr("Done"))
        QApplication.processEvents()

    result = compare_class(model, files, progress=step)
    progress.close()
    if result.skipped:
        lines = "\n".join(s.problem for s in result.skipped)
        QMessageBox.information(parent, title, _tr("These files were skipped:") + f"\n{lines}")
    if not result.students:
        QMessageBox.warning(parent, title, _tr("None of the students' maps could be read."))
        return None
    return result


def open_comparison(window, model_path: str, paths: list[str]) -> CompareWindow | None:  # type: ignore[no-untyped-def]
    result = run_comparison(window, model_path, paths)
    if result is None:
        return None
    view = CompareWindow(result, window, model_path)
    view.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    view.show()
    windows = getattr(window, "compare_windows", None)
    if isinstance(windows, list):
        windows.append(view)
        view.destroyed.connect(lambda _obj=None, v=view: windows.remove(v) if v in windows else None)
    return view


def compare_with_model(window) -> CompareWindow | None:  # type: ignore[no-untyped-def]
    doc = getattr(window, "document", None)
    start = str(getattr(doc, "path", "") or "") if doc is not None else ""
    dialog = CompareDialog(window, start)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return open_comparison(window, dialog.model_edit.text().strip(), dialog.paths())


def install(window) -> dict[str, QAction]:  # type: ignore[no-untyped-def]
    action = QAction(_tr("Compare with &Model Answer\u2026"), window)
    action.setObjectName("action_compare")
    action.setStatusTip(_tr("Compare students' maps with a model answer: findings, scores, feedback, class overview"))
    action.triggered.connect(lambda _checked=False: compare_with_model(window))
    window.addAction(action)
    window.compare_windows = []
    file_menu = getattr(window, "menus", {}).get("File")
    if file_menu is not None:
        anchor = getattr(window, "extension_anchor", None)
        file_menu.insertAction(anchor, action) if anchor is not None else file_menu.addAction(action)
    actions = {"compare": action}
    if hasattr(window, "actions_by_name"):
        window.actions_by_name.update(actions)
    return actions
