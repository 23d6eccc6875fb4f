"""The store's vocabulary (kinds, channels, statuses), name folding and UTC times, without pydantic.

The panel's find box and lists use these before SQLModel, pydantic and SQLAlchemy are imported
(that import is most of the panel's start-up time); `schemas` re-exports the enums.
"""

from __future__ import annotations

import unicodedata
from datetime import UTC, datetime
from enum import StrEnum


class IdentifierKind(StrEnum):
    phone = "phone"
    email = "email"
    account = "account"  # account, policy, AWB, member numbers
    ticket = "ticket"
    national_id = "national_id"
    other = "other"


class Channel(StrEnum):
    phone = "phone"
    chat = "chat"
    email = "email"
    whatsapp = "whatsapp"
    social = "social"
    in_person = "in_person"


class Direction(StrEnum):
    inbound = "inbound"
    outbound = "outbound"


class CommitmentStatus(StrEnum):
    open = "open"
    done = "done"
    broken = "broken"


class AgentRole(StrEnum):
    agent = "agent"
    team_leader = "team_leader"


class Industry(StrEnum):
    insurance = "insurance"
    health = "health"
    telecom = "telecom"
    logistics = "logistics"
    finance = "finance"
    general = "general"


def name_key(name: str) -> str:
    """A name folded for prefix lookup: case-folded, accents and repeated spaces removed."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.split())


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
