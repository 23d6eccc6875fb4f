"""Saving a wrap-up whole: the contact, its facts, its promises and the promises it settled.

`save` writes a `Contact` (already cleaned by the service) in one transaction, keyed by the
caller's contact key so that a retry after a lost answer never saves the contact twice.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from copilot.errors import InputError, NotFoundError
from copilot.storage import customers
from copilot.storage.db import Database
from copilot.storage.models import Commitment, ComplianceOverride, Fact, Interaction
from copilot.storage.schemas import CommitmentStatus, Direction, LoggedContact

Clock = Callable[[], datetime]


@dataclass(frozen=True)
class Contact:
    """One wrap-up, its text cleaned and masked, its vocabulary values checked."""

    key: str
    customer_id: int
    channel: str
    agent: str
    summary: str
    outcome: str
    industry: str
    facts: tuple[str, ...]
    promises: tuple[tuple[str, datetime], ...]  # (text, due)
    changes: Mapping[int, CommitmentStatus]  # commitment id -> its new status
    reason_code: str = ""
    handle_seconds: int | None = None
    identity_verified: bool = False
    overrides: tuple[tuple[str, datetime], ...] = ()  # (kind, when) past the compliance gate


def save(database: Database, contact: Contact, clock: Clock) -> LoggedContact:
    """Write `contact` in one transaction, or return the save its key already has.

    On a server a deadlock or serialization failure runs the transaction again
    (`Database.transact`); the key makes that, and any retry by the caller, harmless.
    """

    def first(session: Session) -> LoggedContact:
        saved = contact_by_key(session, contact.key)
        if saved is not None:
            return _already_saved(session, contact, saved, clock())
        customers.require(session, contact.customer_id)
        return _insert(session, contact, clock())

    def again(session: Session) -> LoggedContact | None:
        saved = contact_by_key(session, contact.key)
        return None if saved is None else _already_saved(session, contact, saved, clock())

    try:
        return database.transact(first)
    except IntegrityError:
        # Lost the race for the key to another writer: their save is this contact.
        logged = database.transact(again)
        if logged is None:
            raise
        return logged


def _insert(session: Session, contact: Contact, now: datetime) -> LoggedContact:
    customer_id = contact.customer_id
    interaction = Interaction(
        customer_id=customer_id,
        contact_key=contact.key,
        channel=contact.channel,
        direction=Direction.inbound.value,
        agent=contact.agent,
        summary=contact.summary,
        outcome=contact.outcome,
        industry=contact.industry,
        reason_code=contact.reason_code,
        handle_seconds=contact.handle_seconds,
        identity_verified=contact.identity_verified,
        started_at=now,
    )
    session.add(interaction)
    # Flushed first: a second desk that saved the same key a moment ago (possible where
    # writers do not queue, as on a server database) fails here, not later.
    session.flush()
    assert interaction.id is not None
    for text in contact.facts:
        session.add(
            Fact(customer_id=customer_id, text=text, created_by=contact.agent, created_at=now)
        )
    for text, due in contact.promises:
        session.add(
            Commitment(
                customer_id=customer_id,
                text=text,
                due_at=due,
                status=CommitmentStatus.open.value,
                made_by=contact.agent,
                created_at=now,
            )
        )
    for kind, when in contact.overrides:
        session.add(
            ComplianceOverride(
                interaction_id=interaction.id,
                customer_id=customer_id,
                kind=kind,
                occurred_at=when,
                agent=contact.agent,
            )
        )
    _change_statuses(session, customer_id, contact.changes)
    session.flush()
    return LoggedContact(
        customer_id=customer_id,
        interaction_id=interaction.id,
        facts_added=len(contact.facts),
        commitments_added=len(contact.promises),
        statuses_changed=len(contact.changes),
        overrides_recorded=len(contact.overrides),
        contacts_7d=_contacts_7d(session, customer_id, now),
    )


def contact_by_key(session: Session, key: str) -> tuple[int, int] | None:
    """(interaction id, customer id) of the contact saved under `key`, if any."""
    row = session.exec(
        select(Interaction.id, Interaction.customer_id).where(col(Interaction.contact_key) == key)
    ).first()
    return None if row is None or row[0] is None else (row[0], row[1])


def _already_saved(
    session: Session, contact: Contact, saved: tuple[int, int], now: datetime
) -> LoggedContact:
    interaction_id, saved_for = saved
    if saved_for != contact.customer_id:
        # A key is one wrap-up; reusing it for someone else would silently drop a contact.
        raise InputError(f"the contact key {contact.key} was already used for another contact")
    return LoggedContact(
        customer_id=saved_for,
        interaction_id=interaction_id,
        facts_added=0,
        commitments_added=0,
        statuses_changed=0,
        contacts_7d=_contacts_7d(session, saved_for, now),
        already_saved=True,
    )


def _change_statuses(
    session: Session, customer_id: int, changes: Mapping[int, CommitmentStatus]
) -> None:
    if not changes:
        return
    found = session.exec(
        select(Commitment).where(
            col(Commitment.id).in_(list(changes)), col(Commitment.customer_id) == customer_id
        )
    ).all()
    missing = sorted(set(changes) - {c.id for c in found})
    if missing:
        # Another customer's promise is as unknown here as one that does not exist.
        listed = ", ".join(map(str, missing))
        raise NotFoundError(f"customer {customer_id} has no commitment with id {listed}")
    for commitment in found:
        assert commitment.id is not None
        commitment.status = changes[commitment.id].value
        session.add(commitment)


def _contacts_7d(session: Session, customer_id: int, now: datetime) -> int:
    """Contacts in the 7 days up to `now`, counted as the story counts them."""
    started = col(Interaction.started_at)
    count = session.exec(
        select(func.count())
        .select_from(Interaction)
        .where(
            col(Interaction.customer_id) == customer_id,
            started >= now - timedelta(days=7),
            started <= now,
        )
    ).one()
    return int(count)
