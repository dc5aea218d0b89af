"""Small stdlib-only helpers shared by the core packages (model, formats, layout, reasoning)
and the CLI; imports nothing from argmap, so any layer may use it."""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for a block that allocates many small objects
    and frees few (a load, a save, a layout): collections triggered meanwhile would
    scan the whole large map for nothing. Restores the collector only if it was on."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


#: Words with no plural form among the ones argmap counts.
_UNCOUNTABLE = frozenset({"evidence"})


def plural(n: int, word: str) -> str:
    """``n`` and ``word`` in agreement: ``1 support``, ``0 supports``, ``13 evidence``."""
    return f"{n} {word}" if n == 1 or word in _UNCOUNTABLE else f"{n} {word}s"


#: Characters a terminal may act on: C0 controls (ESC starts ANSI and OSC sequences, BEL
#: ends them), DEL, C1 controls (CSI, OSC, ST as single characters), line and paragraph
#: separators and bidirectional overrides (which reorder what is shown).
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def escape_controls(text: str) -> str:
    """``text`` with every control character a terminal could act on written as a
    ``\\uXXXX`` escape (tab and newline stay). Inside a JSON string the escape stands
    for the same character, so JSON output stays valid and equal."""
    return _CONTROLS.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
