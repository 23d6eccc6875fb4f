"""What the site-mode tests share (imported, unlike conftest): desks and their enrolment."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import URL, make_url

from copilot.site.config import SiteConfig
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
