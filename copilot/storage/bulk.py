"""Fast loading of many customers and their history: one write transaction, batched executemany.

Used by `copilot demo` and `copilot import`. The services' one-row-at-a-time path (ORM objects,
a session per unit of work, identity matching per call) is right for the panel and far too slow
for a million customers; this loader trades that for:

- SQLAlchemy Core `insert()` over lightweight tables (no ORM, no per-value type processing) and
  `executemany` in batches, so each batch is one prepared statement run many times;
- timestamps pre-formatted the way `models.UTCDateTime` stores them (`format_utc` on SQLite);
- customer ids pre-allocated past the highest ever given (`last_customer_id`) inside the
  write transaction (`BEGIN IMMEDIATE` holds the write lock, so no other writer can take the
  same ids), so callers can refer to a customer before its batch is written;
- free text passed through `mask_payment_secrets` like every other write path.

The full-text index is maintained by the migration's triggers, so rows written here are
searchable like any other. Callers pass identifier values already normalised
(`copilot.storage.identity.normalise`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Table, func, insert, literal_column, select
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlalchemy.sql import column, table
from sqlalchemy.sql.expression import TableClause
from sqlmodel import SQLModel

from copilot.context.pii import might_hold_secret
from copilot.storage.models import (
    Agent,
    Commitment,
    Customer,
    Fact,
    Identifier,
    Interaction,
    as_utc,
    encode_tags,
    format_utc,
    name_key,
)

if TYPE_CHECKING:
    from copilot.storage.db import Database

DEFAULT_BATCH_SIZE = 10_000

Mask = Callable[[str], str]


def default_mask() -> Mask:
    """The store's masker for payment secrets (imported late: the context engine is optional)."""
    from copilot.context.pii import mask_payment_secrets

    return mask_payment_secrets


def table_of(model: Any) -> Table:
    """The Core table of a table model (typed, unlike `Model.__table__`)."""
    return SQLModel.metadata.tables[model.__tablename__]


def _light(model: Any, names: Sequence[str]) -> TableClause:
    """A Core table with untyped columns: values go to the driver exactly as given."""
    real = table_of(model)
    for name in names:
        if name not in real.c:  # fail loudly if the models change under us
            raise RuntimeError(f"{real.name}.{name} is not a column any more")
    return table(real.name, *(column(name) for name in names))


_CUSTOMER = _light(Customer, ("id", "name", "name_key", "created_at"))
_IDENTIFIER = _light(Identifier, ("customer_id", "kind", "value"))
_AGENT = _light(Agent, ("name", "role"))
_INTERACTION = _light(
    Interaction,
    (
        "customer_id",
        "channel",
        "direction",
        "started_at",
        "agent",
        "summary",
        "notes",
        "outcome",
        "tags",
        "industry",
        "client",
        "helpdesk_ref",
    ),
)
_FACT = _light(Fact, ("customer_id", "text", "created_by", "created_at", "expires_at"))
_COMMITMENT = _light(
    Commitment, ("customer_id", "text", "due_at", "status", "made_by", "created_at")
)


# An imported contact: the columns an import fills; the rest are these constants, written into
# the statement itself rather than bound for every row.
_CONTACT_COLUMNS = (
    "customer_id",
    "channel",
    "started_at",
    "agent",
    "summary",
    "notes",
    "outcome",
    "client",
    "helpdesk_ref",
    "contact_key",
)
_CONTACT_CONSTANTS = {"direction": "inbound", "tags": "", "industry": "general"}
_CONTACT = _light(Interaction, (*_CONTACT_COLUMNS, *_CONTACT_CONSTANTS))


class _Batch:
    """Rows for one table as tuples, and the prepared INSERT they are written with."""

    __slots__ = ("names", "rows", "sql")

    def __init__(
        self,
        connection: Connection,
        target: TableClause,
        names: Sequence[str] | None = None,
        constants: dict[str, str] | None = None,
    ) -> None:
        self.names = tuple(names) if names is not None else tuple(c.name for c in target.columns)
        # Compiled once from a Core insert(), then run with executemany through the driver:
        # SQLAlchemy's per-row parameter processing would otherwise cost more than SQLite's
        # own insert (measured: ~15 us of the ~20 us per interaction).
        statement = insert(target)
        if constants:
            # Code constants only (never data): quoting is trivially right for them.
            statement = statement.values(
                {k: literal_column("'" + v.replace("'", "''") + "'") for k, v in constants.items()}
            )
        compiled = statement.compile(dialect=connection.dialect, column_keys=list(self.names))
        if compiled.positional and list(compiled.positiontup or ()) != list(self.names):
            raise RuntimeError(f"unexpected parameter order for {target.name}")
        self.sql = str(compiled)
        self.rows: list[tuple[Any, ...]] = []

    def write(self, connection: Connection) -> None:
        if not self.rows:
            return
        self.write_now(connection, self.rows)
        self.rows.clear()

    def write_now(self, connection: Connection, rows: Iterable[Sequence[Any]]) -> None:
        """Write these rows (not the queued ones) with one executemany."""
        if connection.dialect.positional:
            # The DB-API cursor of the same connection, inside the same transaction: it takes
            # any iterable of rows (`add_contacts` passes a zip of columns), which SQLAlchemy's
            # own path refuses. Errors leave as SQLAlchemy's, as from `exec_driver_sql`.
            cursor = connection.connection.cursor()
            dbapi_error = connection.dialect.loaded_dbapi.Error
            try:
                cursor.executemany(self.sql, rows)  # type: ignore[arg-type]  # any iterable
            except dbapi_error as exc:
                raise DBAPIError.instance(self.sql, None, exc, dbapi_error) from exc
            finally:
                cursor.close()
        else:
            connection.exec_driver_sql(
                self.sql, [dict(zip(self.names, r, strict=True)) for r in rows]
            )


class TextMasker:
    """`mask` applied to free text, memoised, and skipped for text that cannot hold a secret.

    Card numbers, CVVs and OTPs are digits and a password follows a secret word: text with
    neither (by far the most common case in notes and summaries) cannot hold one
    (`copilot.context.pii.might_hold_secret`). Picklable when `mask` is, so an import's reading
    process can mask before the rows reach the loader.
    """

    def __init__(self, mask: Mask | None = None) -> None:
        self._mask = mask if mask is not None else default_mask()
        self._memo: dict[str, str] = {}

    def __call__(self, text: str) -> str:
        if not text or not might_hold_secret(text):
            return text
        return self.suspect(text)

    def suspect(self, text: str) -> str:
        """`self(text)` for text the caller found might hold a secret."""
        masked = self._memo.get(text)
        if masked is None:
            if len(self._memo) > 100_000:
                self._memo.clear()  # bound memory on huge imports of unique notes
            masked = self._memo[text] = self._mask(text)
        return masked


def stamp_for(dialect_name: str) -> Callable[[datetime], Any]:
    """How a timestamp is written by this loader on a database of this dialect."""
    # SQLite stores UTCDateTime as naive UTC text; other databases take aware datetimes.
    return _sqlite_stamp if dialect_name == "sqlite" else as_utc


def _sqlite_stamp(value: datetime) -> str:
    """`format_utc`, with a shortcut for values already in UTC (every demo row)."""
    if value.tzinfo is UTC:
        # isoformat of an aware UTC value is the naive text plus "+00:00"
        return value.isoformat(" ", "microseconds")[:26]
    return format_utc(value)


class BulkLoader:
    """Buffers rows and writes them in batches on one connection inside a write transaction.

    Not thread-safe: one loader belongs to the one transaction (and thread) that made it.
    Rows reach the database when a buffer fills and at `flush()`; `bulk_load` flushes at the
    end, before the commit.
    """

    def __init__(
        self,
        connection: Connection,
        *,
        batch_size: int = DEFAULT_BATCH_SIZE,
        mask: Mask | None = None,
    ) -> None:
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        self._conn = connection
        self._batch_size = batch_size
        self.clean = TextMasker(mask)
        self.stamp = self._stamp = stamp_for(connection.dialect.name)
        self._next_customer_id = last_customer_id(connection) + 1
        self._name_keys: dict[str, str] = {}
        self._created_at: datetime | None = None
        self._created_stamp: Any = None
        self._tags: dict[tuple[str, ...], str] = {}
        # Parents first: foreign keys are checked per statement.
        self._batches = tuple(
            _Batch(connection, t)
            for t in (_CUSTOMER, _IDENTIFIER, _AGENT, _INTERACTION, _FACT, _COMMITMENT)
        )
        (
            self._customers,
            self._identifiers,
            self._agents,
            self._interactions,
            self._facts,
            self._commitments,
        ) = (b.rows for b in self._batches)
        self._contacts_batch = _Batch(connection, _CONTACT, _CONTACT_COLUMNS, _CONTACT_CONSTANTS)
        self.customers_added = 0
        self.identifiers_added = 0
        self.interactions_added = 0
        self.facts_added = 0
        self.commitments_added = 0

    @property
    def connection(self) -> Connection:
        """The connection of the load's transaction, for reads that must see its rows."""
        return self._conn

    # -- free text --------------------------------------------------------------------------

    def _name_key(self, name: str) -> str:
        key = self._name_keys.get(name)
        if key is None:
            if len(self._name_keys) > 200_000:
                self._name_keys.clear()
            key = self._name_keys[name] = name_key(name)
        return key

    def _encode_tags(self, tags: Sequence[str]) -> str:
        key = tuple(tags)
        encoded = self._tags.get(key)
        if encoded is None:
            if len(self._tags) > 10_000:
                self._tags.clear()
            encoded = self._tags[key] = encode_tags(key)
        return encoded

    # -- rows -------------------------------------------------------------------------------

    def add_customer(
        self,
        name: str,
        *,
        created_at: datetime,
        identifiers: Sequence[tuple[str, str]] = (),
    ) -> int:
        """Queue a customer (and its normalised `(kind, value)` identifiers); return its id."""
        customer_id = self._next_customer_id
        self._next_customer_id += 1
        if created_at is not self._created_at:  # an import creates all at one time
            self._created_at, self._created_stamp = created_at, self._stamp(created_at)
        self._customers.append((customer_id, name, self._name_key(name), self._created_stamp))
        self.customers_added += 1
        if identifiers:
            self._identifiers.extend([(customer_id, kind, value) for kind, value in identifiers])
            self.identifiers_added += len(identifiers)
        if len(self._customers) >= self._batch_size or len(self._identifiers) >= self._batch_size:
            self.flush()
        return customer_id

    def add_identifier(self, customer_id: int, kind: str, value: str) -> None:
        """Queue an identifier; `value` must already be normalised and unused for `kind`."""
        self._identifiers.append((customer_id, kind, value))
        self.identifiers_added += 1
        if len(self._identifiers) >= self._batch_size:
            self.flush()

    def add_agent(self, name: str, role: str = "agent") -> None:
        self._agents.append((name, role))

    def add_interaction(
        self,
        customer_id: int,
        *,
        started_at: datetime,
        channel: str = "phone",
        direction: str = "inbound",
        agent: str = "",
        summary: str = "",
        notes: str = "",
        outcome: str = "",
        tags: Sequence[str] = (),
        industry: str = "general",
        client: str = "",
        helpdesk_ref: str = "",
    ) -> None:
        clean = self.clean
        self._interactions.append(
            (
                customer_id,
                channel,
                direction,
                self._stamp(started_at),
                agent,
                clean(summary),
                clean(notes),
                clean(outcome),
                self._encode_tags(tags) if tags else "",
                industry,
                client,
                helpdesk_ref,
            )
        )
        self.interactions_added += 1
        if len(self._interactions) >= self._batch_size:
            self.flush()

    def add_contacts(
        self,
        customer_ids: Sequence[int],
        channels: Sequence[str],
        stored_started_ats: Sequence[Any],
        agents: Sequence[str],
        summaries: Sequence[str],
        notes: Sequence[str],
        outcomes: Sequence[str],
        clients: Sequence[str],
        helpdesk_refs: Sequence[str],
        contact_keys: Sequence[str | None],
    ) -> None:
        """Many inbound contacts at once, given as columns (one sequence per field, of equal
        length), written at once, after what is queued.

        For importers that prepared the rows themselves: texts passed through `TextMasker` and
        times through `stamp_for(dialect)`; nothing here masks again. Columns rather than rows:
        an importer builds ten lists of strings faster than a tuple per row.
        """
        if not customer_ids:
            return
        self.flush()  # their customers and identifiers first: foreign keys
        rows = zip(
            customer_ids,
            channels,
            stored_started_ats,
            agents,
            summaries,
            notes,
            outcomes,
            clients,
            helpdesk_refs,
            contact_keys,
            strict=True,
        )
        self._contacts_batch.write_now(self._conn, rows)
        self.interactions_added += len(customer_ids)

    def add_fact(
        self,
        customer_id: int,
        text: str,
        *,
        created_at: datetime,
        created_by: str = "",
        expires_at: datetime | None = None,
    ) -> None:
        self._facts.append(
            (
                customer_id,
                self.clean(text),
                created_by,
                self._stamp(created_at),
                None if expires_at is None else self._stamp(expires_at),
            )
        )
        self.facts_added += 1
        if len(self._facts) >= self._batch_size:
            self.flush()

    def add_commitment(
        self,
        customer_id: int,
        text: str,
        *,
        due_at: datetime,
        created_at: datetime,
        status: str = "open",
        made_by: str = "",
    ) -> None:
        self._commitments.append(
            (
                customer_id,
                self.clean(text),
                self._stamp(due_at),
                status,
                made_by,
                self._stamp(created_at),
            )
        )
        self.commitments_added += 1
        if len(self._commitments) >= self._batch_size:
            self.flush()

    def flush(self) -> None:
        """Write every queued row, parents first."""
        for batch in self._batches:
            batch.write(self._conn)


def last_customer_id(connection: Connection) -> int:
    """The highest customer id ever given, erased customers included (ids are never reused)."""
    last = int(connection.execute(select(func.max(table_of(Customer).c.id))).scalar() or 0)
    if connection.dialect.name == "sqlite":
        # AUTOINCREMENT's high-water mark outlives the row that set it.
        seq = connection.exec_driver_sql(
            "SELECT seq FROM sqlite_sequence WHERE name = 'customer'"
        ).scalar()
        last = max(last, int(seq or 0))
    return last


def connection_of(unit: Any) -> Connection:
    """The Connection behind what `Database.write()` yields (a Session or a Connection)."""
    if isinstance(unit, Connection):
        return unit
    connection: Connection = unit.connection()
    return connection


@contextmanager
def bulk_load(
    database: Database,
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    mask: Mask | None = None,
    page_cache_kib: int = 262_144,
    keep_page_cache: bool = False,
) -> Iterator[BulkLoader]:
    """One write transaction with a loader in it; commits when the block ends without error.

    An exception inside the block rolls everything back: a load is all or nothing. A caller
    that loads in many transactions (an import, chunk by chunk) keeps the page cache between
    them (`keep_page_cache`): shrinking it after each would throw away the index pages the
    next chunk needs (measured: a 200,000-row import took 48 s instead of 13 s).
    """
    with database.write() as unit:
        connection = connection_of(unit)
        loader = BulkLoader(connection, batch_size=batch_size, mask=mask)
        with (
            _large_page_cache(connection, page_cache_kib, restore=not keep_page_cache),
            _deferred_full_text(connection),
        ):
            yield loader
            loader.flush()


@contextmanager
def _large_page_cache(connection: Connection, kib: int, *, restore: bool) -> Iterator[None]:
    """On SQLite, a bigger page cache for the load, restored after unless told otherwise.

    Index inserts land at random pages (identifier values, name keys, contact keys); with the
    default 2 MB cache every batch would re-read and, under SQLCipher, re-decrypt the same
    pages. The size is a cap: pages are only held once read.
    """
    if connection.dialect.name != "sqlite":
        yield
        return
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


class _DeferredFullText:
    """Full-text triggers taken out for a load, and the rows loaded since they were."""

    def __init__(self, connection: Connection) -> None:
        self._conn = connection
        # (trigger name, its SQL, catch-up SQL, table, last id indexed)
        self.deferred: list[tuple[str, str, str, str, int]] = []

    def catch_up(self) -> None:
        """Index the rows written since the triggers were taken out."""
        for index, (name, sql, catch_up, table_name, last) in enumerate(self.deferred):
            newest = self._conn.exec_driver_sql(f"SELECT max(id) FROM {table_name}").scalar()
            if newest is not None and int(newest) > last:
                self._conn.exec_driver_sql(catch_up, (last, int(newest)))
                self.deferred[index] = (name, sql, catch_up, table_name, int(newest))


@contextmanager
def _deferred_full_text(connection: Connection) -> Iterator[None]:
    """Index the loaded rows with INSERT ... SELECT statements instead of a trigger per row.

    Measured on SQLCipher: the per-row AFTER INSERT trigger into FTS5 caps a load at ~27,000
    interactions/s; the same rows indexed by one statement at the end run 2-3x faster. Still
    worth it per chunk of an import (measured on 200,000 rows in chunks of ~0.5 s: 13 s with
    it, 27 s without), though the chunk's DROP and CREATE make other connections re-read the
    schema once per chunk. The triggers are dropped and
    re-created inside the load's own write transaction, so other connections never see them
    missing (they read the last committed schema), and a failed load rolls the DROP back with
    everything else. Only triggers of the exact shape above are deferred; anything else is left
    in place and keeps working row by row.
    """
    if connection.dialect.name != "sqlite":
        yield
        return
    full_text = _DeferredFullText(connection)
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
        full_text.deferred.append((name, sql, catch_up, table_name, int(last or 0)))
    for name, *_rest in full_text.deferred:
        connection.exec_driver_sql(f'DROP TRIGGER "{name}"')
    yield
    # Only on success: after an error the transaction rolls back, triggers included.
    full_text.catch_up()
    for _name, sql, *_rest in full_text.deferred:
        connection.exec_driver_sql(sql)
