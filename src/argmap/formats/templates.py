"""Map templates: ordinary project files shipped inside the package
(``argmap/assets/templates``) plus the ones a teacher saved (a ``templates`` folder in the
user's data folder). A map made from a template is new: fresh dates, no file yet."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from argmap.formats.errors import FileFormatError
from argmap.formats.project import EXTENSION, load_project, save_project
from argmap.model import ArgumentMap

BUILTIN_DIR = Path(__file__).resolve().parents[1] / "assets" / "templates"
#: Built-in templates in menu order (file stem -> shown name comes from the map's title).
BUILTIN_ORDER = (
    "question-with-positions",
    "pro-and-contra",
    "claim-reasons-objections",
    "analyse-an-article",
    "ottawa-convention-assignment",
)


@dataclass(frozen=True)
class Template:
    name: str  # what the menu shows
    path: Path
    builtin: bool


def _stem(path: Path) -> str:
    return path.name[: -len(EXTENSION)] if path.name.endswith(EXTENSION) else path.stem


def _title(path: Path) -> str | None:
    """The template's shown name: the map's title, else its file name made readable;
    None for a file that cannot be read (it is not offered)."""
    try:
        title = load_project(path).map.meta.title.strip()
    except FileFormatError:
        return None
    return title or _stem(path).replace("-", " ").replace("_", " ").capitalize()


def list_templates(user_dir: str | os.PathLike[str] | None = None,
                   builtin_dir: str | os.PathLike[str] | None = None) -> list[Template]:
    """Built-in templates first (in ``BUILTIN_ORDER``, then by file name), then the
    user's, by name. Unreadable files are left out."""
    out: list[Template] = []
    folder = Path(builtin_dir) if builtin_dir is not None else BUILTIN_DIR
    builtin = {_stem(p): p for p in folder.glob(f"*{EXTENSION}") if p.is_file()}
    for stem in [*BUILTIN_ORDER, *sorted(set(builtin) - set(BUILTIN_ORDER))]:
        if stem in builtin and (name := _title(builtin[stem])) is not None:
            out.append(Template(name, builtin[stem], True))
    if user_dir is not None and Path(user_dir).is_dir():
        mine = [Template(name, p, False) for p in Path(user_dir).glob(f"*{EXTENSION}")
                if p.is_file() and (name := _title(p)) is not None]
        out.extend(sorted(mine, key=lambda t: t.name.casefold()))
    return out


def new_from_template(path: str | os.PathLike[str]) -> ArgumentMap:
    """A new map from a template: its content, today's date as created and modified.
    Raises ``FileFormatError`` for a broken template file."""
    amap = load_project(path).map
    stamp = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    amap.set_meta(replace(amap.meta, created=stamp, modified=stamp))
    return amap


def template_file_name(name: str) -> str:
    slug = re.sub(r"[^\w-]+", "-", name.strip().casefold()).strip("-") or "template"
    return slug[:60] + EXTENSION


def save_template(amap: ArgumentMap, name: str, user_dir: str | os.PathLike[str]) -> Path:
    """Save ``amap`` as the user's template ``name`` (the map's title becomes ``name``);
    atomic, replacing a template of the same name. Returns the file written."""
    folder = Path(user_dir)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / template_file_name(name)
    copy = amap.copy()
    copy.set_meta(replace(copy.meta, title=name.strip() or copy.meta.title, created="", modified=""))
    save_project(path, copy)
    return path
