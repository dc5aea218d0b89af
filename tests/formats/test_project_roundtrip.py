"""Project files: any valid map saves and loads back equal; saving twice gives the same
bytes; the output is deterministic, sorted and UTF-8; both load paths agree."""

from __future__ import annotations

import json
from dataclasses import fields

from hypothesis import HealthCheck, given, settings

from argmap.formats import Project, ViewState, dumps_project, load_project, loads_project, save_project
from argmap.formats import project as project_module
from argmap.formats.project_schema import DOCUMENT, ProjectRecord
from argmap.model import ArgumentMap, Basis, Link, LinkKind, MapMeta, Source, Statement, StatementKind
from tests.model.strategies import maps
from tests.model.maps import debate

FAST = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(amap=maps())
def test_any_valid_map_saves_and_loads_back_equal(amap: ArgumentMap):
    data = dumps_project(amap, ViewState(zoom=1.5, theme="dark", center=(3.0, -4.5), show_labels=True))
    project = loads_project(data)
    assert project.map == amap
    assert project.view == ViewState(1.5, "dark", (3.0, -4.5), True)
    assert dumps_project(amap, project.view) == data
    assert dumps_project(project.map, project.view) == data


@FAST
@given(amap=maps())
def test_saving_twice_gives_identical_bytes_and_matches_the_reference_writer(amap: ArgumentMap):
    first = dumps_project(amap)
    assert dumps_project(amap) == first  # second save reuses cached record text
    assert dumps_project(amap.copy()) == first  # a fresh map: nothing cached
    assert first == _reference(amap)


@FAST
@given(amap=maps())
def test_fast_and_careful_load_paths_agree(amap: ArgumentMap):
    data = dumps_project(amap)
    fast = project_module._fast_record(data)
    careful = project_module._careful_record(data, "x")
    if fast is None:
        # The fast path declines only when counting cannot rule out a repeated key
        # (texts holding '":', such as an id ":"); the careful path then decides.
        assert not project_module._surely_unique_keys(data, careful)
        return
    assert fast == careful


def test_ordinary_maps_take_the_fast_path():
    data = dumps_project(debate())
    assert project_module._fast_record(data) is not None


def _reference(amap: ArgumentMap) -> bytes:
    """The whole document serialised in one go (what the incremental writer must equal)."""
    meta = amap.meta
    doc = {
        "format": "argmap",
        "schema_version": 2,
        "metadata": {
            "title": meta.title,
            "description": meta.description,
            "authors": list(meta.authors),
            "created": meta.created,
            "modified": meta.modified,
            "sources": [{"id": s.id, "title": s.title} for s in meta.sources],
            "extras": dict(sorted(meta.extras)),
        },
        "statements": amap.statements(),
        "links": amap.links(),
        "view": {"zoom": 1.0, "theme": "default", "center": None, "show_labels": False},
    }
    return DOCUMENT.dump_json(doc, indent=2, exclude_defaults=True) + b"\n"


def test_output_is_sorted_utf8_with_newline_and_stable_keys(tmp_path):
    m = ArgumentMap.from_parts(
        MapMeta(title="Zo\u00eb's map \u2014 \U0001f30d"),
        [Statement("b", StatementKind.CLAIM, "\u00e9t\u00e9"), Statement("a", StatementKind.CLAIM, "x", pos=(1, 2))],
        [Link("l2", LinkKind.SUPPORT, ("a",), "b"), Link("l1", LinkKind.ATTACK, ("b",), "a")],
    )
    path = tmp_path / "m.argmap.json"
    save_project(path, m)
    data = path.read_bytes()
    assert data.endswith(b"}\n") and not data.endswith(b"\n\n")
    assert "\u00e9t\u00e9".encode() in data and b"\\u" not in data  # real UTF-8, not escapes
    doc = json.loads(data)
    assert list(doc) == ["format", "schema_version", "metadata", "statements", "links", "view"]
    assert [s["id"] for s in doc["statements"]] == ["a", "b"]
    assert [link["id"] for link in doc["links"]] == ["l1", "l2"]
    assert doc["statements"][0] == {"id": "a", "kind": "claim", "text": "x", "pos": [1.0, 2.0]}
    assert load_project(path).map == m


def test_equal_maps_built_differently_give_equal_bytes():
    a = debate()
    b = ArgumentMap.from_parts(a.meta, reversed(a.statements()), reversed(a.links()))
    assert dumps_project(a) == dumps_project(b)


def test_int_and_float_positions_are_written_the_same():
    base = [Statement("a", StatementKind.CLAIM, "x", pos=(1, 2), order=3)]
    same = [Statement("a", StatementKind.CLAIM, "x", pos=(1.0, 2.0), order=3.0)]
    assert dumps_project(ArgumentMap.from_parts(MapMeta(), base, [])) == dumps_project(
        ArgumentMap.from_parts(MapMeta(), same, [])
    )


def test_edits_after_a_save_show_in_the_next_save():
    m = debate()
    first = dumps_project(m)
    m.replace_statement(Statement("c1", StatementKind.CLAIM, "Changed text"))
    second = dumps_project(m)
    assert second != first and b"Changed text" in second
    assert loads_project(second).map == m


def test_evidence_source_round_trip():
    s = Statement(
        "e", StatementKind.EVIDENCE, "t", source=Source("Cite", "Quote", "https://x", "para. 3", "2025", Basis.STATISTIC)
    )
    m = ArgumentMap.from_parts(MapMeta(), [s], [])
    assert loads_project(dumps_project(m)).map.statement("e").source.basis.value == "statistic"


def test_empty_map_round_trip():
    project = loads_project(dumps_project(ArgumentMap()))
    assert project == Project(ArgumentMap(), ViewState())


def test_file_fields_are_the_model_fields():
    """Statements and links are validated straight into model values, so a new model
    field changes the file format: this test makes that a conscious decision (update
    docs/file-format.md, and add a migration if old files need one)."""
    assert [f.name for f in fields(Statement)] == [
        "id", "kind", "text", "title", "notes", "tags", "pos", "source", "answers", "order", "rating", "credence",
    ]
    assert [f.name for f in fields(Link)] == ["id", "kind", "premises", "target", "strength", "scheme", "notes"]
    assert [f.name for f in fields(Source)] == ["citation", "quotation", "url", "locator", "date", "basis"]
    assert list(ProjectRecord.model_fields) == ["format", "schema_version", "metadata", "statements", "links", "view"]


def test_loads_accepts_text_too():
    m = debate()
    assert loads_project(dumps_project(m).decode("utf-8")).map == m
