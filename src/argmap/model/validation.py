"""Checks of one statement's or link's own fields (types, ids, ranges, text), made
before `ArgumentMap` checks how the item fits the map."""

from __future__ import annotations

import math

from argmap.model.errors import DuplicateIdError, InvalidLinkError, InvalidStatementError
from argmap.model.types import (
    Basis,
    Link,
    LinkKind,
    Rating,
    Source,
    Statement,
    StatementKind,
    Strength,
    MAX_COORDINATE,
    finite_pos,
)


def raise_duplicate(items: list[Statement | Link]) -> None:
    """Refuse a list of items in which two share an id (naming the first repeated id)."""
    seen: set[str] = set()
    for item in items:
        if item.id in seen:
            raise DuplicateIdError(f"duplicate id {item.id!r}", (item.id,))
        seen.add(item.id)


def with_article(word: str) -> str:
    """"a claim", "an evidence": the word with its indefinite article."""
    return f"an {word}" if word[0] in "aeiou" else f"a {word}"


def _check_id(id_: object, what: str) -> None:
    if not isinstance(id_, str) or not id_ or id_ != id_.strip():
        raise InvalidStatementError(f"{what} id {id_!r} must be a non-empty string without surrounding spaces", (str(id_),))


def _is_text(value: object) -> bool:
    """A ``str`` that can be written as UTF-8 (no lone surrogates)."""
    if not isinstance(value, str):
        return False
    if value.isascii():
        return True
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def check_statement_ids(s: Statement) -> None:
    """The checks a statement needs when its field types are known to be right."""
    if not s.id or s.id != s.id.strip():
        _check_id(s.id, "statement")
    if s.answers is not None and s.answers == s.id:
        raise InvalidStatementError(f"statement {s.id!r} cannot answer itself", (s.id,))
    if s.credence is not None and not 0 <= s.credence <= 100:
        raise InvalidStatementError(f"statement {s.id!r}: credence {s.credence!r} is not 0..100", (s.id,))


def check_statement_shape(s: Statement) -> None:
    """Every field of a statement of unknown origin: types, ids, text, ranges."""
    _check_id(s.id, "statement")
    if not isinstance(s.kind, StatementKind):
        raise InvalidStatementError(f"statement {s.id!r} has unknown kind {s.kind!r}", (s.id,))
    for name in ("text", "title", "notes"):
        if not _is_text(getattr(s, name)):
            raise InvalidStatementError(
                f"statement {s.id!r}: {name} must be text (a string without lone surrogates)", (s.id,)
            )
    if not isinstance(s.tags, tuple) or not all(_is_text(t) for t in s.tags):
        raise InvalidStatementError(f"statement {s.id!r}: tags must be a tuple of strings", (s.id,))
    if not finite_pos(s.pos) or (s.pos is not None and not isinstance(s.pos, tuple)):
        raise InvalidStatementError(
            f"statement {s.id!r}: position {s.pos!r} is not two finite numbers within ±{MAX_COORDINATE:g}", (s.id,)
        )
    if s.source is not None:
        _check_source(s)
    if isinstance(s.order, bool) or not isinstance(s.order, (int, float)) or not math.isfinite(s.order):
        raise InvalidStatementError(f"statement {s.id!r}: order {s.order!r} is not a finite number", (s.id,))
    if s.rating is not None and not isinstance(s.rating, Rating):
        raise InvalidStatementError(f"statement {s.id!r}: unknown rating {s.rating!r}", (s.id,))
    if s.credence is not None and (isinstance(s.credence, bool) or not isinstance(s.credence, int)):
        raise InvalidStatementError(f"statement {s.id!r}: credence {s.credence!r} is not 0..100", (s.id,))
    check_statement_ids(s)


def _check_source(s: Statement) -> None:
    src = s.source
    if not isinstance(src, Source):
        raise InvalidStatementError(f"statement {s.id!r}: source must be a Source, not {src!r}", (s.id,))
    for name in ("citation", "quotation", "url", "locator", "date"):
        if not _is_text(getattr(src, name)):
            raise InvalidStatementError(f"statement {s.id!r}: source {name} must be text", (s.id,))
    if src.basis is not None and not isinstance(src.basis, Basis):
        raise InvalidStatementError(f"statement {s.id!r}: unknown source basis {src.basis!r}", (s.id,))


def check_link_shape(link: Link) -> None:
    """Every field of a link of unknown origin: types, ids, text."""
    if not isinstance(link.id, str):
        raise InvalidLinkError(f"link id {link.id!r} must be a string", (str(link.id),))
    if not isinstance(link.kind, LinkKind):
        raise InvalidLinkError(f"link {link.id!r} has unknown kind {link.kind!r}", (link.id,))
    if not isinstance(link.premises, tuple) or not all(isinstance(p, str) for p in link.premises):
        raise InvalidLinkError(f"link {link.id!r}: premises must be a tuple of ids", (link.id,))
    if not isinstance(link.target, str):
        raise InvalidLinkError(f"link {link.id!r}: target must be an id", (link.id,))
    if link.strength is not None and not isinstance(link.strength, Strength):
        raise InvalidLinkError(f"link {link.id!r}: unknown strength {link.strength!r}", (link.id,))
    if not _is_text(link.scheme) or not _is_text(link.notes):
        raise InvalidLinkError(f"link {link.id!r}: scheme and notes must be text", (link.id,))
    check_link_ids(link)


def check_link_ids(link: Link) -> None:
    """The checks a link needs when its field types are known to be right."""
    if not link.id or link.id != link.id.strip():
        raise InvalidLinkError(f"link id {link.id!r} must be a non-empty string without surrounding spaces", (link.id,))
    if not link.premises:
        raise InvalidLinkError(f"link {link.id!r} has no premise", (link.id,))
    if link.id in link.premises:
        raise InvalidLinkError(f"link {link.id!r} cannot be its own premise", (link.id,))
    if not link.target:
        raise InvalidLinkError(f"link {link.id!r} has no target", (link.id,))
    if len(set(link.premises)) != len(link.premises):
        raise InvalidLinkError(f"link {link.id!r} lists a premise twice", (link.id,))
    if link.target in link.premises:
        raise InvalidLinkError(f"link {link.id!r}: {link.target!r} cannot be its own premise", (link.id, link.target))
    if link.target == link.id:
        raise InvalidLinkError(f"link {link.id!r} targets itself", (link.id,))

