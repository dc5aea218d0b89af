"""Typed, readable errors for reading and writing files of every format."""

from __future__ import annotations

import os


class FileFormatError(Exception):
    """A file could not be read or written. ``str()`` names the file, where in it, and
    what was wrong, in words a person can act on."""

    def __init__(self, path: str | os.PathLike[str] | None, problem: str, where: str = "") -> None:
        self.path = os.fspath(path) if path is not None else "<input>"
        self.problem = problem
        self.where = where
        super().__init__(f"{self.path}: {where + ': ' if where else ''}{problem}")


class UnreadableFileError(FileFormatError):
    """Missing, a directory, empty, too large, not UTF-8, not JSON, nested too deep."""


class WrongFormatError(FileFormatError):
    """The file is some other kind of file."""


class NewerVersionError(FileFormatError):
    """Saved by a newer argmap than this one."""

    def __init__(self, path, found: int, supported: int) -> None:  # type: ignore[no-untyped-def]
        self.found = found
        self.supported = supported
        super().__init__(
            path,
            f"saved by a newer argmap (schema version {found}; this argmap reads up to "
            f"version {supported}). Update argmap to open it.",
            "schema_version",
        )


class InvalidContentError(FileFormatError):
    """The file parses but its content is wrong: missing or unknown fields, bad values,
    duplicate ids, links to missing ids, ..."""


class WriteError(FileFormatError):
    """A file could not be written; the old file (if any) is untouched."""
