"""The default configuration opens no network connection: look up, analyse, log a contact."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from copilot.services import ServiceProvider
from copilot.storage.schemas import CustomerRead
from copilot.ui.main_window import MainWindow
from copilot.ui.panel import PAGE_OPENING, PanelWidget
from copilot.ui.tasks import TaskRunner

LOCAL_FAMILIES = {getattr(socket, "AF_UNIX", None)} - {None}


class NetworkAttempt(AssertionError):
    pass


@pytest.fixture
def network_attempts(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Fail (and record) any IP connection or name lookup; AF_UNIX stays allowed, because the
    single-instance socket is local (QLocalServer)."""
    attempts: list[str] = []
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex

    def refuse(what: str) -> None:
        attempts.append(what)
        raise NetworkAttempt(f"network use attempted: {what}")

    def connect(self: socket.socket, address: Any) -> None:
        if self.family in LOCAL_FAMILIES:
            return real_connect(self, address)
        refuse(f"connect {address!r}")

    def connect_ex(self: socket.socket, address: Any) -> int:
        if self.family in LOCAL_FAMILIES:
            return real_connect_ex(self, address)
        refuse(f"connect_ex {address!r}")
        return 1

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    monkeypatch.setattr(socket, "getaddrinfo", lambda *a, **k: refuse(f"getaddrinfo {a!r}"))
    monkeypatch.setattr(
        socket, "create_connection", lambda *a, **k: refuse(f"create_connection {a!r}")
    )
    monkeypatch.setattr(socket, "gethostbyname", lambda *a: refuse(f"gethostbyname {a!r}"))
    yield attempts


def test_the_guard_catches_an_ip_connection(network_attempts: list[str]) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s, pytest.raises(NetworkAttempt):
        s.connect(("192.0.2.1", 80))
    with pytest.raises(NetworkAttempt):
        socket.getaddrinfo("example.com", 443)
    assert len(network_attempts) == 2
    network_attempts.clear()


def test_lookup_analysis_and_wrap_up_stay_offline(
    qtbot: QtBot,
    qapp: QApplication,
    network_attempts: list[str],
    panel_services: ServiceProvider,
    panel_runner: TaskRunner,
    seeded_customer: CustomerRead,
) -> None:
    panel = PanelWidget(panel_services, panel_runner)
    window = MainWindow(panel, use_tray=False, on_quit=lambda: None)
    qtbot.addWidget(window)
    errors: list[object] = []
    panel.failed.connect(errors.append)
    window.show()
    qtbot.waitUntil(lambda: panel.stack.currentIndex() != PAGE_OPENING, timeout=20_000)

    # Find: the customer's phone in another format.
    found: list[list[CustomerRead]] = []
    panel.finder.results_found.connect(lambda _q, results: found.append(results))
    panel.find_section.edit.setText("+62 812 3456 7890")
    panel.finder.search_now("+62 812 3456 7890")
    qtbot.waitUntil(lambda: bool(found) and bool(found[-1]), timeout=10_000)
    assert found[-1][0].id == seeded_customer.id
    panel.open_customer(found[-1][0])
    qtbot.waitUntil(lambda: panel.story.isVisible(), timeout=10_000)

    # Now and draft: the engine analyses both.
    window.set_industry("insurance")
    panel.now.edit.setPlainText("Klaim saya ditolak lagi, udah 3x saya call, saya kecewa!")
    panel.now_controller.analyze_now()
    panel.draft.set_text("Itu bukan salah kami. Kirim kode OTP anda.")
    panel.draft_controller.analyze_now()
    qtbot.waitUntil(lambda: panel.now.model.rowCount() > 0, timeout=10_000)
    qtbot.waitUntil(lambda: panel.draft.model.rowCount() > 0, timeout=10_000)

    # Wrap-up: saved off the GUI thread, confirmed in the status line.
    statuses: list[str] = []
    panel.status.connect(statuses.append)
    panel.wrapup.summary.setPlainText("Klaim ditolak; dijelaskan jalur banding")
    panel.save_wrapup()
    qtbot.waitUntil(lambda: any(s.startswith("Saved") for s in statuses), timeout=10_000)
    story = panel_services.get().customers.story(seeded_customer.id)
    assert any("banding" in i.summary for i in story.interactions)

    panel_runner.wait_idle(10_000)
    assert errors == []
    assert network_attempts == []
