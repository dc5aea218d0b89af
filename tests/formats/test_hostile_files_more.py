"""Issue 14 hostile files, at the library level the app uses: non-regular files, huge
integers, positions out of range, wrong types, duplicate keys."""

from __future__ import annotations

import os

import pytest

from argmap.formats import load_project
from argmap.formats.argdown_read import loads_argdown
from argmap.formats.errors import UnreadableFileError
from argmap.formats.interchange import read_any
from argmap.formats.reading import read_bytes


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this system")
def test_read_bytes_refuses_a_fifo_without_blocking(tmp_path):
    fifo = tmp_path / "x.argmap.json"
    os.mkfifo(fifo)
    for reader in (read_bytes, load_project, read_any):
        with pytest.raises(UnreadableFileError, match="named pipe"):
            reader(fifo)


def test_read_bytes_refuses_a_device():
    if not os.path.exists("/dev/null"):
        pytest.skip("no /dev/null")
    with pytest.raises(UnreadableFileError, match="device"):
        read_bytes("/dev/null")


def test_load_project_names_a_huge_integer(tmp_path):
    p = tmp_path / "big.argmap.json"
    p.write_text('{"format": "argmap", "schema_version": 1, "metadata": {"extras": {"n": ' + "1" * 4301 + "}}}")
    with pytest.raises(UnreadableFileError, match="4,300 digits at line 1"):
        load_project(p)


def test_argdown_data_with_a_huge_integer_keeps_it_as_text():
    amap, _ = loads_argdown("[A]: a statement {order: " + "9" * 5000 + "}\n")
    assert [s.text for s in amap.statements()] == ["a statement"]
