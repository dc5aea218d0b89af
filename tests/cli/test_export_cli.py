"""`argmap export` as a subprocess on the example: every format, headless, and batches
that keep going past a broken file."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from argmap.formats import load_project, save_project
from argmap.export.handout import md_escape
from tests.export_maps import has_text, hostile_map, pdf_pages, svg_text

pytestmark = pytest.mark.filterwarnings("error")


def _run(*args: str | os.PathLike[str], cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    return subprocess.run(
        [sys.executable, "-m", "argmap", "export", *map(str, args)],
        capture_output=True, text=True, env=env, cwd=cwd, timeout=120, check=False,
    )


@pytest.fixture(scope="module")
def example() -> Path:
    from tests.conftest import EXAMPLE

    if not EXAMPLE.exists():
        pytest.skip("the example map is missing")
    return EXAMPLE


@pytest.fixture(scope="module")
def example_map(example: Path):  # type: ignore[no-untyped-def]
    return load_project(example).map


def test_png_has_the_requested_size_and_is_not_blank(qapp, example: Path, tmp_path: Path) -> None:
    from PySide6.QtGui import QImage

    out = tmp_path / "map.png"
    done = _run(example, "-o", out, "--width", "1600", "--legend", "--title")
    assert done.returncode == 0, done.stderr
    image = QImage(str(out))
    assert image.width() == 1600 and image.height() > 200
    colours = {image.pixel(x, y) for x in range(0, image.width(), 5) for y in range(0, image.height(), 5)}
    assert len(colours) > 50
    half, quarter = tmp_path / "half.png", tmp_path / "quarter.png"
    assert _run(example, "-o", half, "--scale", "0.5", "--legend", "--title").returncode == 0
    assert _run(example, "-o", quarter, "--dpi", "24", "--legend", "--title").returncode == 0
    h, q = QImage(str(half)), QImage(str(quarter))
    assert abs(h.width() - 2 * q.width()) <= 1 and abs(h.height() - 2 * q.height()) <= 1
    assert abs(h.width() / h.height() - image.width() / image.height()) < 0.01


def test_svg_parses_strictly_and_has_every_statement(example: Path, example_map, tmp_path: Path) -> None:
    out = tmp_path / "map.svg"
    done = _run(example, "-o", out, "--theme", "greyscale")
    assert done.returncode == 0, done.stderr
    text = svg_text(out.read_bytes())
    missing = [s.id for s in example_map.statements() if not has_text(text, s.text)]
    assert missing == []


def test_pdf_pages_and_text(example: Path, example_map, tmp_path: Path) -> None:
    fit, a4 = tmp_path / "fit.pdf", tmp_path / "a4.pdf"
    assert _run(example, "-o", fit).returncode == 0
    done = _run(example, "-o", a4, "--paper", "a4", "--title=Ottawa class")
    assert done.returncode == 0, done.stderr
    pages = pdf_pages(fit.read_bytes())
    assert len(pages) == 1
    missing = [s.id for s in example_map.statements() if not has_text(pages[0], s.text)]
    assert missing == []
    paged = pdf_pages(a4.read_bytes())
    assert len(paged) > 1  # the example is too wide to stay readable on one A4 page
    assert all(f"{i}/{len(paged)}" in page for i, page in enumerate(paged, 1))
    joined = " ".join(paged)
    assert all(has_text(joined, s.title or s.text) for s in example_map.statements())


def test_pdf_on_a4_has_a_page_per_position(example: Path, example_map, tmp_path: Path) -> None:
    out, tiles = tmp_path / "a4.pdf", tmp_path / "tiles.pdf"
    done = _run(example, "-o", out, "--paper", "a4", "--legend", "--title")
    assert done.returncode == 0, done.stderr
    pages = pdf_pages(out.read_bytes())
    (question,) = example_map.questions()
    positions = example_map.positions(question.id)
    covered = set().union(*(example_map.subtree(p.id) for p in positions)) | {question.id}
    orphans = [s for s in example_map.statements() if s.id not in covered]
    labels = [f"Position {n} of {len(positions)}: {p.title}" for n, p in enumerate(positions, 1)]
    # a page per position; a position too wide for one readable page is tiled (the
    # first position of the example has eight cards in a row: two pages)
    owner = [next((n for n, label in enumerate(labels) if label in page), None) for page in pages]
    assert None not in owner[: len(pages) - (1 if orphans else 0)]
    assert ("Other statements" in pages[-1]) == bool(orphans)
    in_order = [o for o in owner if o is not None]
    assert in_order == sorted(in_order) and set(in_order) == set(range(len(positions)))
    assert len(pages) <= 2 * len(positions) + (1 if orphans else 0)
    for n, p in enumerate(positions):
        mine = " ".join(page for page, o in zip(pages, owner) if o == n)
        assert has_text(mine, question.text)  # the question on top of each position
        for sid in example_map.subtree(p.id):
            if example_map.is_statement(sid):
                assert has_text(mine, example_map.statement(sid).text), (p.id, sid)
    assert "Supports" in " ".join(pages)  # the legend is on a page
    assert _run(example, "-o", tiles, "--paper", "a4", "--pages", "tiles").returncode == 0
    tiled = pdf_pages(tiles.read_bytes())
    assert len(tiled) > 1 and not any("Position 1 of" in page for page in tiled)
    assert all(has_text(" ".join(tiled), s.text) for s in example_map.statements())


def test_key_on_places_the_sources_on_each_page_or_on_a_last_page(example: Path, tmp_path: Path) -> None:
    each, last = tmp_path / "each.pdf", tmp_path / "last.pdf"
    assert _run(example, "-o", each, "--paper", "a4", "--sources").returncode == 0
    assert _run(example, "-o", last, "--paper", "a4", "--sources", "--key-on", "last-page").returncode == 0
    each_pages, last_pages = pdf_pages(each.read_bytes()), pdf_pages(last.read_bytes())
    assert all(has_text(page, "Sources") and has_text(page, "1. Poland and Baltic") and "[1]" in page for page in each_pages)
    assert len(last_pages) == len(each_pages) + 1
    assert not any(has_text(page, "Sources") for page in last_pages[:-1]) and has_text(last_pages[-1], "1. Poland")
    bad = _run(example, "-o", tmp_path / "x.pdf", "--paper", "a4", "--key-on", "margins")
    assert bad.returncode == 2 and "--key-on" in bad.stderr


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_handouts_have_every_statement_and_source(fmt: str, example: Path, example_map, tmp_path: Path) -> None:
    import html

    out = tmp_path / f"handout.{fmt}"
    done = _run(example, "-o", out)
    assert done.returncode == 0, done.stderr
    content = out.read_text("utf-8")
    for s in example_map.statements():
        needle = md_escape(s.text) if fmt == "md" else html.escape(s.text)
        assert needle in content, s.id
        if s.source and s.source.quotation:
            quote = md_escape(s.source.quotation) if fmt == "md" else html.escape(s.source.quotation)
            assert quote in content, s.id
    for doc in example_map.meta.sources:
        assert (md_escape(doc.title) if fmt == "md" else html.escape(doc.title)) in content


def test_worksheet_from_the_cli_writes_sheet_and_key(example: Path, example_map, tmp_path: Path) -> None:
    out = tmp_path / "sheet.md"
    done = _run(example, "-o", out, "--worksheet", "evidence,rebuttals")
    assert done.returncode == 0, done.stderr
    sheet, key = out.read_text("utf-8"), (tmp_path / "sheet.key.md").read_text("utf-8")
    for s in example_map.statements():
        blanked = s.kind.value in ("evidence", "rebuttal")
        assert (md_escape(s.text) in sheet) is not blanked, s.id
        assert md_escape(s.text) in key


def test_hostile_strings_are_escaped_from_the_cli(tmp_path: Path) -> None:
    src = tmp_path / "evil.argmap.json"
    save_project(src, hostile_map())
    done = _run(src, "-d", tmp_path / "out", "--format", "html")
    assert done.returncode == 0, done.stderr
    page = (tmp_path / "out" / "evil.html").read_text("utf-8")
    assert "<script" not in page and "onerror=\"" not in page and "javascript:alert" not in page.split("<body>")[0]
    assert "&lt;script&gt;" in page


def test_batch_keeps_going_past_a_broken_file(example: Path, tmp_path: Path) -> None:
    good2 = tmp_path / "second.argmap.json"
    good2.write_bytes(example.read_bytes())
    broken = tmp_path / "broken.argmap.json"
    broken.write_text('{"format": "argmap", "schema_version": 1, "statements": [', "utf-8")
    out = tmp_path / "out"
    done = _run(example, broken, good2, "--format", "png", "-d", out, "--scale", "0.5")
    assert done.returncode == 1
    assert sorted(p.name for p in out.iterdir()) == ["ottawa-convention.png", "second.png"]
    assert "broken.argmap.json" in done.stderr and "1 of 3 files failed" in done.stderr
    assert "\r[" not in done.stderr  # no progress bar when stderr is not a terminal


def test_usage_errors(example: Path, tmp_path: Path) -> None:
    done = _run(example, "-o", tmp_path / "x.gif")
    assert done.returncode == 2 and "cannot tell the format" in done.stderr
    done = _run(example, "-d", tmp_path)
    assert done.returncode == 2 and "needs --format" in done.stderr
    done = _run(example, "-o", tmp_path / "x.svg", "--subtree", "No such thing")
    assert done.returncode == 1 and "no statement has the id or title 'No such thing'" in done.stderr
    assert not (tmp_path / "x.svg").exists()
    done = _run(example, "-o", tmp_path / "x.md", "--worksheet", "opinions")
    assert done.returncode == 1 and "unknown statement kind 'opinions'" in done.stderr
    assert "Traceback" not in done.stderr


def test_with_article_uses_the_embedded_text_when_no_file_is_beside_the_map(tmp_path: Path) -> None:
    import shutil

    alone = tmp_path / "alone" / "map.argmap.json"  # no seeds/ folder anywhere above it
    alone.parent.mkdir()
    shutil.copy(Path(__file__).resolve().parents[2] / "examples" / "ottawa-convention.argmap.json", alone)
    out = tmp_path / "sheet.html"
    r = _run(alone, "-o", out, "--worksheet", "evidence", "--hints", "paragraph", "--with-article")
    assert r.returncode == 0, r.stderr
    page = out.read_text(encoding="utf-8")
    assert "Appendix: Poland and Baltic States" in page
    assert '<li value="4" dir="auto">This collective move requires parliamentary approval' in page
    assert "Hint: para. 4" in page
