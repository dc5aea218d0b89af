"""The bundled fonts (DejaVu Sans, Noto Emoji): shipped in the package with their
licences, registered before anything is drawn, and the only fonts an export of a map in
Latin, Arabic, Hebrew and emoji uses, so a picture is the same whatever the machine has
installed (a machine with no fonts at all, or one with a colour emoji font)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

from PySide6.QtGui import QFontInfo, QTextLayout

from argmap.ui.fonts import EMOJI_FAMILY, FONT_FILES, TEXT_FAMILY, ensure_fonts, font_dir
from argmap.ui.styles import make_font
from tests.conftest import REPO


def test_font_files_and_licences_ship_inside_the_package() -> None:
    folder = font_dir()
    names = {p.name for p in folder.iterdir()}
    assert set(FONT_FILES) <= names
    assert {"LICENSE-DejaVu.txt", "LICENSE-NotoEmoji-OFL.txt"} <= names
    total = sum((folder / n).stat().st_size for n in FONT_FILES)  # type: ignore[attr-defined]
    assert total < 5_000_000, total  # a reasonable share of a desktop app's download
    globs = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]["argmap"]
    assert "assets/**/*" in globs  # the fonts folder is package data (wheel and sdist)


def test_card_font_is_the_bundled_family(qapp) -> None:
    assert {TEXT_FAMILY, EMOJI_FAMILY} <= set(ensure_fonts())
    for bold in (False, True):
        info = QFontInfo(make_font(14, bold))
        assert info.family() == TEXT_FAMILY
        assert info.bold() is bold


def _families_used(text: str) -> set[str]:
    layout = QTextLayout(text, make_font(14))
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    return {run.rawFont().familyName() for run in layout.glyphRuns()}


def test_emoji_and_right_to_left_text_use_only_bundled_fonts(qapp) -> None:
    # even where the machine has a colour emoji font (Qt would otherwise prefer it)
    assert _families_used("Farmers worry 🙂 about fields 👍 ☺") == {TEXT_FAMILY, EMOJI_FAMILY}
    assert _families_used("שלום עליכם and مرحبا بكم — „Łódź“") == {TEXT_FAMILY}


_RENDER = """
import hashlib, json, re, sys
from argmap.ui.app import make_app
make_app()
from argmap.ui.render.export import ExportOptions, render_bytes
from tests.export_maps import pdf_pages, sample_map, svg_text
amap = sample_map()
png = render_bytes(amap, "png", ExportOptions())
pdf = render_bytes(amap, "pdf", ExportOptions())
svg = render_bytes(amap, "svg", ExportOptions())
fonts = sorted({m.decode() for m in re.findall(rb"/BaseFont\\s*/(?:[A-Z]{6}\\+)?([^\\s/>]+)", pdf)})
print(json.dumps({"png": hashlib.sha256(png).hexdigest(), "pdf_text": pdf_pages(pdf), "pdf_fonts": fonts,
                  "svg_text": svg_text(svg)}))
"""


def _render(tmp_path: Path, fontconfig: Path | None) -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=os.pathsep.join([str(REPO / "src"), str(REPO)]))
    if fontconfig is not None:
        env["FONTCONFIG_FILE"] = str(fontconfig)
    done = subprocess.run([sys.executable, "-c", _RENDER], check=False, env=env, cwd=REPO, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_exports_are_identical_with_no_system_fonts_and_with_the_machines_fonts(tmp_path: Path) -> None:
    """Fontconfig is pointed at an empty folder (a machine with no fonts at all) and
    compared with this machine's own fonts (which may include a colour emoji font)."""
    empty = tmp_path / "nofonts"
    empty.mkdir()
    conf = tmp_path / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n'
        f"<fontconfig><dir>{empty}</dir><cachedir>{tmp_path / 'cache'}</cachedir></fontconfig>\n"
    )
    bare = _render(tmp_path, conf)
    usual = _render(tmp_path, None)
    assert bare == usual
    assert usual["pdf_fonts"] == ["DejaVuSans", "DejaVuSans-Bold", "NotoEmoji-Regular"]
    assert "Farmers worry 🙂 about fields" in usual["svg_text"]
