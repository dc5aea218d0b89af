"""Autosave and crash recovery: unsaved documents are written to per-instance recovery
files in the user's data folder; files left by a dead instance are offered at start."""

from __future__ import annotations

import functools
import json
import os
import secrets
import time
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, QStandardPaths, QTimer, Signal

from argmap.formats import EXTENSION, FileFormatError, loads_project
from argmap.formats.atomic import atomic_write_bytes
from argmap.formats.reading import read_bytes
from argmap.ui.document import DiskSignature, Document

#: Environment variable that overrides the data folder (used by tests).
DATA_DIR_ENV = "ARGMAP_DATA_DIR"
DEFAULT_INTERVAL_S = 60
_LOCK_SUFFIX = ".lock"
_INFO_SUFFIX = ".info.json"


def data_dir() -> Path:
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override)
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(base or Path.home() / ".local" / "share" / "argmap")


def recovery_dir() -> Path:
    return data_dir() / "recovery"


def pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # exists, owned by someone else
    except OSError:
        return False
    return True


@dataclass(frozen=True)
class RecoveryCandidate:
    """An unsaved document left behind by an instance that is no longer running."""

    data_path: Path
    info_path: Path
    original_path: str
    title: str
    saved_at: float
    disk_signature: DiskSignature | None

    def describe(self) -> str:
        name = os.path.basename(self.original_path) if self.original_path else (self.title or "Untitled map")
        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(self.saved_at))
        return f"{name} (autosaved {when})"

    def load(self) -> Document:
        """A document with the recovered content, marked modified, remembering its
        original path. Raises ``FileFormatError`` when the recovery file is damaged."""
        data = read_bytes(self.data_path)
        project = loads_project(data, self.data_path)
        doc = Document(project.map, self.original_path or None, project.view)
        doc.disk_signature = self.disk_signature
        doc.mark_modified()
        return doc

    def discard(self) -> None:
        for p in (self.data_path, self.info_path):
            try:
                p.unlink()
            except OSError:
                pass


class RecoveryManager(QObject):
    """Owns this instance's lock file and recovery files and runs the autosave timer.

    Every instance names its files ``<pid>-<token>-<n>`` and holds the ``QLockFile``
    ``<pid>-<token>.lock`` while it runs. The lock dies with its process (the operating
    system drops its file lock), so a file is a recovery candidate exactly when nobody
    holds its owner's lock: a pid in use again (after a reboot, in a container where
    argmap is pid 1) does not hide a crash's files.

    ``autosaveFailed(message)`` is emitted once when autosave starts failing (for
    example an unwritable recovery folder; it keeps trying), ``autosaveRecovered()``
    when it works again.
    """

    autosaveFailed = Signal(str)
    autosaveRecovered = Signal()

    def __init__(self, interval_s: int = DEFAULT_INTERVAL_S, folder: Path | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.folder = folder or recovery_dir()
        self.prefix = f"{os.getpid()}-{secrets.token_hex(4)}"
        self._docs: dict[Document, tuple[Path, int]] = {}
        self._counter = 0
        self._lock_path = self.folder / f"{self.prefix}{_LOCK_SUFFIX}"
        self._lock: QLockFile | None = None
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.autosave_now)
        self._started = False
        self.set_interval(interval_s)
        self.last_error = ""
        self._failing = False

    # ------------------------------------------------------------------ lifecycle
    def start(self) -> None:
        """Take this instance's lock and start the autosave timer."""
        self._started = True
        self._timer.start()
        self._take_lock()

    def _take_lock(self) -> bool:
        if self._lock is not None and self._lock.isLocked():
            return True
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            self._failed(f"{self.folder}: cannot write recovery files: {exc.strerror or exc}")
            return False
        lock = QLockFile(str(self._lock_path))
        lock.setStaleLockTime(0)  # only a dead owner makes it stale, never its age
        if not lock.tryLock(0):
            self._failed(f"{self.folder}: cannot write recovery files (cannot create {self._lock_path.name})")
            return False
        self._lock = lock
        return True

    def stop(self) -> None:
        """Normal exit: remove every recovery file of this instance and the lock."""
        self._timer.stop()
        for doc in list(self._docs):
            self.unregister(doc)
        if self._lock is not None:
            self._lock.unlock()
            self._lock = None
        self._started = False

    def _failed(self, message: str) -> None:
        """Remember the error; tell listeners once per run of failures."""
        self.last_error = message
        if not self._failing:
            self._failing = True
            self.autosaveFailed.emit(message)

    def _succeeded(self) -> None:
        if self._failing:
            self._failing = False
            self.last_error = ""
            self.autosaveRecovered.emit()

    @property
    def failing(self) -> bool:
        return self._failing

    def set_interval(self, seconds: int) -> None:
        self._timer.setInterval(max(1, int(seconds)) * 1000)

    # ------------------------------------------------------------------ documents
    def register(self, doc: Document) -> None:
        if doc not in self._docs:
            self._counter += 1
            self._docs[doc] = (self.folder / f"{self.prefix}-{self._counter}{EXTENSION}", -1)
            doc.modifiedChanged.connect(functools.partial(self._on_modified_changed, doc))

    def _on_modified_changed(self, doc: Document, modified: bool) -> None:
        """A save (or undo back to the saved state) makes the recovery copy stale at
        once: remove it now rather than at the next autosave tick."""
        entry = self._docs.get(doc)
        if not modified and entry is not None and entry[1] != -1:
            _remove_pair(entry[0])
            self._docs[doc] = (entry[0], -1)

    def unregister(self, doc: Document) -> None:
        """The document closed normally: its recovery file goes."""
        entry = self._docs.pop(doc, None)
        if entry is not None:
            _remove_pair(entry[0])

    def recovery_file(self, doc: Document) -> Path | None:
        entry = self._docs.get(doc)
        return entry[0] if entry else None

    def autosave_now(self) -> None:
        """Write every modified document that changed since its last autosave; remove
        the recovery file of documents that are saved. A document that could not be
        written is tried again at the next tick."""
        failed = False
        if self._started and not self._take_lock():
            failed = True
        for doc, (path, generation) in list(self._docs.items()):
            if not doc.is_modified():
                if generation != -1:
                    _remove_pair(path)
                    self._docs[doc] = (path, -1)
                continue
            if generation == doc.generation:
                continue
            try:
                self.folder.mkdir(parents=True, exist_ok=True)
                atomic_write_bytes(path, doc.snapshot_bytes())
                info = {
                    "original_path": doc.path,
                    "title": doc.map.meta.title,
                    "saved_at": time.time(),
                    "pid": os.getpid(),
                    "disk_signature": _sig_dict(doc.disk_signature),
                }
                atomic_write_bytes(_info_path(path), json.dumps(info, indent=1).encode("utf-8"))
            except (FileFormatError, OSError) as exc:
                failed = True
                self._failed(str(exc))
                continue
            self._docs[doc] = (path, doc.generation)
        if not failed:
            self._succeeded()

    # ------------------------------------------------------------------- recovery
    def candidates(self) -> list[RecoveryCandidate]:
        """Recovery files owned by instances that are not running."""
        return find_candidates(self.folder, exclude_prefix=self.prefix)

    def claim(self, candidates: list[RecoveryCandidate]) -> list[RecoveryCandidate]:
        """Take ownership of candidates so that no other starting instance offers them
        too: each file pair is renamed into this instance's names (atomic; a lost race
        drops the candidate)."""
        claimed = []
        for cand in candidates:
            self._counter += 1
            data = self.folder / f"{self.prefix}-claimed{self._counter}{EXTENSION}"
            try:
                os.rename(cand.info_path, _info_path(data))
            except OSError:
                continue
            try:
                os.rename(cand.data_path, data)
            except OSError:
                _remove_pair(data)
                continue
            claimed.append(
                RecoveryCandidate(data, _info_path(data), cand.original_path, cand.title, cand.saved_at, cand.disk_signature)
            )
        return claimed


def find_candidates(folder: Path, exclude_prefix: str = "") -> list[RecoveryCandidate]:
    if not folder.is_dir():
        return []
    live: set[str] = set()
    for lock in folder.glob(f"*{_LOCK_SUFFIX}"):
        owner = lock.name[: -len(_LOCK_SUFFIX)]
        if owner != exclude_prefix and lock_held(lock):
            live.add(owner)
    out = []
    for info_path in sorted(folder.glob(f"*{_INFO_SUFFIX}")):
        data_path = folder / (info_path.name[: -len(_INFO_SUFFIX)] + EXTENSION)
        owner = _owner_of(data_path.name)
        if owner in live or (exclude_prefix and owner == exclude_prefix) or not data_path.is_file():
            continue
        try:
            info = json.loads(info_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            info = {}
        if not isinstance(info, dict):
            info = {}
        out.append(
            RecoveryCandidate(
                data_path,
                info_path,
                str(info.get("original_path") or ""),
                str(info.get("title") or ""),
                float(info.get("saved_at") or data_path.stat().st_mtime),
                _sig_from(info.get("disk_signature")),
            )
        )
    return out


def lock_held(path: Path) -> bool:
    """True while a running process holds the ``QLockFile`` ``path``. Decided by the
    operating system's file lock, which dies with its process, not by the pid written in
    the file (that pid may belong to another process now). A lock of a dead owner is
    removed."""
    probe = QLockFile(str(path))
    probe.setStaleLockTime(1)  # any age counts as "maybe stale": Qt then tests the file lock
    if probe.tryLock(25):  # a few retries: a lock written this very millisecond is not yet "old"
        probe.unlock()  # it was free: its owner is gone (this also removes the file)
        return False
    return probe.error() == QLockFile.LockError.LockFailedError


def _info_path(data_path: Path) -> Path:
    return data_path.with_name(data_path.name[: -len(EXTENSION)] + _INFO_SUFFIX)


def _remove_pair(data_path: Path) -> None:
    for p in (data_path, _info_path(data_path)):
        try:
            p.unlink()
        except OSError:
            pass


def _owner_of(name: str) -> str:
    """``<pid>-<token>-<n>.argmap.json`` -> ``<pid>-<token>``."""
    parts = name.split("-")
    return "-".join(parts[:2]) if len(parts) >= 3 else name


def _sig_dict(sig: DiskSignature | None) -> dict[str, object] | None:
    if sig is None:
        return None
    return {"mtime_ns": sig.mtime_ns, "size": sig.size, "sha256": sig.sha256}


def _sig_from(value: object) -> DiskSignature | None:
    if not isinstance(value, dict):
        return None
    try:
        return DiskSignature(int(value["mtime_ns"]), int(value["size"]), str(value["sha256"]))
    except (KeyError, TypeError, ValueError):
        return None
