"""Fixtures every test gets: an isolated data folder and an in-memory keyring."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from pgserver import PgServer


class MemoryKeyring(KeyringBackend):
    """A keyring that lives and dies with one test; never touches the OS keyring."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.secrets.pop((service, username), None)


@pytest.fixture(autouse=True)
def _isolated_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No test reads the developer's data folder, keyring or passphrase."""
    monkeypatch.setenv("COPILOT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("COPILOT_DB_PASSPHRASE", raising=False)
    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    yield
    keyring.set_keyring(previous)


@pytest.fixture
def memory_keyring() -> MemoryKeyring:
    backend = keyring.get_keyring()
    assert isinstance(backend, MemoryKeyring)
    return backend


# --- PostgreSQL: one throwaway server per test session, a fresh database per test --------

_PG_DATABASES = iter(range(1, 1_000_000))


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    """A PostgreSQL server of the test session's own (tests/pgserver.py); never skipped: a
    machine without the server programs fails here with the line that installs them."""
    server = PgServer.start()
    yield server
    server.destroy()


@pytest.fixture(scope="session")
def pg_template(pg_server: PgServer) -> str:
    """A database migrated to the head once; each test's database is a copy of it."""
    from copilot.storage.db import open_database

    url = pg_server.create_database("copilot_template")
    open_database(url).close()
    return "copilot_template"


@pytest.fixture
def pg_url(pg_server: PgServer, pg_template: str) -> Iterator[str]:
    """A fresh, migrated site database for one test: its superuser URL."""
    name = f"t{next(_PG_DATABASES)}"
    url = pg_server.create_database(name, template=pg_template)
    yield url
    pg_server.drop_database(name)
