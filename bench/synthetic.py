"""Realistic synthetic maps for benchmarks (and for tests that need a big map).

A question, a few positions, and under each a tree of supports and rebuttals 6 to 8
levels deep; each statement has 1 to 3 sentences; about 5% extra cross-links; some
co-premise groups and undercuts; evidence carries a source.

    python bench/synthetic.py 10000 out.argmap.json
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

from argmap.model import (
    ArgumentMap,
    Basis,
    Link,
    LinkKind,
    MapMeta,
    Source,
    Statement,
    StatementKind,
)

_WORDS = (
    "deterrence border mines civilians decades treaty Russia Belarus Ukraine capacity troops "
    "parliament defence spending NATO humanitarian risk evidence ministers statement region "
    "security flexibility stockpile deploy options intelligence commitment forces Finland "
    "Estonia Latvia Lithuania Poland convention ban clearance victims farmland children "
    "budget alliance readiness posture escalation signal credibility law obligation"
).split()


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(_WORDS) for _ in range(rng.randint(6, 14))]
    return " ".join(words).capitalize() + "."


def _text(rng: random.Random) -> str:
    return " ".join(_sentence(rng) for _ in range(rng.randint(1, 3)))


def generate_map(n: int, seed: int = 1, with_positions: bool = True) -> ArgumentMap:
    """A map of about ``n`` statements (exactly ``n``)."""
    rng = random.Random(seed)
    statements: list[Statement] = []
    links: list[Link] = []
    depth_of: dict[str, int] = {}
    kind_of: dict[str, StatementKind] = {}

    def add(kind: StatementKind, answers: str | None = None) -> str:
        sid = f"s{len(statements)}"
        source = None
        if kind is StatementKind.EVIDENCE:
            source = Source(
                citation=f"Report {rng.randint(1, 400)}",
                quotation=_sentence(rng),
                locator=f"para. {rng.randint(1, 30)}",
                basis=rng.choice(list(Basis)),
            )
        statements.append(
            Statement(sid, kind, _text(rng), title="", source=source, answers=answers, order=float(len(statements)))
        )
        kind_of[sid] = kind
        return sid

    q = add(StatementKind.QUESTION)
    depth_of[q] = 0
    positions = [add(StatementKind.POSITION, answers=q) for _ in range(max(1, min(5, n // 200 or 1)))]
    for p in positions:
        depth_of[p] = 1
    frontier = list(positions)
    max_depth = rng.randint(6, 8)
    while len(statements) < n:
        parent = rng.choice(frontier)
        if depth_of[parent] >= max_depth:
            frontier.remove(parent)
            if not frontier:
                frontier = [s.id for s in statements if kind_of[s.id] is not StatementKind.QUESTION]
                max_depth += 1
            continue
        attack = rng.random() < 0.35
        kind = StatementKind.REBUTTAL if attack else rng.choice((StatementKind.CLAIM, StatementKind.EVIDENCE))
        child = add(kind)
        depth_of[child] = depth_of[parent] + 1
        frontier.append(child)
        premises = [child]
        if not attack and rng.random() < 0.05 and len(statements) < n:
            extra = add(StatementKind.CLAIM)
            depth_of[extra] = depth_of[child]
            premises.append(extra)
        lid = f"l{len(links)}"
        links.append(Link(lid, LinkKind.ATTACK if attack else LinkKind.SUPPORT, tuple(premises), parent))
        if not attack and rng.random() < 0.03 and len(statements) < n:
            under = add(StatementKind.REBUTTAL)
            depth_of[under] = depth_of[child] + 1
            links.append(Link(f"l{len(links)}", LinkKind.ATTACK, (under,), lid))
    # about 5% cross-links between statements of different branches
    ids = [s.id for s in statements if kind_of[s.id] not in (StatementKind.QUESTION,)]
    existing = {(link.premises[0], link.target) for link in links}
    for _ in range(n // 20):
        a, b = rng.sample(ids, 2)
        if (a, b) in existing or (b, a) in existing or kind_of[a] is StatementKind.POSITION:
            continue
        existing.add((a, b))
        links.append(Link(f"l{len(links)}", rng.choice(list(LinkKind)), (a,), b))
    if with_positions:
        cols = max(1, int(len(statements) ** 0.5))
        statements = [
            Statement(**{**_fields(s), "pos": (float((i % cols) * 300), float((i // cols) * 220))})
            for i, s in enumerate(statements)
        ]
    return ArgumentMap.from_parts(MapMeta(title=f"Synthetic map of {n} statements"), statements, links)


def _fields(s: Statement) -> dict:
    return {name: getattr(s, name) for name in s.__slots__}


if __name__ == "__main__":
    from argmap.formats import save_project

    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else Path(f"synthetic-{count}.argmap.json")
    save_project(out, generate_map(count))
    print(f"wrote {out}")
