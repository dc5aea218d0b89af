"""The outline a handout is written from: the map walked from its questions into a tree
of entries with numbered sources, plus the helpers around it (kinds, lookups, submaps,
worksheets, safe URLs, citations). Qt-free; knows nothing of Markdown or HTML."""

from __future__ import annotations

import urllib.parse
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from argmap.model import ArgumentMap, Link, LinkKind, Source, Statement, StatementKind
from argmap.model.style import HANDOUT_KIND_NAMES
from argmap.model.submap import submap  # noqa: F401 - re-exported: handouts and exports cut maps with it (mode "trim")

KIND_LABEL = HANDOUT_KIND_NAMES
_SAFE_SCHEMES = ("http", "https", "mailto")
#: Deepest nesting of a handout outline; a chain of reasons deeper than this continues
#: as a new top-level entry (walking and writing the tree recurses once per level).
MAX_DEPTH = 40


# ---------------------------------------------------------------------- map helpers
def parse_kinds(spec: str | Iterable[str | StatementKind]) -> frozenset[StatementKind]:
    """``"evidence,rebuttals"`` (or a list) -> kinds; plurals and "reasons" are accepted.
    Raises ``ValueError`` naming the unknown word and the valid ones."""
    words = spec.split(",") if isinstance(spec, str) else list(spec)
    aliases = {k.value: k for k in StatementKind} | {"reason": StatementKind.CLAIM}
    out = set()
    for word in words:
        if isinstance(word, StatementKind):
            out.add(word)
            continue
        w = word.strip().lower()
        if not w:
            continue
        kind = aliases.get(w) or aliases.get(w[:-1] if w.endswith("s") else w)
        if kind is None:
            valid = ", ".join(k.value for k in StatementKind)
            raise ValueError(f"unknown statement kind {word.strip()!r}; use one or more of: {valid}")
        out.add(kind)
    return frozenset(out)


def resolve_statement(amap: ArgumentMap, id_or_title: str) -> str:
    """The id of the statement whose id, title or text is ``id_or_title`` (titles and text
    compared ignoring case and spacing). Raises ``LookupError`` with a readable message."""
    if amap.is_statement(id_or_title):
        return id_or_title
    want = " ".join(id_or_title.split()).casefold()
    for attr in ("title", "text"):
        hits = [s.id for s in amap.statements() if " ".join(getattr(s, attr).split()).casefold() == want]
        if len(hits) == 1:
            return hits[0]
        if len(hits) > 1:
            raise LookupError(f"{len(hits)} statements have the {attr} {id_or_title!r} ({', '.join(hits[:5])}); use an id")
    hits = [s.id for s in amap.statements() if want and want in s.label(10_000).casefold()]
    if len(hits) == 1:
        return hits[0]
    if hits:
        raise LookupError(f"{len(hits)} statements match {id_or_title!r} ({', '.join(hits[:5])}); use an id or a full title")
    raise LookupError(f"no statement has the id or title {id_or_title!r}")


# ------------------------------------------------------------------------- outline
@dataclass
class Entry:
    """One statement in the outline; ``relation`` says how it relates to its parent."""

    statement: Statement
    relation: str  # question, position, support, attack, undercut, other
    groups: list[Group] = field(default_factory=list)
    seen_before: bool = False
    source_no: int | None = None
    continued: bool = False  # too deep here: shown again, with what is under it, further down


@dataclass
class Group:
    """The premises of one link into the parent entry, plus undercuts of that link."""

    link: Link
    members: list[Entry]
    undercuts: list[Entry] = field(default_factory=list)


@dataclass
class Outline:
    title: str
    description: str
    questions: list[Entry]
    others: list[Entry]
    sources: list[tuple[int, Source | None, str, str]]  # (number, source, title, url)
    blank: frozenset[StatementKind]


def build_outline(amap: ArgumentMap, blank: frozenset[StatementKind] = frozenset(), title: str | None = None) -> Outline:
    """Walk the map from its questions (then any statement left over) into a tree."""
    seen: set[str] = set()
    numbers: dict[tuple[str, str], int] = {}
    sources: list[tuple[int, Source | None, str, str]] = []

    def number(s: Statement) -> int | None:
        src = s.source
        if src is None or not (src.citation or src.url) or s.kind in blank:
            return None
        key = (src.citation.strip(), src.url.strip())
        if key not in numbers:
            numbers[key] = len(numbers) + 1
            sources.append((numbers[key], src, "", ""))
        return numbers[key]

    deferred: dict[str, Statement] = {}  # too deep where met: continued at the top level

    def entry(s: Statement, relation: str, depth: int = 0) -> Entry:
        if s.id in seen:
            return Entry(s, relation, seen_before=True)
        if depth >= MAX_DEPTH and (s.kind is StatementKind.QUESTION or amap.links_into(s.id)):
            deferred.setdefault(s.id, s)
            return Entry(s, relation, seen_before=True, continued=True)
        seen.add(s.id)
        e = Entry(s, relation, source_no=number(s))
        if s.kind is StatementKind.QUESTION:
            e.groups.extend(Group(_answer_link(p), [entry(p, "position", depth + 1)]) for p in amap.positions(s.id))
        e.groups.extend(group(link, depth + 1) for link in amap.links_into(s.id))
        return e

    def group(link: Link, depth: int) -> Group:
        relation = "support" if link.kind is LinkKind.SUPPORT else "attack"
        g = Group(link, [entry(amap.statement(p), relation, depth) for p in link.premises])
        for under in amap.links_into(link.id):
            g.undercuts.extend(entry(amap.statement(p), "undercut", depth) for p in under.premises)
        return g

    others: list[Entry] = []

    def continue_deferred() -> None:
        while deferred:
            s = deferred.pop(next(iter(deferred)))
            if s.id not in seen:
                others.append(entry(s, "other"))

    questions = [entry(q, "question") for q in amap.questions()]
    continue_deferred()
    premises_used = {p for link in amap.links() for p in link.premises}
    rest = [s for s in amap.statements() if s.id not in seen]
    rest.sort(key=lambda s: (s.id in premises_used, s.order, s.id))  # roots first
    for s in rest:
        if s.id not in seen:
            others.append(entry(s, "other"))
            continue_deferred()
    cited = [c.casefold() for c, _ in numbers]
    urls = {u for _, u in numbers if u}
    for doc in amap.meta.sources:  # documents not already cited by some evidence
        title_ = doc.title.strip().casefold()
        if (doc.url.strip() and doc.url.strip() in urls) or (title_ and any(title_ in c for c in cited)):
            continue
        cited.append(title_)
        urls.add(doc.url.strip())
        sources.append((len(sources) + 1, None, doc.title, doc.url or doc.path))
    return Outline(
        title if title is not None else amap.meta.title,
        amap.meta.description,
        questions,
        others,
        sources,
        blank,
    )


def worksheet_map(amap: ArgumentMap, kinds: Iterable[str | StatementKind] | str) -> ArgumentMap:
    """A copy of ``amap`` whose statements of the chosen kinds are blank (writing lines,
    no title, no source) so a diagram of it is a worksheet; the rest is unchanged."""
    blank = parse_kinds(kinds)
    statements = [
        replace(s, text=WRITING_LINES, title="", source=None) if s.kind in blank else s for s in amap.statements()
    ]
    return ArgumentMap.from_parts(amap.meta, statements, amap.links())


WRITING_LINES = "\n".join(["_" * 28] * 3)


def source_list(amap: ArgumentMap) -> list[str]:
    """The numbered sources of a map as plain lines ("1. Citation (date). URL"), in
    outline order, then the map's source documents (for picture footers)."""
    return [source_line(*numbered) for numbered in build_outline(amap).sources]


def source_line(no: int, src: Source | None, doc_title: str, url: str) -> str:
    """One numbered source of an ``Outline`` as a plain line: "1. Citation (date). URL"."""
    name, date, link = source_parts(src, doc_title, url)
    text = f"{name} ({date})" if date else name
    return f"{no}. {text}" + (f". {link.strip()}" if link.strip() else "")


def source_parts(src: Source | None, doc_title: str, url: str) -> tuple[str, str, str]:
    """``(name, date, url)`` of a numbered source of an ``Outline``: a citation with its
    date and URL, or a map document's title and URL (or path). The URL is as written
    (possibly blank); renderers escape and link the parts their own way."""
    if src is None:
        return doc_title.strip() or "Source document", "", url
    return src.citation.strip() or "Source", src.date.strip(), src.url


def _answer_link(p: Statement) -> Link:
    return Link(f"answer:{p.id}", LinkKind.SUPPORT, (p.id,), p.answers or p.id + ":q")


def safe_url(url: str) -> str | None:
    """``url`` if it is an absolute http, https or mailto URL, else ``None``."""
    cleaned = "".join(ch for ch in url.strip() if ch.isprintable())  # drops tab, newline, controls
    if not cleaned:
        return None
    try:
        parts = urllib.parse.urlsplit(cleaned)
    except ValueError:
        return None
    if parts.scheme.lower() not in _SAFE_SCHEMES:
        return None
    if parts.scheme.lower() != "mailto" and not parts.netloc:
        return None
    return urllib.parse.quote(cleaned, safe="/:?#[]@!$&'()*+,;=%~-._")


def citation_text(src: Source) -> str:
    """``Citation, para. 3, 2024-03-01 (statistic)`` (empty parts left out)."""
    parts = [src.citation.strip(), src.locator.strip(), src.date.strip()]
    out = ", ".join(p for p in parts if p)
    if src.basis is not None:
        out += f" ({src.basis.value.replace('_', ' ')})"
    return out.strip()
