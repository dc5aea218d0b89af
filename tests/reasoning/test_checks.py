"""Map checks on purpose-built maps: each finding code, its severity and statement."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from argmap.formats import save_project
from argmap.model import Link, LinkKind, MapMeta, SourceDocument, Statement
from argmap.cli.check import check_file, project_files
from argmap.reasoning import CODES, Severity, Verdict, check_map, grounded, has_errors, verdict, weighed
from argmap.reasoning.quotes import occurs_in, quote_fragments

from tests.reasoning.maps import K, evidence, make_map, seed_meta

SEED_TEXT = (
    "The defence ministers issued a joint statement.\n"
    "The statement read: \u201cMilitary threats to NATO member states bordering Russia and\n"
    "Belarus have significantly increased.\u201d Estonia\u2019s minister   said there are no plans."
)


def codes(findings, id_=None):
    return sorted(f.code for f in findings if id_ is None or f.id == id_)


def good_map(**meta):
    """A map with no findings: two supported positions, sourced evidence."""
    return make_map(
        {
            "q": (K.QUESTION, "Leave the convention?"),
            "p1": (K.POSITION, "Yes"),
            "p2": (K.POSITION, "No"),
            "e1": evidence("e1", "Threats increased", "threats ... have significantly increased", "Seed article"),
            "c2": (K.CLAIM, "Mines harm civilians for decades"),
        },
        [("l1", "support", "e1", "p1"), ("l2", "support", "c2", "p2")],
        meta=meta.get("meta"),
    )


def _answering(m):
    for pid in ("p1", "p2"):
        m.replace_statement(replace(m.statement(pid), answers="q"))
    return m


def test_clean_map_has_no_findings(tmp_path):
    (tmp_path / "seed.txt").write_text(SEED_TEXT, encoding="utf-8")
    m = _answering(good_map(meta=seed_meta("seed.txt")))
    assert check_map(m, tmp_path) == []


def test_severities_are_declared_for_every_code():
    assert {sev for sev, _ in CODES.values()} == set(Severity)


def test_position_without_support_and_with_failed_support():
    m = _answering(good_map())
    m.add_statement(Statement("p3", K.POSITION, "Maybe", answers="q"))
    m.add_statement(Statement("r", K.REBUTTAL, "Mines are cleared quickly"))
    m.add_link(Link("x", LinkKind.ATTACK, ("r",), "c2"))
    findings = check_map(m)
    assert "position-no-support" in codes(findings, "p3")
    [unsupported] = [f for f in findings if f.code == "position-unsupported"]
    assert unsupported.id == "p2" and unsupported.severity is Severity.WARNING
    assert unsupported.message == (
        "The position 'No' stands, unsupported: no attack on it succeeds, but its only reason "
        "does not hold, so nothing speaks for it. Give it a reason that holds."
    )
    assert verdict(m, "p2", weighed(m)) is Verdict.UNSUPPORTED  # the check says what the verdict says
    assert not has_errors(findings)


def test_unsupported_follows_the_weighed_verdict_by_default():
    """A bare objection to sourced evidence does not defeat it when weighed (the
    default): the position stands and nothing is flagged. Under grounded labels (every
    attack counts, the textbook semantics) the reason fails and the check says so."""
    m = _answering(good_map())
    m.add_statement(Statement("r", K.REBUTTAL, "Threats are exaggerated"))
    m.add_link(Link("x", LinkKind.ATTACK, ("r",), "e1"))
    assert verdict(m, "p1", weighed(m)) is Verdict.STANDS
    assert "position-unsupported" not in codes(check_map(m), "p1")
    textbook = grounded(m)
    assert verdict(m, "p1", textbook) is Verdict.UNSUPPORTED
    [f] = [f for f in check_map(m, labels=textbook) if f.code == "position-unsupported"]
    assert f.id == "p1" and "stands, unsupported" in f.message


def test_a_defeated_position_is_not_flagged_unsupported():
    """Nothing holds for 'No', but it is defeated, not "stands, unsupported": the
    evaluation already says so, the check does not call it unsupported."""
    m = _answering(good_map())
    m.add_statement(Statement("r", K.REBUTTAL, "Mines are cleared quickly"))
    m.add_statement(Statement("r2", K.REBUTTAL, "Leaving is needed"))
    m.add_link(Link("x", LinkKind.ATTACK, ("r",), "c2"))
    m.add_link(Link("y", LinkKind.ATTACK, ("r2",), "p2"))
    assert verdict(m, "p2", weighed(m)) is Verdict.DEFEATED
    assert "position-unsupported" not in codes(check_map(m))


def test_isolated_empty_duplicate_and_rebuttal_attacking_nothing():
    m = make_map(
        {
            "a": (K.CLAIM, "Same text."),
            "b": (K.CLAIM, "  same   TEXT "),
            "e": (K.CLAIM, "   "),
            "t": Statement("t", K.CLAIM, "", title="Only a title"),
            "r": (K.REBUTTAL, "Objection"),
            "c": (K.CLAIM, "Target"),
        },
        [("l", "support", "r", "c"), ("m", "support", "a", "c"), ("n", "support", "b", "c")],
    )
    findings = check_map(m)
    assert codes(findings, "e") == ["empty-text", "isolated-statement"]
    assert codes(findings, "t") == ["isolated-statement", "no-text"]
    assert codes(findings, "b") == ["duplicate-text"]
    assert [f.related for f in findings if f.code == "duplicate-text"] == [("a",)]
    assert codes(findings, "r") == ["rebuttal-attacks-nothing"]
    assert findings[0].severity is Severity.ERROR  # errors come first
    assert has_errors(findings)


def test_isolated_statement():
    m = make_map({"q": K.QUESTION, "p": K.POSITION, "x": (K.CLAIM, "Floating")})
    findings = check_map(m)
    assert codes(findings, "x") == ["isolated-statement"]
    assert codes(findings, "p") == ["isolated-statement"]  # answers no question, no links
    assert codes(findings, "q") == ["question-few-positions"]


def test_support_cycle_is_an_error():
    m = make_map(
        {"a": K.CLAIM, "b": K.CLAIM, "c": K.CLAIM, "d": K.CLAIM},
        [("ab", "support", "a", "b"), ("bc", "support", "b", "c"), ("ca", "support", "c", "a"), ("da", "support", "d", "a")],
    )
    [cycle] = [f for f in check_map(m) if f.code == "support-cycle"]
    assert cycle.severity is Severity.ERROR
    assert cycle.id == "a" and cycle.related == ("b", "c")
    assert "Circular reasoning" in cycle.message


def test_attack_cycles_are_not_support_cycles():
    m = make_map({"a": K.CLAIM, "b": K.CLAIM}, [("ab", "attack", "a", "b"), ("ba", "attack", "b", "a")])
    assert "support-cycle" not in codes(check_map(m))


def test_question_with_one_position():
    m = make_map({"q": K.QUESTION, "p": Statement("p", K.POSITION, "Only", answers="q")})
    [f] = [f for f in check_map(m) if f.code == "question-few-positions"]
    assert f.id == "q" and "only one position" in f.message


def test_evidence_source_and_quotation_checks(tmp_path):
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "seed.txt").write_text(SEED_TEXT, encoding="utf-8")
    maps = tmp_path / "class" / "maps"
    maps.mkdir(parents=True)
    m = make_map(
        {
            "ok": evidence("ok", "t1", "\u201cMilitary threats to NATO member states bordering Russia and Belarus\u201d", "Seed article"),
            "curly": evidence("curly", "t2", "Estonia's minister said there are no plans", "seed"),
            "bad": evidence("bad", "t3", "Military threats have halved", "Seed article"),
            "nosrc": evidence("nosrc", "t4", source=False),
            "other": evidence("other", "t5", "something", "Reuters, 3 May"),
            "c": (K.CLAIM, "c"),
        },
        [(f"l{i}", "support", sid, "c") for i, sid in enumerate(["ok", "curly", "bad", "nosrc", "other"])],
        meta=seed_meta("seeds/seed.txt"),
    )
    findings = check_map(m, maps)  # the document is two folders up
    assert codes(findings, "ok") == [] and codes(findings, "curly") == []
    [bad] = [f for f in findings if f.id == "bad"]
    assert bad.code == "quote-not-found" and bad.severity is Severity.ERROR and "seed.txt" in bad.message
    assert codes(findings, "nosrc") == ["evidence-no-source"]
    assert codes(findings, "other") == ["quote-unchecked"]


def test_quotations_without_map_documents_are_counted_once():
    def summary(n):
        m = make_map(
            {"c": (K.CLAIM, "c"), **{f"e{i}": evidence(f"e{i}", f"t{i}", "a quote", "Paper") for i in range(n)}},
            [(f"l{i}", "support", f"e{i}", "c") for i in range(n)],
        )
        [finding] = [f for f in check_map(m) if f.code == "quote-unchecked"]
        assert finding.id is None
        return finding.message

    assert summary(1).startswith("1 quotation was not checked:")
    assert summary(2).startswith("2 quotations were not checked:")


def test_missing_or_unreadable_document_is_a_warning(tmp_path):
    m = make_map(
        {"e": evidence("e", "t", "a quote", "Seed article"), "c": (K.CLAIM, "c")},
        [("l", "support", "e", "c")],
        meta=seed_meta("nowhere/seed.txt"),
    )
    [f] = check_map(m, tmp_path)
    assert f.code == "source-document-missing" and f.severity is Severity.WARNING
    assert "not found" in f.message and "nowhere/seed.txt" in f.message
    (tmp_path / "nowhere").mkdir()
    (tmp_path / "nowhere" / "seed.txt").write_bytes(b"\xff\xfe\x00bad")
    [f] = check_map(m, tmp_path)
    assert f.code == "source-document-missing" and "not UTF-8" in f.message


def test_single_document_is_used_when_no_citation(tmp_path):
    (tmp_path / "seed.txt").write_text(SEED_TEXT, encoding="utf-8")
    m = make_map(
        {"e": evidence("e", "t", "no plans at all", ""), "c": (K.CLAIM, "c")},
        [("l", "support", "e", "c")],
        meta=MapMeta(sources=(SourceDocument("seed", "Seed article", path="seed.txt"),)),
    )
    assert codes(check_map(m, tmp_path)) == ["quote-not-found"]


def test_quote_fragments_and_ellipses():
    assert quote_fragments("\u201cA  b\u2026 C [...] d\u201d") == ["a b", "c", "d"]
    assert occurs_in("joint ... read", SEED_TEXT)
    assert not occurs_in("read ... joint", SEED_TEXT)  # fragments must come in order


def test_check_file_and_folder_expansion(tmp_path):
    (tmp_path / "seed.txt").write_text(SEED_TEXT, encoding="utf-8")
    good = _answering(good_map(meta=seed_meta("../seed.txt")))
    (tmp_path / "class").mkdir()
    save_project(tmp_path / "class" / "alice.argmap.json", good)
    save_project(tmp_path / "class" / "bob.argmap.json", make_map({"x": (K.CLAIM, "")}))
    (tmp_path / "class" / "notes.txt").write_text("not a map", encoding="utf-8")
    files = list(project_files([tmp_path / "class"]))
    assert [p.name for p in files] == ["alice.argmap.json", "bob.argmap.json"]
    assert check_file(files[0]) == []
    assert codes(check_file(files[1])) == ["empty-text", "isolated-statement"]
    assert list(project_files([Path("x.argmap.json")])) == [Path("x.argmap.json")]
