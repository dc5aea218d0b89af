"""Compare students' maps with a model answer: matching, findings, a rubric score,
feedback in plain words, and the class overview. Qt-free (model, reasoning, formats)."""

from argmap.compare.matching import Match, match_maps, relations
from argmap.compare.result import KINDS, CompareFinding, Comparison, compare_maps
from argmap.compare.rubric import RUBRIC_LABELS, Rubric

__all__ = [
    "KINDS",
    "RUBRIC_LABELS",
    "CompareFinding",
    "Comparison",
    "Match",
    "Rubric",
    "compare_maps",
    "match_maps",
    "relations",
]
