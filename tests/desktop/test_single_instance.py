"""Single instance: a second `argmap FILE` process hands the file to the running app
(two real app processes, offscreen), also when a crashed argmap left its socket behind."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QDir
from PySide6.QtNetwork import QLocalSocket

from argmap.ui.single_instance import server_name

WAIT_S = 90  # generous: the machine may be busy; this is a liveness limit, not a speed test


def app_env(tmp_path: Path) -> dict[str, str]:
    return dict(os.environ, QT_QPA_PLATFORM="offscreen", ARGMAP_CONFIG_DIR=str(tmp_path / "config"),
                ARGMAP_DATA_DIR=str(tmp_path / "data"), ARGMAP_SINGLE_INSTANCE="1")


def wait_until(condition, what: str, proc: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + WAIT_S
    while not condition():
        if proc is not None and proc.poll() is not None:
            raise AssertionError(f"the first argmap exited ({proc.returncode}) before {what}")
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what}")
        time.sleep(0.2)


def listening(name: str) -> bool:
    sock = QLocalSocket()
    sock.connectToServer(name)
    ok = sock.waitForConnected(500)
    sock.abort()
    return ok


def recent(tmp_path: Path) -> str:
    ini = tmp_path / "config" / "argmap.ini"
    return ini.read_text(encoding="utf-8", errors="replace") if ini.exists() else ""


def start_app(tmp_path: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "argmap"], env=app_env(tmp_path), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture
def first_app(tmp_path):
    proc = start_app(tmp_path)
    yield proc
    stop(proc)


def map_copy(tmp_path: Path, example_path: Path, name: str) -> Path:
    path = tmp_path / name
    shutil.copy(example_path, path)
    return path


def hand_over(tmp_path: Path, *files: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "argmap", *map(str, files)], env=app_env(tmp_path), capture_output=True,
                          text=True, timeout=WAIT_S)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals in the fixture")
def test_second_process_opens_its_file_in_the_running_app(tmp_path, example_path, first_app):
    name = server_name(str(tmp_path / "config"))
    wait_until(lambda: listening(name), "the first argmap to listen", first_app)
    debate = map_copy(tmp_path, example_path, "debate one.argmap.json")
    second = hand_over(tmp_path, debate)
    assert second.returncode == 0, second.stderr
    assert "already running" in second.stderr
    wait_until(lambda: str(debate) in recent(tmp_path), "the running argmap to open the file", first_app)
    assert first_app.poll() is None  # the first app is still the one running
    # a second file goes to the same app too
    other = map_copy(tmp_path, example_path, "other.argmap.json")
    assert hand_over(tmp_path, other).returncode == 0
    wait_until(lambda: str(other) in recent(tmp_path), "the second hand-off", first_app)
    # started again without a file (from the menu): the running app shows a window
    again = hand_over(tmp_path)
    assert again.returncode == 0 and "already running" in again.stderr
    assert first_app.poll() is None


@pytest.mark.skipif(sys.platform == "win32", reason="a stale socket file is a Unix matter")
def test_a_stale_socket_from_a_crashed_argmap_is_replaced(tmp_path, example_path):
    # A crashed argmap: a process that listened on the name and was killed.
    name = server_name(str(tmp_path / "config"))
    code = ("import os, sys\nfrom PySide6.QtCore import QCoreApplication\nfrom PySide6.QtNetwork import QLocalServer\n"
            "app = QCoreApplication([])\ns = QLocalServer()\nassert s.listen(sys.argv[1])\nprint('up', flush=True)\n"
            "os.kill(os.getpid(), 9)\n")
    subprocess.run([sys.executable, "-c", code, name], capture_output=True, timeout=60)
    socket_file = Path(QDir.tempPath()) / name
    assert socket_file.exists(), "the crashed server should have left its socket file"
    assert not listening(name)
    proc = start_app(tmp_path)
    try:
        wait_until(lambda: listening(name), "the new argmap to take over the stale socket", proc)
        debate = map_copy(tmp_path, example_path, "after-crash.argmap.json")
        second = hand_over(tmp_path, debate)
        assert second.returncode == 0 and "already running" in second.stderr, second.stderr
        wait_until(lambda: str(debate) in recent(tmp_path), "the running argmap to open the file", proc)
    finally:
        stop(proc)


@pytest.mark.qt_log_ignore("This plugin does not support (propagateSizeHints|raise)")
def test_file_open_events_open_through_the_normal_open_function(tmp_path, example_path, qapp, monkeypatch):
    """What macOS sends when a map is double-clicked in Finder while argmap runs."""
    from PySide6.QtGui import QFileOpenEvent

    from argmap.ui.app import FileOpenEvents
    from argmap.ui.session import Session
    from argmap.ui.window import MainWindow

    monkeypatch.setenv("ARGMAP_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("ARGMAP_DATA_DIR", str(tmp_path / "data"))
    session = Session(window_factory=MainWindow)
    first = session.new_window()
    debate = map_copy(tmp_path, example_path, "finder.argmap.json")
    filt = FileOpenEvents(session)
    qapp.installEventFilter(filt)
    try:
        qapp.sendEvent(qapp, QFileOpenEvent(str(debate)))
        qapp.sendEvent(qapp, QFileOpenEvent(str(debate)))  # twice: still one window for it
    finally:
        qapp.removeEventFilter(filt)
    shown = [w for w in session.windows if w.document is not None and w.document.path == str(debate)]
    assert len(shown) == 1 and shown[0] is first
    for w in list(session.windows):
        if w.document is not None:
            w.document.undo_stack.setClean()
        w.close()
