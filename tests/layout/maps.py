"""Random argument maps for the layout tests: trees with co-premises, undercuts,
cross-links, cycles, orphans, and texts from empty to long."""

from __future__ import annotations

import random

from argmap.layout.outline import Forest
from argmap.model import ArgumentMap, Link, LinkKind, MapMeta, Source, Statement, StatementKind

_WORDS = "mines treaty border risk deterrence civilians NATO budget law clearance".split()


def random_text(rng: random.Random) -> str:
    n = rng.choice((0, 1, 3, 8, 20, 60))
    words = [rng.choice(_WORDS) for _ in range(n)]
    if n > 10 and rng.random() < 0.3:
        words.insert(n // 2, "\n")
    return " ".join(words)


def random_map(seed: int, n: int, distinct_orders: bool = False) -> ArgumentMap:
    """A valid map of ``n`` statements built from ``seed``."""
    rng = random.Random(seed)
    statements: list[Statement] = []
    links: list[Link] = []
    kinds: dict[str, StatementKind] = {}
    orders = list(range(n))
    rng.shuffle(orders)

    def order_of(i: int) -> float:
        return float(orders[i]) if distinct_orders else float(rng.randint(0, 3))

    questions: list[str] = []
    i = 0
    while len(statements) < n:
        sid = f"s{i:03d}"
        roll = rng.random()
        if not statements or roll < 0.08:
            kind, answers = StatementKind.QUESTION, None
            questions.append(sid)
        elif questions and roll < 0.3:
            kind, answers = StatementKind.POSITION, rng.choice(questions)
        else:
            kind = rng.choice((StatementKind.CLAIM, StatementKind.EVIDENCE, StatementKind.REBUTTAL))
            answers = None
        source = Source(citation="Report 7") if kind is StatementKind.EVIDENCE and rng.random() < 0.7 else None
        title = "A title" if rng.random() < 0.2 else ""
        statements.append(
            Statement(sid, kind, random_text(rng), title=title, source=source, answers=answers, order=order_of(i))
        )
        kinds[sid] = kind
        i += 1
    ids = [s.id for s in statements]
    non_q = [s for s in ids if kinds[s] is not StatementKind.QUESTION]
    taken: set[str] = set()
    lid = 0

    def add_link(kind: LinkKind, premises: tuple[str, ...], target: str) -> str:
        nonlocal lid
        name = f"l{lid:03d}"
        lid += 1
        links.append(Link(name, kind, premises, target))
        return name

    # tree links: each non-question statement (not a position) under an earlier one
    for sid in non_q:
        if kinds[sid] is StatementKind.POSITION or sid in taken or rng.random() < 0.1:
            continue  # positions hang from their question; some statements are orphans
        earlier = [t for t in ids[: ids.index(sid)] if t != sid]
        if not earlier:
            continue
        target = rng.choice(earlier)
        premises = [sid]
        if rng.random() < 0.2:
            later = [t for t in non_q if t not in taken and t != sid and t != target and kinds[t] is not StatementKind.POSITION]
            premises += rng.sample(later, min(len(later), rng.randint(1, 2)))
        taken.update(premises)
        kind = LinkKind.ATTACK if kinds[sid] is StatementKind.REBUTTAL else LinkKind.SUPPORT
        link = add_link(kind, tuple(premises), target)
        if kind is LinkKind.SUPPORT and rng.random() < 0.15:
            free = [t for t in non_q if t not in taken and t != target and kinds[t] is not StatementKind.POSITION]
            if free:
                under = rng.choice(free)
                taken.add(under)
                add_link(LinkKind.ATTACK, (under,), link)
    # cross-links, which may close cycles
    for _ in range(rng.randint(0, max(1, n // 4))):
        if len(non_q) < 2:
            break
        a, b = rng.sample(non_q, 2)
        add_link(rng.choice((LinkKind.SUPPORT, LinkKind.ATTACK)), (a,), b)
    return ArgumentMap.from_parts(MapMeta(), statements, links)


def shuffled_copy(amap: ArgumentMap, seed: int) -> ArgumentMap:
    """The same map built from its parts in another order."""
    rng = random.Random(seed)
    statements = amap.statements()
    links = amap.links()
    rng.shuffle(statements)
    rng.shuffle(links)
    return ArgumentMap.from_parts(amap.meta, statements, links)


def sibling_co_premises(amap: ArgumentMap, forest: Forest) -> list[tuple[str, ...]]:
    """The premises of each link with two or more that are premises of no other link
    and share one tree parent: the co-premises a layout must keep side by side."""
    uses: dict[str, int] = {}
    for link in amap.links():
        for p in link.premises:
            uses[p] = uses.get(p, 0) + 1
    out = []
    for link in amap.links():
        premises = link.premises
        if len(premises) < 2 or any(uses[p] > 1 for p in premises):
            continue
        if len({forest.parent[p] for p in premises}) != 1 or forest.parent[premises[0]] is None:
            continue
        out.append(premises)
    return out
