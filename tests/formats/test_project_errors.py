"""Every kind of bad input gets one typed error naming the file, the place and the
problem: never a traceback, a crash, a hang or a half-loaded map."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from argmap.formats import (
    FileFormatError,
    InvalidContentError,
    NewerVersionError,
    UnreadableFileError,
    WrongFormatError,
    dumps_project,
    load_project,
)
from argmap.formats import reading
from tests.model.maps import debate

GOOD = json.loads(dumps_project(debate()))


S = {s["id"]: i for i, s in enumerate(GOOD["statements"])}  # statement index by id
L = {link["id"]: i for i, link in enumerate(GOOD["links"])}


def doc(**changes) -> dict:
    d = copy.deepcopy(GOOD)
    d.update(changes)
    return d


def with_statement(i: int, **fields) -> dict:
    d = copy.deepcopy(GOOD)
    d["statements"][i].update(fields)
    return d


def with_link(i: int, **fields) -> dict:
    d = copy.deepcopy(GOOD)
    d["links"][i].update(fields)
    return d


def without(d: dict, *path) -> dict:
    d = copy.deepcopy(d)
    node = d
    for part in path[:-1]:
        node = node[part]
    del node[path[-1]]
    return d


def load_bad(tmp_path: Path, content: bytes | str | dict, error: type[FileFormatError], *words: str) -> FileFormatError:
    path = tmp_path / "bad.argmap.json"
    if isinstance(content, dict):
        content = json.dumps(content, ensure_ascii=False)
    path.write_bytes(content.encode("utf-8", "surrogatepass") if isinstance(content, str) else content)
    with pytest.raises(error) as info:
        load_project(path)
    message = str(info.value)
    assert message.startswith(str(path) + ": "), message
    for word in words:
        assert word in message, message
    assert "Traceback" not in message
    return info.value


def test_not_json(tmp_path):
    load_bad(tmp_path, b"Hello, this is a letter.\n", UnreadableFileError, "not valid JSON", "line 1")


def test_truncated(tmp_path):
    data = dumps_project(debate())
    load_bad(tmp_path, data[: len(data) // 2], UnreadableFileError, "truncated")


def test_wrong_format(tmp_path):
    load_bad(tmp_path, doc(format="kialo"), WrongFormatError, "'kialo'", "format")
    load_bad(tmp_path, without(GOOD, "format"), WrongFormatError, '"format": "argmap"')
    load_bad(tmp_path, b"[1, 2, 3]", WrongFormatError, "top level is a list")
    load_bad(tmp_path, b'"argmap"', WrongFormatError, "top level is a string")


def test_newer_schema_version(tmp_path):
    err = load_bad(tmp_path, doc(schema_version=7), NewerVersionError, "newer argmap", "version 7", "up to version 2")
    assert (err.found, err.supported) == (7, 2)


@pytest.mark.parametrize("version", ["1", 1.5, None, True, -1])
def test_bad_schema_version(tmp_path, version):
    load_bad(tmp_path, doc(schema_version=version), InvalidContentError, "schema_version")


def test_missing_fields(tmp_path):
    load_bad(tmp_path, without(GOOD, "schema_version"), InvalidContentError, "schema_version", "missing")
    err = load_bad(tmp_path, without(GOOD, "statements", S["e1"], "text"), InvalidContentError, "required field is missing")
    assert err.where == f"statements[{S['e1']}] (id 'e1').text"
    err = load_bad(tmp_path, without(GOOD, "links", 0, "target"), InvalidContentError, "missing")
    assert err.where == "links[0] (id 'l1').target"
    load_bad(tmp_path, without(GOOD, "statements", 0, "kind"), InvalidContentError, "kind", "missing")


def test_unknown_fields(tmp_path):
    err = load_bad(tmp_path, with_statement(S["e1"], colour="red"), InvalidContentError, "unknown field")
    assert err.where == f"statements[{S['e1']}] (id 'e1').colour"
    load_bad(tmp_path, doc(extra_stuff=1), InvalidContentError, "extra_stuff", "unknown field")
    load_bad(tmp_path, with_link(1, weight=2), InvalidContentError, "links[1]", "weight", "unknown field")
    bad_source = copy.deepcopy(GOOD)
    bad_source["statements"][S["e1"]]["source"]["page"] = 4
    load_bad(tmp_path, bad_source, InvalidContentError, "source.page", "unknown field")


def test_wrong_values(tmp_path):
    load_bad(tmp_path, with_statement(0, kind="opinion"), InvalidContentError, "'opinion'", "question", "kind")
    load_bad(tmp_path, with_statement(0, text=5), InvalidContentError, "statements[0]", "text")
    load_bad(tmp_path, with_statement(0, credence=150), InvalidContentError, "credence")
    load_bad(tmp_path, doc(statements="many"), InvalidContentError, "statements")
    load_bad(tmp_path, doc(statements=[3]), InvalidContentError, "statements[0]", "object")
    load_bad(tmp_path, doc(view={"zoom": 0}), InvalidContentError, "view.zoom")


def test_duplicate_ids(tmp_path):
    d = copy.deepcopy(GOOD)
    d["statements"].append(dict(d["statements"][1]))
    err = load_bad(tmp_path, d, InvalidContentError, "duplicate id 'e1'")
    assert err.where == f"statements[{len(d['statements']) - 1}] (id 'e1')"
    err = load_bad(tmp_path, with_link(2, id="c1"), InvalidContentError, "duplicate id 'c1'")
    assert err.where == "links[2] (id 'c1')"
    sources = doc(metadata={**GOOD["metadata"], "sources": [{"id": "a", "title": "A"}, {"id": "a", "title": "B"}]})
    load_bad(tmp_path, sources, InvalidContentError, "duplicate id 'a'", "metadata.sources[1]")


def test_link_to_missing_id(tmp_path):
    err = load_bad(tmp_path, with_link(0, target="nowhere"), InvalidContentError, "'nowhere'", "missing")
    assert err.where == "links[0] (id 'l1')"
    load_bad(tmp_path, with_link(1, premises=["ghost"]), InvalidContentError, "'ghost'", "links[1]")
    load_bad(tmp_path, with_statement(S["p1"], answers="ghost"), InvalidContentError, "'ghost'", f"statements[{S['p1']}]")


def test_link_with_no_premise_or_no_target(tmp_path):
    load_bad(tmp_path, with_link(0, premises=[]), InvalidContentError, "no premise", "links[0] (id 'l1')")
    load_bad(tmp_path, with_link(0, target=""), InvalidContentError, "no target", "links[0]")
    load_bad(tmp_path, without(GOOD, "links", 0, "premises"), InvalidContentError, "premises", "missing")


@pytest.mark.parametrize("token", ["NaN", "Infinity", "-Infinity"])
def test_nan_or_infinite_coordinates(tmp_path, token):
    text = json.dumps(with_statement(0, pos=[0.0, 1.0])).replace("[0.0, 1.0]", f"[{token}, 1.0]")
    load_bad(tmp_path, text, UnreadableFileError, token.lstrip("-"), "not a valid JSON number")


def test_overflowing_numbers(tmp_path):
    text = json.dumps(with_statement(0, pos=[0.0, 1.0])).replace("[0.0, 1.0]", "[1e400, 1.0]")
    load_bad(tmp_path, text, InvalidContentError, "statements[0] (id 'c1').pos[0]", "finite")
    extras = json.dumps(doc(metadata={**GOOD["metadata"], "extras": {"x": [1.0]}})).replace("[1.0]", "[1e400]")
    load_bad(tmp_path, extras, InvalidContentError, "metadata.extras", "too large")


def test_lone_surrogates(tmp_path):
    text = json.dumps(with_statement(2, text="before \ud800 after"))  # escaped as \ud800
    assert "\\ud800" in text
    load_bad(tmp_path, text, UnreadableFileError, "lone surrogate", "statements[2].text")
    raw = json.dumps(with_statement(2, text="x\udc80y"), ensure_ascii=False)  # raw surrogate bytes
    load_bad(tmp_path, raw, UnreadableFileError, "not valid UTF-8")


def test_invalid_utf8(tmp_path):
    data = json.dumps(with_statement(0, text="caf\u00e9")).encode().replace(b"caf\\u00e9", b"caf\xe9")
    load_bad(tmp_path, data, UnreadableFileError, "not valid UTF-8", "0xe9", "line 1")


def test_nested_thousands_deep(tmp_path):
    deep = '{"format": "argmap", "schema_version": 1, "metadata": {"extras": {"x": ' + "[" * 5000 + "]" * 5000 + "}}}"
    load_bad(tmp_path, deep, UnreadableFileError, "nests too deeply")
    load_bad(tmp_path, "[" * 100_000, UnreadableFileError)
    medium = doc(metadata={**GOOD["metadata"], "extras": {"x": json.loads("[" * 100 + "]" * 100)}})
    load_bad(tmp_path, medium, InvalidContentError, "metadata.extras", "levels deep")


def test_file_over_the_size_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(reading, "MAX_FILE_BYTES", 1000)
    load_bad(tmp_path, dumps_project(debate()), UnreadableFileError, "larger than the 1000 bytes limit")


def test_empty_file(tmp_path):
    load_bad(tmp_path, b"", UnreadableFileError, "is empty")
    load_bad(tmp_path, b" \n\t\n", UnreadableFileError, "is empty")


def test_directory_and_missing_file(tmp_path):
    with pytest.raises(UnreadableFileError, match="is a folder, not a file") as info:
        load_project(tmp_path)
    assert str(tmp_path) in str(info.value)
    with pytest.raises(UnreadableFileError, match="no such file"):
        load_project(tmp_path / "missing.argmap.json")


def test_byte_order_mark_is_accepted(tmp_path):
    path = tmp_path / "bom.argmap.json"
    path.write_bytes(b"\xef\xbb\xbf" + dumps_project(debate()))
    assert load_project(path).map == debate()


def test_older_format_errors_name_the_version(tmp_path):
    v0 = {"format": "argmap", "schema_version": 0, "statements": "not a list of statements"}
    load_bad(tmp_path, v0, InvalidContentError, "version 0")


def test_every_error_is_a_file_format_error():
    for cls in (UnreadableFileError, WrongFormatError, NewerVersionError, InvalidContentError):
        assert issubclass(cls, FileFormatError)
