"""The database: SQLCipher engine, pragmas, write transactions, full-text search, backup, check.

Everything that knows the store runs on SQLite lives here; the rest of the package speaks
SQLAlchemy/SQLModel only, so a site can point the same services at PostgreSQL.
"""

from __future__ import annotations

import logging
import os
import secrets
import sqlite3
from collections.abc import Callable, Iterator, Mapping
from contextlib import AbstractContextManager, closing, contextmanager, suppress
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import URL, Engine, create_engine, event, make_url, pool, text
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import Connection
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
from copilot.storage.keys import (
    SQLCIPHER_SALT_BYTES,
    DatabaseKey,
    forget_new_key,
    key_for_database,
)
from copilot.storage.lookup import (
    EPOCH,
    fts_match_expression,
    ids_by_name_prefix,
    merge_ids,
    parse_timestamp,
    search_tokens,
    sqlite_ids_by_name,
)
from copilot.storage.models import as_utc, format_utc, name_key
from copilot.storage.sqlcipher import (
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

log = logging.getLogger(__name__)

DEFAULT_BUSY_TIMEOUT_MS = 5000
_WRITE_OPTION = "copilot_write"
_KEY_SOURCES = {
    "argument": "the passphrase given",
    "environment": "COPILOT_DB_PASSPHRASE",
    "keyring": "the OS keyring",
    "recovery key": "the recovery key given",
}
SEARCH_TABLES = ("fts_interaction", "fts_fact", "fts_customer")


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
    _install_sqlite_events(engine, busy_timeout_ms)
    database = Database(engine, label=label, key=key, path=path)
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
    if is_sqlite:
        _install_sqlite_events(engine, busy_timeout_ms)
    database = Database(engine, label=url.render_as_string(hide_password=True), key=None, path=None)
    try:
        database._verify_and_migrate()
    except BaseException:
        engine.dispose()
        raise
    return database


def _install_sqlite_events(engine: Engine, busy_timeout_ms: int) -> None:
    """Pragmas on every new connection, and our own BEGIN so writes take the lock up front."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # The connection is already keyed (PRAGMA key must come first: `Keying.connect` for
        # SQLCipher files). Turning off the driver's own transaction handling lets the "begin"
        # hook below choose the BEGIN.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            # busy_timeout before anything that may touch the file, so even the first read
            # waits for a writer instead of failing at once.
            cursor.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA foreign_keys = ON")
            cursor.execute("PRAGMA synchronous = FULL")
            # Deleted rows are overwritten with zeros, so an erased customer's data does not
            # linger in free pages (readable to anyone holding the key).
            cursor.execute("PRAGMA secure_delete = ON")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        # A write takes the write lock at BEGIN: two writers then queue on busy_timeout instead
        # of one failing with "database is locked" when it upgrades a read lock mid-transaction.
        if connection.get_execution_options().get(_WRITE_OPTION):
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            connection.exec_driver_sql("BEGIN")


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


def _is_driver_error(exc: BaseException) -> bool:
    return isinstance(exc, sa_exc.DBAPIError | sqlite3.Error) or type(exc).__module__.startswith(
        "sqlcipher3"
    )


# --- the database ----------------------------------------------------------------------------


@dataclass(frozen=True)
class SearchRow:
    """One full-text hit before the service joins its customer."""

    source: str  # "interaction" or "fact"
    source_id: int
    customer_id: int
    snippet: str
    started_at: datetime | None


class Reader:
    """Runs plain SQL with `:named` parameters inside one read snapshot; rows are tuples.

    The same SQL text works on every dialect (SQLite's driver and SQLAlchemy's `text()`
    both take `:name` parameters); only what is dialect-specific lives in `Database`.
    """

    def __init__(self, database: Database, run: Callable[[str, Mapping[str, Any]], list[Any]]):
        self.database = database
        self._run = run

    def all(self, sql: str, params: Mapping[str, Any] | None = None) -> list[Any]:
        return self._run(sql, params or {})  # both runners return a fresh list


_MAX_IDLE_READERS = 2  # the panel's worker threads rarely read more than two at a time


class _SqliteReader:
    """`Database.reader()` on SQLite: a parked driver connection, no pool round trip.

    A class, not a generator context manager: this wraps every keystroke's lookup, and two
    nested generator contexts cost more than the statement's own Python overhead.
    """

    __slots__ = ("_cursor", "_database", "_failed", "_raw", "_snapshot")

    def __init__(self, database: Database, snapshot: bool) -> None:
        self._database = database
        self._snapshot = snapshot
        self._failed = False

    def _run(self, sql: str, params: Mapping[str, Any]) -> list[Any]:
        try:
            return self._cursor.execute(sql, params).fetchall()
        except Exception as exc:
            self._failed = True
            translated = self._translate(exc)
            if translated is exc:
                raise
            raise translated from exc

    def _translate(self, exc: Exception) -> Exception:
        if _is_driver_error(exc):
            translated = translate_error(exc, self._database.label)
            if translated is not None:
                return self._database.note_damage(translated)
        return exc

    def __enter__(self) -> Reader:
        try:
            self._raw = self._database._take_reader_connection()
            self._cursor = self._raw.cursor()
            if self._snapshot:
                self._cursor.execute("BEGIN")
        except CopilotError:
            raise
        except Exception as exc:
            if hasattr(self, "_raw"):
                self._raw.invalidate()
                self._raw.close()
            translated = self._translate(exc)
            if translated is exc:
                raise
            raise translated from exc
        return Reader(self._database, self._run)

    def __exit__(self, exc_type: Any, exc: Any, tb: Any) -> None:
        raw = self._raw
        failed = self._failed
        if not failed:
            try:
                if raw.driver_connection.in_transaction:
                    self._cursor.execute("ROLLBACK")
            except Exception:
                failed = True
        with suppress(Exception):
            self._cursor.close()
        if failed:
            # A driver error can leave the connection mid-transaction or marked unusable
            # (damaged pages); never hand it to the next unit of work.
            raw.invalidate()
            raw.close()
        else:
            self._database._park_reader_connection(raw)


class Database:
    """An open store: sessions for reads, `write()` for writes, backup and health checks."""

    def __init__(
        self, engine: Engine, *, label: str, key: DatabaseKey | None, path: Path | None
    ) -> None:
        self._engine = engine
        self._write_engine = engine.execution_options(**{_WRITE_OPTION: True})
        self._key = key  # kept for verifying backups; never logged (repr hides it)
        self.path = path
        self.label = label
        self._idle_readers: list[Any] = []  # pooled connections parked by _SqliteReader
        self._closed = False
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

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A read unit of work; anything it changed is rolled back, not committed."""
        with self._translated(), Session(self._engine, expire_on_commit=False) as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A write unit of work in `BEGIN IMMEDIATE`: committed on success, rolled back on error."""
        self._refuse_writes_if_damaged()
        with self._translated(), Session(self._write_engine, expire_on_commit=False) as session:
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    @contextmanager
    def _translated(self) -> Iterator[None]:
        try:
            yield
        except CopilotError:
            raise
        except Exception as exc:
            if _is_driver_error(exc):
                translated = translate_error(exc, self.label)
                if translated is not None:
                    raise self.note_damage(translated) from exc
            raise

    def close(self) -> None:
        self._closed = True
        while self._idle_readers:
            with suppress(Exception):
                self._idle_readers.pop().close()
        self._engine.dispose()

    def checkpoint(self) -> bool:
        """Copy the write-ahead log into the file and empty it; True when it is empty now.

        Old page versions stay readable in the log (to anyone with the key) until then. A
        reader in the middle of a snapshot can keep the log from emptying; the next
        checkpoint (or closing the database) finishes the job. A no-op on servers.
        """
        if self.dialect_name != "sqlite":
            return True
        raw: Any = None
        with self._translated():
            try:
                raw = self._engine.raw_connection()
                # On the driver connection: it is in autocommit mode (no BEGIN of ours), and a
                # checkpoint cannot run inside a transaction.
                busy, _log, _done = raw.driver_connection.execute(
                    "PRAGMA wal_checkpoint(TRUNCATE)"
                ).fetchone()
            finally:
                if raw is not None:
                    raw.close()
        return not busy

    # --- opening checks and migrations ---

    def _verify_and_migrate(self) -> None:
        with self._translated():
            with self._engine.connect() as conn:
                # Reading the schema is the first real decryption: a wrong key fails here.
                tables = set(_table_names(conn))
                current = (
                    migrations.current_revision(conn)
                    if migrations.VERSION_TABLE in tables
                    else None
                )
            if self.dialect_name == "sqlite" and tables and migrations.VERSION_TABLE not in tables:
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
            with self._write_engine.connect() as conn:
                sqlite = self.dialect_name == "sqlite"
                raw: Any = conn.connection.driver_connection
                if sqlite:
                    # A migration that rebuilds a table (SQLite's only way to change some
                    # things) must not cascade-delete the rows that point at it. SQLite ignores
                    # this pragma inside a transaction, so it is set before BEGIN.
                    raw.execute("PRAGMA foreign_keys = OFF")
                try:
                    # Inside BEGIN IMMEDIATE: a second process opening a fresh file at the same
                    # moment waits here, then finds the schema at head and does nothing.
                    with conn.begin():
                        migrations.upgrade_to_head(conn)
                        if sqlite and conn.exec_driver_sql("PRAGMA foreign_key_check").first():
                            raise DatabaseCorruptError(
                                f"{self.label}: the schema upgrade left rows pointing at "
                                "nothing; the database was not changed"
                            )
                finally:
                    if sqlite:
                        raw.execute("PRAGMA foreign_keys = ON")

    # --- fast reads ---

    def reader(self, *, snapshot: bool = True) -> AbstractContextManager[Reader]:
        """A read unit for hot paths (find, story, search): plain SQL, no ORM.

        On SQLite this runs on a driver connection directly: the lookup an agent makes on
        every keystroke then costs about what the raw driver costs, instead of the several
        hundred microseconds an ORM session adds per query. `snapshot` wraps the queries in
        one read transaction so they see the same state (skip it for one query).
        """
        if self.dialect_name == "sqlite":
            return _SqliteReader(self, snapshot)
        return self._portable_reader()

    @contextmanager
    def _portable_reader(self) -> Iterator[Reader]:
        with self._translated(), self._engine.connect() as conn:
            yield Reader(self, lambda sql, params: list(conn.execute(text(sql), params)))

    def _take_reader_connection(self) -> Any:
        # Readers keep a few pooled connections parked here between uses: checking one out of
        # SQLAlchemy's pool and back (events, reset-on-return) costs ~20 µs, a quarter of a
        # whole indexed lookup. Most recent first, so the connection with the warmest page
        # cache is reused. list.pop/append are atomic, so worker threads can share this.
        try:
            return self._idle_readers.pop()
        except IndexError:
            return self._engine.raw_connection()

    def _park_reader_connection(self, raw: Any) -> None:
        if self._closed or len(self._idle_readers) >= _MAX_IDLE_READERS:
            raw.close()  # back to the pool
        else:
            self._idle_readers.append(raw)

    def timestamp_param(self, value: datetime) -> Any:
        """A timestamp as the dialect stores it, for comparing in plain SQL."""
        return format_utc(value) if self.dialect_name == "sqlite" else as_utc(value)

    # --- full-text search ---

    def search_rows(self, reader: Reader, user_text: str, *, limit: int) -> list[SearchRow]:
        """Hits for any user text, newest first; the text is bound, never spliced into SQL."""
        if limit <= 0:
            return []
        if self.dialect_name == "sqlite":
            match = fts_match_expression(user_text)
            if match is None:
                return []
            params = {"match": match, "limit": limit}
            # Newest-first by rowid lets FTS5 stop after `limit` hits even for a word that is
            # in half the rows; ordering by rank would score every match first.
            rows = reader.all(
                """
                SELECT 'interaction', i.id, i.customer_id,
                       snippet(fts_interaction, -1, '«', '»', '…', 12), i.started_at
                FROM fts_interaction JOIN interaction AS i ON i.id = fts_interaction.rowid
                WHERE fts_interaction MATCH :match
                ORDER BY fts_interaction.rowid DESC
                LIMIT :limit
                """,
                params,
            )
            rows += reader.all(
                """
                SELECT 'fact', f.id, f.customer_id,
                       snippet(fts_fact, -1, '«', '»', '…', 12), f.created_at
                FROM fts_fact JOIN fact AS f ON f.id = fts_fact.rowid
                WHERE fts_fact MATCH :match
                ORDER BY fts_fact.rowid DESC
                LIMIT :limit
                """,
                params,
            )
        else:
            rows = self._search_rows_portable(reader, user_text, limit)
        hits = [
            SearchRow(
                source=str(source),
                source_id=int(source_id),
                customer_id=int(customer_id),
                snippet=str(snippet or ""),
                started_at=parse_timestamp(started_at),
            )
            for source, source_id, customer_id, snippet, started_at in rows
        ]
        hits.sort(key=lambda hit: hit.started_at or EPOCH, reverse=True)
        return hits[:limit]

    def _search_rows_portable(self, reader: Reader, user_text: str, limit: int) -> list[Any]:
        # Servers (PostgreSQL) get a plain case-insensitive AND of the words for now; a
        # tsvector index belongs to the site-mode issue.
        words = search_tokens(user_text)
        if not words:
            return []
        params: dict[str, Any] = {"limit": limit}
        i_terms, f_terms = [], []
        for n, word in enumerate(words):
            params[f"w{n}"] = "%" + _escape_like(word) + "%"
            i_terms.append(
                f"(i.summary ILIKE :w{n} ESCAPE '\\' OR i.notes ILIKE :w{n} ESCAPE '\\')"
            )
            f_terms.append(f"f.text ILIKE :w{n} ESCAPE '\\'")
        interaction_sql = (
            "SELECT 'interaction', i.id, i.customer_id, substr(i.summary, 1, 120), i.started_at "
            f"FROM interaction AS i WHERE {' AND '.join(i_terms)} "
            "ORDER BY i.started_at DESC LIMIT :limit"
        )
        fact_sql = (
            "SELECT 'fact', f.id, f.customer_id, substr(f.text, 1, 120), f.created_at "
            f"FROM fact AS f WHERE {' AND '.join(f_terms)} ORDER BY f.created_at DESC LIMIT :limit"
        )
        return reader.all(interaction_sql, params) + reader.all(fact_sql, params)

    def customer_ids_by_name(self, reader: Reader, user_text: str, *, limit: int) -> list[int]:
        """Customers whose name starts with the text, then those with words starting so.

        "budi" finds "Budi Santoso" through the name_key index; "santo" finds him through the
        name's full-text index (SQLite) or a substring match (servers).
        """
        if self.dialect_name == "sqlite":
            return sqlite_ids_by_name(reader.all, user_text, limit)
        key = name_key(user_text)
        if not key or limit <= 0:
            return []
        ids = ids_by_name_prefix(reader.all, key, limit)
        if len(ids) >= limit:
            return ids
        rows = reader.all(
            "SELECT id FROM customer WHERE name_key LIKE :pattern ESCAPE '\\' "
            "ORDER BY id LIMIT :limit",
            {"pattern": "%" + _escape_like(key) + "%", "limit": limit + len(ids)},
        )
        return merge_ids(ids, rows, limit)

    # --- backup and health ---

    def backup(self, dest: Path) -> Path:
        """Copy the live database to `dest` (same key and salt), verify it, return its path."""
        from copilot.storage.backups import backup_database

        return backup_database(self, dest)

    def raw_connection(self) -> Any:
        """A pooled driver connection (close it to return it); for backups and checks."""
        return self._engine.raw_connection()

    def check(self) -> list[str]:
        """Problems found by SQLite's, SQLCipher's and FTS5's own checks; empty means healthy.

        Each check runs on its own, and a check that fails outright (a damaged page stops
        integrity_check itself) becomes a problem in the list, not an exception: `check` is
        what a user runs precisely when something is wrong.
        """
        if self.dialect_name != "sqlite":
            return []
        checks: list[tuple[str, str, Callable[[list[Any]], list[str]]]] = [
            (
                "integrity",
                "PRAGMA integrity_check",
                lambda rows: [] if [r[0] for r in rows] == ["ok"] else [str(r[0]) for r in rows],
            ),
        ]
        if self.encrypted:
            # Verifies every page's HMAC: catches tampering and bit rot inside encrypted pages.
            checks.append(
                (
                    "encryption",
                    "PRAGMA cipher_integrity_check",
                    lambda rows: [str(r[0]) for r in rows],
                )
            )
        for table in SEARCH_TABLES:
            # rank=1 also compares the index with the content table it mirrors.
            checks.append(
                (
                    f"full-text index {table}",
                    f"INSERT INTO {table}({table}, rank) VALUES ('integrity-check', 1)",
                    lambda rows: [],
                )
            )
        checks.append(
            (
                "foreign key",
                "PRAGMA foreign_key_check",
                lambda rows: [f"{r[0]} row {r[1]} points to a missing {r[2]}" for r in rows],
            )
        )
        problems: list[str] = []
        with self._translated(), closing(self._engine.raw_connection()) as raw:
            cursor = raw.cursor()
            for label, sql, interpret in checks:
                try:
                    found = interpret(cursor.execute(sql).fetchall())
                except Exception as exc:
                    if not _is_driver_error(exc):
                        raise
                    found = [str(exc)]
                problems += [f"{label}: {problem}" for problem in found]
            if problems:
                # A connection that hit damaged pages may be left in an error state (SQLCipher
                # marks it read-only); don't hand it to the next unit of work.
                raw.invalidate()
        damaged = [p for p in problems if p.startswith(("integrity:", "encryption:"))]
        if damaged:
            self.note_damage(DatabaseCorruptError(f"{self.label} is damaged ({damaged[0]})"))
        return problems


def _table_names(conn: Connection) -> list[str]:
    if conn.dialect.name == "sqlite":
        return [
            str(row[0])
            for row in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'table'")
        ]
    from sqlalchemy import inspect

    return list(inspect(conn).get_table_names())


def _escape_like(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
