"""Helpers for the site tests: a site database, its administrator, logins made on it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pgserver import PgServer
from sqlalchemy import URL, make_url

from copilot.site.admin import add_user, init_site
from copilot.site.enrol import EnrolmentCode


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
