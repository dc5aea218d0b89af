"""The Checks dock: what the open map is missing or gets wrong; clicking a finding asks
the window to select the statement it concerns."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QStyle,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from argmap.reasoning import Finding, Severity, check_map
from argmap.ui.document import Document

#: Milliseconds of quiet after an edit before the checks run again.
DEBOUNCE_MS = 300


def dock_is_showing(dock: QDockWidget) -> bool:
    """True when ``dock`` can be seen: shown, and not behind another dock's tab (a dock
    behind a tab still reports ``isVisible()``, but nothing of it is on screen)."""
    return dock.isVisible() and not dock.visibleRegion().isEmpty()


class _WrappingDelegate(QStyledItemDelegate):
    """Rows as tall as their wrapped message (a tree view does not size wrapped rows)."""

    def __init__(self, tree: QTreeWidget) -> None:
        super().__init__(tree)
        self._tree = tree

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        hint = super().sizeHint(option, index)
        width = self._tree.columnWidth(index.column()) - 12
        text = index.data()
        if index.column() != 1 or width < 40 or not text:
            return hint
        rect = option.fontMetrics.boundingRect(QRect(0, 0, width, 1 << 20), Qt.TextFlag.TextWordWrap, text)
        return QSize(hint.width(), max(hint.height(), rect.height() + 6))


class ChecksPanel(QDockWidget):
    """Findings of ``argmap.reasoning.check_map`` for the open document, kept current.

    The window connects ``statementActivated`` to its selection (select the card and
    scroll to it), and may pass ``set_busy_check`` a test (e.g. "a card's text is being
    typed" or "the dock is hidden") that postpones a due refresh: the checks take tenths
    of a second on big maps and must not stall typing.
    """

    statementActivated = Signal(str)

    def __init__(self, document: Document | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Checks"))
        self.setObjectName("checksDock")
        self._document: Document | None = None
        self._findings: list[Finding] = []
        self._busy: Callable[[], bool] | None = None
        self._pending = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._on_timer)
        self.visibilityChanged.connect(self._on_visibility_changed)
        body = QWidget()
        layout = QVBoxLayout(body)
        row = QHBoxLayout()
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        row.addWidget(self.summary_label, 1)
        self.level_box = QComboBox()
        self.level_box.addItem(self.tr("All findings"), Severity.INFO)
        self.level_box.addItem(self.tr("Errors and warnings"), Severity.WARNING)
        self.level_box.addItem(self.tr("Errors only"), Severity.ERROR)
        self.level_box.currentIndexChanged.connect(self._fill)
        row.addWidget(self.level_box)
        layout.addLayout(row)
        self.tree = QTreeWidget()
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels([self.tr("Severity"), self.tr("Finding")])
        self.tree.setRootIsDecorated(False)
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setItemDelegate(_WrappingDelegate(self.tree))
        self.tree.header().sectionResized.connect(lambda *_a: self.tree.scheduleDelayedItemsLayout())
        self.tree.itemClicked.connect(self._on_item_activated)
        self.tree.itemActivated.connect(self._on_item_activated)
        layout.addWidget(self.tree)
        self.setWidget(body)
        self._words = {
            Severity.ERROR: self.tr("Error"),
            Severity.WARNING: self.tr("Warning"),
            Severity.INFO: self.tr("Note"),
        }
        style = self.style()
        self._icons = {
            Severity.ERROR: style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical),
            Severity.WARNING: style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning),
            Severity.INFO: style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation),
        }
        self.set_document(document)

    # ----------------------------------------------------------------- connecting
    def set_document(self, document: Document | None, defer: bool = False) -> None:
        """Follow ``document``. With ``defer`` the first checks wait for
        ``refresh_when_free`` (the window calls it once the map is on screen)."""
        if self._document is not None:
            for sig in (self._document.edited, self._document.pathChanged):
                try:
                    sig.disconnect(self._schedule)
                except (RuntimeError, TypeError):
                    pass
        self._document = document
        if document is not None:
            document.edited.connect(self._schedule)
            document.pathChanged.connect(self._schedule)
        if document is not None and (defer or (self._busy is not None and self._busy())):
            self._timer.stop()
            self._findings = []
            self._pending = True
            self._fill()
        else:
            self.refresh_now()

    def findings(self) -> list[Finding]:
        return list(self._findings)

    def set_busy_check(self, busy: Callable[[], bool] | None) -> None:
        """While ``busy()`` is true a due refresh waits: it is retried while the dock is
        visible, and runs when the dock is shown again."""
        self._busy = busy

    def is_pending(self) -> bool:
        """True when the findings shown are older than the map (a refresh is due)."""
        return self._pending or self._timer.isActive()

    def _schedule(self, *_args: object) -> None:
        self._timer.start()

    def refresh_when_free(self) -> None:
        """Run the checks now unless the busy test says wait (then they run when the
        dock shows again or the typing ends)."""
        self._on_timer()

    def _on_timer(self) -> None:
        if self._busy is not None and self._busy():
            self._pending = True
            if dock_is_showing(self):
                self._timer.start()
            return
        self.refresh_now()

    def _on_visibility_changed(self, visible: bool) -> None:
        if visible and self._pending:
            self._timer.start()

    def refresh_now(self) -> None:
        """Run the checks now (normally run by the debounce timer)."""
        self._timer.stop()
        self._pending = False
        doc = self._document
        if doc is None:
            self._findings = []
        else:
            base = os.path.dirname(doc.path) if doc.path else None
            self._findings = check_map(doc.map, base)
        self._fill()

    # ------------------------------------------------------------------- showing
    def _fill(self, *_args: object) -> None:
        self.tree.clear()
        if self._document is None:
            self.summary_label.setText(self.tr("No map open."))
            return
        counts = Counter(f.severity for f in self._findings)
        if self._pending and not self._findings:
            self.summary_label.setText(self.tr("Checking\u2026"))
        elif not self._findings:
            self.summary_label.setText(self.tr("No findings: nothing missing that the checks can see."))
        else:
            forms = {
                Severity.ERROR: (self.tr("1 error"), self.tr("%1 errors")),
                Severity.WARNING: (self.tr("1 warning"), self.tr("%1 warnings")),
                Severity.INFO: (self.tr("1 note"), self.tr("%1 notes")),
            }
            parts = [one if counts[sev] == 1 else many.replace("%1", str(counts[sev])) for sev, (one, many) in forms.items()]
            self.summary_label.setText(", ".join(parts))
        worst = self.level_box.currentData() or Severity.INFO
        for f in self._findings:
            if f.severity.rank > Severity(worst).rank:
                continue
            item = QTreeWidgetItem([self._words[f.severity], f.message])
            item.setIcon(0, self._icons[f.severity])
            item.setData(0, Qt.ItemDataRole.UserRole, f.id)
            item.setToolTip(1, f"{f.code}: {f.message}")
            self.tree.addTopLevelItem(item)
        self.tree.resizeColumnToContents(0)

    def _on_item_activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        id_ = item.data(0, Qt.ItemDataRole.UserRole)
        if id_:
            self.statementActivated.emit(id_)
