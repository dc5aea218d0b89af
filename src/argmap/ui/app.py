"""`run_app(files)`: start the desktop app: one window per file (or the start page),
autosave and crash recovery, and a last-resort error dialog instead of a crash."""

from __future__ import annotations

import sys
import traceback
from types import TracebackType

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from argmap import __version__

_in_hook = False


def _excepthook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
    """Show an unexpected error in a dialog (and on stderr) instead of aborting."""
    global _in_hook
    text = "".join(traceback.format_exception(kind, value, tb))
    print(text, file=sys.stderr)
    app = QApplication.instance()
    if _in_hook or app is None or kind is KeyboardInterrupt:
        return
    _in_hook = True
    try:
        box = QMessageBox(QMessageBox.Icon.Critical, QCoreApplication.translate("app", "Unexpected error"),
                          QCoreApplication.translate("app", "Something went wrong inside argmap: %1\n\nYour work is kept; "
                                                     "save it (Save As to a new file if in doubt).").replace("%1", f"{kind.__name__}: {value}"))
        box.setDetailedText(text)
        box.exec()
    finally:
        _in_hook = False


def install_excepthook() -> None:
    sys.excepthook = _excepthook


def release_offscreen_clipboard() -> None:
    """On Qt's offscreen platform a clipboard still holding data when the process exits
    crashes it (SIGSEGV); there is no other program to hand the data to, so drop it."""
    if QApplication.platformName() == "offscreen":
        QApplication.clipboard().clear()


def make_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if app is None:
        QApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        app = QApplication(argv if argv is not None else [sys.argv[0]])
    app.setOrganizationName("argmap")
    app.setApplicationName("argmap")
    app.setApplicationDisplayName("argmap")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("argmap")
    from argmap.ui.icons import app_icon

    app.setWindowIcon(app_icon())
    app.aboutToQuit.connect(release_offscreen_clipboard)
    return app  # type: ignore[return-value]


def start(files: list[str]):  # type: ignore[no-untyped-def]
    """Create the session and its windows (without running the event loop)."""
    from argmap.ui.recovery_dialog import offer_recovery
    from argmap.ui.session import Session
    from argmap.ui.window import MainWindow

    session = Session(window_factory=MainWindow)
    session.recovery.start()
    recovered = offer_recovery(session.recovery)
    for doc in recovered:
        session.new_window(doc)
    for path in files:
        window = session.window_for() if not session.windows else session.windows[-1]
        window.open_path(path)
    if not session.windows:
        session.new_window()
    return session


def run_app(files: list[str]) -> int:
    """Run the desktop app on ``files`` (none: the start page). Returns the exit code."""
    app = make_app()
    install_excepthook()
    session = start(list(files))
    app.aboutToQuit.connect(session.recovery.stop)
    return int(app.exec())
