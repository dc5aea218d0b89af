"""Reasoning over a map: formal labels (grounded, preferred, what-if), explanations,
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
from argmap.reasoning.labelling import (
    SEMANTICS,
    LabelChange,
    Labeller,
    Labelling,
    WhatIf,
    evaluate,
    grounded,
    preferred,
    what_if,
)
from argmap.reasoning.preferred_search import TooComplexError
from argmap.reasoning.ratings import RatingSuggestion, given_rating, propagate_ratings

__all__ = [
    "CODES",
    "Checker",
    "Finding",
    "FindingsUpdate",
    "Framework",
    "Label",
    "LabelChange",
    "Labeller",
    "Labelling",
    "RatingSuggestion",
    "SEMANTICS",
    "Severity",
    "TooComplexError",
    "WhatIf",
    "check_map",
    "evaluate",
    "explain",
    "given_rating",
    "grounded",
    "has_errors",
    "is_unsupported",
    "preferred",
    "propagate_ratings",
    "what_if",
]
