"""Fast loading of many customers and their history: one write transaction, batched executemany.

Used by `copilot demo` and `copilot import`. The services' one-row-at-a-time path (ORM objects,
a session per unit of work, identity matching per call) is right for the panel and far too slow
for a million customers; this loader trades that for:

- SQLAlchemy Core `insert()` on the table models' own tables, compiled once per table with the
  columns in table order, and run by `executemany` in batches with no per-value type processing
  (rows are built by column name, so nothing here lists a table's columns by hand);
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

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Table, insert, literal_column
from sqlalchemy.exc import DBAPIError

from copilot.context.pii import might_hold_secret
from copilot.storage.dialects import dialect_for
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
    new_uid,
    suffix_key,
    table_of,
)

if TYPE_CHECKING:
    from copilot.storage.db import Database

DEFAULT_BATCH_SIZE = 10_000

Mask = Callable[[str], str]


def default_mask() -> Mask:
    """The store's masker for payment secrets (imported late: the context engine is optional)."""
    from copilot.context.pii import mask_payment_secrets

    return mask_payment_secrets


# An imported contact's columns that are the same for every row: written into the statement
# itself rather than bound for every row.
_CONTACT_CONSTANTS = {
    "direction": "inbound",
    "tags": "",
    "industry": "general",
    "reason_code": "",
    "identity_verified": "0",
}
# Columns no loaded row has a value for: left to their NULL default.
_UNKNOWN = ("id", "handle_seconds")


class _Batch:
    """Rows for one table, and the prepared INSERT they are written with.

    The INSERT names the table's columns in table order (less `omit` and `constants`); rows are
    built from keyword values by `row(...)`, so a column added to a model needs no list here.
    """

    __slots__ = ("names", "row", "rows", "sql")

    def __init__(
        self,
        connection: Connection,
        table: Table,
        *,
        omit: Sequence[str] = ("id",),
        constants: dict[str, str] | None = None,
    ) -> None:
        constants = constants or {}
        skip = {*omit, *constants}
        self.names = tuple(c.name for c in table.c if c.name not in skip)
        # Compiled once from a Core insert(), then run with executemany through the driver:
        # SQLAlchemy's per-row parameter processing would otherwise cost more than SQLite's
        # own insert (measured: ~15 us of the ~20 us per interaction).
        statement = insert(table)
        if constants:
            # Code constants only (never data): quoting is trivially right for them.
            statement = statement.values(
                {k: literal_column("'" + v.replace("'", "''") + "'") for k, v in constants.items()}
            )
        compiled = statement.compile(dialect=connection.dialect, column_keys=list(self.names))
        if compiled.positional and list(compiled.positiontup or ()) != list(self.names):
            raise RuntimeError(f"unexpected parameter order for {table.name}")
        self.sql = str(compiled)
        self.rows: list[tuple[Any, ...]] = []
        names = self.names

        def row(**values: Any) -> tuple[Any, ...]:
            return tuple([values[name] for name in names])

        self.row = row

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
        self._dialect = dialect_for(connection.dialect.name)
        self._next_customer_id = self._dialect.last_customer_id(connection) + 1
        self._name_keys: dict[str, str] = {}
        self._created_at: datetime | None = None
        self._created_stamp: Any = None
        self._tags: dict[tuple[str, ...], str] = {}
        # Parents first: foreign keys are checked per statement.
        self._batches = (
            customers := _Batch(connection, table_of(Customer), omit=()),  # ids given here
            identifiers := _Batch(connection, table_of(Identifier)),
            agents := _Batch(connection, table_of(Agent)),
            interactions := _Batch(connection, table_of(Interaction), omit=_UNKNOWN),
            facts := _Batch(connection, table_of(Fact)),
            commitments := _Batch(connection, table_of(Commitment)),
        )
        self._customers, self._customer = customers.rows, customers.row
        self._identifiers, self._identifier = identifiers.rows, identifiers.row
        self._agents, self._agent = agents.rows, agents.row
        self._interactions, self._interaction = interactions.rows, interactions.row
        self._facts, self._fact = facts.rows, facts.row
        self._commitments, self._commitment = commitments.rows, commitments.row
        self._contacts_batch = _Batch(
            connection, table_of(Interaction), omit=_UNKNOWN, constants=_CONTACT_CONSTANTS
        )
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
        self._customers.append(
            self._customer(
                id=customer_id,
                uid=new_uid(),
                name=name,
                salutation="",
                name_key=self._name_key(name),
                campaign="",
                created_at=self._created_stamp,
                edited_at=None,
            )
        )
        self.customers_added += 1
        if identifiers:
            make = self._identifier
            self._identifiers.extend(
                [
                    make(
                        customer_id=customer_id,
                        kind=k,
                        value=v,
                        suffix=suffix_key(v),
                        campaign="",
                    )
                    for k, v in identifiers
                ]
            )
            self.identifiers_added += len(identifiers)
        if len(self._customers) >= self._batch_size or len(self._identifiers) >= self._batch_size:
            self.flush()
        return customer_id

    def add_identifier(self, customer_id: int, kind: str, value: str) -> None:
        """Queue an identifier; `value` must already be normalised and unused for `kind`."""
        self._identifiers.append(
            self._identifier(
                customer_id=customer_id,
                kind=kind,
                value=value,
                suffix=suffix_key(value),
                campaign="",
            )
        )
        self.identifiers_added += 1
        if len(self._identifiers) >= self._batch_size:
            self.flush()

    def add_agent(self, name: str, role: str = "agent") -> None:
        self._agents.append(self._agent(name=name, role=role))

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
            self._interaction(
                customer_id=customer_id,
                channel=channel,
                direction=direction,
                started_at=self._stamp(started_at),
                agent=agent,
                summary=clean(summary),
                notes=clean(notes),
                outcome=clean(outcome),
                tags=self._encode_tags(tags) if tags else "",
                industry=industry,
                client=client,
                helpdesk_ref=helpdesk_ref,
                contact_key=new_uid(),
                reason_code="",
                identity_verified=False,
            )
        )
        self.interactions_added += 1
        if len(self._interactions) >= self._batch_size:
            self.flush()

    def add_contacts(self, columns: Mapping[str, Sequence[Any]]) -> None:
        """Many inbound contacts at once, given as columns by name (`customer_id`, `channel`,
        `started_at`, ...: every interaction column but `id`, `direction`, `tags` and
        `industry`), one sequence of equal length each, written after what is queued.

        For importers that prepared the rows themselves: texts passed through `TextMasker` and
        times through `stamp_for(dialect)`; nothing here masks again. Columns rather than rows:
        an importer builds ten lists of strings faster than a tuple per row.
        """
        customer_ids = columns["customer_id"]
        if not customer_ids:
            return
        self.flush()  # their customers and identifiers first: foreign keys
        batch = self._contacts_batch
        rows = zip(*(columns[name] for name in batch.names), strict=True)
        batch.write_now(self._conn, rows)
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
            self._fact(
                uid=new_uid(),
                customer_id=customer_id,
                text=self.clean(text),
                created_by=created_by,
                created_at=self._stamp(created_at),
                expires_at=None if expires_at is None else self._stamp(expires_at),
                critical=False,
                edited_at=None,
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
            self._commitment(
                uid=new_uid(),
                customer_id=customer_id,
                text=self.clean(text),
                due_at=self._stamp(due_at),
                status=status,
                made_by=made_by,
                created_at=self._stamp(created_at),
            )
        )
        self.commitments_added += 1
        if len(self._commitments) >= self._batch_size:
            self.flush()

    def flush(self) -> None:
        """Write every queued row, parents first."""
        for batch in self._batches:
            batch.write(self._conn)


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
        with loader._dialect.bulk_loading(
            connection, page_cache_kib=page_cache_kib, keep_page_cache=keep_page_cache
        ):
            yield loader
            loader.flush()
