"""Finding the source document an evidence quotation cites, and checking the quotation
occurs in it (after normalising whitespace, quote marks, dashes and case)."""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from argmap.model import MapMeta, Source, SourceDocument

#: How many folders above the project's folder a relative document path is looked up in.
PARENT_LEVELS = 3
MAX_DOCUMENT_BYTES = 20 * 1024 * 1024

_TRANSLATE = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
        "\u00ab": '"', "\u00bb": '"',
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-",
        "\u00a0": " ", "\u00ad": None,
    }
)
_ELLIPSIS = re.compile(r"\s*(?:\[\s*(?:\.\s*){3}\]|\[\s*\u2026\s*\]|(?:\.\s*){3}|\u2026)\s*")


def normalise(text: str) -> str:
    """Text for comparison: NFKC, straight quotes and hyphens, case folded, single spaces."""
    text = unicodedata.normalize("NFKC", text).translate(_TRANSLATE).casefold()
    return " ".join(text.split())


def quote_fragments(quotation: str) -> list[str]:
    """The parts of a quotation to look for, in order: it is split at ellipses ("...",
    "…", "[...]") that mark omitted words, and surrounding quote marks are dropped."""
    text = normalise(quotation).strip("\"' ")
    return [part.strip("\"' ") for part in _ELLIPSIS.split(text) if part.strip("\"' ")]


def occurs_in(quotation: str, document: str) -> bool:
    """True when every fragment of the quotation occurs in the document, in order."""
    doc = normalise(document)
    start = 0
    for part in quote_fragments(quotation):
        found = doc.find(part, start)
        if found < 0:
            return False
        start = found + len(part)
    return True


def cited_document(meta: MapMeta, source: Source) -> SourceDocument | None:
    """The map's source document that an evidence source cites, if one can be told:
    by id, title, URL or file name in the citation; with no citation at all and a
    single source document, that one."""
    citation = source.citation.casefold().strip()
    for doc in meta.sources:
        if citation and citation == doc.id.casefold():
            return doc
        title = doc.title.casefold().strip()
        if citation and title and (
            citation == title or citation.startswith(title + ",") or (len(title) >= 8 and title in citation)
        ):
            return doc
        if source.url and doc.url and source.url.strip() == doc.url.strip():
            return doc
        if citation and doc.path and Path(doc.path).name.casefold() in citation:
            return doc
    if not citation and len(meta.sources) == 1:
        return meta.sources[0]
    return None


def candidate_paths(doc_path: str, base_dir: Path | None) -> list[Path]:
    """Where a document path may be: as is when absolute; else relative to the project's
    folder and up to ``PARENT_LEVELS`` folders above it."""
    path = Path(os.path.expanduser(doc_path))
    if path.is_absolute():
        return [path]
    if base_dir is None:
        return [Path.cwd() / path]
    base = base_dir.resolve()
    return [folder / path for folder in [base, *base.parents][: PARENT_LEVELS + 1]]


@dataclass(frozen=True)
class Located:
    """The outcome of looking for a cited document's text."""

    text: str | None  # None when not found or not readable
    path: Path | None  # where it was found
    tried: tuple[Path, ...]
    problem: str = ""  # why the text could not be read, when found


def locate(doc: SourceDocument, base_dir: Path | None) -> Located:
    if not doc.path:
        return Located(None, None, (), "the source document has no file path")
    tried = candidate_paths(doc.path, base_dir)
    for path in tried:
        if path.is_file():
            try:
                stat = path.stat()
                text = _read_text(str(path), stat.st_mtime_ns, stat.st_size)
            except (OSError, UnicodeDecodeError, ValueError) as exc:
                return Located(None, path, tuple(tried), _problem(exc))
            return Located(text, path, tuple(tried))
    return Located(None, None, tuple(tried))


def _problem(exc: Exception) -> str:
    if isinstance(exc, UnicodeDecodeError):
        return "it is not UTF-8 text"
    return str(exc) or type(exc).__name__


@lru_cache(maxsize=64)
def _read_text(path: str, _mtime: int, size: int) -> str:
    """A document's text, cached per (path, modification time) for folder runs."""
    if size > MAX_DOCUMENT_BYTES:
        raise ValueError(f"it is larger than {MAX_DOCUMENT_BYTES // (1024 * 1024)} MB")
    return Path(path).read_bytes().decode("utf-8-sig")
