"""``argmap.export.write``: one entry point for the CLI and the app; handouts need no Qt,
pictures come from the renderer passed in."""

from __future__ import annotations

import subprocess
import sys

import pytest

from argmap.export.options import ExportError, ExportOptions, export_format, prepare_map
from argmap.export.write import needs_renderer, write
from tests.model.maps import debate


class FakeRenderer:
    """Records what it was asked to draw; the 'picture' names the statements."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, list[str], ExportOptions]] = []

    def __call__(self, amap, fmt, options, warnings=None) -> bytes:
        ids = sorted(s.id for s in amap.statements())
        self.calls.append((fmt, ids, options))
        if warnings is not None:
            warnings.append("drawn small")
        return (fmt + ":" + ",".join(ids)).encode()


def test_picture_gets_the_prepared_map_and_its_warnings(tmp_path):
    r = FakeRenderer()
    out = tmp_path / "map.png"
    amap = debate()
    result = write(out, amap, ExportOptions(scope="subtree", subtree="p1"), renderer=r)
    assert result.paths == [out] and result.warnings == ["drawn small"]
    under = sorted(i for i in amap.subtree("p1") if amap.is_statement(i))
    assert "q" not in under and "p1" in under
    assert out.read_bytes() == ("png:" + ",".join(under)).encode()  # the subtree of p1 only
    assert [c[0] for c in r.calls] == ["png"]


def test_worksheet_picture_writes_sheet_and_key_together(tmp_path):
    r = FakeRenderer()
    out = tmp_path / "sheet.svg"
    result = write(out, debate(), ExportOptions(worksheet=("evidence",)), renderer=r)
    assert [p.name for p in result.paths] == ["sheet.svg", "sheet.key.svg"]
    assert len(r.calls) == 2


def test_failing_renderer_writes_nothing(tmp_path):
    def broken(amap, fmt, options, warnings=None):
        raise ExportError("no memory")

    with pytest.raises(ExportError, match="no memory"):
        write(tmp_path / "x.pdf", debate(), renderer=broken)
    assert list(tmp_path.iterdir()) == []


def test_handouts_need_no_renderer_but_pictures_do(tmp_path):
    result = write(tmp_path / "h.md", debate(), ExportOptions(scope="subtree", subtree="c1"))
    text = result.paths[0].read_text(encoding="utf-8")
    assert "It matters" in text and "Should they?" not in text
    with pytest.raises(ExportError, match="renderer"):
        write(tmp_path / "h.png", debate())
    with pytest.raises(ExportError, match="renderer"):
        write(tmp_path / "h.html", debate(), ExportOptions(embed_map=True))
    assert needs_renderer("html", ExportOptions(embed_map=True)) and not needs_renderer("md", ExportOptions())


def test_embedded_map_comes_from_the_renderer(tmp_path):
    r = FakeRenderer()
    result = write(tmp_path / "h.html", debate(), ExportOptions(embed_map=True), renderer=r)
    assert [c[0] for c in r.calls] == ["svg"]
    assert "data:image/svg+xml;base64," in result.paths[0].read_text(encoding="utf-8")


def test_options_and_scope_errors_name_the_problem():
    with pytest.raises(ExportError, match="unknown theme 'nope'"):
        ExportOptions(theme="nope").checked()
    with pytest.raises(ExportError, match="paper"):
        ExportOptions(paper="a3").checked()
    with pytest.raises(ExportError, match="nothing is selected"):
        prepare_map(debate(), ExportOptions(scope="selection", selection=("zz",)))
    with pytest.raises(ExportError, match="htm|format"):
        export_format("x.doc")
    assert export_format("x.markdown") == "md"


def test_export_package_loads_no_qt():
    code = ("import sys, argmap.export.write, argmap.export.options, argmap.export.tile_plan, argmap.cli.export\n"
            "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'argmap.ui'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"
