"""The single-instance channel's protocol, and its client for `copilot open` and `copilot panel`.

The running panel listens on a per-user local socket (`copilot.ui.shell.single_instance`). A
client sends one line and reads one line back:

    show <database>\n            ->  ok | other-database
    open <database> <value>\n    ->  ok | other-database

`<database>` is a fingerprint of the database the client means (a hash, so no path travels or
lands in a log) or `*` for "whatever the running panel has open" (what a soft-phone's
`copilot open` sends: it does not know which database the agent chose). `<value>` is
percent-encoded, so spaces in "0812 3456 7890" survive and a line is always one line.

The client uses Python's own sockets, not Qt's: importing PySide6.QtNetwork alone costs more
than the 150 ms budget for `copilot open`. Windows keeps QLocalSocket (named pipes).
"""

from __future__ import annotations

import getpass
import hashlib
import os
import socket
import sys
import time
from dataclasses import dataclass
from urllib.parse import quote, unquote

from copilot.errors import CopilotError, InputError
from copilot.integrate.links import clean_value

ANY_DATABASE = "*"
OK = "ok"
OTHER_DATABASE = "other-database"
NO_REPLY = "no-reply"  # not sent by a panel: what `send` says when one did not answer
MAX_LINE = 4096  # bytes; a value is at most MAX_IDENTIFIER_LENGTH characters, percent-encoded
_ACTIONS = ("show", "open")


ELSEWHERE_MESSAGE = (
    "a Copilot panel is already running with another database; it was brought forward. "
    "Quit it first to start one on this database"
)


class PanelElsewhereError(CopilotError):
    """A panel runs for this user, on another database; it was brought forward, nothing else."""

    exit_code = 4


def server_name(user: str | None = None) -> str:
    """A per-user name for the local socket (a file in /tmp on Unix, a pipe on Windows).

    Hashed so a user name with spaces or non-ASCII letters still makes a valid name, and so
    the name does not reveal who is logged in to other users listing /tmp.
    """
    who = user if user is not None else getpass.getuser()
    digest = hashlib.sha256(f"Copilot/{who}".encode()).hexdigest()[:16]
    return f"copilot-panel-{digest}"


def socket_path(name: str) -> str:
    """Where the panel listens on Unix: the server listens on exactly this path (not on a
    bare name Qt would place itself), so this client and Qt's server always agree."""
    if os.path.isabs(name) or sys.platform == "win32":
        return name
    # QDir::tempPath()'s rule: $TMPDIR, else /tmp.
    folder = os.environ.get("TMPDIR") or "/tmp"
    return os.path.join(folder.rstrip("/") or "/", name)


def database_fingerprint(target: str) -> str:
    """Which database a panel has open, as 16 hex digits: equal targets, equal fingerprints."""
    if "://" not in target:
        target = os.path.realpath(os.path.expanduser(target))
    return hashlib.sha256(f"copilot-database/{target}".encode()).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Request:
    """One request to the running panel."""

    action: str  # "show" or "open"
    database: str = ANY_DATABASE
    value: str = ""

    def encode(self) -> bytes:
        parts = [self.action, self.database]
        if self.action == "open":
            parts.append(quote(self.value, safe=""))
        line = (" ".join(parts) + "\n").encode("ascii")
        if len(line) > MAX_LINE:
            raise ValueError("request too long")  # the caller limits values; a bug if reached
        return line


def decode_request(line: bytes) -> Request | None:
    """The request a line carries, or None for anything that is not one of ours."""
    try:
        text = line.decode("ascii").rstrip("\n")
    except UnicodeDecodeError:
        return None
    if text == "show":  # what panels before the open command sent
        return Request("show")
    parts = text.split(" ")
    if len(parts) < 2 or parts[0] not in _ACTIONS:
        return None
    action, database = parts[0], parts[1]
    if database != ANY_DATABASE and not _is_fingerprint(database):
        return None
    if action == "show":
        return Request("show", database) if len(parts) == 2 else None
    if len(parts) != 3:
        return None
    try:
        value = clean_value(unquote(parts[2], errors="strict"))
    except (UnicodeDecodeError, InputError):
        return None  # the client checks values first: only a stranger sends these
    return Request("open", database, value)


def _is_fingerprint(text: str) -> bool:
    return len(text) == 16 and all(c in "0123456789abcdef" for c in text)


def send(request: Request, name: str | None = None, timeout: float = 2.0) -> str | None:
    """Hand `request` to the running panel; its reply (OK, OTHER_DATABASE, or NO_REPLY when
    it connected but did not answer in time), or None when no panel is listening."""
    name = name or server_name()
    if sys.platform == "win32":  # pragma: no cover - named pipes; exercised on Windows only
        return _send_qt(request, name, timeout)
    client = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        client.settimeout(timeout)
        try:
            client.connect(socket_path(name))
        except (FileNotFoundError, ConnectionRefusedError):
            return None  # nobody there, or a stale socket file left by a crash
        client.sendall(request.encode())
        return _read_reply(client, time.monotonic() + timeout)
    except TimeoutError:
        # Someone holds the socket but did not answer in time (a panel busy for seconds):
        # still running, so never start a second one beside it.
        return NO_REPLY
    except OSError:
        return None
    finally:
        client.close()


def _read_reply(client: socket.socket, deadline: float) -> str | None:
    reply = b""
    while b"\n" not in reply and len(reply) < 256:
        client.settimeout(max(0.01, deadline - time.monotonic()))
        chunk = client.recv(256)
        if not chunk:
            break  # a panel from before replies existed: it showed itself and hung up
        reply += chunk
    if not reply:
        return OK
    return reply.split(b"\n", 1)[0].decode("ascii", errors="replace")


def _send_qt(request: Request, name: str, timeout: float) -> str | None:  # pragma: no cover
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtNetwork import QLocalSocket

    # Qt's Windows pipes need an application object, even for blocking waits.
    _app = QCoreApplication.instance() or QCoreApplication([])  # alive until we return
    client = QLocalSocket()
    client.connectToServer(name)
    ms = int(timeout * 1000)
    if not client.waitForConnected(ms):
        return None
    client.write(request.encode())
    client.flush()
    reply = b""
    while b"\n" not in reply and client.waitForReadyRead(ms):
        reply += bytes(client.readAll().data())
    client.disconnectFromServer()
    return reply.split(b"\n", 1)[0].decode("ascii", errors="replace") if reply else OK
