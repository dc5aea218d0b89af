"""Change records: one is emitted to subscribers for every primitive change of a map."""

from __future__ import annotations

from dataclasses import dataclass

from argmap.model.types import Link, MapMeta, Statement


@dataclass(frozen=True, slots=True)
class StatementAdded:
    statement: Statement


@dataclass(frozen=True, slots=True)
class StatementRemoved:
    statement: Statement


@dataclass(frozen=True, slots=True)
class StatementChanged:
    old: Statement
    new: Statement

    @property
    def fields(self) -> frozenset[str]:
        """Names of the fields that differ."""
        return frozenset(
            name for name in self.old.__slots__ if getattr(self.old, name) != getattr(self.new, name)
        )


@dataclass(frozen=True, slots=True)
class LinkAdded:
    link: Link


@dataclass(frozen=True, slots=True)
class LinkRemoved:
    link: Link


@dataclass(frozen=True, slots=True)
class LinkChanged:
    old: Link
    new: Link


@dataclass(frozen=True, slots=True)
class MetaChanged:
    old: MapMeta
    new: MapMeta


@dataclass(frozen=True, slots=True)
class MapReset:
    """Everything changed at once (a bulk load); views rebuild from scratch."""


Change = (
    StatementAdded
    | StatementRemoved
    | StatementChanged
    | LinkAdded
    | LinkRemoved
    | LinkChanged
    | MetaChanged
    | MapReset
)
