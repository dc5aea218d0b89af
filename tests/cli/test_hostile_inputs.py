"""Every command as a subprocess on broken, foreign and hostile inputs: a non-zero exit
only on failure, one readable `argmap:` line naming the file, no traceback, no output or
temporary file left behind."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from argmap.formats import save_project
from argmap.model import ArgumentMap, Link, LinkKind, MapMeta, Statement, StatementKind


def _run(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "argmap", *args], capture_output=True, text=True, cwd=cwd, timeout=60,
        env=full_env, encoding="utf-8", errors="replace",
    )


def _one_clear_line(r: subprocess.CompletedProcess[str], name: str) -> str:
    assert r.returncode != 0
    assert "Traceback" not in r.stderr
    lines = [line for line in r.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("argmap: ") and name in lines[0], r.stderr
    return lines[0]


_BROKEN = {
    "walton.yml": b"statements:\n  s1:\n    text: A claim\n",
    "damaged.argmap.json": b"\x01" + b'{"format": "argmap", "schema_version": 1}',
    "nul.argdown": b"[A]: a\x00b\n",
    "utf16.argdown": "[A]: text\n".encode("utf-16"),
}

_COMMANDS = {
    "validate": ["validate", "{f}"],
    "info": ["info", "{f}"],
    "evaluate": ["evaluate", "{f}"],
    "check": ["check", "{f}"],
    "convert": ["convert", "{f}", "-o", "out/x.argmap.json"],
    "export-md": ["export", "{f}", "-o", "out/x.md"],
}


_CASES = [(c, n) for c in sorted(_COMMANDS) for n in ("walton.yml", "damaged.argmap.json")] + [
    ("convert", "nul.argdown"),
    ("convert", "utf16.argdown"),
]


@pytest.mark.parametrize(("command", "name"), _CASES)
def test_broken_inputs_get_one_line_and_no_output(tmp_path, command, name):
    (tmp_path / name).write_bytes(_BROKEN[name])
    (tmp_path / "out").mkdir()
    args = [a.replace("{f}", name) for a in _COMMANDS[command]]
    _one_clear_line(_run(*args, cwd=tmp_path), name)
    assert list((tmp_path / "out").iterdir()) == []


def test_carneades_yaml_is_an_unsupported_format_not_argdown(tmp_path):
    (tmp_path / "toulmin.yml").write_text("meta:\n  title: Toulmin\nstatements:\n  claim:\n    text: Harry is British\n")
    line = _one_clear_line(_run("convert", "toulmin.yml", "-o", "t.argmap.json", cwd=tmp_path), "toulmin.yml")
    assert "YAML" in line and "cannot read" in line
    assert not (tmp_path / "t.argmap.json").exists()


def test_worksheet_whose_answer_key_cannot_be_written_leaves_nothing(tmp_path, example_path):
    (tmp_path / "sheet.key.md").mkdir()
    r = _run("export", str(example_path), "--worksheet", "evidence", "-o", "sheet.md", cwd=tmp_path)
    _one_clear_line(r, "sheet.key.md")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sheet.key.md"]


def _deep_chain(path: Path, n: int) -> None:
    statements = [Statement(id=f"s{i}", kind=StatementKind.POSITION if i == 0 else StatementKind.CLAIM, text=f"Claim {i}.")
                  for i in range(n)]
    links = [Link(f"l{i}", LinkKind.SUPPORT, (f"s{i}",), f"s{i - 1}") for i in range(1, n)]
    save_project(path, ArgumentMap.from_parts(MapMeta(title="Deep"), statements, links))


@pytest.mark.parametrize("ext", ["md", "html"])
def test_a_deep_chain_exports_as_a_handout(tmp_path, ext):
    _deep_chain(tmp_path / "deep.argmap.json", 600)
    r = _run("export", "deep.argmap.json", "-o", f"deep.{ext}", "-q", cwd=tmp_path)
    assert r.returncode == 0 and "Traceback" not in r.stderr, r.stderr
    assert "Claim 599." in (tmp_path / f"deep.{ext}").read_text(encoding="utf-8")


@pytest.mark.parametrize("command", [["validate"], ["check"], ["check", "--json"], ["evaluate", "--json"], ["info", "--json"]])
def test_a_terminal_that_cannot_show_unicode_gets_escapes_not_a_crash(tmp_path, example_path, command):
    folder = tmp_path / "Łódź ש 😀"
    folder.mkdir()
    path = folder / "Map ł.argmap.json"
    path.write_bytes(example_path.read_bytes())
    r = _run(*command, str(path), cwd=tmp_path, env={"PYTHONIOENCODING": "ascii"})
    assert "Traceback" not in r.stderr, r.stderr
    assert r.returncode in (0, 1)  # check exits 1 when a finding is an error
    if "--json" in command:
        json.loads(r.stdout)  # still valid JSON
    else:
        assert "\\u0141\\xf3d\\u017a" in r.stdout
