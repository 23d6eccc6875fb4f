"""`copilot open` and a second `copilot panel` talking to a running panel (a fake one here:
a plain socket server speaking the channel's protocol, so no Qt is needed)."""

from __future__ import annotations

import hashlib
import logging
import os
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from cli_support import one_error_line, run

from copilot.config import Settings
from copilot.integrate import channel


@dataclass
class FakePanel:
    """Listens where the real panel would and answers every request with `reply`."""

    path: str
    reply: bytes = b"ok\n"
    received: list[bytes] = field(default_factory=list)


@pytest.fixture
def name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """This test's own socket name, so a real panel (or another test run) is never reached."""
    unique = "copilot-test-cli-" + hashlib.sha256(str(tmp_path).encode()).hexdigest()[:12]
    monkeypatch.setattr(channel, "server_name", lambda user=None: unique)
    return unique


@pytest.fixture
def panel(name: str) -> Iterator[FakePanel]:
    fake = FakePanel(channel.socket_path(name))
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(fake.path)
    server.listen(4)
    server.settimeout(0.2)
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                client, _ = server.accept()
            except TimeoutError:
                continue
            with client:
                fake.received.append(client.recv(4096))
                client.sendall(fake.reply)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield fake
    stop.set()
    thread.join()
    server.close()
    os.unlink(fake.path)


@pytest.fixture
def no_gui(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Settings, str | None]]:
    """run_gui replaced: records what a started panel would have been asked to open."""
    import copilot.app as app_module

    started: list[tuple[Settings, str | None]] = []

    def fake_run_gui(settings: Settings, argv: list[str], *, open_value: str | None = None) -> int:
        started.append((settings, open_value))
        return 0

    monkeypatch.setattr(app_module, "run_gui", fake_run_gui)
    return started


def test_open_hands_the_value_to_the_running_panel_and_logs_nothing_of_it(
    panel: FakePanel,
    no_gui: list[tuple[Settings, str | None]],
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    code, out, err = run(capsys, "open", "copilot://open?phone=%2B62%20812%203456%207890")
    assert code == 0 and out == "" and err == ""  # a soft-phone's command stays quiet
    assert panel.received == [b"open * %2B62%20812%203456%207890\n"]  # any database
    assert no_gui == []  # the running panel took it: nothing started
    assert "3456" not in caplog.text


def test_open_with_another_database_says_so(
    panel: FakePanel, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    panel.reply = b"other-database\n"
    db = tmp_path / "secret-site.db"
    code, _out, err = run(capsys, "--db", str(db), "open", "0812 3456 7890")
    assert code == 4
    line = one_error_line(err)
    assert "another database" in line
    assert str(tmp_path) not in line and "0812" not in line  # no path, no number
    database = channel.database_fingerprint(str(db)).encode()
    assert panel.received == [b"open " + database + b" 0812%203456%207890\n"]


def test_open_without_a_panel_starts_one_for_the_caller(
    name: str, no_gui: list[tuple[Settings, str | None]], capsys: pytest.CaptureFixture[str]
) -> None:
    code, _out, _err = run(capsys, "open", "budi@example.com")
    assert code == 0
    ((settings, value),) = no_gui
    assert value == "budi@example.com"
    assert settings.create_database  # like `copilot panel`: a first start makes the store


def test_a_hostile_link_never_reaches_the_panel(
    panel: FakePanel, no_gui: list[tuple[Settings, str | None]], capsys: pytest.CaptureFixture[str]
) -> None:
    code, _out, err = run(capsys, "open", "https://example.com/?phone=0812")
    assert code == 2
    assert "only copilot:// links" in one_error_line(err)
    assert panel.received == [] and no_gui == []


def test_second_panel_says_one_is_running(
    panel: FakePanel,
    tmp_path: Path,
    no_gui: list[tuple[Settings, str | None]],
    capsys: pytest.CaptureFixture[str],
) -> None:
    db = tmp_path / "desk.db"
    code, _out, err = run(capsys, "--db", str(db), "panel")
    assert code == 0
    assert "already running" in err and "brought forward" in err
    assert no_gui == []
    database = channel.database_fingerprint(str(db)).encode()
    assert panel.received == [b"show " + database + b"\n"]

    panel.reply = b"other-database\n"
    code, _out, err = run(capsys, "--db", str(db), "panel")
    assert code == 4
    line = one_error_line(err)
    assert "already running with another database" in line
    assert str(tmp_path) not in line


def test_a_panel_that_does_not_answer_is_not_started_twice(
    name: str,
    no_gui: list[tuple[Settings, str | None]],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(channel.socket_path(name))
    server.listen(1)  # accepts (the kernel does) but never answers: a frozen panel
    real_send = channel.send
    monkeypatch.setattr(
        channel, "send", lambda request, name=None, timeout=2.0: real_send(request, name, 0.2)
    )
    try:
        code, _out, err = run(capsys, "open", "0812")
    finally:
        server.close()
        os.unlink(channel.socket_path(name))
    assert code == 1
    assert "did not answer" in one_error_line(err)
    assert no_gui == []


def test_open_builds_only_its_own_parser_and_parses_the_same() -> None:
    from copilot.cli import _command_of, build_parser

    assert _command_of(["--db", "open", "find", "x"]) == "find"  # --db's value is no command
    assert _command_of(["--region", "sg", "--allow-unencrypted", "open", "0812"]) == "open"
    assert _command_of(["--db=open.db", "open", "0812"]) == "open"
    assert _command_of(["--version"]) is None
    argv = ["--db", "desk.db", "--region", "sg", "open", "0812 3456 7890"]
    fast, full = build_parser("open"), build_parser()
    assert fast.parse_args(argv) == full.parse_args(argv)
    assert "find" not in fast.format_help()  # the other commands' parsers were not built
    assert "find" in build_parser("find").format_help()
