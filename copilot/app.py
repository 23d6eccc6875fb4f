"""Composition root: builds the database, services and (for the panel) the QApplication."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from copilot.config import Settings

if TYPE_CHECKING:
    # Imported where used: the panel's window shows before SQLAlchemy and SQLCipher load.
    from PySide6.QtWidgets import QWidget

    from copilot.storage.db import Database
    from copilot.storage.service import CustomerService
    from copilot.ui.tasks import TaskRunner


@dataclass
class Services:
    """Everything the command line and the panel talk to, built once per process."""

    settings: Settings
    database: Database
    customers: CustomerService

    def close(self) -> None:
        self.database.close()


def build_services(settings: Settings) -> Services:
    """Open (creating and migrating if needed) the configured database and wire the services."""
    from copilot.storage.db import open_database
    from copilot.storage.service import CustomerService

    database = open_database(settings.database_target)
    customers = CustomerService(database, default_region=settings.default_region)
    return Services(settings=settings, database=database, customers=customers)


class CachedServices:
    """Opens the services on first call (from a worker thread) and hands the same ones back.

    Thread-safe: the panel may ask from several pool threads at once while the database is
    still opening; a failed open is not cached, so the next attempt tries again.
    """

    def __init__(self, settings: Settings, build: Callable[[Settings], Services] | None = None):
        self._settings = settings
        self._build = build or build_services
        self._lock = threading.Lock()
        self._services: Services | None = None

    def __call__(self) -> Services:
        with self._lock:
            if self._services is None:
                self._services = self._build(self._settings)
            return self._services

    def close(self) -> None:
        with self._lock:
            if self._services is not None:
                self._services.close()
                self._services = None


def run_gui(settings: Settings, argv: Sequence[str]) -> int:
    """Start the side panel; returns the exit code. Qt is imported here, not at module level,
    so the command line never pays for it."""
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    from copilot.ui.main_window import MainWindow
    from copilot.ui.shell.hotkey import create_global_hotkey
    from copilot.ui.shell.i18n import LanguageSwitcher
    from copilot.ui.shell.pyside_workarounds import install_none_guard
    from copilot.ui.shell.settings import APPLICATION, ORGANISATION, ShellSettings
    from copilot.ui.shell.single_instance import SingleInstance
    from copilot.ui.shell.theme import ThemeManager
    from copilot.ui.tasks import TaskRunner

    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app = existing  # tests, or an embedding host that made its own
    else:
        # Fractional scaling (125 %, 150 %) as the OS asks, not rounded to 100 % or 200 %;
        # Qt only accepts this before the application object exists.
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
        )
        app = QApplication(list(argv))
    app.setApplicationName(APPLICATION)
    app.setOrganizationName(ORGANISATION)
    app.setApplicationDisplayName("Copilot")
    # PySide6 6.12.0 on CPython 3.11 loses a reference to None per void call; see the module.
    none_guard = install_none_guard(app)

    instance = SingleInstance()
    if instance.notify_running():
        return 0  # the running panel comes forward; starting it again is not an error
    instance.listen()

    shell_settings = ShellSettings()
    theme = ThemeManager(app, shell_settings.theme)
    theme.apply()
    languages = LanguageSwitcher(app)
    languages.set_language(shell_settings.language)
    runner = TaskRunner()
    services = CachedServices(settings)
    # Without a tray, closing the window quits: there would be no way to bring it back.
    app.setQuitOnLastWindowClosed(False)
    window = MainWindow(
        None,  # a placeholder until the panel's modules are imported, just below
        settings=shell_settings,
        theme=theme,
        languages=languages,
        hotkey=create_global_hotkey(app),
    )
    instance.activated.connect(window.bring_forward)
    runner.failed.connect(window.show_error)
    window.show()

    def attach_panel() -> None:
        # Paint the window before importing the panel (SQLModel alone takes a second or more).
        QApplication.processEvents()
        # The panel imports SQLModel and pydantic here, before any worker runs: a worker
        # importing the same packages at the same time can deadlock on Python's import locks,
        # and Python then hands one thread a half-initialised module (seen as an ImportError
        # from pydantic under PySide6's import hook). The panel opens the database itself, on
        # a worker, as soon as it exists.
        try:
            panel = _make_panel(services, runner)
        except Exception as exc:  # a broken install must still say what is wrong
            window.show_error(exc)
            return
        if panel is not None:
            window.set_panel(panel)
        else:
            runner.submit(services, lambda _s: None, window.show_error, key="open-database")

    QTimer.singleShot(0, attach_panel)
    try:
        return app.exec()
    finally:
        runner.shutdown()
        services.close()
        instance.close()
        del none_guard


def _make_panel(services: Callable[[], Services], runner: TaskRunner) -> QWidget | None:
    try:
        from copilot.ui.panel import PanelWidget
    except ModuleNotFoundError as exc:
        if exc.name != "copilot.ui.panel":
            raise
        return None  # the window shows a placeholder
    return PanelWidget(services, runner)
