"""`argmap sources add|list|coverage` as a subprocess on real files."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from argmap.formats import load_project
from tests.formats.pdf_maker import make_pdf

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "examples" / "ottawa-convention.argmap.json"


def argmap(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "argmap", *map(str, args)], check=False, capture_output=True, text=True, encoding="utf-8", timeout=60
    )


def test_add_list_and_coverage(tmp_path):
    project = tmp_path / "map.argmap.json"
    shutil.copy(EXAMPLE, project)
    page = tmp_path / "docs" / "page.html"
    page.parent.mkdir()
    page.write_text("<title>Minister speaks</title><p>First.</p><script>x()</script><p>Second &amp; last.</p>", "utf-8")
    res = argmap("sources", "add", project, page, "--author", "A. Writer")
    assert res.returncode == 0, res.stderr
    assert "added source-1: Minister speaks (2 paragraphs" in res.stdout
    doc = load_project(project).map.meta.sources[-1]
    assert (doc.title, doc.author, doc.path, doc.text) == ("Minister speaks", "A. Writer", "docs/page.html", "First.\n\nSecond & last.\n")

    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(make_pdf([["Page one."], ["Page two."]]))
    res = argmap("sources", "add", project, pdf, "--title", "The report")
    assert res.returncode == 0 and "added source-2: The report (2 pages" in res.stdout

    res = argmap("sources", "list", project, "--json")
    listed = json.loads(res.stdout)
    assert [d["id"] for d in listed] == ["seed-ottawa", "source-1", "source-2"]
    assert listed[2]["pages"] == 2 and listed[0]["paragraphs"] == 9

    res = argmap("sources", "coverage", project, "--json")
    cov = {c["id"]: c for c in json.loads(res.stdout)}
    seed = cov["seed-ottawa"]
    assert (seed["used"], seed["paragraphs"]) == (7, 9)
    assert seed["items"][2]["cards"] == ["e-evaluate-all-measures", "e-joint-statement"]
    assert seed["items"][7]["cards"] == [] and seed["not_found"] == []
    assert cov["source-1"]["used"] == 0
    text = argmap("sources", "coverage", project).stdout
    assert "7 of 9 paragraphs used" in text and "(unused)" in text


def test_bad_source_file_changes_nothing(tmp_path):
    project = tmp_path / "map.argmap.json"
    shutil.copy(EXAMPLE, project)
    before = project.read_bytes()
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(make_pdf([[]]))
    res = argmap("sources", "add", project, scan)
    assert res.returncode == 1 and "scan.pdf" in res.stderr and "scanned" in res.stderr
    assert "Traceback" not in res.stderr
    res = argmap("sources", "add", project, tmp_path / "missing.txt")
    assert res.returncode == 1 and "missing.txt" in res.stderr
    assert project.read_bytes() == before
    res = argmap("sources", "list", tmp_path / "nope.argmap.json")
    assert res.returncode == 1 and "nope.argmap.json" in res.stderr


def test_check_reports_a_misquotation_in_embedded_text_with_the_closest_passage(tmp_path):
    raw = json.loads(EXAMPLE.read_text("utf-8"))
    raw["metadata"]["sources"][0]["path"] = "elsewhere/missing.txt"  # only the embedded text
    for s in raw["statements"]:
        if s["id"] == "e-finland":
            s["source"]["quotation"] = "Finland is also considering a similar withdrawal"
    project = tmp_path / "map.argmap.json"
    project.write_text(json.dumps(raw), "utf-8")
    res = argmap("check", project, "--json")
    findings = json.loads(res.stdout)
    found = [f for f in findings["files"][0]["findings"] if f["code"] == "quote-not-found"]
    assert [f["id"] for f in found] == ["e-finland"]
    assert found[0]["suggestion"]["locator"] == "para. 4"
    assert "contemplating a similar withdrawal" in found[0]["suggestion"]["quotation"]
