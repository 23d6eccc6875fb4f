"""The read statements of the store, built once from the table models' columns.

Every read the services, the quick lookup and the dialects make of a table is one of these
SQLAlchemy Core statements (`Model.__table__.c`, never a column list typed by hand), with named
parameters. The SQLite reader compiles each once and runs it on the raw driver; a server runs
it through SQLAlchemy. Builders that depend on a count are cached per count.
"""

from __future__ import annotations

import functools
from typing import Any

from sqlalchemy import (
    Integer,
    Table,
    and_,
    bindparam,
    case,
    exists,
    func,
    literal_column,
    or_,
    select,
)
from sqlalchemy.sql import ColumnElement, Select
from sqlalchemy.sql.elements import BindParameter
from sqlmodel import SQLModel

from copilot.storage.models import (
    Commitment,
    ComplianceOverride,
    Customer,
    Fact,
    Identifier,
    Interaction,
)


def table_of(model: type[SQLModel]) -> Table:
    """The Core `Table` of a table model (typed, unlike `Model.__table__`)."""
    table = getattr(model, "__table__", None)
    if not isinstance(table, Table):
        raise TypeError(f"{model.__name__} is not a table model")
    return table


CUSTOMER = table_of(Customer)
IDENTIFIER = table_of(Identifier)
INTERACTION = table_of(Interaction)
FACT = table_of(Fact)
COMMITMENT = table_of(Commitment)
OVERRIDE = table_of(ComplianceOverride)

# A customer row joined to one of its identifiers: what customer read models are built from.
_MATCHED = IDENTIFIER.alias("m")
_OWN = IDENTIFIER.alias("i")
CUSTOMER_ROW = (
    CUSTOMER.c.id,
    CUSTOMER.c.name,
    CUSTOMER.c.salutation,
    CUSTOMER.c.created_at,
    _OWN.c.kind,
    _OWN.c.value,
)


def _limit() -> BindParameter[int]:
    return bindparam("limit", type_=Integer)


# SQLite's compiler adds `OFFSET <bound 0>` after a bound LIMIT; an explicit literal keeps every
# parameter the caller's (the raw reader binds only what it is given).
_NO_OFFSET: ColumnElement[int] = literal_column("0")


HAS_CUSTOMERS = select(exists().where(CUSTOMER.c.id.is_not(None)))
COUNT_CUSTOMERS = select(func.count()).select_from(CUSTOMER)

# Customers whose folded name (`name_key`) starts with a key, through its index: every key that
# starts with `key` sorts between `lo` (= key) and `hi` (= key + U+10FFFF).
NAMES_FROM = (
    select(CUSTOMER.c.id)
    .where(CUSTOMER.c.name_key >= bindparam("lo"), CUSTOMER.c.name_key < bindparam("hi"))
    .order_by(CUSTOMER.c.name_key, CUSTOMER.c.id)
    .limit(_limit())
    .offset(_NO_OFFSET)
)


@functools.cache
def by_identifiers(pairs: int) -> Select[tuple[object, ...]]:
    """Customers owning any of `pairs` (kind `k<n>`, value `v<n>`) identifiers, with all of
    their identifiers, in one indexed statement (find runs it on every keystroke)."""
    matched = or_(
        *(
            and_(_MATCHED.c.kind == bindparam(f"k{n}"), _MATCHED.c.value == bindparam(f"v{n}"))
            for n in range(pairs)
        )
    )
    return (
        select(*CUSTOMER_ROW)
        .select_from(_MATCHED)
        .join(CUSTOMER, CUSTOMER.c.id == _MATCHED.c.customer_id)
        .join(_OWN, _OWN.c.customer_id == CUSTOMER.c.id)
        .where(matched)
        .order_by(CUSTOMER.c.id, _OWN.c.kind, _OWN.c.id)
    )


@functools.lru_cache(maxsize=64)
def by_ids(count: int) -> Select[tuple[object, ...]]:
    """Customers `c0`..`c<count-1>` with their identifiers (none: one row of NULLs)."""
    wanted = CUSTOMER.c.id.in_([bindparam(f"c{n}") for n in range(count)])
    return (
        select(*CUSTOMER_ROW)
        .select_from(CUSTOMER)
        .outerjoin(_OWN, _OWN.c.customer_id == CUSTOMER.c.id)
        .where(wanted)
        .order_by(CUSTOMER.c.id, _OWN.c.kind, _OWN.c.id)
    )


# --- the story so far: one customer's facts, open promises, counts and recent contacts ---

STORY_FACTS = (
    select(*FACT.c)
    .where(
        FACT.c.customer_id == bindparam("c"),
        or_(FACT.c.expires_at.is_(None), FACT.c.expires_at > bindparam("now")),
    )
    .order_by(FACT.c.created_at.desc(), FACT.c.id.desc())
)
# Ascending due date puts overdue promises (due before now) first by construction.
STORY_PROMISES = (
    select(*COMMITMENT.c)
    .where(COMMITMENT.c.customer_id == bindparam("c"), COMMITMENT.c.status == bindparam("open"))
    .order_by(COMMITMENT.c.due_at, COMMITMENT.c.id)
)


def _count_since(since: str) -> ColumnElement[Any]:
    started = INTERACTION.c.started_at
    recent = and_(started >= bindparam(since), started <= bindparam("now"))
    one: ColumnElement[int] = literal_column("1")
    zero: ColumnElement[int] = literal_column("0")
    return func.coalesce(func.sum(case((recent, one), else_=zero)), zero)


# One pass over the (customer_id, started_at) index for all three counts.
STORY_COUNTS = select(func.count(), _count_since("d7"), _count_since("d30")).where(
    INTERACTION.c.customer_id == bindparam("c")
)
STORY_CONTACTS = (
    select(*INTERACTION.c)
    .where(INTERACTION.c.customer_id == bindparam("c"))
    .order_by(INTERACTION.c.started_at.desc(), INTERACTION.c.id.desc())
    .limit(_limit())
    .offset(_NO_OFFSET)
)


@functools.lru_cache(maxsize=64)
def overrides_of(count: int) -> Select[tuple[object, ...]]:
    """The compliance-gate overrides of interactions `i0`..`i<count-1>` (kinds, in order)."""
    wanted = OVERRIDE.c.interaction_id.in_([bindparam(f"i{n}") for n in range(count)])
    return (
        select(OVERRIDE.c.interaction_id, OVERRIDE.c.kind)
        .where(wanted)
        .order_by(OVERRIDE.c.interaction_id, OVERRIDE.c.occurred_at, OVERRIDE.c.id)
    )
