"""README names the system libraries the window needs before its first command."""

from __future__ import annotations

from argmap.cli.display_check import XCB_LIBRARIES
from tests.conftest import REPO


def test_readme_names_the_apt_line_before_the_first_command() -> None:
    text = (REPO / "README.md").read_text()
    apt = text.find("sudo apt-get install ")
    first_command = text.find("pip install")
    assert 0 <= apt < first_command
    line = text[apt:].splitlines()[0].split()
    assert set(XCB_LIBRARIES.values()) <= set(line[3:])
