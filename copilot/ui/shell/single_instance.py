"""One panel per user: a second start (or `copilot open`) reaches the running one over a
local socket; the protocol and the client are in `copilot.integrate.channel`."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QAbstractSocket, QLocalServer, QLocalSocket

from copilot.integrate.channel import (
    ANY_DATABASE,
    MAX_LINE,
    OK,
    OTHER_DATABASE,
    Request,
    decode_request,
    send,
    server_name,
    socket_path,
)

__all__ = ["SingleInstance", "server_name"]

log = logging.getLogger(__name__)


class SingleInstance(QObject):
    """The running panel listens on a local socket; a second start connects and asks it to
    show itself, `copilot open` to open a caller's story.

    Only AF_UNIX sockets / named pipes are used: nothing leaves the machine, and only this
    user may connect (UserAccessOption).
    """

    activated = Signal()  # bring the window forward
    open_requested = Signal(str)  # a caller's identifier to open (already checked)

    def __init__(
        self,
        name: str | None = None,
        parent: QObject | None = None,
        *,
        database: str = ANY_DATABASE,
    ) -> None:
        """`database`: the fingerprint of the database this panel has open, so a client
        asking for another one is told so instead of being shown the wrong customers."""
        super().__init__(parent)
        self.name = name or server_name()
        self.database = database
        self._server: QLocalServer | None = None

    def notify_running(self, timeout_ms: int = 1000, request: Request | None = None) -> str | None:
        """Hand `request` (default: show) to a running panel; its reply, or None if none runs."""
        return send(request or Request("show", self.database), self.name, timeout_ms / 1000)

    def listen(self) -> bool:
        """Become the running instance. Removes a stale socket left by a crashed panel."""
        server = QLocalServer(self)
        # Only this user may connect: another user's panel must not poke ours.
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        address = socket_path(self.name)  # the path the client computes, not Qt's own guess
        if not server.listen(address):
            if server.serverError() != QAbstractSocket.SocketError.AddressInUseError:
                return False
            # notify_running() found nobody answering, so the name belongs to a dead process.
            QLocalServer.removeServer(address)
            if not server.listen(address):
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
            request = decode_request(bytes(socket.readLine().data()))
            if request is not None:
                socket.write(self._handle(request).encode("ascii") + b"\n")
                socket.flush()
        if socket.bytesAvailable() > MAX_LINE:
            socket.abort()  # not one of ours: a client that never sends a newline

    def _handle(self, request: Request) -> str:
        """Act on one request; the reply line. Never logs the value (a customer's number)."""
        same = request.database in (ANY_DATABASE, self.database) or self.database == ANY_DATABASE
        self.activated.emit()  # forward in every case: the agent sees where the panel is
        if not same:
            return OTHER_DATABASE
        if request.action == "open":
            log.debug("open request received (%d characters)", len(request.value))
            self.open_requested.emit(request.value)
        return OK
