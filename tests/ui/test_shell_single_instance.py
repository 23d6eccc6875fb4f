"""One panel per user: a second start reaches the first over a local socket."""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QDir
from pytestqt.qtbot import QtBot

from copilot.ui.shell.single_instance import SingleInstance, server_name


def _unique_name(tmp_path: Path) -> str:
    return "copilot-test-" + hashlib.sha256(str(tmp_path).encode()).hexdigest()[:12]


def test_names_are_per_user_and_safe() -> None:
    assert server_name("agent1") != server_name("agent2")
    assert server_name("agent1") == server_name("agent1")
    odd = server_name("Dewi Lestari/ü")
    assert odd.replace("-", "").isalnum() and "/" not in odd and " " not in odd


def test_second_start_asks_the_first_to_show(qtbot: QtBot, tmp_path: Path) -> None:
    name = _unique_name(tmp_path)
    first = SingleInstance(name)
    second = SingleInstance(name)
    try:
        assert first.notify_running(timeout_ms=200) is False  # nobody running yet
        assert first.listen()
        with qtbot.waitSignal(first.activated, timeout=5000):
            assert second.notify_running() is True
    finally:
        first.close()


def test_no_first_instance_means_we_become_it(qtbot: QtBot, tmp_path: Path) -> None:
    name = _unique_name(tmp_path)
    instance = SingleInstance(name)
    try:
        assert instance.notify_running(timeout_ms=200) is False
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
    stale = Path(QDir.tempPath()) / name
    stale.write_bytes(b"")  # what a crashed panel leaves behind on Unix
    first = SingleInstance(name)
    try:
        assert first.notify_running(timeout_ms=200) is False
        assert first.listen() is True
        with qtbot.waitSignal(first.activated, timeout=5000):
            assert SingleInstance(name).notify_running() is True
    finally:
        first.close()
        stale.unlink(missing_ok=True)


def test_garbage_from_a_client_is_ignored(qtbot: QtBot, tmp_path: Path) -> None:
    from PySide6.QtNetwork import QLocalSocket

    name = _unique_name(tmp_path)
    first = SingleInstance(name)
    activated: list[bool] = []
    first.activated.connect(lambda: activated.append(True))
    try:
        assert first.listen()
        socket = QLocalSocket()
        socket.connectToServer(name)
        assert socket.waitForConnected(2000)
        socket.write(b"rm -rf /\n" + b"x" * 10_000 + b"\n")
        socket.flush()
        with qtbot.waitSignal(first.activated, timeout=5000):
            socket.write(b"show\n")
            socket.flush()
        socket.disconnectFromServer()
        assert activated == [True]  # only the real request, once
    finally:
        first.close()
