"""`Document`: one open map with its file path, view state and undo stack; the only
thing that applies edits to the map."""

from __future__ import annotations

import hashlib
import os
import weakref
from dataclasses import dataclass, replace
from datetime import datetime, UTC

from PySide6.QtCore import QCoreApplication, QLockFile, QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from shiboken6 import isValid

from argmap.formats import FileFormatError, ViewState, dumps_project, loads_project
from argmap.formats.atomic import atomic_write_bytes
from argmap.formats.reading import read_bytes
from argmap.model import AddStatement, ArgumentMap, Batch, ChangeStatement, Edit, MapMeta
from argmap.model.i18n import EDITS


@dataclass(frozen=True)
class DiskSignature:
    """What a file looked like when we last read or wrote it."""

    mtime_ns: int
    size: int
    sha256: str

    @classmethod
    def of_bytes(cls, path: str | os.PathLike[str], data: bytes) -> DiskSignature | None:
        try:
            st = os.stat(path)
        except OSError:
            return None
        return cls(st.st_mtime_ns, st.st_size, hashlib.sha256(data).hexdigest())

    @classmethod
    def of_file(cls, path: str | os.PathLike[str]) -> DiskSignature | None:
        try:  # the shared reader: never blocks on a FIFO swapped in for the file
            data = read_bytes(path)
        except (OSError, FileFormatError):
            return None
        return cls.of_bytes(path, data)


class FileChangedOnDiskError(FileFormatError):
    """The file was changed (or removed) by someone else since it was opened or saved."""


class FileBusyError(FileFormatError):
    """Another program (or window) is saving the same file right now."""


#: How long a save waits for another program's save of the same file to finish.
SAVE_LOCK_WAIT_MS = 10_000


def save_lock_path(path: str) -> str:
    """The lock file beside ``path`` that a save holds while it checks and writes."""
    folder, name = os.path.split(path)
    return os.path.join(folder, f".{name}.lock")


class SaveLock:
    """``with SaveLock(path):`` holds a ``QLockFile`` beside ``path`` (as editors do), so
    that "has the file changed on disk?" and the write are one step for every argmap
    process and window. A lock left by a killed process is taken over (Qt tests the
    owner's OS file lock). A folder where no lock can be made (read-only) is not
    locked: the write then fails with its own message."""

    def __init__(self, path: str, wait_ms: int = SAVE_LOCK_WAIT_MS) -> None:
        self.path = path
        self.wait_ms = wait_ms
        self.lock = QLockFile(save_lock_path(path))
        self.lock.setStaleLockTime(0)  # only a dead owner makes it stale, never a slow save

    def __enter__(self) -> SaveLock:
        if not self.lock.tryLock(self.wait_ms) and self.lock.error() == QLockFile.LockError.LockFailedError:
            info = self.lock.getLockInfo()  # (pid, host, app); pid 0 if unreadable
            pid = info[-3] if isinstance(info, tuple) and len(info) >= 3 else 0
            who = f" (process {pid})" if isinstance(pid, int) and pid > 0 else ""
            raise FileBusyError(self.path, f"is being saved by another program{who}; try again in a moment")
        return self

    def __exit__(self, *_exc: object) -> None:
        if self.lock.isLocked():
            self.lock.unlock()


def _added_ids(edit: object) -> set[str]:
    if isinstance(edit, AddStatement):
        return {edit.statement.id}
    if isinstance(edit, Batch):
        return set().union(*(_added_ids(e) for e in edit.edits)) if edit.edits else set()
    return set()


def now_iso() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


class _EditCommand(QUndoCommand):
    """The one generic undo command: redo applies the edit, undo reverts it."""

    def __init__(self, document: Document, edit: Edit, merge: bool = False) -> None:
        super().__init__(QCoreApplication.translate(EDITS, edit.label))  # labels are marked with translate_noop
        # Weakly: a command that held its document would close a reference cycle through
        # the undo stack that owns it, and Python's garbage collector, breaking it at an
        # arbitrary moment, deleted the stack's commands under ~QUndoStack (a segfault).
        self._document_ref = weakref.ref(document)
        self.edit = edit
        self.merge = merge
        self._already_applied = True

    def id(self) -> int:
        return 1

    def mergeWith(self, other: QUndoCommand) -> bool:
        """Typing the text of a card just added joins the step that added it, so one
        undo removes the new card (QUndoStack never merges into the saved state)."""
        if not isinstance(other, _EditCommand) or not other.merge or not isinstance(other.edit, ChangeStatement):
            return False
        if other.edit.old.id not in _added_ids(self.edit):
            return False
        self.edit = Batch((self.edit, other.edit), self.edit.label)
        return True

    @property
    def _document(self) -> Document:
        document = self._document_ref()
        if document is None:  # the stack is a child of its document: cannot happen
            raise RuntimeError("undo command outlived its document")
        return document

    def redo(self) -> None:
        if self._already_applied:  # Document.apply ran it before pushing
            self._already_applied = False
        else:
            self.edit.apply(self._document.map)
        self._document.edited.emit()
        self._document.report_subscriber_failures()

    def undo(self) -> None:
        self.edit.revert(self._document.map)
        self._document.edited.emit()
        self._document.report_subscriber_failures()


class Document(QObject):
    """One open map. ``apply(edit)`` is the only way the UI changes the map."""

    modifiedChanged = Signal(bool)
    pathChanged = Signal(str)
    #: The undo stack moved (an edit applied, undone or redone) or the document was
    #: reverted: for the title, the actions and the window's own bookkeeping. Views
    #: follow the map's change records instead (``ArgumentMap.subscribe``).
    edited = Signal()
    #: A view failed to follow a change (a bug in the view): the message says which and
    #: why. The edit and its undo step stand; the window shows the message non-modally.
    subscriberFailed = Signal(str)

    def __init__(
        self,
        amap: ArgumentMap | None = None,
        path: str | os.PathLike[str] | None = None,
        view: ViewState | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.map = amap if amap is not None else ArgumentMap()
        self._path = os.fspath(path) if path is not None else ""
        self.view = view or ViewState()
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setUndoLimit(0)
        self._forced_modified = False
        self._was_modified = False
        self.disk_signature: DiskSignature | None = None
        #: The file's format version when it was opened (None: not opened from a file);
        #: older than the current one means it was upgraded on load.
        self.file_version: int | None = None
        #: Increases with every change; autosave compares it to skip unchanged documents.
        self.generation = 0
        self.undo_stack.cleanChanged.connect(self._update_modified)
        self.undo_stack.indexChanged.connect(self._bump)

    def __del__(self) -> None:
        """Empty the undo stack while every wrapper still exists. Python's collector
        runs finalizers before it breaks a cycle; once it has broken one, a stack deleted
        with the document would delete commands whose wrappers were already gone
        (a segfault in ``QUndoStack::clear``). A document with a parent is the parent's
        to delete, and its wrapper going away deletes nothing."""
        stack = self.__dict__.get("undo_stack")
        if stack is not None and isValid(self) and isValid(stack) and self.parent() is None:
            stack.clear()

    # ----------------------------------------------------------------- creating
    @classmethod
    def new(cls, parent: QObject | None = None) -> Document:
        stamp = now_iso()
        return cls(ArgumentMap(MapMeta(created=stamp, modified=stamp)), parent=parent)

    @classmethod
    def open(cls, path: str | os.PathLike[str], parent: QObject | None = None) -> Document:
        """Load a project; raises a ``FileFormatError`` subclass naming the file."""
        path = os.path.abspath(os.fspath(path))
        data = read_bytes(path)
        project = loads_project(data, path)
        doc = cls(project.map, path, project.view, parent)
        doc.disk_signature = DiskSignature.of_bytes(path, data)
        doc.file_version = project.file_version
        return doc

    # --------------------------------------------------------------- properties
    @property
    def path(self) -> str:
        return self._path

    def set_path(self, path: str | os.PathLike[str]) -> None:
        new = os.path.abspath(os.fspath(path)) if path else ""
        if new != self._path:
            self._path = new
            self.pathChanged.emit(new)

    def display_name(self) -> str:
        if self._path:
            return os.path.basename(self._path)
        return self.map.meta.title or self.tr("Untitled")

    def is_modified(self) -> bool:
        return self._forced_modified or not self.undo_stack.isClean()

    def mark_modified(self) -> None:
        """Mark as unsaved without an undo step (recovered or imported documents)."""
        self._forced_modified = True
        self._bump()
        self._update_modified()

    # ------------------------------------------------------------------ editing
    def apply(self, edit: Edit, merge: bool = False) -> None:
        """Apply ``edit`` as one undo step. A refused edit raises its ``MapError`` and
        leaves the map and the history unchanged. ``merge``: a text edit of a statement
        that the previous step added joins that step."""
        try:
            edit.apply(self.map)  # raises before anything enters the stack
        except Exception:
            self.report_subscriber_failures()
            raise
        self.undo_stack.push(_EditCommand(self, edit, merge))

    def revert_to(self, other: ArgumentMap, view: ViewState | None = None) -> None:
        """Replace the content with ``other`` (a reload from disk); clears the history."""
        self.undo_stack.clear()
        self.map.reset_from(other)
        if view is not None:
            self.view = view
        self._forced_modified = False
        self.undo_stack.setClean()
        self._bump()
        self._update_modified()
        self.edited.emit()
        self.report_subscriber_failures()

    def reload(self) -> None:
        """Revert to the file on disk (raises ``FileFormatError``)."""
        if not self._path:
            return
        data = read_bytes(self._path)
        project = loads_project(data, self._path)
        self.revert_to(project.map, project.view)
        self.disk_signature = DiskSignature.of_bytes(self._path, data)

    # ------------------------------------------------------------------- saving
    def changed_on_disk(self) -> bool:
        """True if the file is no longer what we last read or wrote (content compared
        by hash when the time or size moved; a missing file counts as changed)."""
        if not self._path or self.disk_signature is None:
            return False
        try:
            st = os.stat(self._path)
        except OSError:
            return True
        sig = self.disk_signature
        if st.st_mtime_ns == sig.mtime_ns and st.st_size == sig.size:
            return False
        now = DiskSignature.of_file(self._path)
        return now is None or now.sha256 != sig.sha256

    def save(self, path: str | os.PathLike[str] | None = None, *, force: bool = False) -> None:
        """Write the project atomically to ``path`` (or the current path).

        Raises ``FileChangedOnDiskError`` when saving over a file that changed on disk
        since it was opened (unless ``force``), ``FileBusyError`` when another program
        keeps saving it (the check and the write hold ``SaveLock``), and ``WriteError``
        when writing fails;
        in both cases the document stays modified and the old file is untouched. The
        map's ``modified`` time is set to now, outside the undo history.
        """
        target = os.path.abspath(os.fspath(path)) if path else self._path
        if not target:
            raise ValueError("a new document needs a file name to be saved")
        same_file = bool(self._path) and os.path.abspath(target) == self._path
        with SaveLock(target):  # the check and the write are one step for all savers
            if same_file and not force and self.changed_on_disk():
                raise FileChangedOnDiskError(
                    target, "was changed by another program since it was opened"
                )
            old_meta = self.map.meta
            self.map.set_meta(replace(old_meta, modified=now_iso()))
            data = dumps_project(self.map, self.view)
            try:
                atomic_write_bytes(target, data)
            except BaseException:
                self.map.set_meta(old_meta)
                raise
            self.disk_signature = DiskSignature.of_bytes(target, data)
        self.set_path(target)
        self._forced_modified = False
        self.undo_stack.setClean()
        self._update_modified()

    def snapshot_bytes(self) -> bytes:
        """The project as it would be saved now (used by autosave)."""
        return dumps_project(self.map, self.view)

    def close(self) -> None:
        self.undo_stack.clear()

    def report_subscriber_failures(self) -> None:
        """Emit ``subscriberFailed`` for the subscribers that failed during the edit
        just completed (the map is consistent again by now)."""
        for failure in self.map.take_subscriber_failures():
            self.subscriberFailed.emit(failure.message())

    # ------------------------------------------------------------------ helpers
    def _bump(self, *_args: object) -> None:
        self.generation += 1

    def _update_modified(self, *_args: object) -> None:
        now = self.is_modified()
        if now != self._was_modified:
            self._was_modified = now
            self.modifiedChanged.emit(now)
