"""Atomic file writes: temporary file in the same folder, flush, fsync, replace.

A failure at any step leaves the old file as it was and no temporary file behind.
Temporaries are named ``.NAME.XXXXXXXX.tmp`` and held under an exclusive ``flock``
while they are written; a process killed mid-save leaves one behind, and the next save
of NAME removes it (only ours, and only when no live writer holds its lock).
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import tempfile
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

from argmap.formats.errors import WriteError

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes | Iterable[bytes]) -> None:
    """Write ``data`` (bytes, or pieces of bytes written one after another) to ``path``
    so that readers see the old file or the new, never a mix."""
    atomic_write_files([(path, data)])


def atomic_write_files(files: Sequence[tuple[str | os.PathLike[str], bytes | Iterable[bytes]]]) -> None:
    """Write several files together (a worksheet and its answer key): every file is
    written to a temporary file first, and only when all of them are written are they
    put in place. A failure while writing any of them leaves every old file as it was
    and no new or temporary file behind."""
    staged: list[tuple[str, Path, Path]] = []
    backups: dict[Path, str | None] = {}  # target -> hard link to its old content (None: a new file)
    replaced: list[Path] = []
    try:
        for path, data in files:
            staged.append(_stage(path, data, len(files)))
        if len(staged) > 1:
            for _tmp, target, named in staged:
                backups[target] = _backup(target, named)
        for tmp, target, named in staged:
            try:
                os.replace(tmp, target)
            except OSError as exc:
                raise WriteError(named, f"could not save: {exc.strerror or exc}; {_kept(target, len(staged))}") from exc
            replaced.append(target)
    except BaseException:
        for tmp, _target, _named in staged:
            _unlink(tmp)
        _roll_back(backups, replaced)
        raise
    for link in backups.values():
        if link:
            _unlink(link)
    for folder in dict.fromkeys(target.parent for _tmp, target, _named in staged):
        _fsync_dir(folder)


def _kept(target: Path, count: int) -> str:
    """The end of a failure message: what is left as it was. A file that did not exist
    before is never called "the old file"."""
    if count > 1:
        return "none of the files was changed"
    return "the old file is unchanged" if os.path.lexists(target) else "nothing was written"


def _backup(target: Path, named: Path) -> str | None:
    """A second name (hard link, else a copy) for ``target``'s current content, so a
    write of several files can be undone; None when there is no such file yet."""
    if not os.path.lexists(target):
        return None
    link = os.path.join(target.parent, f".{target.name}.{os.getpid()}.{time.monotonic_ns()}.bak.tmp")
    try:
        os.link(target, link)
    except OSError:
        try:  # a file system without hard links (FAT, exFAT: USB sticks): a copy
            shutil.copyfile(target, link)
        except OSError as exc:
            _unlink(link)
            raise WriteError(named, f"could not save: cannot keep the old file while writing ({exc.strerror or exc}); "
                                    "none of the files was changed") from exc
    return link


def _roll_back(backups: dict[Path, str | None], replaced: list[Path]) -> None:
    """Put back every file already replaced (old content from its hard link; a file that
    did not exist before is removed), so several files are replaced together or not at all."""
    for target, link in backups.items():
        if target not in replaced:
            if link:
                _unlink(link)  # still the old file: drop the second name
        elif link is None:
            _unlink(str(target))
        else:
            try:
                os.replace(link, target)
            except OSError:
                _unlink(link)


def _unlink(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def _stage(path: str | os.PathLike[str], data: bytes | Iterable[bytes], count: int = 1) -> tuple[str, Path, Path]:
    """Write ``data`` to a flushed, fsynced temporary file beside ``path`` with the
    permissions of the file it will replace; returns (temporary, target, named)."""
    named = Path(path)
    # Write through a symbolic link to the file it points at (replacing the link itself
    # with a plain file would surprise whoever made it).
    target = Path(os.path.realpath(named)) if named.is_symlink() else named
    folder = target.parent if str(target.parent) else Path(".")
    if target.is_dir():
        raise WriteError(named, "is a folder, not a file")
    remove_stale_temporaries(target)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise WriteError(named, f"cannot write in folder {str(folder)!r}: {exc.strerror or exc}") from exc
    try:
        _lock(fd)  # held until the file is closed: marks this temporary as live
        with os.fdopen(fd, "wb") as fh:
            if isinstance(data, (bytes, bytearray, memoryview)):
                fh.write(data)
            else:
                for piece in data:
                    fh.write(piece)
            fh.flush()
            os.fsync(fh.fileno())
        try:
            mode = stat.S_IMODE(os.stat(target).st_mode)
        except OSError:
            mode = 0o666 & ~_umask()
        os.chmod(tmp, mode)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise WriteError(named, f"could not save: {exc.strerror or exc}; {_kept(target, count)}") from exc
        raise
    return tmp, target, named


#: Age below which a temporary is never removed, even if unlocked (just created, not yet locked).
STALE_AFTER_S = 5.0


def _lock(fd: int) -> None:
    if fcntl is not None:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            pass  # a file system without locks: age alone decides (see remove_stale_temporaries)


def _is_live(path: str) -> bool:
    """True if a running writer holds the lock of temporary ``path``."""
    if fcntl is None:
        return True
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(fd)  # releases our probe lock
    return False


def remove_stale_temporaries(target: str | os.PathLike[str], *, now: float | None = None) -> list[str]:
    """Remove the temporaries a killed save of ``target`` left in its folder: files named
    like ours (``.NAME.XXXXXXXX.tmp``, or a backup link ``.NAME.PID.N.bak.tmp``) that
    no live writer holds locked and that are at least a few seconds old (without file
    locks, on Windows: a day old). Returns the names removed; never raises."""
    target = Path(target)
    folder = target.parent if str(target.parent) else Path(".")
    pattern = re.compile(re.escape(f".{target.name}.") + r"([A-Za-z0-9_]{8}|\d+\.\d+\.bak)\.tmp")
    now = time.time() if now is None else now
    min_age = STALE_AFTER_S if fcntl is not None else 86400.0
    removed: list[str] = []
    try:
        names = os.listdir(folder)
    except OSError:
        return removed
    for name in names:
        if not pattern.fullmatch(name):
            continue
        path = os.path.join(folder, name)
        try:
            st = os.lstat(path)
        except OSError:
            continue
        # ctime too: making a hard link (a backup) touches it, not the old mtime it shares
        if not stat.S_ISREG(st.st_mode) or now - max(st.st_mtime, st.st_ctime) < min_age or _is_live(path):
            continue
        try:
            os.unlink(path)
            removed.append(name)
        except OSError:
            pass
    return removed


def _fsync_dir(folder: Path) -> None:
    try:
        dfd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dfd)
    except OSError:
        pass
    finally:
        os.close(dfd)


def _umask() -> int:
    """The process umask, read without changing it where the system allows (changing it,
    even for a moment, would affect files other threads create meanwhile)."""
    try:
        with open("/proc/self/status", encoding="ascii", errors="replace") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
