"""`argmap convert` as a subprocess: formats from names and content, report on stderr,
non-zero exit only on failure, no half-written output."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import CORPUS


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "argmap", "convert", *args], capture_output=True, text=True, cwd=cwd, timeout=120)


def test_kialo_to_argdown_to_project_to_aif(tmp_path: Path, corpus_dir: Path) -> None:
    src = corpus_dir / "kialo-format" / "ottawa-newer-layout.txt"
    r = _run(str(src), "-o", "m.argdown", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "Imported 9 statements and 8 links" in r.stderr and "(Kialo)" in r.stderr and r.stdout == ""
    assert _run("m.argdown", "-o", "m.argmap.json", cwd=tmp_path).returncode == 0
    assert json.loads((tmp_path / "m.argmap.json").read_text())["format"] == "argmap"
    r = _run("m.argmap.json", "-o", "m.json", cwd=tmp_path)
    assert r.returncode == 0 and "AIF" in json.loads((tmp_path / "m.json").read_text())


def test_to_and_from_override_extensions(tmp_path: Path, corpus_dir: Path) -> None:
    src = corpus_dir / "aif" / "aifdb-plain" / "moralmaze" / "6064-original.json"
    r = _run(str(src), "-o", "out.txt", "--to", "graphml", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "L nodes" in r.stderr
    assert (tmp_path / "out.txt").read_bytes().startswith(b"<?xml")
    r = _run("out.txt", "--from", "graphml", "-o", "out.dot", "-q", cwd=tmp_path)
    assert r.returncode == 0 and r.stderr == ""
    assert (tmp_path / "out.dot").read_text().startswith("digraph")


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("in.json", '{"nodes": [1, 2', "truncated"),
        ("in.argdown", "[A]: a\n  !> [B]: b\n", "line 2"),
    ],
)
def test_failures_exit_non_zero_without_output(tmp_path: Path, name: str, content: str, message: str) -> None:
    (tmp_path / name).write_text(content)
    out = "x.json"
    r = _run(name, "-o", out, cwd=tmp_path)
    assert r.returncode == 1 and name in r.stderr and message in r.stderr
    assert "Traceback" not in r.stderr
    assert not (tmp_path / out).exists()


def test_unknown_output_format_and_missing_input(tmp_path: Path) -> None:
    if not CORPUS.is_dir():
        pytest.skip("no corpus")
    src = CORPUS / "argdown" / "intro.argdown"
    r = _run(str(src), "-o", "out.unknown", cwd=tmp_path)
    assert r.returncode == 1 and "format" in r.stderr
    r = _run("missing.json", "-o", "x.json", cwd=tmp_path)
    assert r.returncode == 1 and "no such file" in r.stderr
    r = _run(str(src), "-o", "x.txt", "--to", "kialo", cwd=tmp_path)
    assert r.returncode == 2  # argparse: kialo is read-only
