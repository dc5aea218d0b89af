"""`argmap --install-desktop` / `--uninstall-desktop` into temporary XDG folders: the
files appear and disappear exactly, a second install changes nothing, a default that
was there before comes back, and the MIME type resolves *.argmap.json."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from argmap.cli import desktop

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="freedesktop integration is for Linux")

#: Files that update-mime-database / update-desktop-database regenerate (their bytes may change).
CACHES = {"mime.cache", "mimeinfo.cache", "globs", "globs2", "magic", "aliases", "subclasses", "types", "icons",
          "generic-icons", "XMLnamespaces", "treemagic", "version"}


def snapshot(root: Path, skip_caches: bool = False) -> dict[str, bytes | None]:
    """Every file and folder under ``root``: relative path -> bytes (None for folders)."""
    out: dict[str, bytes | None] = {}
    for p in sorted(root.rglob("*")):
        rel = str(p.relative_to(root))
        if p.is_dir():
            out[rel] = None
        elif not (skip_caches and p.name in CACHES):
            out[rel] = p.read_bytes()
    return out


@pytest.fixture
def xdg(tmp_path, monkeypatch):
    home = tmp_path / "home"
    (home / "data").mkdir(parents=True)
    (home / "config").mkdir()
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    return home


def run_cli(flag: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, XDG_DATA_HOME=str(home / "data"), XDG_CONFIG_HOME=str(home / "config"))
    return subprocess.run([sys.executable, "-m", "argmap", flag], capture_output=True, text=True, timeout=120, env=env)


def test_install_then_uninstall_leaves_the_folders_exactly_as_before(xdg):
    before = snapshot(xdg)
    result = run_cli("--install-desktop", xdg)
    assert result.returncode == 0, result.stderr
    data = xdg / "data"
    desktop_file = data / "applications" / "argmap.desktop"
    assert desktop_file.is_file()
    for size in desktop.ICON_SIZES:
        assert (data / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "argmap.png").is_file()
    assert (data / "icons" / "hicolor" / "scalable" / "apps" / "argmap.svg").is_file()
    assert (data / "mime" / "packages" / "argmap.xml").is_file()
    mimeapps = (xdg / "config" / "mimeapps.list").read_text()
    assert desktop.ini_get(mimeapps.splitlines(), "Default Applications", desktop.MIME_TYPE) == "argmap.desktop;"
    # one clear line per step
    assert "Desktop entry:" in result.stdout and "MIME type application/x-argmap+json" in result.stdout
    assert "Default application for *.argmap.json" in result.stdout
    # nothing outside the two XDG folders
    assert {p.split(os.sep)[0] for p in snapshot(xdg)} == {"data", "config"}
    result = run_cli("--uninstall-desktop", xdg)
    assert result.returncode == 0, result.stderr
    assert snapshot(xdg) == before
    again = run_cli("--uninstall-desktop", xdg)
    assert again.returncode == 0 and "nothing to remove" in again.stdout


def test_installing_twice_changes_nothing(xdg):
    lines: list[str] = []
    desktop.install(lines.append, command=["/opt/argmap/argmap"])
    first = snapshot(xdg, skip_caches=True)
    lines.clear()
    desktop.install(lines.append, command=["/opt/argmap/argmap"])
    assert snapshot(xdg, skip_caches=True) == first
    assert any("already up to date" in line for line in lines)
    desktop.uninstall(lambda _line: None)
    assert snapshot(xdg) == {"config": None, "data": None}


def test_existing_user_files_are_kept_and_a_replaced_default_comes_back(xdg):
    mimeapps = xdg / "config" / "mimeapps.list"
    original = ("[Default Applications]\ntext/plain=gedit.desktop;\napplication/x-argmap+json=other.desktop;\n\n"
                "[Removed Associations]\nimage/png=gimp.desktop;\n")
    mimeapps.write_text(original)
    apps = xdg / "data" / "applications"
    apps.mkdir()
    (apps / "editor.desktop").write_text("[Desktop Entry]\nType=Application\nName=Editor\nExec=editor\n")
    desktop.install(lambda _line: None, command=["/opt/argmap/argmap"])
    lines = mimeapps.read_text().splitlines()
    assert desktop.ini_get(lines, "Default Applications", desktop.MIME_TYPE) == "argmap.desktop;"
    assert desktop.ini_get(lines, "Default Applications", "text/plain") == "gedit.desktop;"
    assert desktop.ini_get(lines, "Removed Associations", "image/png") == "gimp.desktop;"
    desktop.uninstall(lambda _line: None)
    after = mimeapps.read_text().splitlines()
    assert desktop.ini_get(after, "Default Applications", desktop.MIME_TYPE) == "other.desktop;"
    assert desktop.ini_get(after, "Default Applications", "text/plain") == "gedit.desktop;"
    assert desktop.ini_get(after, "Added Associations", desktop.MIME_TYPE) is None
    assert (apps / "editor.desktop").is_file() and not (apps / "argmap.desktop").exists()


def test_exec_line_quotes_paths_as_the_desktop_entry_spec_requires():
    text = desktop.desktop_entry_text(["/home/ann/My Apps/argmap", "-m", "argmap"])
    assert 'Exec="/home/ann/My Apps/argmap" -m argmap %F' in text.splitlines()
    assert desktop.exec_quote('a"b$c') == '"a\\\\"b\\\\$c"'
    assert desktop.exec_quote("/usr/bin/argmap") == "/usr/bin/argmap"


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="desktop-file-validate not installed (desktop-file-utils)")
def test_installed_desktop_entry_is_valid(xdg):
    desktop.install(lambda _line: None, command=["/opt/arg map/argmap"])
    result = subprocess.run(["desktop-file-validate", str(xdg / "data" / "applications" / "argmap.desktop")],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


def test_mime_type_resolves_argmap_files(xdg):
    if shutil.which("update-mime-database") is None:
        pytest.skip("update-mime-database not installed (shared-mime-info): cannot build the MIME database to query")
    desktop.install(lambda _line: None, command=["/opt/argmap/argmap"])
    globs2 = (xdg / "data" / "mime" / "globs2").read_text()
    assert "application/x-argmap+json:*.argmap.json" in globs2
    # ask Qt's MIME database (it reads $XDG_DATA_HOME/mime) in a fresh process
    code = ("from PySide6.QtCore import QMimeDatabase as D\n"
            "print(D().mimeTypeForFile('class/debate.argmap.json', D.MatchMode.MatchExtension).name())\n"
            "print(D().mimeTypeForFile('class/data.json', D.MatchMode.MatchExtension).name())\n")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, env=env)
    assert out.stdout.split() == ["application/x-argmap+json", "application/json"], out.stderr
