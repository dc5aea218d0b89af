"""Atomic file writes: temporary file in the same folder, flush, fsync, replace.

A failure at any step leaves the old file as it was and no temporary file behind.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from argmap.formats.errors import WriteError


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
    try:
        for path, data in files:
            staged.append(_stage(path, data))
        for tmp, target, named in staged:
            try:
                os.replace(tmp, target)
            except OSError as exc:
                raise WriteError(named, f"could not save: {exc.strerror or exc}; the old file is unchanged") from exc
    except BaseException:
        for tmp, _target, _named in staged:
            try:
                os.unlink(tmp)
            except OSError:
                pass
        raise
    for folder in dict.fromkeys(target.parent for _tmp, target, _named in staged):
        _fsync_dir(folder)


def _stage(path: str | os.PathLike[str], data: bytes | Iterable[bytes]) -> tuple[str, Path, Path]:
    """Write ``data`` to a flushed, fsynced temporary file beside ``path`` with the
    permissions of the file it will replace; returns (temporary, target, named)."""
    named = Path(path)
    # Write through a symbolic link to the file it points at (replacing the link itself
    # with a plain file would surprise whoever made it).
    target = Path(os.path.realpath(named)) if named.is_symlink() else named
    folder = target.parent if str(target.parent) else Path(".")
    if target.is_dir():
        raise WriteError(named, "is a folder, not a file")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise WriteError(named, f"cannot write in folder {str(folder)!r}: {exc.strerror or exc}") from exc
    try:
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
            raise WriteError(named, f"could not save: {exc.strerror or exc}; the old file is unchanged") from exc
        raise
    return tmp, target, named


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
