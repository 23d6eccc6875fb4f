"""Name folding and UTC times for the store, without pydantic; re-exports the vocabulary enums.

The panel's find box and lists use these before SQLModel, pydantic and SQLAlchemy are imported
(that import is most of the panel's start-up time). The enums themselves live in
`copilot.vocabulary`; they are re-exported here and by `schemas` for the storage modules.
"""

from __future__ import annotations

import unicodedata
from datetime import UTC, datetime

from copilot.vocabulary import AgentRole as AgentRole
from copilot.vocabulary import Channel as Channel
from copilot.vocabulary import CommitmentStatus as CommitmentStatus
from copilot.vocabulary import Direction as Direction
from copilot.vocabulary import IdentifierKind as IdentifierKind
from copilot.vocabulary import Industry as Industry


def name_key(name: str) -> str:
    """A name folded for prefix lookup: case-folded, accents and repeated spaces removed."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.split())


def suffix_key(value: str) -> str:
    """An identifier's ASCII digits reversed: "the last digits" become an indexed prefix.

    Identifier values are normalised first (E.164 phones, accounts without separators), so
    only ASCII digits remain to be found.
    """
    return "".join(ch for ch in reversed(value) if "0" <= ch <= "9")


def utc_now() -> datetime:
    """The current time, timezone-aware in UTC (the store's only clock format)."""
    return datetime.now(UTC)


def as_utc(value: datetime) -> datetime:
    """An aware UTC datetime; a naive one is taken to be UTC already."""
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def format_utc(value: datetime) -> str:
    """The SQLite text form of a timestamp, as SQLAlchemy's SQLite DATETIME writes it."""
    return as_utc(value).replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")


EPOCH = datetime(1970, 1, 1, tzinfo=UTC)  # stands in for a timestamp a row lacks


def parse_timestamp(value: object) -> datetime | None:
    """A stored timestamp (a datetime, or SQLite's text form) as an aware UTC datetime."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return as_utc(value)
    try:
        return as_utc(datetime.fromisoformat(str(value)))
    except ValueError:
        return None
