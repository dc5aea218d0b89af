"""Load and save native projects (``*.argmap.json``): parse, check format and version,
migrate, validate with pydantic, build the model; save deterministically and atomically."""

from __future__ import annotations

import dataclasses
import json
import math
import operator
import os
import re
import weakref
from dataclasses import dataclass, field
from collections.abc import Callable
from typing import Any

import pydantic
import pydantic_core
from pydantic import TypeAdapter

from argmap.formats.atomic import atomic_write_bytes
from argmap.formats.errors import InvalidContentError, NewerVersionError, WriteError, WrongFormatError
from argmap.formats.migrations import migrate
from argmap.formats.project_schema import FORMAT_NAME, LINK_JSON, SCHEMA_VERSION, STATEMENT_JSON, ProjectRecord
from argmap.formats.reading import MAX_MAP_ITEMS, check_map_size, json_depth, parse_json, read_bytes
from argmap.model import MAX_COORDINATE, ArgumentMap, DuplicateIdError, Link, MapError, MapMeta, Source, SourceDocument, Statement
from argmap.util import gc_paused

EXTENSION = ".argmap.json"

#: Deepest nesting kept in ``metadata.extras`` (data kept from foreign formats).
MAX_EXTRAS_DEPTH = 64
#: How far into a file the cheap look for ``"schema_version": N`` goes.
_PEEK_BYTES = 4096
#: Fewest bytes a statement or link takes in a file ({"id":"a","kind":"claim","text":""}
#: is 35), for the up-front size check.
_MIN_ITEM_BYTES = 30
_VERSION_PEEK = re.compile(rb'"schema_version"\s*:\s*(\d{1,6})\s*[,}]')


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
    #: The ``schema_version`` the file had on disk (older ones were migrated on load).
    file_version: int = SCHEMA_VERSION

    @property
    def upgraded(self) -> bool:
        """True when the file was in an older format: saving it writes the current
        format, which older argmap versions cannot read."""
        return self.file_version < SCHEMA_VERSION


# ------------------------------------------------------------------------- loading
def load_project(path: str | os.PathLike[str]) -> Project:
    """Read a project file. Raises a ``FileFormatError`` subclass naming the file, the
    field and the problem; never returns a half-loaded map."""
    return loads_project(read_bytes(path), path)


def loads_project(data: bytes | str, path: str | os.PathLike[str] = "<project>") -> Project:
    """Build a project from the bytes (or text) of a file; ``path`` is only used in
    messages."""
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogatepass")  # a lone surrogate then fails as bad UTF-8
    # Up front, before any parsing: every statement and link has one "kind" key. A file
    # of fewer bytes than the smallest possible items need cannot be over the limit.
    if len(data) > MAX_MAP_ITEMS * _MIN_ITEM_BYTES:
        check_map_size(data.count(b'"kind"'), path, about=True)
    with gc_paused():
        record = _fast_record(data)
        file_version = SCHEMA_VERSION
        if record is None:
            record, file_version = _careful_record_and_version(data, path)
        project = _to_project(record, path)
        project.file_version = file_version
        return project


def _fast_record(data: bytes) -> ProjectRecord | None:
    """Validate a current-version file straight from its bytes (pydantic's parser), or
    ``None`` to take the careful path, which gives the same result or a precise error.

    The fast parser refuses lone surrogates, invalid UTF-8, a byte-order mark and deep
    nesting by itself, and the schema refuses NaN and infinite numbers in typed fields;
    ``metadata.extras`` (free JSON) is checked after.
    """
    peek = _VERSION_PEEK.search(data, 0, _PEEK_BYTES)
    if peek is None or int(peek.group(1)) != SCHEMA_VERSION:
        return None
    try:
        record = ProjectRecord.model_validate_json(data, strict=True)
    except (pydantic.ValidationError, ValueError):
        return None
    if _extras_problem(record) is not None or not _surely_unique_keys(data, record):
        return None
    return record


_SPACED_COLON = re.compile(rb'"[ \t\r\n]+:')
_REQUIRED = object()


def _field_defaults(cls: Any) -> tuple[tuple[Callable[[Any], Any], Any], ...]:
    """(getter, default) per field of a dataclass; ``_REQUIRED`` for required fields."""
    return tuple(
        (operator.attrgetter(f.name), _REQUIRED if f.default is dataclasses.MISSING else f.default)
        for f in dataclasses.fields(cls)
    )


_STATEMENT_FIELDS = _field_defaults(Statement)
_LINK_FIELDS = _field_defaults(Link)
_SOURCE_FIELDS = _field_defaults(Source)


def _non_default(items: list[Any], fields: tuple[tuple[Callable[[Any], Any], Any], ...]) -> int:
    """How many (item, field) pairs differ from the field's default: a field at a time,
    counted in C (``list.count``), not a Python step per item and field."""
    n = 0
    for get, default in fields:
        if default is _REQUIRED:
            n += len(items)
        else:
            n += len(items) - list(map(get, items)).count(default)
    return n


def _surely_unique_keys(data: bytes, record: ProjectRecord) -> bool:
    """True when no JSON object in ``data`` repeats a key (the fast parser keeps the
    last of two silently), proved by counting instead of parsing again: every key ends
    in ``":`` (when no blank stands before a colon), so their number is at most the
    count of ``":``; the record holds at least one key per field that differs from its
    default. Equal counts leave no room for a repeated key. Files written by argmap
    meet this; any other file (a default written out, ``":`` inside a text, or a
    repeated key) takes the careful path, which finds a repeated key exactly."""
    escaped = data.count(b'\\":')
    if escaped and b'\\\\":' in data:
        return False  # a key ending in an escaped backslash: too close to call
    for m in _SPACED_COLON.finditer(data):
        if data[m.start() - 1 : m.start()] != b"\\" or data[m.start() - 2 : m.start()] == b"\\\\":
            return False  # a key with a blank before its colon (or too close to call)
    # In a text, '":' can only stand escaped ('\":'), never after an escaped backslash.
    upper = data.count(b'":') - escaped
    return upper == _present_keys(record)


def _present_keys(record: ProjectRecord) -> int:
    """Keys the record must have been given: fields set, and fields not at default."""
    n = len(record.model_fields_set) + len(record.view.model_fields_set)
    meta = record.metadata
    n += len(meta.model_fields_set) + sum(len(doc.model_fields_set) for doc in meta.sources)
    n += _json_keys(meta.extras)
    n += _non_default(record.statements, _STATEMENT_FIELDS)
    n += _non_default([st.source for st in record.statements if st.source is not None], _SOURCE_FIELDS)
    n += _non_default(record.links, _LINK_FIELDS)
    return n


def _json_keys(value: Any) -> int:
    """How many keys the objects in ``value`` (parsed JSON) hold, at every depth."""
    n = 0
    stack = [value]
    while stack:
        v = stack.pop()
        if isinstance(v, dict):
            n += len(v)
            stack.extend(v.values())
        elif isinstance(v, list):
            stack.extend(v)
    return n


def _careful_record(data: bytes, path: str | os.PathLike[str]) -> ProjectRecord:
    return _careful_record_and_version(data, path)[0]


def _careful_record_and_version(data: bytes, path: str | os.PathLike[str]) -> tuple[ProjectRecord, int]:
    """The record and the file's own schema version (before any migration)."""
    doc = parse_json(data, path)
    version = doc.get("schema_version") if isinstance(doc, dict) else None
    doc = _check_and_migrate(doc, path)
    try:
        # Strict: no silent conversion ("1.0" to 1.0, true to 1.0, "yes" to True). JSON
        # mode, where lists stand for tuples and strings for enum values.
        record = ProjectRecord.model_validate_json(json.dumps(doc, ensure_ascii=False), strict=True)
    except pydantic.ValidationError as exc:
        raise _validation_error(exc, doc, path) from None
    problem = _extras_problem(record)
    if problem is not None:
        raise InvalidContentError(path, problem, "metadata.extras")
    return record, version if isinstance(version, int) else SCHEMA_VERSION


def _extras_problem(record: ProjectRecord) -> str | None:
    """``metadata.extras`` holds free JSON: refuse what could not be saved again."""
    extras = record.metadata.extras
    if not extras:
        return None
    if json_depth(extras) > MAX_EXTRAS_DEPTH:
        return f"nests more than {MAX_EXTRAS_DEPTH} levels deep"
    if not _finite_json(extras):
        return "holds a number too large to store (such as 1e400)"
    return None


def _finite_json(value: Any) -> bool:
    """No float in ``value`` (a parsed JSON value) is infinite: ``1e400`` parses as inf."""
    stack = [value]
    while stack:
        v = stack.pop()
        if isinstance(v, float):
            if not math.isfinite(v):
                return False
        elif isinstance(v, dict):
            stack.extend(v.values())
        elif isinstance(v, list):
            stack.extend(v)
    return True


def _check_and_migrate(doc: Any, path: str | os.PathLike[str]) -> dict[str, Any]:
    if not isinstance(doc, dict):
        raise WrongFormatError(
            path, f"is JSON but not an argmap project (top level is a {_json_type(doc)}, not an object)"
        )
    fmt = doc.get("format")
    if fmt != FORMAT_NAME:
        if "format" not in doc:
            raise WrongFormatError(path, 'is not an argmap project: no "format": "argmap" field', "format")
        raise WrongFormatError(path, f"is not an argmap project: format is {fmt!r}, expected 'argmap'", "format")
    if "schema_version" not in doc:
        raise InvalidContentError(path, "required field is missing", "schema_version")
    version = doc["schema_version"]
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
    upgraded: dict[str, Any] = doc
    return upgraded


def _json_type(value: Any) -> str:
    names = {list: "list", str: "string", int: "number", float: "number", bool: "boolean"}
    return "null" if value is None else names.get(type(value), type(value).__name__)


_MESSAGES = {
    "missing": "required field is missing",
    "missing_argument": "required field is missing",
    "extra_forbidden": "unknown field (not part of the argmap format)",
    "unexpected_keyword_argument": "unknown field (not part of the argmap format)",
    "dataclass_args_type": "must be an object ({...})",
    "dataclass_type": "must be an object ({...})",
    "model_type": "must be an object ({...})",
    "model_attributes_type": "must be an object ({...})",
    "finite_number": "must be a finite number (not NaN or infinite)",
}


def _validation_error(
    exc: pydantic.ValidationError, doc: dict[str, Any], path: str | os.PathLike[str]
) -> InvalidContentError:
    errors = exc.errors(include_url=False)
    first = errors[0]
    where = _loc(first["loc"], doc)
    msg = _MESSAGES.get(first["type"]) or (
        first["msg"].replace("Input should be", "must be").replace("valid tuple", "list").replace("Tuple ", "List ")
    )
    if first["type"] == "enum":
        msg = f"{first.get('input')!r} is not one of the allowed values: {first['msg'].removeprefix('Input should be ')}"
    more = f" (and {len(errors) - 1} more problems)" if len(errors) > 1 else ""
    return InvalidContentError(path, msg + more, where)


def _loc(loc: tuple[Any, ...], doc: Any) -> str:
    """``statements[3] (id 'e7').text`` style, adding the record's id when there is one."""
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
    seen: set[str] = set()
    for i, doc in enumerate(m.sources):
        if doc.id in seen:
            raise InvalidContentError(path, f"duplicate id {doc.id!r}", f"metadata.sources[{i}]")
        seen.add(doc.id)
    meta = MapMeta(
        title=m.title,
        description=m.description,
        authors=tuple(m.authors),
        created=m.created,
        modified=m.modified,
        sources=tuple(
            SourceDocument(s.id, s.title, s.path, s.url, s.author, s.publisher, s.date, s.text) for s in m.sources
        ),
        extras=tuple(sorted(m.extras.items())),
        rubric=tuple(sorted(m.rubric.items())),
        student_description=m.student_description,
    )
    check_map_size(len(record.statements) + len(record.links), path)
    _check_positions(record, path)
    try:
        amap = ArgumentMap.from_parts(meta, record.statements, record.links, typed=True)
    except MapError as exc:
        raise InvalidContentError(path, str(exc), _where_ids(exc, record)) from None
    v = record.view
    return Project(amap, ViewState(v.zoom, v.theme, v.center, v.show_labels))


def _check_positions(record: ProjectRecord, path: str | os.PathLike[str]) -> None:
    """Card positions lie within ±``MAX_COORDINATE`` (docs/file-format.md): a position
    of 1e18 is finite but no painter or exporter can draw it."""
    limit = MAX_COORDINATE
    for i, s in enumerate(record.statements):
        pos = s.pos
        if pos is not None and not (-limit <= pos[0] <= limit and -limit <= pos[1] <= limit):
            raise InvalidContentError(
                path,
                f"position ({pos[0]:g}, {pos[1]:g}) is outside the coordinate range: both numbers must be within ±{limit:g}",
                f"statements[{i}] (id {s.id!r}).pos",
            )


def _where_ids(exc: MapError, record: ProjectRecord) -> str:
    """Where in the file the first id an error names sits (for a duplicate, the repeat)."""
    if not exc.ids:
        return ""
    first = exc.ids[0]
    places = [f"statements[{i}] (id {first!r})" for i, s in enumerate(record.statements) if s.id == first]
    places += [f"links[{i}] (id {first!r})" for i, link in enumerate(record.links) if link.id == first]
    if not places:
        return f"id {first!r}"
    return places[-1] if isinstance(exc, DuplicateIdError) else places[0]


# -------------------------------------------------------------------------- saving
def dumps_project(amap: ArgumentMap, view: ViewState | None = None) -> bytes:
    """The exact bytes of a project file: sorted ids, stable key order, UTF-8, 2-space
    indent, newline at the end. Equal maps give equal bytes.

    Statements and links are immutable values, so the JSON text of each is kept from
    one save of a map to the next and only changed ones are serialised again (the bytes
    are the same either way). Raises ``WriteError`` (naming no file) if a value cannot
    be written as JSON.
    """
    return b"".join(_dump_pieces(amap, view))


def _dump_pieces(amap: ArgumentMap, view: ViewState | None) -> tuple[bytes, ...]:
    """The file's bytes in a few pieces (saving writes them without joining: at 50,000
    statements one copy of 27 MB fewer)."""
    try:
        with gc_paused():
            return _dumps(amap, view or ViewState())
    except (pydantic_core.PydanticSerializationError, ValueError, TypeError) as exc:
        raise WriteError(None, f"cannot be written as JSON: {exc}") from None


def _dumps(amap: ArgumentMap, view: ViewState) -> tuple[bytes, ...]:
    meta = amap.meta
    metadata = {
        "title": meta.title,
        "description": meta.description,
        "authors": list(meta.authors),
        "created": meta.created,
        "modified": meta.modified,
        "sources": [_doc_dict(s) for s in meta.sources],  # in the author's order
        "extras": dict(sorted(meta.extras)),
    }
    # Optional fields: left out when empty, so files without them stay byte for byte.
    if meta.student_description:
        metadata["student_description"] = meta.student_description
    if meta.rubric:
        metadata["rubric"] = dict(sorted(meta.rubric))
    view_dict = {
        "zoom": float(view.zoom),
        "theme": view.theme,
        "center": _center(view.center),
        "show_labels": view.show_labels,
    }
    cache = _fragment_cache(amap)
    statement_items = amap.statements()
    link_items = amap.links()
    statements = _fragments(statement_items, STATEMENT_JSON, cache)
    links = _fragments(link_items, LINK_JSON, cache)
    if len(cache) > (len(statement_items) + len(link_items)) * 5 // 4 + 64:
        # Many values were replaced since the cache was built: drop the stale ones.
        live = {id(item) for item in (*statement_items, *link_items)}
        for key in [k for k in cache if k not in live]:
            del cache[key]
    return (
        b'{\n  "format": ',
        _value(FORMAT_NAME),
        b',\n  "schema_version": ',
        _value(SCHEMA_VERSION),
        b',\n  "metadata": ',
        _value(metadata),
        b',\n  "statements": ',
        *_array(statements),
        b',\n  "links": ',
        *_array(links),
        b',\n  "view": ',
        _value(view_dict),
        b"\n}\n",
    )


def _center(center: tuple[float, float] | None) -> list[float] | None:
    """The view centre to save, or ``None`` when there is none or it lies outside the
    coordinate range (it would make the file unreadable; the window then opens centred
    on the map instead)."""
    if center is None:
        return None
    x, y = float(center[0]), float(center[1])
    return [x, y] if -MAX_COORDINATE <= x <= MAX_COORDINATE and -MAX_COORDINATE <= y <= MAX_COORDINATE else None


def _value(value: Any) -> bytes:
    """``value`` as JSON at the second level of the document (two spaces in)."""
    return pydantic_core.to_json(value, indent=2, inf_nan_mode="null").replace(b"\n", b"\n  ")


def _array(fragments: list[bytes]) -> tuple[bytes, ...]:
    """Pieces of a JSON list of ``fragments`` at the second level (joined once, later)."""
    if not fragments:
        return (b"[]",)
    return (b"[\n    ", b",\n    ".join(fragments), b"\n  ]")


def _fragments(items: list[Any], adapter: TypeAdapter[Any], cache: dict[int, tuple[object, bytes]]) -> list[bytes]:
    """The JSON text of each item, from the cache when the very same value was saved."""

    def fresh(item: Any) -> bytes:
        text = adapter.dump_json(item, indent=2, exclude_defaults=True).replace(b"\n", b"\n    ")
        cache[id(item)] = (item, text)
        return text

    entries = list(map(cache.get, map(id, items)))
    return [
        entry[1] if entry is not None and entry[0] is item else fresh(item) for entry, item in zip(entries, items)
    ]


#: Per map (by identity, for the last few maps saved): statement and link JSON text
#: by the identity of the (immutable) value, holding the value so the id stays valid.
_CACHES: dict[int, tuple[weakref.ref[ArgumentMap], dict[int, tuple[object, bytes]]]] = {}
_CACHED_MAPS = 4


def _fragment_cache(amap: ArgumentMap) -> dict[int, tuple[object, bytes]]:
    key = id(amap)
    entry = _CACHES.get(key)
    if entry is not None and entry[0]() is amap:
        return entry[1]
    while len(_CACHES) >= _CACHED_MAPS:
        del _CACHES[next(iter(_CACHES))]
    cache: dict[int, tuple[object, bytes]] = {}
    def forget(_ref: weakref.ref[ArgumentMap], key: int = key) -> None:
        _CACHES.pop(key, None)

    _CACHES[key] = (weakref.ref(amap, forget), cache)
    return cache


def save_project(path: str | os.PathLike[str], amap: ArgumentMap, view: ViewState | None = None) -> None:
    """Save atomically; on failure the old file is untouched (raises ``WriteError``)."""
    try:
        data = _dump_pieces(amap, view)
    except WriteError as exc:
        kept = "the old file is unchanged" if os.path.lexists(path) else "nothing was written"
        raise WriteError(path, f"{exc.problem}; {kept}") from None
    atomic_write_bytes(path, data)


def _doc_dict(d: SourceDocument) -> dict[str, Any]:
    out: dict[str, Any] = {"id": d.id, "title": d.title}
    if d.path:
        out["path"] = d.path
    for key in ("url", "author", "publisher", "date", "text"):
        value = getattr(d, key)
        if value:
            out[key] = value
    return out
