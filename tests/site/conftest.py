"""Site-mode fixtures: desks (encrypted desk files in site mode) against a real PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from pgserver import PgServer
from sqlalchemy import URL, make_url

from copilot.site.config import SiteConfig
from copilot.site.link import SiteLink
from copilot.site.mode import site_services
from copilot.site.service import SiteCustomerService
from copilot.site.sync import Round, count_waiting, sync_once
from copilot.storage.db import Database, open_database
from copilot.storage.service import CustomerService

DESK_PASSPHRASE = "desk passphrase for the site tests"
CAMPAIGN = "insurer"


@dataclass
class Desk:
    """One agent's desk in site mode: its cache, its service and its link to the site."""

    db: Database
    customers: SiteCustomerService
    link: SiteLink

    def sync(self) -> Round:
        return sync_once(self.db, self.link)

    def waiting(self) -> int:
        return count_waiting(self.db)

    def close(self) -> None:
        self.link.close()
        self.db.close()


def site_config(url: str) -> SiteConfig:
    """The enrolment of a desk logging in as the test server's superuser (no password in it)."""
    parsed = make_url(url)
    public = URL.create(
        parsed.drivername, host=parsed.host, port=parsed.port, database=parsed.database
    ).render_as_string(hide_password=False)
    return SiteConfig(url=public, user=parsed.username or "", campaign=CAMPAIGN)


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
