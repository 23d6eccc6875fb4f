"""The panel's quick lookup: find answered on a raw SQLCipher connection before the store opens.

Opening the full store (engine, pool, schema check, the services) takes most of a second
after the imports. This opens the same file with the driver and the key, and answers the find
box with the very statements `CustomerService.find` runs (`lookup.find_matches` over
`storage.statements`, compiled once by the SQLite dialect), then hands the key on, so the full
open never derives it again. It only reads: `PRAGMA query_only` makes sure.
BENCHMARKS.md (bench_ui) measures what it buys against launching without it.
"""

from __future__ import annotations

import importlib
import logging
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from copilot.errors import CopilotError
from copilot.storage import migrations
from copilot.storage.dialects.sqlcipher import (
    SQLITE_HEADER,
    driver,
    read_salt,
    translate_driver_message,
)
from copilot.storage.keys import DatabaseKey, derive_raw_key, key_for_database, with_salt
from copilot.vocabulary import DEFAULT_REGION

if TYPE_CHECKING:
    from sqlalchemy.sql import Executable

    from copilot.storage.found import Found
    from copilot.storage.schemas import CustomerRead

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 5000


class QuickStore:
    """Find on one read-only connection; thread-safe (one statement at a time)."""

    def __init__(self, connection: Any, key: DatabaseKey, label: str, region: str) -> None:
        self._connection = connection
        self._lock = threading.Lock()
        self.key = key  # the raw key, for the full open
        self.label = label
        self._region = region
        # Read once when opened (on the opening thread), so the panel can choose its first
        # page without touching the database from the GUI thread.
        self.had_customers: bool | None = None
        self._dialect: Any = None  # one SQLiteDialect: it keeps the name words it has read

    def __repr__(self) -> str:
        return f"QuickStore({self.label!r})"  # never the key

    def _run(self, statement: Executable | str, params: Mapping[str, Any]) -> list[Any]:
        from copilot.storage.dialects.sqlite import compiled

        try:
            return self._connection.execute(compiled(statement), params).fetchall()
        except CopilotError:
            raise
        except Exception as exc:
            translated = translate_driver_message(exc, self.label)
            if translated is None:
                raise
            raise translated from exc

    def has_customers(self) -> bool:
        from copilot.storage.statements import HAS_CUSTOMERS

        with self._lock:
            return bool(self._run(HAS_CUSTOMERS, {})[0][0])

    def find(self, query: str, *, limit: int = 20) -> list[CustomerRead]:
        """What `CustomerService.find` answers, by the same statements."""
        return [found.customer for found in self.find_matches(query, limit=limit)]

    def find_matches(self, query: str, *, limit: int = 20) -> list[Found]:
        """What `CustomerService.find_matches` answers, by the same statements."""
        from copilot.storage.dialects.base import Reader
        from copilot.storage.dialects.sqlite import SQLiteDialect
        from copilot.storage.lookup import clamp_limit, find_matches

        reader = Reader(self._run)
        with self._lock:
            if self._dialect is None:
                self._dialect = SQLiteDialect()
            return find_matches(
                self._run,
                query,
                region=self._region,
                limit=clamp_limit(limit),
                names=self._dialect.names(reader),
            )

    def close(self) -> None:
        with self._lock:
            self._connection.close()


def open_quick(
    path: Path, *, passphrase: str | None = None, region: str = DEFAULT_REGION
) -> QuickStore | None:
    """A quick lookup on the SQLCipher file at `path`, or None where only the full open will do.

    None when the file does not exist yet, is not encrypted, or holds another schema version
    than this one (the full open creates, reports or migrates those). A missing or wrong key
    raises the same errors as `open_database`.
    """
    path = path.expanduser().resolve()
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError:
        return None
    if len(header) < len(SQLITE_HEADER) or header == SQLITE_HEADER:
        return None
    salt = read_salt(path)
    if salt is None:
        return None
    key = _derive_while_importing(
        key_for_database(path, salt=salt, passphrase=passphrase, create=False), salt
    )
    from copilot.storage.dialects.sqlite import (
        add_name_vocabulary,
        open_read_only,
        schema_revisions,
    )

    connection = open_read_only(path, key, busy_timeout_ms=BUSY_TIMEOUT_MS)
    label = str(path)
    try:
        store = QuickStore(connection, key, label, region)
        # The first read decrypts page 1: a wrong key fails here, as in open_database.
        try:
            rows = schema_revisions(connection)
        except CopilotError:
            raise
        except Exception as exc:
            translated = translate_driver_message(exc, label)
            if translated is None:
                raise
            raise translated from exc
        if rows is None:
            connection.close()
            return None
        if rows != [(migrations.HEAD_REVISION,)]:
            log.debug("schema %s is not this version's; the full open handles it", rows)
            connection.close()
            return None
        # After the key proved right: made earlier, a wrong key would fail here instead.
        add_name_vocabulary(connection)
        store.had_customers = store.has_customers()
    except BaseException:
        connection.close()
        raise
    return store


def _derive_while_importing(key: DatabaseKey, salt: bytes) -> DatabaseKey:
    """`derive_raw_key`, with the lookup's modules imported meanwhile.

    PBKDF2 releases the GIL: on its own thread it runs on another core while this one imports
    sqlcipher3 and the lookup, so the quick lookup is ready when the key is.
    """
    if key.raw:
        _import_lookup()
        return with_salt(key, salt)
    derived: list[DatabaseKey] = []
    failed: list[BaseException] = []

    def derive() -> None:
        try:
            derived.append(derive_raw_key(key, salt))
        except BaseException as exc:  # handed to the caller below
            failed.append(exc)

    worker = threading.Thread(target=derive, name="copilot-kdf", daemon=True)
    worker.start()
    try:
        _import_lookup()
    finally:
        worker.join()
    if failed:
        raise failed[0]
    return derived[0]


def _import_lookup() -> None:
    # The find statements and what compiles them (SQLAlchemy, SQLModel and the table models:
    # the statements are built from the tables), then sqlcipher3 itself.
    importlib.import_module("copilot.storage.lookup")
    importlib.import_module("copilot.storage.dialects.sqlite")
    driver()
