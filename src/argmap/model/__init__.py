"""The argument model, at the bottom of the layers: statements and links in a networkx
graph (``ArgumentMap``), change records sent to subscribers, reversible edits, the one
sub-map extractor (``submap``), and the Qt-free style data (``style``: kind names,
colours, shapes, glyphs) with translation markers (``i18n``). Imports nothing else of
argmap but ``argmap.util``, and neither Qt nor pydantic nor any file code."""

from argmap.model import passages
from argmap.model.argument_map import ArgumentMap, SubscriberFailure
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
from argmap.model.submap import SubmapMode, submap
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
