"""Load and save native projects (``*.argmap.json``): parse, check format and version,
migrate, validate with pydantic, build the model; save deterministically and atomically."""

from __future__ import annotations

import gc
import os
from dataclasses import dataclass, field
from typing import Any

import pydantic
import pydantic_core

from argmap.formats.atomic import atomic_write_bytes
from argmap.formats.errors import InvalidContentError, NewerVersionError, WrongFormatError
from argmap.formats.migrations import migrate
from argmap.formats.project_schema import FORMAT_NAME, SCHEMA_VERSION, ProjectRecord
from argmap.formats.reading import parse_json, read_bytes
from argmap.model import (
    ArgumentMap,
    Link,
    MapError,
    MapMeta,
    Source,
    SourceDocument,
    Statement,
)

EXTENSION = ".argmap.json"


@dataclass(frozen=True)
class ViewState:
    """What the window was showing; saved with the project, never part of undo."""

    zoom: float = 1.0
    theme: str = "default"
    center: tuple[float, float] | None = None
    show_labels: bool = False


@dataclass
class Project:
    map: ArgumentMap
    view: ViewState = field(default_factory=ViewState)


# ------------------------------------------------------------------------- loading
def load_project(path: str | os.PathLike[str]) -> Project:
    """Read a project file. Raises a ``FileFormatError`` subclass naming the file, the
    field and the problem; never returns a half-loaded map."""
    return loads_project(read_bytes(path), path)


def loads_project(data: bytes, path: str | os.PathLike[str] = "<project>") -> Project:
    gc_was_enabled = gc.isenabled()
    gc.disable()  # the load allocates many small objects and frees none
    try:
        doc = parse_json(data, path)
        doc = _check_and_migrate(doc, path)
        try:
            record = ProjectRecord.model_validate(doc)
        except pydantic.ValidationError as exc:
            raise _validation_error(exc, doc, path) from None
        return _to_project(record, path)
    finally:
        if gc_was_enabled:
            gc.enable()


def _check_and_migrate(doc: Any, path: str | os.PathLike[str]) -> dict[str, Any]:
    if not isinstance(doc, dict):
        raise WrongFormatError(path, f"is JSON but not an argmap project (top level is a {type(doc).__name__}, not an object)")
    fmt = doc.get("format")
    if fmt != FORMAT_NAME:
        if "format" not in doc:
            raise WrongFormatError(path, 'is not an argmap project: no "format": "argmap" field', "format")
        raise WrongFormatError(path, f"is not an argmap project: format is {fmt!r}, expected 'argmap'", "format")
    version = doc.get("schema_version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise InvalidContentError(path, f"must be a whole number, not {version!r}", "schema_version")
    if version > SCHEMA_VERSION:
        raise NewerVersionError(path, version, SCHEMA_VERSION)
    if version < 0:
        raise InvalidContentError(path, f"{version} is not a valid version", "schema_version")
    if version < SCHEMA_VERSION:
        try:
            doc = migrate(doc, version, SCHEMA_VERSION)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise InvalidContentError(path, f"cannot be upgraded from version {version}: {exc}") from None
    return doc


def _validation_error(exc: pydantic.ValidationError, doc: dict[str, Any], path: str | os.PathLike[str]) -> InvalidContentError:
    errors = exc.errors(include_url=False)
    first = errors[0]
    where = _loc(first["loc"], doc)
    msg = first["msg"]
    if first["type"] == "missing":
        msg = "required field is missing"
    elif first["type"] == "extra_forbidden":
        msg = "unknown field (not part of the argmap format)"
    elif first["type"] == "literal_error" and first["loc"] == ("schema_version",):
        msg = f"unsupported version {first.get('input')!r}"
    more = f" (and {len(errors) - 1} more problems)" if len(errors) > 1 else ""
    return InvalidContentError(path, msg + more, where)


def _loc(loc: tuple[Any, ...], doc: Any) -> str:
    """``statements[3].text`` style, adding the record's id when there is one."""
    out = ""
    node = doc
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
            ident = None
            try:
                node = node[part]
                ident = node.get("id") if isinstance(node, dict) else None
            except (IndexError, KeyError, TypeError):
                node = None
            if isinstance(ident, str):
                out += f" (id {ident!r})"
        else:
            out += f".{part}" if out else str(part)
            node = node.get(part) if isinstance(node, dict) else None
    return out


def _to_project(record: ProjectRecord, path: str | os.PathLike[str]) -> Project:
    m = record.metadata
    meta = MapMeta(
        title=m.title,
        description=m.description,
        authors=tuple(m.authors),
        created=m.created,
        modified=m.modified,
        sources=tuple(SourceDocument(s.id, s.title, s.path, s.url) for s in m.sources),
        extras=tuple(sorted(m.extras.items())),
    )
    statements = [
        Statement(
            id=s.id,
            kind=s.kind,
            text=s.text,
            title=s.title,
            notes=s.notes,
            tags=tuple(s.tags),
            pos=s.pos,
            source=Source(**s.source.model_dump()) if s.source is not None else None,
            answers=s.answers,
            order=s.order,
            rating=s.rating,
            credence=s.credence,
        )
        for s in record.statements
    ]
    links = [
        Link(l.id, l.kind, tuple(l.premises), l.target, l.strength, l.scheme, l.notes)
        for l in record.links
    ]
    try:
        amap = ArgumentMap.from_parts(meta, statements, links)
    except MapError as exc:
        raise InvalidContentError(path, str(exc), _where_ids(exc.ids, record)) from None
    v = record.view
    return Project(amap, ViewState(v.zoom, v.theme, v.center, v.show_labels))


def _where_ids(ids: tuple[str, ...], record: ProjectRecord) -> str:
    if not ids:
        return ""
    first = ids[0]
    for i, s in enumerate(record.statements):
        if s.id == first:
            return f"statements[{i}] (id {first!r})"
    for i, l in enumerate(record.links):
        if l.id == first:
            return f"links[{i}] (id {first!r})"
    return f"id {first!r}"


# -------------------------------------------------------------------------- saving
def dumps_project(amap: ArgumentMap, view: ViewState | None = None) -> bytes:
    """The exact bytes of a project file: sorted ids, stable key order, UTF-8, 2-space
    indent, newline at the end. Equal maps give equal bytes."""
    view = view or ViewState()
    meta = amap.meta
    doc: dict[str, Any] = {
        "format": FORMAT_NAME,
        "schema_version": SCHEMA_VERSION,
        "metadata": {
            "title": meta.title,
            "description": meta.description,
            "authors": list(meta.authors),
            "created": meta.created,
            "modified": meta.modified,
            "sources": [_doc_dict(s) for s in sorted(meta.sources, key=lambda s: s.id)],
            "extras": dict(sorted(meta.extras)),
        },
        "statements": [_statement_dict(s) for s in amap.statements()],
        "links": [_link_dict(l) for l in amap.links()],
        "view": {
            "zoom": view.zoom,
            "theme": view.theme,
            "center": list(view.center) if view.center is not None else None,
            "show_labels": view.show_labels,
        },
    }
    return pydantic_core.to_json(doc, indent=2) + b"\n"


def save_project(path: str | os.PathLike[str], amap: ArgumentMap, view: ViewState | None = None) -> None:
    """Save atomically; on failure the old file is untouched (raises ``WriteError``)."""
    atomic_write_bytes(path, dumps_project(amap, view))


def _doc_dict(d: SourceDocument) -> dict[str, Any]:
    out: dict[str, Any] = {"id": d.id, "title": d.title}
    if d.path:
        out["path"] = d.path
    if d.url:
        out["url"] = d.url
    return out


def _statement_dict(s: Statement) -> dict[str, Any]:
    out: dict[str, Any] = {"id": s.id, "kind": s.kind.value, "text": s.text}
    if s.title:
        out["title"] = s.title
    if s.notes:
        out["notes"] = s.notes
    if s.tags:
        out["tags"] = list(s.tags)
    if s.pos is not None:
        out["pos"] = [float(s.pos[0]), float(s.pos[1])]
    if s.source is not None:
        src = s.source
        out["source"] = {
            k: v
            for k, v in (
                ("citation", src.citation),
                ("quotation", src.quotation),
                ("url", src.url),
                ("locator", src.locator),
                ("date", src.date),
                ("basis", src.basis.value if src.basis else None),
            )
            if v
        }
    if s.answers is not None:
        out["answers"] = s.answers
    if s.order:
        out["order"] = float(s.order)
    if s.rating is not None:
        out["rating"] = s.rating.value
    if s.credence is not None:
        out["credence"] = s.credence
    return out


def _link_dict(l: Link) -> dict[str, Any]:
    out: dict[str, Any] = {"id": l.id, "kind": l.kind.value, "premises": list(l.premises), "target": l.target}
    if l.strength is not None:
        out["strength"] = l.strength.value
    if l.scheme:
        out["scheme"] = l.scheme
    if l.notes:
        out["notes"] = l.notes
    return out
