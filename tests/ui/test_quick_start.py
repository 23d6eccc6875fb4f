"""Start-up: the find box answers from the quick lookup before the full store has opened."""

from __future__ import annotations

import subprocess
import sys
import threading

import pytest
from pytestqt.qtbot import QtBot
from ui_support import seed_customer

from copilot.app import build_services, service_provider
from copilot.config import PASSPHRASE_ENV, Settings
from copilot.services import ServiceProvider, Services
from copilot.storage.keys import DatabaseKey
from copilot.storage.schemas import CustomerRead
from copilot.ui.panel import PAGE_MAIN, PanelWidget
from copilot.ui.tasks import TaskRunner


def test_the_find_box_answers_before_the_full_store_has_opened(
    qtbot: QtBot, panel_settings: Settings, panel_runner: TaskRunner
) -> None:
    seeding = build_services(panel_settings)
    seed_customer(seeding)
    seeding.close()
    release = threading.Event()

    def slow_build(settings: Settings, key: DatabaseKey | None) -> Services:
        release.wait(30)  # SQLModel still importing, as on a cold start
        return build_services(settings, key)

    provider = ServiceProvider(panel_settings, slow_build)
    provider.start_quick()
    try:
        panel = PanelWidget(provider, panel_runner)
        qtbot.addWidget(panel)
        qtbot.waitUntil(lambda: panel.stack.currentIndex() == PAGE_MAIN, timeout=20_000)
        with qtbot.waitSignal(panel.finder.results_found, timeout=20_000) as found:
            panel.finder.search_now("+62 812-3456-7890")
        hits = found.args[1]
        assert [c.name for c in hits] == ["Siti Rahayu"]
        assert isinstance(hits[0], CustomerRead)
        assert not panel.services.is_open  # answered without the full store

        # Choosing the customer works too: the story follows once the store is open.
        panel.open_customer(hits[0])
        release.set()
        qtbot.waitUntil(lambda: panel.story_controller.story is not None, timeout=20_000)
        assert panel.story_controller.story.customer.id == hits[0].id
        assert not panel.story.isHidden()
    finally:
        release.set()
        panel_runner.wait_idle(20_000)
        provider.close()


def test_the_full_store_opens_behind_the_quick_lookup_and_reuses_its_key(
    qtbot: QtBot,
    panel_settings: Settings,
    panel_runner: TaskRunner,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import copilot.storage.dialects.sqlcipher as sqlcipher_module
    import copilot.storage.keys as keys_module
    import copilot.storage.quick as quick_module

    seeding = build_services(panel_settings)
    seed_customer(seeding)
    seeding.close()
    derivations: list[bytes] = []

    def counting(key: keys_module.DatabaseKey, salt: bytes) -> keys_module.DatabaseKey:
        derivations.append(salt)
        return keys_module.derive_raw_key(key, salt)

    monkeypatch.setattr(quick_module, "derive_raw_key", counting)
    monkeypatch.setattr(sqlcipher_module, "derive_raw_key", counting)
    provider = service_provider(panel_settings)
    try:
        panel = PanelWidget(provider, panel_runner)
        qtbot.addWidget(panel)
        with qtbot.waitSignal(panel.database.ready, timeout=30_000):
            pass
        assert provider.quick() is not None
        assert provider.get().customers.count_customers() == 1
        # More connections, as the panel's workers take them: still no second PBKDF2.
        with (
            provider.get().database.engine.connect() as a,
            provider.get().database.engine.connect() as b,
        ):
            assert a is not b
        assert len(derivations) == 1  # by the quick lookup, not again by the full open
    finally:
        panel_runner.wait_idle(20_000)
        provider.close()


def test_a_wrong_passphrase_still_shows_the_full_opens_banner(
    qtbot: QtBot,
    panel_settings: Settings,
    panel_runner: TaskRunner,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from copilot.ui.main_window import MainWindow

    build_services(panel_settings).close()
    monkeypatch.setenv(PASSPHRASE_ENV, "not the right one")
    provider = service_provider(panel_settings)
    try:
        panel = PanelWidget(provider, panel_runner)
        window = MainWindow(panel, use_tray=False, on_quit=lambda: None)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitUntil(lambda: window.banner.isVisible(), timeout=20_000)
        assert window.banner.message is not None
        assert window.banner.message.kind == "wrong_passphrase"
        assert "COPILOT_DB_PASSPHRASE" in window.banner.message.detail  # where the key came from
    finally:
        panel_runner.wait_idle(20_000)
        provider.close()


def test_a_server_url_has_no_quick_lookup(panel_settings: Settings) -> None:
    provider = service_provider(Settings(data_dir=panel_settings.data_dir, database="sqlite://"))
    assert provider.quick() is None
    provider.close()


def test_the_window_and_panel_never_import_the_orm_on_the_gui_thread() -> None:
    # Only the worker opening the full store may import these: two threads importing them at
    # once can deadlock on Python's import locks (see app.launch_gui).
    code = (
        "import sys\n"
        "import copilot.app, copilot.ui.main_window, copilot.ui.panel, copilot.storage.quick\n"
        "heavy = ('sqlmodel', 'pydantic', 'sqlalchemy', 'alembic', 'keyring',\n"
        "         'copilot.storage.schemas', 'copilot.storage.db', 'copilot.context.engine')\n"
        "print([m for m in heavy if m in sys.modules])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.strip() == "[]"


@pytest.mark.parametrize("customers", [True, False])
def test_an_already_open_quick_lookup_sets_the_first_page_without_a_worker(
    qtbot: QtBot, panel_settings: Settings, panel_runner: TaskRunner, customers: bool
) -> None:
    from copilot.ui.panel import PAGE_WELCOME

    seeding = build_services(panel_settings)
    if customers:
        seed_customer(seeding)
    seeding.close()
    provider = service_provider(panel_settings)
    try:
        store = provider.quick()  # opened while "Qt was loading"
        assert store is not None and store.had_customers is customers
        panel = PanelWidget(provider, panel_runner)
        qtbot.addWidget(panel)
        # Decided in the constructor: the first paint is already the right page.
        assert panel.stack.currentIndex() == (PAGE_MAIN if customers else PAGE_WELCOME)
        with qtbot.waitSignal(panel.database.ready, timeout=30_000):
            pass  # the full store still opens behind it
    finally:
        panel_runner.wait_idle(20_000)
        provider.close()


def test_quick_ready_never_waits_for_the_opening(panel_settings: Settings) -> None:
    build_services(panel_settings).close()
    provider = service_provider(panel_settings)
    try:
        assert provider.quick_ready() is None  # not started
        provider.start_quick()
        store = provider.quick()
        assert provider.quick_ready() is store
    finally:
        provider.close()


def test_the_ui_never_imports_the_composition_root() -> None:
    # Not even under TYPE_CHECKING: the panel gets its provider from copilot.services, and
    # app.py (which builds the panel) may then import anything without a cycle.
    import ast
    from pathlib import Path

    import copilot.ui

    offenders = []
    for path in Path(copilot.ui.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = (
                [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else []
            )
            if any(name == "copilot.app" or name.startswith("copilot.app.") for name in names):
                offenders.append(f"{path.name}:{node.lineno}")
    assert offenders == []
