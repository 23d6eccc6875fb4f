"""The desk's side of site mode: each write queued as an outbox operation, and the cache's
own upkeep (a customer re-keyed to the site's uid, an erased customer dropped).

Payloads name customers, facts and promises by `uid` and contacts by `contact_key`, never by
desk ids (they mean nothing on the server), and carry values the service already cleaned and
masked. Timestamps are the desk's own: the rule "the later edit wins" compares them.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import and_, delete, or_, update
from sqlmodel import Session, col, select

from copilot.storage.models import (
    Commitment,
    ComplianceOverride,
    Customer,
    Draft,
    Fact,
    Identifier,
    Interaction,
    Outbox,
)
from copilot.storage.wrapup import Contact

Payload = dict[str, Any]


def stamp(value: datetime | None) -> str | None:
    """A timestamp as a payload holds it (ISO 8601 with its offset)."""
    return None if value is None else value.isoformat()


class Journal:
    """Builds and queues the outbox operation for one write, inside the write's session.

    `by`: the desk's site login, recorded with an edit that loses a conflict.
    """

    def __init__(self, *, by: str, campaign: str = "") -> None:
        self.by = by
        self.campaign = campaign

    def queue(self, session: Session, kind: str, refs: dict[str, Any]) -> None:
        if kind != "create_customer" and self.campaign:
            self._adopt(session, _customer_of(session, refs))
        build = getattr(self, f"_{kind}")
        payload: Payload = build(session, **refs)
        payload["by"] = self.by
        session.add(Outbox(kind=kind, payload=json.dumps(payload, ensure_ascii=False)))

    def _adopt(self, session: Session, customer_id: int) -> None:
        """A customer this desk kept before it joined the site (campaign "") joins the desk's
        campaign, and the site, the first time the agent works with them in site mode: their
        creation is queued before the operation that needs them (their earlier contacts stay
        on this PC). Not when the campaign has their identifier already: the site's customer
        is the one to use, and the operation waits in the outbox with the site's refusal."""
        customer = _get(session, Customer, customer_id)
        if customer.campaign:
            return
        pairs = [tuple(pair) for pair in _pairs(session, customer_id)]
        if (
            pairs
            and session.exec(
                select(Identifier.id).where(
                    col(Identifier.campaign) == self.campaign,
                    col(Identifier.customer_id) != customer_id,
                    or_(
                        *(
                            and_(col(Identifier.kind) == k, col(Identifier.value) == v)
                            for k, v in pairs
                        )
                    ),
                )
            ).first()
        ):
            return
        customer.campaign = self.campaign
        session.add(customer)
        session.exec(
            update(Identifier)
            .where(col(Identifier.customer_id) == customer_id)
            .values(campaign=self.campaign)
        )
        session.flush()
        self.queue(session, "create_customer", {"customer_id": customer_id})

    # --- customers ---

    def _create_customer(self, session: Session, *, customer_id: int) -> Payload:
        # In the service's campaign (the desk's, from its enrolment), here and on the site.
        customer = _get(session, Customer, customer_id)
        return {
            "customer": customer.uid,
            "name": customer.name,
            "salutation": customer.salutation,
            "campaign": customer.campaign,
            "created_at": stamp(customer.created_at),
            "identifiers": _pairs(session, customer_id),
        }

    def _rename_customer(self, session: Session, *, customer_id: int, salutation: bool) -> Payload:
        customer = _get(session, Customer, customer_id)
        return {
            "customer": customer.uid,
            "name": customer.name,
            "salutation": customer.salutation if salutation else None,
            "edited_at": stamp(customer.edited_at),
        }

    def _add_identifier(
        self, session: Session, *, customer_id: int, pair: tuple[str, str]
    ) -> Payload:
        customer = _get(session, Customer, customer_id)
        session.flush()
        session.exec(
            update(Identifier)
            .where(col(Identifier.customer_id) == customer_id)
            .values(campaign=customer.campaign)
        )
        return {"customer": customer.uid, "kind": pair[0], "value": pair[1]}

    def _remove_identifier(
        self, session: Session, *, customer_id: int, pair: tuple[str, str]
    ) -> Payload:
        customer = _get(session, Customer, customer_id)
        return {"customer": customer.uid, "kind": pair[0], "value": pair[1]}

    # --- a wrap-up ---

    def _log_contact(self, session: Session, *, contact: Contact) -> Payload:
        customer = _get(session, Customer, contact.customer_id)
        started = session.exec(
            select(Interaction.started_at).where(col(Interaction.contact_key) == contact.key)
        ).one()
        changed = session.exec(
            select(Commitment.id, Commitment.uid).where(
                col(Commitment.id).in_(list(contact.changes))
            )
        ).all()
        uids = dict(changed)
        return {
            "customer": customer.uid,
            "contact_key": contact.key,
            "started_at": stamp(started),
            "channel": contact.channel,
            "agent": contact.agent,
            "summary": contact.summary,
            "outcome": contact.outcome,
            "industry": contact.industry,
            "reason_code": contact.reason_code,
            "handle_seconds": contact.handle_seconds,
            "identity_verified": contact.identity_verified,
            "facts": [
                {"uid": uid, "text": text}
                for text, uid in zip(contact.facts, contact.fact_uids, strict=True)
            ],
            "promises": [
                {"uid": uid, "text": text, "due_at": stamp(due)}
                for (text, due), uid in zip(contact.promises, contact.promise_uids, strict=True)
            ],
            "changes": {uids[i]: status.value for i, status in contact.changes.items()},
            "overrides": [[kind, stamp(at)] for kind, at in contact.overrides],
        }

    # --- facts and promises ---

    def _add_fact(self, session: Session, *, fact_id: int) -> Payload:
        fact = _get(session, Fact, fact_id)
        return {
            "customer": _uid_of(session, fact.customer_id),
            "fact": fact.uid,
            "text": fact.text,
            "created_by": fact.created_by,
            "created_at": stamp(fact.created_at),
            "expires_at": stamp(fact.expires_at),
            "critical": fact.critical,
        }

    def _update_fact(
        self, session: Session, *, fact_id: int, expires: bool, critical: bool
    ) -> Payload:
        fact = _get(session, Fact, fact_id)
        payload: Payload = {
            "customer": _uid_of(session, fact.customer_id),
            "fact": fact.uid,
            "text": fact.text,
            "edited_at": stamp(fact.edited_at),
        }
        if expires:
            payload["expires_at"] = stamp(fact.expires_at)
        if critical:
            payload["critical"] = fact.critical
        return payload

    def _remove_fact(self, session: Session, *, fact_id: int) -> Payload:
        fact = _get(session, Fact, fact_id)
        return {"customer": _uid_of(session, fact.customer_id), "fact": fact.uid}

    def _add_commitment(self, session: Session, *, commitment_id: int) -> Payload:
        promise = _get(session, Commitment, commitment_id)
        return {
            "customer": _uid_of(session, promise.customer_id),
            "commitment": promise.uid,
            "text": promise.text,
            "due_at": stamp(promise.due_at),
            "made_by": promise.made_by,
            "created_at": stamp(promise.created_at),
        }

    def _set_commitment_status(self, session: Session, *, commitment_id: int) -> Payload:
        promise = _get(session, Commitment, commitment_id)
        return {
            "customer": _uid_of(session, promise.customer_id),
            "commitment": promise.uid,
            "status": promise.status,
        }


def _get(session: Session, model: Any, row_id: int) -> Any:
    row = session.get(model, row_id)
    assert row is not None, f"{model.__name__} {row_id} vanished inside its own transaction"
    return row


def _customer_of(session: Session, refs: dict[str, Any]) -> int:
    """The desk id of the customer an operation's references point at."""
    if "customer_id" in refs:
        return int(refs["customer_id"])
    if "contact" in refs:
        return int(refs["contact"].customer_id)
    if "fact_id" in refs:
        return int(_get(session, Fact, refs["fact_id"]).customer_id)
    return int(_get(session, Commitment, refs["commitment_id"]).customer_id)


def _uid_of(session: Session, customer_id: int) -> str | None:
    return session.exec(select(Customer.uid).where(col(Customer.id) == customer_id)).one()


def _pairs(session: Session, customer_id: int) -> list[list[str]]:
    rows = session.exec(
        select(Identifier.kind, Identifier.value)
        .where(col(Identifier.customer_id) == customer_id)
        .order_by(col(Identifier.id))
    ).all()
    return [[kind, value] for kind, value in rows]


# --- the cache's upkeep ----------------------------------------------------------------------


def rekey(session: Session, old_uid: str, new_uid: str) -> None:
    """The site knows this desk's customer `old_uid` as `new_uid` (another desk made them
    first): the cached customer takes that uid, or joins the cached `new_uid` when both are
    here, and the operations still waiting name the site's uid."""
    if old_uid == new_uid:
        return
    old = session.exec(select(Customer).where(col(Customer.uid) == old_uid)).first()
    new = session.exec(select(Customer).where(col(Customer.uid) == new_uid)).first()
    if old is not None and new is None:
        old.uid = new_uid
        session.add(old)
    elif old is not None and new is not None:
        _merge_cached(session, old, new)
    for row in session.exec(select(Outbox).where(col(Outbox.payload).contains(old_uid))).all():
        # uids are 32 random hex digits: replacing the text cannot touch anything else.
        row.payload = row.payload.replace(old_uid, new_uid)
        session.add(row)
    session.flush()


def _merge_cached(session: Session, old: Customer, new: Customer) -> None:
    assert old.id is not None and new.id is not None
    kept = set(
        session.exec(
            select(Identifier.kind, Identifier.value).where(col(Identifier.customer_id) == new.id)
        ).all()
    )
    for identifier in session.exec(
        select(Identifier).where(col(Identifier.customer_id) == old.id)
    ).all():
        if (identifier.kind, identifier.value) in kept:
            session.delete(identifier)
        else:
            identifier.customer_id = new.id
            identifier.campaign = new.campaign
            session.add(identifier)
    session.flush()
    for model in (Interaction, Fact, Commitment, ComplianceOverride):
        session.exec(
            update(model).where(col(model.customer_id) == old.id).values(customer_id=new.id)
        )
    has_draft = session.exec(select(Draft.id).where(col(Draft.customer_id) == new.id)).first()
    if has_draft is None:
        session.exec(
            update(Draft).where(col(Draft.customer_id) == old.id).values(customer_id=new.id)
        )
    if not new.name and old.name:
        new.name = old.name
        session.add(new)
    session.exec(delete(Draft).where(col(Draft.customer_id) == old.id))
    session.exec(delete(Customer).where(col(Customer.id) == old.id))


def erase_cached(session: Session, uid: str) -> bool:
    """Drop an erased customer from the cache with everything of theirs, and the operations
    that still wait to send their data (the erasure wins); True when they were here."""
    for row in session.exec(select(Outbox).where(col(Outbox.payload).contains(uid))).all():
        session.delete(row)
    customer_id = session.exec(select(Customer.id).where(col(Customer.uid) == uid)).first()
    if customer_id is None:
        return False
    for model in (ComplianceOverride, Identifier, Interaction, Fact, Commitment, Draft):
        session.exec(delete(model).where(col(model.customer_id) == customer_id))
    session.exec(delete(Customer).where(col(Customer.id) == customer_id))
    return True


def queued_uids(session: Session) -> set[str]:
    """Every uid an operation still waiting names (rows the site has not seen yet)."""
    found: set[str] = set()
    for payload in session.exec(select(Outbox.payload)).all():
        found.update(_uids_in(json.loads(payload)))
    return found


def _uids_in(value: Any) -> set[str]:
    if isinstance(value, str):
        return {value} if len(value) == 32 else set()
    if isinstance(value, dict):
        return set().union(*(_uids_in(v) for v in (*value.values(), *value.keys())))
    if isinstance(value, list):
        return set().union(*(_uids_in(v) for v in value))
    return set()
