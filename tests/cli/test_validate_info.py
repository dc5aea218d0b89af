"""`argmap --help`, `argmap validate` and `argmap info` run as real subprocesses on good
and broken files (and on the example map when it is there)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from argmap.formats import save_project
from argmap.model import ArgumentMap, MapMeta, Statement, StatementKind
from tests.conftest import EXAMPLE
from tests.model.maps import debate

SCRIPT = Path(sys.executable).with_name("argmap")


def run(*args: str | Path, module: bool = True) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "argmap"] if module else [str(SCRIPT)]
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [*command, *map(str, args)], capture_output=True, text=True, encoding="utf-8", timeout=60, env=env
    )


@pytest.fixture
def good(tmp_path) -> Path:
    path = tmp_path / "good.argmap.json"
    save_project(path, debate())
    return path


@pytest.fixture
def broken(tmp_path) -> list[Path]:
    files = {
        "notjson.argmap.json": b"this is not JSON",
        "empty.argmap.json": b"",
        "newer.argmap.json": b'{"format": "argmap", "schema_version": 99}',
        "dangling.argmap.json": (
            b'{"format": "argmap", "schema_version": 1, "statements": [{"id": "a", "kind": "claim", "text": "x"}],'
            b' "links": [{"id": "l", "kind": "support", "premises": ["a"], "target": "ghost"}]}'
        ),
    }
    out = []
    for name, data in files.items():
        path = tmp_path / name
        path.write_bytes(data)
        out.append(path)
    return out


def test_help_lists_the_commands():
    result = run("--help")
    assert result.returncode == 0
    for command in ("validate", "info"):
        assert command in result.stdout
    assert result.stderr == ""


@pytest.mark.skipif(not SCRIPT.exists(), reason="console script not installed next to this Python")
def test_console_script_runs():
    result = run("--help", module=False)
    assert result.returncode == 0 and "validate" in result.stdout


def test_validate_good_file(good, tmp_path):
    result = run("validate", good)
    assert result.returncode == 0, result.stderr
    assert f"{good}: valid (8 statements, 4 links)" in result.stdout
    assert result.stderr == ""
    single = tmp_path / "single.argmap.json"
    save_project(single, ArgumentMap.from_parts(MapMeta(), [Statement("a", StatementKind.CLAIM, "Alone")], []))
    assert f"{single}: valid (1 statement, 0 links)" in run("validate", single).stdout
    quiet = run("validate", "-q", good)
    assert quiet.returncode == 0 and quiet.stdout == ""


def test_validate_broken_files_one_line_each(good, broken, tmp_path):
    result = run("validate", good, *broken, tmp_path)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == len(broken) + 1, result.stderr
    for path, line in zip([*broken, tmp_path], lines):
        assert line.startswith(f"argmap: {path}: ")
    assert "Traceback" not in result.stderr
    assert "not valid JSON" in lines[0]
    assert "is empty" in lines[1]
    assert "newer argmap" in lines[2] and "99" in lines[2]
    assert "'ghost'" in lines[3]
    assert "is a folder" in lines[4]
    assert f"{good}: valid" in result.stdout


def test_validate_needs_a_file():
    result = run("validate")
    assert result.returncode == 2
    assert "FILE" in result.stderr


def test_info_text(good):
    result = run("info", good)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.splitlines()[0] == "Debate"
    assert "8 statements: 1 question, 2 positions, 1 claim, 1 evidence, 3 rebuttals" in out
    assert "1 support, 3 attacks" in out
    assert "Question: Should they?" in out
    assert "  - Yes  (1 support, 1 attack)" in out
    assert "  - No  (0 supports, 0 attacks)" in out


def test_info_json(good):
    result = run("info", "--json", good)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["title"] == "Debate"
    assert data["statements"] == {"question": 1, "position": 2, "claim": 1, "evidence": 1, "rebuttal": 3}
    assert data["links"] == {"support": 1, "attack": 3}
    (question,) = data["questions"]
    assert question["id"] == "q"
    assert [(p["id"], p["supports"], p["attacks"]) for p in question["positions"]] == [("p1", 1, 1), ("p2", 0, 0)]


def test_info_on_broken_file(broken):
    result = run("info", broken[0])
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.startswith(f"argmap: {broken[0]}: ")
    assert "Traceback" not in result.stderr


def test_info_unicode_text(tmp_path):
    amap = debate()
    from argmap.model import MapMeta

    amap.set_meta(MapMeta(title="Zo\u00eb \u2014 \u0645\u0631\u062d\u0628\u0627 \U0001f30d"))
    path = tmp_path / "u.argmap.json"
    save_project(path, amap)
    result = run("info", path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == amap.meta.title


@pytest.mark.skipif(not EXAMPLE.exists(), reason="the example map is not there yet")
def test_on_the_example():
    result = run("validate", EXAMPLE)
    assert result.returncode == 0, result.stderr
    info = run("info", "--json", EXAMPLE)
    assert info.returncode == 0, info.stderr
    data = json.loads(info.stdout)
    assert data["statements"]["question"] >= 1 and data["statements"]["evidence"] >= 12
    assert len(data["questions"][0]["positions"]) == 3
    text = run("info", EXAMPLE)
    assert text.returncode == 0 and "Question:" in text.stdout
