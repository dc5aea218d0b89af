"""Weighing and preference-based defeat on worked examples: an attack defeats a statement
only when at least as strong; undercuts always count; the student's ratings win."""

from __future__ import annotations

from pathlib import Path

import pytest

from argmap.model import (
    Basis,
    Link,
    LinkKind,
    MapMeta,
    Rating,
    Source,
    SourceDocument,
    Statement,
    Strength,
)
from argmap.reasoning import Label, evaluate, explain, grounded, weigh, weighed, what_if
from argmap.reasoning.weighing import BARE, OFFICIAL, REPORT, STUDY, UNCHECKED
from tests.reasoning.maps import K, make_map

I, O, U = Label.IN, Label.OUT, Label.UNDECIDED
ARTICLE = "A study of 2,000 pupils found that test scores rose by 12% after phones were banned."


def _doc(tmp_path: Path) -> MapMeta:
    (tmp_path / "article.txt").write_text(ARTICLE, encoding="utf-8")
    return MapMeta(title="Phones", sources=(SourceDocument("art", "Phones study", path="article.txt"),))


def _study(sid: str = "study", basis: Basis = Basis.STUDY, quotation: str = "test scores rose by 12%") -> Statement:
    return Statement(sid, K.EVIDENCE, "Study: scores rose 12%", source=Source(citation="art", quotation=quotation, basis=basis))


def _phones(tmp_path: Path, rebuttal: Statement | None = None, attack_strength: Strength | None = None):
    r = rebuttal or Statement("r", K.REBUTTAL, "Scores are not the same as attention")
    return make_map(
        {"study": _study(), "r": r},
        [],
        meta=_doc(tmp_path),
    ), r


def _attack(amap, premise: str, target: str, strength: Strength | None = None, lid: str = "a"):
    amap.add_link(Link(lid, LinkKind.ATTACK, (premise,), target, strength=strength))
    return amap


def test_checked_quotation_gives_the_basis_level(tmp_path):
    amap = make_map(
        {
            "study": _study(),
            "expert": _study("expert", Basis.EXPERT),
            "news": _study("news", Basis.NEWS_REPORT),
            "wrong": _study("wrong", quotation="scores fell"),
            "bare": (K.CLAIM, "Just a claim"),
        },
        meta=_doc(tmp_path),
    )
    w = weigh(amap, tmp_path)
    levels = {sid: w.statements[sid].level for sid in ("study", "expert", "news", "wrong", "bare")}
    assert levels == {"study": STUDY, "expert": OFFICIAL, "news": REPORT, "wrong": BARE, "bare": BARE}
    assert "checked against its source" in w.statements["study"].why
    # without the document the quotation cannot be checked: one level for every basis
    (tmp_path / "article.txt").unlink()
    unchecked = weigh(amap, tmp_path)
    assert unchecked.statements["study"].level == unchecked.statements["news"].level == UNCHECKED



def test_the_embedded_text_checks_quotations_without_any_file(tmp_path):
    """A map carrying its article (schema 2) is weighed from that text, as the checks
    read it: no file beside the project is needed, and a misquotation is still caught."""
    meta = MapMeta(title="Phones", sources=(SourceDocument("art", "Phones study", text=ARTICLE),))
    amap = make_map({"study": _study(), "wrong": _study("wrong", quotation="scores fell")}, meta=meta)
    w = weigh(amap, tmp_path)  # tmp_path holds no article.txt
    assert w.statements["study"].level == STUDY and "checked against its source" in w.statements["study"].why
    assert w.statements["wrong"].level == BARE

def test_weaker_attacker_does_not_defeat_and_explanation_says_why(tmp_path):
    amap, _ = _phones(tmp_path)
    _attack(amap, "r", "study")
    assert grounded(amap)["study"] is O  # every attack counts: the last word wins
    lab = weighed(amap, base_dir=tmp_path)
    assert lab["study"] is I and lab["a"] is I  # the attack holds but does not defeat
    text = explain(amap, "study", lab)
    assert "'Scores are not the same as attention' does not defeat 'Study: scores rose 12%' because it is weaker" in text
    assert "no source" in text and "quotes a study, checked against its source" in text
    assert "Give it a source, or rate the attack strong, to change that." in text


def test_equal_attacker_defeats(tmp_path):
    amap = make_map({"c": (K.CLAIM, "Phones distract"), "r": (K.REBUTTAL, "Not all of them")}, [("a", "attack", "r", "c")])
    lab = weighed(amap)
    assert lab["c"] is O
    assert "they weigh the same" in explain(amap, "c", lab)


def test_stronger_attacker_defeats(tmp_path):
    amap = make_map({"c": (K.CLAIM, "Phones never matter"), "study": _study()}, meta=_doc(tmp_path))
    _attack(amap, "study", "c")
    lab = weighed(amap, base_dir=tmp_path)
    assert lab["c"] is O
    assert "'Study: scores rose 12%' is stronger" in explain(amap, "c", lab)


def test_undercut_defeats_the_inference_whatever_its_strength(tmp_path):
    amap = make_map(
        {"p": (K.POSITION, "Ban phones"), "study": _study(), "u": (K.REBUTTAL, "The study had no control group")},
        [("s", "support", "study", "p"), ("x", "attack", "u", "s")],
        meta=_doc(tmp_path),
    )
    lab = weighed(amap, base_dir=tmp_path)
    assert lab["s"] is O  # the bare undercut still defeats the inference
    assert lab["study"] is I and lab["p"] is I
    assert lab == grounded(amap) or dict(lab.labels) == dict(grounded(amap).labels)


def test_student_ratings_beat_the_defaults(tmp_path):
    # the attack rated strong: the one-line rebuttal now defeats the checked study
    amap, _ = _phones(tmp_path)
    _attack(amap, "r", "study", Strength.STRONG)
    assert weighed(amap, base_dir=tmp_path)["study"] is O
    # the rebuttal rated accepted by the student: as strong as anything
    amap, _ = _phones(tmp_path, Statement("r", K.REBUTTAL, "Scores are not attention", rating=Rating.ACCEPTED))
    _attack(amap, "r", "study")
    assert weighed(amap, base_dir=tmp_path)["study"] is O
    # the study rejected by the student: the bare rebuttal defeats it
    amap = make_map({"study": _study().__class__(**{**_study_fields(), "rating": Rating.REJECTED}), "r": K.REBUTTAL}, meta=_doc(tmp_path))
    _attack(amap, "r", "study")
    assert weighed(amap, base_dir=tmp_path)["study"] is O
    # a strong attacker whose link the student rated weak (or none) no longer defeats
    for strength in (Strength.WEAK, Strength.NONE):
        amap = make_map({"c": (K.CLAIM, "Phones help"), "study": _study()}, meta=_doc(tmp_path))
        amap.add_statement(Statement("c2", K.CLAIM, "x", source=Source(citation="art", quotation="12%", basis=Basis.STUDY)))
        _attack(amap, "c", "c2", strength)
        assert weighed(amap, base_dir=tmp_path)["c2"] is I


def _study_fields() -> dict:
    s = _study()
    return {f: getattr(s, f) for f in s.__slots__}


def test_reasons_lend_their_weakest_premise_and_undercut_reasons_lend_nothing(tmp_path):
    amap = make_map(
        {
            "p": (K.POSITION, "Ban phones"),
            "study": _study(),
            "c": (K.CLAIM, "Attention matters"),
            "r": (K.REBUTTAL, "Pupils need phones for emergencies"),
        },
        [("s", "support", "study", "p"), ("a", "attack", "r", "p")],
        meta=_doc(tmp_path),
    )
    w = weigh(amap, tmp_path)
    assert w.statements["p"].level == STUDY and "rests on 'Study: scores rose 12%'" in w.statements["p"].why
    assert weighed(amap, w)["p"] is I
    # a co-premise group is as strong as its weakest premise
    amap.remove_link("s")
    amap.add_link(Link("s", LinkKind.SUPPORT, ("study", "c"), "p"))
    assert weigh(amap, tmp_path).statements["p"].level == BARE
    # an undercut reason lends nothing
    amap.remove_link("s")
    amap.add_link(Link("s", LinkKind.SUPPORT, ("study",), "p"))
    amap.add_statement(Statement("u", K.REBUTTAL, "No control group"))
    amap.add_link(Link("x", LinkKind.ATTACK, ("u",), "s"))
    assert weigh(amap, tmp_path).statements["p"].level == BARE
    assert weighed(amap, base_dir=tmp_path)["p"] is O


def test_what_if_a_link_were_strong_or_weak(tmp_path):
    amap, _ = _phones(tmp_path)
    _attack(amap, "r", "study")
    base = weighed(amap, base_dir=tmp_path)
    result = what_if(amap, {}, base, link_strengths={"a": "strong"})
    assert result.after["study"] is O
    assert [(c.id, c.before, c.after) for c in result.changes] == [("study", I, O)]
    assert base["study"] is I  # the map and the base labelling are untouched
    assert amap.link("a").strength is None


def test_weighed_preferred_and_semantics_names():
    amap = make_map({"a": K.CLAIM, "b": K.CLAIM}, [("ab", "attack", "a", "b"), ("ba", "attack", "b", "a")])
    labs = evaluate(amap, "weighed-preferred")
    assert sorted(tuple(sorted(lab.with_label(I) & {"a", "b"})) for lab in labs) == [("a",), ("b",)]
    assert evaluate(amap)[0].semantics == "weighed"
    with pytest.raises(ValueError):
        evaluate(amap, "bogus")


def test_rejected_what_if_under_weighing(tmp_path):
    amap = make_map({"c": (K.CLAIM, "Phones distract"), "r": (K.REBUTTAL, "Not all of them")}, [("a", "attack", "r", "c")])
    base = weighed(amap)
    result = what_if(amap, {"r": "rejected"}, base)
    assert result.after["c"] is I and result.after.semantics == "weighed"


def test_a_weak_statement_with_reasons_is_not_said_to_have_none():
    """'No reason behind it' is said only of a statement with no reason; one whose
    reason is undercut, or weak itself, is described as it is."""
    m = make_map(
        {"p": (K.POSITION, "Leave"), "c": (K.CLAIM, "Threats grew"), "u": (K.REBUTTAL, "Beside the point"),
         "q": (K.POSITION, "Stay"), "d": (K.CLAIM, "Mines harm"), "b": (K.CLAIM, "Alone")},
        [("l", "support", "c", "p"), ("x", "attack", "u", "l"), ("k", "support", "d", "q")],
    )
    w = weigh(m)
    assert w.of("b").why == "it has no source and no reason behind it"
    assert w.of("p").level == BARE and w.of("p").why == "it has no source, and its reason is objected to, so it adds no weight"
    assert w.of("q").level == BARE and w.of("q").why == "it has no source, and its reason adds no weight"
    assert w.of("d").why == "it has no source and no reason behind it"
