"""Quotations are checked against the text embedded in the project first (then files
beside it), and a quotation that does not occur offers the closest passage."""

from __future__ import annotations

from dataclasses import replace

from argmap.model import MapMeta, SourceDocument, Statement
from argmap.reasoning import check_map
from argmap.reasoning.checker import Checker
from tests.reasoning.maps import K, evidence, make_map

TEXT = (
    "Seed article\n\n"
    "The statement read: \u201cMilitary threats to NATO member states bordering Russia and Belarus "
    "have significantly increased.\u201d\n\n"
    "Estonia\u2019s minister said there are no plans to deploy them.\n"
)


def embedded_map(quotation: str, path: str = "") -> object:
    meta = MapMeta(title="t", sources=(SourceDocument("seed", "Seed article", path=path, text=TEXT),))
    return make_map(
        {"e": evidence("e", "t", quotation, "Seed article"), "c": (K.CLAIM, "c")},
        [("l", "support", "e", "c")],
        meta=meta,
    )


def test_embedded_text_is_checked_without_any_file(tmp_path):
    ok = embedded_map("Estonia's minister said there are no plans", path="nowhere/seed.txt")
    assert check_map(ok, tmp_path) == []  # the file is missing, the embedded text is enough


def test_a_misquotation_offers_the_closest_passage():
    bad = embedded_map("Military threats to NATO member states bordering Russia have increased")
    [f] = check_map(bad)
    assert f.code == "quote-not-found" and f.id == "e"
    assert f.suggestion.startswith("Military threats to NATO member states bordering Russia and Belarus")
    assert f.suggestion_locator == "para. 1"
    assert "closest passage (para. 1)" in f.message
    assert f.to_dict()["suggestion"] == {"quotation": f.suggestion, "locator": "para. 1"}
    fixed = embedded_map(f.suggestion)
    assert check_map(fixed) == []


def test_nothing_alike_offers_no_fix():
    [f] = check_map(embedded_map("Bananas grow on trees in the tropics"))
    assert f.code == "quote-not-found" and f.suggestion == "" and "suggestion" not in f.to_dict()


def test_live_checker_flags_an_edited_quotation_at_once_and_clears_on_undo():
    m = embedded_map("no plans to deploy them")
    checker = Checker(m)
    assert checker.findings() == []
    before = m.statement("e")
    m.replace_statement(replace(before, source=replace(before.source, quotation="no plans to build them")))
    [f] = checker.findings()
    assert f.code == "quote-not-found" and f.suggestion == "no plans to deploy them"
    m.replace_statement(before)
    assert checker.findings() == []


def test_changing_the_embedded_text_rechecks_every_quotation():
    m = embedded_map("no plans to deploy them")
    checker = Checker(m)
    assert checker.findings() == []
    doc = m.meta.sources[0]
    m.set_meta(replace(m.meta, sources=(replace(doc, text="Seed article\n\nSomething else entirely.\n"),)))
    assert [f.code for f in checker.findings()] == ["quote-not-found"]
    assert isinstance(m.statement("e"), Statement)
