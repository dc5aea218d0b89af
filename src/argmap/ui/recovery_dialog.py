"""The dialog offered at start when unsaved documents were left by a crashed instance."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QListWidget, QListWidgetItem, QMessageBox, QVBoxLayout, QWidget

from argmap.formats import FileFormatError
from argmap.ui.document import Document
from argmap.ui.recovery import RecoveryCandidate, RecoveryManager

DISCARD = 2  # dialog result: delete the recovery files


class RecoveryDialog(QDialog):
    """Lists the documents; Recover (the checked ones), Discard all, or Decide Later."""

    def __init__(self, candidates: list[RecoveryCandidate], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Recover unsaved maps"))
        self.candidates = candidates
        lay = QVBoxLayout(self)
        text = QLabel(self.tr("argmap did not close normally last time. These maps had changes that were "
                              "not saved. Recover them? (They open as unsaved documents.)"), self)
        text.setWordWrap(True)
        lay.addWidget(text)
        self.list = QListWidget(self)
        for cand in candidates:
            item = QListWidgetItem(cand.describe())
            item.setToolTip(cand.original_path or self.tr("never saved"))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.list.addItem(item)
        lay.addWidget(self.list)
        buttons = QDialogButtonBox(self)
        recover = buttons.addButton(self.tr("&Recover"), QDialogButtonBox.ButtonRole.AcceptRole)
        discard = buttons.addButton(self.tr("&Discard"), QDialogButtonBox.ButtonRole.DestructiveRole)
        later = buttons.addButton(self.tr("Decide &Later"), QDialogButtonBox.ButtonRole.RejectRole)
        recover.clicked.connect(self.accept)
        discard.clicked.connect(lambda: self.done(DISCARD))
        later.clicked.connect(self.reject)
        lay.addWidget(buttons)

    def chosen(self) -> list[RecoveryCandidate]:
        return [c for i, c in enumerate(self.candidates) if self.list.item(i).checkState() == Qt.CheckState.Checked]


def offer_recovery(manager: RecoveryManager, parent: QWidget | None = None) -> list[Document]:
    """Ask about recovery files of instances that are gone; returns the recovered
    documents (marked modified, remembering their original paths)."""
    found = manager.candidates()
    if not found:
        return []
    claimed = manager.claim(found)
    if not claimed:
        return []
    dialog = RecoveryDialog(claimed, parent)
    result = dialog.exec()
    chosen = dialog.chosen()
    dialog.deleteLater()
    if result == QDialog.DialogCode.Rejected:
        return []  # left in place: offered again at the next start
    docs: list[Document] = []
    problems: list[str] = []
    if result == QDialog.DialogCode.Accepted:
        for cand in chosen:
            try:
                docs.append(cand.load())
            except FileFormatError as exc:
                problems.append(str(exc))
                continue
    for cand in claimed:
        if cand in chosen and any(p.startswith(str(cand.data_path)) for p in problems):
            continue  # keep a damaged file for a person to look at
        cand.discard()
    if problems:
        QMessageBox.critical(parent, parent.tr("Cannot recover") if parent else "Cannot recover", "\n\n".join(problems))
    return docs
