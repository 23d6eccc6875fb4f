"""Storage fixtures: a fresh encrypted database per test, keyed by passphrase or keyring."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import pytest
from storage_support import FIXED_NOW, TEST_PASSPHRASE

from copilot.storage.db import Database, open_database
from copilot.storage.service import CustomerService


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "desk" / "copilot.db"


@pytest.fixture
def database(db_path: Path) -> Iterator[Database]:
    """An encrypted SQLCipher file keyed with an explicit passphrase."""
    db = open_database(str(db_path), passphrase=TEST_PASSPHRASE)
    yield db
    db.close()


@pytest.fixture
def env_database(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Database]:
    """An encrypted file keyed from COPILOT_DB_PASSPHRASE, as on a headless box or in CI."""
    monkeypatch.setenv("COPILOT_DB_PASSPHRASE", TEST_PASSPHRASE)
    db = open_database(str(db_path))
    yield db
    db.close()


@pytest.fixture
def keyring_database(db_path: Path) -> Iterator[Database]:
    """An encrypted file whose random key was created in the (in-memory) keyring."""
    db = open_database(str(db_path))
    yield db
    db.close()


@pytest.fixture
def clock() -> Callable[[], datetime]:
    return lambda: FIXED_NOW


@pytest.fixture
def service(database: Database, clock: Callable[[], datetime]) -> CustomerService:
    return CustomerService(database, default_region="ID", clock=clock)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests of SQLite-only features (FTS5 snippets, the WAL) run through the SQLite dialect
    only; the portable and PostgreSQL ones do not have them, so their instances are not
    collected."""
    portable = [
        item
        for item in items
        if item.get_closest_marker("sqlite_dialect")
        and item.name.endswith(("[portable]", "[postgresql]"))
    ]
    if portable:
        config.hook.pytest_deselected(items=portable)
        items[:] = [item for item in items if item not in portable]
