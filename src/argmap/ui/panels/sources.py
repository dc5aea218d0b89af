"""The Sources dock: the text of the map's source documents, with the passages the
evidence quotes highlighted, paragraph coverage ("9 of 14 paragraphs used"), and new
evidence made from a selection (a key, the context menu, or a drag onto the canvas or a
card). Adding a source from a file or pasted text; every change is one undo step."""

from __future__ import annotations

import html
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QEvent, QObject, QPointF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from argmap.formats.errors import FileFormatError
from argmap.formats.source_text import read_source, source_from_file, source_from_text
from argmap.model import Change, SourceDocument, StatementChanged, StatementKind, passages
from argmap.model.passages import Span
from argmap.reasoning.coverage import coverage, quoted
from argmap.reasoning.quotes import candidate_paths
from argmap.ui import source_edits
from argmap.ui.panels.source_view import PASSAGE_MIME, Highlight, SourceTextView
from argmap.ui.styles import get_theme

if TYPE_CHECKING:
    from argmap.ui.document import Document

FILE_FILTER = "Documents (*.txt *.md *.markdown *.html *.htm *.xhtml *.pdf);;All files (*)"


class SourcesPanel(QDockWidget):
    """Call ``set_document`` with the window's document; the window passes canvas
    selections to ``show_ids``. ``statementActivated`` asks the window to select a card."""

    statementActivated = Signal(str)
    problem = Signal(str)

    def __init__(self, window=None, parent: QWidget | None = None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(self.tr("Sources"), parent)
        self.setObjectName("sourcesDock")
        self.window_ = window
        self.document: Document | None = None
        body = QWidget(self)
        body.setObjectName("sourcesPanel")
        self.picker = QComboBox(body)
        self.picker.setObjectName("sourcePicker")
        self.picker.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.picker.setMinimumContentsLength(3)
        self.picker.currentIndexChanged.connect(self._on_pick)
        self.add_button = QToolButton(body)
        self.add_button.setObjectName("addSource")
        self.add_button.setText(self.tr("Add"))
        self.add_button.setToolTip(self.tr("Add a source document: the article or report you are mapping"))
        self.add_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.add_button)
        self.add_file_action = menu.addAction(self.tr("From &File\u2026"), self.add_from_file)
        self.paste_action = menu.addAction(self.tr("&Paste Text"), self.add_from_clipboard)
        self.embed_action = menu.addAction(self.tr("&Embed the Text from Its File"), self.embed_current)
        menu.addSeparator()
        self.remove_action = menu.addAction(self.tr("&Remove This Source"), self.remove_current)
        self.add_button.setMenu(menu)
        self.status = QLabel(body)
        self.status.setObjectName("sourcesStatus")
        self.status.setWordWrap(True)
        self.text = SourceTextView(body)
        self.text.evidenceRequested.connect(self.new_evidence_from_selection)
        self.text.highlightClicked.connect(self.statementActivated.emit)
        self.empty = QLabel(
            self.tr(
                "No source documents yet. Add the article you are mapping with Add \u25b8 From File "
                "(.txt, .md, .html, .pdf) or paste its text. Then select words and press "
                "Ctrl+Shift+E, or drag them onto the map, to make evidence."
            ),
            body,
        )
        self.empty.setObjectName("sourcesEmpty")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.empty.setMargin(8)
        top = QHBoxLayout()
        top.setContentsMargins(4, 4, 4, 0)
        top.addWidget(self.picker, 1)
        top.addWidget(self.add_button)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(self.status)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.empty, 1)
        self.status.setContentsMargins(6, 0, 6, 0)
        self.fix_label = QLabel(body)
        self.fix_label.setObjectName("sourcesFix")
        self.fix_label.setWordWrap(True)
        self.fix_label.setTextFormat(Qt.TextFormat.RichText)
        self.fix_label.setContentsMargins(6, 2, 6, 2)
        self.fix_label.setStyleSheet("QLabel#sourcesFix { background: #fdecea; color: #7f1d1d; }")
        self.fix_label.linkActivated.connect(self._on_fix_link)
        self.fix_label.hide()
        layout.insertWidget(2, self.fix_label)
        body.setMinimumSize(70, 70)  # as narrow as the outline it is tabbed with
        self.setWidget(body)
        self._selected: list[str] = []
        self._drop_filter: _CanvasDrop | None = None
        self._closed_by_user = False
        self._unsubscribe: Callable[[], None] | None = None  # from the map's change records
        self._refresh_due = False
        self.toggleViewAction().triggered.connect(self._on_toggled)
        self._show_state()

    # ---------------------------------------------------------------- document
    def set_document(self, document: Document | None) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        self.document = document
        self._selected = []
        self._refresh_due = False
        if document is not None:
            self._unsubscribe = document.map.subscribe(self._on_change)  # undo and revert too
        self.refresh()

    def _on_change(self, change: Change) -> None:
        """Follow the map's change records: one refresh after the edit (a card moved
        changes nothing here)."""
        if isinstance(change, StatementChanged) and change.fields <= {"pos"}:
            return
        if not self._refresh_due and shiboken6.isValid(self):  # the dock may be gone before the map
            self._refresh_due = True
            QTimer.singleShot(0, self._refresh_if_due)

    def _refresh_if_due(self) -> None:
        if self._refresh_due and self.document is not None and shiboken6.isValid(self):
            self._refresh_due = False
            self.refresh()

    def show_if_useful(self) -> None:
        """Show the panel (under the outline, both in view) for a map that carries a
        source text, unless the user closed it in this window. Where a saved layout put
        it in a tab behind another panel, its tab is brought to the front."""
        if self._closed_by_user or not any(d.text for d in self.sources()):
            return
        if self.isHidden():
            self.show()
        window = self.window_
        if window is not None and hasattr(window, "tabifiedDockWidgets") and window.tabifiedDockWidgets(self):
            self.raise_()

    def _on_toggled(self, on: bool) -> None:
        self._closed_by_user = not on

    def install_canvas_drop(self, view) -> None:  # type: ignore[no-untyped-def]
        """Accept drags of passages on the canvas ``view`` (a QGraphicsView)."""
        self._drop_filter = _CanvasDrop(self, view)
        view.viewport().installEventFilter(self._drop_filter)
        view.viewport().setAcceptDrops(True)

    def sources(self) -> tuple[SourceDocument, ...]:
        return self.document.map.meta.sources if self.document is not None else ()

    def current_source(self) -> SourceDocument | None:
        docs = {d.id: d for d in self.sources()}
        return docs.get(self.picker.currentData()) if self.picker.count() else None

    def set_current_source(self, doc_id: str) -> None:
        i = self.picker.findData(doc_id)
        if i >= 0:
            self.picker.setCurrentIndex(i)

    def refresh(self) -> None:
        """Follow the map: the list of sources, then the current one's highlights."""
        docs = [d for d in self.sources()]
        wanted = [(d.id, d.title or d.id) for d in docs]
        have = [(self.picker.itemData(i), self.picker.itemText(i)) for i in range(self.picker.count())]
        if wanted != have:
            keep = self.picker.currentData()
            self.picker.blockSignals(True)
            self.picker.clear()
            for doc_id, title in wanted:
                self.picker.addItem(title, doc_id)
                self.picker.setItemData(self.picker.count() - 1, title, Qt.ItemDataRole.ToolTipRole)
            i = self.picker.findData(keep)
            self.picker.setCurrentIndex(i if i >= 0 else (0 if wanted else -1))
            self.picker.blockSignals(False)
        self.text.set_source(self.current_source())
        self.rehighlight()
        self._show_state()
        self._flag_cards()
        self._offer_fix()

    def misquoted(self) -> dict[str, SourceDocument]:
        """Cards whose quotation does not occur in the embedded text they cite."""
        out: dict[str, SourceDocument] = {}
        if self.document is None:
            return out
        for doc in self.sources():
            if doc.text:
                for q in quoted(self.document.map, doc):
                    if q.span is None:
                        out.setdefault(q.id, doc)
        return out

    def _flag_cards(self) -> None:
        scene = getattr(self.window_, "scene", None)
        if scene is not None and hasattr(scene, "set_flagged"):
            scene.set_flagged(self.misquoted())

    def _on_pick(self, _index: int) -> None:
        self.text.set_source(self.current_source())
        self.rehighlight()
        self._show_state()

    def rehighlight(self) -> None:
        """Highlight every quotation of the current source, mark unused paragraphs and
        say how many are used."""
        if self._refresh_due:  # the map changed since the last refresh: list and text first
            self._refresh_if_due()  # (which ends here again)
            return
        doc = self.current_source()
        if doc is None or self.document is None or not doc.text:
            self.text.set_marks([], set(), None)
            return
        amap = self.document.map
        theme = get_theme(self.document.view.theme if self.document.view.theme else "default")
        found = quoted(amap, doc)
        marks = []
        placed = sorted((q.span.start, q.id, q.span) for q in found if q.span is not None)
        for n, (_start, id_, span) in enumerate(placed):
            kind = amap.statement(id_).kind
            color = QColor(theme.kinds.get(kind, theme.kinds[StatementKind.EVIDENCE]).border)
            color.setAlpha(60 if n % 2 else 95)  # neighbouring quotations stay apart
            marks.append(Highlight(id_, span, color))
        cov = coverage(amap, doc, found)
        counted = passages.counted(self.text.paragraphs())
        index_of = {p.start: i for i, p in enumerate(self.text.paragraphs())}
        unused = {index_of[p.start] for p, ids in zip(counted, cov.used_by) if not ids}
        current = next((i for i in self._selected if any(m.id == i for m in marks)), None)
        self.text.set_marks(marks, unused, current)
        if doc.paged:  # a PDF: count pages (with text)
            pages = {p.page for p in cov.paragraphs}
            used = {p.page for p, ids in zip(cov.paragraphs, cov.used_by) if ids}
            status = self.tr("%1 of %2 pages used").replace("%1", str(len(used))).replace("%2", str(len(pages)))
        else:
            status = self.tr("%1 of %2 paragraphs used").replace("%1", str(cov.used)).replace("%2", str(len(cov.paragraphs)))
        if cov.not_found:
            status += " \u00b7 " + self.tr("%1 quotation(s) not found in the text").replace("%1", str(len(cov.not_found)))
        self.status.setText(status)

    def _show_state(self) -> None:
        has = self.picker.count() > 0
        self.text.setVisible(has)
        self.status.setVisible(has)
        self.picker.setEnabled(has)
        self.empty.setVisible(not has)
        self.remove_action.setEnabled(has)
        doc = self.current_source()
        self.embed_action.setEnabled(doc is not None and not doc.text and bool(doc.path))
        if has and doc is not None and not doc.text:
            self.status.setText(self.tr("The text of this source is not in the map (file: %1). Add it again from the file to embed it.").replace("%1", doc.path or "\u2014"))
        enabled = self.document is not None
        self.add_file_action.setEnabled(enabled)
        self.paste_action.setEnabled(enabled)

    # --------------------------------------------------------------- selection
    def _offer_fix(self) -> None:
        """For a selected card whose quotation is not in its text: the closest passage."""
        self._fix = None
        misquoted = self.misquoted()
        if self.document is None:
            self.fix_label.hide()
            return
        amap = self.document.map
        for id_ in self._selected:
            doc = misquoted.get(id_)
            if doc is None:
                continue
            found = source_edits.closest_fix(amap, id_, doc)
            label = html.escape(amap.statement(id_).label(40))
            if found is None:
                text = self.tr("The quotation of “%1” is not in “%2”, and no passage is like it.")
            else:
                self._fix = (id_, found[0], found[1])
                short = found[0] if len(found[0]) <= 140 else found[0][:139] + "…"
                text = self.tr(
                    "The quotation of “%1” is not in “%2”. Closest passage (%3): “%4” "
                    "<a href='use'>Use it</a>"
                ).replace("%3", html.escape(found[1])).replace("%4", html.escape(short))
            self.fix_label.setText(text.replace("%1", label).replace("%2", html.escape(doc.title or doc.id)))
            self.fix_label.show()
            return
        self.fix_label.hide()

    def _on_fix_link(self, _link: str = "") -> None:
        self.use_closest_passage()

    def use_closest_passage(self) -> bool:
        """Apply the fix on offer (one undo step)."""
        fix = getattr(self, "_fix", None)
        if fix is None or self.document is None:
            return False
        id_, quotation, locator = fix
        return self._apply(source_edits.use_passage(self.document.map, id_, quotation, locator))

    def show_ids(self, ids: list[str]) -> None:
        """A card was selected elsewhere: scroll its quotation into view."""
        self._selected = list(ids)
        self._offer_fix()
        if self.document is None or not ids:
            self.rehighlight()
            return
        amap = self.document.map
        for id_ in ids:
            if not amap.is_statement(id_):
                continue
            s = amap.statement(id_)
            if s.source is None or not s.source.quotation.strip():
                continue
            for doc in self.sources():
                if not doc.text:
                    continue
                if any(q.id == id_ and q.span is not None for q in quoted(amap, doc)):
                    if doc.id != self.picker.currentData():
                        self.set_current_source(doc.id)
                    span = passages.find(doc.text, s.source.quotation)
                    self.rehighlight()
                    if span is not None:
                        self.text.reveal(span)
                    return
        self.rehighlight()
        fix = getattr(self, "_fix", None)
        if fix is not None and fix[0] in ids:  # not found: show where the closest passage is
            near = self.misquoted().get(fix[0])
            span = passages.find(near.text, fix[1]) if near is not None else None
            if near is not None and span is not None:
                self.set_current_source(near.id)
                self.text.select_span(span)

    # ------------------------------------------------------------------ adding
    def _taken(self) -> set[str]:
        return {d.id for d in self.sources()}

    def _apply(self, edit) -> bool:  # type: ignore[no-untyped-def]
        """Apply an edit of this panel's own; the panel follows it at once (other
        changes it follows once the edit is done)."""
        win = self.window_
        if win is not None:
            done = bool(win.apply_edit(edit))
        elif self.document is None:
            return False
        else:
            self.document.apply(edit)
            done = True
        self._refresh_if_due()
        return done

    def add_file(self, path: str) -> bool:
        """Add the document at ``path``; a problem is reported, nothing half-added."""
        if self.document is None:
            return False
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # a long PDF takes a moment
        try:
            doc = source_from_file(path, self._taken(), stored_path=_stored_path(path, self.document.path))
        except FileFormatError as exc:
            self.problem.emit(str(exc))
            return False
        finally:
            QGuiApplication.restoreOverrideCursor()
        if self._apply(source_edits.add_source(self.document.map, doc)):
            self.set_current_source(doc.id)
            self.show()
            self.raise_()
            return True
        return False

    def add_from_file(self) -> None:
        if self.document is None:
            return
        start = os.path.dirname(self.document.path) if self.document.path else ""
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Add Source Document"), start, FILE_FILTER)
        if path:
            self.add_file(path)

    def add_text(self, text: str, title: str = "") -> bool:
        if self.document is None:
            return False
        try:
            doc = source_from_text(text, self._taken(), title)
        except ValueError as exc:
            self.problem.emit(self.tr("Cannot add the pasted text: %1").replace("%1", str(exc)))
            return False
        if self._apply(source_edits.add_source(self.document.map, doc)):
            self.set_current_source(doc.id)
            return True
        return False

    def add_from_clipboard(self) -> None:
        text = QGuiApplication.clipboard().text()
        if not text.strip():
            self.problem.emit(self.tr("The clipboard holds no text to add as a source"))
            return
        first = text.strip().split("\n", 1)[0].strip()[:120]
        title, ok = QInputDialog.getText(self, self.tr("Paste Source Text"), self.tr("Title of the document:"), text=first)
        if ok:
            self.add_text(text, title.strip())

    def embed_current(self) -> bool:
        """Read the current source's file (found as ``argmap check`` finds it: beside the
        project or up to three folders above) and keep its text in the map."""
        doc = self.current_source()
        if doc is None or self.document is None or doc.text or not doc.path:
            return False
        base = Path(self.document.path).parent if self.document.path else None
        tried = candidate_paths(doc.path, base)
        found = next((p for p in tried if p.is_file()), None)
        if found is None:
            self.problem.emit(self.tr("%1 was not found").replace("%1", doc.path))
            return False
        try:
            got = read_source(found)
        except FileFormatError as exc:
            self.problem.emit(str(exc))
            return False
        return self._apply(source_edits.embed_text(self.document.map, doc.id, got.text))

    def remove_current(self) -> None:
        doc = self.current_source()
        if doc is not None and self.document is not None:
            self._apply(source_edits.remove_source(self.document.map, doc.id))

    # ---------------------------------------------------------------- evidence
    def new_evidence_from_selection(self) -> str | None:
        """The selection becomes an evidence card supporting the selected card on the
        canvas (if one that is not itself evidence is selected), else a card on its own."""
        target = None
        win = self.window_
        if win is not None and self.document is not None:
            cur = win.current_id()
            amap = self.document.map
            if cur is not None and amap.is_statement(cur) and amap.statement(cur).kind is not StatementKind.EVIDENCE:
                target = cur
        return self.make_evidence(self.text.selected_span(), target=target)

    def make_evidence(
        self,
        span: Span | None,
        doc_id: str | None = None,
        target: str | None = None,
        attack: bool = False,
        near: QPointF | None = None,
    ) -> str | None:
        if self.document is None or span is None:
            return None
        docs = {d.id: d for d in self.sources()}
        doc = docs.get(doc_id or self.picker.currentData())
        if doc is None or span.end > len(doc.text) or span.start < 0:
            self.problem.emit(self.tr("That passage is not from a source of this map"))
            return None
        amap = self.document.map
        win = self.window_
        commands = getattr(win, "commands", None)  # the window's MapCommands
        placing = commands.placing() if commands is not None else {}
        if near is None and target is None and commands is not None:
            spot = commands.new_card_spot()
        else:
            spot = (near.x(), near.y()) if near is not None else None
        try:
            edit, new = source_edits.evidence_from_passage(amap, doc, span, target, attack, spot, **placing)
        except ValueError as exc:
            self.problem.emit(str(exc))
            return None
        if not self._apply(edit):
            return None
        if win is not None:
            win.select([new])
            scene = getattr(win, "scene", None)
            item = scene.item_for(new) if scene is not None else None
            if item is not None:
                win.view.ensureVisible(item.sceneBoundingRect(), 80, 80)
        return new


class _CanvasDrop(QObject):
    """Drops of a passage on the canvas: on a card (or arrow) the new evidence supports
    it (Shift: attacks it); on empty canvas it stands where it was dropped."""

    def __init__(self, panel: SourcesPanel, view) -> None:  # type: ignore[no-untyped-def]
        super().__init__(panel)
        self.panel = panel
        self.view = view

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            if event.mimeData().hasFormat(PASSAGE_MIME):  # type: ignore[attr-defined]
                event.setDropAction(Qt.DropAction.CopyAction)  # type: ignore[attr-defined]
                event.accept()
                return True
        elif kind == QEvent.Type.Drop and event.mimeData().hasFormat(PASSAGE_MIME):  # type: ignore[attr-defined]
            self.drop(event)
            return True
        return False

    def drop(self, event) -> None:  # type: ignore[no-untyped-def]
        try:
            data = json.loads(bytes(event.mimeData().data(PASSAGE_MIME)).decode())
            doc_id, span = str(data["doc"]), Span(int(data["start"]), int(data["end"]))
        except (ValueError, KeyError, TypeError):
            event.ignore()
            return
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        scene = self.view.scene()
        where = self.view.mapToScene(event.position().toPoint())
        item = scene.index.target_at(where) if scene is not None and hasattr(scene, "index") else None
        target = getattr(item, "sid", None) or getattr(item, "lid", None)
        attack = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        self.panel.make_evidence(span, doc_id, target, attack, None if target else where)


def _stored_path(path: str, project_path: str) -> str:
    """The file's path relative to the project's folder (absolute when unsaved)."""
    if not project_path:
        return str(Path(path).resolve())
    try:
        return Path(os.path.relpath(Path(path).resolve(), Path(project_path).resolve().parent)).as_posix()
    except ValueError:
        return str(Path(path).resolve())
