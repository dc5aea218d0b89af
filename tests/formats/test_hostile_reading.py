"""Hostile and damaged inputs to the shared reading helpers and format detection: each
gets a typed error naming the file and the problem, never a map read by the wrong reader."""

from __future__ import annotations

import json

import pytest

from argmap.formats import FileFormatError, UnreadableFileError, WrongFormatError, load_project
from argmap.formats.interchange import read_any

EXAMPLE_HEAD = b'{"format": "argmap", "schema_version": 1}'


def _write(tmp_path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        # A damaged JSON file used to be read as Argdown text and "converted".
        ("map.argmap.json", b"x" + EXAMPLE_HEAD, "not valid JSON"),
        ("nodeset.json", b"garbage", "not valid JSON"),
        ("map.aif", b"#" + EXAMPLE_HEAD, "not valid JSON"),
        ("graph.graphml", b"garbage", "not GraphML"),
        # Carneades YAML used to be read as Argdown.
        ("walton.yml", b"statements:\n  s1: {text: a}\n", "YAML"),
        ("walton.yaml", b"statements:\n  s1: {text: a}\n", "YAML"),
        ("graph.xml", b"<?xml version='1.0'?><argument-graph/>", "not GraphML"),
    ],
)
def test_a_file_that_is_not_what_its_name_says_is_refused(tmp_path, name, data, words):
    path = _write(tmp_path, name, data)
    with pytest.raises(FileFormatError, match=words) as info:
        read_any(path)
    assert str(path) in str(info.value)


def test_carneades_yaml_is_called_unsupported(tmp_path):
    path = _write(tmp_path, "toulmin.yml", b"meta:\n  title: Toulmin\nstatements:\n  s: {text: x}\n")
    with pytest.raises(WrongFormatError, match="cannot read"):
        read_any(path)


def test_argdown_with_an_unknown_extension_still_reads(tmp_path):
    path = _write(tmp_path, "notes.md", b"[A]: The first claim.\n  + [B]: A reason for it.\n")
    amap, _report = read_any(path)
    assert len(amap.statements()) == 2


@pytest.mark.parametrize("name", ["debate.argdown", "debate.txt", "map.argmap.json", "map.json"])
def test_nul_bytes_are_refused_as_binary(tmp_path, name):
    path = _write(tmp_path, name, b"[A]: text\x00more\n")
    with pytest.raises(UnreadableFileError, match="NUL byte .*line 1"):
        read_any(path)


@pytest.mark.parametrize(("encoding", "label"), [("utf-16", "UTF-16"), ("utf-32", "UTF-32")])
def test_utf16_and_utf32_are_named(tmp_path, encoding, label):
    text = json.dumps({"format": "argmap", "schema_version": 1})
    path = _write(tmp_path, "map.argmap.json", text.encode(encoding))
    with pytest.raises(UnreadableFileError, match=f"is {label} text"):
        load_project(path)
    argdown = _write(tmp_path, "map.argdown", "[A]: text\n".encode(encoding))
    with pytest.raises(UnreadableFileError, match=f"is {label} text"):
        read_any(argdown)


@pytest.mark.parametrize("data", [b"\xef\xbb\xbf", b"\xef\xbb\xbf \r\n\t\n"])
@pytest.mark.parametrize("name", ["map.argmap.json", "debate.argdown"])
def test_a_byte_order_mark_alone_is_an_empty_file(tmp_path, name, data):
    path = _write(tmp_path, name, data)
    with pytest.raises(UnreadableFileError, match="is empty"):
        read_any(path)
