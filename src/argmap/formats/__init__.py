"""Files, on the model only: the native project format (pydantic schema, migrations,
atomic saves) and the interchange formats (AIF, Argdown, Carneades, Kialo, GraphML,
DOT), with import reports. No Qt; readers leave unplaced statements unplaced (the
caller lays them out with ``argmap.layout.with_layout``)."""

from argmap.formats.errors import (
    FileFormatError,
    InvalidContentError,
    NewerVersionError,
    UnreadableFileError,
    WriteError,
    WrongFormatError,
)
from argmap.formats.project import (
    EXTENSION,
    Project,
    ViewState,
    dumps_project,
    load_project,
    loads_project,
    save_project,
)

__all__ = [name for name in dir() if not name.startswith("_")]
