"""Alembic migrations of the customer store, run programmatically by `open_database`."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection

# Full-text tables and their FTS5 shadow tables are created by hand in the migrations (they are
# SQLite-only virtual tables), so the model comparison must not expect them in the metadata.
SEARCH_TABLE_PREFIX = "fts_"
VERSION_TABLE = "alembic_version"


def is_search_table(name: str | None) -> bool:
    return bool(name) and str(name).startswith(SEARCH_TABLE_PREFIX)


def alembic_config(connection: Connection | None = None) -> Config:
    """A Config that needs no alembic.ini: the scripts live inside the installed package."""
    config = Config()
    config.set_main_option("script_location", str(Path(__file__).parent))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def is_known_revision(revision: str) -> bool:
    """Whether this version of Copilot has the migration script for `revision`."""
    try:
        return ScriptDirectory.from_config(alembic_config()).get_revision(revision) is not None
    except Exception:  # alembic raises several types for unknown/ambiguous ids
        return False


def current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def upgrade_to_head(connection: Connection) -> None:
    """Apply every pending migration inside the caller's (write) transaction."""
    command.upgrade(alembic_config(connection), "head")
