"""`argmap compare` as a real subprocess: the --json shape, a folder of hand-ins with a
broken and a foreign file in it, the class page and the feedback files (escaped, CSP'd),
student names from authors or the file name."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

from argmap.formats import save_project
from argmap.model import ArgumentMap, MapMeta
from tests.compare.students import EXAMPLE, labelled_set, load_model


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "argmap", "compare", *map(str, args)],
        check=False, capture_output=True, text=True, encoding="utf-8", timeout=120, env=env,
    )


def hand_in_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "hand-ins"
    folder.mkdir()
    students = labelled_set()
    for st in students[:4]:
        save_project(folder / f"{st.name.lower()}.argmap.json", st.map)
    anonymous = students[4].map
    anonymous.set_meta(replace(anonymous.meta, authors=()))
    save_project(folder / "student-5.argmap.json", anonymous)
    evil = students[5].map
    evil.set_meta(MapMeta(title="x", authors=("<script>alert(1)</script>",)))
    save_project(folder / "evil.argmap.json", evil)
    (folder / "broken.argmap.json").write_text('{"format": "argmap", "schema_version": 1, "statements": [', encoding="utf-8")
    (folder / "essay.docx").write_bytes(b"PK\x03\x04 not a map")
    return folder


def test_json_has_the_documented_shape(tmp_path):
    st = labelled_set()[4]  # Eli: Finland under the wrong position
    path = tmp_path / "eli.argmap.json"
    save_project(path, st.map)
    r = run(EXAMPLE, path, "--json")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    [student] = data["students"]
    assert set(student) == {"file", "author", "score", "matched", "missing", "extra", "findings"}
    assert student["author"] == "Eli" and student["file"] == str(path)
    assert isinstance(student["score"], int) and 0 <= student["score"] < 100
    assert all(set(m) == {"model", "student", "similarity"} for m in student["matched"])
    assert {"model": "e-finland", "student": next(s for s, m in st.truth.items() if m == "e-finland")} in [
        {"model": m["model"], "student": m["student"]} for m in student["matched"]
    ]
    finding = next(f for f in student["findings"] if f["kind"] == "misattached")
    assert set(finding) == {"kind", "model", "student", "message"}
    assert finding["model"] == "e-finland"
    assert "supports 'Deterrence need', not 'Humanitarian risk'" in finding["message"]


def test_a_folder_with_broken_and_foreign_files_writes_the_class_page(tmp_path):
    folder = hand_in_folder(tmp_path)
    out = tmp_path / "class.html"
    r = run(EXAMPLE, "-d", folder, "-o", out, "--json")
    assert r.returncode == 1  # some files were skipped, the rest compared
    assert "broken.argmap.json" in r.stderr and "essay.docx" in r.stderr
    assert "Traceback" not in r.stderr
    data = json.loads(r.stdout)
    assert len(data["students"]) == 6
    assert {s["author"] for s in data["students"]} >= {"Ada", "Ben", "Cleo", "Dev", "student-5"}
    assert {Path(s["file"]).name for s in data["skipped"]} == {"broken.argmap.json", "essay.docx"}
    page = out.read_text(encoding="utf-8")
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert "<script>" not in page and "&lt;script&gt;" in page
    for heading in ("Found", "Attached right", "Right arrow", "Statements most often missed", "Most common misattachments"):
        assert heading in page
    feedback = sorted(p.name for p in (tmp_path / "class-feedback").iterdir())
    assert feedback == ["ada.html", "ben.html", "cleo.html", "dev.html", "evil.html", "student-5.html"]
    assert 'href="class-feedback/dev.html"' in page
    dev = (tmp_path / "class-feedback" / "dev.html").read_text(encoding="utf-8")
    assert "Score:" in dev and "Deterrence by other means" in dev and "Content-Security-Policy" in dev


def test_markdown_report_for_one_student(tmp_path):
    path = tmp_path / "ben.argmap.json"
    save_project(path, labelled_set()[1].map)
    out = tmp_path / "ben.md"
    r = run(EXAMPLE, path, "-o", out)
    assert r.returncode == 0, r.stderr
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Feedback for Ben") and "**Score: 100 / 100**" in text


def test_text_output_without_options(tmp_path):
    path = tmp_path / "dev.argmap.json"
    save_project(path, labelled_set()[3].map)
    r = run(EXAMPLE, path)
    assert r.returncode == 0, r.stderr
    assert "Dev (" in r.stdout and "Missing: 'Deterrence by other means'" in r.stdout


def test_unreadable_model_or_nothing_to_compare_is_a_clear_error(tmp_path):
    bad = tmp_path / "model.argmap.json"
    bad.write_text("nope", encoding="utf-8")
    r = run(bad, EXAMPLE)
    assert r.returncode == 2 and "model answer cannot be used" in r.stderr and "Traceback" not in r.stderr
    blank_model = tmp_path / "blank.argmap.json"
    save_project(blank_model, ArgumentMap())
    r = run(blank_model, EXAMPLE)
    assert r.returncode == 2 and "has no statements" in r.stderr
    empty = tmp_path / "empty"
    empty.mkdir()
    r = run(EXAMPLE, "-d", empty)
    assert r.returncode == 2 and "no hand-ins" in r.stderr
    only_broken = tmp_path / "only"
    only_broken.mkdir()
    (only_broken / "x.argmap.json").write_text("{", encoding="utf-8")
    r = run(EXAMPLE, "-d", only_broken)
    assert r.returncode == 2 and "none of the hand-ins could be read" in r.stderr


def test_the_model_answer_in_the_folder_is_not_compared_with_itself(tmp_path):
    folder = tmp_path / "f"
    folder.mkdir()
    model = folder / "model.argmap.json"
    save_project(model, load_model())
    save_project(folder / "ada.argmap.json", labelled_set()[0].map)
    r = run(model, "-d", folder, "--json")
    assert r.returncode == 0, r.stderr
    assert [s["author"] for s in json.loads(r.stdout)["students"]] == ["Ada"]


def test_rubric_from_the_command_line_and_saved_in_the_model(tmp_path):
    model = tmp_path / "model.argmap.json"
    save_project(model, load_model())
    gus = tmp_path / "gus.argmap.json"
    save_project(gus, labelled_set()[6].map)  # Gus: five extras
    plain = json.loads(run(model, gus, "--json").stdout)["students"][0]["score"]
    strict = json.loads(run(model, gus, "--json", "--rubric", "extra=3").stdout)["students"][0]["score"]
    assert strict < plain
    r = run(model, "--rubric", "extra=3", "--save-rubric")
    assert r.returncode == 0, r.stderr
    assert '"rubric"' in model.read_text(encoding="utf-8")
    assert json.loads(run(model, gus, "--json").stdout)["students"][0]["score"] == strict
    bad = run(model, gus, "--rubric", "extras=3")
    assert bad.returncode == 2 and "missing, misattached" in bad.stderr
