"""Reasoning over a map: formal labels (weighed, grounded, preferred, what-if), verdicts, explanations,
rating propagation and map checks. Pure functions over the model; no Qt."""

from argmap.reasoning.checker import Checker, FindingsUpdate
from argmap.reasoning.checks import (
    CODES,
    Finding,
    Severity,
    check_map,
    has_errors,
)
from argmap.reasoning.explain import explain, is_unsupported
from argmap.reasoning.framework import Framework, Label
from argmap.reasoning.live_weighing import WeighedLabeller
from argmap.reasoning.labelling import (
    SEMANTICS,
    LabelChange,
    Labeller,
    Labelling,
    WhatIf,
    evaluate,
    grounded,
    preferred,
    weighed,
    weighed_preferred,
    what_if,
)
from argmap.reasoning.preferred_search import TooComplexError
from argmap.reasoning.ratings import RatingSuggestion, given_rating, propagate_ratings
from argmap.reasoning.verdicts import (
    Verdict,
    one_line,
    outline_order,
    positions,
    ratings_note,
    summary,
    verdict,
    verdict_badges,
    verdicts,
)
from argmap.reasoning.weighing import ORDER, Weight, Weights, weigh
from argmap.reasoning.what_it_takes import Step, TakesSearch, WhatItTakes, what_would_it_take

__all__ = [
    "CODES",
    "ORDER",
    "SEMANTICS",
    "Checker",
    "Finding",
    "FindingsUpdate",
    "Framework",
    "Label",
    "LabelChange",
    "Labeller",
    "Labelling",
    "RatingSuggestion",
    "Severity",
    "Step",
    "TakesSearch",
    "TooComplexError",
    "Verdict",
    "Weight",
    "Weights",
    "WeighedLabeller",
    "WhatIf",
    "WhatItTakes",
    "check_map",
    "evaluate",
    "explain",
    "given_rating",
    "grounded",
    "has_errors",
    "is_unsupported",
    "one_line",
    "outline_order",
    "positions",
    "preferred",
    "propagate_ratings",
    "ratings_note",
    "summary",
    "verdict",
    "verdict_badges",
    "verdicts",
    "weigh",
    "weighed",
    "weighed_preferred",
    "what_if",
    "what_would_it_take",
]
