"""Customer and identifier writes: whose identifiers these are, new customers, conflicts named.

Functions of an open write session (`Database.write()`), so they take part in the caller's
transaction; the identifiers they get are already normalised (`cleaning.Cleaner.identifiers`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from sqlalchemy import and_, func, or_
from sqlmodel import Session, col, select

from copilot.errors import IdentityConflictError, InputError, NotFoundError
from copilot.storage.models import Commitment, Customer, Fact, Identifier, Interaction

Pair = tuple[str, str]  # (identifier kind, stored value)
Clock = Callable[[], datetime]


def require(session: Session, customer_id: int) -> Customer:
    """The customer `customer_id`, or NotFoundError."""
    customer = session.get(Customer, customer_id)
    if customer is None:
        raise NotFoundError(f"no customer with id {customer_id}")
    return customer


def owners(session: Session, pairs: Sequence[Pair]) -> dict[Pair, int]:
    """The customer each of `pairs` already belongs to (pairs nobody has are left out)."""
    if not pairs:
        return {}
    condition = or_(
        *(and_(col(Identifier.kind) == k, col(Identifier.value) == v) for k, v in pairs)
    )
    rows = session.exec(
        select(Identifier.kind, Identifier.value, Identifier.customer_id).where(condition)
    ).all()
    return {(kind, value): customer_id for kind, value, customer_id in rows}


def conflict(pairs: dict[Pair, int], ids: set[int]) -> IdentityConflictError:
    """The error for identifiers of different customers, naming who has which."""
    listed = ", ".join(
        f"{kind} {value} belongs to customer {owner}"
        for (kind, value), owner in sorted(pairs.items(), key=lambda item: item[1])
    )
    ordered = tuple(sorted(ids))
    return IdentityConflictError(
        f"these identifiers belong to different customers ({listed}); nothing was saved. "
        f"Merge customers {' and '.join(map(str, ordered))} if they are the same person",
        ordered,
    )


def _insert(session: Session, name: str, clock: Clock) -> int:
    customer = Customer(name=name, created_at=clock())
    session.add(customer)
    session.flush()
    assert customer.id is not None
    return customer.id


def create(session: Session, *, name: str, pairs: Sequence[Pair], clock: Clock) -> int:
    """A new customer with `pairs`, none of which may belong to anyone yet; returns the id."""
    found = owners(session, pairs)
    if found:
        raise conflict(found, set(found.values()))
    customer_id = _insert(session, name, clock)
    for kind, value in pairs:
        session.add(Identifier(kind=kind, value=value, customer_id=customer_id))
    session.flush()
    return customer_id


def add_identifier(session: Session, *, customer_id: int, pair: Pair) -> None:
    """Give `customer_id` the identifier `pair` (nothing to do if it already has it)."""
    require(session, customer_id)
    owner = owners(session, [pair]).get(pair)
    if owner is not None and owner != customer_id:
        raise conflict({pair: owner}, {owner, customer_id})
    if owner is None:
        session.add(Identifier(kind=pair[0], value=pair[1], customer_id=customer_id))


def match_or_create(
    session: Session, *, customer_id: int | None, pairs: Sequence[Pair], name: str, clock: Clock
) -> tuple[int, bool]:
    """The one customer `customer_id` and `pairs` point to, created if they point to nobody;
    pairs it lacks are added to it. Returns (customer id, whether it was created).

    Run under the write lock: two desks logging the first contact of the same new number
    queue here, and the second one finds the first one's customer.
    """
    found = owners(session, pairs)
    matched = set(found.values())
    if customer_id is not None:
        require(session, customer_id)
        matched.add(customer_id)
    if len(matched) > 1:
        raise conflict(found, matched)
    created = not matched
    if created:
        customer_id = _insert(session, name, clock)
    else:
        (customer_id,) = matched
        existing = require(session, customer_id)
        if name and not existing.name:
            existing.name = name  # a number first seen without a name gets one
            session.add(existing)
    for kind, value in pairs:
        if (kind, value) not in found:
            session.add(Identifier(kind=kind, value=value, customer_id=customer_id))
    return customer_id, created


def rename(session: Session, *, customer_id: int, name: str, salutation: str | None) -> None:
    """A customer's new name and, when given, how to address them."""
    customer = require(session, customer_id)
    customer.name = name
    if salutation is not None:
        customer.salutation = salutation
    session.add(customer)


def remove_identifier(session: Session, *, customer_id: int, pair: Pair) -> None:
    """Take `pair` from `customer_id`; their last identifier stays (they could not be found)."""
    require(session, customer_id)
    rows = session.exec(select(Identifier).where(col(Identifier.customer_id) == customer_id)).all()
    target = next((row for row in rows if (row.kind, row.value) == pair), None)
    if target is None:
        raise NotFoundError(f"customer {customer_id} has no {pair[0]} {pair[1]}")
    if len(rows) == 1:
        raise InputError(
            "this is the customer's only identifier; add another before removing it, "
            "or they could not be found again"
        )
    session.delete(target)


def count_owned(session: Session, customer_id: int) -> dict[str, int]:
    """How many identifiers, contacts, facts and promises `customer_id` has."""
    owners_of = {
        "identifier": col(Identifier.customer_id),
        "interaction": col(Interaction.customer_id),
        "fact": col(Fact.customer_id),
        "commitment": col(Commitment.customer_id),
    }
    return {
        name: int(session.exec(select(func.count()).where(owner == customer_id)).one())
        for name, owner in owners_of.items()
    }
