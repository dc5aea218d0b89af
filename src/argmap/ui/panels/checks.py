"""The Checks dock: what the open map is missing or gets wrong, kept current by a
``Checker``; clicking a finding asks the window to select the statement it concerns."""

from __future__ import annotations

import os
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QModelIndex, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QMenu,
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

from argmap.reasoning import Checker, Finding, FindingsUpdate, Severity
from argmap.ui.document import Document
from argmap.ui.source_edits import use_passage

#: Milliseconds of quiet after an edit before the checks run again.
DEBOUNCE_MS = 300
#: An update with more steps than this refills the list instead of editing rows.
MAX_ROW_STEPS = 200


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

    A ``Checker`` follows the document's map: after an edit (and a short quiet time)
    only the findings the edit can affect are rechecked, and only their rows change.
    The window connects ``statementActivated`` to its selection (select the card and
    scroll to it), and may pass ``set_busy_check`` a test (e.g. "a card's text is being
    typed" or "the dock is hidden") that postpones a due refresh.
    """

    statementActivated = Signal(str)

    def __init__(self, document: Document | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Checks"))
        self.setObjectName("checksDock")
        self._document: Document | None = None
        self._unsubscribe: Callable[[], None] | None = None  # from the map's change records
        self._checker: Checker | None = None
        self._findings: list[Finding] = []  # in the checker's order; rows show a prefix
        self._shown_severities: set[Severity] = set()
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
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._on_context_menu)
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
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        if self._document is not None:
            try:
                self._document.pathChanged.disconnect(self._on_path_changed)
            except (RuntimeError, TypeError):
                pass
        if self._checker is not None:
            self._checker.detach()
            self._checker = None
        self._document = document
        if document is not None:
            self._unsubscribe = document.map.subscribe(self._on_record)  # every change record, undo and revert too
            document.pathChanged.connect(self._on_path_changed)
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

    def _on_record(self, _change: object) -> None:
        if shiboken6.isValid(self._timer):  # the dock may be gone before the map
            self._timer.start()

    def _on_path_changed(self, *_args: object) -> None:
        if self._checker is not None and self._document is not None:
            self._checker.set_base_dir(_base_dir(self._document))
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
        """Bring the findings up to date now (normally run by the debounce timer): the
        first time for a document the whole map is checked, then only what changed."""
        self._timer.stop()
        self._pending = False
        doc = self._document
        if doc is None:
            self._findings = []
            self._fill()
        elif self._checker is None:
            self._checker = Checker(doc.map, _base_dir(doc))
            self._checker.update()
            self._findings = self._checker.findings()
            self._fill()
        else:
            self._apply(self._checker.update())

    # ------------------------------------------------------------------- showing
    def _apply(self, update: FindingsUpdate) -> None:
        """Edit the list and its rows step by step (rows are the findings up to the
        chosen severity: a prefix of the list, since it is sorted by severity first)."""
        if not update or self._checker is None:
            return
        if update.reset or len(update.steps) > MAX_ROW_STEPS:
            self._findings = self._checker.findings()
            self._fill()
            return
        worst = Severity(self.level_box.currentData() or Severity.INFO).rank
        findings, tree = self._findings, self.tree
        for index, finding, added in update.steps:
            if added:
                findings.insert(index, finding)
                if finding.severity.rank <= worst:
                    tree.insertTopLevelItem(index, self._row(finding))
            else:
                findings.pop(index)
                if finding.severity.rank <= worst:
                    tree.takeTopLevelItem(index)
        self._show_summary()
        self._fit_severity_column()

    def _fill(self, *_args: object) -> None:
        self.tree.clear()
        if self._show_summary():
            return
        worst = self.level_box.currentData() or Severity.INFO
        self.tree.addTopLevelItems([self._row(f) for f in self._findings if f.severity.rank <= Severity(worst).rank])
        self._shown_severities = set()
        self._fit_severity_column()

    def _fit_severity_column(self) -> None:
        """Size the first column to its words, when the severities shown change."""
        worst = Severity(self.level_box.currentData() or Severity.INFO).rank
        counts = self._checker.counts() if self._checker is not None else {}
        shown = {sev for sev, n in counts.items() if n and sev.rank <= worst}
        if shown != self._shown_severities:
            self._shown_severities = shown
            self.tree.resizeColumnToContents(0)

    def _row(self, f: Finding) -> QTreeWidgetItem:
        item = QTreeWidgetItem([self._words[f.severity], f.message])
        item.setIcon(0, self._icons[f.severity])
        item.setData(0, Qt.ItemDataRole.UserRole, f.id)
        if f.suggestion:
            item.setData(1, Qt.ItemDataRole.UserRole, (f.suggestion, f.suggestion_locator))
        item.setToolTip(1, f"{f.code}: {f.message}")
        return item

    def _show_summary(self) -> bool:
        """Write the counts line; True when there is no map to list findings for."""
        if self._document is None:
            self.summary_label.setText(self.tr("No map open."))
            return True
        counts = self._checker.counts() if self._checker is not None else {}
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
            parts = [
                one if counts.get(sev, 0) == 1 else many.replace("%1", str(counts.get(sev, 0)))
                for sev, (one, many) in forms.items()
            ]
            self.summary_label.setText(", ".join(parts))
        return False

    def fix_menu(self, item: QTreeWidgetItem) -> QMenu | None:
        """The menu of a finding that offers a fix (the closest passage for a quotation
        not found in its source), or None."""
        fix = item.data(1, Qt.ItemDataRole.UserRole)
        id_ = item.data(0, Qt.ItemDataRole.UserRole)
        if not fix or not id_ or self._document is None:
            return None
        menu = QMenu(self.tree)
        act = menu.addAction(self.tr("Use the &Closest Passage as the Quotation"))
        act.setObjectName("useClosestPassage")
        act.triggered.connect(lambda: self.use_fix(id_, fix[0], fix[1]))
        return menu

    def use_fix(self, id_: str, quotation: str, locator: str) -> None:
        if self._document is not None and id_ in self._document.map:
            self._document.apply(use_passage(self._document.map, id_, quotation, locator))

    def _on_context_menu(self, pos) -> None:  # type: ignore[no-untyped-def]
        item = self.tree.itemAt(pos)
        menu = self.fix_menu(item) if item is not None else None
        if menu is not None:
            menu.exec(self.tree.viewport().mapToGlobal(pos))
            menu.deleteLater()

    def _on_item_activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        id_ = item.data(0, Qt.ItemDataRole.UserRole)
        if id_:
            self.statementActivated.emit(id_)


def _base_dir(document: Document) -> str | None:
    """The folder where the document's relative source-document paths are looked up."""
    return os.path.dirname(document.path) if document.path else None
