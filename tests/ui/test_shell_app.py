"""The composition root: `copilot panel`, one instance, the services cache, DB errors shown."""

from __future__ import annotations

import threading
from concurrent.futures import Future
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail
from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from copilot import errors
from copilot.app import build_services, run_gui, service_provider
from copilot.config import PASSPHRASE_ENV, Settings
from copilot.integrate import channel
from copilot.services import ServiceProvider, Services
from copilot.storage.keys import DatabaseKey
from copilot.ui.main_window import MainWindow
from copilot.ui.panel import PAGE_OPENING, PAGE_WELCOME, PanelWidget
from copilot.ui.shell.single_instance import SingleInstance, server_name
from copilot.ui.tasks import TaskRunner


def test_the_panel_command_starts_the_gui_on_the_chosen_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import copilot.app as app_module
    from copilot import cli

    started: list[tuple[Settings, list[str]]] = []

    def fake_run_gui(settings: Settings, argv: list[str]) -> int:
        started.append((settings, list(argv)))
        return 7

    monkeypatch.setattr(app_module, "run_gui", fake_run_gui)
    db = tmp_path / "desk.db"
    assert cli.main(["--db", str(db), "--region", "sg", "panel"]) == 7  # its exit code
    ((settings, argv),) = started
    assert settings.database_target == str(db)
    assert settings.default_region == "SG"
    assert len(argv) == 1  # Qt gets the program name only: our options were parsed already
    assert not db.exists()  # the panel opens the database itself, on a worker


def test_second_start_hands_over_and_exits_zero(qtbot: QtBot, tmp_path: Path) -> None:
    running = SingleInstance(server_name())
    if not running.listen():
        pytest.skip("a real panel is running for this user")
    settings = Settings(data_dir=tmp_path, database=str(tmp_path / "x.db"))
    running.database = channel.database_fingerprint(settings.database_target)
    code: Future[int] = Future()
    try:
        # In a thread, as a second process would: it waits for the running panel's reply.
        with qtbot.waitSignal(running.activated, timeout=5000):
            threading.Thread(target=lambda: code.set_result(run_gui(settings, ["t"]))).start()
        qtbot.waitUntil(code.done, timeout=5000)
        assert code.result() == 0
        assert not (tmp_path / "x.db").exists()  # it never opened the database
    finally:
        running.close()


def test_cached_services_open_once_even_when_asked_from_many_threads(
    panel_settings: Settings,
) -> None:
    built: list[Services] = []

    def build(settings: Settings, key: DatabaseKey | None) -> Services:
        services = build_services(settings, key)
        built.append(services)
        return services

    provider = ServiceProvider(panel_settings, build)
    seen: list[Services] = []
    threads = [threading.Thread(target=lambda: seen.append(provider.get())) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    try:
        assert len(built) == 1
        assert all(s is built[0] for s in seen)
    finally:
        provider.close()


def test_a_failed_open_is_retried_not_cached(panel_settings: Settings) -> None:
    attempts: list[int] = []

    def build(settings: Settings, key: DatabaseKey | None) -> Services:
        attempts.append(1)
        if len(attempts) == 1:
            raise errors.DatabaseLockedError("database is locked")
        return build_services(settings, key)

    provider = ServiceProvider(panel_settings, build)
    with pytest.raises(errors.DatabaseLockedError):
        provider.get()
    assert provider.get().customers.count_customers() == 0
    provider.close()


def _window_on(qtbot: QtBot, settings: Settings, runner: TaskRunner) -> MainWindow:
    panel = PanelWidget(service_provider(settings), runner)
    window = MainWindow(panel, use_tray=False, on_quit=lambda: None)
    qtbot.addWidget(window)
    window.show()
    return window


def test_wrong_passphrase_shows_the_banner_not_a_traceback(
    qtbot: QtBot,
    panel_settings: Settings,
    panel_runner: TaskRunner,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    build_services(panel_settings).close()  # made with the fixture's passphrase
    monkeypatch.setenv(PASSPHRASE_ENV, "not the right one")
    window = _window_on(qtbot, panel_settings, panel_runner)
    qtbot.waitUntil(lambda: window.banner.isVisible(), timeout=20_000)
    assert window.banner.message is not None
    assert window.banner.message.kind == "wrong_passphrase"
    assert "does not open" in window.banner.advice.text()  # what the agent tells IT
    assert "passphrase" in window.banner.detail.text().lower()  # what IT needs, behind Details


def test_no_keyring_and_no_passphrase_says_what_to_set(
    qtbot: QtBot,
    panel_settings: Settings,
    panel_runner: TaskRunner,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(PASSPHRASE_ENV)
    keyring.set_keyring(fail.Keyring())  # a headless box: no keyring at all
    window = _window_on(qtbot, panel_settings, panel_runner)
    qtbot.waitUntil(lambda: window.banner.isVisible(), timeout=20_000)
    assert window.banner.message is not None
    assert window.banner.message.kind == "no_passphrase"
    assert "COPILOT_DB_PASSPHRASE" not in window.banner.advice.text()  # no variable for agents
    assert "COPILOT_DB_PASSPHRASE" in window.banner.detail.text()  # IT finds it behind Details


def test_run_gui_shows_the_docked_panel_and_quits_cleanly(
    qapp: QApplication, panel_settings: Settings
) -> None:
    probe = SingleInstance(server_name())
    if probe.notify_running(timeout_ms=200):
        pytest.skip("a real panel is running for this user")
    seen: dict[str, object] = {}

    def check() -> None:
        windows = [w for w in qapp.topLevelWidgets() if isinstance(w, MainWindow)]
        window = windows[-1] if windows else None
        panel = window.panel_widget if window is not None else None
        if not isinstance(panel, PanelWidget) or panel.stack.currentIndex() == PAGE_OPENING:
            return  # not there yet: the timer fires again
        timer.stop()
        assert window is not None
        seen["visible"] = window.isVisible()
        seen["height"] = window.frameGeometry().height()
        seen["page"] = panel.stack.currentIndex()
        window.quit()

    timer = QTimer()
    timer.setInterval(50)
    timer.timeout.connect(check)
    timer.start()
    QTimer.singleShot(30_000, qapp.quit)  # never hang the suite
    try:
        code = run_gui(panel_settings, ["copilot"])
    finally:
        timer.stop()
        qapp.setStyleSheet("")
        qapp.setQuitOnLastWindowClosed(True)
    assert code == 0
    assert seen.get("visible") is True
    assert seen["page"] == PAGE_WELCOME  # an empty database: the welcome state
    available = QGuiApplication.primaryScreen().availableGeometry().height()
    assert seen["height"] == available


def test_launch_gui_shows_the_real_panel_at_its_first_paint(
    qapp: QApplication, panel_settings: Settings, tmp_path: Path
) -> None:
    from copilot.app import launch_gui

    session = launch_gui(panel_settings, ["t"], instance_name=f"t-{tmp_path.name}", use_tray=False)
    assert session is not None
    try:
        # Built before show(): no placeholder is ever painted first.
        assert isinstance(session.window.panel_widget, PanelWidget)
        assert session.window.isVisible()
    finally:
        session.window.close()
        session.close()


def test_a_panel_that_cannot_be_built_says_so_instead_of_loading_forever(
    qapp: QApplication,
    qtbot: QtBot,
    panel_settings: Settings,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import copilot.app as app_module
    from copilot.ui.shell.panel_slot import PlaceholderPanel

    def broken(*_args: object) -> None:
        raise ImportError("cannot import name 'PanelWidget' (a broken install)")

    monkeypatch.setattr(app_module, "_make_panel", broken)
    session = app_module.launch_gui(
        panel_settings, ["t"], instance_name=f"t-{tmp_path.name}", use_tray=False
    )
    assert session is not None
    try:
        placeholder = session.window.panel_widget
        assert isinstance(placeholder, PlaceholderPanel)
        assert placeholder.label.text() == "The panel could not be loaded."
        qtbot.waitUntil(lambda: session.window.banner.isVisible(), timeout=5000)
        assert session.window.banner.message is not None
        assert "broken install" in session.window.banner.message.detail
    finally:
        session.window.close()
        session.close()
