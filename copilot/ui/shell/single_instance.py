"""One panel per user: a second start asks the running one to come forward, then exits."""

from __future__ import annotations

import getpass
import hashlib

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QAbstractSocket, QLocalServer, QLocalSocket

SHOW = b"show\n"
MAX_PENDING = 4096


def server_name(user: str | None = None) -> str:
    """A per-user name for the local socket (a file in /tmp on Unix, a pipe on Windows).

    Hashed so a user name with spaces or non-ASCII letters still makes a valid name, and so
    the name does not reveal who is logged in to other users listing /tmp.
    """
    who = user if user is not None else getpass.getuser()
    digest = hashlib.sha256(f"Copilot/{who}".encode()).hexdigest()[:16]
    return f"copilot-panel-{digest}"


class SingleInstance(QObject):
    """The running panel listens on a local socket; a second start connects and says "show".

    Only AF_UNIX sockets / named pipes are used: nothing leaves the machine.
    """

    activated = Signal()

    def __init__(self, name: str | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name or server_name()
        self._server: QLocalServer | None = None

    def notify_running(self, timeout_ms: int = 1000) -> bool:
        """True if another instance is listening and has been asked to show its window."""
        socket = QLocalSocket()
        socket.connectToServer(self.name)
        if not socket.waitForConnected(timeout_ms):
            return False  # nobody there, or a stale socket file left by a crash
        socket.write(SHOW)
        socket.flush()
        socket.waitForBytesWritten(timeout_ms)
        socket.disconnectFromServer()
        if socket.state() != QLocalSocket.LocalSocketState.UnconnectedState:
            socket.waitForDisconnected(timeout_ms)
        return True

    def listen(self) -> bool:
        """Become the running instance. Removes a stale socket left by a crashed panel."""
        server = QLocalServer(self)
        # Only this user may connect: another user's panel must not poke ours.
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name):
            if server.serverError() != QAbstractSocket.SocketError.AddressInUseError:
                return False
            # notify_running() found nobody answering, so the name belongs to a dead process.
            QLocalServer.removeServer(self.name)
            if not server.listen(self.name):
                return False
        server.newConnection.connect(self._on_new_connection)
        self._server = server
        return True

    def close(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None

    def _on_new_connection(self) -> None:
        assert self._server is not None
        while (socket := self._server.nextPendingConnection()) is not None:
            # Slots on self, not lambdas holding the socket: the sockets are children of the
            # server and die with it, and a Python reference kept elsewhere would dangle.
            socket.readyRead.connect(self._on_ready_read)
            socket.disconnected.connect(self._on_disconnected)
            self._read_lines(socket)

    def _on_ready_read(self) -> None:
        socket = self.sender()
        if isinstance(socket, QLocalSocket):
            self._read_lines(socket)

    def _on_disconnected(self) -> None:
        socket = self.sender()
        if isinstance(socket, QLocalSocket):
            socket.deleteLater()

    def _read_lines(self, socket: QLocalSocket) -> None:
        while socket.canReadLine():
            line = bytes(socket.readLine().data())
            if line == SHOW:
                self.activated.emit()
        if socket.bytesAvailable() > MAX_PENDING:
            socket.abort()  # not one of ours: a client that never sends a newline
