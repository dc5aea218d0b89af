"""The article that "Analyse an article" maps: chosen as a file (text, Markdown, HTML or
PDF, read by ``formats.source_text``) or pasted, and embedded in the new map as its
source document, so that the map opens with the article in the Sources panel."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from argmap.formats import FileFormatError
from argmap.formats.source_text import source_from_file, source_from_text
from argmap.model import ArgumentMap, SourceDocument
from argmap.ui.panels.sources import FILE_FILTER


def _tr(text: str) -> str:
    return QCoreApplication.translate("article_dialog", text)


class ArticleDialog(QDialog):
    """Choose the article's file, or paste its text. ``document`` is the source document
    made (with the id of the template's article slot) once the dialog is accepted."""

    def __init__(self, parent: QWidget | None, slot: SourceDocument) -> None:
        super().__init__(parent)
        self.setObjectName("article_dialog")
        self.setWindowTitle(_tr("The Article to Analyse"))
        self.slot = slot
        self.document: SourceDocument | None = None
        intro = QLabel(_tr("Choose the article's file (text, Markdown, HTML or PDF), or paste its text below. "
                           "It is kept in the map and shown in the Sources panel."))
        intro.setWordWrap(True)
        self.choose = QPushButton(_tr("Choose &File\u2026"))
        self.choose.setObjectName("article_choose_file")
        self.choose.clicked.connect(lambda _c=False: self.choose_file())
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText(_tr("Title (the first line when left empty)"))
        self.text_edit = QPlainTextEdit()
        self.text_edit.setObjectName("article_text")
        self.text_edit.setPlaceholderText(_tr("\u2026or paste the article's text here"))
        self.problem = QLabel()
        self.problem.setObjectName("article_problem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b00020")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_tr("Use the Pasted Text"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_tr("Without an Article"))
        buttons.accepted.connect(self.use_pasted_text)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.choose)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(row)
        layout.addWidget(self.title_edit)
        layout.addWidget(self.text_edit, 1)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.resize(600, 420)

    def choose_file(self, path: str = "") -> bool:
        """Read the article from ``path`` (asked for when empty); accept on success, else
        say what is wrong and stay open."""
        if not path:
            path, _ = QFileDialog.getOpenFileName(self, _tr("The Article to Analyse"), "", FILE_FILTER)
            if not path:
                return False
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # a long PDF takes a moment
        try:
            doc = source_from_file(path, set(), title=self.title_edit.text().strip(), stored_path=path)
        except FileFormatError as exc:
            self.problem.setText(str(exc))
            return False
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.document = replace(doc, id=self.slot.id)
        self.accept()
        return True

    def use_pasted_text(self) -> bool:
        try:
            doc = source_from_text(self.text_edit.toPlainText(), set(), self.title_edit.text().strip())
        except ValueError as exc:
            self.problem.setText(_tr("Cannot use the pasted text: {0}. Paste the article, or choose its file.").format(exc))
            return False
        self.document = replace(doc, id=self.slot.id)
        self.accept()
        return True


def embed_article(amap: ArgumentMap, slot: SourceDocument, doc: SourceDocument) -> None:
    """Put ``doc`` in the place of the template's article ``slot`` (a new, unsaved map:
    no undo step) and let the cards that cited the slot cite the article."""
    amap.set_meta(replace(amap.meta, sources=tuple(doc if d.id == slot.id else d for d in amap.meta.sources)))
    old = {slot.title.casefold(), slot.id.casefold(), slot.citation().casefold()}
    for s in amap.statements():
        if s.source is not None and s.source.citation.strip().casefold() in old:
            amap.replace_statement(replace(s, source=replace(s.source, citation=doc.citation())))


__all__ = ["ArticleDialog", "embed_article"]
