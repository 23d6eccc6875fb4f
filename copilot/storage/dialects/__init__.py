"""Everything that differs between databases, behind one interface per database.

`base.Dialect` is the interface and the portable behaviour (plain SQLAlchemy Core, which any
server runs); `sqlite.SQLiteDialect` is the desk's SQLCipher file: connection pragmas, write
locks, the raw-driver reader, FTS5 search, integrity checks, backups and bulk-load tuning.
`sqlcipher` keys SQLCipher files without SQLAlchemy. `postgresql.PostgresDialect` is the site
server's (text search, trigram names, ON CONFLICT writes); services, the command line
and the panel never contain database-specific SQL.

Nothing is imported here at module level: the panel's quick lookup reads `sqlcipher` before
SQLAlchemy is loaded.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from copilot.storage.dialects.base import Dialect


def dialect_for(name: str) -> Dialect:
    """The dialect for an engine's `dialect.name` ("sqlite", "postgresql"; else portable)."""
    if name == "sqlite":
        from copilot.storage.dialects.sqlite import SQLiteDialect

        return SQLiteDialect()
    if name == "postgresql":
        from copilot.storage.dialects.postgresql import PostgresDialect

        return PostgresDialect()
    from copilot.storage.dialects.base import Dialect

    return Dialect()
