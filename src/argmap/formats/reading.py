"""Reading files safely: one place that turns every way a file can be unreadable into a
clear ``UnreadableFileError`` naming the file. Used by every importer."""

from __future__ import annotations

import json
import os
import re
import stat
from pathlib import Path
from typing import Any, BinaryIO

from argmap.formats.errors import UnreadableFileError

#: Largest file any importer reads (documented in docs/file-format.md).
MAX_FILE_BYTES = 64 * 1024 * 1024
#: Most statements and links (together) a map may hold, in any format (documented in
#: docs/file-format.md): a bench map of 50,000 statements has about 100,000 items; a
#: million small statements fit in 64 MiB but would make every command grind.
MAX_MAP_ITEMS = 200_000


def check_map_size(items: int, path: str | os.PathLike[str], about: bool = False) -> None:
    """Refuse a map of more than ``MAX_MAP_ITEMS`` statements and links."""
    if items > MAX_MAP_ITEMS:
        count = f"about {items:,}" if about else f"{items:,}"
        raise UnreadableFileError(
            path,
            f"holds {count} statements and links, more than the {MAX_MAP_ITEMS:,} argmap handles "
            "(split the map into several files)",
        )

_BOM = b"\xef\xbb\xbf"
#: Byte-order marks of encodings that are not UTF-8 (UTF-32 first: its LE mark starts
#: with UTF-16's).
_OTHER_BOMS = (
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
)

_SURROGATE_ANY = re.compile(rb"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")


def read_bytes(path: str | os.PathLike[str], max_bytes: int | None = None) -> bytes:
    """The bytes of a file, refusing folders, missing or unreadable files, empty files
    and files over ``max_bytes`` (default ``MAX_FILE_BYTES``)."""
    if max_bytes is None:
        max_bytes = MAX_FILE_BYTES
    p = Path(path)
    try:
        info = p.stat()
        _check_regular(p, info.st_mode)
        size = info.st_size
        if size > max_bytes:
            raise UnreadableFileError(p, f"is {_size(size)}, larger than the {_size(max_bytes)} limit")
        # O_NONBLOCK: should the path have been swapped for a FIFO since the check, the
        # open does not wait for a writer; the check on the open file then refuses it.
        fd = os.open(p, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with open(fd, "rb", closefd=True) as fh:
            _check_regular(p, os.fstat(fh.fileno()).st_mode)
            if hasattr(os, "set_blocking"):
                os.set_blocking(fh.fileno(), True)
            data = _read_limited(fh, size, max_bytes)
    except FileNotFoundError:
        raise UnreadableFileError(p, "no such file") from None
    except PermissionError:
        raise UnreadableFileError(p, "permission denied") from None
    except OSError as exc:
        raise UnreadableFileError(p, f"cannot be read: {exc.strerror or exc}") from None
    if len(data) > max_bytes:
        raise UnreadableFileError(p, f"is larger than the {_size(max_bytes)} limit")
    if not data or data.removeprefix(_BOM).isspace() or data == _BOM:
        raise UnreadableFileError(p, "is empty")
    return data


def _check_regular(p: Path, mode: int) -> None:
    """Refuse anything but a regular file before reading it (a FIFO would block forever,
    a device never end)."""
    if stat.S_ISREG(mode):
        return
    if stat.S_ISDIR(mode):
        raise UnreadableFileError(p, "is a folder, not a file")
    kind = (
        "a named pipe (FIFO)" if stat.S_ISFIFO(mode)
        else "a socket" if stat.S_ISSOCK(mode)
        else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
        else "not a regular file"
    )
    raise UnreadableFileError(p, f"is {kind}, not a regular file; argmap reads only regular files")


def is_regular_file(path: str | os.PathLike[str]) -> bool:
    """True for an existing regular file (following links); never opens it."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def _size(n: int) -> str:
    if n >= 1 << 20:
        return f"{n / (1 << 20):.1f} MiB".replace(".0 MiB", " MiB")
    return f"{n} bytes"


def _read_limited(fh: BinaryIO, size: int, max_bytes: int) -> bytes:
    """Read the whole file, but never more than ``max_bytes + 1`` bytes (a file that
    grows meanwhile, or reports no size, is read in chunks up to that limit)."""
    data = fh.read(min(size, max_bytes) + 1)
    if len(data) <= size:
        return data
    chunks = [data]
    total = len(data)
    while total <= max_bytes:
        chunk = fh.read(min(1 << 20, max_bytes + 1 - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)


def decode_utf8(data: bytes, path: str | os.PathLike[str]) -> str:
    """Decode UTF-8 (a byte-order mark is allowed and dropped). UTF-16/32 text and NUL
    bytes (a binary or damaged file) are refused with a message saying so."""
    for bom, name in _OTHER_BOMS:
        if data.startswith(bom):
            raise UnreadableFileError(path, f"is {name} text; argmap reads UTF-8 (save the file as UTF-8)")
    nul = data.find(b"\x00")
    if nul >= 0:
        line = data.count(b"\n", 0, nul) + 1
        raise UnreadableFileError(path, f"contains a NUL byte (byte {nul}, line {line}): it is a binary or damaged file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise UnreadableFileError(
            path, f"is not valid UTF-8 text (bad byte 0x{data[exc.start]:02x} at byte {exc.start}, line {line})"
        ) from None


def read_text(path: str | os.PathLike[str], max_bytes: int | None = None) -> str:
    return decode_utf8(read_bytes(path, max_bytes), path)


def parse_json(data: bytes, path: str | os.PathLike[str]) -> Any:
    """Parse JSON bytes strictly: UTF-8 only, no NaN/Infinity, bounded nesting, no lone
    surrogates. Every failure is an ``UnreadableFileError`` that names the place."""
    text = decode_utf8(data, path)

    def no_constant(name: str) -> Any:
        raise UnreadableFileError(path, f"contains {name}, which is not a valid JSON number")

    try:
        value = json.loads(text, parse_constant=no_constant, object_pairs_hook=_unique_keys)
    except DuplicateKeyError as exc:
        raise UnreadableFileError(path, f"the key {exc.key!r} appears twice in one object{exc.where}; JSON keys must be unique") from None
    except json.JSONDecodeError as exc:
        what = "ends too early (the file looks truncated)" if exc.pos >= len(text.rstrip()) else "is not valid JSON"
        raise UnreadableFileError(path, f"{what}: {exc.msg} at line {exc.lineno}, column {exc.colno}") from None
    except RecursionError:
        raise UnreadableFileError(path, "nests too deeply to be a real map (thousands of levels)") from None
    except ValueError:
        # Python refuses to convert integers of more than 4,300 digits (a guard against
        # quadratic conversion); say where the number is instead of a traceback.
        raise UnreadableFileError(path, _huge_number(text)) from None
    if _SURROGATE_ANY.search(data):
        _check_surrogates(value, path, "")
    return value


class DuplicateKeyError(ValueError):
    def __init__(self, key: str, where: str) -> None:
        super().__init__(key)
        self.key = key
        self.where = where


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object as a dict, refusing a key given twice (``json`` keeps the last)."""
    out = dict(pairs)
    if len(out) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                ident = out.get("id")
                raise DuplicateKeyError(key, f" (the object with id {ident!r})" if isinstance(ident, str) else "")
            seen.add(key)
    return out


def has_duplicate_keys(data: bytes) -> bool:
    """True when some JSON object in ``data`` (valid JSON) repeats a key."""
    try:
        json.loads(data, object_pairs_hook=_unique_keys)
    except DuplicateKeyError:
        return True
    except ValueError:
        return False
    return False


_LONG_DIGITS = re.compile(r"\d{4301}")


def _huge_number(text: str) -> str:
    found = _LONG_DIGITS.search(text)
    at = ""
    if found is not None:
        line = text.count("\n", 0, found.start()) + 1
        column = found.start() - (text.rfind("\n", 0, found.start()) + 1) + 1
        at = f" at line {line}, column {column}"
    return f"holds a number with more than 4,300 digits{at}; no map needs one (numbers that long are refused)"


def _check_surrogates(value: Any, path: str | os.PathLike[str], where: str) -> None:
    """Refuse a string holding a lone surrogate anywhere in ``value`` (iteratively: the
    value may nest as deep as the parser allowed)."""
    stack: list[tuple[Any, str]] = [(value, where)]
    while stack:
        item, at = stack.pop()
        if isinstance(item, str):
            if not item.isascii():
                try:
                    item.encode("utf-8")
                except UnicodeEncodeError:
                    raise UnreadableFileError(
                        path, "contains a lone surrogate (\\ud800-\\udfff), which is not text", at or "$"
                    ) from None
        elif isinstance(item, dict):
            for k, v in item.items():
                stack.append((k, at))
                stack.append((v, f"{at}.{k}" if at else str(k)))
        elif isinstance(item, list):
            stack.extend((v, f"{at}[{i}]") for i, v in enumerate(item))


def json_depth(value: Any) -> int:
    """How deeply ``value`` (a parsed JSON value) nests lists and objects."""
    deepest = 0
    stack = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, (dict, list)):
            depth += 1
            deepest = max(deepest, depth)
            stack.extend((v, depth) for v in (item.values() if isinstance(item, dict) else item))
    return deepest
