"""`argmap layout FILE -o OUT [--style] [--aspect]` as a subprocess: every style, imported
maps, the view settings kept, clear errors for bad arguments and files, no half-written
output."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from argmap.cli.layout import parse_aspect
from argmap.formats import load_project

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "examples" / "ottawa-convention.argmap.json"


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "argmap", "layout", *args], capture_output=True, text=True, cwd=cwd, timeout=120
    )


def _extent(path: Path) -> tuple[float, float]:
    amap = load_project(path).map
    xs = [s.pos[0] for s in amap.statements()]
    ys = [s.pos[1] for s in amap.statements()]
    return max(xs) - min(xs) + 260, max(ys) - min(ys)


@pytest.mark.parametrize("style", ["compact", "classic", "left-right"])
def test_every_style_lays_out_the_example_and_keeps_its_content(tmp_path: Path, style: str) -> None:
    r = _run(str(EXAMPLE), "-o", "out.argmap.json", "--style", style, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert f"29 statements laid out ({style}" in r.stderr
    before = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    after = json.loads((tmp_path / "out.argmap.json").read_text(encoding="utf-8"))
    for doc in (before, after):
        for s in doc["statements"]:
            s.pop("pos")
    assert after == before  # only positions change (metadata, view, links kept)


def test_styles_give_the_shapes_they_promise(tmp_path: Path) -> None:
    for style in ("classic", "left-right"):
        assert _run(str(EXAMPLE), "-o", f"{style}.argmap.json", "--style", style, "-q", cwd=tmp_path).returncode == 0
    wide, tall = _extent(tmp_path / "classic.argmap.json")
    assert wide > 3 * tall
    wide, tall = _extent(tmp_path / "left-right.argmap.json")
    assert tall > wide


def test_aspect_steers_the_compact_layout(tmp_path: Path) -> None:
    assert _run(str(EXAMPLE), "-o", "tall.argmap.json", "--aspect", "1:2", "-q", cwd=tmp_path).returncode == 0
    assert _run(str(EXAMPLE), "-o", "wide.argmap.json", "--aspect", "3:1", "-q", cwd=tmp_path).returncode == 0
    w1, h1 = _extent(tmp_path / "tall.argmap.json")
    w2, h2 = _extent(tmp_path / "wide.argmap.json")
    assert w1 / h1 < w2 / h2


def test_imported_kialo_map_is_laid_out_and_converted(tmp_path: Path, corpus_dir: Path) -> None:
    src = corpus_dir / "kialo-format" / "ottawa-newer-layout.txt"
    r = _run(str(src), "-o", "k.argmap.json", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    amap = load_project(tmp_path / "k.argmap.json").map
    assert len(amap.statements()) == 9 and all(s.pos is not None for s in amap.statements())


def test_same_input_same_bytes(tmp_path: Path) -> None:
    for name in ("a", "b"):
        assert _run(str(EXAMPLE), "-o", f"{name}.argmap.json", "-q", cwd=tmp_path).returncode == 0
    assert (tmp_path / "a.argmap.json").read_bytes() == (tmp_path / "b.argmap.json").read_bytes()


@pytest.mark.parametrize("aspect", ["0:9", "16:0", "wide", "-4:3", "nan", "inf:1", "100:1"])
def test_bad_aspect_is_refused_with_a_message(tmp_path: Path, aspect: str) -> None:
    r = _run(str(EXAMPLE), "-o", "out.argmap.json", "--aspect", aspect, cwd=tmp_path)
    assert r.returncode == 2
    assert "aspect" in r.stderr and "Traceback" not in r.stderr
    assert not (tmp_path / "out.argmap.json").exists()


def test_bad_style_and_missing_output_are_refused(tmp_path: Path) -> None:
    r = _run(str(EXAMPLE), "-o", "out.argmap.json", "--style", "spiral", cwd=tmp_path)
    assert r.returncode == 2 and "spiral" in r.stderr
    r = _run(str(EXAMPLE), cwd=tmp_path)
    assert r.returncode == 2 and "-o" in r.stderr


def test_unreadable_input_names_the_file_and_writes_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "broken.argmap.json"
    bad.write_text('{"format": "argmap", "schema_version": 1, "statements": [', encoding="utf-8")
    r = _run(str(bad), "-o", "out.argmap.json", cwd=tmp_path)
    assert r.returncode == 1 and "broken.argmap.json" in r.stderr and "Traceback" not in r.stderr
    assert not (tmp_path / "out.argmap.json").exists()
    r = _run(str(tmp_path / "missing.argmap.json"), "-o", "out.argmap.json", cwd=tmp_path)
    assert r.returncode == 1 and "missing.argmap.json" in r.stderr


def test_unwritable_output_leaves_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "no-such-folder" / "out.argmap.json"
    r = _run(str(EXAMPLE), "-o", str(target), cwd=tmp_path)
    assert r.returncode == 1 and "Traceback" not in r.stderr and "out.argmap.json" in r.stderr
    old = tmp_path / "old.argmap.json"
    old.write_bytes(EXAMPLE.read_bytes())
    (tmp_path / "sub").mkdir()
    r = _run(str(tmp_path / "sub"), "-o", str(old), cwd=tmp_path)
    assert r.returncode == 1
    assert old.read_bytes() == EXAMPLE.read_bytes()


@pytest.mark.parametrize(("text", "value"), [("16:9", 16 / 9), ("4/3", 4 / 3), ("1.5", 1.5), (" 1:1 ", 1.0)])
def test_parse_aspect(text: str, value: float) -> None:
    assert parse_aspect(text) == pytest.approx(value)
