"""Argdown syntax and mapping: relations both ways, PCS as co-premises, equal titles,
tags, data and sources, front matter, comments, CRLF, undercuts and clear errors."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.formats import FileFormatError
from argmap.formats.argdown_read import loads_argdown
from argmap.formats.kialo import loads_kialo
from argmap.formats.argdown_syntax import ArgdownSyntaxError, parse_argdown, parse_flow
from argmap.formats.argdown_write import dumps_argdown
from argmap.model import LinkKind, StatementKind
from tests.formats.interchange_helpers import canonical


def _by_text(amap, text):  # type: ignore[no-untyped-def]
    return next(s for s in amap.statements() if s.text == text)


def test_relations_in_both_directions_and_indentation() -> None:
    text = "[A]: a\n  + b\n    - c\n  -> [D]: d\n  <+ e\n  +> f\n"
    amap, _ = loads_argdown(text)
    links = {(amap.statement(l.premises[0]).text, amap.statement(l.target).text, l.kind.value) for l in amap.links()}
    assert links == {("b", "a", "support"), ("c", "b", "attack"), ("a", "d", "attack"), ("e", "a", "support"), ("a", "f", "support")}


def test_pcs_is_a_co_premise_group_and_equal_titles_are_one_statement() -> None:
    text = "[P1]: First.\n\n<Arg>: An argument.\n\n(1) [P1]\n(2) Second.\n-- Modus ponens --\n(3) [C]: The end.\n"
    amap, _ = loads_argdown(text)
    (link,) = amap.links()
    assert {amap.statement(p).text for p in link.premises} == {"First.", "Second."}
    assert amap.statement(link.target).title == "C"
    assert link.scheme == "Modus ponens" and link.notes == "An argument."
    assert sum(1 for s in amap.statements() if s.title == "P1") == 1


def test_multi_step_pcs_chains_conclusions() -> None:
    amap, _ = loads_argdown("<A>\n\n(1) a\n(2) b\n----\n(3) c\n(4) d\n----\n(5) e\n")
    steps = sorted((sorted(amap.statement(p).text for p in l.premises), amap.statement(l.target).text) for l in amap.links())
    assert steps == [(["a", "b"], "c"), (["c", "d"], "e")]


def test_undercut_and_contradiction() -> None:
    text = "<A>\n\n(1) a\n----\n(2) b\n\n<A>\n  _ u\n\n[X]: x\n  >< [Y]: y\n"
    amap, report = loads_argdown(text)
    undercut = next(l for l in amap.links() if amap.is_link(l.target))
    assert amap.statement(undercut.premises[0]).text == "u" and undercut.kind is LinkKind.ATTACK
    x, y = _by_text(amap, "x"), _by_text(amap, "y")
    pairs = {(l.premises[0], l.target) for l in amap.links() if l.kind is LinkKind.ATTACK}
    assert (x.id, y.id) in pairs and (y.id, x.id) in pairs
    assert report.find("contradictions") is not None


def test_attack_on_an_attack_loop_is_left_out_not_a_file_error() -> None:
    # <A> and <B> attack each other; <C> attacks <A>: no chain reaches a statement
    text = (
        "[S1]: one\n\n[S2]: two\n\n[S3]: three\n\n"
        "<A>: {link: attack}\n  <+ [S1]\n  _> <B>\n\n"
        "<B>: {link: attack}\n  <+ [S2]\n  _> <A>\n\n"
        "<C>: {link: attack}\n  <+ [S3]\n  _> <A>\n"
    )
    amap, report = loads_argdown(text)
    assert len(amap.statements()) == 3 and amap.links() == []
    assert report.find("cycle of attacks").count == 3


def test_link_arguments_get_ids_in_file_order() -> None:
    blocks = [f"<Arg {n}>: {{link: support}}\n  <+ [P{n}]: p{n}\n  +> [C]: c\n" for n in range(8)]
    amap, _ = loads_argdown("\n".join(blocks))
    kept = dict(amap.meta.extras)["argdown"]["argument_titles"]
    titles = [kept[link_id] for link_id in sorted(kept, key=lambda i: int(i.lstrip("l")))]
    assert titles == [f"Arg {n}" for n in range(8)]


def test_sketched_argument_is_a_statement_and_its_undercut_hits_its_link() -> None:
    text = "[T]: thesis\n  + <A>: because\n    _ <U>: not relevant\n"
    amap, _ = loads_argdown(text)
    arg = _by_text(amap, "because")
    assert arg.title == "A"
    (support,) = [l for l in amap.links() if l.kind is LinkKind.SUPPORT]
    attack = next(l for l in amap.links() if l.kind is LinkKind.ATTACK)
    assert support.premises == (arg.id,) and attack.target == support.id


def test_tags_data_source_and_kind() -> None:
    text = '[E]: Mines kill. #evidence #(two words) {source: "Report 1", url: "https://x.org", quote: "They kill", kind: evidence}\n'
    amap, _ = loads_argdown(text)
    (s,) = amap.statements()
    assert s.text == "Mines kill." and s.tags == ("evidence", "two words")
    assert s.source is not None and (s.source.citation, s.source.url, s.source.quotation) == ("Report 1", "https://x.org", "They kill")
    assert s.kind is StatementKind.EVIDENCE


def test_front_matter_comments_headings_and_crlf() -> None:
    text = "===\ntitle: My map\nauthor: Ann\n===\n\n# Heading\n\n/* block\ncomment */\n[A]: a // line comment\n  <!-- inside\n  the tree -->\n  + b\n"
    amap, report = loads_argdown(text.replace("\n", "\r\n"))
    assert amap.meta.title == "My map" and amap.meta.authors == ("Ann",)
    assert {s.text for s in amap.statements()} == {"a", "b"}
    assert len(amap.links()) == 1
    assert report.find("headings").count == 1


def test_strict_mode_and_emphasis() -> None:
    doc = parse_argdown("===\nmodel:\n  mode: strict\n===\n\n[A]: **bold** and _it_\n  - [B]: b\n  + [C]: c\n")
    assert {r.type for r in doc.relations} == {"contrary", "entails"}
    assert doc.statements["A"].text == "bold and it"


@pytest.mark.parametrize(
    "text, line",
    [
        ("[A]: a\n  !> [B]: b\n", 2),
        ("===\nparser:\n  syntax: argdown+\n===\n[A]\n", 3),
        ("===\ntitle: never closed\n[A]\n", 1),
    ],
)
def test_unknown_syntax_errors_name_the_line(text: str, line: int) -> None:
    with pytest.raises(ArgdownSyntaxError, match=rf"x\.argdown: line {line}"):
        loads_argdown(text, "x.argdown")


def test_flow_data_parser() -> None:
    assert parse_flow('{a: 1, b: [x, "y z"], c: {d: true}, e: \'it\'\'s\', f: 2.5, g: null}') == {
        "a": 1, "b": ["x", "y z"], "c": {"d": True}, "e": "it's", "f": 2.5, "g": None,
    }  # fmt: skip
    with pytest.raises(ValueError):
        parse_flow("{a: [1, 2}")


def test_writer_escapes_markup_and_reads_back() -> None:
    hostile = "(1) #not-a-tag [x] <y> {z} // not a comment *no* _em_ + - \\ end"
    amap, _ = loads_argdown("[T]: thesis\n  + ok\n")
    from argmap.model.types import replace

    statements = [replace(s, text=hostile) if s.text == "ok" else s for s in amap.statements()]
    from argmap.model import ArgumentMap

    amap = ArgumentMap.from_parts(amap.meta, statements, amap.links())
    text, _ = dumps_argdown(amap)
    back, _ = loads_argdown(text)
    assert canonical(back) == canonical(amap)
    assert hostile in {s.text for s in back.statements()}


def test_corpus_like_round_trip_keeps_argument_titles() -> None:
    text = "[T]: thesis\n  + <Pro>: a reason\n\n<Main>\n\n(1) p\n(2) q\n----\n(3) [T]\n"
    amap, _ = loads_argdown(text)
    out, _ = dumps_argdown(amap)
    assert "<Pro>: a reason" in out and "<Main>" in out
    back, _ = loads_argdown(out)
    assert canonical(back) == canonical(amap)


_SYNTAX = st.lists(
    st.sampled_from(list("[]<>(){}:+-_#@*/!=\n \t19.aX\"'\\") + ["-> See 1.1.", "1.1. Pro:", "<!--", "-->", "/*", "===", "----", "(1) ", "Sources:"]),
    max_size=60,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(_SYNTAX)
def test_any_text_reads_or_fails_with_a_file_error(text: str) -> None:
    for loads in (loads_argdown, loads_kialo):
        try:
            loads(text, "fuzz.txt")
        except FileFormatError as exc:
            assert "fuzz.txt" in str(exc)


def test_brace_heavy_text_is_fast_and_reported() -> None:
    amap, report = loads_argdown("[A]: x " + "{a: " * 3000 + "1" + "}" * 3000)
    assert len(amap.statements()) == 1 and report.find("could not be read") is not None
