"""Pydantic v2 records describing the native project file (``*.argmap.json``).

These records exist only at the file boundary; ``project.py`` converts them to and from
the model. See docs/file-format.md for the field-by-field description.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from argmap.model import Basis, LinkKind, Rating, StatementKind, Strength

FORMAT_NAME = "argmap"
SCHEMA_VERSION = 1

Id = Annotated[str, StringConstraints(min_length=1, max_length=200, strip_whitespace=False)]
FiniteFloat = Annotated[float, Field(allow_inf_nan=False)]


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


class SourceRecord(_Record):
    citation: str = ""
    quotation: str = ""
    url: str = ""
    locator: str = ""
    date: str = ""
    basis: Basis | None = None


class StatementRecord(_Record):
    id: Id
    kind: StatementKind
    text: str
    title: str = ""
    notes: str = ""
    tags: list[str] = []
    pos: tuple[FiniteFloat, FiniteFloat] | None = None
    source: SourceRecord | None = None
    answers: Id | None = None
    order: FiniteFloat = 0.0
    rating: Rating | None = None
    credence: Annotated[int, Field(ge=0, le=100)] | None = None


class LinkRecord(_Record):
    id: Id
    kind: LinkKind
    premises: Annotated[list[Id], Field(min_length=1)]
    target: Id
    strength: Strength | None = None
    scheme: str = ""
    notes: str = ""


class SourceDocumentRecord(_Record):
    id: Id
    title: str
    path: str = ""
    url: str = ""


class MetadataRecord(_Record):
    title: str = ""
    description: str = ""
    authors: list[str] = []
    created: str = ""
    modified: str = ""
    sources: list[SourceDocumentRecord] = []
    extras: dict[str, Any] = {}


class ViewRecord(_Record):
    zoom: Annotated[float, Field(gt=0, le=100, allow_inf_nan=False)] = 1.0
    theme: str = "default"
    center: tuple[FiniteFloat, FiniteFloat] | None = None
    show_labels: bool = False


class ProjectRecord(_Record):
    format: Literal["argmap"]
    schema_version: Literal[1]
    metadata: MetadataRecord = MetadataRecord()
    statements: list[StatementRecord] = []
    links: list[LinkRecord] = []
    view: ViewRecord = ViewRecord()
