"""The read-only text of one source document for the Sources panel: numbered paragraphs
(pages for a PDF) in a gutter with a bar beside the paragraphs no card quotes yet,
quoted spans highlighted in their card's kind colour, keyboard paragraph moves, and the
selection offered as a new evidence card (a key, the context menu, or a drag)."""

from __future__ import annotations

import bisect
import json
import re
from dataclasses import dataclass

from PySide6.QtCore import QMimeData, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QDrag,
    QKeySequence,
    QPainter,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import QApplication, QMenu, QPlainTextEdit, QTextEdit, QWidget

from argmap.model import SourceDocument, passages
from argmap.model.passages import Paragraph, Span

#: The drag payload: the document's id and the selected span (JSON).
PASSAGE_MIME = "application/x-argmap-passage"
#: The key that turns the selection into evidence (the same as Insert > Evidence, which
#: it overrides while the text has the focus), and Return as a second one.
EVIDENCE_KEYS = (QKeySequence("Ctrl+Shift+E"), QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter))
#: The Sources panel's keys and gestures, for Help > Keyboard Shortcuts.
SOURCE_KEYS = (
    ("Ctrl+Shift+E or Return", "New evidence from the selected words"),
    ("Ctrl+Down / Ctrl+Up", "Next / previous paragraph"),
    ("Ctrl+Shift+Down", "Select to the end of the paragraph"),
    ("Ctrl+Space", "Select the paragraph"),
    ("Drag the selection onto the map", "New evidence there; onto a card: supporting it (Shift: attacking it)"),
    ("Click a highlighted passage", "Select the card that quotes it"),
)
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


@dataclass(frozen=True)
class Highlight:
    """A quoted span and the card quoting it, drawn in ``color``."""

    id: str
    span: Span
    color: QColor


class _Offsets:
    """Python string offsets <-> Qt document positions (UTF-16 units)."""

    def __init__(self, text: str) -> None:
        self._astral = [m.start() for m in _ASTRAL.finditer(text)]

    def to_qt(self, i: int) -> int:
        return i + bisect.bisect_left(self._astral, i)

    def from_qt(self, p: int) -> int:
        if not self._astral:
            return p
        lo, hi = 0, p
        while lo < hi:  # the largest i with to_qt(i) <= p
            mid = (lo + hi + 1) // 2
            if self.to_qt(mid) <= p:
                lo = mid
            else:
                hi = mid - 1
        return lo


class _Gutter(QWidget):
    def __init__(self, view: SourceTextView) -> None:
        super().__init__(view)
        self.view = view
        self.setObjectName("sourceGutter")

    def sizeHint(self) -> QSize:
        return QSize(self.view.gutter_width(), 0)

    def paintEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        self.view.paint_gutter(self, event.rect())


class SourceTextView(QPlainTextEdit):
    """Signals: ``evidenceRequested`` (make evidence of the selection), ``highlightClicked``
    (a card id, when a highlighted span is clicked)."""

    evidenceRequested = Signal()
    highlightClicked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sourceText")
        self.setReadOnly(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setCenterOnScroll(False)
        self.doc: SourceDocument | None = None
        self._offsets = _Offsets("")
        self._paras: tuple[Paragraph, ...] = ()
        self._first_blocks: list[int] = []  # the block each paragraph starts in
        self._unused: set[int] = set()  # indexes into _paras
        self._highlights: list[Highlight] = []
        self._current: str | None = None
        self._selection_cache: dict[tuple[str, int, int, int, bool], QTextEdit.ExtraSelection] = {}
        self._press: QPoint | None = None
        self._press_in_selection = False
        self.gutter = _Gutter(self)
        self.updateRequest.connect(self._update_gutter)
        self.blockCountChanged.connect(lambda _n: self._fit_gutter())
        self._fit_gutter()

    # ----------------------------------------------------------------- content
    def set_source(self, doc: SourceDocument | None) -> None:
        if doc is not None and self.doc is not None and doc.text == self.doc.text and doc.id == self.doc.id:
            self.doc = doc
            return
        self.doc = doc
        text = doc.text if doc is not None else ""
        self._offsets = _Offsets(text)
        self._paras = passages.paragraphs(text, doc.title) if doc is not None else ()
        self._first_blocks = _first_blocks(text, self._paras)
        self._highlights = []
        self._selection_cache = {}
        self._unused = set()
        self.setPlainText(text.replace(passages.PAGE_BREAK, "\n").replace("\r", " "))
        self._fit_gutter()

    def paragraphs(self) -> tuple[Paragraph, ...]:
        return self._paras

    def set_marks(self, highlights: list[Highlight], unused: set[int], current: str | None) -> None:
        """Highlight the quoted spans; ``unused`` are indexes into ``paragraphs()``."""
        self._highlights = sorted(highlights, key=lambda h: (h.span.start, h.span.end, h.id))
        self._unused = unused
        self._current = current
        selections = []
        cache = self._selection_cache
        fresh: dict[tuple[str, int, int, int, bool], QTextEdit.ExtraSelection] = {}
        for h in self._highlights:
            key = (h.id, h.span.start, h.span.end, h.color.rgba(), h.id == current)
            sel = cache.get(key)
            if sel is None:
                sel = self._selection(h, h.id == current)
            fresh[key] = sel
            selections.append(sel)
        self._selection_cache = fresh
        self.setExtraSelections(selections)
        self.gutter.update()

    def _selection(self, h: Highlight, current: bool) -> QTextEdit.ExtraSelection:
        sel = QTextEdit.ExtraSelection()
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._offsets.to_qt(h.span.start))
        cursor.setPosition(self._offsets.to_qt(h.span.end), QTextCursor.MoveMode.KeepAnchor)
        fmt = QTextCharFormat()
        color = QColor(h.color)
        if current:
            fmt.setFontUnderline(True)
            color.setAlpha(150)
        fmt.setBackground(color)
        sel.cursor = cursor
        sel.format = fmt
        return sel

    def highlights(self) -> list[Highlight]:
        return list(self._highlights)

    def ids_at(self, offset: int) -> list[str]:
        return [h.id for h in self._highlights if h.span.start <= offset < h.span.end]

    # ---------------------------------------------------------------- selection
    def selected_span(self) -> Span | None:
        """The selection as offsets into the document's text (None when empty)."""
        cursor = self.textCursor()
        if not cursor.hasSelection() or self.doc is None:
            return None
        start = self._offsets.from_qt(cursor.selectionStart())
        end = self._offsets.from_qt(cursor.selectionEnd())
        return Span(start, end) if self.doc.text[start:end].strip() else None

    def select_span(self, span: Span, scroll: bool = True) -> None:
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._offsets.to_qt(span.start))
        cursor.setPosition(self._offsets.to_qt(span.end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        if scroll:
            self.reveal(span)

    def reveal(self, span: Span) -> None:
        """Scroll so that ``span`` is in the middle of the view (the text cursor goes to
        its start unless the selection is already there)."""
        cursor = self.textCursor()
        start = self._offsets.to_qt(span.start)
        if not (cursor.hasSelection() and cursor.selectionStart() == start):
            cursor = QTextCursor(self.document())
            cursor.setPosition(start)
            self.setTextCursor(cursor)
        self.centerCursor()

    def passage_mime(self) -> QMimeData | None:
        """The drag payload for the current selection."""
        span = self.selected_span()
        if span is None or self.doc is None:
            return None
        mime = QMimeData()
        mime.setData(PASSAGE_MIME, json.dumps({"doc": self.doc.id, "start": span.start, "end": span.end}).encode())
        mime.setText(self.doc.text[span.start : span.end])
        return mime

    def createMimeDataFromSelection(self) -> QMimeData:  # copy: the words, plus the passage
        return self.passage_mime() or super().createMimeDataFromSelection()

    # -------------------------------------------------------------------- keys
    def event(self, event) -> bool:  # type: ignore[no-untyped-def]
        if event.type() == event.Type.ShortcutOverride and self._is_evidence_key(event) and self.selected_span():
            event.accept()
            return True
        return super().event(event)

    def _is_evidence_key(self, event) -> bool:  # type: ignore[no-untyped-def]
        seq = QKeySequence(event.keyCombination())
        return any(seq.matches(k) == QKeySequence.SequenceMatch.ExactMatch for k in EVIDENCE_KEYS)

    def keyPressEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        if self._is_evidence_key(event) and self.selected_span() is not None:
            self.evidenceRequested.emit()
            return
        ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        if ctrl and event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            self.move_paragraph(1 if event.key() == Qt.Key.Key_Down else -1, extend=shift)
            return
        if event.key() == Qt.Key.Key_Space and ctrl:
            self.select_paragraph()
            return
        super().keyPressEvent(event)

    def move_paragraph(self, step: int, extend: bool = False) -> None:
        """Ctrl+Down/Up: to the start of the next/previous paragraph; with Shift the
        selection grows to the end of the paragraph (or back to a start)."""
        if not self._paras or self.doc is None:
            return
        cursor = self.textCursor()
        here = self._offsets.from_qt(cursor.position())
        starts = [p.start for p in self._paras]
        if step > 0:
            if extend:
                ends = [p.end for p in self._paras]
                i = bisect.bisect_right(ends, here)
                target = ends[min(i, len(ends) - 1)]
            else:
                i = bisect.bisect_right(starts, here)
                target = starts[min(i, len(starts) - 1)]
        else:
            i = bisect.bisect_left(starts, here) - 1
            target = starts[max(i, 0)]
        mode = QTextCursor.MoveMode.KeepAnchor if extend else QTextCursor.MoveMode.MoveAnchor
        cursor.setPosition(self._offsets.to_qt(target), mode)
        self.setTextCursor(cursor)
        self.ensureCursorVisible()

    def select_paragraph(self) -> None:
        """Ctrl+Space: select the paragraph the cursor is in."""
        here = self._offsets.from_qt(self.textCursor().position())
        para = passages.paragraph_at(self._paras, here)
        if para is not None:
            self.select_span(Span(para.start, para.end), scroll=False)

    # ------------------------------------------------------------------- mouse
    def mousePressEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        self._press = None
        if event.button() == Qt.MouseButton.LeftButton:
            self._press = event.position().toPoint()
            cursor = self.textCursor()
            pos = self.cursorForPosition(self._press).position()
            self._press_in_selection = cursor.hasSelection() and cursor.selectionStart() <= pos < cursor.selectionEnd()
            if self._press_in_selection:
                return  # maybe the start of a drag: keep the selection
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        if self._press is not None and self._press_in_selection:
            if (event.position().toPoint() - self._press).manhattanLength() >= QApplication.startDragDistance():
                self._press = None
                self._press_in_selection = False
                mime = self.passage_mime()
                if mime is not None:
                    drag = QDrag(self)
                    drag.setMimeData(mime)
                    drag.exec(Qt.DropAction.CopyAction)
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        press, in_selection = self._press, self._press_in_selection
        self._press = None
        self._press_in_selection = False
        if press is not None and in_selection:  # a click inside the selection: place the cursor
            self.setTextCursor(self.cursorForPosition(press))
        super().mouseReleaseEvent(event)
        if press is not None and not self.textCursor().hasSelection():
            offset = self._offsets.from_qt(self.cursorForPosition(press).position())
            ids = self.ids_at(offset)
            if ids:
                self.highlightClicked.emit(ids[0])

    def contextMenuEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        menu = self.build_context_menu()
        menu.exec(event.globalPos())
        menu.deleteLater()

    def build_context_menu(self) -> QMenu:
        menu = self.createStandardContextMenu()
        first = menu.actions()[0] if menu.actions() else None
        act = menu.addAction(self.tr("New &Evidence from Selection"))
        act.setObjectName("newEvidenceFromSelection")
        act.setShortcut(EVIDENCE_KEYS[0])
        act.setEnabled(self.selected_span() is not None)
        act.triggered.connect(self.evidenceRequested.emit)
        if first is not None:
            menu.removeAction(act)
            menu.insertAction(first, act)
            menu.insertSeparator(first)
        return menu

    # ------------------------------------------------------------------ gutter
    def gutter_width(self) -> int:
        digits = len(str(max(1, len(self._paras))))
        return self.fontMetrics().horizontalAdvance("p. 9" + "9" * digits) + 14

    def _fit_gutter(self) -> None:
        self.setViewportMargins(self.gutter_width(), 0, 0, 0)
        cr = self.contentsRect()
        self.gutter.setGeometry(QRect(cr.left(), cr.top(), self.gutter_width(), cr.height()))

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().resizeEvent(event)
        self._fit_gutter()

    def _update_gutter(self, rect: QRect, dy: int) -> None:
        if dy:
            self.gutter.scroll(0, dy)
        else:
            self.gutter.update(0, rect.y(), self.gutter.width(), rect.height())

    def paint_gutter(self, widget: QWidget, rect: QRect) -> None:
        painter = QPainter(widget)
        pal = self.palette()
        painter.fillRect(rect, pal.window().color())
        width = widget.width()
        block = self.firstVisibleBlock()
        offset = self.contentOffset()
        top = round(self.blockBoundingGeometry(block).translated(offset).top())
        unused = QColor("#e69f00")
        muted = pal.placeholderText().color()
        paged = self.doc is not None and self.doc.paged
        while block.isValid() and top <= rect.bottom():
            height = round(self.blockBoundingRect(block).height())
            number = block.blockNumber()
            i = bisect.bisect_right(self._first_blocks, number) - 1
            if i >= 0 and block.isVisible():
                para = self._paras[i]
                last = self._first_blocks[i + 1] - 1 if i + 1 < len(self._first_blocks) else None
                inside = last is None or number <= last
                if inside and i in self._unused and block.text().strip():
                    painter.fillRect(width - 5, top, 4, height, unused)
                if self._first_blocks[i] == number:
                    painter.setPen(muted)
                    starts_page = paged and (i == 0 or self._paras[i - 1].page != para.page)
                    label = f"p. {para.page}" if starts_page else (str(para.number) if para.number else "")
                    painter.drawText(0, top, width - 9, self.fontMetrics().height(), Qt.AlignmentFlag.AlignRight, label)
            block = block.next()
            top += height
        painter.end()


def _first_blocks(text: str, paras: tuple[Paragraph, ...]) -> list[int]:
    """The block (line) each paragraph starts in: counts line and page breaks once."""
    out = []
    pos = 0
    line = 0
    for p in paras:
        line += text.count("\n", pos, p.start) + text.count(passages.PAGE_BREAK, pos, p.start)
        pos = p.start
        out.append(line)
    return out
