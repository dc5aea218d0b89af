"""One verdict everywhere: the card badges, the Evaluation panel, `argmap evaluate` and
the exports (SVG/PDF text, the verdict box, handouts) all say the same for each position;
an unsupported position wears its own badge; Help shows the order of strengths."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from argmap.export.verdict_box import export_labelling, verdict_rows
from argmap.formats import save_project
from argmap.model import Rating, Statement, StatementKind
from argmap.reasoning import ORDER, Verdict, verdict, verdicts
from argmap.ui.document import Document
from argmap.ui.help import WeighingDialog
from argmap.ui.panels.evaluation import EvaluationPanel
from argmap.ui.render.export import ExportOptions, render_bytes, write_export
from tests.export_maps import pdf_pages, svg_text
from tests.reasoning.maps import K, make_map

UNSUPPORTED = "IN \u00b7 unsupported"


def four_positions():
    """One position of each verdict: stands, stands unsupported, defeated, undecided."""
    q = "q"
    statements = {
        q: (K.QUESTION, "Ban phones at school?"),
        "ok": Statement("ok", K.POSITION, "Yes, scores rise", answers=q, order=1),
        "lone": Statement("lone", K.POSITION, "Only in exams", answers=q, order=2),
        "gone": Statement("gone", K.POSITION, "No, phones help", answers=q, order=3),
        "open": Statement("open", K.POSITION, "Let schools decide", answers=q, order=4),
        "c": Statement("c", K.CLAIM, "Pupils focus better", order=5),
        "r": Statement("r", K.REBUTTAL, "Help is not learning", order=6),
        "x": Statement("x", K.REBUTTAL, "Schools disagree", order=7),
        "y": Statement("y", K.REBUTTAL, "Schools agree", order=8),
    }
    links = [
        ("s", "support", "c", "ok"),
        ("a", "attack", "r", "gone"),
        ("ax", "attack", "x", "open"),
        ("xy", "attack", "x", "y"),
        ("yx", "attack", "y", "x"),
    ]
    return make_map(statements, links)


def _cli(path: Path) -> dict:
    res = subprocess.run([sys.executable, "-m", "argmap", "evaluate", str(path), "--json"], capture_output=True, text=True, timeout=60)
    assert res.returncode == 0, res.stderr
    return json.loads(res.stdout)


def test_verdicts_identical_across_badge_panel_cli_and_exports(qtbot, qapp, tmp_path):
    amap = four_positions()
    path = tmp_path / "phones.argmap.json"
    save_project(path, amap)
    expected = {"ok": "stands", "lone": "stands, unsupported", "gone": "defeated", "open": "undecided"}
    # the shared function
    lab = export_labelling(amap, tmp_path)
    assert {k: v.value for k, v in verdicts(amap, lab).items()} == expected
    # the panel: badges sent to the canvas and the title of each position
    doc = Document(amap.copy(), path=str(path))
    panel = EvaluationPanel(doc)
    qtbot.addWidget(panel)
    badges = panel.badges()
    assert {sid: badges[sid] for sid in expected} == {sid: Verdict(v).badge for sid, v in expected.items()}
    assert badges["lone"] == UNSUPPORTED and badges["ok"] == "IN"
    for sid, words in expected.items():
        panel.show_ids([sid])
        assert panel.title_label.text().endswith("\u2014 " + words)
    # the command line
    assert _cli(path)["verdicts"] == expected
    # the exports: the verdict box rows, the SVG text, the PDF text, the handouts
    assert {r.id: r.verdict for r in verdict_rows(amap, lab)} == expected
    svg = svg_text(render_bytes(amap, "svg", ExportOptions(labels=True)))
    for name, words in (("Yes, scores rise", "stands"), ("Only in exams", "stands, unsupported"),
                        ("No, phones help", "defeated"), ("Let schools decide", "undecided")):
        assert f"{name}: {words}" in svg
    assert "Verdicts" in svg and UNSUPPORTED in svg and "OUT" in svg and "UND" in svg
    pdf = " ".join(pdf_pages(render_bytes(amap, "pdf", ExportOptions(labels=True))))
    assert "Only in exams: stands, unsupported" in pdf and "No, phones help: defeated" in pdf
    assert "unsupported" in pdf and "OUT" in pdf
    for fmt in ("md", "html"):
        out = tmp_path / f"handout.{fmt}"
        write_export(out, amap, ExportOptions(labels=True), fmt)
        text = out.read_text(encoding="utf-8")
        assert "Verdicts" in text
        for words in expected.values():
            assert words in text
    # without --labels nothing of it
    plain = svg_text(render_bytes(amap, "svg", ExportOptions()))
    assert "Verdicts" not in plain and UNSUPPORTED not in plain


def test_cli_export_labels(tmp_path):
    amap = four_positions()
    path = tmp_path / "phones.argmap.json"
    save_project(path, amap)
    out = tmp_path / "phones.svg"
    res = subprocess.run([sys.executable, "-m", "argmap", "export", str(path), "-o", str(out), "--labels"],
                         capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr
    text = svg_text(out.read_bytes())
    assert "Only in exams: stands, unsupported" in text and UNSUPPORTED in text
    md = tmp_path / "phones.md"
    res = subprocess.run([sys.executable, "-m", "argmap", "export", str(path), "-o", str(md), "--labels"],
                         capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr
    assert "## Verdicts" in md.read_text(encoding="utf-8")


def test_unsupported_badge_looks_different_in_every_theme(qapp):
    from argmap.ui.styles import THEMES

    for theme in THEMES.values():
        assert theme.badge_hex(UNSUPPORTED) != theme.badge_hex("IN"), theme.name


def test_help_lists_the_order_of_strengths(qtbot):
    dialog = WeighingDialog()
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == len(ORDER)
    assert [dialog.table.item(r, 1).text() for r in range(len(ORDER))] == [words for _level, words in ORDER]


def test_panel_link_what_if_and_ratings_note(qtbot, tmp_path):
    amap = make_map(
        {
            "p": Statement("p", K.POSITION, "Ban phones"),
            "r": Statement("r", K.REBUTTAL, "Pupils need phones", rating=None),
            "e": Statement("e", StatementKind.EVIDENCE, "A study", rating=Rating.ACCEPTED),
        },
        [("s", "support", "e", "p"), ("a", "attack", "r", "p")],
    )
    panel = EvaluationPanel(Document(amap))
    qtbot.addWidget(panel)
    # e accepted (top) lends p the top strength: the bare rebuttal does not defeat it
    assert panel.badges()["p"] == "IN" and verdict(amap, "p", panel.labelling()) is Verdict.STANDS
    panel.show_ids(["a"])
    assert panel.link_strong_button.isEnabled()
    panel.link_strong_button.click()
    assert panel.badges()["p"] == "OUT" and panel.link_assumptions() == {"a": "strong"}
    assert "the link from 'Pupils need phones' strong" in panel.assumptions_label.text()
    assert amap.link("a").strength is None  # never saved
    panel.clear_assumptions()
    assert panel.badges()["p"] == "IN"
    # the student rated something: the suggestion is shown, and says where it differs
    panel.show_ids(["p"])
    text = panel.rating_label.text()
    assert text.startswith("Your ratings suggest")


def test_a_rating_edit_reweighs_after_the_debounce(qtbot):
    from argmap.model import change_statement

    amap = make_map(
        {
            "p": Statement("p", K.POSITION, "Ban phones"),
            "e": Statement("e", StatementKind.EVIDENCE, "A study", rating=Rating.ACCEPTED),
            "r": Statement("r", K.REBUTTAL, "Pupils need phones"),
        },
        [("s", "support", "e", "p"), ("a", "attack", "r", "p")],
    )
    doc = Document(amap)
    panel = EvaluationPanel(doc)
    qtbot.addWidget(panel)
    assert panel.badges()["p"] == "IN"
    doc.apply(change_statement(doc.map, "r", rating=Rating.ACCEPTED))  # now as strong as the study
    qtbot.waitUntil(lambda: panel.badges()["p"] == "OUT", timeout=2000)
    doc.undo_stack.undo()
    qtbot.waitUntil(lambda: panel.badges()["p"] == "IN", timeout=2000)
