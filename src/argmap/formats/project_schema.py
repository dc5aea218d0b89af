"""Pydantic v2 description of the native project file (``*.argmap.json``).

Pydantic is used here, at the file boundary, and nowhere in the model. Statements and
links are validated straight into the model's frozen dataclasses (their fields are the
file's fields, one for one; ``tests/formats/test_project_schema.py`` pins that), which
keeps a 50,000-statement load free of a second per-record conversion. Metadata and view
state have records of their own. See docs/file-format.md for the field-by-field text.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from typing_extensions import TypedDict  # pydantic needs this one on Python < 3.12

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, with_config

from argmap.model import MAX_COORDINATE, Link, Statement

FORMAT_NAME = "argmap"
SCHEMA_VERSION = 2

FiniteFloat = Annotated[float, Field(allow_inf_nan=False)]
#: A scene coordinate: within ±MAX_COORDINATE (docs/file-format.md, "Coordinate range").
Coordinate = Annotated[float, Field(allow_inf_nan=False, ge=-MAX_COORDINATE, le=MAX_COORDINATE)]
Id = Annotated[str, Field(min_length=1)]

_CONFIG = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


class _Record(BaseModel):
    model_config = _CONFIG


class SourceDocumentRecord(_Record):
    id: Id
    title: str
    path: str = ""
    url: str = ""
    author: str = ""
    publisher: str = ""
    date: str = ""
    text: str = ""


class MetadataRecord(_Record):
    title: str = ""
    description: str = ""
    authors: list[str] = []
    created: str = ""
    modified: str = ""
    sources: list[SourceDocumentRecord] = []
    extras: dict[str, Any] = {}
    # Optional (written only when set): a model answer's rubric and the task as students see it.
    rubric: dict[str, FiniteFloat] = {}
    student_description: str = ""


class ViewRecord(_Record):
    zoom: Annotated[float, Field(gt=0, le=100, allow_inf_nan=False)] = 1.0
    theme: str = "default"
    center: tuple[Coordinate, Coordinate] | None = None
    show_labels: bool = False


class ProjectRecord(_Record):
    """The whole file. ``statements`` and ``links`` hold model values (see above); the
    model then checks ids, references and every invariant when the map is built."""

    format: Literal["argmap"]
    schema_version: Literal[2]
    metadata: MetadataRecord = MetadataRecord()
    statements: list[Statement] = []
    links: list[Link] = []
    view: ViewRecord = ViewRecord()


@with_config(ConfigDict(ser_json_inf_nan="null"))
class ProjectDocument(TypedDict):
    """The whole file as ``dumps_project`` writes it, in this key order. The writer
    assembles the same bytes from per-record pieces; ``DOCUMENT`` is the reference it is
    tested against."""

    format: str
    schema_version: int
    metadata: dict[str, Any]
    statements: list[Statement]
    links: list[Link]
    view: dict[str, Any]


#: Serialisers (in Rust). With ``exclude_defaults`` a record's empty fields are left
#: out; plain dicts such as metadata are written whole.
DOCUMENT = TypeAdapter(ProjectDocument)
STATEMENT_JSON = TypeAdapter(Statement)
LINK_JSON = TypeAdapter(Link)

#: Field names of the records in the file, for docs and error messages.
STATEMENT_KEYS = tuple(Statement.__dataclass_fields__)
LINK_KEYS = tuple(Link.__dataclass_fields__)
