"""`run_app(files)`: start the desktop app: one window per file (or the start page),
autosave and crash recovery, and a last-resort error dialog instead of a crash."""

from __future__ import annotations

import os
import sys
import traceback
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from argmap import __version__

if TYPE_CHECKING:
    from argmap.ui.session import Session

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
    from argmap.ui.fonts import ensure_fonts
    from argmap.ui.icons import app_icon

    ensure_fonts()  # cards, icons and exports draw in the bundled fonts

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
        window.files.open_path(path)
    if not session.windows:
        session.new_window()
    return session


def open_in_session(session: Session, paths: list[str]) -> None:
    """Open ``paths`` handed over by a second ``argmap FILE`` process, through the
    windows' normal open function (a file already open is raised, not opened twice);
    no paths (argmap started again from the menu): a window on the start page."""
    if not paths:
        window = session.window_for()
        window.raise_()
        window.activateWindow()
        return
    windows = [w for w in session.windows if w.isVisible()]
    active = QApplication.activeWindow()
    window = next((w for w in windows if w is active), None) or (windows[-1] if windows else session.new_window())
    for path in paths:
        window.files.open_path(path)
    target = session.find_window(os.path.abspath(paths[-1])) or window
    if target.isMinimized():
        target.showNormal()
    target.raise_()
    target.activateWindow()


class FileOpenEvents(QObject):
    """macOS hands documents opened in Finder (and dropped on the Dock icon) to the
    running app as file-open events rather than arguments: open them like a hand-off."""

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FileOpen and isinstance(event, QFileOpenEvent):
            path = event.file() or event.url().toLocalFile()
            if path:
                open_in_session(self.session, [path])
                return True
        return super().eventFilter(watched, event)


def run_app(files: list[str]) -> int:
    """Run the desktop app on ``files`` (none: the start page). Returns the exit code.
    When argmap already runs for this user, the files open there instead."""
    from argmap.ui import single_instance

    if single_instance.enabled() and single_instance.hand_off(list(files)):
        print("argmap: opened in the argmap that is already running", file=sys.stderr)
        return 0
    app = make_app()
    install_excepthook()
    session = start(list(files))
    if single_instance.enabled():
        server = single_instance.InstanceServer(lambda paths: open_in_session(session, paths), parent=app)
        server.listen()
        app.aboutToQuit.connect(server.close)
    file_events = FileOpenEvents(session, parent=app)
    app.installEventFilter(file_events)
    app.aboutToQuit.connect(session.recovery.stop)
    return int(app.exec())
