"""Composition root: builds the database, services and (for the panel) the QApplication."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from copilot.config import Settings
from copilot.services import ServiceProvider, Services

if TYPE_CHECKING:
    # Imported where used: the panel's window shows before SQLAlchemy and SQLCipher load.
    from PySide6.QtCore import QObject
    from PySide6.QtWidgets import QApplication, QWidget

    from copilot.site.config import SiteConfig
    from copilot.storage.keys import DatabaseKey
    from copilot.ui.main_window import MainWindow
    from copilot.ui.shell.single_instance import SingleInstance
    from copilot.ui.tasks import TaskRunner

__all__ = [
    "GuiSession",
    "Services",
    "build_services",
    "launch_gui",
    "run_gui",
    "run_session",
    "service_provider",
]

log = logging.getLogger(__name__)


def build_services(settings: Settings, key: DatabaseKey | None = None) -> Services:
    """Open (creating and migrating if needed) the configured database and wire the services.

    `key`: the database's key when already found (the quick lookup derived it).
    """
    from copilot.errors import CopilotError
    from copilot.storage.db import open_database
    from copilot.storage.drafts import DraftService
    from copilot.storage.service import CustomerService

    database = open_database(
        settings.database_target,
        key=key,
        create=settings.create_database,
        allow_unencrypted=settings.allow_unencrypted,
    )
    customers = CustomerService(database, default_region=settings.default_region)
    drafts = DraftService(database)
    try:
        # Drafts used to be plain files in the data folder: move them into the store, once.
        drafts.import_files(Path(settings.data_dir) / "drafts")
    except CopilotError as exc:  # a read-only or busy store: the files wait for the next start
        log.warning("drafts not moved into the store yet: %s", exc)
    return Services(settings=settings, database=database, customers=customers, drafts=drafts)


def service_provider(settings: Settings) -> ServiceProvider:
    """What the panel is given: the services opened on first use, by `build_services`."""
    return ServiceProvider(settings, build_services)


@dataclass
class GuiSession:
    """What `launch_gui` made; `close()` undoes it after the event loop ends."""

    app: QApplication
    window: MainWindow
    runner: TaskRunner
    services: ServiceProvider
    instance: SingleInstance
    links: QObject | None = None  # the macOS copilot:// link handler (an app event filter)

    def close(self) -> None:
        if self.links is not None:
            self.app.removeEventFilter(self.links)
        # A draft still waiting for its autosave is written before the workers stop: Quit,
        # Ctrl+C and SIGTERM all end here.
        self.window.panel.save_pending()
        if not self.runner.wait_idle(SAVE_ON_CLOSE_MS):
            log.warning("closing before every background task finished")
        self.runner.shutdown()
        self.services.close()
        self.instance.close()


# How long closing waits for the last saves (a busy database retries for a few seconds).
SAVE_ON_CLOSE_MS = 10_000


def run_gui(settings: Settings, argv: Sequence[str], *, open_value: str | None = None) -> int:
    """Start the side panel (opening `open_value`'s story once it is ready); the exit code."""
    session = launch_gui(settings, argv, open_value=open_value)
    if session is None:
        return 0  # the running panel comes forward; starting it again is not an error
    return run_session(session)


def run_session(session: GuiSession) -> int:
    """The event loop of a launched panel until Quit, Ctrl+C or SIGTERM; then close it."""
    from copilot.ui.shell.signals import quit_on_signals

    try:
        with quit_on_signals(session.window.quit):
            return session.app.exec()
    finally:
        session.close()


def launch_gui(
    settings: Settings,
    argv: Sequence[str],
    *,
    instance_name: str | None = None,
    use_tray: bool | None = None,
    open_value: str | None = None,
) -> GuiSession | None:
    """Everything `copilot panel` does before the event loop; None when a panel is running
    (it was asked to come forward, or to open `open_value`).

    The order is the start-up plan: a running panel is asked first (a plain socket, before
    Qt loads); the quick lookup starts deriving the database key on its own thread; Qt loads
    meanwhile; the window shows with the panel (whose modules avoid SQLModel), which answers
    the find box from the quick lookup while a worker opens the full store. Qt is imported
    here, not at module level, so the command line never pays for it.
    `instance_name` and `use_tray` are for benchmarks and tests. Raises PanelElsewhereError
    when the running panel has another database open.
    """
    from copilot.integrate import channel

    database = channel.database_fingerprint(settings.database_target)
    request = channel.Request("open" if open_value else "show", database, open_value or "")
    reply = channel.send(request, instance_name)
    if reply == channel.OTHER_DATABASE:
        raise channel.PanelElsewhereError(channel.ELSEWHERE_MESSAGE)
    if reply is not None:
        return None

    services = service_provider(settings)
    services.start_quick()  # PBKDF2 releases the GIL: it runs beside the imports below

    from copilot.ui.shell.link_events import LinkEvents
    from copilot.ui.shell.single_instance import SingleInstance

    app = _application(argv)
    instance = SingleInstance(instance_name, database=database)
    instance.listen()
    window, runner = _show_window(app, services, use_tray)
    links = LinkEvents(app)
    app.installEventFilter(links)  # macOS: a clicked copilot:// link arrives as an event
    for source in (instance, links):
        source.open_requested.connect(window.bring_forward)
        source.open_requested.connect(window.panel.open_value)
    instance.activated.connect(window.bring_forward)
    links.failed.connect(window.show_error)
    if open_value:
        window.panel.open_value(open_value)  # waits in the panel until the database is open
    return GuiSession(app, window, runner, services, instance, links)


def _application(argv: Sequence[str]) -> QApplication:
    """The QApplication (an existing one in tests, or an embedding host's), named for QSettings."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    from copilot.ui.shell.settings import APPLICATION, ORGANISATION

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
    return app


def _enrolled_site(settings: Settings) -> SiteConfig | None:
    """The desk's site for the Settings menu; an unreadable site.json is logged, not fatal."""
    from copilot.site.config import SiteError, load_site

    try:
        return load_site(settings.data_dir)
    except SiteError as exc:
        log.warning("%s", exc.message)
        return None


def _show_window(
    app: QApplication, services: ServiceProvider, use_tray: bool | None
) -> tuple[MainWindow, TaskRunner]:
    """Theme, language, the panel and the window around it, shown; the runner they share."""
    from copilot.ui.main_window import MainWindow
    from copilot.ui.shell.hotkey import create_global_hotkey
    from copilot.ui.shell.i18n import LanguageSwitcher
    from copilot.ui.shell.settings import ShellSettings
    from copilot.ui.shell.theme import ThemeManager
    from copilot.ui.tasks import TaskRunner

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
        panel = _make_panel(services, runner)
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
        site=_enrolled_site(services.settings),
    )
    runner.failed.connect(window.show_error)
    window.show()
    if broken is not None:
        window.show_error(broken)
    return window, runner


def _make_panel(services: ServiceProvider, runner: TaskRunner) -> QWidget:
    from copilot.ui.panel import PanelWidget

    return PanelWidget(services, runner)
