"""The daily integrity check: off the GUI thread once the store is open; failures stay shown."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from copilot.errors import DatabaseCorruptError, DatabaseLockedError
from copilot.services import ServiceProvider
from copilot.storage import health
from copilot.storage.db import Database
from copilot.ui.controllers.health import CHECK_INTERVAL_MS, HealthController
from copilot.ui.main_window import MainWindow
from copilot.ui.panel import PanelWidget
from copilot.ui.shell.i18n import LanguageSwitcher
from copilot.ui.tasks import TaskRunner

PROBLEM = "*** in database main ***\nPage 7: btree page is damaged"


@dataclass
class Shell:
    window: MainWindow
    panel: PanelWidget

    @property
    def warning_text(self) -> str:
        banner = self.window.health_banner
        return " ".join(label.text() for label in (banner.title, banner.advice, banner.detail))


@pytest.fixture
def shell(
    qtbot: QtBot, panel_services: ServiceProvider, panel_runner: TaskRunner
) -> Iterator[Shell]:
    """The window around a real panel whose first integrity check runs as soon as it is open."""
    panel = PanelWidget(panel_services, panel_runner)
    panel.health.first_delay_ms = 0  # the store opens on a worker: ready comes after this line
    window = MainWindow(panel, use_tray=False, on_quit=lambda: None)
    qtbot.addWidget(window)
    window.show()
    yield Shell(window, panel)
    panel_runner.wait_idle(20_000)


def _report(*problems: str) -> health.HealthReport:
    return health.HealthReport(checked_at=datetime.now(UTC), problems=problems)


def test_a_failed_check_shows_a_warning_that_names_copilot_restore(
    qtbot: QtBot, shell: Shell, monkeypatch: pytest.MonkeyPatch
) -> None:
    threads: list[threading.Thread] = []

    def failing(database: Database) -> health.HealthReport:
        threads.append(threading.current_thread())
        return _report(PROBLEM, "Page 9: never used")

    monkeypatch.setattr(health, "check_if_due", failing)
    with qtbot.waitSignal(shell.panel.integrity_failed, timeout=30_000):
        pass
    banner = shell.window.health_banner
    assert banner.isVisible()
    assert "copilot restore" in banner.detail.text()  # for IT, behind Details
    assert "team leader" in banner.advice.text()
    assert "integrity check" in banner.title.text()
    assert PROBLEM in banner.detail.text()  # the first problem, as the check wrote it
    assert not shell.window.banner.isVisible()  # not an error the agent caused
    assert shell.window.header.isVisible()
    assert threads and threads[0] is not threading.main_thread()


def test_damage_found_by_the_real_check_is_shown_and_recorded(
    qtbot: QtBot, shell: Shell, monkeypatch: pytest.MonkeyPatch, panel_services: ServiceProvider
) -> None:
    monkeypatch.setattr(Database, "check", lambda self: [PROBLEM])
    qtbot.waitUntil(lambda: shell.window.health_banner.isVisible(), timeout=30_000)
    assert PROBLEM in shell.warning_text
    record = health.last_check(panel_services.get().database)
    assert record is not None and record.problems == (PROBLEM,)


def test_a_healthy_database_shows_nothing(
    qtbot: QtBot, shell: Shell, panel_services: ServiceProvider
) -> None:
    with qtbot.waitSignal(shell.panel.integrity_passed, timeout=30_000):
        pass
    assert not shell.window.health_banner.isVisible()
    assert not shell.window.banner.isVisible()
    record = health.last_check(panel_services.get().database)
    assert record is not None and record.ok  # the real check ran and was written down


def test_the_check_runs_off_the_gui_thread(
    qtbot: QtBot, shell: Shell, monkeypatch: pytest.MonkeyPatch
) -> None:
    threads: list[threading.Thread] = []
    real_check = Database.check

    def recording(self: Database) -> list[str]:
        threads.append(threading.current_thread())
        return real_check(self)

    monkeypatch.setattr(Database, "check", recording)
    with qtbot.waitSignal(shell.panel.integrity_passed, timeout=30_000):
        pass
    assert len(threads) == 1
    assert threads[0] is not threading.main_thread()


def test_the_warning_survives_errors_and_their_dismissal(
    qtbot: QtBot, shell: Shell, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(health, "check_if_due", lambda database: _report(PROBLEM))
    qtbot.waitUntil(lambda: shell.window.health_banner.isVisible(), timeout=30_000)
    shell.window.show_error(DatabaseLockedError("database is locked"))
    assert shell.window.banner.isVisible() and shell.window.health_banner.isVisible()
    shell.window.dismiss_action.trigger()
    assert not shell.window.banner.isVisible()
    assert shell.window.health_banner.isVisible()
    assert not hasattr(shell.window.health_banner, "dismiss_button")


def test_a_later_passing_check_takes_the_warning_away(
    qtbot: QtBot, shell: Shell, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(health, "check_if_due", lambda database: _report(PROBLEM))
    qtbot.waitUntil(lambda: shell.window.health_banner.isVisible(), timeout=30_000)
    monkeypatch.setattr(health, "check_if_due", lambda database: _report())
    with qtbot.waitSignal(shell.panel.integrity_passed, timeout=30_000):
        shell.panel.health.check()
    assert not shell.window.health_banner.isVisible()


def test_a_check_that_is_not_due_changes_nothing(
    qtbot: QtBot, shell: Shell, monkeypatch: pytest.MonkeyPatch, panel_runner: TaskRunner
) -> None:
    monkeypatch.setattr(health, "check_if_due", lambda database: _report(PROBLEM))
    qtbot.waitUntil(lambda: shell.window.health_banner.isVisible(), timeout=30_000)
    monkeypatch.setattr(health, "check_if_due", lambda database: None)
    shell.panel.health.check()
    assert panel_runner.wait_idle(20_000)
    assert shell.window.health_banner.isVisible()  # still damaged until a check says otherwise


def test_the_warning_follows_the_language(
    qtbot: QtBot, shell: Shell, monkeypatch: pytest.MonkeyPatch, qapp: QApplication
) -> None:
    monkeypatch.setattr(health, "check_if_due", lambda database: _report(PROBLEM))
    qtbot.waitUntil(lambda: shell.window.health_banner.isVisible(), timeout=30_000)
    english = shell.window.health_banner.title.text()
    languages = LanguageSwitcher(qapp)
    try:
        assert languages.set_language("id")
        # Qt posts LanguageChange; the banner retranslates when it arrives.
        qtbot.waitUntil(lambda: "integritas" in shell.window.health_banner.title.text())
        assert "copilot restore" in shell.window.health_banner.detail.text()
        assert PROBLEM in shell.warning_text  # the check's own line is not translated
    finally:
        languages.set_language("en")
    qtbot.waitUntil(lambda: shell.window.health_banner.title.text() == english)


def test_a_store_that_refuses_to_be_read_counts_as_damage(
    qtbot: QtBot, shell: Shell, monkeypatch: pytest.MonkeyPatch
) -> None:
    def corrupt(database: Database) -> health.HealthReport:
        raise DatabaseCorruptError("the database file is damaged (file is not a database)")

    monkeypatch.setattr(health, "check_if_due", corrupt)
    qtbot.waitUntil(lambda: shell.window.health_banner.isVisible(), timeout=30_000)
    assert "file is not a database" in shell.warning_text


def test_a_check_that_cannot_run_is_logged_and_retried_not_shown(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    panel_runner: TaskRunner,
) -> None:
    class Services:
        database = object()

    class Provider:
        def get(self) -> Services:
            return Services()

    calls: list[int] = []

    def busy(database: object) -> health.HealthReport:
        calls.append(1)
        raise DatabaseLockedError("database is locked")

    monkeypatch.setattr(health, "check_if_due", busy)
    # Owned by the runner: both go when the fixture ends, never halfway through another test.
    controller = HealthController(
        Provider(),  # type: ignore[arg-type]
        panel_runner,
        panel_runner,
        first_delay_ms=0,
        interval_ms=20,
    )
    shown: list[object] = []
    controller.failed.connect(shown.append)
    controller.damage_found.connect(shown.append)
    with caplog.at_level(logging.WARNING, logger="copilot.ui.controllers.health"):
        controller.start()
        controller.start()  # a second ready (a retried open) does not double the checks
        # The first check at once, then the timer's: the hourly re-check, sped up.
        qtbot.waitUntil(lambda: len(calls) >= 3, timeout=10_000)
        controller._timer.stop()
        assert panel_runner.wait_idle(10_000)
    assert shown == []
    assert "integrity check not run" in caplog.text


def test_the_panel_checks_hourly_once_the_store_is_open(qtbot: QtBot, shell: Shell) -> None:
    with qtbot.waitSignal(shell.panel.database.ready, timeout=30_000):
        pass
    assert shell.panel.health.interval_ms == CHECK_INTERVAL_MS == 60 * 60 * 1000
    assert shell.panel.health._timer.isActive()
