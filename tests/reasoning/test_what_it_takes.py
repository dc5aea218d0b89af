"""What would it take: each way names the verdict it yields (stands, or stands,
unsupported, in the words of ``verdicts``), and the search run a slice at a time
(``TakesSearch``) gives exactly the answer of ``what_would_it_take``."""

from __future__ import annotations

import sys
from pathlib import Path

from argmap.model import Strength
from argmap.reasoning import Label, TakesSearch, Verdict, grounded, weighed, what_would_it_take

from tests.reasoning.maps import K, make_map

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from bench_reasoning import web_map  # noqa: E402


def test_a_way_that_frees_a_position_with_a_reason_that_holds_makes_it_stand():
    m = make_map({"p": (K.POSITION, "Leave"), "c": (K.CLAIM, "Threats grew"), "r": (K.REBUTTAL, "No threat")},
                 [("cp", "support", "c", "p"), ("rp", "attack", "r", "p")])
    result = what_would_it_take(m, "p", grounded(m))
    assert [[s.id for s in way] for way in result.ways] == [["r"]]
    assert result.verdicts == (Verdict.STANDS,)
    assert result.lines(m) == ["'Leave' would stand if you rejected 'No threat'."]


def test_a_way_that_leaves_no_reason_standing_says_stands_unsupported():
    """The objection defeats the position and, through a second attack, its only reason:
    rejecting the objection frees both (stands); weakening only the attack on the
    position (weighed) frees the position alone (stands, unsupported)."""
    m = make_map(
        {"p": (K.POSITION, "Leave"), "c": (K.CLAIM, "Threats grew"), "r": (K.REBUTTAL, "No threat"),
         "s": (K.REBUTTAL, "Data are old")},
        [("cp", "support", "c", "p"), ("rp", "attack", "r", "p"), ("sc", "attack", "s", "c")],
    )
    result = what_would_it_take(m, "p", grounded(m))
    assert [[s.id for s in way] for way in result.ways] == [["r"]]
    assert result.verdicts == (Verdict.UNSUPPORTED,)
    assert result.lines(m) == [
        "'Leave' would stand, unsupported, if you rejected 'No threat'.",
        "Unsupported: nothing would defeat it then, but its only reason, 'Threats grew', would still not hold.",
    ]
    lab = weighed(m)
    assert lab["p"] is Label.OUT
    result = what_would_it_take(m, "p", lab)
    assert [[(s.id, s.strength) for s in way] for way in result.ways] == [[("rp", Strength.NONE)], [("r", None)]]
    assert result.verdicts == (Verdict.UNSUPPORTED, Verdict.UNSUPPORTED)
    assert result.lines(m) == [
        "'Leave' would stand, unsupported, if the attack by 'No threat' counted for nothing (rated none).",
        "'Leave' would stand, unsupported, if you rejected 'No threat'.",
        "Unsupported: nothing would defeat it then, but its only reason, 'Threats grew', would still not hold.",
    ]


def test_a_position_with_no_reason_at_all_and_one_already_standing():
    m = make_map({"p": (K.POSITION, "Leave"), "r": (K.REBUTTAL, "No threat"), "q": (K.POSITION, "Stay")},
                 [("rp", "attack", "r", "p")])
    lab = grounded(m)
    assert what_would_it_take(m, "p", lab).lines(m) == [
        "'Leave' would stand, unsupported, if you rejected 'No threat'.",
        "Unsupported: nothing would defeat it then, but it has no reason behind it.",
    ]
    assert what_would_it_take(m, "q", lab).lines(m) == ["'Stay' already stands, unsupported."]
    assert what_would_it_take(m, "r", lab).lines(m) == ["'No threat' already stands."]


def test_the_search_run_in_slices_gives_the_same_answer_and_can_be_cancelled():
    amap = web_map(200, 300)
    lab = weighed(amap)
    asked = [s.id for s in amap.statements() if lab[s.id] is not Label.IN][:6]
    assert asked
    for sid in asked:
        search = TakesSearch(amap, sid, lab)
        slices = 0
        while search.run(0.0) is None:  # one step per slice
            slices += 1
        assert search.done and search.result == what_would_it_take(amap, sid, lab)
        assert slices > 3  # it did come back between steps
    search = TakesSearch(amap, asked[0], lab)
    assert search.run(0.0) is None
    search.cancel()
    assert search.run(0.0) is None and not search.done


def test_unsupported_with_several_reasons_and_a_mixed_answer():
    m = make_map(
        {"p": (K.POSITION, "Leave"), "c": (K.CLAIM, "Threats grew"), "d": (K.CLAIM, "Allies agree"),
         "r": (K.REBUTTAL, "No threat"), "s": (K.REBUTTAL, "Data are old")},
        [("cp", "support", "c", "p"), ("dp", "support", "d", "p"), ("rp", "attack", "r", "p"),
         ("sc", "attack", "s", "c"), ("sd", "attack", "s", "d")],
    )
    assert what_would_it_take(m, "p", grounded(m)).lines(m) == [
        "'Leave' would stand, unsupported, if you rejected 'No threat'.",
        "Unsupported: nothing would defeat it then, but none of its 2 reasons would hold.",
    ]
