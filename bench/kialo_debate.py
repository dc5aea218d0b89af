"""A Kialo-style debate export of about ``n`` claims (for layout benchmarks and tests):
a thesis with many pros and cons, each argued further, branching less with depth, as
in real Kialo discussions (broad at the top, a long tail of short chains).

    python bench/kialo_debate.py 1000 out.txt
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

_WORDS = (
    "landmines treaty deterrence civilians border Russia defence alliance budget risk "
    "evidence ministers decades farmland clearance children security forces options law"
).split()


def _claim(rng: random.Random) -> str:
    words = [rng.choice(_WORDS) for _ in range(rng.randint(8, 40))]
    return " ".join(words).capitalize() + "."


def kialo_text(n: int, seed: int = 7) -> str:
    """The text of a Kialo export with exactly ``n`` claims (thesis included)."""
    rng = random.Random(seed)
    lines = ["Discussion Name:", "A generated debate", "", "1. Thesis:", _claim(rng), ""]
    # breadth first, so the tree is broad at the top like a real debate
    frontier = [("1", 0)]
    count = 1
    children: dict[str, int] = {}
    order: list[tuple[str, int]] = []
    while count < n and frontier:
        label, depth = frontier.pop(0)
        mean = max(0.6, 12.0 / (1 + depth * depth * 1.5))
        k = min(n - count, max(1 if depth == 0 else 0, int(rng.expovariate(1 / mean) + 0.5)))
        if depth == 0:
            k = min(n - count, max(k, 12))
        for _ in range(k):
            children[label] = children.get(label, 0) + 1
            child = f"{label}.{children[label]}"
            order.append((child, depth + 1))
            frontier.append((child, depth + 1))
            count += 1
        if not frontier and count < n:
            frontier = [(c, d) for c, d in order if c.count(".") < 8][-50:]
    body = {label: (rng.choice(("Pro", "Con")), _claim(rng)) for label, _ in order}
    for label in sorted(body, key=lambda s: [int(p) for p in s.split(".")]):
        indent = "  " * label.count(".")
        stance, text = body[label]
        lines += [f"{indent}{label}. {stance}:", f"{indent}{text}", ""]
    return "\n".join(lines)


if __name__ == "__main__":
    Path(sys.argv[2]).write_text(kialo_text(int(sys.argv[1])), encoding="utf-8")
