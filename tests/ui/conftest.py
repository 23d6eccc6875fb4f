"""UI fixtures: QSettings isolated in the test's folder, so no test reads the user's settings."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot
from ui_support import seed_customer

from copilot.app import service_provider
from copilot.config import PASSPHRASE_ENV, Settings
from copilot.services import ServiceProvider
from copilot.storage.schemas import CustomerRead
from copilot.ui.panel import PAGE_OPENING, PanelWidget
from copilot.ui.tasks import TaskRunner

PANEL_OPEN_MS = 10_000


@pytest.fixture(autouse=True)
def isolated_qsettings(tmp_path: Path, qapp: object) -> Iterator[Path]:
    """Every UI test writes QSettings (organisation "Copilot", app "Copilot") under tmp_path."""
    folder = tmp_path / "qsettings"
    folder.mkdir()
    previous_format = QSettings.defaultFormat()
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.SystemScope, str(folder / "sys"))
    yield folder
    QSettings.setDefaultFormat(previous_format)


@pytest.fixture
def panel_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    """Settings for a real encrypted database in tmp_path, keyed by COPILOT_DB_PASSPHRASE."""
    monkeypatch.setenv(PASSPHRASE_ENV, "ui-test-passphrase")
    return Settings(data_dir=tmp_path / "data", database=str(tmp_path / "panel.db"))


@pytest.fixture
def panel_services(panel_settings: Settings) -> Iterator[ServiceProvider]:
    """The provider run_gui gives PanelWidget: opens the database on first use, cached."""
    provider = service_provider(panel_settings)
    yield provider
    provider.close()


@pytest.fixture
def panel_runner(qapp: object) -> Iterator[TaskRunner]:
    runner = TaskRunner()
    yield runner
    runner.wait_idle(10_000)
    runner.shutdown()


@pytest.fixture
def seeded_customer(panel_services: ServiceProvider) -> CustomerRead:
    """`seed_customer` in the panel's database (opened here, on the test's thread)."""
    return seed_customer(panel_services.get())


@pytest.fixture
def make_panel(
    qtbot: QtBot, panel_services: ServiceProvider, panel_runner: TaskRunner
) -> Callable[..., PanelWidget]:
    """`make_panel(width=400, main=False)`: a shown panel on `panel_services`, its database
    open; `main=True` also leaves the welcome page for the main column, as an agent would."""

    def make(width: int = 400, *, main: bool = False) -> PanelWidget:
        panel = PanelWidget(panel_services, panel_runner)
        qtbot.addWidget(panel)
        panel.resize(width, 900)
        panel.show()
        qtbot.waitUntil(lambda: panel.stack.currentIndex() != PAGE_OPENING, timeout=PANEL_OPEN_MS)
        if main:
            panel.show_main()
        return panel

    return make
