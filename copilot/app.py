"""Composition root: builds the database, services and (for the panel) the QApplication."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from copilot.config import Settings

if TYPE_CHECKING:
    # Imported where used: the panel's window shows before SQLAlchemy and SQLCipher load.
    from PySide6.QtWidgets import QApplication, QWidget

    from copilot.storage.db import Database
    from copilot.storage.keys import DatabaseKey
    from copilot.storage.quick import QuickStore
    from copilot.storage.service import CustomerService
    from copilot.ui.main_window import MainWindow
    from copilot.ui.shell.single_instance import SingleInstance
    from copilot.ui.tasks import TaskRunner

log = logging.getLogger(__name__)


@dataclass
class Services:
    """Everything the command line and the panel talk to, built once per process."""

    settings: Settings
    database: Database
    customers: CustomerService

    def close(self) -> None:
        self.database.close()


def build_services(settings: Settings, key: DatabaseKey | None = None) -> Services:
    """Open (creating and migrating if needed) the configured database and wire the services.

    `key`: the database's key when already found (the quick lookup derived it).
    """
    from copilot.storage.db import open_database
    from copilot.storage.service import CustomerService

    database = open_database(
        settings.database_target,
        key=key,
        create=settings.create_database,
        allow_unencrypted=settings.allow_unencrypted,
    )
    customers = CustomerService(database, default_region=settings.default_region)
    return Services(settings=settings, database=database, customers=customers)


class CachedServices:
    """Opens the services on first call (from a worker thread) and hands the same ones back.

    Thread-safe: the panel may ask from several pool threads at once while the database is
    still opening; a failed open is not cached, so the next attempt tries again.

    `start_quick()` opens the quick lookup (`copilot.storage.quick`) on a thread of its own,
    so the key is derived while Qt loads; `quick()` waits for it. The full open then reuses
    its key instead of deriving it again.
    """

    def __init__(self, settings: Settings, build: Callable[[Settings], Services] | None = None):
        self._settings = settings
        self._build = build or self._build_with_known_key
        self._lock = threading.Lock()
        self._services: Services | None = None
        # Its own lock: find asks for the quick lookup while the full open holds `_lock`.
        self._quick_lock = threading.Lock()
        self._quick: Future[QuickStore | None] | None = None

    def __call__(self) -> Services:
        with self._lock:
            if self._services is None:
                self._services = self._build(self._settings)
            return self._services

    def start_quick(self) -> None:
        """Begin opening the quick lookup in the background (once; a plain file only)."""
        with self._quick_lock:
            if self._quick is not None:
                return
            future: Future[QuickStore | None] = Future()
            self._quick = future
        target = self._settings.database_target
        if "://" in target:
            future.set_result(None)  # a server or URL: the full open is the only one
            return
        threading.Thread(
            target=self._open_quick,
            args=(Path(target), future),
            name="copilot-quick-open",
            daemon=True,
        ).start()

    def _open_quick(self, path: Path, future: Future[QuickStore | None]) -> None:
        store: QuickStore | None = None
        try:
            from copilot.storage.quick import open_quick

            store = open_quick(path, region=self._settings.default_region)
        except Exception as exc:  # the full open reports it, with its own wording
            log.debug("quick lookup unavailable: %s", type(exc).__name__)
        finally:
            future.set_result(store)  # always: the panel and the full open wait on it
        with self._quick_lock:
            closed = self._quick is not future
        if closed and store is not None:
            store.close()  # close() ran while this was opening

    def quick_ready(self) -> QuickStore | None:
        """The quick lookup if it has opened already; never waits."""
        with self._quick_lock:
            future = self._quick
        return future.result() if future is not None and future.done() else None

    def quick(self) -> QuickStore | None:
        """The quick lookup, waiting for it to open; None when it cannot serve this database."""
        self.start_quick()
        with self._quick_lock:
            future = self._quick
        return future.result() if future is not None else None

    def _build_with_known_key(self, settings: Settings) -> Services:
        with self._quick_lock:
            future = self._quick
        store = future.result() if future is not None else None
        return build_services(settings, key=store.key if store is not None else None)

    def close(self) -> None:
        with self._lock:
            if self._services is not None:
                self._services.close()
                self._services = None
        with self._quick_lock:
            quick, self._quick = self._quick, None
        if quick is not None and quick.done() and (store := quick.result()) is not None:
            store.close()


@dataclass
class GuiSession:
    """What `launch_gui` made; `close()` undoes it after the event loop ends."""

    app: QApplication
    window: MainWindow
    runner: TaskRunner
    services: CachedServices
    instance: SingleInstance
    none_guard: object

    def close(self) -> None:
        self.runner.shutdown()
        self.services.close()
        self.instance.close()


def run_gui(settings: Settings, argv: Sequence[str]) -> int:
    """Start the side panel; returns the exit code."""
    session = launch_gui(settings, argv)
    if session is None:
        return 0  # the running panel comes forward; starting it again is not an error
    try:
        return session.app.exec()
    finally:
        session.close()


def launch_gui(
    settings: Settings,
    argv: Sequence[str],
    *,
    instance_name: str | None = None,
    use_tray: bool | None = None,
) -> GuiSession | None:
    """Everything `copilot panel` does before the event loop; None when a panel is running.

    The order is the start-up plan: the quick lookup starts deriving the database key on its
    own thread first; Qt loads meanwhile; the window shows with the panel (whose modules avoid
    SQLModel), which answers the find box from the quick lookup while a worker opens the full
    store. Qt is imported here, not at module level, so the command line never pays for it.
    `instance_name` and `use_tray` are for benchmarks and tests.
    """
    services = CachedServices(settings)
    services.start_quick()  # PBKDF2 releases the GIL: it runs beside the imports below

    from PySide6.QtCore import Qt
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

    instance = SingleInstance() if instance_name is None else SingleInstance(instance_name)
    if instance.notify_running():
        services.close()
        return None
    instance.listen()

    shell_settings = ShellSettings()
    theme = ThemeManager(app, shell_settings.theme)
    theme.apply()
    languages = LanguageSwitcher(app)
    languages.set_language(shell_settings.language)
    runner = TaskRunner()
    # The panel is built before the window shows, so the first paint is the usable panel (its
    # modules are light: only the worker opening the full store imports SQLModel, pydantic and
    # SQLAlchemy; a test keeps it so, since two threads importing the same package at once
    # can deadlock on Python's import locks).
    panel: QWidget | None = None
    broken: Exception | None = None
    try:
        panel = _make_panel(services, runner, services.quick, services.quick_ready)
    except Exception as exc:  # a broken install must still say what is wrong
        broken = exc
    # Without a tray, closing the window quits: there would be no way to bring it back.
    app.setQuitOnLastWindowClosed(False)
    window = MainWindow(
        panel,  # None: a placeholder that says the panel could not be loaded
        settings=shell_settings,
        theme=theme,
        languages=languages,
        hotkey=create_global_hotkey(app),
        use_tray=use_tray,
    )
    instance.activated.connect(window.bring_forward)
    runner.failed.connect(window.show_error)
    window.show()
    if broken is not None:
        window.show_error(broken)
    elif panel is None:
        runner.submit(services, lambda _s: None, window.show_error, key="open-database")
    return GuiSession(app, window, runner, services, instance, none_guard)


def _make_panel(
    services: Callable[[], Services],
    runner: TaskRunner,
    quick: Callable[[], QuickStore | None] | None = None,
    quick_ready: Callable[[], QuickStore | None] | None = None,
) -> QWidget | None:
    try:
        from copilot.ui.panel import PanelWidget
    except ModuleNotFoundError as exc:
        if exc.name != "copilot.ui.panel":
            raise
        return None  # the window shows a placeholder
    return PanelWidget(services, runner, quick=quick, quick_ready=quick_ready)
