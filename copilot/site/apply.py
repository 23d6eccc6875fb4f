"""Applying one desk operation on the site server, inside one server transaction.

Idempotent, so that an operation sent twice (the desk crashed after the server committed and
before it deleted the operation from its outbox) is harmless: contacts are keyed by their
`contact_key`, customers, facts and promises by their `uid`, and rows are inserted with
`ON CONFLICT DO NOTHING`. Conflicts are settled by rule and never lost:

- contacts and facts are append-only (a key or uid already there is the same row);
- a promise that is `done` or `broken` never goes back to `open`, and the first close stands;
- two edits of the same field (a name, a salutation, a fact's text): the one made later on
  its desk (`edited_at`) wins, and the other is kept in `sync_conflict`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy import and_, or_
from sqlalchemy.dialects.postgresql import insert
from sqlmodel import Session, col, select

from copilot.errors import IdentityConflictError, InputError, NotFoundError
from copilot.storage.kinds import CommitmentStatus, as_utc, utc_now
from copilot.storage.models import (
    Commitment,
    ComplianceOverride,
    Customer,
    Erasure,
    Fact,
    Identifier,
    Interaction,
    SyncConflict,
    table_of,
)

Payload = dict[str, Any]

CUSTOMER = table_of(Customer)
IDENTIFIER = table_of(Identifier)
INTERACTION = table_of(Interaction)
FACT = table_of(Fact)
COMMITMENT = table_of(Commitment)
OVERRIDE = table_of(ComplianceOverride)
CLOSED = (CommitmentStatus.done.value, CommitmentStatus.broken.value)


class ErasedOnSite(Exception):
    """The operation's customer was erased on the site: it is dropped, never re-created."""


def when(text: str | None) -> datetime | None:
    return None if text is None else as_utc(datetime.fromisoformat(text))


def apply_operation(session: Session, kind: str, payload: Payload) -> str | None:
    """Apply one outbox operation; the site's uid for the operation's customer when it is not
    the desk's (the desk then re-keys its cache), else None."""
    handler = _HANDLERS.get(kind)
    if handler is None:
        raise InputError(f"unknown outbox operation {kind!r}")
    return handler(session, payload)


def _customer(session: Session, uid: str) -> Customer:
    found = session.exec(select(Customer).where(col(Customer.uid) == uid)).first()
    if found is not None:
        return found
    if session.get(Erasure, uid) is not None:
        raise ErasedOnSite(uid)
    raise NotFoundError(f"customer {uid} is not on the site")


def _conflict(session: Session, entity: str, uid: str, field: str, **values: Any) -> None:
    session.add(SyncConflict(at=utc_now(), entity=entity, entity_uid=uid, field=field, **values))


# --- customers -------------------------------------------------------------------------------


def _create_customer(session: Session, p: Payload) -> str | None:
    uid: str = p["customer"]
    pairs = [(str(kind), str(value)) for kind, value in p["identifiers"]]
    campaign = str(p["campaign"])
    known = session.exec(select(Customer).where(col(Customer.uid) == uid)).first()
    if known is not None:
        # Sent before, or the desk already learnt this uid from the site: its identifiers join.
        _add_pairs(session, known.id, pairs, known.campaign)
        return None
    if session.get(Erasure, uid) is not None:
        raise ErasedOnSite(uid)
    owners = _owners(session, pairs, campaign)
    if len(set(owners.values())) > 1:
        listed = ", ".join(f"{k} {v}" for k, v in owners)
        raise IdentityConflictError(
            f"the identifiers of new customer {uid} ({listed}) belong to different customers "
            "on the site; merge them there",
            tuple(sorted(set(owners.values()))),
        )
    if owners:
        # Another desk created this person first: one customer, the site's.
        existing = session.get(Customer, next(iter(owners.values())))
        assert existing is not None
        if not existing.name and p["name"]:
            existing.name = p["name"]
            session.add(existing)
        _add_pairs(session, existing.id, pairs, campaign)
        return existing.uid
    row = {
        "uid": uid,
        "name": p["name"],
        "salutation": p.get("salutation") or "",
        "campaign": campaign,
        "created_at": when(p["created_at"]) or utc_now(),
    }
    created = session.execute(
        insert(CUSTOMER).values(**row).on_conflict_do_nothing().returning(CUSTOMER.c.id)
    ).scalar()
    if created is None:
        raise _Retry("customer created at the same moment elsewhere")
    _add_pairs(session, created, pairs, campaign, fresh=True)
    return None


class _Retry(Exception):
    """Lost a race to another writer inside this transaction; the whole operation retries
    (and then finds the other writer's row)."""


def _owners(session: Session, pairs: list[tuple[str, str]], campaign: str) -> dict[Any, int]:
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


def _add_pairs(
    session: Session,
    customer_id: int | None,
    pairs: list[tuple[str, str]],
    campaign: str,
    *,
    fresh: bool = False,
) -> None:
    """Give the customer these identifiers; `fresh`: a customer this transaction created,
    so an identifier someone else holds now was taken a moment ago by a concurrent writer
    (retry: the match then finds theirs)."""
    for kind, value in pairs:
        inserted = session.execute(
            insert(IDENTIFIER)
            .values(kind=kind, value=value, campaign=campaign, customer_id=customer_id)
            .on_conflict_do_nothing()
            .returning(IDENTIFIER.c.customer_id)
        ).scalar()
        if inserted is None:
            owner = _owners(session, [(kind, value)], campaign).get((kind, value))
            if owner is None or (fresh and owner != customer_id):
                raise _Retry("identifier removed at the same moment elsewhere")
            if owner != customer_id:
                raise IdentityConflictError(
                    f"{kind} {value} already belongs to another customer on the site; "
                    "merge them there",
                    tuple(sorted({owner, customer_id or 0})),
                )


def _rename_customer(session: Session, p: Payload) -> None:
    customer = _customer(session, p["customer"])
    edited = when(p["edited_at"]) or utc_now()
    fields = {"name": p["name"]}
    if p.get("salutation") is not None:
        fields["salutation"] = p["salutation"]
    stored = customer.edited_at
    if stored is not None and stored > edited:
        for field, value in fields.items():
            if getattr(customer, field) != value:  # the site's later edit stays
                _conflict(
                    session,
                    "customer",
                    customer.uid or "",
                    field,
                    kept=getattr(customer, field),
                    discarded=value,
                    discarded_at=edited,
                    by=p.get("by", ""),
                )
        return
    if stored == edited:
        return  # this very edit, sent twice
    for field, value in fields.items():
        old = getattr(customer, field)
        if old != value and stored is not None:  # an earlier edit gives way: keep its value
            _conflict(
                session,
                "customer",
                customer.uid or "",
                field,
                kept=value,
                discarded=old,
                discarded_at=stored,
                by="",
            )
        setattr(customer, field, value)
    customer.edited_at = edited
    session.add(customer)


def _add_identifier(session: Session, p: Payload) -> None:
    customer = _customer(session, p["customer"])
    _add_pairs(session, customer.id, [(p["kind"], p["value"])], customer.campaign)


def _remove_identifier(session: Session, p: Payload) -> None:
    customer = _customer(session, p["customer"])
    rows = session.exec(select(Identifier).where(col(Identifier.customer_id) == customer.id)).all()
    target = [r for r in rows if (r.kind, r.value) == (p["kind"], p["value"])]
    if target and len(rows) > 1:  # never the last one: they could not be found again
        session.delete(target[0])


# --- a wrap-up -------------------------------------------------------------------------------


def _log_contact(session: Session, p: Payload) -> None:
    customer = _customer(session, p["customer"])
    started = when(p["started_at"]) or utc_now()
    interaction_id = session.execute(
        insert(INTERACTION)
        .values(
            customer_id=customer.id,
            contact_key=p["contact_key"],
            channel=p["channel"],
            direction="inbound",
            agent=p["agent"],
            summary=p["summary"],
            outcome=p["outcome"],
            industry=p["industry"],
            reason_code=p.get("reason_code", ""),
            handle_seconds=p.get("handle_seconds"),
            identity_verified=bool(p.get("identity_verified")),
            started_at=started,
        )
        .on_conflict_do_nothing()
        .returning(INTERACTION.c.id)
    ).scalar()
    if interaction_id is None:
        return  # this contact arrived before: its facts, promises and closes with it
    for fact in p["facts"]:
        _insert_fact(session, customer.id, fact["uid"], fact["text"], p["agent"], started)
    for promise in p["promises"]:
        _insert_promise(
            session,
            customer.id,
            promise["uid"],
            promise["text"],
            when(promise["due_at"]),
            p["agent"],
            started,
        )
    for kind, at in p["overrides"]:
        session.execute(
            insert(OVERRIDE).values(
                interaction_id=interaction_id,
                customer_id=customer.id,
                kind=kind,
                occurred_at=when(at),
                agent=p["agent"],
            )
        )
    for uid, status in p["changes"].items():
        _set_status(session, uid, status, p.get("by", ""))


def _insert_fact(
    session: Session,
    customer_id: Any,
    uid: str,
    text: str,
    by: str,
    at: datetime,
    *,
    expires_at: datetime | None = None,
    critical: bool = False,
) -> None:
    session.execute(
        insert(FACT)
        .values(
            uid=uid,
            customer_id=customer_id,
            text=text,
            created_by=by,
            created_at=at,
            expires_at=expires_at,
            critical=critical,
        )
        .on_conflict_do_nothing()
    )


def _insert_promise(
    session: Session,
    customer_id: Any,
    uid: str,
    text: str,
    due: datetime | None,
    by: str,
    at: datetime,
) -> None:
    session.execute(
        insert(COMMITMENT)
        .values(
            uid=uid,
            customer_id=customer_id,
            text=text,
            due_at=due or at,
            status=CommitmentStatus.open.value,
            made_by=by,
            created_at=at,
        )
        .on_conflict_do_nothing()
    )


# --- facts and promises ----------------------------------------------------------------------


def _add_fact(session: Session, p: Payload) -> None:
    customer = _customer(session, p["customer"])
    _insert_fact(
        session,
        customer.id,
        p["fact"],
        p["text"],
        p["created_by"],
        when(p["created_at"]) or utc_now(),
        expires_at=when(p["expires_at"]),
        critical=bool(p["critical"]),
    )


def _update_fact(session: Session, p: Payload) -> None:
    fact = session.exec(select(Fact).where(col(Fact.uid) == p["fact"])).first()
    if fact is None:
        _customer(session, p["customer"])  # erased: dropped; else the fact was removed
        return  # removed on another desk: an edit of nothing
    edited = when(p["edited_at"]) or utc_now()
    stored = fact.edited_at
    if stored == edited:
        return  # this very edit, sent twice
    if stored is not None and stored > edited:
        if fact.text != p["text"]:
            _conflict(
                session,
                "fact",
                fact.uid or "",
                "text",
                kept=fact.text,
                discarded=p["text"],
                discarded_at=edited,
                by=p.get("by", ""),
            )
        return
    if stored is not None and fact.text != p["text"]:
        _conflict(
            session,
            "fact",
            fact.uid or "",
            "text",
            kept=p["text"],
            discarded=fact.text,
            discarded_at=stored,
            by="",
        )
    fact.text = p["text"]
    if "expires_at" in p:
        fact.expires_at = when(p["expires_at"])
    if "critical" in p:
        fact.critical = bool(p["critical"])
    fact.edited_at = edited
    session.add(fact)


def _remove_fact(session: Session, p: Payload) -> None:
    fact = session.exec(select(Fact).where(col(Fact.uid) == p["fact"])).first()
    if fact is not None:
        session.delete(fact)


def _add_commitment(session: Session, p: Payload) -> None:
    customer = _customer(session, p["customer"])
    _insert_promise(
        session,
        customer.id,
        p["commitment"],
        p["text"],
        when(p["due_at"]),
        p["made_by"],
        when(p["created_at"]) or utc_now(),
    )


def _set_commitment_status(session: Session, p: Payload) -> None:
    _customer(session, p["customer"])
    _set_status(session, p["commitment"], p["status"], p.get("by", ""))


def _set_status(session: Session, uid: str, status: str, by: str) -> None:
    promise = session.exec(select(Commitment).where(col(Commitment.uid) == uid)).first()
    if promise is None:
        raise NotFoundError(f"promise {uid} is not on the site")
    new = CommitmentStatus(status).value
    if promise.status == new:
        return
    if promise.status in CLOSED:
        # Closed stays closed, and the first close stands; the other desk's word is kept.
        _conflict(
            session,
            "commitment",
            uid,
            "status",
            kept=promise.status,
            discarded=new,
            discarded_at=utc_now(),
            by=by,
        )
        return
    promise.status = new
    session.add(promise)


_HANDLERS: dict[str, Callable[[Session, Payload], str | None]] = {
    "create_customer": _create_customer,
    "rename_customer": _rename_customer,
    "add_identifier": _add_identifier,
    "remove_identifier": _remove_identifier,
    "log_contact": _log_contact,
    "add_fact": _add_fact,
    "update_fact": _update_fact,
    "remove_fact": _remove_fact,
    "add_commitment": _add_commitment,
    "set_commitment_status": _set_commitment_status,
}

RETRYABLE = (_Retry,)
