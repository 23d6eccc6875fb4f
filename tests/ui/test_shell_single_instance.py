"""One panel per user: a second start or `copilot open` reaches the first over a local socket."""

from __future__ import annotations

import hashlib
import threading
from concurrent.futures import Future
from pathlib import Path

from PySide6.QtNetwork import QLocalSocket
from pytestqt.qtbot import QtBot

from copilot.integrate.channel import OK, OTHER_DATABASE, Request, send, socket_path
from copilot.ui.shell.single_instance import SingleInstance, server_name


def _unique_name(tmp_path: Path) -> str:
    return "copilot-test-" + hashlib.sha256(str(tmp_path).encode()).hexdigest()[:12]


def send_in_thread(request: Request, name: str) -> Future[str | None]:
    """The client blocks for the reply, so it runs beside the server's (this) event loop, as
    it does from `copilot open`'s own process."""
    result: Future[str | None] = Future()
    threading.Thread(target=lambda: result.set_result(send(request, name)), daemon=True).start()
    return result


def test_names_are_per_user_and_safe() -> None:
    assert server_name("agent1") != server_name("agent2")
    assert server_name("agent1") == server_name("agent1")
    odd = server_name("Dewi Lestari/ü")
    assert odd.replace("-", "").isalnum() and "/" not in odd and " " not in odd


def test_second_start_asks_the_first_to_show(qtbot: QtBot, tmp_path: Path) -> None:
    name = _unique_name(tmp_path)
    first = SingleInstance(name)
    try:
        assert first.notify_running(timeout_ms=200) is None  # nobody running yet
        assert first.listen()
        with qtbot.waitSignal(first.activated, timeout=5000):
            reply = send_in_thread(Request("show"), name)
        qtbot.waitUntil(reply.done, timeout=5000)
        assert reply.result() == OK
    finally:
        first.close()


def test_no_first_instance_means_we_become_it(qtbot: QtBot, tmp_path: Path) -> None:
    name = _unique_name(tmp_path)
    instance = SingleInstance(name)
    try:
        assert instance.notify_running(timeout_ms=200) is None
        assert instance.listen() is True
    finally:
        instance.close()
    # After a clean close the name is free again for the next start.
    again = SingleInstance(name)
    try:
        assert again.listen() is True
    finally:
        again.close()


def test_stale_socket_from_a_crash_is_replaced(qtbot: QtBot, tmp_path: Path) -> None:
    name = _unique_name(tmp_path)
    stale = Path(socket_path(name))
    stale.write_bytes(b"")  # what a crashed panel leaves behind on Unix
    first = SingleInstance(name)
    try:
        assert first.notify_running(timeout_ms=200) is None
        assert first.listen() is True
        with qtbot.waitSignal(first.activated, timeout=5000):
            send_in_thread(Request("show"), name)
    finally:
        first.close()
        stale.unlink(missing_ok=True)


def test_open_hands_over_the_value_and_another_database_is_refused(
    qtbot: QtBot, tmp_path: Path
) -> None:
    name = _unique_name(tmp_path)
    first = SingleInstance(name, database="0123456789abcdef")
    opened: list[str] = []
    first.open_requested.connect(opened.append)
    try:
        assert first.listen()
        with qtbot.waitSignal(first.open_requested, timeout=5000):
            reply = send_in_thread(Request("open", value="0812 3456 7890"), name)
        qtbot.waitUntil(reply.done, timeout=5000)
        assert reply.result() == OK
        assert opened == ["0812 3456 7890"]  # spaces and all, as typed
        # A client naming another database: the panel comes forward but opens nothing.
        with qtbot.waitSignal(first.activated, timeout=5000):
            other = send_in_thread(Request("open", "fedcba9876543210", "budi@example.com"), name)
        qtbot.waitUntil(other.done, timeout=5000)
        assert other.result() == OTHER_DATABASE
        assert opened == ["0812 3456 7890"]
    finally:
        first.close()


def test_garbage_from_a_client_is_ignored(qtbot: QtBot, tmp_path: Path) -> None:
    name = _unique_name(tmp_path)
    first = SingleInstance(name)
    activated: list[bool] = []
    opened: list[str] = []
    first.activated.connect(lambda: activated.append(True))
    first.open_requested.connect(opened.append)
    try:
        assert first.listen()
        socket = QLocalSocket()
        socket.connectToServer(socket_path(name))
        assert socket.waitForConnected(2000)
        socket.write(b"rm -rf /\n" + b"x" * 10_000 + b"\n")
        socket.write(b"open * %0Ashow\n")  # a value smuggling a newline: refused
        socket.write(b"open * \xff\xfe\n")
        socket.flush()
        with qtbot.waitSignal(first.activated, timeout=5000):
            socket.write(b"show\n")
            socket.flush()
        socket.disconnectFromServer()
        assert activated == [True]  # only the real request, once
        assert opened == []
    finally:
        first.close()
