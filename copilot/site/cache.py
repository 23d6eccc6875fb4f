"""What the desk keeps of the site: customers it found and stories it opened, read from the
server and stored in the desk's encrypted database (the cache) by `uid` and `contact_key`.

The panel always reads the cache; online, these functions refresh it first. The rules match
the server's (`site.apply`): contacts are append-only, a promise closed on the desk stays
closed while its close waits to be sent, the later edit of a name or a fact wins, and rows
this desk wrote but has not sent yet are never dropped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, or_, select
from sqlmodel import Session, col
from sqlmodel import select as orm_select

from copilot.site.outbox import rekey
from copilot.storage import statements
from copilot.storage.db import Database
from copilot.storage.kinds import CommitmentStatus, as_utc
from copilot.storage.models import (
    Commitment,
    ComplianceOverride,
    Customer,
    Fact,
    Identifier,
    Interaction,
    table_of,
)

CUSTOMER = table_of(Customer)
IDENTIFIER = table_of(Identifier)
INTERACTION = table_of(Interaction)
FACT = table_of(Fact)
COMMITMENT = table_of(Commitment)
OVERRIDE = table_of(ComplianceOverride)
# Contacts copied per story: the story shows ten; fifty cover its 7- and 30-day counts for
# nearly everyone (the counts themselves come from the server).
CONTACTS_KEPT = 50
_INTERACTION_FIELDS = (
    "contact_key", "channel", "direction", "agent", "summary", "notes", "outcome", "tags",
    "industry", "client", "helpdesk_ref", "reason_code", "handle_seconds", "identity_verified",
    "started_at",
)  # fmt: skip


@dataclass
class CustomerCopy:
    """A site customer as the desk stores it (no site ids: they mean nothing on the desk)."""

    uid: str
    name: str
    salutation: str
    campaign: str
    created_at: datetime
    edited_at: datetime | None
    identifiers: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class StoryCopy:
    """A customer's story on the site: rows keyed by uid or contact key, and the counts."""

    customer: CustomerCopy
    interactions: list[dict[str, Any]]
    overrides: list[dict[str, Any]]  # each with the contact_key of its contact
    facts: list[dict[str, Any]]
    commitments: list[dict[str, Any]]
    total: int
    last_7: int
    last_30: int


# --- reading the site ------------------------------------------------------------------------


def site_id_of(site: Database, uid: str) -> int | None:
    """The site's id for the customer `uid`, or None when the site does not have them."""
    with site.session() as session:
        found = session.execute(select(CUSTOMER.c.id).where(CUSTOMER.c.uid == uid)).first()
    return None if found is None else int(found[0])


def read_customers(site: Database, site_ids: Sequence[int]) -> list[CustomerCopy]:
    """The customers `site_ids` with their identifiers, in one read transaction."""
    if not site_ids:
        return []
    with site.session() as session:
        return _customers(session, site_ids)


def _customers(session: Session, site_ids: Sequence[int]) -> list[CustomerCopy]:
    rows = session.execute(select(CUSTOMER).where(CUSTOMER.c.id.in_(list(site_ids)))).mappings()
    copies = {
        row["id"]: CustomerCopy(
            uid=row["uid"],
            name=row["name"],
            salutation=row["salutation"],
            campaign=row["campaign"],
            created_at=as_utc(row["created_at"]),
            edited_at=row["edited_at"],
        )
        for row in rows
    }
    pairs = session.execute(
        select(IDENTIFIER.c.customer_id, IDENTIFIER.c.kind, IDENTIFIER.c.value)
        .where(IDENTIFIER.c.customer_id.in_(list(copies)))
        .order_by(IDENTIFIER.c.id)
    )
    for customer_id, kind, value in pairs:
        copies[customer_id].identifiers.append((kind, value))
    return [copies[i] for i in site_ids if i in copies]


def read_story(site: Database, site_id: int, *, now: datetime) -> StoryCopy | None:
    """Everything of the customer's story the desk keeps, in one read transaction."""
    with site.session() as session:
        found = _customers(session, [site_id])
        if not found:
            return None
        contacts = [
            dict(row)
            for row in session.execute(
                select(INTERACTION)
                .where(INTERACTION.c.customer_id == site_id)
                .order_by(INTERACTION.c.started_at.desc(), INTERACTION.c.id.desc())
                .limit(CONTACTS_KEPT)
            ).mappings()
        ]
        keys = {row["id"]: row["contact_key"] for row in contacts}
        overrides = [
            dict(row, contact_key=keys[row["interaction_id"]])
            for row in session.execute(
                select(OVERRIDE).where(OVERRIDE.c.interaction_id.in_(list(keys)))
            ).mappings()
        ]
        facts = _all(session, FACT, site_id)
        promises = _all(session, COMMITMENT, site_id)
        total, last_7, last_30 = session.execute(
            statements.STORY_COUNTS,
            {
                "c": site_id,
                "now": now,
                "d7": now - timedelta(days=7),
                "d30": now - timedelta(days=30),
            },
        ).one()
    return StoryCopy(found[0], contacts, overrides, facts, promises, total, last_7, last_30)


def _all(session: Session, table: Any, site_id: int) -> list[dict[str, Any]]:
    rows = session.execute(select(table).where(table.c.customer_id == site_id)).mappings()
    return [dict(row) for row in rows]


# --- storing in the cache --------------------------------------------------------------------


def store_customer(session: Session, copy: CustomerCopy) -> int:
    """Put a site customer in the cache (or refresh it); its desk id.

    A cached customer holding one of its identifiers in the same campaign is the same person
    (the site would have matched them too): it is re-keyed to the site's uid, or joined to it.
    """
    for uid in _cached_owners(session, copy):
        rekey(session, uid, copy.uid)
    cached = session.exec(orm_select(Customer).where(col(Customer.uid) == copy.uid)).first()
    if cached is None:
        cached = Customer(
            uid=copy.uid,
            name=copy.name,
            salutation=copy.salutation,
            campaign=copy.campaign,
            created_at=copy.created_at,
            edited_at=copy.edited_at,
        )
    elif _site_edit_wins(copy.edited_at, cached.edited_at):
        cached.name, cached.salutation = copy.name, copy.salutation
        cached.edited_at = copy.edited_at
    cached.campaign = copy.campaign
    session.add(cached)
    session.flush()
    assert cached.id is not None
    have = set(
        session.exec(
            orm_select(Identifier.kind, Identifier.value).where(
                col(Identifier.customer_id) == cached.id
            )
        ).all()
    )
    for kind, value in copy.identifiers:
        if (kind, value) not in have:
            session.add(
                Identifier(kind=kind, value=value, campaign=copy.campaign, customer_id=cached.id)
            )
    session.flush()
    return cached.id


def changed(session: Session, copies: Sequence[CustomerCopy]) -> list[CustomerCopy]:
    """The copies the cache does not already hold as they are (a find on every keystroke
    then writes nothing to the desk when nothing changed)."""
    if not copies:
        return []
    cached = {
        row.uid: row
        for row in session.exec(
            orm_select(Customer).where(col(Customer.uid).in_([c.uid for c in copies]))
        ).all()
    }
    pairs: dict[int | None, set[tuple[str, str]]] = {}
    ids = [row.id for row in cached.values()]
    for customer_id, kind, value in session.exec(
        orm_select(Identifier.customer_id, Identifier.kind, Identifier.value).where(
            col(Identifier.customer_id).in_(ids)
        )
    ).all():
        pairs.setdefault(customer_id, set()).add((kind, value))
    return [
        copy
        for copy in copies
        if (row := cached.get(copy.uid)) is None
        or (row.name, row.salutation, row.campaign) != (copy.name, copy.salutation, copy.campaign)
        or not set(copy.identifiers) <= pairs.get(row.id, set())
    ]


def _site_edit_wins(site: datetime | None, desk: datetime | None) -> bool:
    """The site's name stands unless this desk edited it later (that edit is on its way)."""
    return desk is None or (site is not None and as_utc(site) >= as_utc(desk))


def _cached_owners(session: Session, copy: CustomerCopy) -> list[str]:
    if not copy.identifiers:
        return []
    condition = or_(
        *(and_(col(Identifier.kind) == k, col(Identifier.value) == v) for k, v in copy.identifiers)
    )
    rows = session.exec(
        orm_select(Customer.uid)
        .join(Identifier, col(Identifier.customer_id) == col(Customer.id))
        .where(condition, col(Identifier.campaign) == copy.campaign, col(Customer.uid) != copy.uid)
        .distinct()
    ).all()
    return [uid for uid in rows if uid]


def store_story(session: Session, story: StoryCopy, queued: set[str]) -> int:
    """Put a customer's story in the cache; its desk id. `queued`: uids this desk wrote and
    has not sent yet (kept even though the site does not have them)."""
    customer_id = store_customer(session, story.customer)
    _store_contacts(session, customer_id, story)
    _store_facts(session, customer_id, story.facts, queued)
    _store_promises(session, customer_id, story.commitments, queued)
    session.flush()
    return customer_id


def _store_contacts(session: Session, customer_id: int, story: StoryCopy) -> None:
    keys = [row["contact_key"] for row in story.interactions]
    cached = {
        key: (row_id, owner)
        for key, row_id, owner in session.exec(
            orm_select(Interaction.contact_key, Interaction.id, Interaction.customer_id).where(
                col(Interaction.contact_key).in_(keys)
            )
        ).all()
    }
    added: dict[str, int] = {}
    for row in story.interactions:
        key = row["contact_key"]
        if key in cached:
            row_id, owner = cached[key]
            if owner != customer_id:  # merged on the site: the contact moved with its customer
                contact = session.get(Interaction, row_id)
                assert contact is not None
                contact.customer_id = customer_id
                session.add(contact)
            continue
        contact = Interaction(customer_id=customer_id, **{f: row[f] for f in _INTERACTION_FIELDS})
        session.add(contact)
        session.flush()
        assert contact.id is not None
        added[key] = contact.id
    for row in story.overrides:
        if row["contact_key"] in added:
            session.add(
                ComplianceOverride(
                    interaction_id=added[row["contact_key"]],
                    customer_id=customer_id,
                    kind=row["kind"],
                    occurred_at=row["occurred_at"],
                    agent=row["agent"],
                )
            )


def _store_facts(
    session: Session, customer_id: int, rows: list[dict[str, Any]], queued: set[str]
) -> None:
    on_site = {row["uid"]: row for row in rows}
    for fact in session.exec(orm_select(Fact).where(col(Fact.customer_id) == customer_id)).all():
        row = on_site.pop(fact.uid or "", None)
        if row is None:
            if fact.uid not in queued:
                session.delete(fact)  # removed on the site (or by another desk)
            continue
        if _site_edit_wins(row["edited_at"], fact.edited_at):
            fact.text, fact.edited_at = row["text"], row["edited_at"]
            fact.expires_at, fact.critical = row["expires_at"], row["critical"]
            session.add(fact)
    for row in on_site.values():
        _take_over(session, Fact, row, customer_id)


def _store_promises(
    session: Session, customer_id: int, rows: list[dict[str, Any]], queued: set[str]
) -> None:
    on_site = {row["uid"]: row for row in rows}
    for promise in session.exec(
        orm_select(Commitment).where(col(Commitment.customer_id) == customer_id)
    ).all():
        row = on_site.pop(promise.uid or "", None)
        if row is None:
            if promise.uid not in queued:
                session.delete(promise)
            continue
        # Closed stays closed: a close made here and not sent yet is not undone by the site.
        if not (promise.status != CommitmentStatus.open.value and row["status"] == "open"):
            promise.status = row["status"]
        promise.text, promise.due_at = row["text"], row["due_at"]
        session.add(promise)
    for row in on_site.values():
        _take_over(session, Commitment, row, customer_id)


def _take_over(session: Session, model: Any, row: dict[str, Any], customer_id: int) -> None:
    """A fact or promise the cache lacks; one cached under another customer (merged on the
    site) moves to this one."""
    existing = session.exec(orm_select(model).where(col(model.uid) == row["uid"])).first()
    values = {k: v for k, v in row.items() if k not in ("id", "customer_id")}
    if existing is None:
        session.add(model(customer_id=customer_id, **values))
    else:
        existing.customer_id = customer_id
        session.add(existing)
