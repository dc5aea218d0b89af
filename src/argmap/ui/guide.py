"""Help › User Guide (F1): a short, illustrated, offline guide shipped in the package
(``assets/guide/index.html`` and its pictures), shown in a QTextBrowser."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget


def guide_folder() -> Path:
    return Path(str(resources.files("argmap") / "assets" / "guide"))


class UserGuide(QDialog):
    """A non-modal window with the guide; links inside it stay inside it, web links
    open in the browser."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("userGuide")
        self.setWindowTitle(self.tr("argmap User Guide"))
        self.resize(860, 720)
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("guideText")
        self.browser.setOpenExternalLinks(True)
        folder = guide_folder()
        index = folder / "index.html"
        if index.is_file():
            self.browser.setSearchPaths([str(folder)])
            self.browser.setSource(QUrl.fromLocalFile(str(index)))
        else:
            self.browser.setHtml(self.tr("<p>The user guide is not installed (%1 is missing).</p>").replace("%1", str(index)))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        lay = QVBoxLayout(self)
        lay.addWidget(self.browser, 1)
        lay.addWidget(buttons)


def show_user_guide(window: QWidget) -> UserGuide:
    """Show the guide (one per window; raised again if already open)."""
    guide = window.findChild(UserGuide)
    if guide is None:
        guide = UserGuide(window)
    guide.show()
    guide.raise_()
    guide.activateWindow()
    return guide
