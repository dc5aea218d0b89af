"""Small hand-made maps and short kind names shared by the model, formats, layout and CLI
tests."""

from __future__ import annotations

from argmap.model import ArgumentMap, Link, LinkKind, MapMeta, Source, Statement, StatementKind

Q, P, C, E, R = (
    StatementKind.QUESTION,
    StatementKind.POSITION,
    StatementKind.CLAIM,
    StatementKind.EVIDENCE,
    StatementKind.REBUTTAL,
)
SUP, ATT = LinkKind.SUPPORT, LinkKind.ATTACK


def debate() -> ArgumentMap:
    """q <- p1, p2 (answers); e1 + c1 co-premises support p1; r1 attacks p1; r2 undercuts
    the support; r3 attacks the undercut."""
    return ArgumentMap.from_parts(
        MapMeta(title="Debate"),
        [
            Statement("q", Q, "Should they?"),
            Statement("p1", P, "Yes", answers="q", order=1),
            Statement("p2", P, "No", answers="q", order=2),
            Statement("e1", E, "A figure", source=Source(citation="Report")),
            Statement("c1", C, "It matters"),
            Statement("r1", R, "Not so"),
            Statement("r2", R, "Does not follow"),
            Statement("r3", R, "It does follow"),
        ],
        [
            Link("l1", SUP, ("e1", "c1"), "p1"),
            Link("l2", ATT, ("r1",), "p1"),
            Link("l3", ATT, ("r2",), "l1"),
            Link("l4", ATT, ("r3",), "l3"),
        ],
    )
