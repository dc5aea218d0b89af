"""The presentation's step sequence (Qt-free): question first, then each position followed
by its arguments in outline order level by level, co-premises together, undercuts after
the link they attack, every statement once, deterministic."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.export.slides import presentation_steps
from argmap.formats import load_project
from tests.layout.maps import random_map, shuffled_copy


def _example(example_path):
    return load_project(example_path).map


def test_example_order(example_path):
    amap = _example(example_path)
    steps = presentation_steps(amap)
    titles = {s.id: s.title for s in amap.statements()}
    order = [titles[i] for step in steps for i in step.new]
    assert order[:3] == ["Leave the Ottawa Convention?", "Deterrence need", "Threats have increased"]
    # each position before its arguments, positions in outline order
    for earlier, later in (("Deterrence need", "Humanitarian risk"), ("Humanitarian risk", "Limited Russian capacity")):
        assert order.index(earlier) < order.index(later)
    assert order.index("Deterrence by other means") < order.index("Humanitarian risk")
    # rebuttals of rebuttals after the position's first-level arguments
    assert order.index("An open option still deters") > order.index("Deterrence by other means")
    assert order.index("The deterrent effect is assumed") > order.index("No mines, no new risk yet")
    # co-premises appear in one step
    together = next(step for step in steps if "e-risk-for-decades" in step.new)
    assert set(together.new) == {"e-risk-for-decades", "c-mines-at-home"}
    # the undercut of an inference comes after that inference, with the link it attacks shown
    undercut = next(k for k, step in enumerate(steps) if "r-evaluating-not-needing" in step.new)
    assert "l-evaluate-all-measures" in steps[undercut - 1].shown
    assert "l-evaluating-not-needing" in steps[undercut].shown
    assert len(steps) == 27


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 2**32 - 1), st.integers(0, 40), st.integers(0, 2**32 - 1))
def test_every_statement_once_shown_grows_links_follow_and_order_is_stable(seed, n, shuffle):
    amap = random_map(seed, n) if n else random_map(seed, 1)
    steps = presentation_steps(amap)
    revealed = [i for step in steps for i in step.new]
    assert sorted(revealed) == sorted(s.id for s in amap.statements())
    shown: frozenset[str] = frozenset()
    for step in steps:
        assert shown < step.shown and set(step.new) <= step.shown
        shown = step.shown
        for link in amap.links():
            ends = link.target in shown and all(p in shown for p in link.premises)
            assert (link.id in shown) == ends
    assert shown >= {s.id for s in amap.statements()}
    assert [s.new for s in presentation_steps(shuffled_copy(amap, shuffle))] == [s.new for s in steps]


def test_empty_map_has_no_steps():
    from argmap.model import ArgumentMap, MapMeta

    assert presentation_steps(ArgumentMap.from_parts(MapMeta(), [], [])) == []
