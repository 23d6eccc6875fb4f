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


# marker -> the dialect parameters its tests are not run through
_NOT_THROUGH = {
    "sqlite_dialect": ("[portable]", "[postgresql]"),
    "text_search": ("[portable]",),
    "desk_file": ("[postgresql]",),
}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests of what one dialect does are not collected through the others: SQLite-only
    features (the WAL, FTS5's vocabulary), real text search (FTS5 and PostgreSQL's, not the
    portable LIKE), and what needs the desk's file (the quick lookup)."""
    skipped = [
        item
        for item in items
        if any(
            item.get_closest_marker(marker) and item.name.endswith(params)
            for marker, params in _NOT_THROUGH.items()
        )
    ]
    if skipped:
        config.hook.pytest_deselected(items=skipped)
        items[:] = [item for item in items if item not in skipped]
