"""Argdown inline text: ``{key: value}`` flow data, ``#tags``, emphasis and backslash
escapes, as the official Argdown parser reads them (linear scans and atomic patterns, no
backtracking on unbounded input). Used by ``argdown_syntax``."""

from __future__ import annotations

import bisect
import json
import re
from typing import Any

#: An escaped character: the backslash is dropped, the character kept.
_ESCAPE = re.compile(r"\\([\\#\[\]<>{}()@*_+\-./=])")


# ------------------------------------------------------------------ flow YAML data
def parse_flow(text: str) -> Any:
    """Parse YAML flow data (``{a: 1, b: [x, "y"]}``); raises ``ValueError``."""
    value, i = _flow_value(text, _skip(text, 0))
    if _skip(text, i) != len(text):
        raise ValueError(f"unexpected {text[i:i + 10]!r}")
    return value


def _skip(s: str, i: int) -> int:
    while i < len(s) and s[i] in " \t\r\n":
        i += 1
    return i


def _flow_value(s: str, i: int) -> tuple[Any, int]:
    if i >= len(s):
        raise ValueError("missing value")
    c = s[i]
    if c == "{":
        out: dict[str, Any] = {}
        i = _skip(s, i + 1)
        while i < len(s) and s[i] != "}":
            key, i = _flow_scalar(s, i, ":}")
            i = _skip(s, i)
            if i < len(s) and s[i] == ":":
                value, i = _flow_value(s, _skip(s, i + 1))
            else:
                value = None
            out[str(key)] = value
            i = _after_item(s, i, "}")
        return out, _closed(s, i, "{")
    if c == "[":
        items = []
        i = _skip(s, i + 1)
        while i < len(s) and s[i] != "]":
            value, i = _flow_value(s, i)
            items.append(value)
            i = _after_item(s, i, "]")
        return items, _closed(s, i, "[")
    return _flow_scalar(s, i, ",]}")


def _after_item(s: str, i: int, close: str) -> int:
    """Past the comma after an item of a flow mapping or list (or at its ``close``)."""
    i = _skip(s, i)
    if i < len(s) and s[i] == ",":
        return _skip(s, i + 1)
    if i < len(s) and s[i] != close:
        raise ValueError(f"expected ',' or '{close}'")
    return i


def _closed(s: str, i: int, opening: str) -> int:
    """Past the closing bracket at ``i`` (the text must not have ended first)."""
    if i >= len(s):
        raise ValueError(f"unclosed '{opening}'")
    return i + 1


def _flow_scalar(s: str, i: int, stops: str) -> tuple[Any, int]:
    if s[i] == '"':
        j = i + 1
        while j < len(s) and s[j] != '"':
            j += 2 if s[j] == "\\" else 1
        if j >= len(s):
            raise ValueError("unclosed quote")
        try:
            return json.loads(s[i : j + 1]), j + 1
        except json.JSONDecodeError as exc:
            raise ValueError(str(exc)) from None
    if s[i] == "'":
        j = i + 1
        out = []
        while j < len(s):
            if s[j] == "'":
                if s.startswith("''", j):
                    out.append("'")
                    j += 2
                    continue
                return "".join(out), j + 1
            out.append(s[j])
            j += 1
        raise ValueError("unclosed quote")
    j = i
    while j < len(s) and s[j] not in stops:
        if s[j] == ":" and ":" in stops and (j + 1 >= len(s) or s[j + 1] in " \t"):
            break
        j += 1
    return _plain(s[i:j].strip()), j


def _plain(text: str) -> Any:
    low = text.lower()
    if low in ("true", "yes"):
        return True
    if low in ("false", "no"):
        return False
    if low in ("null", "~", ""):
        return None
    if re.fullmatch(r"[-+]?\d+", text):
        # Python refuses to convert more than 4,300 digits: such a number stays text.
        return int(text) if len(text.lstrip("+-")) <= 4300 else text
    if re.fullmatch(r"[-+]?(\d+\.\d*|\.\d+)([eE][-+]?\d+)?", text):
        return float(text)
    return text


def split_data(text: str) -> tuple[str, Any, bool]:
    """Split a trailing ``{...}`` data block off ``text``: (text, data, ok). The data
    starts at the first unescaped ``{`` from which the rest of the text parses."""
    stripped = text.rstrip()
    if not stripped.endswith("}"):
        return text, None, True
    starts = [m.start() for m in re.finditer(r"(?<!\\)\{", stripped)]
    for start in starts[-50:]:  # a data block is short; bound the work on brace-heavy text
        try:
            data = parse_flow(stripped[start:])
        except (ValueError, RecursionError):
            continue
        return stripped[:start].rstrip(), data, True
    return text, None, False


#: The start of a tag: ``#word`` or ``#(``, not after a word character, ``&``, ``(``,
#: ``/`` or a backslash. The bracketed form is closed by a scan (see ``find_tags``).
_TAG_START = re.compile(r"(?<![\w&(/\\])#(?:(\()|[\w\-]+)")


def find_tags(text: str) -> list[tuple[int, int, str]]:
    """(start, end, name) of every ``#tag`` and ``#(a tag)`` in ``text``, in one pass
    (``#([^)]+)`` as a pattern rescanned the rest of the line from every unclosed
    ``#(``: quadratic on a long line)."""
    out: list[tuple[int, int, str]] = []
    close = -1  # the first ")" at or after the current bracket (-2: none left)
    after = 0  # tags cannot start inside the previous one
    for m in _TAG_START.finditer(text):
        i = m.start()
        if i < after:
            continue
        if m.group(1) is None:
            out.append((i, m.end(), text[i + 1 : m.end()]))
            after = m.end()
            continue
        if close != -2 and close < i + 2:
            close = text.find(")", i + 2)
            if close < 0:
                close = -2
        if close > i + 2:
            out.append((i, close + 1, text[i + 2 : close]))
            after = close + 1
    return out


def split_tags(text: str) -> tuple[str, list[str]]:
    """Tags of ``text`` and the text without the run of tags (and blanks) at its end."""
    found = find_tags(text)
    tags = [name for _, _, name in found]
    end = _blank_start(text, len(text))
    cut = False
    for start, stop, _ in reversed(found):
        if stop != end:
            break
        cut = True
        end = _blank_start(text, start)
    return (text[:end] if cut else text), tags


def _blank_start(text: str, i: int) -> int:
    """Start of the run of blanks that ends at ``i``."""
    while i > 0 and text[i - 1].isspace():
        i -= 1
    return i


def strip_emphasis(text: str) -> str:
    """Drop Markdown emphasis markers (``**bold**``, ``_italic_``), as Argdown does."""
    for _ in range(3):
        new = _strip_emphasis_once(text)
        if new == text:
            break
        text = new
    return text


_DELIMITERS = ("**", "__", "*", "_")
#: Every place each marker may close emphasis (zero width, so overlapping places count):
#: after a non-blank that is no backslash, before no word character.
_CLOSERS = {d: re.compile(r"(?<=[^\s\\])(?=" + re.escape(d) + r"(?!\w))") for d in _DELIMITERS}
_OPENERS = re.compile(r"(?<![\\\w])[*_]")


def _strip_emphasis_once(text: str) -> str:
    """One pass of emphasis removal, left to right, in O(n log n): an opening marker not
    after a backslash or word character and before a non-blank is closed by the nearest
    closing place of the same marker on the same line, at least one character on (what
    a lazy ``(.+?)`` pattern did, in quadratic time on a long line)."""
    if "*" not in text and "_" not in text:
        return text
    n = len(text)
    closers = {d: [m.start() for m in _CLOSERS[d].finditer(text)] for d in _DELIMITERS}
    last_closer = max((c[-1] for c in closers.values() if c), default=-1)
    if last_closer < 0:
        return text
    newlines = [m.start() for m in re.finditer("\n", text)] if "\n" in text else []
    out: list[str] = []
    last = 0
    for m in _OPENERS.finditer(text):
        i = m.start()
        if i < last:
            continue
        if i >= last_closer:
            break
        for d in _DELIMITERS:
            width = len(d)
            if not text.startswith(d, i) or i + width >= n or text[i + width].isspace():
                continue
            cands = closers[d]
            k = bisect.bisect_left(cands, i + width + 1)
            if k == len(cands):
                continue
            j = cands[k]
            if newlines:
                nl = bisect.bisect_left(newlines, i + width)
                if nl < len(newlines) and newlines[nl] < j:
                    continue
            out.append(text[last:i])
            out.append(text[i + width : j])
            last = j + width
            break
    if not out:
        return text
    out.append(text[last:])
    return "".join(out)


def unescape(text: str) -> str:
    if "\\" not in text:
        return text
    # Splitting on the escapes keeps each escaped character (the captured group) and
    # drops its backslash: a join is the unescaped text (re.sub with a template costs
    # a Python call per escape).
    return "".join(_ESCAPE.split(text))
