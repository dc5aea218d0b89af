"""Small stdlib-only helpers shared by the core packages (model, formats, layout, reasoning)
and the CLI; imports nothing from argmap, so any layer may use it."""

from __future__ import annotations

import gc
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
