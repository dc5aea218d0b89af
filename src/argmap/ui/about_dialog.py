"""Help › About: the version, the licence and the credits for what argmap bundles
(libraries, fonts, data), read from ``assets/credits.json`` by ``argmap.about``."""

from __future__ import annotations

import html

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QTextBrowser, QVBoxLayout, QWidget

from argmap.about import AboutInfo, about_info
from argmap.ui.icons import app_icon


def about_html(info: AboutInfo, tr=lambda s: s) -> str:  # type: ignore[no-untyped-def]
    """The About text as HTML (every value escaped: the credits file is data)."""
    e = html.escape
    rows = []
    for c in info.credits:
        name = f'<a href="{e(c.url, quote=True)}">{e(c.name)}</a>' if c.url.startswith(("https://", "http://")) else e(c.name)
        rows.append(f"<tr><td><b>{name}</b></td><td>{e(c.kind)}</td><td>{e(c.author)}</td><td>{e(c.licence)}</td></tr>")
    table = ("<table cellspacing='0' cellpadding='3'><tr><th align='left'>" + tr("Item") + "</th><th align='left'>" + tr("Kind")
             + "</th><th align='left'>" + tr("By") + "</th><th align='left'>" + tr("Licence") + "</th></tr>" + "".join(rows) + "</table>")
    return (f"<h2>argmap {e(info.version)}</h2>"
            + "<p>" + tr("Map the arguments of a debate: questions, positions, claims, evidence and rebuttals, "
                         "with supports, attacks and undercuts.") + "</p>"
            + "<h3>" + tr("Licence") + f": {e(info.licence)}</h3><p>{e(info.licence_text)}</p>"
            + "<h3>" + tr("Credits") + "</h3>" + table)


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, info: AboutInfo | None = None) -> None:
        super().__init__(parent)
        self.info = info if info is not None else about_info()
        self.setWindowTitle(self.tr("About argmap"))
        self.resize(620, 480)
        head = QHBoxLayout()
        logo = QLabel(self)
        logo.setPixmap(app_icon().pixmap(64, 64))
        head.addWidget(logo)
        self.version_label = QLabel(self.tr("<b>argmap</b> version %1").replace("%1", html.escape(self.info.version)), self)
        head.addWidget(self.version_label, 1)
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("aboutText")
        self.browser.setOpenExternalLinks(True)
        self.browser.setHtml(about_html(self.info, self.tr))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(head)
        lay.addWidget(self.browser, 1)
        lay.addWidget(buttons)
