"""The Evaluation dock's "What would it take?": searched from the event loop a slice at a
time ("Working…" meanwhile), the answer of ``what_would_it_take`` in the same words as
`argmap evaluate`, and a search overtaken by an edit of the map is dropped, its answer
never shown."""

from __future__ import annotations

from argmap.model import Statement, connect
from argmap.reasoning import TakesSearch, what_would_it_take
from argmap.ui.document import Document
from argmap.ui.panels import evaluation_takes
from argmap.ui.panels.evaluation import EvaluationPanel

from tests.reasoning.maps import K, make_map
from tests.ui.window_support import OFFSCREEN_NOISE

pytestmark = OFFSCREEN_NOISE  # the dock is shown: the offscreen platform says what it cannot do
WORKING = "Working\u2026"


def debate() -> Document:
    """'Limited Russian capacity' has a reason that holds; 'Deterrence need' has one that
    an objection defeats too; both are attacked by the same announcement."""
    amap = make_map(
        {
            "q": (K.QUESTION, "Leave the convention?"),
            "p": Statement("p", K.POSITION, "Limited Russian capacity", answers="q"),
            "d": Statement("d", K.POSITION, "Deterrence need", answers="q"),
            "r": (K.REBUTTAL, "Russia announced more troops"),
            "e": (K.CLAIM, "Forces tied down in Ukraine"),
            "c": (K.CLAIM, "Threats have grown"),
            "o": (K.REBUTTAL, "The threat is overstated"),
        },
        [("s", "support", "e", "p"), ("a", "attack", "r", "p"), ("t", "support", "c", "d"),
         ("b", "attack", "r", "d"), ("x", "attack", "o", "c")],
    )
    return Document(amap)


def make_panel(qtbot, doc: Document) -> EvaluationPanel:
    panel = EvaluationPanel(doc)
    qtbot.addWidget(panel)
    panel.set_semantics("grounded")  # every attack counts: the answers do not hang on strengths
    panel.show()
    return panel


def expected(panel: EvaluationPanel, id_: str) -> str:
    amap = panel.document.map
    return "\n".join(what_would_it_take(amap, id_, panel.labelling()).lines(amap))  # one way: no bullets


def test_working_then_the_answer_in_the_words_of_each_verdict(qtbot):
    panel = make_panel(qtbot, debate())
    panel.show_ids(["p"])
    assert panel.takes_box.isVisible() and panel.takes_label.text() == WORKING
    assert panel.takes_box.pending()
    qtbot.waitUntil(lambda: panel.takes_label.text() != WORKING)
    assert panel.takes_label.text() == expected(panel, "p")
    assert panel.takes_label.text() == "'Limited Russian capacity' would stand if you rejected 'Russia announced more troops'."
    panel.show_ids(["d"])  # its only reason is defeated as well: it would stand, unsupported
    assert panel.takes_label.text() == WORKING
    qtbot.waitUntil(lambda: panel.takes_label.text() != WORKING)
    assert panel.takes_label.text() == expected(panel, "d")
    assert panel.takes_label.text() == (
        "'Deterrence need' would stand, unsupported, if you rejected 'Russia announced more troops'.\n"
        "Unsupported: nothing would defeat it then, but its only reason, 'Threats have grown', would still not hold."
    )
    panel.show_ids(["p"])
    qtbot.waitUntil(lambda: panel.takes_label.text() == expected(panel, "p"))
    panel.show_ids(["r"])  # it stands: no box
    assert not panel.takes_box.isVisible() and not panel.takes_box.pending()


def test_an_edit_during_the_search_drops_it_and_its_answer_is_never_shown(qtbot, monkeypatch):
    """The search runs one step per pass of the event loop; after its second step a
    second objection attacks the position. The search under way is cancelled, the dock
    searches again for the map as it is now, and the answer for the map as it was (one
    rejection would do) is never shown."""
    doc = debate()
    monkeypatch.setattr(evaluation_takes, "SLICE_MS", 0)
    searches: list[TakesSearch] = []

    class Interrupted(TakesSearch):
        def __init__(self, *args) -> None:
            super().__init__(*args)
            self.slices = 0
            searches.append(self)

        def run(self, seconds: float):
            self.slices += 1
            if len(searches) == 1 and self.slices == 2:
                doc.apply(connect(doc.map, "o", "p", "attack", link_id="y"))
                assert self._search is None and not self.done  # cancelled before it finished
                return None
            return super().run(seconds)

    monkeypatch.setattr(evaluation_takes, "TakesSearch", Interrupted)
    panel = make_panel(qtbot, doc)
    shown: list[str] = []
    set_text = panel.takes_label.setText

    def record(text: str) -> None:
        shown.append(text)
        set_text(text)

    panel.takes_label.setText = record
    panel.show_ids(["p"])
    qtbot.waitUntil(lambda: "would stand" in panel.takes_label.text())
    assert len(searches) == 2 and searches[0].result is None and searches[1].done
    assert panel.takes_label.text() == (
        "'Limited Russian capacity' would stand if you rejected 'Russia announced more troops' "
        "and you rejected 'The threat is overstated'."
    )
    assert set(shown[:-1]) == {WORKING}


def test_an_edit_that_makes_it_stand_hides_the_box(qtbot):
    doc = debate()
    panel = make_panel(qtbot, doc)
    panel.show_ids(["p"])
    assert panel.takes_label.text() == WORKING
    doc.apply(connect(doc.map, "o", "r", "attack", link_id="y"))  # the announcement falls
    qtbot.waitUntil(lambda: not panel.takes_box.isVisible())
    assert not panel.takes_box.pending() and panel.takes_label.text() == ""


def test_two_ways_or_more_are_bulleted_in_the_words_of_the_cli(qtbot):
    panel = make_panel(qtbot, debate())
    panel.set_semantics("weighed")  # weakening an attack is a way too
    panel.show_ids(["p"])
    qtbot.waitUntil(lambda: panel.takes_label.text() != WORKING)
    amap = panel.document.map
    result = what_would_it_take(amap, "p", panel.labelling())
    assert len(result.ways) == 2
    lines = result.lines(amap)
    assert panel.takes_label.text().split("\n") == ["\u2022 " + lines[0], "\u2022 " + lines[1], *lines[2:]]
