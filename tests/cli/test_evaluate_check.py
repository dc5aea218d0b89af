"""`argmap evaluate` and `argmap check` run as subprocesses on real files."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from argmap.formats import load_project, save_project
from argmap.model import MapMeta, SourceDocument, Statement
from argmap.reasoning import grounded, weighed

from tests.conftest import EXAMPLE
from tests.reasoning.maps import K, cycle, evidence, make_map


def argmap(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "argmap", *map(str, args)], capture_output=True, text=True, timeout=60, cwd=cwd
    )


def debate():
    return make_map(
        {
            "q": (K.QUESTION, "Leave the convention?"),
            "p": Statement("p", K.POSITION, "Limited Russian capacity", answers="q", order=1),
            "r": Statement("r", K.REBUTTAL, "Russia announced more troops near the Baltic states", order=2),
            "e": Statement("e", K.EVIDENCE, "Forces tied down", order=3),
        },
        [("s", "support", "e", "p"), ("a", "attack", "r", "p")],
        meta=MapMeta(title="Baltic debate"),
    )


@pytest.fixture
def debate_file(tmp_path) -> Path:
    path = tmp_path / "debate.argmap.json"
    save_project(path, debate())
    return path


def test_evaluate_text(debate_file):
    res = argmap("evaluate", debate_file, "--explain", "--semantics", "grounded")
    assert res.returncode == 0, res.stderr
    lines = res.stdout.splitlines()
    assert lines[0] == "Baltic debate"
    assert any(line.split()[:2] == ["DEFEATED", "p"] for line in lines)
    assert any(line.split()[:3] == ["IN", "rebuttal", "r"] for line in lines)
    assert "'Limited Russian capacity' is OUT because the rebuttal" in res.stdout


def test_evaluate_text_weighed_positions_first_then_outline_then_summary(debate_file):
    res = argmap("evaluate", debate_file, "--explain")
    assert res.returncode == 0, res.stderr
    lines = res.stdout.splitlines()
    assert lines[1] == "Semantics: weighed"
    assert lines[2] == "Positions:" and lines[3].split()[:2] == ["DEFEATED", "p"]
    # both have no source: equally strong, so the rebuttal defeats the position
    assert "defeats 'Limited Russian capacity' because they weigh the same" in res.stdout
    rows = [line.split()[2] for line in lines if line[:6].strip() in ("IN", "OUT", "UND")]
    assert rows == ["q", "r", "e"]  # outline order (by order), not id order
    assert lines[-1] == "1 position: 1 defeated."


def test_evaluate_json_grounded(debate_file):
    res = argmap("evaluate", debate_file, "--json", "--semantics", "grounded")
    assert res.returncode == 0, res.stderr
    data = json.loads(res.stdout)
    assert data["semantics"] == "grounded"
    assert data["labels"] == {"q": "in", "p": "out", "r": "in", "e": "in"}
    assert data["link_labels"] == {"a": "in", "s": "in"}
    assert data["unsupported"] == []
    assert data["ratings"]["p"]["is_derived"] is True
    assert data["verdicts"] == {"p": "defeated"}
    assert "strengths" not in data


def test_evaluate_json_weighed_adds_verdicts_and_strengths(debate_file):
    data = json.loads(argmap("evaluate", debate_file, "--json").stdout)
    assert data["semantics"] == "weighed"
    assert set(data) >= {"labels", "link_labels", "unsupported", "ratings", "verdicts", "strengths"}
    assert data["verdicts"] == {"p": "defeated"}
    assert data["strengths"]["statements"]["r"]["level"] == data["strengths"]["links"]["a"]["level"]


def test_evaluate_preferred_lists_each_extension(tmp_path):
    path = tmp_path / "cycle.argmap.json"
    save_project(path, cycle("a", "b"))
    data = json.loads(argmap("evaluate", path, "--semantics", "preferred", "--json").stdout)
    assert [ext["in"] for ext in data["extensions"]] == [["a"], ["b"]]
    assert data["extensions"][0]["labels"] == {"a": "in", "b": "out"}
    text = argmap("evaluate", path, "--semantics", "preferred").stdout
    assert "2 preferred extensions" in text and "Extension 2 of 2:" in text


def test_evaluate_broken_file_is_one_clear_line(tmp_path):
    bad = tmp_path / "bad.argmap.json"
    bad.write_text("{not json", encoding="utf-8")
    res = argmap("evaluate", bad)
    assert res.returncode == 2
    assert res.stderr.startswith("argmap: ") and str(bad) in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1 and "Traceback" not in res.stderr


def test_check_exit_status_and_json(tmp_path, debate_file):
    res = argmap("check", debate_file)
    assert res.returncode == 0, res.stdout + res.stderr
    assert "question-few-positions" in res.stdout
    broken = make_map({"a": (K.CLAIM, ""), "b": (K.CLAIM, "b")}, [("l", "support", "a", "b")])
    bad_path = tmp_path / "errors.argmap.json"
    save_project(bad_path, broken)
    res = argmap("check", bad_path, "--json")
    assert res.returncode == 1
    data = json.loads(res.stdout)
    [entry] = data["files"]
    assert entry["error"] is None
    assert [(f["severity"], f["code"], f["id"]) for f in entry["findings"]] == [("error", "empty-text", "a")]
    assert data["summary"]["files_with_errors"] == 1


def test_check_folder_of_student_maps(tmp_path):
    folder = tmp_path / "class"
    (folder / "group1").mkdir(parents=True)
    save_project(folder / "alice.argmap.json", debate())
    save_project(folder / "group1" / "bob.argmap.json", make_map({"x": (K.CLAIM, "")}))
    (folder / "group1" / "carol.argmap.json").write_text('{"format": "other"}', encoding="utf-8")
    res = argmap("check", folder)
    assert res.returncode == 2  # one file could not be read
    assert "3 files checked: 1 with errors, 1 unreadable" in res.stdout
    assert "carol.argmap.json" in res.stderr
    res = argmap("check", folder / "alice.argmap.json", folder / "group1" / "bob.argmap.json", "--level", "error")
    assert res.returncode == 1
    assert not [line for line in res.stdout.splitlines() if line.startswith("  warning")]
    assert "  error   empty-text [x]" in res.stdout
    empty = tmp_path / "empty"
    empty.mkdir()
    res = argmap("check", empty)
    assert res.returncode == 2 and "no *.argmap.json files" in res.stderr


def test_check_finds_a_misquote_in_the_seed(tmp_path):
    (tmp_path / "seed.txt").write_text("Military threats have significantly increased.", encoding="utf-8")
    m = make_map(
        {"e": evidence("e", "Threats", "threats have slightly increased", "Seed"), "c": (K.CLAIM, "c")},
        [("l", "support", "e", "c")],
        meta=MapMeta(sources=(SourceDocument("seed", "Seed", path="seed.txt"),)),
    )
    (tmp_path / "maps").mkdir()
    save_project(tmp_path / "maps" / "m.argmap.json", m)
    res = argmap("check", tmp_path / "maps" / "m.argmap.json")
    assert res.returncode == 1
    assert "quote-not-found [e]" in res.stdout


@pytest.mark.skipif(not EXAMPLE.is_file(), reason="the example map is not written yet")
def test_example_map_evaluates_and_passes_checks():
    res = argmap("evaluate", EXAMPLE, "--json")
    assert res.returncode == 0, res.stderr
    data = json.loads(res.stdout)
    assert set(data["labels"].values()) <= {"in", "out", "undecided"}
    amap = load_project(EXAMPLE).map
    expected = weighed(amap, base_dir=EXAMPLE.parent)
    assert data["labels"] == {sid: expected[sid].value for sid in data["labels"]}
    res = argmap("check", EXAMPLE)
    assert res.returncode == 0, res.stdout  # no error-level finding: every quotation is in the seed
    assert "quote-not-found" not in res.stdout and "source-document-missing" not in res.stdout


ARGDOWN = """\
[Eat meat]: We should eat meat.
  + <Protein>: Meat is a good source of protein.
  - <Welfare>: Animals suffer in meat production.
    - <Humane farms>: Some farms raise animals humanely.
"""


def _argdown_reader():
    for name in ("argmap.formats.argdown_read", "argmap.formats.argdown"):
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        reader = getattr(module, "read_argdown", None)
        if reader is not None:
            return reader
    pytest.skip("no Argdown reader (argmap.formats.argdown_read.read_argdown) is available")


def test_cli_on_an_argdown_converted_map(tmp_path):
    read_argdown = _argdown_reader()
    source = tmp_path / "meat.argdown"
    source.write_text(ARGDOWN, encoding="utf-8")
    amap, _report = read_argdown(source)
    path = tmp_path / "meat.argmap.json"
    save_project(path, amap)
    data = json.loads(argmap("evaluate", path, "--json").stdout)
    assert data["labels"] == {s.id: grounded(amap)[s.id].value for s in amap.statements()}
    assert "in" in data["labels"].values()
    res = argmap("check", path)
    assert res.returncode in (0, 1) and res.stderr == ""
    assert len(json.loads(argmap("evaluate", path, "--semantics", "preferred", "--json").stdout)["extensions"]) >= 1


def test_cli_on_argdown_corpus_files(tmp_path, corpus_dir):
    read_argdown = _argdown_reader()
    for name in ("veggie_debate.argdown", "argdown-primer.argdown"):
        amap, _report = read_argdown(corpus_dir / "argdown" / name)
        path = tmp_path / f"{name}.argmap.json"
        save_project(path, amap)
        res = argmap("evaluate", path, "--json")
        assert res.returncode == 0, res.stderr
        assert set(json.loads(res.stdout)["labels"]) == {s.id for s in amap.statements()}
        res = argmap("check", path)
        assert res.returncode in (0, 1) and res.stderr == ""


def test_evaluate_what_if_and_what_it_takes(debate_file):
    res = argmap("evaluate", debate_file, "--what-it-takes")
    assert "'Limited Russian capacity' would stand if you rejected 'Russia announced more troops" in res.stdout
    data = json.loads(argmap("evaluate", debate_file, "--assume", "a=none", "--json").stdout)
    assert data["verdicts"] == {"p": "stands"} and data["changed"] == ["p"]
    data = json.loads(argmap("evaluate", debate_file, "--assume", "r=rejected", "--json", "--what-it-takes").stdout)
    assert data["labels"]["p"] == "in" and data["what_it_takes"] == {}
    bad = argmap("evaluate", debate_file, "--assume", "a=accepted")
    assert bad.returncode == 2 and "a can be assumed strong, weak or none" in bad.stderr
    assert json.loads(argmap("evaluate", debate_file, "--json").stdout)["labels"]["p"] == "out"  # file unchanged


def test_what_it_takes_names_the_verdict_each_way_yields():
    """On the example, freeing 'Limited Russian capacity' of its attack leaves its only
    reason defeated: the CLI says "stand, unsupported", never just "stand", and the
    JSON lists the same verdicts as reasoning's ``what_would_it_take``."""
    from argmap.reasoning import Verdict, weigh, what_would_it_take

    res = argmap("evaluate", EXAMPLE, "--what-it-takes")
    assert res.returncode == 0, res.stderr
    lines = [line.strip() for line in res.stdout.splitlines() if line.startswith("  'Limited Russian capacity'")]
    assert lines and all(line.startswith("'Limited Russian capacity' would stand, unsupported, if ") for line in lines)
    assert "'Deterrence need' would stand if you rejected 'Deterrence by other means'." in res.stdout
    data = json.loads(argmap("evaluate", EXAMPLE, "--what-it-takes", "--json").stdout)["what_it_takes"]
    amap = load_project(EXAMPLE).map
    lab = weighed(amap, weigh(amap, EXAMPLE.parent))
    for sid, found in data.items():
        expected = what_would_it_take(amap, sid, lab)
        assert found["verdicts"] == [v.value for v in expected.verdicts] and len(found["verdicts"]) == len(found["ways"])
        assert found["text"] == expected.lines(amap)
    assert set(data["p-limited-capacity"]["verdicts"]) == {Verdict.UNSUPPORTED.value}
