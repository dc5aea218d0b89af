"""The rubric: what each kind of finding costs, saved with the model answer.

Every model statement is worth ``missing`` points for being found, and, if it is drawn
under another statement in the model, ``misattached`` more for being attached to the
right statement and ``wrong_polarity`` more for the right kind of arrow (support or
attack). A finding costs what it takes away: a missing statement all its points, a
misattached one its attachment and polarity points, a wrong polarity its polarity
points. ``extra`` and ``check`` are costs per extra statement and per problem
``argmap check`` finds in the student's map. The score is
``100 * max(0, possible - costs) / possible``, rounded.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, fields

from argmap.model import MapMeta

#: Plain words for each weight (the teacher sees these next to the numbers).
RUBRIC_LABELS = {
    "missing": "found a statement of the model answer",
    "misattached": "attached it to the right statement",
    "wrong_polarity": "drawn as the right kind of arrow (for or against)",
    "extra": "cost of a statement the model answer does not have",
    "check": "cost of a problem 'argmap check' finds (unsupported position, missing source, ...)",
}


@dataclass(frozen=True, slots=True)
class Rubric:
    missing: float = 2.0
    misattached: float = 1.0
    wrong_polarity: float = 1.0
    extra: float = 0.0
    check: float = 0.25

    @classmethod
    def from_mapping(cls, data: Mapping[str, object]) -> Rubric:
        """Known keys with a finite, non-negative number; anything else is ignored (a
        rubric from a newer argmap or a hand-edited file never stops a comparison)."""
        values: dict[str, float] = {}
        for f in fields(cls):
            v = data.get(f.name)
            if isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) and 0 <= v <= 1000:
                values[f.name] = float(v)
        return cls(**values)

    @classmethod
    def of_map(cls, meta: MapMeta) -> Rubric:
        return cls.from_mapping(dict(meta.rubric))

    def to_dict(self) -> dict[str, float]:
        return {f.name: getattr(self, f.name) for f in fields(self)}

    def as_meta(self) -> tuple[tuple[str, float], ...]:
        """For ``MapMeta.rubric`` (empty when it is the default, so files stay as they were)."""
        if self == Rubric():
            return ()
        return tuple(sorted(self.to_dict().items()))


def parse_rubric(text: str, base: Rubric | None = None) -> Rubric:
    """``"extra=0.5,check=0"`` applied to ``base`` (the default rubric). Raises
    ``ValueError`` naming the bad part and the valid keys."""
    values = (base or Rubric()).to_dict()
    for part in text.split(","):
        if not part.strip():
            continue
        key, sep, number = part.partition("=")
        key = key.strip()
        if not sep or key not in values:
            raise ValueError(f"{part.strip()!r}: use KEY=NUMBER with KEY one of {', '.join(values)}")
        try:
            value = float(number)
        except ValueError:
            raise ValueError(f"{part.strip()!r}: {number.strip()!r} is not a number") from None
        if not math.isfinite(value) or not 0 <= value <= 1000:
            raise ValueError(f"{part.strip()!r}: a weight is a number from 0 to 1000")
        values[key] = value
    return Rubric(**values)
