"""Every finding kind on purpose-built pairs; the rubric changes the score and is saved
with the model answer; feedback names statements in plain words, never ids."""

from __future__ import annotations

from dataclasses import replace

import pytest

from argmap.compare import Rubric, compare_maps
from argmap.formats.project import (
    dumps_project,
    load_project,
    loads_project,
    save_project,
)
from argmap.model import (
    ArgumentMap,
    Link,
    LinkKind,
    MapMeta,
    Source,
    Statement,
    StatementKind,
)

K = StatementKind
QUOTE = "Military threats to NATO member states bordering Russia and Belarus have significantly increased."


def model_map() -> ArgumentMap:
    return ArgumentMap.from_parts(
        MapMeta(title="Leave the treaty?"),
        [
            Statement("q", K.QUESTION, "Should the four states leave the landmine treaty?", title="Leave the treaty?"),
            Statement("p1", K.POSITION, "Yes: deterring Russia needs every defensive option.", title="Deterrence need", answers="q"),
            Statement("p2", K.POSITION, "No: mines harm civilians for decades after a war.", title="Humanitarian risk", answers="q"),
            Statement(
                "e1", K.EVIDENCE, "The ministers say military threats on the border have significantly increased.",
                title="Threats have increased", source=Source(citation="The article", quotation=QUOTE),
            ),
            Statement("e2", K.EVIDENCE, "Finland is also considering leaving the convention.", title="Finland weighs the same step",
                      source=Source(citation="The article", quotation="Finland is also contemplating a similar withdrawal")),
            Statement("r1", K.REBUTTAL, "Estonia has no plans to deploy mines, so deterrence does not need them.", title="No plans to use mines"),
            Statement("c1", K.CLAIM, "Unexploded munitions stay dangerous for years or even decades.", title="Risk for decades"),
        ],
        [
            Link("l1", LinkKind.SUPPORT, ("e1",), "p1"),
            Link("l2", LinkKind.SUPPORT, ("e2",), "p1"),
            Link("l3", LinkKind.ATTACK, ("r1",), "p1"),
            Link("l4", LinkKind.SUPPORT, ("c1",), "p2"),
        ],
    )


def student_map(*, drop: tuple[str, ...] = (), relink: dict[str, tuple[LinkKind, str]] | None = None,
                extra: bool = False, quote: str | None = None) -> ArgumentMap:
    """The model with other ids ("s-" + id), as a student would hand it in."""
    model = model_map()
    statements = []
    for s in model.statements():
        if s.id in drop:
            continue
        src = s.source
        if s.id == "e1" and quote is not None:
            src = replace(src, quotation=quote)
        statements.append(replace(s, id="s-" + s.id, answers="s-" + s.answers if s.answers else None, source=src))
    links = []
    for lk in model.links():
        premise = lk.premises[0]
        if premise in drop:
            continue
        kind, target = (relink or {}).get(premise, (lk.kind, lk.target))
        links.append(Link("s" + lk.id, kind, ("s-" + premise,), "s-" + target))
    if extra:
        statements.append(Statement("s-x", K.CLAIM, "Winters in the Baltic region are long and cold.", title="Weather"))
        links.append(Link("s-lx", LinkKind.SUPPORT, ("s-x",), "s-p2"))
    return ArgumentMap.from_parts(MapMeta(authors=("Ana",)), statements, links)


def kinds(c) -> set[tuple[str, str | None, str | None]]:
    return {(f.kind, f.model, f.student) for f in c.findings}


def test_a_copy_with_other_ids_matches_everything():
    c = compare_maps(model_map(), student_map())
    assert {(m.model, m.student) for m in c.matched} == {(s, "s-" + s) for s in ("q", "p1", "p2", "e1", "e2", "r1", "c1")}
    assert c.findings == [] and c.score == 100


def test_missing():
    c = compare_maps(model_map(), student_map(drop=("r1",)))
    assert ("missing", "r1", None) in kinds(c)
    assert c.missing == ["r1"]
    assert "You found 2 of the 3 reasons and objections for 'Deterrence need'. Missing: 'No plans to use mines'." in c.feedback


def test_extra_is_said_neutrally():
    c = compare_maps(model_map(), student_map(extra=True))
    assert ("extra", None, "s-x") in kinds(c)
    message = next(f.message for f in c.findings if f.kind == "extra")
    assert "'Weather'" in message and "not necessarily wrong" in message


def test_misattached_names_both_statements_in_plain_words():
    c = compare_maps(model_map(), student_map(relink={"e2": (LinkKind.SUPPORT, "p2")}))
    assert ("misattached", "e2", "s-e2") in kinds(c)
    assert "The evidence 'Finland weighs the same step' supports 'Deterrence need', not 'Humanitarian risk'." in c.feedback
    assert not any("s-" in line for line in c.feedback)  # no ids


def test_wrong_polarity():
    c = compare_maps(model_map(), student_map(relink={"r1": (LinkKind.SUPPORT, "p1")}))
    assert ("wrong_polarity", "r1", "s-r1") in kinds(c)
    assert ("misattached", "r1", "s-r1") not in kinds(c)


def test_shorter_quote_of_the_same_sentence_still_matches():
    c = compare_maps(model_map(), student_map(quote="states bordering Russia and Belarus have significantly increased"))
    assert ("e1", "s-e1") in {(m.model, m.student) for m in c.matched}


def test_check_findings_of_the_student_map_are_reported_by_name():
    c = compare_maps(model_map(), student_map(drop=("c1",)))  # 'Humanitarian risk' left without a reason
    f = next(f for f in c.findings if f.kind == "position-no-support")
    assert f.student == "s-p2" and f.model is None
    assert "'Humanitarian risk'" in f.message and "s-p2" not in f.message


def test_rubric_weights_change_the_score():
    model = model_map()
    student = student_map(relink={"e2": (LinkKind.SUPPORT, "p2")}, extra=True)
    default = compare_maps(model, student).score
    lenient = compare_maps(model, student, Rubric(misattached=0.0, wrong_polarity=0.0)).score
    strict = compare_maps(model, student, Rubric(extra=5.0)).score
    assert lenient == 100
    assert strict < default < lenient


def test_rubric_is_saved_with_the_model_answer_and_used(tmp_path):
    model = model_map()
    rubric = Rubric(missing=1.0, extra=3.0)
    model.set_meta(replace(model.meta, rubric=rubric.as_meta()))
    path = tmp_path / "model.argmap.json"
    save_project(path, model)
    loaded = load_project(path).map
    assert Rubric.of_map(loaded.meta) == rubric
    student = student_map(extra=True)
    assert compare_maps(loaded, student).score == compare_maps(model_map(), student, rubric).score
    assert compare_maps(loaded, student).score != compare_maps(model_map(), student).score


def test_a_file_without_a_rubric_is_written_as_before():
    data = dumps_project(model_map())
    assert b"rubric" not in data and b"student_description" not in data
    assert loads_project(data).map == model_map()


@pytest.mark.parametrize("bad", [{"missing": -1}, {"missing": "2"}, {"missing": True}, {"nonsense": 3}])
def test_odd_rubric_values_fall_back_to_the_default(bad):
    assert Rubric.from_mapping(bad) == Rubric()


def test_empty_maps_compare_without_error():
    c = compare_maps(model_map(), ArgumentMap())
    assert c.score == 0 and len(c.missing) == 7 and c.matched == []


def test_a_huge_hand_in_is_reported_not_compared(tmp_path, monkeypatch):
    from argmap.compare import classroom

    monkeypatch.setattr(classroom, "MAX_STATEMENTS", 5)
    small = tmp_path / "small.argmap.json"
    save_project(small, student_map(drop=("e2", "r1", "c1")))  # 4 statements
    big = tmp_path / "big.argmap.json"
    save_project(big, student_map())  # 7 statements
    result = classroom.compare_class(model_map(), [small, big])
    assert [s.file for s in result.students] == [small]
    assert len(result.skipped) == 1 and "too many to compare" in result.skipped[0].problem


def test_a_position_drawn_as_supporting_the_question_is_not_a_finding():
    model = model_map()
    student = student_map()
    p1 = student.statement("s-p1")
    student.replace_statement(replace(p1, answers=None))
    student.add_link(Link("s-lq", LinkKind.SUPPORT, ("s-p1",), "s-q"))
    c = compare_maps(model, student)
    assert not [f for f in c.findings if f.model == "p1" and f.kind in ("misattached", "wrong_polarity")]
