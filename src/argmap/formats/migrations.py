"""Step-by-step migration of older project files: each step is a pure dict-to-dict
function from version N to N+1, with a frozen sample file of version N in the tests."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

Raw = dict[str, Any]


def _v0_to_v1(doc: Raw) -> Raw:
    """Version 0 (the prototype format) kept metadata at the top level, positions as
    separate ``x``/``y`` fields, and links as ``from`` (list) and ``to``."""
    doc = copy.deepcopy(doc)
    doc.pop("schema_version", None)
    meta = {k: doc.pop(k) for k in ("title", "description", "authors") if k in doc}
    statements = []
    for s in doc.pop("statements", []):
        s = dict(s)
        if isinstance(s, dict) and ("x" in s or "y" in s):
            s["pos"] = [s.pop("x", 0.0), s.pop("y", 0.0)]
        statements.append(s)
    links = []
    for link in doc.pop("links", []):
        link = dict(link)
        if "from" in link:
            link["premises"] = link.pop("from")
        if "to" in link:
            link["target"] = link.pop("to")
        links.append(link)
    return {
        "format": doc.pop("format", "argmap"),
        "schema_version": 1,
        "metadata": meta,
        "statements": statements,
        "links": links,
        **doc,
    }


def _v1_to_v2(doc: Raw) -> Raw:
    """Version 2 lets a source document carry its author, publisher, date and full
    text (all optional): a version-1 file is a version-2 file with a new number."""
    doc = copy.deepcopy(doc)
    doc["schema_version"] = 2
    return doc


#: MIGRATIONS[n] turns a version-n document into a version-(n+1) document.
MIGRATIONS: dict[int, Callable[[Raw], Raw]] = {0: _v0_to_v1, 1: _v1_to_v2}


def migrate(doc: Raw, from_version: int, to_version: int) -> Raw:
    for version in range(from_version, to_version):
        doc = MIGRATIONS[version](doc)
    return doc
