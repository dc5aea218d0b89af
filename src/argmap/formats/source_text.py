"""Reading the readable text of a source document from a file: plain text, Markdown,
HTML (scripts and styles dropped, paragraphs kept, entities decoded) and PDF (text per
page, via pypdf). Every failure is a ``SourceFileError`` naming the file."""

from __future__ import annotations

import io
import os
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from argmap.formats.errors import FileFormatError
from argmap.model import SourceDocument
from argmap.model.passages import PAGE_BREAK

#: Largest file read as a source (a 300-page PDF is a few MB; a novel as text about 1 MB).
MAX_SOURCE_BYTES = 50 * 1024 * 1024
#: Largest text kept from a source (characters).
MAX_TEXT_CHARS = 10 * 1024 * 1024
#: Most PDF pages read.
MAX_PAGES = 5000

SUFFIXES = (".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml", ".pdf")


class SourceFileError(FileFormatError):
    """A source file cannot be read or holds no text."""


@dataclass(frozen=True)
class Extracted:
    """What a file gave: its readable text and the title found in it (may be empty)."""

    text: str
    title: str = ""
    author: str = ""
    date: str = ""


def read_source(path: str | os.PathLike[str]) -> Extracted:
    """The readable text of the file at ``path``, by its suffix."""
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix not in SUFFIXES:
        raise SourceFileError(path, f"is not a text, Markdown, HTML or PDF file (its name ends in {suffix or 'nothing'!r})")
    try:
        size = p.stat().st_size
        if size > MAX_SOURCE_BYTES:
            raise SourceFileError(path, f"is too large to add as a source ({size // (1024 * 1024)} MB; at most {MAX_SOURCE_BYTES // (1024 * 1024)} MB)")
        data = p.read_bytes()
    except OSError as exc:
        raise SourceFileError(path, f"cannot be read: {exc.strerror or exc}") from None
    if suffix == ".pdf":
        out = pdf_text(data, path)
    else:
        text = _decode(data, path)
        if suffix in (".html", ".htm", ".xhtml"):
            out = html_text(text)
        elif suffix in (".md", ".markdown"):
            out = markdown_text(text)
        else:
            out = Extracted(tidy(text))
    if not out.text.strip():
        raise SourceFileError(path, "holds no readable text")
    if len(out.text) > MAX_TEXT_CHARS:
        raise SourceFileError(path, f"holds more than {MAX_TEXT_CHARS // (1024 * 1024)} million characters of text")
    return out


def source_from_file(
    path: str | os.PathLike[str], taken: set[str], title: str = "", stored_path: str = ""
) -> SourceDocument:
    """A new source document (with an id not in ``taken``) holding the file's text."""
    got = read_source(path)
    name = title or got.title or Path(path).stem
    return SourceDocument(
        id=source_id(taken),
        title=name,
        path=stored_path,
        author=got.author,
        date=got.date,
        text=got.text,
    )


def source_from_text(text: str, taken: set[str], title: str = "") -> SourceDocument:
    """A new source document from pasted text (its first line is the title when none
    is given). Raises ``ValueError`` for empty or huge text."""
    text = tidy(text)
    if not text.strip():
        raise ValueError("the text is empty")
    if len(text) > MAX_TEXT_CHARS:
        raise ValueError(f"the text is longer than {MAX_TEXT_CHARS // (1024 * 1024)} million characters")
    first = text.strip().split("\n", 1)[0].strip()
    return SourceDocument(id=source_id(taken), title=title or first[:120], text=text)


def source_id(taken: set[str]) -> str:
    """The first of ``source-1``, ``source-2``, ... not in ``taken``."""
    n = 1
    while f"source-{n}" in taken:
        n += 1
    return f"source-{n}"


def _decode(data: bytes, path: str | os.PathLike[str]) -> str:
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise SourceFileError(path, "is a binary file, not text")
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                raise SourceFileError(path, f"is not valid {codec.upper()} text") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")  # an old Windows text file


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def tidy(text: str) -> str:
    """Unix line ends, no control characters (a form feed, the page break, is kept),
    no trailing spaces, at most one blank line in a row, one newline at the end."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    text = re.sub(r"[ \t]+\n", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip("\n ") + "\n" if text.strip() else ""


# ------------------------------------------------------------------------ Markdown
_MD_HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*#*\s*$", re.MULTILINE)


def markdown_text(text: str) -> Extracted:
    """Markdown as read: heading marks dropped (a heading is its own paragraph), the
    first heading as title; emphasis and links are left as written."""
    text = tidy(text)
    first = _MD_HEADING.search(text)
    text = _MD_HEADING.sub(lambda m: "\n" + m.group(1) + "\n", text)
    return Extracted(tidy(text), first.group(1) if first else "")


# ---------------------------------------------------------------------------- HTML
_BLOCKS = frozenset(
    ["p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "tr", "table", "section", "article", "header", "footer", "aside", "nav", "figure", "figcaption", "dd", "dt", "dl", "hr", "main", "address"]
)
_SKIP = frozenset(["script", "style", "noscript", "template", "svg", "math", "iframe", "object", "canvas", "select", "button"])


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0
        self.title: list[str] = []
        self.in_title = False
        self.in_pre = 0
        self.meta: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self.in_title = True
        elif tag == "meta":
            a = {k: (v or "")[:500] for k, v in attrs}
            key = (a.get("name") or a.get("property") or "").lower()
            if key in ("author", "article:author", "date", "article:published_time", "og:title"):
                self.meta.setdefault(key, a.get("content", ""))
        if tag in _SKIP:
            self.skip += 1
        elif tag in _BLOCKS:
            self.parts.append("\n\n" if tag != "br" else "\n")
        if tag == "pre":
            self.in_pre += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n\n")
        if tag == "pre":
            self.in_pre = max(0, self.in_pre - 1)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("br", "hr"):
            self.parts.append("\n")
        elif tag == "meta":
            self.handle_starttag(tag, attrs)

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
            return
        if self.skip:
            return
        self.parts.append(data if self.in_pre else re.sub(r"\s+", " ", data))


def html_text(text: str) -> Extracted:
    """The readable text of an HTML page."""
    parser = _TextParser()
    try:
        parser.feed(text)
        parser.close()
    except (AssertionError, ValueError):  # the stdlib parser gives up on some broken markup
        pass
    body = "".join(parser.parts)
    lines = [" ".join(line.split()) for line in body.split("\n")]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines))
    title = " ".join("".join(parser.title).split()) or parser.meta.get("og:title", "")
    author = parser.meta.get("author") or parser.meta.get("article:author", "")
    date = parser.meta.get("date") or parser.meta.get("article:published_time", "")
    if author.startswith(("http://", "https://")):
        author = ""
    return Extracted(tidy(text), title[:300], author[:200], date[:40])


# ----------------------------------------------------------------------------- PDF
def pdf_text(data: bytes, path: str | os.PathLike[str] = "<pdf>") -> Extracted:
    """The text of every page, pages separated by a form feed (so locators are pages)."""
    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError
    except ImportError:  # pragma: no cover - pypdf is a dependency
        raise SourceFileError(path, "cannot be read: the pypdf library is not installed") from None
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                reader.decrypt("")
            except Exception:  # noqa: BLE001 - pypdf raises several kinds here
                raise SourceFileError(path, "is encrypted with a password") from None
        if len(reader.pages) > MAX_PAGES:
            raise SourceFileError(path, f"has more than {MAX_PAGES} pages")
        pages = [" ".join((page.extract_text() or "").replace("\x00", "").split(" ")) for page in reader.pages]
        info = reader.metadata
        title = str(info.title or "") if info else ""
        author = str(info.author or "") if info else ""
    except SourceFileError:
        raise
    except (PdfReadError, ValueError, TypeError, KeyError, IndexError, AttributeError, RecursionError) as exc:
        raise SourceFileError(path, f"is not a readable PDF: {exc}") from None
    except Exception as exc:  # noqa: BLE001 - a damaged PDF can raise anything inside pypdf
        raise SourceFileError(path, f"is not a readable PDF ({type(exc).__name__})") from None
    if not any(p.strip() for p in pages):
        raise SourceFileError(
            path,
            "has no text to read: it looks like a scanned PDF (pictures of pages). "
            "Run it through text recognition (OCR) first, or paste the text",
        )
    # every page ends with a page break, so that even a one-page text counts pages
    text = "".join(_pdf_page(p) + "\n" + PAGE_BREAK for p in pages)
    return Extracted(text, title.strip()[:300], author.strip()[:200])


def _pdf_page(text: str) -> str:
    """A page's text with lines joined into paragraphs and hyphenated line ends
    rejoined. A blank line ends a paragraph, and so does a line that stops well short of
    the margin (the last line of a paragraph, or a heading)."""
    text = tidy(text).strip("\n")
    lines = text.split("\n")
    if not lines:
        return ""
    width = max(len(line) for line in lines)
    out: list[str] = []
    para: list[str] = []
    for line in lines:
        stripped = line.strip()
        if not stripped:
            if para:
                out.append(" ".join(para))
                para = []
            continue
        if para and para[-1].endswith("-") and stripped[:1].islower():
            para[-1] = para[-1][:-1] + stripped
        else:
            para.append(stripped)
        short = len(stripped) < 0.6 * width or (stripped[-1:] in ".!?:\u201d\"" and len(stripped) < 0.85 * width)
        if short:
            out.append(" ".join(para))
            para = []
    if para:
        out.append(" ".join(para))
    return "\n\n".join(out)
