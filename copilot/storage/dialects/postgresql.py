"""PostgreSQL, the site server: what it does differently from the portable base."""

from __future__ import annotations

from copilot.storage.dialects.base import Dialect


class PostgresDialect(Dialect):
    """A site's PostgreSQL server (psycopg 3)."""

    name = "postgresql"
