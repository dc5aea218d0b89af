"""Matching a teacher can trust: the labelled student set of the example reaches a
precision and recall of 0.9 or more, for the pairs and for the findings."""

from __future__ import annotations

import pytest

from argmap.compare import compare_maps, match_maps
from tests.compare.students import finding_counts, labelled_set, load_model, pair_counts

MODEL = load_model()
STUDENTS = labelled_set(MODEL)


def pair_scores() -> tuple[int, int, int]:
    return pair_counts(MODEL, STUDENTS)


def test_pairs_precision_and_recall_reach_0_9():
    tp, fp, fn = pair_scores()
    assert tp > 300  # the set is big enough to mean something
    assert tp / (tp + fp) >= 0.9
    assert tp / (tp + fn) >= 0.9


def test_findings_precision_and_recall_reach_0_9():
    tp, fp, fn = finding_counts(MODEL, STUDENTS)
    assert tp >= 30
    assert tp / (tp + fp) >= 0.9
    assert tp / (tp + fn) >= 0.9


def test_every_extra_is_reported_and_never_matched():
    gus = next(s for s in STUDENTS if s.name == "Gus")
    c = compare_maps(MODEL, gus.map)
    assert sorted(c.extra) == sorted(sid for sid, mid in gus.truth.items() if mid is None)


@pytest.mark.parametrize("student", STUDENTS, ids=lambda s: s.name)
def test_ids_never_matter(student):
    """The same map with its ids renamed gives the same pairs (by statement text)."""
    from dataclasses import replace

    from argmap.model import ArgumentMap, Link, Statement

    amap = student.map
    rename = {s.id: f"zz-{n}" for n, s in enumerate(reversed(amap.statements()))}
    rename.update({lk.id: f"yy-{n}" for n, lk in enumerate(amap.links())})
    statements: list[Statement] = [
        replace(s, id=rename[s.id], answers=rename[s.answers] if s.answers else None) for s in amap.statements()
    ]
    links: list[Link] = [
        replace(lk, id=rename[lk.id], premises=tuple(rename[p] for p in lk.premises), target=rename[lk.target])
        for lk in amap.links()
    ]
    renamed = ArgumentMap.from_parts(amap.meta, statements, links)
    before = {(m.model, amap.statement(m.student).text) for m in match_maps(MODEL, amap)}
    after = {(m.model, renamed.statement(m.student).text) for m in match_maps(MODEL, renamed)}
    assert before == after
