"""Alembic migrations of the customer store, run programmatically by `open_database`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy.engine import Connection

# The newest revision this version of Copilot ships. Opening a database that is already there
# is then one SELECT, without importing Alembic (about a fifth of the panel's start-up time);
# tests/storage/test_db.py keeps it equal to what Alembic computes from the scripts.
HEAD_REVISION = "0004"

# Full-text tables and their FTS5 shadow tables are created by hand in the migrations (they are
# SQLite-only virtual tables), so the model comparison must not expect them in the metadata.
SEARCH_TABLE_PREFIX = "fts_"
VERSION_TABLE = "alembic_version"


def is_search_table(name: str | None) -> bool:
    return bool(name) and str(name).startswith(SEARCH_TABLE_PREFIX)


def alembic_config(connection: Connection | None = None) -> Config:
    """A Config that needs no alembic.ini: the scripts live inside the installed package."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(Path(__file__).parent))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str | None:
    """The head as Alembic computes it from the scripts (slow: imports Alembic)."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def is_known_revision(revision: str) -> bool:
    """Whether this version of Copilot has the migration script for `revision`."""
    from alembic.script import ScriptDirectory

    try:
        return ScriptDirectory.from_config(alembic_config()).get_revision(revision) is not None
    except Exception:  # alembic raises several types for unknown/ambiguous ids
        return False


def current_revision(connection: Connection) -> str | None:
    """The revision recorded in the database (the caller checked the version table exists)."""
    from sqlalchemy import text  # imported here: the panel reads HEAD_REVISION before SQLAlchemy

    rows = connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).fetchall()
    if len(rows) > 1:
        from alembic.runtime.migration import MigrationContext

        # Branched histories are Alembic's business; let it raise its own error.
        return MigrationContext.configure(connection).get_current_revision()
    return str(rows[0][0]) if rows else None


def upgrade_to_head(connection: Connection) -> None:
    """Apply every pending migration inside the caller's (write) transaction."""
    from alembic import command

    command.upgrade(alembic_config(connection), "head")
