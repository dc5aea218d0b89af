"""One running argmap per user: a second ``argmap FILE`` (a double-click in the file
manager) hands its files to the running app, which opens them through its normal open
function (so a file already open is raised, not opened twice), and exits.

The running app listens on a QLocalServer whose name is keyed by the user and the
settings folder (``ARGMAP_CONFIG_DIR``, so separate test runs never meet). A socket left
behind by a crashed argmap is detected (nobody answers) and replaced.
``ARGMAP_SINGLE_INSTANCE=0`` turns the hand-off off.

Protocol: the client sends one line of JSON ``{"files": [absolute paths]}`` and waits
for ``ok``; the server answers first and opens afterwards (an error dialog in the
running app must not keep the second process waiting).
"""

from __future__ import annotations

import getpass
import hashlib
import json
import os
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtNetwork import QLocalServer, QLocalSocket

ENV_SWITCH = "ARGMAP_SINGLE_INSTANCE"
CONNECT_MS = 1000
REPLY_MS = 5000
MAX_MESSAGE = 1 << 20


def enabled() -> bool:
    return os.environ.get(ENV_SWITCH, "1").strip().lower() not in ("0", "no", "false", "off")


def server_name(config_dir: str | None = None) -> str:
    """The per-user name of the running app's socket (``config_dir``: the value of
    ``ARGMAP_CONFIG_DIR`` to assume, default the environment's)."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = str(os.getuid()) if hasattr(os, "getuid") else "user"
    scope = os.environ.get("ARGMAP_CONFIG_DIR", "") if config_dir is None else config_dir
    digest = hashlib.sha256(f"{user}\0{os.path.abspath(scope) if scope else ''}".encode()).hexdigest()[:16]
    return f"argmap-{digest}"


def hand_off(files: list[str], name: str | None = None) -> bool:
    """Ask a running argmap to open ``files`` (none: show a window); True if it took
    them. False when no argmap runs (or it does not answer): then this process is the app."""
    socket = QLocalSocket()
    socket.connectToServer(name or server_name())
    if not socket.waitForConnected(CONNECT_MS):
        return False
    message = json.dumps({"files": [os.path.abspath(f) for f in files]}).encode("utf-8") + b"\n"
    socket.write(message)
    if not socket.waitForBytesWritten(REPLY_MS):
        socket.abort()
        return False
    reply = b""
    while b"\n" not in reply and socket.waitForReadyRead(REPLY_MS):
        reply += bytes(socket.readAll().data())
    socket.disconnectFromServer()
    return reply.strip() == b"ok"


class InstanceServer(QObject):
    """Listens for later ``argmap FILE`` processes and calls ``open_files(paths)``."""

    def __init__(self, open_files: Callable[[list[str]], None], name: str | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name or server_name()
        self._open_files = open_files
        self._buffers: dict[QLocalSocket, bytes] = {}
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.server.newConnection.connect(self._on_connection)

    def listen(self) -> bool:
        """Start listening; a stale socket file (its app is gone) is removed first.
        False if another live argmap holds the name (or listening is impossible)."""
        if self.server.listen(self.name):
            return True
        probe = QLocalSocket()
        probe.connectToServer(self.name)
        if probe.waitForConnected(CONNECT_MS):
            probe.abort()
            return False  # a live instance holds the name
        QLocalServer.removeServer(self.name)  # nobody answers: a crashed argmap's socket
        return self.server.listen(self.name)

    def close(self) -> None:
        self.server.close()

    def _on_connection(self) -> None:
        while self.server.hasPendingConnections():
            sock = self.server.nextPendingConnection()
            self._buffers[sock] = b""
            sock.readyRead.connect(lambda s=sock: self._on_ready(s))
            sock.disconnected.connect(lambda s=sock: self._forget(s))

    def _forget(self, sock: QLocalSocket) -> None:
        self._buffers.pop(sock, None)
        sock.deleteLater()

    def _on_ready(self, sock: QLocalSocket) -> None:
        data = self._buffers.get(sock, b"") + bytes(sock.readAll().data())
        if len(data) > MAX_MESSAGE:
            sock.abort()
            return
        self._buffers[sock] = data
        if b"\n" not in data:
            return
        line = data.split(b"\n", 1)[0]
        try:
            request = json.loads(line.decode("utf-8"))
            files = [str(f) for f in request.get("files", []) if isinstance(f, str)]
        except (ValueError, AttributeError, TypeError):
            sock.write(b"error\n")
            sock.flush()
            return
        sock.write(b"ok\n")
        sock.flush()
        QTimer.singleShot(0, lambda: self._open_files(files))
