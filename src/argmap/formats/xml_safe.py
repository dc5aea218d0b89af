"""The one way argmap parses XML: every XML reader (GraphML, Carneades, microtext
``arggraph``) goes through ``parse_xml_safely``.

DTDs and entity declarations are refused (billion laughs, external entities) whatever
the file's encoding: expat itself, which decodes UTF-8, UTF-16 and the declared
encodings, reports a DOCTYPE or ENTITY declaration in a first pass, before any tree is
built. A byte search for ``<!DOCTYPE`` alone misses UTF-16 files.
"""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET
from xml.parsers import expat

from argmap.formats.errors import UnreadableFileError


#: A declaration in ASCII-compatible text, in any letter case (expat reports a lower-case
#: ``<!doctype`` as a syntax error; it is refused by name here).
_FORBIDDEN = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)


class _Refused(Exception):
    def __init__(self, what: str) -> None:
        super().__init__(what)
        self.what = what


def _refuse(what: str):  # type: ignore[no-untyped-def]
    def handler(*_args: object) -> None:
        raise _Refused(what)

    return handler


def check_xml(data: bytes, path: str | os.PathLike[str]) -> None:
    """Raise ``UnreadableFileError`` if ``data`` declares a DTD or an entity, uses an
    undeclared entity, or is not well-formed XML (naming the line)."""
    m = _FORBIDDEN.search(data)
    if m:
        line = data.count(b"\n", 0, m.start()) + 1
        raise UnreadableFileError(
            path, f"contains a {m.group(1).decode().upper()} declaration, which argmap refuses for safety", f"line {line}"
        )
    checker = expat.ParserCreate()
    checker.StartDoctypeDeclHandler = _refuse("DOCTYPE")
    checker.EntityDeclHandler = _refuse("ENTITY")
    checker.UnparsedEntityDeclHandler = _refuse("ENTITY")
    checker.ExternalEntityRefHandler = _refuse("ENTITY")
    checker.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    try:
        checker.Parse(data, True)
    except _Refused as exc:
        raise UnreadableFileError(
            path, f"contains a {exc.what} declaration, which argmap refuses for safety", f"line {checker.CurrentLineNumber}"
        ) from None
    except expat.ExpatError as exc:
        raise UnreadableFileError(
            path, f"is not well-formed XML ({expat.ErrorString(exc.code)})", f"line {exc.lineno}, column {exc.offset + 1}"
        ) from None


def parse_xml_safely(data: bytes, path: str | os.PathLike[str]) -> ET.Element:
    """The root element of XML bytes, after ``check_xml``. Every failure is a
    ``FileFormatError`` naming the line."""
    check_xml(data, path)
    parser = ET.XMLParser()
    try:
        parser.feed(data)
        return parser.close()
    except ET.ParseError as exc:
        line, col = getattr(exc, "position", (0, 0))
        raise UnreadableFileError(path, f"is not well-formed XML ({exc})", f"line {line}, column {col + 1}") from None
