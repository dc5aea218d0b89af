"""Writing several files together (a worksheet and its answer key): both or neither."""

from __future__ import annotations

import pytest

from argmap.formats import WriteError
from argmap.formats.atomic import atomic_write_files
from argmap.export.handout import write_handout
from argmap.model import ArgumentMap, MapMeta, Statement, StatementKind


def _leftovers(folder):
    return sorted(p.name for p in folder.iterdir())


def test_a_failure_on_the_second_file_writes_neither(tmp_path):
    (tmp_path / "b.txt").mkdir()
    (tmp_path / "a.txt").write_bytes(b"old")
    with pytest.raises(WriteError, match="b.txt: is a folder"):
        atomic_write_files([(tmp_path / "a.txt", b"new"), (tmp_path / "b.txt", b"new")])
    assert (tmp_path / "a.txt").read_bytes() == b"old"
    assert _leftovers(tmp_path) == ["a.txt", "b.txt"]


def test_both_files_are_written(tmp_path):
    atomic_write_files([(tmp_path / "a.txt", b"A"), (tmp_path / "b.txt", [b"B", b"b"])])
    assert (tmp_path / "a.txt").read_bytes() == b"A" and (tmp_path / "b.txt").read_bytes() == b"Bb"
    assert _leftovers(tmp_path) == ["a.txt", "b.txt"]


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_worksheet_whose_key_cannot_be_written_leaves_no_worksheet(tmp_path, fmt):
    amap = ArgumentMap.from_parts(MapMeta(title="T"), [Statement(id="e", kind=StatementKind.EVIDENCE, text="E")], [])
    (tmp_path / f"sheet.key.{fmt}").mkdir()
    with pytest.raises(WriteError, match="is a folder"):
        write_handout(tmp_path / f"sheet.{fmt}", amap, worksheet="evidence")
    assert _leftovers(tmp_path) == [f"sheet.key.{fmt}"]
