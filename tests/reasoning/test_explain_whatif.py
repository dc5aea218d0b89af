"""Explanations in plain words, what-if assumptions, and the live Labeller."""

from __future__ import annotations

import pytest

from argmap.model import Link, LinkKind, Statement, UnknownIdError, change_statement, connect
from argmap.reasoning import Label, Labeller, Verdict, explain, grounded, preferred, verdict, weighed, what_if

from tests.reasoning.maps import K, cycle, make_map

I, O, U = Label.IN, Label.OUT, Label.UNDECIDED


def baltic():
    return make_map(
        {
            "q": (K.QUESTION, "Should the Baltic states leave the Ottawa Convention?"),
            "p": (K.POSITION, "Limited Russian capacity"),
            "r": (K.REBUTTAL, "Russia announced more troops near the Baltic states"),
            "e": (K.EVIDENCE, "Russian forces are tied down in Ukraine"),
            "u": (K.REBUTTAL, "The troop announcement was never carried out"),
        },
        [("sup", "support", "e", "p"), ("att", "attack", "r", "p")],
    )


def test_out_explanation_names_the_winning_rebuttal():
    m = baltic()
    text = explain(m, "p", grounded(m))
    assert text.startswith(
        "'Limited Russian capacity' is OUT because the rebuttal "
        "'Russia announced more troops near the Baltic states' is IN and nothing attacks it."
    )
    assert "supported by the evidence 'Russian forces are tied down in Ukraine'" in text


def test_in_explanation_after_a_counter_rebuttal():
    m = baltic()
    m.add_link(Link("c", LinkKind.ATTACK, ("u",), "r"))
    g = grounded(m)
    assert g["p"] is I
    text = explain(m, "p", g)
    assert text.startswith("'Limited Russian capacity' is IN because every attack on it fails:")
    assert "'Russia announced more troops near the Baltic states' is OUT" in text
    assert explain(m, "r", g).startswith("'Russia announced more troops near the Baltic states' is OUT because")


def test_unattacked_unsupported_position_says_not_proven():
    m = make_map({"q": K.QUESTION, "p": (K.POSITION, "Deterrence need")})
    text = explain(m, "p", grounded(m))
    assert text == (
        "'Deterrence need' is IN: nothing attacks it. No reason is given for it, so it stands, "
        "unsupported: IN here means unchallenged, not proven."
    )


def test_undecided_explanation_mentions_the_cycle_and_preferred():
    m = cycle("a", "b")
    text = explain(m, "a", grounded(m))
    assert "UNDECIDED" in text and "cycle" in text and "preferred" in text
    first = preferred(m)[0]
    assert "preferred view" not in explain(m, "a", first)


def test_link_explanations():
    m = baltic()
    m.add_link(Link("cut", LinkKind.ATTACK, ("u",), "sup"))
    g = grounded(m)
    assert explain(m, "sup", g) == (
        "The support from 'Russian forces are tied down in Ukraine' to 'Limited Russian capacity' "
        "does not take effect because the rebuttal 'The troop announcement was never carried out' "
        "is IN and nothing attacks it."
    )
    assert explain(m, "att", g).startswith("The attack by 'Russia announced more troops near the Baltic states'")
    assert "takes effect" in explain(m, "att", g)


def test_what_if_rejecting_the_rebuttal_frees_the_position():
    m = baltic()
    before = m.copy()
    result = what_if(m, {"r": "rejected"})
    assert m == before  # never saved into the map
    assert {(c.id, c.before, c.after) for c in result.changes} == {("r", I, O), ("att", I, O), ("p", O, I)}
    assert result.after.assumptions == {"r": "rejected"}
    assert "you assumed it rejected" in explain(m, "r", result.after)
    assert "not saved" in explain(m, "r", result.after)


def test_what_if_accepting_an_attacked_statement():
    m = baltic()
    m.add_link(Link("c", LinkKind.ATTACK, ("u",), "r"))
    result = what_if(m, {"r": "accepted"})
    assert result.after["r"] is I and result.after["p"] is O
    assert result.after["u"] is I  # assumptions never reach upwards


def test_what_if_unknown_id_is_a_typed_error():
    with pytest.raises(UnknownIdError):
        what_if(baltic(), {"nope": "accepted"})


def test_what_if_with_nothing_assumed_changes_nothing():
    result = what_if(baltic(), {"r": "undecided"})
    assert result.changes == ()


def test_labeller_follows_edits_and_ignores_text_edits():
    m = baltic()
    labeller = Labeller(m)
    stale = []
    labeller.on_stale(lambda: stale.append(1))
    assert labeller.labels()["p"] is O
    change_statement(m, "p", text="Russia's capacity is limited").apply(m)
    assert stale == [] and not labeller.stale
    edit = connect(m, "u", "r", "attack", link_id="c")
    edit.apply(m)
    assert stale == [1] and labeller.stale
    assert labeller.labels()["p"] is I
    edit.revert(m)
    assert labeller.labels()["p"] is O
    m.add_statement(Statement("z", K.CLAIM, "new"))
    assert labeller.labels()["z"] is I
    assert labeller.what_if({"r": "rejected"}).after["p"] is I
    labeller.detach()
    m.add_link(Link("c2", LinkKind.ATTACK, ("u",), "r"))
    assert labeller.labels()["p"] is O  # detached: no longer follows the map


def test_defeated_position_without_a_holding_reason_is_not_called_unsupported():
    """"Unsupported" names the verdict of a position that stands; a defeated one whose
    only reason fails says so without borrowing that word."""
    m = make_map(
        {"p": (K.POSITION, "Leave"), "c": (K.CLAIM, "Threats grew"), "r": (K.REBUTTAL, "No"), "s": (K.REBUTTAL, "Not so")},
        [("l", "support", "c", "p"), ("x", "attack", "r", "p"), ("y", "attack", "s", "c")],
    )
    labels = weighed(m)
    assert verdict(m, "p", labels) is Verdict.DEFEATED
    text = explain(m, "p", labels)
    assert "unsupported" not in text
    assert text.endswith(" Its only reason does not hold either: nothing speaks for it.")
