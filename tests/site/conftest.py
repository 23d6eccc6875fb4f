"""Site-mode fixtures: desks (encrypted desk files in site mode) against a real PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pgserver import PgServer
from site_support import DESK_PASSPHRASE, Desk, site_config

from copilot.site.mode import site_services
from copilot.storage.db import Database, open_database
from copilot.storage.service import CustomerService


@pytest.fixture
def site_db(pg_url: str) -> Iterator[Database]:
    """The site server's database as an administrator sees it (to check what arrived)."""
    db = open_database(pg_url)
    yield db
    db.close()


@pytest.fixture
def site(site_db: Database) -> CustomerService:
    return CustomerService(site_db)


@pytest.fixture
def make_desk(pg_url: str, pg_server: PgServer, tmp_path: Path) -> Iterator[Callable[..., Desk]]:
    """Desks on the test's site database; each with its own desk file (closed at the end)."""
    desks: list[Desk] = []

    def make(name: str = "desk", *, worker: bool = False) -> Desk:
        db = open_database(str(tmp_path / name / "copilot.db"), passphrase=DESK_PASSPHRASE)
        customers, link = site_services(
            db, site_config(pg_url), pg_server.password, start_worker=worker
        )
        desk = Desk(db, customers, link)
        desks.append(desk)
        return desk

    yield make
    for desk in desks:
        desk.close()
