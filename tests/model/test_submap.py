"""The one sub-map extractor and its two modes."""

from __future__ import annotations

import pytest

from argmap.model import submap
from tests.model.maps import debate


def test_trim_keeps_links_with_some_chosen_premise_and_the_metadata():
    m = debate()
    sub = submap(m, ["c1", "p1", "r2"])  # e1 (a co-premise of l1) left out
    assert {s.id for s in sub.statements()} == {"c1", "p1", "r2"}
    assert sub.link("l1").premises == ("c1",)  # trimmed
    assert "l3" not in sub  # an undercut comes only when its link is asked for
    assert sub.meta == m.meta
    with_link = submap(m, ["c1", "p1", "r2", "l1"])
    assert with_link.link("l3").target == "l1"


def test_trim_drops_undercut_chains_whose_link_is_gone():
    sub = submap(debate(), ["r3", "r2"])
    assert sub.links() == []


def test_whole_keeps_only_links_wholly_inside_with_empty_metadata():
    m = debate()
    sub = submap(m, ["c1", "p1", "r2"], mode="whole")
    assert sub.links() == []  # l1 needs e1 too
    whole = submap(m, ["c1", "e1", "p1", "r2", "r3"], mode="whole")
    assert {link.id for link in whole.links()} == {"l1", "l3", "l4"}
    assert whole.link("l1") == m.link("l1")
    assert whole.meta.title == ""


@pytest.mark.parametrize("mode", ["trim", "whole"])
def test_a_position_answers_only_a_chosen_question(mode):
    m = debate()
    assert submap(m, ["p1"], mode).statement("p1").answers is None
    assert submap(m, ["p1", "q"], mode).statement("p1").answers == "q"


def test_unknown_mode_is_refused():
    with pytest.raises(ValueError, match="mode"):
        submap(debate(), ["q"], "some")  # type: ignore[arg-type]
