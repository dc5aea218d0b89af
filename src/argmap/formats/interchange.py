"""The registry of file formats: names, extensions, readers and writers; ``read_any`` and
``write_any`` pick the format from the name given, else the content, else the extension
(content wins, so a renamed Kialo export or AIF saved as ``.json`` still opens)."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from argmap.formats.aif import dumps_aif, loads_aif, looks_like_aif
from argmap.formats.argdown_read import loads_argdown
from argmap.formats.argdown_write import dumps_argdown
from argmap.formats.atomic import atomic_write_bytes
from argmap.formats.carneades import loads_carneades, looks_like_carneades, looks_like_carneades_yaml
from argmap.formats.dot import dumps_dot
from argmap.formats.errors import FileFormatError, InvalidContentError, UnreadableFileError, WriteError, WrongFormatError
from argmap.formats.graphml import dumps_graphml, looks_like_graphml, loads_graphml
from argmap.formats.kialo import loads_kialo, looks_like_kialo
from argmap.formats.project import EXTENSION, dumps_project, loads_project
from argmap.formats.reading import decode_utf8, parse_json, read_bytes
from argmap.formats.microtext import loads_arggraph, looks_like_arggraph
from argmap.formats.report import ImportReport
from argmap.formats.sadface import loads_sadface, looks_like_sadface
from argmap.model import ArgumentMap

Reader = Callable[[bytes, str], tuple[ArgumentMap, ImportReport]]
Writer = Callable[[ArgumentMap], tuple[bytes, ImportReport]]


@dataclass(frozen=True)
class FileFormat:
    name: str  # used by --from/--to
    label: str  # shown in file dialogs and reports
    extensions: tuple[str, ...]  # lower case, with the dot; the first is the default
    reader: Reader | None
    writer: Writer | None


def _read_native(data: bytes, path: str) -> tuple[ArgumentMap, ImportReport]:
    amap = loads_project(data, path).map
    return amap, ImportReport(path=path, fmt="argmap", statements=len(amap.statements()), links=len(amap.links()))


def _write_native(amap: ArgumentMap) -> tuple[bytes, ImportReport]:
    return dumps_project(amap), ImportReport(fmt="argmap", direction="export", statements=len(amap.statements()), links=len(amap.links()))


def _text_reader(fn: Callable[[str, str], tuple[ArgumentMap, ImportReport]]) -> Reader:
    return lambda data, path: fn(decode_utf8(data, path), path)


def _text_writer(fn: Callable[[ArgumentMap], tuple[str, ImportReport]]) -> Writer:
    def write(amap: ArgumentMap) -> tuple[bytes, ImportReport]:
        text, report = fn(amap)
        return text.encode("utf-8"), report

    return write


FORMATS: dict[str, FileFormat] = {
    f.name: f
    for f in (
        FileFormat("argmap", "argmap project", (EXTENSION,), _read_native, _write_native),
        FileFormat("aif", "AIF JSON (AIFdb, OVA, xAIF)", (".json", ".aif", ".aif.json", ".xaif.json"), lambda d, p: loads_aif(d, p), dumps_aif),
        FileFormat("sadface", "SADFace JSON", (".sadface.json", ".sadface"), lambda d, p: loads_sadface(d, p), None),
        FileFormat("argdown", "Argdown", (".argdown", ".ad"), _text_reader(loads_argdown), _text_writer(dumps_argdown)),
        FileFormat("kialo", "Kialo discussion export", (".txt",), _text_reader(loads_kialo), None),
        FileFormat("graphml", "GraphML (yEd, Gephi)", (".graphml",), lambda d, p: loads_graphml(d, p), dumps_graphml),
        FileFormat("microtext", "Potsdam microtext (arggraph XML)", (".arggraph.xml",), lambda d, p: loads_arggraph(d, p), None),
        FileFormat("dot", "Graphviz DOT", (".dot", ".gv"), None, _text_writer(dumps_dot)),
        FileFormat("carneades", "Carneades (CAF, LKIF)", (".caf", ".lkif", ".xml"), lambda d, p: loads_carneades(d, p), None),
    )
}


def format_names(readable: bool | None = None) -> list[str]:
    """Format names, optionally only those that can be read (True) or written (False)."""
    return [
        f.name
        for f in FORMATS.values()
        if readable is None or (f.reader is not None if readable else f.writer is not None)
    ]


def formats_for_open() -> list[tuple[str, list[str]]]:
    """(label, glob patterns) for an Open/Import dialog, native first."""
    return [(f.label, [f"*{e}" for e in f.extensions]) for f in FORMATS.values() if f.reader is not None]


def formats_for_save() -> list[tuple[str, list[str]]]:
    """(label, glob patterns) for a Save/Export dialog, native first."""
    return [(f.label, [f"*{e}" for e in f.extensions[:2]]) for f in FORMATS.values() if f.writer is not None]


def dialog_filter(entries: list[tuple[str, list[str]]]) -> str:
    """A Qt file-dialog filter string: ``"Argdown (*.argdown *.ad);;..."``."""
    return ";;".join(f"{label} ({' '.join(patterns)})" for label, patterns in entries)


def format_for_extension(path: str | os.PathLike[str]) -> FileFormat | None:
    name = Path(path).name.lower()
    best: tuple[int, FileFormat] | None = None
    for f in FORMATS.values():
        for ext in f.extensions:
            if name.endswith(ext) and (best is None or len(ext) > best[0]):
                best = (len(ext), f)
    return best[1] if best else None


def _get(name: str, path: str | os.PathLike[str]) -> FileFormat:
    f = FORMATS.get(name.lower().lstrip("."))
    if f is None:
        raise WrongFormatError(path, f"unknown format {name!r} (known: {', '.join(FORMATS)})")
    return f


_READS = "argmap reads argmap projects, AIF JSON, SADFace JSON, Argdown, Kialo text, GraphML, Carneades CAF/LKIF XML and microtext arggraph XML"

#: Extensions of formats argmap does not read, so that such a file is refused by name
#: instead of being read as Argdown (the fallback for text of no known format).
_UNSUPPORTED = {
    ".yml": "YAML (for example a Carneades argument graph)",
    ".yaml": "YAML (for example a Carneades argument graph)",
    ".xml": "XML but not GraphML",
    ".lkif": "LKIF XML",
    ".caf": "Carneades XML",
    ".csv": "a CSV table",
    ".tsv": "a TSV table",
    ".html": "an HTML page",
    ".htm": "an HTML page",
    ".svg": "an SVG picture",
    ".rtf": "RTF text",
}


def detect_format(data: bytes, path: str | os.PathLike[str]) -> FileFormat:
    """The format of ``data``, from its content first and its extension second."""
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")
    by_ext = format_for_extension(path)
    json_name = by_ext is not None and by_ext.name in ("aif", "argmap", "sadface")
    if head.startswith(b"{") or (head.startswith(b"[") and json_name):
        doc = parse_json(data, path)
        if isinstance(doc, dict) and doc.get("format") == "argmap":
            return FORMATS["argmap"]
        if looks_like_sadface(doc):
            return FORMATS["sadface"]
        if looks_like_aif(doc):
            return FORMATS["aif"]
        if by_ext is not None and by_ext.name == "argmap":
            return by_ext  # the native loader explains what is wrong
        raise WrongFormatError(path, "is JSON but neither an argmap project nor AIF (no \"nodes\" and \"edges\")")
    if head.startswith(b"<"):
        if looks_like_graphml(head):
            return FORMATS["graphml"]
        if looks_like_arggraph(head):
            return FORMATS["microtext"]
        if looks_like_carneades(head):
            return FORMATS["carneades"]
        raise WrongFormatError(path, f"is XML but not GraphML, nor a Carneades CAF or LKIF argument graph, so argmap cannot read it; {_READS}")
    if json_name:
        # Named as JSON but not starting like it (damaged, or a stray byte before the
        # "{"): the JSON parser says where, rather than reading it as Argdown text.
        parse_json(data, path)
        if by_ext is not None and by_ext.name == "argmap":
            return by_ext
        raise WrongFormatError(path, "is JSON but not AIF (no \"nodes\" and \"edges\")")
    text = decode_utf8(data, path)
    if looks_like_kialo(text):
        return FORMATS["kialo"]
    if by_ext is not None and by_ext.name == "kialo":
        raise WrongFormatError(path, "is not a Kialo export (no 'Discussion Title:' line and no '1.1. Pro:' claims)")
    if by_ext is not None and by_ext.name == "dot":
        raise WrongFormatError(path, "is a Graphviz DOT file; argmap writes DOT but cannot read it")
    if looks_like_carneades_yaml(data, path) or (by_ext is not None and by_ext.name == "carneades"):
        return FORMATS["carneades"]  # its reader says what is wrong (YAML, damaged XML)
    if by_ext is not None and by_ext.name == "graphml":
        raise WrongFormatError(path, "is not GraphML: it does not start with an XML tag (the file may be damaged)")
    unsupported = _UNSUPPORTED.get(Path(path).suffix.lower()) if by_ext is None else None
    if unsupported:
        raise WrongFormatError(path, f"is {unsupported}, a format argmap cannot read; {_READS}")
    return FORMATS["argdown"]


def read_any(path: str | os.PathLike[str], fmt: str | None = None) -> tuple[ArgumentMap, ImportReport]:
    """Read any supported file. Raises a ``FileFormatError`` subclass naming the file."""
    data = read_bytes(path)
    f = _get(fmt, path) if fmt else detect_format(data, path)
    if f.reader is None:
        raise WrongFormatError(path, f"{f.label} files can be written but not read")
    try:
        amap, report = f.reader(data, os.fspath(path))
    except FileFormatError:
        raise
    except RecursionError:
        raise UnreadableFileError(path, "nests too deeply to be read") from None
    report.path = os.fspath(path)
    if f.name != "argmap" and not amap.statements():
        # A non-empty file (read_bytes refuses empty ones) that gave nothing is never a
        # silent success: say what was found instead of an empty map with exit 0.
        found = f"; {'; '.join(report.lines()[1:])}" if len(report.lines()) > 1 else ""
        raise InvalidContentError(
            path, f"was read as {f.label} but holds no statement argmap could read (nothing was imported){found}"
        )
    return amap, report


def write_any(amap: ArgumentMap, path: str | os.PathLike[str], fmt: str | None = None) -> ImportReport:
    """Write ``amap`` in the format named, else the one of the extension. The file is
    written atomically; the report says what the format could not hold."""
    f = _get(fmt, path) if fmt else format_for_extension(path)
    if f is None:
        raise WriteError(path, f"cannot tell the format from the name; use one of: {', '.join(format_names(False))}")
    if f.writer is None:
        raise WriteError(path, f"{f.label} files can be read but not written")
    data, report = f.writer(amap)
    atomic_write_bytes(path, data)
    report.path = os.fspath(path)
    return report
