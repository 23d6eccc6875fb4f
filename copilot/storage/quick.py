"""The panel's quick lookup: the database file opened with sqlcipher3 alone, answering find.

Opening the full store imports SQLAlchemy, SQLModel and pydantic, most of a second. This opens
the same file with the raw driver and the key, answers the find box from the first keystroke
(`lookup.find_customers`, the statements `CustomerService.find` runs) and hands the key on,
so the full open never derives it again. It only reads: `PRAGMA query_only` makes sure.
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
from copilot.storage.keys import DatabaseKey, derive_raw_key, key_for_database, with_salt
from copilot.storage.sqlcipher import SQLITE_HEADER, driver, read_salt, translate_driver_message

if TYPE_CHECKING:
    from copilot.storage.lookup import CustomerHit

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

    def __repr__(self) -> str:
        return f"QuickStore({self.label!r})"  # never the key

    def _run(self, sql: str, params: Mapping[str, Any]) -> list[Any]:
        try:
            return self._connection.execute(sql, params).fetchall()
        except CopilotError:
            raise
        except Exception as exc:
            translated = translate_driver_message(exc, self.label)
            if translated is None:
                raise
            raise translated from exc

    def has_customers(self) -> bool:
        with self._lock:
            return bool(self._run("SELECT EXISTS (SELECT 1 FROM customer)", {})[0][0])

    def find(self, query: str, *, limit: int = 20) -> list[CustomerHit]:
        """What `CustomerService.find` answers, as `CustomerHit`s."""
        from copilot.storage.lookup import (
            clamp_limit,
            find_customers,
            hits_from_rows,
            sqlite_ids_by_name,
        )

        with self._lock:
            return find_customers(
                self._run,
                query,
                region=self._region,
                limit=clamp_limit(limit),
                ids_by_name=lambda text, n: sqlite_ids_by_name(self._run, text, n),
                build=hits_from_rows,
            )

    def close(self) -> None:
        with self._lock:
            self._connection.close()


def open_quick(
    path: Path, *, passphrase: str | None = None, region: str = "ID"
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
    connection = driver().connect(str(path), check_same_thread=False)
    label = str(path)
    try:
        quoted = key.sqlcipher_key.replace('"', '""')
        connection.execute(f'PRAGMA key = "{quoted}"')
        connection.isolation_level = None  # autocommit: each lookup sees the latest commit
        connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        connection.execute("PRAGMA query_only = ON")
        store = QuickStore(connection, key, label, region)
        # The first read decrypts page 1: a wrong key fails here, as in open_database.
        version = store._run(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name = :name",
            {"name": migrations.VERSION_TABLE},
        )
        if not version:
            connection.close()
            return None
        rows = store._run(f"SELECT version_num FROM {migrations.VERSION_TABLE}", {})
        if [tuple(row) for row in rows] != [(migrations.HEAD_REVISION,)]:
            log.debug("schema %s is not this version's; the full open handles it", rows)
            connection.close()
            return None
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
    importlib.import_module("copilot.storage.lookup")  # the find statements
    driver()  # sqlcipher3 itself
