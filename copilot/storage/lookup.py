"""Finding customers in plain SQL, shared by `CustomerService.find` and the panel's quick lookup.

Nothing here imports SQLAlchemy or pydantic: the panel answers its first lookups with this
module while those are still loading. Statements take `:named` parameters, which both the
sqlite3-style drivers and SQLAlchemy's `text()` accept; `Run` executes one and returns rows.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TypeVar

from copilot.storage.identity import guess_kinds
from copilot.storage.kinds import IdentifierKind, as_utc, name_key

Run = Callable[[str, Mapping[str, Any]], list[Any]]
C = TypeVar("C")
I = TypeVar("I")  # noqa: E741 - the identifier type, beside C for the customer

# The most rows one call returns, whatever a caller asks for (find, search, story).
MAX_LIMIT = 500
# A search box is for a few words; a pasted page should not become a 10,000-phrase query.
MAX_SEARCH_TOKENS = 32
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
CUSTOMER_COLUMNS = "c.id, c.name, c.created_at, i.kind, i.value"
_HAS_DIGIT = re.compile(r"\d")
# Parameter names for find()'s readings: guess_kinds gives at most one per kind.
_FIND_PARAMS = tuple((f"k{n}", f"v{n}") for n in range(len(IdentifierKind)))
_KINDS = {kind.value: kind for kind in IdentifierKind}


@dataclass(frozen=True, slots=True)
class IdentifierHit:
    kind: IdentifierKind
    value: str


@dataclass(frozen=True, slots=True)
class CustomerHit:
    """A found customer as the find box lists it; the same fields as `schemas.CustomerRead`."""

    id: int
    name: str
    identifiers: tuple[IdentifierHit, ...]
    created_at: datetime


def clamp_limit(limit: int) -> int:
    """`limit` within 0..MAX_LIMIT."""
    return max(0, min(int(limit), MAX_LIMIT))


def printable(text: str) -> str:
    """`text` without NUL and lone surrogates, which no caller ever means.

    NUL cuts text short in several tools (and FTS5 queries); a lone surrogate (from a broken
    paste) cannot be encoded for SQLite at all.
    """
    return text.replace("\x00", "").encode("utf-8", "replace").decode("utf-8")


def parse_timestamp(value: Any) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return as_utc(value)
    with suppress(ValueError):
        return as_utc(datetime.fromisoformat(str(value)))
    return None


def search_tokens(user_text: str) -> list[str]:
    # Control characters and lone surrogates become spaces: FTS5 reads a NUL as the end of
    # the query ("unterminated string"), and surrogates cannot be encoded for SQLite at all.
    cleaned = "".join(" " if unicodedata.category(ch) in ("Cc", "Cs") else ch for ch in user_text)
    return [t for t in cleaned.split() if any(ch.isalnum() for ch in t)][:MAX_SEARCH_TOKENS]


def fts_prefix_expression(user_text: str) -> str | None:
    """Like `fts_match_expression`, but each quoted token also matches words it begins."""
    tokens = search_tokens(user_text)
    if not tokens:
        return None
    return " ".join('"' + t.replace('"', '""') + '"*' for t in tokens)


def fts_match_expression(user_text: str) -> str | None:
    """An FTS5 query matching rows that contain every word of `user_text`, or None.

    Each whitespace-separated token becomes a quoted phrase (inner `"` doubled), so FTS5
    operators and syntax in user text (`NOT`, `notes:x`, `*`, `(`, `-`) are plain words and no
    input can raise a syntax error. Tokens without a letter or digit would be empty phrases
    to FTS5's tokenizer and are dropped.
    """
    tokens = search_tokens(user_text)
    if not tokens:
        return None
    return " ".join('"' + t.replace('"', '""') + '"' for t in tokens)


def ids_by_name_prefix(run: Run, key: str, limit: int) -> list[int]:
    """Customers whose folded name (`name_key`) starts with `key`, through its index."""
    return [
        int(row[0])
        for row in run(
            "SELECT id FROM customer WHERE name_key >= :lo AND name_key < :hi "
            "ORDER BY name_key, id LIMIT :limit",
            # Every key that starts with `key` sorts between key and key + U+10FFFF.
            {"lo": key, "hi": key + "\U0010ffff", "limit": limit},
        )
    ]


def sqlite_ids_by_name(run: Run, user_text: str, limit: int) -> list[int]:
    """Customers whose name starts with the text, then those with words starting so (SQLite).

    "budi" finds "Budi Santoso" through the name_key index; "santo" finds him through the
    name's full-text index, where every word of the text must begin a word of the name.
    """
    key = name_key(user_text)
    if not key or limit <= 0:
        return []
    ids = ids_by_name_prefix(run, key, limit)
    match = fts_prefix_expression(user_text)
    if len(ids) >= limit or match is None:
        return ids
    rows = run(
        "SELECT rowid FROM fts_customer WHERE fts_customer MATCH :match "
        "ORDER BY rowid LIMIT :limit",
        {"match": match, "limit": limit + len(ids)},
    )
    return merge_ids(ids, rows, limit)


def merge_ids(ids: list[int], rows: Iterable[Sequence[Any]], limit: int) -> list[int]:
    """`ids`, then the first column of `rows` not already there, up to `limit`."""
    seen = set(ids)
    for row in rows:
        if int(row[0]) not in seen:
            seen.add(int(row[0]))
            ids.append(int(row[0]))
    return ids[:limit]


@functools.cache
def find_sql(pairs: int) -> str:
    """find()'s statement for `pairs` (kind, value) readings (at most a handful of sizes)."""
    values = ", ".join(f"(:k{n}, :v{n})" for n in range(pairs))
    return (
        f"SELECT {CUSTOMER_COLUMNS} FROM identifier AS m "
        "JOIN customer AS c ON c.id = m.customer_id "
        "JOIN identifier AS i ON i.customer_id = c.id "
        f"WHERE (m.kind, m.value) IN (VALUES {values}) "
        "ORDER BY c.id, i.kind, i.id"
    )


def customers_by_ids(
    run: Run, ids: Sequence[int], build: Callable[[Iterable[Sequence[Any]]], dict[int, C]]
) -> dict[int, C]:
    """The customers with these ids (joined to their identifiers), made by `build`."""
    unique = list(dict.fromkeys(ids))
    if not unique:
        return {}
    placeholders = ", ".join(f":c{n}" for n in range(len(unique)))
    return build(
        run(
            f"SELECT {CUSTOMER_COLUMNS} FROM customer AS c "
            "LEFT JOIN identifier AS i ON i.customer_id = c.id "
            f"WHERE c.id IN ({placeholders}) ORDER BY c.id, i.kind, i.id",
            {f"c{n}": customer_id for n, customer_id in enumerate(unique)},
        )
    )


def customers_from_rows(
    rows: Iterable[Sequence[Any]],
    customer: Callable[[int, str, tuple[I, ...], datetime], C],
    identifier: Callable[[IdentifierKind, str], I],
) -> dict[int, C]:
    """Customers from (id, name, created_at, kind, value) rows ordered by customer."""
    fields: dict[int, tuple[str, datetime]] = {}
    identifiers: dict[int, list[I]] = {}
    kinds = _KINDS
    for customer_id, name, created_at, kind, value in rows:
        if customer_id not in fields:
            fields[customer_id] = (name, parse_timestamp(created_at) or EPOCH)
            identifiers[customer_id] = []
        if kind is not None:
            # A kind written by a newer version must not make a customer unreadable.
            kind_ = kinds.get(kind, IdentifierKind.other)
            identifiers[customer_id].append(identifier(kind_, value))
    return {
        customer_id: customer(customer_id, name, tuple(identifiers[customer_id]), created_at)
        for customer_id, (name, created_at) in fields.items()
    }


def find_customers(
    run: Run,
    query: str,
    *,
    region: str,
    limit: int,
    ids_by_name: Callable[[str, int], list[int]],
    build: Callable[[Iterable[Sequence[Any]]], dict[int, C]],
) -> list[C]:
    """Customers matching an identifier in any common format, or a name (prefix/word).

    `build` makes the result objects from customer rows; `ids_by_name(text, limit)` is the
    dialect's name search. At most `limit` customers, identifier matches first.
    """
    text = printable(query)
    # Unvalidated: an impossible number matches nobody, and this needs no phonenumbers.
    guess = guess_kinds(text, region, validate=False)
    if limit <= 0 or (not guess.identifiers and guess.name is None):
        return []
    found: dict[int, C] = {}
    if guess.identifiers:
        # Every reading of the query, its owner, their row and all their identifiers in one
        # indexed statement: this runs on every keystroke, and each round trip counts.
        params: dict[str, Any] = {}
        for (k, v), (kind, value) in zip(_FIND_PARAMS, guess.identifiers, strict=False):
            params[k], params[v] = kind.value, value
        found = build(run(find_sql(len(guess.identifiers)), params))
    # A query with a digit that matched an identifier was that identifier ("POL1234",
    # "JP0018199277"): names have no digits, so the name search (two more statements, one of
    # them full-text) only runs for it when nothing matched.
    if guess.name is not None and len(found) < limit and not (found and _HAS_DIGIT.search(text)):
        missing = [i for i in ids_by_name(guess.name, limit) if i not in found]
        found.update(customers_by_ids(run, missing, build))
    return list(found.values())[:limit]


def hits_from_rows(rows: Iterable[Sequence[Any]]) -> dict[int, CustomerHit]:
    """`CustomerHit`s from customer rows (the quick lookup's `build`)."""
    return customers_from_rows(rows, CustomerHit, IdentifierHit)
