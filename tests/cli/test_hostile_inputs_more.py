"""Hostile inputs from issue 14, run as real processes: a FIFO, integers of more than
4,300 digits, control characters. One clear `argmap:` line naming the file, never a
traceback, a hang or raw escape sequences on the terminal."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from argmap.formats import save_project
from argmap.model import ArgumentMap, MapMeta, Statement, StatementKind

COMMANDS = {
    "validate": ["validate", "{f}"],
    "info": ["info", "{f}"],
    "evaluate": ["evaluate", "{f}"],
    "check": ["check", "{f}"],
    "convert": ["convert", "{f}", "-o", "out.argdown"],
    "export": ["export", "{f}", "-o", "out.md"],
}


def run(*args: str, cwd: Path, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "argmap", *args], capture_output=True, text=True, cwd=cwd, timeout=timeout,
        encoding="utf-8", errors="replace",
    )


def one_line(r: subprocess.CompletedProcess[str], name: str) -> str:
    assert r.returncode != 0, r.stdout
    assert "Traceback" not in r.stderr, r.stderr
    lines = [line for line in r.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("argmap: ") and name in lines[0], r.stderr
    return lines[0]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this system")
@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("name", ["pipe.argmap.json", "pipe.argdown"])
def test_a_fifo_is_refused_before_it_is_opened(tmp_path, command, name):
    os.mkfifo(tmp_path / name)
    args = [a.format(f=name) for a in COMMANDS[command]]
    # Nobody ever writes to the pipe: opening it for reading would block forever.
    line = one_line(run(*args, cwd=tmp_path, timeout=30), name)
    assert "named pipe" in line and "regular file" in line


def _project_with_huge_integer(path: Path) -> None:
    amap = ArgumentMap.from_parts(MapMeta(title="t", extras=(("x", 0),)), [Statement("a", StatementKind.CLAIM, "A", pos=(0.0, 0.0))], [])
    save_project(path, amap)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('"x": 0', '"x": ' + "7" * 5000), encoding="utf-8")


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_an_integer_of_5000_digits_in_extras_is_a_clear_error(tmp_path, command):
    _project_with_huge_integer(tmp_path / "big.argmap.json")
    args = [a.format(f="big.argmap.json") for a in COMMANDS[command]]
    line = one_line(run(*args, cwd=tmp_path), "big.argmap.json")
    assert "4,300 digits" in line and "line " in line


def test_an_aif_file_with_a_huge_integer_is_a_clear_error(tmp_path):
    (tmp_path / "big.json").write_text(
        json.dumps({"nodes": [{"nodeID": "N", "text": "a", "type": "I"}], "edges": []}).replace('"N"', "9" * 4400)
    )
    line = one_line(run("convert", "big.json", "-o", "out.argdown", cwd=tmp_path), "big.json")
    assert "4,300 digits" in line
    assert not (tmp_path / "out.argdown").exists()


_EVIL = "\x1b]0;pwned\x07\x1b[31m\x9b2J\u202e"


def _evil_map(path: Path) -> None:
    from argmap.model import Link, LinkKind

    amap = ArgumentMap.from_parts(
        MapMeta(title="Title" + _EVIL, extras=(("k" + _EVIL, 1),)),
        [
            Statement("a", StatementKind.POSITION, "A" + _EVIL, pos=(0.0, 0.0)),
            Statement("b", StatementKind.CLAIM, "B" + _EVIL, pos=(0.0, 100.0)),
        ],
        [Link("l", LinkKind.ATTACK, ("b",), "a")],
    )
    save_project(path, amap)


def _no_controls(text: str) -> None:
    for ch in ("\x1b", "\x07", "\x9b", "\u202e"):
        assert ch not in text, repr(text)


@pytest.mark.parametrize(
    "args",
    [
        ["info", "evil.argmap.json"],
        ["evaluate", "evil.argmap.json"],
        ["evaluate", "--explain", "evil.argmap.json"],
        ["check", "evil.argmap.json"],
        ["convert", "evil.argmap.json", "-o", "out.graphml"],
        ["convert", "evil.argmap.json", "-o", "out.argdown"],
        ["info", "missing\x1b[31m.argmap.json"],
    ],
)
def test_control_characters_never_reach_the_terminal(tmp_path, args):
    _evil_map(tmp_path / "evil.argmap.json")
    r = run(*args, cwd=tmp_path)
    assert "Traceback" not in r.stderr
    _no_controls(r.stdout)
    _no_controls(r.stderr)
    if "out.argdown" not in args:  # (that report quotes no map text)
        assert "\\u001b" in r.stdout + r.stderr  # shown escaped, not dropped


def test_json_output_stays_valid_and_equal(tmp_path):
    _evil_map(tmp_path / "evil.argmap.json")
    r = run("info", "--json", "evil.argmap.json", cwd=tmp_path)
    assert r.returncode == 0
    _no_controls(r.stdout)
    assert json.loads(r.stdout)["title"] == "Title" + _EVIL


def test_a_project_with_an_unknown_evil_key_is_reported_escaped(tmp_path):
    (tmp_path / "k.argmap.json").write_text(json.dumps({"format": "argmap", "schema_version": 1, "x" + _EVIL: 1}))
    line = one_line(run("validate", "k.argmap.json", cwd=tmp_path), "k.argmap.json")
    _no_controls(line)


def test_a_mistyped_command_is_named_with_a_suggestion(tmp_path):
    r = run("comapre", "a", "b", cwd=tmp_path)
    assert r.returncode == 2
    assert r.stderr.strip() == "argmap: unknown command 'comapre' (did you mean 'compare'?); see 'argmap --help'"
    r = run("evalute", "x.argmap.json", cwd=tmp_path)
    assert "did you mean 'evaluate'?" in r.stderr


def test_an_existing_file_named_like_a_command_is_not_a_mistyped_command(tmp_path):
    from argmap.cli import _mistyped_command

    (tmp_path / "comapre").write_text("[A]: a\n")
    assert _mistyped_command(str(tmp_path / "comapre")) is None
    assert _mistyped_command("notes.argdown") is None
    assert _mistyped_command("zzzzzz") is None
    assert _mistyped_command("chek") is not None


def _huge_project(path: Path, n: int) -> None:
    items = ",".join(f'{{"id":"s{i}","kind":"claim","text":"t"}}' for i in range(n))
    path.write_text(f'{{"format":"argmap","schema_version":1,"statements":[{items}]}}')


@pytest.mark.parametrize("command", sorted(COMMANDS) + ["export-png"])
def test_a_map_over_the_size_limit_is_refused_up_front_by_every_command(tmp_path, command):
    from argmap.formats.reading import MAX_MAP_ITEMS

    _huge_project(tmp_path / "huge.argmap.json", MAX_MAP_ITEMS + 1000)
    args = ["export", "huge.argmap.json", "-o", "out.png"] if command == "export-png" else [
        a.format(f="huge.argmap.json") for a in COMMANDS[command]
    ]
    line = one_line(run(*args, cwd=tmp_path, timeout=120), "huge.argmap.json")
    assert f"{MAX_MAP_ITEMS:,}" in line and "statements and links" in line
    assert not any(p.name.startswith("out") for p in tmp_path.iterdir())
