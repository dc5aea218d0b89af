"""Issue 14 hostile files, at the library level the app uses: non-regular files, huge
integers, positions out of range, wrong types, duplicate keys."""

from __future__ import annotations

import os

import pytest

from argmap.formats import load_project
from argmap.formats.argdown_read import loads_argdown
from argmap.formats.errors import FileFormatError, UnreadableFileError
from argmap.formats.interchange import read_any
from argmap.formats.reading import read_bytes
from argmap.formats.xml_safe import parse_xml_safely


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


_ENTITY_BOMB = (
    '<?xml version="1.0" encoding="{enc}"?>\n'
    '<!DOCTYPE graphml [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>\n'
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph edgedefault="directed">'
    '<node id="n1"><data key="text">&b;&b;&b;</data></node></graph></graphml>\n'
)


@pytest.mark.parametrize("fmt", ["graphml", "carneades", None])
@pytest.mark.parametrize("enc", ["utf-8", "utf-16", "utf-16-le", "utf-16-be"])
def test_xml_with_a_doctype_is_refused_whatever_the_encoding_and_reader(tmp_path, fmt, enc):
    declared = "UTF-16" if enc.startswith("utf-16") else "UTF-8"
    data = _ENTITY_BOMB.format(enc=declared).encode(enc)
    if enc == "utf-16-le":
        data = b"\xff\xfe" + data
    elif enc == "utf-16-be":
        data = b"\xfe\xff" + data
    p = tmp_path / "bomb.graphml"
    p.write_bytes(data)
    with pytest.raises(FileFormatError) as info:
        read_any(p, fmt)
    # Refused before any entity is expanded: by name, or (Carneades, auto-detection)
    # as UTF-16 text those readers do not take.
    assert "DOCTYPE" in str(info.value) or fmt != "graphml" and "XML tag" in str(info.value) or "UTF-16" in str(info.value)
    assert "aaaaaaaaaa" not in str(info.value)


def test_xml_safe_names_the_line_of_bad_xml():
    with pytest.raises(UnreadableFileError, match="line 2"):
        parse_xml_safely(b"<a>\n<b></a>", "x.xml")
