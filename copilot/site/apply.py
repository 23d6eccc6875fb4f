"""Applying one desk operation on the site server, inside one server transaction.

Idempotent, so that an operation sent twice (the desk crashed after the server committed and
before it deleted the operation from its outbox) is harmless: contacts are keyed by their
`contact_key`, customers, facts and promises by their `uid`, and rows are inserted only when
new (`Dialect.insert_new`: `ON CONFLICT DO NOTHING` on PostgreSQL). Conflicts are settled by
rule and never lost:

- contacts and facts are append-only (a key or uid already there is the same row);
- a promise that is `done` or `broken` never goes back to `open`, and the first close stands;
- two edits of the same field (a name, a salutation, a fact's text): the one made later on
  its desk (`edited_at`) wins, and the other is kept in `sync_conflict`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import insert
from sqlmodel import Session, col, select

from copilot.errors import InputError, NotFoundError
from copilot.storage import customers
from copilot.storage.dialects.base import Dialect
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

INTERACTION = table_of(Interaction)
FACT = table_of(Fact)
COMMITMENT = table_of(Commitment)
OVERRIDE = table_of(ComplianceOverride)
CLOSED = (CommitmentStatus.done.value, CommitmentStatus.broken.value)


class ErasedOnSite(Exception):
    """The operation's customer was erased on the site: it is dropped, never re-created."""


def when(text: str | None) -> datetime | None:
    return None if text is None else as_utc(datetime.fromisoformat(text))


@dataclass(frozen=True)
class Op:
    """Where an operation is applied: the server transaction and its database's dialect."""

    session: Session
    dialect: Dialect

    def scope(self, campaign: str) -> customers.Scope:
        return customers.Scope(campaign=campaign, dialect=self.dialect)

    def insert_new(self, table: Any, row: dict[str, Any], unique: str) -> bool:
        return self.dialect.insert_new(self.session, table, row, unique=(unique,))


def apply_operation(
    session: Session, kind: str, payload: Payload, *, dialect: Dialect
) -> str | None:
    """Apply one outbox operation; the site's uid for the operation's customer when it is not
    the desk's (the desk then re-keys its cache), else None."""
    handler = _HANDLERS.get(kind)
    if handler is None:
        raise InputError(f"unknown outbox operation {kind!r}")
    return handler(Op(session, dialect), payload)


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


def _create_customer(op: Op, p: Payload) -> str | None:
    """The desk's new customer: the one with its uid if the site has it already (sent before),
    else the one its identifiers name in the campaign (another desk created them first: the
    desk re-keys to the site's uid), else a new one with the desk's uid. Identity is decided
    by the storage layer's concurrency-safe functions, as for any writer on the site."""
    uid: str = p["customer"]
    pairs = [(str(kind), str(value)) for kind, value in p["identifiers"]]
    known = op.session.exec(select(Customer).where(col(Customer.uid) == uid)).first()
    if known is not None:
        _join(op, known, pairs)  # sent before: any identifier the desk added since joins too
        return None
    if op.session.get(Erasure, uid) is not None:
        raise ErasedOnSite(uid)
    created_at = when(p["created_at"]) or utc_now()
    site_id, created = customers.match_or_create(
        op.session,
        customer_id=None,
        pairs=pairs,
        name=p["name"],
        clock=lambda: created_at,
        scope=op.scope(str(p["campaign"])),
    )
    customer = customers.require(op.session, site_id)
    if not created:
        return customer.uid
    customer.uid = uid  # the same customer on the desk and on the site
    customer.salutation = p.get("salutation") or ""
    op.session.add(customer)
    op.session.flush()
    return None


def _join(op: Op, customer: Customer, pairs: list[tuple[str, str]]) -> None:
    """Give `customer` these identifiers (one someone else holds is a conflict, refused)."""
    assert customer.id is not None
    scope = op.scope(customer.campaign)
    for pair in pairs:
        customers.add_identifier(op.session, customer_id=customer.id, pair=pair, scope=scope)


def _rename_customer(op: Op, p: Payload) -> None:
    session = op.session
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


def _add_identifier(op: Op, p: Payload) -> None:
    _join(op, _customer(op.session, p["customer"]), [(p["kind"], p["value"])])


def _remove_identifier(op: Op, p: Payload) -> None:
    session = op.session
    customer = _customer(session, p["customer"])
    rows = session.exec(select(Identifier).where(col(Identifier.customer_id) == customer.id)).all()
    target = [r for r in rows if (r.kind, r.value) == (p["kind"], p["value"])]
    if target and len(rows) > 1:  # never the last one: they could not be found again
        session.delete(target[0])


# --- a wrap-up -------------------------------------------------------------------------------


def _log_contact(op: Op, p: Payload) -> None:
    session = op.session
    customer = _customer(session, p["customer"])
    started = when(p["started_at"]) or utc_now()
    row = {
        "customer_id": customer.id,
        "contact_key": p["contact_key"],
        "channel": p["channel"],
        "direction": "inbound",
        "agent": p["agent"],
        "summary": p["summary"],
        "outcome": p["outcome"],
        "industry": p["industry"],
        "reason_code": p.get("reason_code", ""),
        "handle_seconds": p.get("handle_seconds"),
        "identity_verified": bool(p.get("identity_verified")),
        "started_at": started,
    }
    if not op.insert_new(INTERACTION, row, "contact_key"):
        return  # this contact arrived before: its facts, promises and closes with it
    interaction_id = session.exec(
        select(Interaction.id).where(col(Interaction.contact_key) == p["contact_key"])
    ).one()
    for fact in p["facts"]:
        _insert_fact(op, customer.id, uid=fact["uid"], text=fact["text"], by=p["agent"], at=started)
    for promise in p["promises"]:
        _insert_promise(
            op,
            customer.id,
            uid=promise["uid"],
            text=promise["text"],
            due=when(promise["due_at"]),
            by=p["agent"],
            at=started,
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
    op: Op,
    customer_id: Any,
    *,
    uid: str,
    text: str,
    by: str,
    at: datetime,
    expires_at: datetime | None = None,
    critical: bool = False,
) -> None:
    row = {
        "uid": uid,
        "customer_id": customer_id,
        "text": text,
        "created_by": by,
        "created_at": at,
        "expires_at": expires_at,
        "critical": critical,
    }
    op.insert_new(FACT, row, "uid")


def _insert_promise(
    op: Op, customer_id: Any, *, uid: str, text: str, due: datetime | None, by: str, at: datetime
) -> None:
    row = {
        "uid": uid,
        "customer_id": customer_id,
        "text": text,
        "due_at": due or at,
        "status": CommitmentStatus.open.value,
        "made_by": by,
        "created_at": at,
    }
    op.insert_new(COMMITMENT, row, "uid")


# --- facts and promises ----------------------------------------------------------------------


def _add_fact(op: Op, p: Payload) -> None:
    customer = _customer(op.session, p["customer"])
    _insert_fact(
        op,
        customer.id,
        uid=p["fact"],
        text=p["text"],
        by=p["created_by"],
        at=when(p["created_at"]) or utc_now(),
        expires_at=when(p["expires_at"]),
        critical=bool(p["critical"]),
    )


def _update_fact(op: Op, p: Payload) -> None:
    session = op.session
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


def _remove_fact(op: Op, p: Payload) -> None:
    session = op.session
    fact = session.exec(select(Fact).where(col(Fact.uid) == p["fact"])).first()
    if fact is not None:
        session.delete(fact)


def _add_commitment(op: Op, p: Payload) -> None:
    customer = _customer(op.session, p["customer"])
    _insert_promise(
        op,
        customer.id,
        uid=p["commitment"],
        text=p["text"],
        due=when(p["due_at"]),
        by=p["made_by"],
        at=when(p["created_at"]) or utc_now(),
    )


def _set_commitment_status(op: Op, p: Payload) -> None:
    session = op.session
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


_HANDLERS: dict[str, Callable[[Op, Payload], str | None]] = {
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
