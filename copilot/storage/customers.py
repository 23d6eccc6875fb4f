"""Customer and identifier writes: whose identifiers these are, new customers, conflicts named.

Functions of an open write session (`Database.write()`), so they take part in the caller's
transaction; the identifiers they get are already normalised (`cleaning.Cleaner.identifiers`).

Identity holds with many writers and no write lock (a site server): an identifier is claimed
with the dialect's conflict-free insert (`INSERT ... ON CONFLICT DO NOTHING` on the unique
(kind, value, campaign)), never by reading that nobody has it and then writing. A writer that
loses the claim reads the winner, and a customer it created for nothing is removed inside the
same transaction, so two agents creating the same customer at the same moment get one. On the
desk writers queue on the write lock and the first read already sees everything.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import and_, delete, func, or_
from sqlmodel import Session, col, select

from copilot.errors import DatabaseError, IdentityConflictError, InputError, NotFoundError
from copilot.storage.kinds import name_key
from copilot.storage.models import Commitment, Customer, Fact, Identifier, Interaction
from copilot.storage.statements import IDENTIFIER

if TYPE_CHECKING:
    from copilot.storage.dialects.base import Dialect

Pair = tuple[str, str]  # (identifier kind, stored value)
Clock = Callable[[], datetime]
_UNIQUE = ("kind", "value", "campaign")
# Claims are retried when an owner vanished between the insert that met it and the read of it
# (erased or merged that instant); more than this many in a row is not a race any more.
_CLAIM_ROUNDS = 4


@dataclass(frozen=True)
class Scope:
    """Where identity is decided: the campaign new customers join, and the dialect's inserts."""

    campaign: str
    dialect: Dialect


def require(session: Session, customer_id: int) -> Customer:
    """The customer `customer_id`, or NotFoundError."""
    customer = session.get(Customer, customer_id)
    if customer is None:
        raise NotFoundError(f"no customer with id {customer_id}")
    return customer


def owners(session: Session, pairs: Sequence[Pair], campaign: str = "") -> dict[Pair, int]:
    """The customer each of `pairs` already belongs to in `campaign` (others are left out)."""
    if not pairs:
        return {}
    condition = or_(
        *(and_(col(Identifier.kind) == k, col(Identifier.value) == v) for k, v in pairs)
    )
    rows = session.exec(
        select(Identifier.kind, Identifier.value, Identifier.customer_id).where(
            condition, col(Identifier.campaign) == campaign
        )
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


def _insert(session: Session, name: str, clock: Clock, campaign: str) -> int:
    customer = Customer(name=name, created_at=clock(), campaign=campaign)
    session.add(customer)
    session.flush()
    assert customer.id is not None
    return customer.id


def _claim(
    session: Session, scope: Scope, customer_id: int, pairs: Sequence[Pair]
) -> tuple[list[Pair], dict[Pair, int]]:
    """Give `customer_id` each of `pairs` nobody in the campaign has: the pairs someone
    already held, and their owners (one that vanished meanwhile is missing from those)."""
    session.flush()
    taken: list[Pair] = []
    # One order for every writer: two transactions claiming the same numbers never wait on
    # each other's rows in opposite orders (a deadlock).
    for kind, value in sorted(set(pairs)):
        row = {"kind": kind, "value": value, "campaign": scope.campaign, "customer_id": customer_id}
        if not scope.dialect.insert_new(session, IDENTIFIER, row, unique=_UNIQUE):
            taken.append((kind, value))
    return taken, (owners(session, taken, scope.campaign) if taken else {})


def _settle(
    session: Session, scope: Scope, customer_id: int, *, created: bool, pairs: Sequence[Pair]
) -> int:
    """Claim `pairs` for `customer_id`; the customer who ends up with them all.

    When another writer claimed one first: if `customer_id` was created by this transaction,
    it was created in vain (that writer created the same customer a moment ago), so it is
    removed and the pairs go to theirs; otherwise the pairs belong to two customers.
    """
    for _round in range(_CLAIM_ROUNDS):
        taken, held = _claim(session, scope, customer_id, pairs)
        others = {owner for owner in held.values() if owner != customer_id}
        if others:
            if not created or len(others) > 1:
                raise conflict(held, others | {customer_id})
            _remove_created(session, customer_id)
            (customer_id,) = others
            created = False
            continue  # every pair again, for the customer who won
        vanished = [pair for pair in taken if pair not in held]
        if not vanished:
            return customer_id
        pairs = vanished
    raise DatabaseError("these identifiers kept changing hands while saving; try again")


def _remove_created(session: Session, customer_id: int) -> None:
    """Remove a customer this transaction created for nothing (no one else has seen it)."""
    session.exec(delete(Identifier).where(col(Identifier.customer_id) == customer_id))
    session.delete(require(session, customer_id))
    session.flush()


def create(
    session: Session, *, name: str, pairs: Sequence[Pair], clock: Clock, scope: Scope
) -> int:
    """A new customer with `pairs`; returns the id.

    The same customer again (every identifier given that someone has is one customer's, and
    the name folds to theirs): that customer, with any identifier given that they lacked. Two
    agents creating one caller at the same moment, or one after the other from a find made
    before the first saved, get one customer. Identifiers of anyone else are a conflict.
    """
    found = owners(session, pairs, scope.campaign)
    held = set(found.values())
    if len(held) > 1 or (held and not _named(session, next(iter(held)), name)):
        raise conflict(found, held)
    if held:
        existing = next(iter(held))
        rest = [pair for pair in pairs if pair not in found]
        return _settle(session, scope, existing, created=False, pairs=rest)
    customer_id = _insert(session, name, clock, scope.campaign)
    settled = _settle(session, scope, customer_id, created=True, pairs=pairs)
    if settled != customer_id and not _named(session, settled, name):
        raise conflict(owners(session, pairs, scope.campaign), {settled})
    return settled


def _named(session: Session, customer_id: int, name: str) -> bool:
    """Whether `customer_id`'s name is `name`, folded (case, accents, spaces)."""
    return name_key(require(session, customer_id).name) == name_key(name)


def add_identifier(session: Session, *, customer_id: int, pair: Pair, scope: Scope) -> None:
    """Give `customer_id` the identifier `pair` (nothing to do if it already has it)."""
    require(session, customer_id)
    owner = owners(session, [pair], scope.campaign).get(pair)
    if owner is not None and owner != customer_id:
        raise conflict({pair: owner}, {owner, customer_id})
    if owner is None:
        _settle(session, scope, customer_id, created=False, pairs=[pair])


def match_or_create(
    session: Session,
    *,
    customer_id: int | None,
    pairs: Sequence[Pair],
    name: str,
    clock: Clock,
    scope: Scope,
) -> tuple[int, bool]:
    """The one customer `customer_id` and `pairs` point to, created if they point to nobody;
    pairs it lacks are added to it. Returns (customer id, whether it was created).

    Two desks logging the first contact of the same new number at once: on the desk they
    queue on the write lock and the second finds the first's customer; on a server the
    second's claim of the number meets the first's and its new customer is removed.
    """
    found = owners(session, pairs, scope.campaign)
    matched = set(found.values())
    if customer_id is not None:
        require(session, customer_id)
        matched.add(customer_id)
    if len(matched) > 1:
        raise conflict(found, matched)
    created = not matched
    target = _insert(session, name, clock, scope.campaign) if created else next(iter(matched))
    missing = [pair for pair in pairs if pair not in found]
    settled = _settle(session, scope, target, created=created, pairs=missing)
    created = created and settled == target
    if not created:
        existing = require(session, settled)
        if name and not existing.name:
            existing.name = name  # a number first seen without a name gets one
            session.add(existing)
    return settled, created


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
