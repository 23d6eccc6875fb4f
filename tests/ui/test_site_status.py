"""Site mode's status line: offline and saving on this PC, sending, and quiet when all is sent."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from copilot.services import ServiceProvider
from copilot.ui.main_window import MainWindow
from copilot.ui.panel import PanelWidget
from copilot.ui.shell.i18n import LanguageSwitcher
from copilot.ui.tasks import TaskRunner


@dataclass(frozen=True)
class Status:
    online: bool
    waiting: int
    last_error: str = ""
    label: str = "copilot on site-db"


class FakeLink:
    """A site link whose sync thread is the test: `send` calls back from another thread."""

    def __init__(self, first: Status) -> None:
        self.current = first
        self.callbacks: list[Callable[[Any], None]] = []

    def status(self) -> Status:
        return self.current

    def subscribe(self, callback: Callable[[Any], None]) -> None:
        self.callbacks.append(callback)

    def send(self, status: Status) -> None:
        self.current = status

        def call() -> None:
            for callback in self.callbacks:
                callback(status)

        worker = threading.Thread(target=call)
        worker.start()
        worker.join()


def _window(
    qtbot: QtBot, services: ServiceProvider, runner: TaskRunner, link: FakeLink | None
) -> MainWindow:
    opened = services.get()
    if link is not None:
        opened.site = link  # type: ignore[attr-defined]
    panel = PanelWidget(services, runner)
    window = MainWindow(panel, use_tray=False, on_quit=lambda: None)
    qtbot.addWidget(window)
    window.resize(360, 700)
    window.show()
    return window


@pytest.fixture
def link() -> FakeLink:
    return FakeLink(Status(online=False, waiting=0))


@pytest.fixture
def window(
    qtbot: QtBot, panel_services: ServiceProvider, panel_runner: TaskRunner, link: FakeLink
) -> Iterator[MainWindow]:
    yield _window(qtbot, panel_services, panel_runner, link)
    panel_runner.wait_idle(10_000)


def test_offline_says_this_pc_keeps_saving_and_counts_what_waits(
    qtbot: QtBot, window: MainWindow, link: FakeLink
) -> None:
    line = window.site_status
    qtbot.waitUntil(line.isVisible, timeout=10_000)
    assert line.text() == "Site offline: saving on this PC"
    link.send(Status(online=False, waiting=3))
    qtbot.waitUntil(lambda: "3 waiting to send" in line.text())
    assert line.property("kind") == "offline"
    assert line.accessibleName() == line.text()


def test_back_online_shows_sending_then_goes_quiet(
    qtbot: QtBot, window: MainWindow, link: FakeLink
) -> None:
    line = window.site_status
    qtbot.waitUntil(line.isVisible, timeout=10_000)
    link.send(Status(online=True, waiting=2))
    qtbot.waitUntil(lambda: line.text() == "Sending 2 saved to the site…")
    link.send(Status(online=True, waiting=0))
    qtbot.waitUntil(lambda: not line.isVisible())


def test_a_desk_on_its_own_never_shows_the_line(
    qtbot: QtBot, panel_services: ServiceProvider, panel_runner: TaskRunner
) -> None:
    window = _window(qtbot, panel_services, panel_runner, None)
    qtbot.waitUntil(lambda: window.panel.stack.currentIndex() != 0, timeout=10_000)
    panel_runner.wait_idle(10_000)
    qtbot.wait(50)
    assert not window.site_status.isVisible()
    assert window.site_status.view is None


def test_the_line_speaks_indonesian(
    qtbot: QtBot, window: MainWindow, link: FakeLink, qapp: QApplication
) -> None:
    line = window.site_status
    qtbot.waitUntil(line.isVisible, timeout=10_000)
    link.send(Status(online=False, waiting=4))
    languages = LanguageSwitcher(qapp)
    try:
        assert languages.set_language("id")
        qtbot.waitUntil(lambda: "4" in line.text() and "Site offline" not in line.text())
        assert "PC ini" in line.text()
    finally:
        languages.set_language("en")
    qtbot.waitUntil(lambda: line.text().startswith("Site offline"))
