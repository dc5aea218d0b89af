"""Core model behaviour: remove-with-everything and exact revert."""

from argmap.model import ArgumentMap, RemoveItems, Statement, StatementKind, connect


def test_remove_question_and_evidence_then_revert_restores_everything():
    m = ArgumentMap()
    m.add_statement(Statement("q", StatementKind.QUESTION, "Should?"))
    m.add_statement(Statement("p", StatementKind.POSITION, "Yes", answers="q"))
    m.add_statement(Statement("e", StatementKind.EVIDENCE, "ev"))
    m.add_statement(Statement("r", StatementKind.REBUTTAL, "no"))
    connect(m, "e", "p", link_id="l1").apply(m)
    connect(m, "r", "l1", "attack", link_id="l2").apply(m)
    before = m.copy()
    edit = RemoveItems.build(m, ["q", "e"])
    edit.apply(m)
    assert [s.id for s in m.statements()] == ["p", "r"]
    assert m.links() == []
    assert m.statement("p").answers is None
    edit.revert(m)
    assert m == before
