"""Argdown read and write in one place (the work is in ``argdown_syntax``,
``argdown_read`` and ``argdown_write``)."""

from argmap.formats.argdown_read import argdown_to_map, loads_argdown, read_argdown
from argmap.formats.argdown_syntax import ArgdownSyntaxError, parse_argdown
from argmap.formats.argdown_write import dumps_argdown, write_argdown

__all__ = [
    "ArgdownSyntaxError",
    "argdown_to_map",
    "dumps_argdown",
    "loads_argdown",
    "parse_argdown",
    "read_argdown",
    "write_argdown",
]
