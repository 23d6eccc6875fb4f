"""One mapper per entity from a table row (as `storage.statements` selects it) to its read model.

Rows come from both readers: SQLAlchemy's (timestamps already datetimes) and the SQLite
driver's (timestamps as stored text), so timestamps go through `parse_timestamp`. A value a
newer version or another tool wrote (an unknown channel, kind or status) falls back to a
default instead of making a customer unreadable.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from enum import StrEnum
from typing import Any, TypeVar

from sqlalchemy import Table
from sqlmodel import SQLModel

from copilot.storage.kinds import (
    EPOCH,
    Channel,
    CommitmentStatus,
    Direction,
    IdentifierKind,
    Industry,
    parse_timestamp,
)
from copilot.storage.models import UTCDateTime, decode_tags
from copilot.storage.schemas import (
    CommitmentRead,
    CustomerRead,
    FactRead,
    IdentifierRead,
    InteractionRead,
)
from copilot.storage.statements import COMMITMENT, FACT, INTERACTION

E = TypeVar("E", bound=StrEnum)


def enum_or(cls: type[E], value: Any, default: E) -> E:
    try:
        return cls(value)
    except ValueError:
        return default


class _Columns:
    """A table's column names in select order, and which of them are timestamps."""

    def __init__(self, table: Table) -> None:
        self.names = tuple(table.c.keys())
        self.stamps = tuple(c.name for c in table.c if isinstance(c.type, UTCDateTime))

    def values(self, row: Sequence[Any]) -> dict[str, Any]:
        values = dict(zip(self.names, row, strict=True))
        for name in self.stamps:
            values[name] = parse_timestamp(values[name])
        return values


_FACT = _Columns(FACT)
_COMMITMENT = _Columns(COMMITMENT)
_INTERACTION = _Columns(INTERACTION)


def fact(row: Sequence[Any]) -> FactRead:
    values = _FACT.values(row)
    values["created_at"] = values["created_at"] or EPOCH
    values["critical"] = bool(values["critical"])
    return FactRead(**values)


def commitment(row: Sequence[Any], now: datetime) -> CommitmentRead:
    values = _COMMITMENT.values(row)
    status = enum_or(CommitmentStatus, values["status"], CommitmentStatus.open)
    due = values["due_at"] or EPOCH
    values.update(
        status=status,
        due_at=due,
        created_at=values["created_at"] or EPOCH,
        overdue=status is CommitmentStatus.open and due < now,
    )
    return CommitmentRead(**values)


def interaction(row: Sequence[Any]) -> InteractionRead:
    values = _INTERACTION.values(row)
    values.update(
        identity_verified=bool(values["identity_verified"]),
        channel=enum_or(Channel, values["channel"], Channel.phone),
        direction=enum_or(Direction, values["direction"], Direction.inbound),
        started_at=values["started_at"] or EPOCH,
        tags=decode_tags(values["tags"]),
        industry=enum_or(Industry, values["industry"], Industry.general),
    )
    return InteractionRead(**values)


def customers(rows: Iterable[Sequence[Any]]) -> dict[int, CustomerRead]:
    """Customers from `statements.CUSTOMER_ROW` rows (ordered by customer), by id."""
    fields: dict[int, tuple[str, str, datetime]] = {}
    identifiers: dict[int, list[IdentifierRead]] = {}
    for customer_id, name, salutation, created_at, kind, value in rows:
        if customer_id not in fields:
            fields[customer_id] = (name, salutation or "", parse_timestamp(created_at) or EPOCH)
            identifiers[customer_id] = []
        if kind is not None:
            identifiers[customer_id].append(
                IdentifierRead(
                    kind=enum_or(IdentifierKind, kind, IdentifierKind.other), value=value
                )
            )
    return {
        customer_id: CustomerRead(
            id=customer_id,
            name=name,
            salutation=salutation,
            identifiers=tuple(identifiers[customer_id]),
            created_at=created_at,
        )
        for customer_id, (name, salutation, created_at) in fields.items()
    }


def row_of(entity: SQLModel) -> tuple[Any, ...]:
    """A table model object's values in its table's column order, as a statement selects them."""
    table = entity.__table__  # type: ignore[attr-defined]
    return tuple(getattr(entity, column.key) for column in table.c)
