"""What the site tests share (imported, unlike conftest): a site database with its
administrator and logins (tests/site/admin), and desks in site mode with their link."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from pgserver import PgServer
from sqlalchemy import URL, make_url

from copilot.site.admin import add_user, init_site
from copilot.site.config import SiteConfig
from copilot.site.enrol import EnrolmentCode
from copilot.site.link import SiteLink
from copilot.site.service import SiteCustomerService
from copilot.site.sync import Round, count_waiting, sync_once
from copilot.storage.db import Database

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


@dataclass
class Site:
    """A site database on the test server and the administrator who owns it."""

    server: PgServer
    database: str
    admin: str
    admin_password: str

    def admin_url(self) -> URL:
        return make_url(
            self.server.url(self.database, user=self.admin, password=self.admin_password)
        )

    def public_url(self) -> str:
        """The URL a person types: no login, no password."""
        return f"postgresql://127.0.0.1:{self.server.port}/{self.database}"

    def init(self) -> Site:
        init_site(self.admin_url())
        return self

    def add(self, name: str, role: str, campaigns: Sequence[str]) -> EnrolmentCode:
        return add_user(self.admin_url(), name, role=role, campaigns=campaigns)

    def login_url(self, code: EnrolmentCode) -> str:
        """A SQLAlchemy URL as the code's login (with its first password)."""
        return self.server.url(self.database, user=code.user, password=code.password)


def wait_for(condition: Callable[[], bool], seconds: float = 60) -> None:
    """Wait for what a background worker does (a desk's sync), failing after `seconds`."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        time.sleep(0.05)
