"""Opening the store (an SQLCipher file or a URL) and the `Database` every service works through.

`Database` holds the engine, the write transactions and error translation; what differs
between databases (pragmas, readers, text search, checks, backups) is its `dialect`
(`storage.dialects`), so a site can point the same services at PostgreSQL.
"""

from __future__ import annotations

import logging
import os
import random
import secrets
import sqlite3
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import URL, Engine, create_engine, make_url, pool
from sqlalchemy import exc as sa_exc
from sqlmodel import Session

from copilot.errors import (
    CopilotError,
    DatabaseCorruptError,
    DatabaseError,
    DatabaseMissingError,
    InputError,
    WrongPassphraseError,
)
from copilot.storage import migrations
from copilot.storage.dialects import dialect_for
from copilot.storage.dialects.base import Reader
from copilot.storage.dialects.sqlcipher import (
    Keying,
    create_private_file,
    driver,
    make_private,
    prepare_file,
    read_salt,
    remove_quietly,
    side_files,
    translate_driver_message,
)
from copilot.storage.keys import (
    SQLCIPHER_SALT_BYTES,
    DatabaseKey,
    forget_new_key,
    key_for_database,
)

log = logging.getLogger(__name__)

DEFAULT_BUSY_TIMEOUT_MS = 5000
# A write the server aborted to break a deadlock or a serialization conflict runs again this
# many times in all, after a short random pause (so the two writers do not meet again).
WRITE_ATTEMPTS = 6
_RETRY_PAUSE_SECONDS = 0.02
T = TypeVar("T")
_WRITE_OPTION = "copilot_write"
_KEY_SOURCES = {
    "argument": "the passphrase given",
    "environment": "COPILOT_DB_PASSPHRASE",
    "keyring": "the OS keyring",
    "recovery key": "the recovery key given",
}


# --- opening ---------------------------------------------------------------------------------


def open_database(
    target: str,
    *,
    passphrase: str | None = None,
    key: DatabaseKey | None = None,
    busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS,
    create: bool = True,
    allow_unencrypted: bool = False,
) -> Database:
    """Open (creating and migrating if needed) the database at a path or SQLAlchemy URL.

    A plain path is an SQLCipher file keyed from `passphrase`, COPILOT_DB_PASSPHRASE or the OS
    keyring. `key` is a key already found for this file (the panel's quick lookup derived it);
    it replaces that search. `create=False` refuses a file that does not exist instead of
    making a new one (a misspelt path). A plain `sqlite:` URL stores everything in clear and
    is refused unless `allow_unencrypted`. Failures raise `copilot.errors` subclasses whose
    message is one actionable line.
    """
    if not target or not target.strip():
        raise InputError("no database given")
    if "://" not in target:
        return _open_encrypted_file(Path(target), passphrase, busy_timeout_ms, key, create)
    try:
        url = make_url(target)
    except sa_exc.ArgumentError as exc:
        raise InputError(f"not a database path or URL: {target}") from exc
    if url.get_backend_name() == "sqlite" and url.get_driver_name() == "pysqlcipher":
        if not url.database:
            raise InputError("an SQLCipher URL needs a file path: sqlite+pysqlcipher:///PATH")
        return _open_encrypted_file(
            Path(url.database), url.password or passphrase, busy_timeout_ms, None, create
        )
    if url.get_backend_name() == "sqlite" and not allow_unencrypted:
        raise InputError(
            f"{url.render_as_string(hide_password=True)} is an unencrypted database; give a file "
            "path for an encrypted one, or add --allow-unencrypted if you really mean it"
        )
    if (
        url.get_backend_name() == "sqlite"
        and not create
        and url.database not in (None, "", ":memory:")
    ) and not Path(url.database).expanduser().exists():
        raise DatabaseMissingError(f"{url.database} does not exist; check the path")
    return _open_url(url, busy_timeout_ms)


def _open_encrypted_file(
    path: Path,
    passphrase: str | None,
    busy_timeout_ms: int,
    known: DatabaseKey | None,
    create: bool,
) -> Database:
    path = path.expanduser().resolve()
    if not prepare_file(path, create=create):
        known = _create_encrypted_file(path, passphrase, busy_timeout_ms, known) or known
    salt = read_salt(path)
    if salt is None:
        raise DatabaseCorruptError(f"{path} is too short to be a Copilot database")
    key = known or key_for_database(path, salt=salt, passphrase=passphrase, create=False)
    make_private(path)  # desks made before files were created private
    database = _open_keyed(path, key, salt, busy_timeout_ms, label=str(path))
    make_private(path)  # the -wal and -shm SQLite just made
    return database


def _create_encrypted_file(
    path: Path, passphrase: str | None, busy_timeout_ms: int, known: DatabaseKey | None
) -> DatabaseKey | None:
    """Build a new database beside `path` and move it into place whole; its key, or None.

    The file only appears under its name once it is encrypted, migrated and private (0600),
    so a failure (a full disk, a refused key) leaves nothing behind, and two processes
    creating the same database at once cannot mix two salts: the second finds the first's
    file in place, discards its own and opens that one (None: find the key for it).
    """
    salt = os.urandom(SQLCIPHER_SALT_BYTES)
    key = known or key_for_database(path, salt=salt, passphrase=passphrase, create=True)
    staging = path.with_name(f".{path.name}.creating-{secrets.token_hex(4)}")
    try:
        try:
            create_private_file(staging)
        except OSError as exc:
            raise DatabaseError(f"cannot create {path}: {exc.strerror or exc}") from exc
        built = _open_keyed(staging, key, salt, busy_timeout_ms, label=str(path))
        salted = built.key
        built.close()
        try:
            _move_new_file_into_place(staging, path)
        except FileExistsError:
            forget_new_key(salt, key)
            return None
        return salted
    except BaseException:
        forget_new_key(salt, key)
        raise
    finally:
        remove_quietly(staging, *side_files(staging))


def _move_new_file_into_place(staging: Path, path: Path) -> None:
    # A hard link fails if the name exists: an atomic "create unless someone else did".
    try:
        os.link(staging, path)
        return
    except FileExistsError:
        if path.stat().st_size != 0:
            raise
    except OSError:
        if path.exists() and path.stat().st_size != 0:  # no hard links here (FAT, some shares)
            raise FileExistsError(path) from None
    os.replace(staging, path)  # an empty file (`touch`) or no links: take the name


def _open_keyed(
    path: Path, key: DatabaseKey, salt: bytes, busy_timeout_ms: int, *, label: str
) -> Database:
    sqlcipher_driver = driver()
    keying = Keying(sqlcipher_driver, path, key, salt)
    # The plain sqlite dialect with sqlcipher3 as its driver: `Keying.connect` sends
    # PRAGMA key itself (the pysqlcipher dialect would send the URL's password again).
    engine = create_engine(
        URL.create("sqlite", database=str(path)),
        module=sqlcipher_driver,
        creator=keying.connect,
        # One connection per unit of work from a small pool; connections are made with
        # check_same_thread off because the panel runs queries on worker threads (a
        # connection is never used by two at once).
        poolclass=pool.QueuePool,
        pool_size=4,
    )
    database = Database(engine, label=label, key=key, path=path, busy_timeout_ms=busy_timeout_ms)
    try:
        database._verify_and_migrate()
        database._key = keying.key  # salted and derived by now: backups and restore use it
    except WrongPassphraseError as exc:
        engine.dispose()
        # Say where the key came from: a stale COPILOT_DB_PASSPHRASE is the usual culprit.
        raise WrongPassphraseError(
            f"cannot open {label}: wrong passphrase, or not a Copilot database "
            f"(the key came from {_KEY_SOURCES.get(key.source, key.source)})"
        ) from exc
    except BaseException:
        engine.dispose()
        raise
    return database


def _open_url(url: URL, busy_timeout_ms: int) -> Database:
    is_sqlite = url.get_backend_name() == "sqlite"
    if is_sqlite and url.database and url.database != ":memory:":
        folder = Path(url.database).expanduser().resolve().parent
        if not folder.exists():
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise DatabaseError(f"cannot create the folder {folder}: {exc}") from exc
    try:
        engine = create_engine(url)
    except (sa_exc.ArgumentError, ImportError) as exc:
        raise InputError(f"cannot use the database URL {url.render_as_string()}: {exc}") from exc
    label = url.render_as_string(hide_password=True)
    database = Database(engine, label=label, key=None, path=None, busy_timeout_ms=busy_timeout_ms)
    try:
        database._verify_and_migrate()
    except BaseException:
        engine.dispose()
        raise
    return database


# --- errors ----------------------------------------------------------------------------------


def translate_error(exc: BaseException, label: str) -> CopilotError | None:
    """The user-facing error for a driver error, or None when it is a programming error."""
    translated = translate_driver_message(exc, label)
    if translated is not None:
        return translated
    if isinstance(exc, sa_exc.OperationalError):
        # Servers: refused connections, bad credentials, missing databases. One line of the
        # driver's own words is the most useful thing to show.
        first_line = (str(getattr(exc, "orig", None) or exc).strip().splitlines() or ["?"])[0]
        return DatabaseError(f"cannot use {label}: {first_line}")
    return None


# --- the database ----------------------------------------------------------------------------


class Database:
    """An open store: readers and sessions, `write()` for writes, checks, backups, its dialect."""

    def __init__(
        self,
        engine: Engine,
        *,
        label: str,
        key: DatabaseKey | None,
        path: Path | None,
        busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS,
    ) -> None:
        self._engine = engine
        self._write_engine = engine.execution_options(**{_WRITE_OPTION: True})
        self._key = key  # kept for verifying backups; never logged (repr hides it)
        self.path = path
        self.label = label
        self.dialect = dialect_for(engine.dialect.name)
        self.dialect.install(engine, busy_timeout_ms=busy_timeout_ms, write_option=_WRITE_OPTION)
        # Set by the first damaged page any read meets (or a failed check): writes stop then,
        # so nothing more is built on pages that no longer authenticate.
        self.damage: str | None = None

    def __repr__(self) -> str:
        return f"Database({self.label!r}, dialect={self.dialect_name!r})"

    @property
    def engine(self) -> Engine:
        return self._engine

    @property
    def dialect_name(self) -> str:
        return self._engine.dialect.name

    @property
    def encrypted(self) -> bool:
        return self._key is not None

    @property
    def key(self) -> DatabaseKey:
        """The raw key with its salt (for backups and `copilot key export`); never logged."""
        if self._key is None:
            raise DatabaseError(f"{self.label} is not encrypted; it has no key")
        return self._key

    # --- units of work ---

    def reader(self, *, snapshot: bool = True) -> AbstractContextManager[Reader]:
        """A read unit for the services' reads: `storage.statements`, no ORM.

        On SQLite this runs on a driver connection directly: the lookup an agent makes on
        every keystroke then costs about what the raw driver costs, instead of the several
        hundred microseconds an ORM session adds per query. `snapshot` wraps the statements in
        one read transaction so they see the same state (skip it for one statement).
        """
        return self.dialect.reader(self, snapshot=snapshot)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """An ORM read unit of work; anything it changed is rolled back, not committed."""
        with self.translated(), Session(self._engine, expire_on_commit=False) as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A write unit of work that takes the write lock at BEGIN: committed on success,
        rolled back on error."""
        self._refuse_writes_if_damaged()
        with self.translated(), Session(self._write_engine, expire_on_commit=False) as session:
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    def transact(self, work: Callable[[Session], T]) -> T:
        """`work` in one write unit (`write()`), run again when the server aborted it to
        break a deadlock or a serialization conflict: the agent never sees those.

        `work` must build everything it writes inside itself: a new session runs each attempt.
        """
        for attempt in range(1, WRITE_ATTEMPTS + 1):
            try:
                with self.write() as session:
                    return work(session)
            except Exception as exc:
                cause = exc.__cause__ if isinstance(exc, CopilotError) else exc
                if attempt == WRITE_ATTEMPTS or not self.dialect.is_transient(cause):
                    raise
                log.info("write aborted by the server (%s); running it again", attempt)
            time.sleep(random.uniform(0, _RETRY_PAUSE_SECONDS * 2**attempt))
        raise AssertionError("unreachable")

    def timestamp_param(self, value: datetime) -> Any:
        """A timestamp as a reader's statements compare it (readers skip type processing)."""
        return self.dialect.timestamp_param(value)

    def search_rows(self, reader: Reader, user_text: str, *, limit: int) -> list[Sequence[Any]]:
        """(source, id, customer_id, snippet, time) full-text hits; the text is bound, never
        spliced into SQL."""
        return self.dialect.search_rows(reader, user_text, limit) if limit > 0 else []

    # --- errors ---

    @staticmethod
    def is_driver_error(exc: BaseException) -> bool:
        return isinstance(exc, sa_exc.DBAPIError | sqlite3.Error) or type(
            exc
        ).__module__.startswith("sqlcipher3")

    def translate(self, exc: Exception) -> Exception:
        """The user-facing error for a driver error (damage is remembered), else `exc`."""
        if self.is_driver_error(exc):
            translated = translate_error(exc, self.label)
            if translated is not None:
                return self.note_damage(translated)
        return exc

    @contextmanager
    def translated(self) -> Iterator[None]:
        """Driver errors inside become one-line `CopilotError`s."""
        try:
            yield
        except CopilotError:
            raise
        except Exception as exc:
            translated = self.translate(exc)
            if translated is exc:
                raise
            raise translated from exc

    def note_damage(self, error: CopilotError) -> CopilotError:
        """Remember a damaged-page error so later writes are refused; returns the error."""
        if isinstance(error, DatabaseCorruptError) and self.damage is None:
            self.damage = error.message
        return error

    def _refuse_writes_if_damaged(self) -> None:
        if self.damage is not None:
            raise DatabaseCorruptError(
                f"{self.label} is damaged, so Copilot stopped writing to it: run `copilot check`, "
                "then `copilot restore BACKUP` (lookups still work where the pages are readable)"
            )

    # --- upkeep ---

    def checkpoint(self) -> bool:
        """Make old page versions unreadable from the write-ahead log now; True when done.

        A reader in the middle of a snapshot can keep the log from emptying; the next
        checkpoint (or closing the database) finishes the job.
        """
        return self.dialect.checkpoint(self)

    def check(self) -> list[str]:
        """Problems found by the database's own checks; empty means healthy. A damaged page
        found here stops writes, as one met by a read does."""
        problems = self.dialect.check(self)
        damaged = [p for p in problems if p.startswith(("integrity:", "encryption:"))]
        if damaged:
            self.note_damage(DatabaseCorruptError(f"{self.label} is damaged ({damaged[0]})"))
        return problems

    def backup(self, dest: Path) -> Path:
        """Copy the live database to `dest` (same key and salt), verify it, return its path."""
        from copilot.storage.backups import backup_database

        return backup_database(self, dest)

    def close(self) -> None:
        self.dialect.close()
        self._engine.dispose()

    # --- opening checks and migrations ---

    def _verify_and_migrate(self) -> None:
        with self.translated():
            with self._engine.connect() as conn:
                # Reading the schema is the first real decryption: a wrong key fails here.
                tables = self.dialect.table_names(conn)
                current = (
                    migrations.current_revision(conn)
                    if migrations.VERSION_TABLE in tables
                    else None
                )
            if self.dialect.refuses_foreign_schema() and tables and current is None:
                kind = "encrypted, but" if self.encrypted else "a database"
                raise DatabaseCorruptError(
                    f"{self.label} is not a Copilot database ({kind} without Copilot's tables)"
                )
            if current == migrations.HEAD_REVISION:
                return
            if current is not None and not migrations.is_known_revision(current):
                raise DatabaseError(
                    f"{self.label} was made by a newer version of Copilot (schema {current}); "
                    "update Copilot to open it"
                )
            # Inside BEGIN IMMEDIATE: a second process opening a fresh file at the same moment
            # waits here, then finds the schema at head and does nothing.
            with (
                self._write_engine.connect() as conn,
                self.dialect.migrating(conn, self.label),
            ):
                migrations.upgrade_to_head(conn)
