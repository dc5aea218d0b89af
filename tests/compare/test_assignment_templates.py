"""Templates (built-in and saved) and Export Assignment (starter, worksheet, key and the
article, all or nothing)."""

from __future__ import annotations

import pytest

from argmap.compare.assignment import assignment_paths, starter_map, write_assignment
from argmap.formats.errors import WriteError
from argmap.formats.project import load_project
from argmap.formats.templates import (
    BUILTIN_DIR,
    list_templates,
    new_from_template,
    save_template,
)
from argmap.model import StatementKind
from argmap.reasoning import check_map
from tests.compare.students import EXAMPLE, load_model

NAMES = [
    "Question with positions",
    "Pro and contra",
    "Claim, reasons and objections",
    "Analyse an article",
    "Ottawa Convention assignment",
]


def test_builtin_templates_are_listed_in_order_and_load():
    templates = list_templates()
    assert [t.name for t in templates] == NAMES
    for t in templates:
        amap = new_from_template(t.path)
        assert amap.meta.created and amap.meta.student_description
        assert all(s.pos is not None for s in amap.statements())
        assert not [f for f in check_map(amap, t.path.parent) if f.code in ("quote-not-found", "support-cycle")]


def test_the_ottawa_template_has_the_question_and_the_article_but_no_answers():
    t = next(t for t in list_templates() if t.name == "Ottawa Convention assignment")
    amap = new_from_template(t.path)
    assert [s.kind for s in amap.statements()] == [StatementKind.QUESTION]
    [doc] = amap.meta.sources
    seed = load_model().meta.sources[0]
    assert doc.text == seed.text and "Ottawa Convention" in doc.text  # embedded, as in the example
    assert not list(BUILTIN_DIR.glob("*.txt"))  # no copy of the article beside the templates


def test_builtin_templates_are_saved_at_the_current_schema():
    import json

    from argmap.formats.project_schema import SCHEMA_VERSION

    for t in list_templates():
        assert json.loads(t.path.read_text(encoding="utf-8"))["schema_version"] == SCHEMA_VERSION


def test_a_saved_template_is_listed_after_the_builtin_ones(tmp_path):
    mine = tmp_path / "templates"
    path = save_template(load_model(), "My Ottawa lesson", mine)
    assert path.parent == mine and path.name.endswith(".argmap.json")
    templates = list_templates(mine)
    assert [t.name for t in templates][-1] == "My Ottawa lesson" and not templates[-1].builtin
    again = new_from_template(path)
    assert len(again) == len(load_model()) and again.meta.created


def test_starter_keeps_questions_and_optionally_positions():
    model = load_model()
    bare = starter_map(model)
    assert {s.kind for s in bare.statements()} == {StatementKind.QUESTION} and not bare.links()
    with_positions = starter_map(model, positions=True)
    assert {s.kind for s in with_positions.statements()} == {StatementKind.QUESTION, StatementKind.POSITION}
    assert all(s.answers for s in with_positions.statements() if s.kind is StatementKind.POSITION)


def test_export_assignment_writes_starter_worksheet_key_and_article(tmp_path):
    model = load_model()
    files = write_assignment(model, tmp_path / "ottawa", model_dir=EXAMPLE.parent)
    assert [p.name for p in files.all()] == ["ottawa.argmap.json", "ottawa-worksheet.html", "ottawa-key.html"]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in files.all())
    starter = load_project(files.starter).map
    assert starter.meta.sources[0].text == model.meta.sources[0].text  # the article travels inside
    assert not [f for f in check_map(starter, tmp_path) if f.code == "source-document-missing"]
    assert "Answer key" in files.key.read_text(encoding="utf-8")
    worksheet = files.worksheet.read_text(encoding="utf-8")
    assert "Worksheet" in worksheet and "Appendix: Poland and Baltic States" in worksheet
    assert "Finland weighs the same step" not in worksheet
    assert "Finland weighs the same step" in files.key.read_text(encoding="utf-8")


def test_an_article_known_only_by_its_file_is_embedded_in_the_starter(tmp_path):
    from dataclasses import replace

    model = load_model()
    [doc] = model.meta.sources
    (tmp_path / "teacher").mkdir()
    (tmp_path / "class").mkdir()
    (tmp_path / "teacher" / "article.txt").write_text(doc.text, encoding="utf-8")
    model.set_meta(replace(model.meta, sources=(replace(doc, text="", path="article.txt"),)))
    files = write_assignment(model, tmp_path / "class" / "ottawa", model_dir=tmp_path / "teacher")
    [embedded] = load_project(files.starter).map.meta.sources
    assert embedded.text.strip() == doc.text.strip() and embedded.path == "article.txt"
    assert sorted(p.name for p in (tmp_path / "class").iterdir()) == ["ottawa-key.html", "ottawa-worksheet.html", "ottawa.argmap.json"]


def test_export_assignment_is_all_or_nothing_when_a_target_is_a_folder(tmp_path):
    starter, worksheet, key = assignment_paths(tmp_path / "x")
    key.mkdir()
    with pytest.raises((WriteError, OSError)):
        write_assignment(load_model(), starter, model_dir=EXAMPLE.parent)
    assert not starter.exists() and not worksheet.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x-key.html"]
