"""`argmap --version`, the credits data behind Help › About, and the About dialog."""

from __future__ import annotations

import json
import subprocess
import sys

from argmap import __version__
from argmap.about import about_info, credits_text


def test_version_flag_prints_the_version():
    result = subprocess.run([sys.executable, "-m", "argmap", "--version"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    assert result.stdout.strip() == f"argmap {__version__}"


def test_shipped_credits_name_the_licence_libraries_and_example_data():
    info = about_info()
    assert info.version == __version__
    assert info.licence == "MIT"
    names = [c.name for c in info.credits]
    assert "Qt and PySide6" in names and "Ottawa Convention example" in names
    assert {c.kind for c in info.credits} >= {"library", "data"}


def test_a_font_without_a_credit_entry_is_still_listed(tmp_path):
    (tmp_path / "fonts").mkdir()
    (tmp_path / "fonts" / "Fancy-Regular.ttf").write_bytes(b"\0")
    (tmp_path / "fonts" / "OFL.txt").write_text("licence")
    (tmp_path / "fonts" / "Known.otf").write_bytes(b"\0")
    (tmp_path / "credits.json").write_text(json.dumps({"credits": [{"name": "Known", "kind": "font", "licence": "OFL-1.1"}]}))
    info = about_info(tmp_path)
    fonts = [c for c in info.credits if c.kind == "font"]
    assert [c.name for c in fonts] == ["Known", "Fancy-Regular.ttf"]
    assert fonts[1].licence == "see OFL.txt"
    assert "Known (font) — licence: OFL-1.1" in credits_text(info)


def test_a_broken_credits_file_gives_no_credits_not_an_error(tmp_path):
    (tmp_path / "credits.json").write_text("{not json")
    info = about_info(tmp_path)
    assert info.credits == () and info.version == __version__


def test_about_dialog_shows_version_licence_and_credits(qtbot):
    from argmap.ui.about_dialog import AboutDialog

    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    text = dialog.browser.toPlainText()
    assert f"argmap {__version__}" in text
    assert "Licence: MIT" in text
    assert "Qt and PySide6" in text and "LGPL-3.0" in text
    assert __version__ in dialog.version_label.text()
