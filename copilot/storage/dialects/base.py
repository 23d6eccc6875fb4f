"""The dialect interface, with the portable behaviour any SQLAlchemy database (a server) gets."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, Table, bindparam, func, insert, inspect, or_, select, text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.sql import Executable
from sqlalchemy.sql.elements import BindParameter

from copilot.errors import DatabaseError
from copilot.storage import statements
from copilot.storage.kinds import as_utc, name_key
from copilot.storage.lookup import (
    NameIndex,
    ids_by_name_prefix,
    merge_ids,
    name_words,
    search_tokens,
)
from copilot.storage.statements import CUSTOMER, FACT, INTERACTION

if TYPE_CHECKING:
    from copilot.storage.db import Database

# What a reader runs: a Core statement built from the tables (`storage.statements`), or, inside
# a dialect module only, that dialect's own SQL text.
Statement = Executable | str
Params = Mapping[str, Any]
SNIPPET_CHARS = 120  # how much of a summary or fact the portable search shows


class Reader:
    """Runs statements with named parameters inside one read unit; rows are tuples."""

    __slots__ = ("_run",)

    def __init__(self, run: Callable[[Statement, Params], list[Any]]) -> None:
        self._run = run

    def all(self, statement: Statement, params: Params | None = None) -> list[Any]:
        return self._run(statement, params or {})


class Dialect:
    """What differs between databases. This base is the portable behaviour (servers).

    One instance per open `Database`: a dialect may keep per-database state (the SQLite
    reader parks driver connections). Each method is a seam a database can override; the
    service tests run against both this base and the SQLite dialect (tests/storage).
    """

    name = "portable"

    # --- connections and transactions ---

    def install(self, engine: Engine, *, busy_timeout_ms: int, write_option: str) -> None:
        """Set up every new connection of `engine` (nothing to do on a server)."""

    def reader(self, database: Database, *, snapshot: bool) -> AbstractContextManager[Reader]:
        """A read unit: statements run on one connection (in one snapshot when asked)."""
        return _portable_reader(database)

    def close(self) -> None:
        """Release what the dialect keeps for its database."""

    def timestamp_param(self, value: datetime) -> Any:
        """A timestamp as a parameter of a reader's statement (readers skip type processing)."""
        return as_utc(value)

    # --- schema and migrations ---

    def table_names(self, connection: Connection) -> set[str]:
        return set(inspect(connection).get_table_names())

    def refuses_foreign_schema(self) -> bool:
        """Whether a database holding tables but no Copilot schema is refused (a desk file)."""
        return False

    @contextmanager
    def migrating(self, connection: Connection, label: str) -> Iterator[None]:
        """The transaction a migration runs in (and whatever the database needs around it)."""
        with connection.begin():
            yield

    # --- writes many desks make at once ---

    def insert_new(
        self, session: Session, table: Table, row: Mapping[str, Any], *, unique: Sequence[str]
    ) -> bool:
        """Insert `row` unless a row with its `unique` values exists (or is being written by
        another transaction, which is waited for); whether it was inserted.

        Portable: a SAVEPOINT around a plain INSERT, rolled back on a unique violation. A
        database with `INSERT ... ON CONFLICT DO NOTHING` says so in one statement instead.
        """
        try:
            with session.begin_nested():
                session.execute(insert(table).values(**row))
        except IntegrityError:
            return False
        return True

    def is_transient(self, error: BaseException | None) -> bool:
        """Whether a failed write may simply be run again (a server broke a deadlock or a
        serialization conflict by aborting it); nothing is, portably."""
        return False

    # --- search ---

    def search_rows(self, reader: Reader, user_text: str, limit: int) -> list[Sequence[Any]]:
        """(source, id, customer_id, snippet, time) rows for every word of `user_text`.

        Portable: a case-insensitive substring AND of the words. A server gets its own text
        search (PostgreSQL's tsvector) in its own dialect module.
        """
        words = search_tokens(user_text)
        if not words:
            return []
        params: dict[str, Any] = {"limit": limit}
        for n, word in enumerate(words):
            params[f"w{n}"] = "%" + escape_like(word.lower()) + "%"
        return reader.all(_interaction_search(len(words)), params) + reader.all(
            _fact_search(len(words)), params
        )

    def ids_by_name(self, reader: Reader, user_text: str, limit: int) -> list[int]:
        """Customers whose name starts with the text, then those with it inside their name."""
        key = name_key(user_text)
        if not key or limit <= 0:
            return []
        ids = ids_by_name_prefix(reader.all, key, limit)
        if len(ids) >= limit:
            return ids
        rows = reader.all(
            _name_contains(),
            {"pattern": "%" + escape_like(key) + "%", "limit": limit + len(ids)},
        )
        return merge_ids(ids, rows, limit)

    def name_words(self, reader: Reader, word: str, limit: int) -> list[str]:
        """Distinct folded words of names starting with the first letter of `word`.

        Portable: the words of up to `limit` names with such a word (LIKE, bounded), so a
        typo may miss a rare name on a large server until its dialect has a word index.
        """
        first = name_key(word)[:1]
        pattern = escape_like(first)
        if not pattern or limit <= 0:
            return []
        rows = reader.all(
            statements.NAMES_WITH_WORD_FROM,
            {"start": pattern + "%", "inside": "% " + pattern + "%", "limit": limit},
        )
        words = {w for row in rows for w in name_words(str(row[0])) if w.startswith(first)}
        return sorted(words)

    def ids_by_words(
        self, reader: Reader, spellings: Sequence[Sequence[str]], limit: int
    ) -> list[int]:
        """Customers whose name has, for every group, one of its words (LIKE on name_key)."""
        if limit <= 0 or not spellings or not all(spellings):
            return []
        params: dict[str, Any] = {"limit": limit}
        for n, group in enumerate(spellings):
            for m, word in enumerate(group):
                escaped = escape_like(word)
                params[f"w{n}_{m}"] = word
                params[f"w{n}_{m}_start"] = escaped + " %"
                params[f"w{n}_{m}_end"] = "% " + escaped
                params[f"w{n}_{m}_inside"] = "% " + escaped + " %"
        shape = tuple(len(group) for group in spellings)
        return [int(row[0]) for row in reader.all(statements.names_with_words(shape), params)]

    def names(self, reader: Reader) -> NameIndex:
        """This dialect's name searches inside the read unit `reader` (for `lookup`)."""
        return BoundNames(self, reader)

    # --- upkeep ---

    def check(self, database: Database) -> list[str]:
        """Problems the database's own checks find (a server checks itself)."""
        return []

    def checkpoint(self, database: Database) -> bool:
        """Make deleted data unreadable from logs now; True when done."""
        return True

    def last_customer_id(self, connection: Connection) -> int:
        """The highest customer id ever given (a server's sequence never gives one twice)."""
        return int(connection.execute(select(func.max(CUSTOMER.c.id))).scalar() or 0)

    def copy_to(self, database: Database, partial: Path) -> None:
        """Write a consistent copy of the live database to `partial` (files only)."""
        raise DatabaseError(
            f"backup of a {database.dialect_name} server database is done with the server's "
            "own tools (for PostgreSQL: pg_dump)"
        )

    @contextmanager
    def bulk_loading(
        self, connection: Connection, *, page_cache_kib: int, keep_page_cache: bool
    ) -> Iterator[None]:
        """Around a bulk load inside its write transaction (tuning; nothing portable)."""
        yield


class BoundNames:
    """A dialect's name searches bound to one read unit: the `lookup.NameIndex` find uses."""

    __slots__ = ("_dialect", "_reader")

    def __init__(self, dialect: Dialect, reader: Reader) -> None:
        self._dialect = dialect
        self._reader = reader

    def ids_by_name(self, user_text: str, limit: int) -> list[int]:
        return self._dialect.ids_by_name(self._reader, user_text, limit)

    def name_words(self, word: str, limit: int) -> list[str]:
        return self._dialect.name_words(self._reader, word, limit)

    def ids_by_words(self, spellings: Sequence[Sequence[str]], limit: int) -> list[int]:
        return self._dialect.ids_by_words(self._reader, spellings, limit)


def insert_ignoring_conflicts(
    session: Session, statement: Any, unique: Sequence[str], table: Table
) -> bool:
    """`insert_new` for a dialect's own insert (`sqlite.insert`, `postgresql.insert`): ON
    CONFLICT DO NOTHING on the `unique` columns, RETURNING the id of a row it inserted."""
    statement = statement.on_conflict_do_nothing(index_elements=list(unique)).returning(table.c.id)
    return session.execute(statement).first() is not None


def escape_like(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


@contextmanager
def _portable_reader(database: Database) -> Iterator[Reader]:
    with database.translated(), database.engine.connect() as connection:

        def run(statement: Statement, params: Params) -> list[Any]:
            if isinstance(statement, str):
                statement = text(statement)
            return list(connection.execute(statement, dict(params)))

        yield Reader(run)


def _contains_all(columns: Sequence[Any], words: int) -> Any:
    terms = []
    for n in range(words):
        pattern: BindParameter[str] = bindparam(f"w{n}")
        terms.append(or_(*(func.lower(c).like(pattern, escape="\\") for c in columns)))
    return terms


_SEARCH_CACHE: dict[tuple[str, int], Executable] = {}


def _interaction_search(words: int) -> Executable:
    key = ("interaction", words)
    if key not in _SEARCH_CACHE:
        i = INTERACTION.c
        _SEARCH_CACHE[key] = (
            select(
                text("'interaction'"),
                i.id,
                i.customer_id,
                func.substr(i.summary, 1, SNIPPET_CHARS),
                i.started_at,
            )
            .where(*_contains_all((i.summary, i.notes), words))
            .order_by(i.started_at.desc())
            .limit(bindparam("limit"))
        )
    return _SEARCH_CACHE[key]


def _fact_search(words: int) -> Executable:
    key = ("fact", words)
    if key not in _SEARCH_CACHE:
        f = FACT.c
        _SEARCH_CACHE[key] = (
            select(
                text("'fact'"),
                f.id,
                f.customer_id,
                func.substr(f.text, 1, SNIPPET_CHARS),
                f.created_at,
            )
            .where(*_contains_all((f.text,), words))
            .order_by(f.created_at.desc())
            .limit(bindparam("limit"))
        )
    return _SEARCH_CACHE[key]


def _name_contains() -> Executable:
    key = ("name", 0)
    if key not in _SEARCH_CACHE:
        c = CUSTOMER.c
        _SEARCH_CACHE[key] = (
            select(c.id)
            .where(c.name_key.like(bindparam("pattern"), escape="\\"))
            .order_by(c.id)
            .limit(bindparam("limit"))
        )
    return _SEARCH_CACHE[key]
