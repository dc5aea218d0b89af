"""Kialo discussion exports (plain text), both layouts: read into a map with a report.

Rules:

- Older layout: ``Discussion Title: …``, the thesis as ``1. text``, every claim on one
  line as ``1.2.1. Pro: text`` / ``Con:``. Newer layout: ``Discussion Name:`` with the
  title on the next line, ``1. Thesis:`` and each claim as a label line followed by its
  text on the next lines, ``[n]`` footnote markers and a closing ``Sources:`` block. Lines
  that are not labels continue the text of the claim above them; inside the ``Sources:``
  block numbered lines are source text, never claims. CRLF and a BOM are fine.
- The discussion title becomes a ``question`` and the thesis a ``position`` answering it
  (no question when there is no title or the title repeats the thesis). In a
  multi-thesis discussion (``1.1. Thesis:`` lines) ``1.`` is the question and every
  thesis a position. Pro is a support link, Con an attack link, from the claim to its
  parent; claims get their kind from ``infer_kinds`` (a Con-only claim is a rebuttal; a
  claim with a footnoted source is evidence).
- ``-> See 1.2.3.`` in place of a text is the claim 1.2.3 reused: the same statement
  gets a second link to this parent (forward references work).
- Statement ids are the Kialo numbers (``1.2.1``), the question is ``question``; links
  are ``l`` + the number of the claim line that made them.
"""

from __future__ import annotations

from collections.abc import Callable

import os
import re
from dataclasses import dataclass, field

from argmap.formats.errors import InvalidContentError, WrongFormatError
from argmap.formats.foreign import build_map, finish_kinds
from argmap.formats.reading import decode_utf8, read_bytes
from argmap.formats.report import ImportReport
from argmap.model import ArgumentMap, Link, LinkKind, MapMeta, Source, Statement, StatementKind

FORMAT = "Kialo"
_LABEL = re.compile(r"^\s*(\d+(?:\.\d+)*)\.(?:\s+|$)(?:(Pro|Con|Contra|Thesis)\s*:(?:\s+|$))?(.*)$", re.IGNORECASE)
_SEE = re.compile(r"^->\s*See\s+(\d+(?:\.\d+)*)\.?\s*$", re.IGNORECASE)
_HEADER = re.compile(r"^\s*Discussion\s+(Title|Name)\s*:\s*(.*)$", re.IGNORECASE)
_FOOTNOTE = re.compile(r"\[(\d+)\]")
_SOURCE_START = re.compile(r"^\s*\[(\d+)\]\s*(.*)$")
_URL = re.compile(r"https?://\S+")


def looks_like_kialo(text: str) -> bool:
    """True when ``text`` starts like a Kialo export (header or thesis + Pro/Con lines)."""
    lines = [ln for ln in text.splitlines()[:200] if ln.strip()]
    if not lines:
        return False
    if _HEADER.match(lines[0].lstrip("\ufeff")):
        return True
    return bool(re.match(r"^\s*1\.\s", lines[0])) and any(
        re.match(r"^\s*1(\.\d+)+\.\s+(Pro|Con):", ln, re.IGNORECASE) for ln in lines
    )


@dataclass
class _Claim:
    label: str
    stance: str  # "thesis", "pro", "con"
    line: int
    parts: list[str] = field(default_factory=list)
    order: int = 0

    @property
    def text(self) -> str:
        return "\n".join(self.parts).strip()

    @property
    def parent(self) -> str:
        return self.label.rsplit(".", 1)[0] if "." in self.label else ""


def read_kialo(path: str | os.PathLike[str]) -> tuple[ArgumentMap, ImportReport]:
    """Read a Kialo text export. Raises a ``FileFormatError`` subclass on bad input."""
    return loads_kialo(decode_utf8(read_bytes(path), path), path)


def loads_kialo(text: str, path: str | os.PathLike[str] = "<kialo>") -> tuple[ArgumentMap, ImportReport]:
    report = ImportReport(path=os.fspath(path), fmt=FORMAT)
    lines = text.lstrip("\ufeff").splitlines()
    title, start = _header(lines)
    claims, sources = _claims(lines, start, path, report)
    if not claims:
        raise WrongFormatError(path, "is not a Kialo export: no thesis line such as '1. Thesis: …' was found")
    return _build(title, claims, sources, path, report), report


def _header(lines: list[str]) -> tuple[str, int]:
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        m = _HEADER.match(line)
        if not m:
            return "", i
        if m.group(2).strip():
            return m.group(2).strip(), i + 1
        for j in range(i + 1, len(lines)):
            if lines[j].strip():
                if _LABEL.match(lines[j]):
                    return "", j
                return lines[j].strip(), j + 1
        return "", len(lines)
    return "", len(lines)


def _claims(
    lines: list[str], start: int, path: str | os.PathLike[str], report: ImportReport
) -> tuple[list[_Claim], dict[str, list[str]]]:
    claims: list[_Claim] = []
    by_label: dict[str, _Claim] = {}
    sources: dict[str, list[str]] = {}
    current: _Claim | None = None
    current_source: list[str] | None = None
    in_sources = False
    for i in range(start, len(lines)):
        raw = lines[i]
        line = raw.strip()
        if in_sources:
            m = _SOURCE_START.match(raw)
            if m:
                current_source = sources.setdefault(m.group(1), [])
                if m.group(2).strip():
                    current_source.append(m.group(2).strip())
            elif line and current_source is not None:
                current_source.append(line)
            continue
        if line.lower() == "sources:":
            in_sources = True
            continue
        m = _LABEL.match(raw)
        label = m.group(1) if m else ""
        stance = (m.group(2) or "").lower() if m else ""
        is_claim = m is not None and (label == "1" and not claims or "." in label and (stance or claims))
        if not is_claim or m is None:
            if current is None:
                if line:
                    raise InvalidContentError(
                        path, f"expected the thesis ('1. …') but found {line[:60]!r}", f"line {i + 1}"
                    )
                continue
            current.parts.append(line)
            continue
        if "." in label and not stance:
            report.changed("claims without Pro or Con, read as Pro", f"line {i + 1}: {label}")
        stance = {"contra": "con", "": "pro" if "." in label else "thesis"}.get(stance, stance)
        if label in by_label:
            report.repaired("claims with a number used before (renumbered)", f"line {i + 1}: {label}")
            n = 2
            while f"{label}~{n}" in by_label:
                n += 1
            label = f"{label}~{n}"
        current = _Claim(label, stance, i + 1, order=len(claims))
        if m.group(3).strip():
            current.parts.append(m.group(3).strip())
        claims.append(current)
        by_label[label] = current
    return claims, sources


def _build(
    title: str,
    claims: list[_Claim],
    sources: dict[str, list[str]],
    path: str | os.PathLike[str],
    report: ImportReport,
) -> ArgumentMap:
    by_label = {c.label: c for c in claims}
    root = claims[0]
    multi = any(c.stance == "thesis" and c is not root for c in claims)
    reuse: dict[str, str] = {}
    for c in claims:
        m = _SEE.match(c.text)
        if m:
            reuse[c.label] = m.group(1)

    def resolve(label: str) -> str | None:
        seen = set()
        while label in reuse:
            if label in seen:
                return None
            seen.add(label)
            label = reuse[label]
        return label if label in by_label else None

    statements: dict[str, Statement] = {}
    explicit: set[str] = set()
    question_id = ""
    if multi:
        question_id = root.label
        statements[root.label] = Statement(root.label, StatementKind.QUESTION, root.text, order=0)
        explicit.add(root.label)
    elif title and _norm(title) != _norm(root.text):
        question_id = "question"
        statements[question_id] = Statement(question_id, StatementKind.QUESTION, title, order=-1)
        explicit.add(question_id)

    links: list[Link] = []
    seen_links: set[tuple[str, str]] = set()
    for c in claims:
        if c.label in reuse:
            continue
        if c.stance == "thesis":
            answers = question_id or None
            if c is root and multi:
                continue
            statements[c.label] = Statement(
                c.label, StatementKind.POSITION, c.text, answers=answers, order=c.order, source=_source(c.text, sources)
            )
            explicit.add(c.label)
            continue
        statements[c.label] = Statement(
            c.label, StatementKind.CLAIM, c.text, order=c.order, source=_source(c.text, sources)
        )
        if not c.text:
            report.repaired("claims with no text (kept empty)", f"line {c.line}: {c.label}")
    for c in claims:
        if c.stance == "thesis":
            continue
        premise = resolve(c.label)
        if premise is None or premise not in statements:
            report.dropped("'-> See' references to claims that do not exist", f"line {c.line}: {c.text}")
            continue
        parent = _parent(c, by_label, resolve, statements, report)
        if parent is None:
            raise InvalidContentError(path, f"claim {c.label} has no parent claim in the file", f"line {c.line}")
        if parent == premise or (premise, parent) in seen_links:
            report.dropped("reused claims that would argue for themselves or repeat a link", f"line {c.line}: {c.label}")
            continue
        seen_links.add((premise, parent))
        kind = LinkKind.ATTACK if c.stance == "con" else LinkKind.SUPPORT
        links.append(Link(f"l{c.label}", kind, (premise,), parent))
        if c.label in reuse:
            report.noted("reused claims ('-> See') linked to a second parent", f"{c.label} -> {premise}")
    stmts = finish_kinds(list(statements.values()), links, explicit)
    meta = MapMeta(title=title or root.text[:120])
    report.statements = len(stmts)
    report.links = len(links)
    return build_map(path, meta, stmts, links)


def _parent(c: _Claim, by_label: dict[str, _Claim], resolve: Callable[[str], str | None], statements: dict[str, Statement],
            report: ImportReport) -> str | None:
    label = c.parent
    while label:
        if label in by_label:
            target = resolve(label)
            if target is not None and target in statements:
                if label != c.parent:
                    report.repaired("claims whose parent number is missing (attached higher up)", f"line {c.line}: {c.label}")
                return target
        label = label.rsplit(".", 1)[0] if "." in label else ""
    return None


def _norm(text: str) -> str:
    return " ".join(text.split()).rstrip(".?!").lower()


def _source(text: str, sources: dict[str, list[str]]) -> Source | None:
    for number in _FOOTNOTE.findall(text):
        entry = sources.get(number)
        if not entry:
            continue
        body = "\n".join(entry)
        url_match = _URL.search(body)
        url = url_match.group(0).rstrip(").,;\"'") if url_match else ""
        rest = body.replace(url_match.group(0), "", 1).strip() if url_match else body.strip()
        quote = ""
        q = re.search(r"[\"\u201c](.*?)[\"\u201d]", rest, re.DOTALL)
        if q:
            quote = q.group(1).strip()
            rest = (rest[: q.start()] + rest[q.end() :]).strip()
        src = Source(citation=rest, quotation=quote, url=url)
        return None if src.is_empty() else src
    return None
