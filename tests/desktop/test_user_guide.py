"""Help › User Guide: shipped in the package, opened with F1, every picture it shows is
there and small, every in-page link has its anchor."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication

from argmap.ui.guide import UserGuide, guide_folder
from tests.ui.window_support import OFFSCREEN_NOISE, dialogs, isolated_env, make_window  # noqa: F401

pytestmark = OFFSCREEN_NOISE
HTML = guide_folder() / "index.html"


def test_guide_ships_with_small_pictures_and_working_links():
    html = HTML.read_text(encoding="utf-8")
    images = re.findall(r'<img src="([^"]+)"', html)
    assert len(images) >= 4
    for name in images:
        assert (guide_folder() / name).is_file(), name
    total = sum(p.stat().st_size for p in guide_folder().glob("*.png"))
    assert total < 400_000, f"guide pictures take {total} bytes"
    anchors = set(re.findall(r'<a name="([^"]+)"', html))
    links = set(re.findall(r'<a href="#([^"]+)"', html))
    assert links and links <= anchors
    for topic in ("Build a map", "Use the article", "Read the labels", "Templates", "Assignments",
                  "Comparing with a model answer", "The class overview"):
        assert topic in html, topic


def test_f1_opens_the_guide_with_its_pictures(make_window, qtbot):
    w = make_window()
    assert "F1" in [k.toString() for k in w.actions_by_name["user_guide"].shortcuts()]
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w, timeout=2000)
    w.start_page.new_button.setFocus()
    qtbot.keyClick(w.start_page.new_button, Qt.Key.Key_F1)
    QApplication.processEvents()
    guide = w.findChild(UserGuide)
    assert guide is not None and guide.isVisible()
    text = guide.browser.toPlainText()
    assert "For students" in text and "For teachers" in text
    image = guide.browser.document().resource(QTextDocument.ResourceType.ImageResource, QUrl("build.png"))
    assert image is not None and not image.isNull()
    # a second F1 raises the same window instead of opening another
    w.commands.help_user_guide()
    assert len(w.findChildren(UserGuide)) == 1
    guide.close()
