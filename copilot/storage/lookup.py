"""Finding customers, shared by `CustomerService.find` and the panel's quick lookup.

Both run the same statements (`storage.statements`) through a `Run`: the service's reader, or
the quick lookup's connection before the full store has opened. The dialect's name search
(`Dialect.ids_by_name`) is passed in, since only it knows the database's text search.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy.sql import Executable

from copilot.storage import mappers, statements
from copilot.storage.identity import guess_kinds
from copilot.storage.schemas import CustomerRead

Run = Callable[[Executable | str, Mapping[str, Any]], list[Any]]

# The most rows one call returns, whatever a caller asks for (find, search, story).
MAX_LIMIT = 500
# A search box is for a few words; a pasted page should not become a 10,000-phrase query.
MAX_SEARCH_TOKENS = 32
_HAS_DIGIT = re.compile(r"\d")


def clamp_limit(limit: int) -> int:
    """`limit` within 0..MAX_LIMIT."""
    return max(0, min(int(limit), MAX_LIMIT))


def printable(text: str) -> str:
    """`text` without NUL and lone surrogates, which no caller ever means.

    NUL cuts text short in several tools (and FTS5 queries); a lone surrogate (from a broken
    paste) cannot be encoded for SQLite at all.
    """
    return text.replace("\x00", "").encode("utf-8", "replace").decode("utf-8")


def search_tokens(user_text: str) -> list[str]:
    """The words of a search box's text (at most MAX_SEARCH_TOKENS), each with a letter or digit."""
    # Control characters and lone surrogates become spaces: FTS5 reads a NUL as the end of
    # the query ("unterminated string"), and surrogates cannot be encoded for SQLite at all.
    cleaned = "".join(" " if unicodedata.category(ch) in ("Cc", "Cs") else ch for ch in user_text)
    return [t for t in cleaned.split() if any(ch.isalnum() for ch in t)][:MAX_SEARCH_TOKENS]


def ids_by_name_prefix(run: Run, key: str, limit: int) -> list[int]:
    """Customers whose folded name (`name_key`) starts with `key`, through its index."""
    rows = run(statements.NAMES_FROM, {"lo": key, "hi": key + "\U0010ffff", "limit": limit})
    return [int(row[0]) for row in rows]


def merge_ids(ids: list[int], rows: Iterable[Sequence[Any]], limit: int) -> list[int]:
    """`ids`, then the first column of `rows` not already there, up to `limit`."""
    seen = set(ids)
    for row in rows:
        if int(row[0]) not in seen:
            seen.add(int(row[0]))
            ids.append(int(row[0]))
    return ids[:limit]


def customers_by_ids(run: Run, ids: Sequence[int]) -> dict[int, CustomerRead]:
    """The customers with these ids, with their identifiers."""
    unique = list(dict.fromkeys(ids))
    if not unique:
        return {}
    params = {f"c{n}": customer_id for n, customer_id in enumerate(unique)}
    return mappers.customers(run(statements.by_ids(len(unique)), params))


def find_customers(
    run: Run,
    query: str,
    *,
    region: str,
    limit: int,
    ids_by_name: Callable[[str, int], list[int]],
) -> list[CustomerRead]:
    """Customers matching an identifier in any common format, or a name (prefix/word).

    `ids_by_name(text, limit)` is the dialect's name search. At most `limit` customers,
    identifier matches first.
    """
    text = printable(query)
    # Unvalidated: an impossible number matches nobody, and this needs no phonenumbers.
    guess = guess_kinds(text, region, validate=False)
    if limit <= 0 or (not guess.identifiers and guess.name is None):
        return []
    found: dict[int, CustomerRead] = {}
    if guess.identifiers:
        # Every reading of the query, its owner, their row and all their identifiers in one
        # indexed statement: this runs on every keystroke, and each round trip counts.
        params: dict[str, Any] = {}
        for n, (kind, value) in enumerate(guess.identifiers):
            params[f"k{n}"], params[f"v{n}"] = kind.value, value
        found = mappers.customers(run(statements.by_identifiers(len(guess.identifiers)), params))
    # A query with a digit that matched an identifier was that identifier ("POL1234",
    # "JP0018199277"): names have no digits, so the name search (two more statements, one of
    # them full-text) only runs for it when nothing matched.
    if guess.name is not None and len(found) < limit and not (found and _HAS_DIGIT.search(text)):
        missing = [i for i in ids_by_name(guess.name, limit) if i not in found]
        found.update(customers_by_ids(run, missing))
    return list(found.values())[:limit]
