"""Reading files safely: one place that turns every way a file can be unreadable into a
clear ``UnreadableFileError`` naming the file. Used by every importer."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

from argmap.formats.errors import UnreadableFileError

#: Largest file any importer reads (documented in docs/file-format.md).
MAX_FILE_BYTES = 64 * 1024 * 1024

_SURROGATE_ANY = re.compile(rb"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")


def read_bytes(path: str | os.PathLike[str], max_bytes: int = MAX_FILE_BYTES) -> bytes:
    p = Path(path)
    try:
        if p.is_dir():
            raise UnreadableFileError(p, "is a folder, not a file")
        size = p.stat().st_size
        if size > max_bytes:
            raise UnreadableFileError(
                p, f"is {size / 1048576:.1f} MiB, larger than the {max_bytes // 1048576} MiB limit"
            )
        with open(p, "rb") as fh:
            data = fh.read(max_bytes + 1)
    except FileNotFoundError:
        raise UnreadableFileError(p, "no such file") from None
    except PermissionError:
        raise UnreadableFileError(p, "permission denied") from None
    except OSError as exc:
        raise UnreadableFileError(p, f"cannot be read: {exc.strerror or exc}") from None
    if len(data) > max_bytes:
        raise UnreadableFileError(p, f"is larger than the {max_bytes // 1048576} MiB limit")
    if not data.strip():
        raise UnreadableFileError(p, "is empty")
    return data


def decode_utf8(data: bytes, path: str | os.PathLike[str]) -> str:
    """Decode UTF-8 (a byte-order mark is allowed and dropped)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise UnreadableFileError(
            path, f"is not valid UTF-8 text (bad byte 0x{data[exc.start]:02x} at byte {exc.start}, line {line})"
        ) from None


def read_text(path: str | os.PathLike[str], max_bytes: int = MAX_FILE_BYTES) -> str:
    return decode_utf8(read_bytes(path, max_bytes), path)


def parse_json(data: bytes, path: str | os.PathLike[str]) -> Any:
    """Parse JSON bytes strictly: UTF-8 only, no NaN/Infinity, bounded nesting, no lone
    surrogates. Every failure is an ``UnreadableFileError`` that names the place."""
    text = decode_utf8(data, path)

    def no_constant(name: str) -> Any:
        raise UnreadableFileError(path, f"contains {name}, which is not a valid JSON number")

    try:
        value = json.loads(text, parse_constant=no_constant)
    except json.JSONDecodeError as exc:
        what = "ends too early (the file looks truncated)" if exc.pos >= len(text.rstrip()) else "is not valid JSON"
        raise UnreadableFileError(path, f"{what}: {exc.msg} at line {exc.lineno}, column {exc.colno}") from None
    except RecursionError:
        raise UnreadableFileError(path, "nests too deeply to be a real map (thousands of levels)") from None
    if _SURROGATE_ANY.search(data):
        _check_surrogates(value, path, "")
    return value


def _check_surrogates(value: Any, path: str | os.PathLike[str], where: str) -> None:
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise UnreadableFileError(path, "contains a lone surrogate (\\ud800-\\udfff), which is not text", where or "$") from None
    elif isinstance(value, dict):
        for k, v in value.items():
            _check_surrogates(k, path, where)
            _check_surrogates(v, path, f"{where}.{k}" if where else str(k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            _check_surrogates(v, path, f"{where}[{i}]")
