"""The desk's database: SQLite through SQLCipher. All SQLite-only SQL of the store lives here.

Connection pragmas and write locks, the raw-driver reader (a lookup per keystroke costs what
the driver costs), FTS5 search and name search, the integrity checks, the write-ahead-log
checkpoint, the AUTOINCREMENT high-water mark, backups by VACUUM INTO and bulk-load tuning.
Keying SQLCipher files is `dialects.sqlcipher` (no SQLAlchemy there, for the quick lookup).
"""

from __future__ import annotations

import re
import sqlite3
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, closing, contextmanager, suppress
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, Table, event
from sqlalchemy.dialects import sqlite as sqlalchemy_sqlite
from sqlalchemy.engine import Connection
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session
from sqlalchemy.sql import Executable

from copilot.errors import CopilotError, DatabaseCorruptError
from copilot.storage import migrations
from copilot.storage.dialects.base import (
    Dialect,
    Params,
    Reader,
    Statement,
    insert_ignoring_conflicts,
)
from copilot.storage.dialects.sqlcipher import driver, open_keyed, read_salt
from copilot.storage.keys import DatabaseKey, with_salt
from copilot.storage.kinds import format_utc, name_key
from copilot.storage.lookup import ids_by_name_prefix, merge_ids, search_tokens

if TYPE_CHECKING:
    from copilot.storage.db import Database

SEARCH_TABLES = ("fts_interaction", "fts_fact", "fts_customer")
_MAX_IDLE_READERS = 2  # the panel's worker threads rarely read more than two at a time
# How long one letter's name words are reused. Reading them costs ~10-25 ms on a million
# names (the range's doclists are read to count them); a typo search reuses them for this
# long, so a word first seen in a name created meanwhile is typo-found at most this late
# (found at once as typed).
NAME_WORDS_SECONDS = 30.0

# Statements compile once, to SQL with `:named` parameters, which sqlite3-style drivers take.
_COMPILER = sqlalchemy_sqlite.dialect(paramstyle="named")
_COMPILED: dict[Executable, str] = {}


def compiled(statement: Statement) -> str:
    """The SQL text of a statement for SQLite (cached: statements are built once)."""
    if isinstance(statement, str):
        return statement
    sql = _COMPILED.get(statement)
    if sql is None:
        result = statement.compile(dialect=_COMPILER)  # type: ignore[attr-defined]
        # Every parameter must come from the caller: a Python value inside a statement
        # becomes a parameter too, which the raw driver would never be given.
        preset = [name for name, bind in result.binds.items() if not bind.required]
        if preset:
            raise RuntimeError(f"statement has values bound at build time: {preset}")
        sql = _COMPILED[statement] = str(result)
    return sql


def fts_query(user_text: str, *, prefix: bool = False) -> str | None:
    """An FTS5 query matching rows with every word of `user_text` (word starts if `prefix`).

    Each token becomes a quoted phrase (inner `"` doubled), so FTS5 operators and syntax in user
    text (`NOT`, `notes:x`, `*`, `(`, `-`) are plain words and no input can raise a syntax error.
    """
    tokens = search_tokens(user_text)
    if not tokens:
        return None
    star = "*" if prefix else ""
    return " ".join('"' + t.replace('"', '""') + '"' + star for t in tokens)


# Newest-first by rowid lets FTS5 stop after `limit` hits even for a word that is in half the
# rows; ordering by rank would score every match first. Matched words are wrapped in « »
# (not [ ], which masked card numbers use).
_SEARCH_INTERACTIONS = """
    SELECT 'interaction', i.id, i.customer_id,
           snippet(fts_interaction, -1, '«', '»', '…', 12), i.started_at
    FROM fts_interaction JOIN interaction AS i ON i.id = fts_interaction.rowid
    WHERE fts_interaction MATCH :match ORDER BY fts_interaction.rowid DESC LIMIT :limit
"""
_SEARCH_FACTS = """
    SELECT 'fact', f.id, f.customer_id,
           snippet(fts_fact, -1, '«', '»', '…', 12), f.created_at
    FROM fts_fact JOIN fact AS f ON f.id = fts_fact.rowid
    WHERE fts_fact MATCH :match ORDER BY fts_fact.rowid DESC LIMIT :limit
"""
_NAME_WORDS = (
    "SELECT rowid FROM fts_customer WHERE fts_customer MATCH :match ORDER BY rowid LIMIT :limit"
)
# The distinct words of the name index (FTS5's own vocabulary), per connection: a TEMP table
# needs no migration and no write to the file, and reads the index lazily (it may be made
# before the schema exists). A term range reads only that range's part of the index.
NAME_VOCABULARY_SQL = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS temp.fts_customer_words "
    "USING fts5vocab(main, 'fts_customer', 'row')"
)
_NAME_VOCABULARY = (
    "SELECT term FROM temp.fts_customer_words WHERE term >= :lo AND term < :hi LIMIT :limit"
)


def open_read_only(path: Path, key: DatabaseKey, *, busy_timeout_ms: int) -> Any:
    """A keyed driver connection that can only read (the quick lookup's), in autocommit."""
    connection = open_keyed(driver(), path, key)
    try:
        connection.isolation_level = None  # autocommit: each lookup sees the latest commit
        connection.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
        connection.execute("PRAGMA query_only = ON")
    except BaseException:
        connection.close()
        raise
    return connection


def add_name_vocabulary(connection: Any) -> None:
    """Give a read-only driver connection the name vocabulary (a TEMP table: the file is never
    written, but query_only forbids creating even that, so it is lifted for this statement)."""
    connection.execute("PRAGMA query_only = OFF")
    try:
        connection.execute(NAME_VOCABULARY_SQL)
    finally:
        connection.execute("PRAGMA query_only = ON")


def schema_revisions(connection: Any) -> list[tuple[Any, ...]] | None:
    """The revisions a driver connection's file records; None without Copilot's schema."""
    found = connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name = :name",
        {"name": migrations.VERSION_TABLE},
    ).fetchall()
    if not found:
        return None
    rows = connection.execute(f"SELECT version_num FROM {migrations.VERSION_TABLE}").fetchall()
    return [tuple(row) for row in rows]


def verify_file(copy: Path, key: DatabaseKey | None) -> list[str]:
    """Problems of a copy (empty: it opens with `key`, has Copilot's schema and is intact)."""
    connection: Any
    if key is not None:
        salt = read_salt(copy)
        if salt is None:
            return ["the copy is empty or too short"]
        connection = open_keyed(driver(), copy, with_salt(key, salt))
    else:
        connection = sqlite3.connect(str(copy))
    try:
        connection.execute("PRAGMA query_only = ON")
        if schema_revisions(connection) is None:
            return ["the copy has no Copilot schema"]
        result = [row[0] for row in connection.execute("PRAGMA integrity_check")]
        if result != ["ok"]:
            return [str(r) for r in result]
        if key is not None:
            return [str(r[0]) for r in connection.execute("PRAGMA cipher_integrity_check")]
        return []
    except Exception as exc:
        return [f"the copy does not open with the database key ({exc})"]
    finally:
        connection.close()


class SQLiteDialect(Dialect):
    """SQLite and SQLCipher files: the desk's database."""

    name = "sqlite"

    def __init__(self) -> None:
        # Driver connections parked between reads: checking one out of SQLAlchemy's pool and
        # back (events, reset-on-return) costs ~20 µs, a quarter of a whole indexed lookup.
        # Most recent first, so the warmest page cache is reused; list.pop/append are atomic.
        self._idle: list[Any] = []
        self._closed = False
        # letter -> (when read, its words); a dict item swap is atomic across the readers.
        self._words: dict[str, tuple[float, list[str]]] = {}

    # --- connections and transactions ---

    def install(self, engine: Engine, *, busy_timeout_ms: int, write_option: str) -> None:
        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_connection: Any, _record: Any) -> None:
            # Already keyed (PRAGMA key must come first). Turning off the driver's own
            # transaction handling lets the "begin" hook below choose the BEGIN.
            dbapi_connection.isolation_level = None
            cursor = dbapi_connection.cursor()
            try:
                # busy_timeout before anything that may touch the file, so even the first read
                # waits for a writer instead of failing at once.
                cursor.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
                cursor.execute("PRAGMA journal_mode = WAL")
                cursor.execute("PRAGMA foreign_keys = ON")
                cursor.execute("PRAGMA synchronous = FULL")
                # Deleted rows are overwritten with zeros, so an erased customer's data does
                # not linger in free pages (readable to anyone holding the key).
                cursor.execute("PRAGMA secure_delete = ON")
                cursor.execute(NAME_VOCABULARY_SQL)
            finally:
                cursor.close()

        @event.listens_for(engine, "begin")
        def _on_begin(connection: Connection) -> None:
            # A write takes the write lock at BEGIN: two writers then queue on busy_timeout
            # instead of one failing with "locked" when it upgrades a read lock mid-way.
            if connection.get_execution_options().get(write_option):
                connection.exec_driver_sql("BEGIN IMMEDIATE")
            else:
                connection.exec_driver_sql("BEGIN")

    def reader(self, database: Database, *, snapshot: bool) -> AbstractContextManager[Reader]:
        return _RawReader(self, database, snapshot)

    def close(self) -> None:
        self._closed = True
        while self._idle:
            with suppress(Exception):
                self._idle.pop().close()

    def _take(self, database: Database) -> Any:
        try:
            return self._idle.pop()
        except IndexError:
            return database.engine.raw_connection()

    def _park(self, raw: Any) -> None:
        if self._closed or len(self._idle) >= _MAX_IDLE_READERS:
            raw.close()  # back to the pool
        else:
            self._idle.append(raw)

    def timestamp_param(self, value: datetime) -> Any:
        # What UTCDateTime stores on SQLite: text whose order is time order.
        return format_utc(value)

    # --- schema and migrations ---

    def table_names(self, connection: Connection) -> set[str]:
        rows = connection.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'table'")
        return {str(row[0]) for row in rows}

    def refuses_foreign_schema(self) -> bool:
        return True

    @contextmanager
    def migrating(self, connection: Connection, label: str) -> Iterator[None]:
        # A migration that rebuilds a table (SQLite's only way to change some things) must not
        # cascade-delete the rows pointing at it. SQLite ignores this pragma inside a
        # transaction, so it is set on the driver connection before BEGIN.
        raw: Any = connection.connection.driver_connection
        raw.execute("PRAGMA foreign_keys = OFF")
        try:
            with connection.begin():
                yield
                if connection.exec_driver_sql("PRAGMA foreign_key_check").first():
                    raise DatabaseCorruptError(
                        f"{label}: the schema upgrade left rows pointing at nothing; the "
                        "database was not changed"
                    )
        finally:
            raw.execute("PRAGMA foreign_keys = ON")

    def insert_new(
        self, session: Session, table: Table, row: Mapping[str, Any], *, unique: Sequence[str]
    ) -> bool:
        statement = sqlalchemy_sqlite.insert(table).values(**row)
        return insert_ignoring_conflicts(session, statement, unique, table)

    # --- search ---

    def search_rows(self, reader: Reader, user_text: str, limit: int) -> list[Any]:
        match = fts_query(user_text)
        if match is None:
            return []
        params = {"match": match, "limit": limit}
        return reader.all(_SEARCH_INTERACTIONS, params) + reader.all(_SEARCH_FACTS, params)

    def ids_by_name(self, reader: Reader, user_text: str, limit: int) -> list[int]:
        """ "budi" finds "Budi Santoso" through the name_key index, "santo" through the name's
        full-text index (prefix indexes of 1-3 characters), where every word must begin a
        word of the name."""
        key = name_key(user_text)
        if not key or limit <= 0:
            return []
        ids = ids_by_name_prefix(reader.all, key, limit)
        match = fts_query(user_text, prefix=True)
        if len(ids) >= limit or match is None:
            return ids
        return merge_ids(
            ids, reader.all(_NAME_WORDS, {"match": match, "limit": limit + len(ids)}), limit
        )

    def name_words(self, reader: Reader, word: str, limit: int) -> list[str]:
        """The name index's own words starting with the first letter of `word` (fts5vocab, a
        range), kept per letter for a while."""
        first = word[:1]
        if not first or limit <= 0:
            return []
        now = time.monotonic()
        cached = self._words.get(first)
        if cached is not None and now - cached[0] < NAME_WORDS_SECONDS:
            return cached[1][:limit]
        # FTS5 compares terms as UTF-8 bytes, which order as code points do. The next code
        # point skips the surrogates (which cannot be encoded); after the last one, "hi" is
        # the last itself, which no name word of one letter less reaches.
        after = ord(first) + 1
        hi = chr(0xE000 if 0xD800 <= after < 0xE000 else min(after, 0x10FFFF))
        params = {"lo": first, "hi": hi, "limit": limit}
        words = [str(row[0]) for row in reader.all(_NAME_VOCABULARY, params)]
        self._words[first] = (now, words)
        return words

    def ids_by_words(
        self, reader: Reader, spellings: Sequence[Sequence[str]], limit: int
    ) -> list[int]:
        """Names with, for every group, one of its words: `("siti" OR "sitti") AND ("rahmawati")`,
        each word a quoted phrase as in `fts_query` (FTS5 wants AND between groups)."""
        if limit <= 0 or not spellings or not all(spellings):
            return []
        groups = [
            "(" + " OR ".join('"' + w.replace('"', '""') + '"' for w in group) + ")"
            for group in spellings
        ]
        rows = reader.all(_NAME_WORDS, {"match": " AND ".join(groups), "limit": limit})
        return [int(row[0]) for row in rows]

    # --- upkeep ---

    def check(self, database: Database) -> list[str]:
        """SQLite's, SQLCipher's and FTS5's own checks, each on its own: one that fails
        outright (a damaged page stops integrity_check itself) is a problem, not an error."""
        checks: list[tuple[str, str, Callable[[list[Any]], list[str]]]] = [
            (
                "integrity",
                "PRAGMA integrity_check",
                lambda rows: [] if [r[0] for r in rows] == ["ok"] else [str(r[0]) for r in rows],
            ),
        ]
        if database.encrypted:
            # Every page's HMAC: catches tampering and bit rot inside encrypted pages.
            checks.append(
                (
                    "encryption",
                    "PRAGMA cipher_integrity_check",
                    lambda rows: [str(r[0]) for r in rows],
                )
            )
        for table in SEARCH_TABLES:
            # rank=1 also compares the index with the content table it mirrors.
            sql = f"INSERT INTO {table}({table}, rank) VALUES ('integrity-check', 1)"
            checks.append((f"full-text index {table}", sql, lambda rows: []))
        checks.append(
            (
                "foreign key",
                "PRAGMA foreign_key_check",
                lambda rows: [f"{r[0]} row {r[1]} points to a missing {r[2]}" for r in rows],
            )
        )
        problems: list[str] = []
        with database.translated(), closing(database.engine.raw_connection()) as raw:
            cursor = raw.cursor()
            for label, sql, interpret in checks:
                try:
                    found = interpret(cursor.execute(sql).fetchall())
                except Exception as exc:
                    if not database.is_driver_error(exc):
                        raise
                    found = [str(exc)]
                problems += [f"{label}: {problem}" for problem in found]
            if problems:
                # A connection that met damaged pages may be left in an error state (SQLCipher
                # marks it read-only); never hand it to the next unit of work.
                raw.invalidate()
        return problems

    def checkpoint(self, database: Database) -> bool:
        raw: Any = None
        with database.translated():
            try:
                raw = database.engine.raw_connection()
                # On the driver connection: it is in autocommit mode (no BEGIN of ours), and a
                # checkpoint cannot run inside a transaction.
                busy, _log, _done = raw.driver_connection.execute(
                    "PRAGMA wal_checkpoint(TRUNCATE)"
                ).fetchone()
            finally:
                if raw is not None:
                    raw.close()
        return not busy

    def last_customer_id(self, connection: Connection) -> int:
        # AUTOINCREMENT's high-water mark outlives the row that set it.
        seq = connection.exec_driver_sql(
            "SELECT seq FROM sqlite_sequence WHERE name = 'customer'"
        ).scalar()
        return max(super().last_customer_id(connection), int(seq or 0))

    def copy_to(self, database: Database, partial: Path) -> None:
        # VACUUM INTO reads one consistent snapshot while other connections keep working, and
        # in SQLCipher writes the copy with the same key and the same salt.
        with database.translated(), closing(database.engine.raw_connection()) as raw:
            raw.cursor().execute("VACUUM INTO ?", (str(partial),))

    @contextmanager
    def bulk_loading(
        self, connection: Connection, *, page_cache_kib: int, keep_page_cache: bool
    ) -> Iterator[None]:
        with (
            _large_page_cache(connection, page_cache_kib, restore=not keep_page_cache),
            _deferred_full_text(connection),
        ):
            yield


class _RawReader:
    """A read unit on a parked driver connection: compiled statements, no pool round trip.

    A class, not a generator context manager: this wraps every keystroke's lookup, and two
    nested generator contexts cost more than the statement's own Python overhead.
    """

    __slots__ = ("_cursor", "_database", "_dialect", "_failed", "_raw", "_snapshot")

    def __init__(self, dialect: SQLiteDialect, database: Database, snapshot: bool) -> None:
        self._dialect = dialect
        self._database = database
        self._snapshot = snapshot
        self._failed = False

    def _run(self, statement: Statement, params: Params) -> list[Any]:
        try:
            return self._cursor.execute(compiled(statement), params).fetchall()
        except Exception as exc:
            self._failed = True
            translated = self._database.translate(exc)
            if translated is exc:
                raise
            raise translated from exc

    def __enter__(self) -> Reader:
        try:
            self._raw = self._dialect._take(self._database)
            self._cursor = self._raw.cursor()
            if self._snapshot:
                self._cursor.execute("BEGIN")
        except CopilotError:
            raise
        except Exception as exc:
            if hasattr(self, "_raw"):
                self._raw.invalidate()
                self._raw.close()
            translated = self._database.translate(exc)
            if translated is exc:
                raise
            raise translated from exc
        return Reader(self._run)

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
            self._dialect._park(raw)


@contextmanager
def _large_page_cache(connection: Connection, kib: int, *, restore: bool) -> Iterator[None]:
    """A bigger page cache for a load, restored after unless told otherwise.

    Index inserts land at random pages (identifier values, name keys, contact keys); with the
    default 2 MB cache every batch would re-read and, under SQLCipher, re-decrypt the same
    pages. The size is a cap: pages are only held once read.
    """
    previous = connection.exec_driver_sql("PRAGMA cache_size").scalar()
    connection.exec_driver_sql(f"PRAGMA cache_size = -{int(kib)}")  # negative: KiB
    try:
        yield
    finally:
        if restore:
            # Never let the restore hide the error that ended the load.
            with suppress(SQLAlchemyError):
                connection.exec_driver_sql(f"PRAGMA cache_size = {int(previous or -2000)}")


# The migration's full-text triggers have this shape:
#   CREATE TRIGGER name AFTER INSERT ON interaction BEGIN
#       INSERT INTO fts_interaction(rowid, summary, notes) VALUES (new.id, new.summary, new.notes);
#   END
_FTS_INSERT_TRIGGER = re.compile(
    r"^\s*CREATE\s+TRIGGER\s+\w+\s+AFTER\s+INSERT\s+ON\s+(?P<table>\w+)\s+BEGIN\s+"
    r"INSERT\s+INTO\s+(?P<fts>\w+)\s*\((?P<cols>[\w\s,]+)\)\s*"
    r"VALUES\s*\((?P<values>(?:\s*new\.\w+\s*,?)+)\)\s*;\s*END\s*$",
    re.IGNORECASE,
)


@contextmanager
def _deferred_full_text(connection: Connection) -> Iterator[None]:
    """Index the loaded rows with INSERT ... SELECT statements instead of a trigger per row.

    Measured on SQLCipher: the per-row AFTER INSERT trigger into FTS5 caps a load at ~27,000
    interactions/s; the same rows indexed by one statement at the end run 2-3x faster. Still
    worth it per chunk of an import (measured on 200,000 rows in chunks of ~0.5 s: 13 s with
    it, 27 s without), though the chunk's DROP and CREATE make other connections re-read the
    schema once per chunk. The triggers are dropped and re-created inside the load's own write
    transaction, so other connections never see them missing (they read the last committed
    schema), and a failed load rolls the DROP back with everything else. Only triggers of the
    exact shape above are deferred; anything else stays in place and works row by row.
    """
    deferred: list[tuple[str, str, str, str, int]] = []  # name, sql, catch-up, table, last id
    rows = connection.exec_driver_sql(
        "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger'"
    ).all()
    for name, table_name, sql in rows:
        match = _FTS_INSERT_TRIGGER.match(sql or "")
        if match is None or match["table"] != table_name:
            continue
        values = [v.strip() for v in match["values"].split(",") if v.strip()]
        columns = ", ".join(v.split(".", 1)[1] for v in values)
        catch_up = (
            f"INSERT INTO {match['fts']}({match['cols']}) "
            f"SELECT {columns} FROM {table_name} WHERE id > ? AND id <= ?"
        )
        last = connection.exec_driver_sql(f"SELECT max(id) FROM {table_name}").scalar()
        deferred.append((name, sql, catch_up, table_name, int(last or 0)))
    for name, *_rest in deferred:
        connection.exec_driver_sql(f'DROP TRIGGER "{name}"')
    yield
    # Only on success: after an error the transaction rolls back, triggers included.
    for _name, sql, catch_up, table_name, last in deferred:
        newest = connection.exec_driver_sql(f"SELECT max(id) FROM {table_name}").scalar()
        if newest is not None and int(newest) > last:
            connection.exec_driver_sql(catch_up, (last, int(newest)))
        connection.exec_driver_sql(sql)
