"""The `argmap` command line: subcommands for headless work; no command opens the app.

Each subcommand is a module in this package with ``HELP``, ``add_arguments(parser)`` and
``run(args) -> int``. Qt is imported only by commands that render or open windows.
"""

from __future__ import annotations

import argparse
import difflib
import importlib
import json
import os
import sys
from collections.abc import Sequence
from typing import Any

from argmap import __version__
from argmap.util import escape_controls

#: Subcommand name -> module (in the order ``--help`` lists them).
COMMANDS: dict[str, str] = {
    "validate": "argmap.cli.validate",
    "info": "argmap.cli.info",
    "convert": "argmap.cli.convert",
    "evaluate": "argmap.cli.evaluate",
    "check": "argmap.cli.check",
    "export": "argmap.cli.export",
    "compare": "argmap.cli.compare",
    "sources": "argmap.cli.sources",
    "layout": "argmap.cli.layout",
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="argmap",
        description=(
            "Map the arguments of a debate. Run `argmap` or `argmap FILE` to open the "
            "desktop app, or one of the commands below for headless work."
        ),
    )
    parser.add_argument("--version", action="version", version=f"argmap {__version__}")
    desktop = parser.add_mutually_exclusive_group()
    desktop.add_argument("--install-desktop", action="store_const", const="install", dest="desktop",
                         help="register argmap with the desktop for this user: menu entry, icon, *.argmap.json files open in argmap")
    desktop.add_argument("--uninstall-desktop", action="store_const", const="uninstall", dest="desktop",
                         help="remove exactly what --install-desktop added")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, module_name in COMMANDS.items():
        module = importlib.import_module(module_name)
        p = sub.add_parser(name, help=module.HELP, description=module.HELP)
        module.add_arguments(p)
        p.set_defaults(_run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] not in COMMANDS and not argv[0].startswith("-"):
        mistyped = _mistyped_command(argv[0])
        if mistyped is not None:
            print(f"argmap: {mistyped}", file=sys.stderr)
            return 2
    if not argv or (argv[0] not in COMMANDS and not argv[0].startswith("-")):
        return _open_app(argv)
    # A terminal or pipe that cannot show some character (LANG=C, a Windows code page)
    # gets an escape instead of a UnicodeEncodeError (stderr does this by default).
    reconfigure = getattr(sys.stdout, "reconfigure", None)
    if reconfigure is not None:
        reconfigure(errors="backslashreplace")
    saved = sys.stdout, sys.stderr
    _escape_terminal_controls()
    try:
        return _run_command(argv)
    finally:
        sys.stdout, sys.stderr = saved


def _run_command(argv: list[str]) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.desktop:
        from argmap.cli.desktop import run as run_desktop

        return run_desktop(args.desktop)
    if args.command is None:
        parser.print_help()
        return 0
    try:
        return int(args._run(args))
    except KeyboardInterrupt:
        print("argmap: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


def _mistyped_command(word: str) -> str | None:
    """A message for a first word that is no command and no existing path but close to
    a command name (``comapre`` for ``compare``), else ``None`` (the app opens it)."""
    if os.path.exists(word) or any(c in word for c in "/\\."):
        return None
    names = sorted(COMMANDS)
    close = difflib.get_close_matches(word.lower(), names, n=1, cutoff=0.6)
    if not close:
        return None
    return f"unknown command {escape_controls(word)!r} (did you mean {close[0]!r}?); see 'argmap --help'"


class _EscapingStream:
    """A text stream that writes control characters as ``\\uXXXX`` escapes: map texts,
    titles, file names and unknown keys can hold ANSI and OSC sequences (which could
    rename the terminal window or hide lines). Everything else goes to the stream."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(escape_controls(text))
        return len(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def _escape_terminal_controls() -> None:
    """Every human-readable line the commands print goes through ``escape_controls``."""
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if stream is not None and not isinstance(stream, _EscapingStream):
            setattr(sys, name, _EscapingStream(stream))


def json_text(data: object) -> str:
    """``data`` as indented JSON for stdout: UTF-8 text where stdout can show it, else
    ASCII with \\u escapes (so that the output stays valid JSON on any terminal)."""
    text = json.dumps(data, indent=2, ensure_ascii=False)
    try:
        text.encode(sys.stdout.encoding or "utf-8")
    except (UnicodeEncodeError, LookupError):
        text = json.dumps(data, indent=2)
    return text


def _open_app(files: list[str]) -> int:
    from argmap.cli.display_check import display_problem

    problem = display_problem()
    if problem:
        print(f"argmap: cannot open the desktop app: {problem}", file=sys.stderr)
        return 2
    try:
        from argmap.ui.app import run_app
    except ImportError as exc:
        print(f"argmap: the desktop app cannot start: {exc}", file=sys.stderr)
        return 2
    return run_app(files)
