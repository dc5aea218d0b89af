"""Files: the native project format and the interchange formats. No Qt."""

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
