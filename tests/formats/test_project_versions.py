"""Schema versions: a frozen file of every version ever written still opens; older
versions migrate step by step with pure functions; the current one re-saves unchanged."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from argmap.formats import InvalidContentError, load_project, loads_project
from argmap.formats.migrations import MIGRATIONS, migrate
from argmap.formats.project import dumps_project
from argmap.formats.project_schema import SCHEMA_VERSION
from argmap.model import Basis, LinkKind, Rating, StatementKind, Strength

DATA = Path(__file__).parent / "data"


def test_every_version_has_a_frozen_sample_and_a_migration_step():
    for version in range(SCHEMA_VERSION + 1):
        assert (DATA / f"project-v{version}.argmap.json").is_file(), f"no frozen sample of version {version}"
    assert sorted(MIGRATIONS) == list(range(SCHEMA_VERSION))


def test_version_0_sample_migrates():
    project = load_project(DATA / "project-v0.argmap.json")
    m = project.map
    assert m.meta.title == "School uniforms (prototype file)"
    assert m.meta.authors == ("Ms. Kowalska", "Class 9B")
    assert m.statement("q").pos == (400.0, 0.0)
    assert [s.id for s in m.positions("q")] == ["p-yes", "p-no"]
    assert m.statement("e-cost").source.basis is Basis.STATISTIC
    assert m.statement("r-cost").tags == ("cost",)
    assert m.link("l1").premises == ("e-cost", "c-equal")  # a co-premise group
    assert m.link("l3").target == "l1"  # an undercut
    assert [link.id for link in m.attackers("l1")] == ["l3"]
    # saved again it is a current-version file that loads to the same map
    data = dumps_project(m)
    assert json.loads(data)["schema_version"] == SCHEMA_VERSION
    assert loads_project(data).map == m


def test_migration_steps_are_pure():
    raw = json.loads((DATA / "project-v0.argmap.json").read_text(encoding="utf-8"))
    before = copy.deepcopy(raw)
    out = migrate(raw, 0, SCHEMA_VERSION)
    assert raw == before
    assert out["schema_version"] == SCHEMA_VERSION
    assert out["links"][0]["premises"] == ["e-cost", "c-equal"]
    assert "x" not in out["statements"][0] and out["statements"][0]["pos"] == [400, 0]
    assert migrate(out, SCHEMA_VERSION, SCHEMA_VERSION) is out


def test_version_0_with_unknown_leftovers_is_refused_not_dropped(tmp_path):
    raw = json.loads((DATA / "project-v0.argmap.json").read_text(encoding="utf-8"))
    raw["colour_scheme"] = "blue"
    path = tmp_path / "old.argmap.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(InvalidContentError, match="colour_scheme.*unknown field"):
        load_project(path)


def test_version_1_sample_loads_with_every_field():
    project = load_project(DATA / "project-v1.argmap.json")
    m = project.map
    assert m.meta.sources[0].path == "sources/minutes.txt"
    assert dict(m.meta.extras)["kialo"]["tags"] == ["transport"]
    e1 = m.statement("e1")
    assert e1.source.locator == "para. 12" and e1.tags == ("trial", "numbers")
    assert m.statement("p1").rating is Rating.ACCEPTED and m.statement("p1").credence == 80
    assert m.statement("c1").notes.endswith("Second line of notes.")
    assert m.link("l1").strength is Strength.STRONG and m.link("l1").kind is LinkKind.SUPPORT
    assert m.link("l4").target == "l3"  # an attack on an attack
    assert m.statement("q").kind is StatementKind.QUESTION and m.statement("q").title == "Night buses?"
    assert project.view.theme == "colour-blind" and project.view.center == (350.0, 400.0)


def test_current_version_sample_saves_back_byte_for_byte():
    path = DATA / f"project-v{SCHEMA_VERSION}.argmap.json"
    project = load_project(path)
    assert dumps_project(project.map, project.view) == path.read_bytes()


def test_the_documented_example_is_exactly_what_argmap_writes():
    """docs/file-format.md shows a complete file: it must load, and re-save unchanged."""
    text = (Path(__file__).resolve().parents[2] / "docs" / "file-format.md").read_text(encoding="utf-8")
    block = text.split("```json\n", 1)[1].split("```", 1)[0].encode("utf-8")
    project = loads_project(block)
    assert dumps_project(project.map, project.view) == block
    assert [link.id for link in project.map.attackers("l1")] == ["l3"]  # the undercut


def test_version_1_migrates_to_2_as_a_pure_step():
    raw = json.loads((DATA / "project-v1.argmap.json").read_text(encoding="utf-8"))
    before = copy.deepcopy(raw)
    out = MIGRATIONS[1](raw)
    assert raw == before  # the input is untouched
    assert out["schema_version"] == 2
    assert out["metadata"]["sources"] == raw["metadata"]["sources"]  # nothing else changes
    assert {k: v for k, v in out.items() if k != "schema_version"} == {
        k: v for k, v in raw.items() if k != "schema_version"
    }


def test_version_1_file_loads_and_saves_as_version_2_without_losing_anything():
    v1 = load_project(DATA / "project-v1.argmap.json")
    again = loads_project(dumps_project(v1.map, v1.view))
    assert again.map == v1.map and again.view == v1.view
    assert json.loads(dumps_project(v1.map, v1.view))["schema_version"] == 2
    assert all(d.text == "" for d in v1.map.meta.sources)


def test_version_2_sample_carries_source_texts():
    m = load_project(DATA / "project-v2.argmap.json").map
    council, report, survey = m.meta.sources
    assert (council.author, council.publisher, council.date) == ("City Clerk", "City of Riverton", "2024-05-12")
    assert "forty passengers an hour \u2014 \u201cmore than expected\u201d" in council.text
    assert report.paged and not council.paged
    assert survey.text == "" and survey.url == "https://example.org/survey"
