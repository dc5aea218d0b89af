"""Typed errors raised when a change would break an invariant of the map."""

from __future__ import annotations


class MapError(ValueError):
    """A change was refused; the map is unchanged. ``ids`` names the offenders."""

    def __init__(self, message: str, ids: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.ids = tuple(ids)


class DuplicateIdError(MapError):
    """An id is already used by a statement or link."""


class UnknownIdError(MapError):
    """An id names nothing in the map."""


class InvalidStatementError(MapError):
    """A statement's fields are not acceptable (bad kind, position, answers...)."""


class InvalidLinkError(MapError):
    """A link has no premise, a bad target, a self-reference, ..."""


class StillConnectedError(MapError):
    """A statement or link cannot be removed while links still use it."""
