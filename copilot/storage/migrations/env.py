"""Alembic environment: migrates the connection `open_database` hands over (no alembic.ini)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine
from sqlmodel import SQLModel

from copilot.storage import models  # noqa: F401  (registers the tables on SQLModel.metadata)
from copilot.storage.migrations import is_search_table

config = context.config
target_metadata = SQLModel.metadata


def include_name(name: str | None, type_: str, parent_names: object) -> bool:
    return not (type_ == "table" and is_search_table(name))


def run_migrations() -> None:
    connection = config.attributes.get("connection")
    if connection is None:
        # Developer use: `alembic -x` is not needed; pass sqlalchemy.url through the Config.
        url = config.get_main_option("sqlalchemy.url")
        if not url:
            raise RuntimeError("migrations run through copilot.storage.db.open_database")
        with create_engine(url).begin() as conn:
            _run(conn)
        return
    _run(connection)


def _run(connection: object) -> None:
    context.configure(
        connection=connection,  # type: ignore[arg-type]
        target_metadata=target_metadata,
        # SQLite cannot ALTER most things; batch mode rebuilds tables instead.
        render_as_batch=connection.dialect.name == "sqlite",  # type: ignore[attr-defined]
        include_name=include_name,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations()
