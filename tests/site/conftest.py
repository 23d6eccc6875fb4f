"""Site fixtures: a fresh site database per test on the session's PostgreSQL server, set up by
an administrator login that owns it (not the superuser, who would bypass row security)."""

from __future__ import annotations

import secrets
from collections.abc import Iterator

import pytest
from pgserver import PgServer
from site_support import Site


@pytest.fixture
def site(pg_server: PgServer) -> Iterator[Site]:
    """An empty database owned by a CREATEROLE administrator, not yet initialised."""
    suffix = secrets.token_hex(4)
    admin, name, password = f"siteadmin_{suffix}", f"site_{suffix}", secrets.token_hex(12)
    pg_server.execute(f"CREATE ROLE {admin} LOGIN CREATEROLE PASSWORD '{password}'")
    pg_server.execute(f"CREATE DATABASE {name} OWNER {admin} TEMPLATE template0")
    yield Site(pg_server, name, admin, password)
    pg_server.drop_database(name)
