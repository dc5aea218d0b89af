"""The argument model: statements and links in a networkx graph, change records and
reversible edits. Imports neither Qt nor pydantic nor any file code."""

from argmap.model.argument_map import ArgumentMap
from argmap.model.changes import (
    Change,
    LinkAdded,
    LinkChanged,
    LinkRemoved,
    MapReset,
    MetaChanged,
    StatementAdded,
    StatementChanged,
    StatementRemoved,
)
from argmap.model.edits import (
    AddLink,
    AddStatement,
    Batch,
    ChangeLink,
    ChangeStatement,
    Edit,
    MoveStatements,
    RemoveItems,
    SetMeta,
    add_premise,
    change_link,
    change_statement,
    connect,
    disconnect,
    move,
    new_id,
)
from argmap.model.errors import (
    DuplicateIdError,
    InvalidLinkError,
    InvalidStatementError,
    MapError,
    StillConnectedError,
    UnknownIdError,
)
from argmap.model.types import (
    Basis,
    Link,
    LinkKind,
    MapMeta,
    MAX_COORDINATE,
    Rating,
    Source,
    SourceDocument,
    Statement,
    StatementKind,
    Strength,
)

__all__ = [name for name in dir() if not name.startswith("_")]
