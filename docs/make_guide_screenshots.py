"""Take the User Guide's pictures of the real app (run under a display, e.g. Xvfb):

    Xvfb :18 -screen 0 1600x1000x24 &
    DISPLAY=:18 python docs/make_guide_screenshots.py [TEMPLATES_FOLDER]

Writes src/argmap/assets/guide/*.png, small (reduced to 8-bit colour with ImageMagick's
`convert` when it is installed). TEMPLATES_FOLDER: show these templates on the start page
(default: the ones shipped in src/argmap/assets/templates)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "argmap" / "assets" / "guide"
EXAMPLE = ROOT / "examples" / "ottawa-convention.argmap.json"
os.environ["ARGMAP_CONFIG_DIR"] = tempfile.mkdtemp(prefix="argmap-shots-")
os.environ["ARGMAP_DATA_DIR"] = tempfile.mkdtemp(prefix="argmap-shots-data-")
os.environ["ARGMAP_SINGLE_INSTANCE"] = "0"

from PySide6.QtCore import QPointF, QRect, Qt  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from argmap.ui import start_page  # noqa: E402
from argmap.ui.app import make_app  # noqa: E402
from argmap.ui.session import Session  # noqa: E402


def settle(ms: int = 400) -> None:
    app = QApplication.instance()
    end = __import__("time").monotonic() + ms / 1000
    while __import__("time").monotonic() < end:
        app.processEvents()


def save(widget, name: str, rect: QRect | None = None, width: int = 760) -> None:
    pix = widget.grab(rect) if rect is not None else widget.grab()
    if pix.width() > width:
        pix = pix.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
    path = OUT / name
    pix.save(str(path), "PNG")
    convert = shutil.which("convert")
    if convert:
        subprocess.run([convert, str(path), "-strip", "-colors", "96", f"PNG8:{path}"], check=True)
    print(f"{path.relative_to(ROOT)}: {path.stat().st_size // 1024} KB")


def main() -> int:
    if len(sys.argv) > 1:
        folder = Path(sys.argv[1])
        start_page.template_folder = lambda: folder  # type: ignore[assignment]
    make_app()
    from argmap.ui.window import MainWindow

    session = Session(window_factory=MainWindow)
    w = session.new_window()
    w.resize(900, 520)
    settle()
    # 1. the start page of a first start (just the middle column, at its natural size)
    page = w.start_page
    box = page.first_steps.geometry().united(page.example_button.parentWidget().childrenRect()).adjusted(-12, -110, 12, 12)
    save(page, "start.png", box.intersected(page.rect()), width=760)
    # 2. building: the example focused on one position, a claim selected
    w.open_path(str(EXAMPLE))
    settle(800)
    amap = w.document.map
    w.checks.hide()
    w.inspector_dock.hide()
    w.evaluation.hide()
    w.resize(1100, 640)
    settle()
    w.select(["p-humanitarian"])
    w.view_focus()
    w.view.set_zoom(0.62)
    w.view.centerOn(w.scene.item_for("p-humanitarian").sceneBoundingRect().center() + QPointF(0, 150))
    w.select(["r-deterring-war-protects"])
    settle()
    save(w, "build.png", width=760)
    w.checks.show()
    w.inspector_dock.show()
    w.evaluation.show()
    w.resize(1280, 800)
    settle()
    # 3. the article: the Sources panel, a quoted passage highlighted for the selected card
    w.view_show_all()
    w.sources.show()
    w.sources.raise_()
    w.reveal("e-amnesty")
    w.outline_dock.hide()
    w.resizeDocks([w.sources], [420], Qt.Orientation.Horizontal)
    settle()
    w.reveal("e-amnesty")
    settle()
    save(w.sources, "article.png", QRect(0, 0, w.sources.width(), min(w.sources.height(), 460)), width=420)
    w.outline_dock.show()
    # 4. the labels: badges on the cards and the Evaluation panel
    w.set_show_labels(True)
    w.evaluation.raise_()
    w.select(["p-limited-capacity"])
    w.view_focus()
    w.outline_dock.hide()
    w.checks.hide()
    w.resize(1180, 640)
    settle()
    w.view.set_zoom(0.6)
    w.view.centerOn(w.scene.item_for("p-limited-capacity").sceneBoundingRect().center() + QPointF(0, 140))
    settle(800)
    save(w, "labels.png", width=760)
    assert amap is w.document.map
    w.document.undo_stack.setClean()
    return 0


if __name__ == "__main__":
    sys.exit(main())
