"""One source of style: kind names, colours, shapes and the card width come from
``argmap.model.style`` for the canvas, DOT and the handouts alike."""

from __future__ import annotations

from argmap.export.handout import handout_html
from argmap.formats.dot import dumps_dot
from argmap.layout import CARD_WIDTH as LAYOUT_CARD_WIDTH
from argmap.model import ArgumentMap, LinkKind, Statement, StatementKind
from argmap.model import style


def test_kind_names_cover_every_kind_and_claim_is_a_claim():
    assert set(style.KIND_NAMES) == set(StatementKind)
    assert style.KIND_NAMES[StatementKind.CLAIM] == "Claim"
    assert style.KIND_WORDS[StatementKind.CLAIM] == "claim"
    for theme in style.THEMES.values():
        assert set(theme.kinds) == set(StatementKind)
        assert set(theme.links) == set(LinkKind)
        assert {k: s.glyph for k, s in theme.kinds.items()} == style.GLYPHS


def test_layout_uses_the_card_width_of_the_style():
    assert LAYOUT_CARD_WIDTH == style.CARD_WIDTH


def test_dot_and_handout_colours_are_the_default_theme():
    amap = ArgumentMap()
    amap.add_statement(Statement(id="q", kind=StatementKind.QUESTION, text="Why?"))
    amap.add_statement(Statement(id="e", kind=StatementKind.EVIDENCE, text="Because."))
    dot = dumps_dot(amap)[0]
    assert style.DEFAULT.kinds[StatementKind.QUESTION].fill in dot
    assert style.DEFAULT.kinds[StatementKind.EVIDENCE].fill in dot
    page = handout_html(amap)
    assert style.DEFAULT.kinds[StatementKind.EVIDENCE].border in page
    assert "%(" not in page


def test_translate_noop_returns_the_text():
    assert style.translate_noop("styles", "Claim") == "Claim"
