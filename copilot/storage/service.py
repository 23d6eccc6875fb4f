"""CustomerService: every read and write of customer memory, one unit of work per call.

Each method opens and closes its own session and returns the plain models of `schemas.py`,
so results can cross threads (the panel's workers) and outlive the session. Free text is
masked for card numbers, CVVs and OTPs before it is written, whoever the caller is
(`cleaning.Cleaner`, which every write path goes through).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from datetime import datetime
from enum import Enum
from typing import Any, Final

from sqlalchemy import delete, update
from sqlmodel import Session, col, select

from copilot.context.pii import mask_payment_secrets
from copilot.errors import InputError, NotFoundError
from copilot.storage import customers, mappers, reads, statements, wrapup
from copilot.storage.cleaning import Cleaner, aware
from copilot.storage.db import Database
from copilot.storage.found import Found
from copilot.storage.models import (
    AuditEvent,
    Commitment,
    ComplianceOverride,
    Customer,
    Draft,
    Erasure,
    Fact,
    Identifier,
    Interaction,
    SyncConflict,
    as_utc,
    encode_tags,
    new_uid,
    utc_now,
)
from copilot.storage.schemas import (
    AddInteractionResult,
    Channel,
    CommitmentIn,
    CommitmentRead,
    CommitmentStatus,
    CustomerRead,
    Direction,
    FactRead,
    IdentifierIn,
    Industry,
    InteractionCreate,
    LoggedContact,
    MergePreview,
    OverrideIn,
    SearchHit,
    Story,
)
from copilot.vocabulary import DEFAULT_REGION, MAX_LONG_TEXT

Clock = Callable[[], datetime]


class _Unchanged(Enum):
    UNCHANGED = "unchanged"


# "Leave it as it is": the default of optional fields in updates, where None means "clear it".
UNCHANGED: Final = _Unchanged.UNCHANGED


class CustomerService:
    """The store's use cases; see docs/ARCHITECTURE.md for the contract.

    The one facade the command line, the panel and the tests use. Its work is done by small
    modules: `cleaning` (every write's input), `customers` (identity and customer writes),
    `wrapup` (log_contact's transaction) and `reads` (customer, find, story, search).
    """

    def __init__(
        self,
        database: Database,
        *,
        default_region: str = DEFAULT_REGION,
        clock: Clock = utc_now,
        mask: Callable[[str], str] = mask_payment_secrets,
        campaign: str = "",
    ) -> None:
        self._db = database
        self._region = default_region
        self._clock = clock
        self._clean = Cleaner(region=default_region, mask=mask)
        # The client whose customers this service creates and matches identifiers within
        # (a site agent's campaign); "" on a desk on its own.
        self._campaign = self._clean.campaign(campaign)

    @property
    def _scope(self) -> customers.Scope:
        # Read at each call: the dialect belongs to the database (tests swap it).
        return customers.Scope(campaign=self._campaign, dialect=self._db.dialect)

    def _now(self) -> datetime:
        return as_utc(self._clock())

    def _journal(self, session: Session, kind: str, **refs: Any) -> None:
        """Called inside each write's transaction, after the change: a no-op on a desk of its
        own; site mode (`copilot.site.service`) queues the change for the site server here, so
        the cache and the outbox commit together or not at all."""

    # --- customers ---

    def count_customers(self) -> int:
        with self._db.reader() as reader:
            return int(reader.all(statements.COUNT_CUSTOMERS)[0][0])

    def has_customers(self) -> bool:
        """Whether the store holds anyone: one index probe, where counting reads every page."""
        with self._db.reader(snapshot=False) as reader:
            return bool(reader.all(statements.HAS_CUSTOMERS)[0][0])

    def get_customer(self, customer_id: int) -> CustomerRead:
        with self._db.reader() as reader:
            return reads.customer(reader, customer_id)

    def find(self, query: str, *, limit: int = 20) -> list[CustomerRead]:
        """Customers matching an identifier in any common format, its last 4+ digits, or a
        name (prefix, words, then within a typo or two), best first."""
        return [found.customer for found in self.find_matches(query, limit=limit)]

    def find_matches(self, query: str, *, limit: int = 20) -> list[Found]:
        """What `find` answers, each customer with how it matched (only an exact identifier
        is sure enough to open without the agent choosing)."""
        return reads.find(self._db, query, region=self._region, limit=limit)

    def create_customer(
        self, *, name: str, identifiers: Sequence[IdentifierIn] = ()
    ) -> CustomerRead:
        cleaned = self._clean.name(name)
        if not cleaned:
            raise InputError("a customer needs a name")
        pairs = self._clean.identifiers(identifiers)
        scope = self._scope

        def write(session: Session) -> int:
            created_id = customers.create(
                session, name=cleaned, pairs=pairs, clock=self._now, scope=scope
            )
            self._journal(session, "create_customer", customer_id=created_id)
            return created_id

        created_id = self._db.transact(write)
        return self.get_customer(created_id)

    def rename_customer(
        self, *, customer_id: int, name: str, salutation: str | None = None
    ) -> CustomerRead:
        """A new name and, when `salutation` is given ("" for unknown), how to address them."""
        cleaned = self._clean.name(name)
        if not cleaned:
            raise InputError("a customer needs a name")
        chosen = None if salutation is None else self._clean.salutation(salutation)
        with self._db.write() as session:
            customers.rename(session, customer_id=customer_id, name=cleaned, salutation=chosen)
            # When, for the rule that settles two desks' edits of the same name: the later wins.
            customers.require(session, customer_id).edited_at = self._now()
            self._journal(
                session, "rename_customer", customer_id=customer_id, salutation=chosen is not None
            )
        return self.get_customer(customer_id)

    def remove_identifier(self, *, customer_id: int, identifier: IdentifierIn) -> CustomerRead:
        """Take an identifier from a customer (never their last one)."""
        (pair,) = self._clean.identifiers([identifier])
        with self._db.write() as session:
            customers.remove_identifier(session, customer_id=customer_id, pair=pair)
            self._journal(session, "remove_identifier", customer_id=customer_id, pair=pair)
        return self.get_customer(customer_id)

    def add_identifier(self, *, customer_id: int, identifier: IdentifierIn) -> CustomerRead:
        (pair,) = self._clean.identifiers([identifier])
        scope = self._scope

        def write(session: Session) -> None:
            customers.add_identifier(session, customer_id=customer_id, pair=pair, scope=scope)
            self._journal(session, "add_identifier", customer_id=customer_id, pair=pair)

        self._db.transact(write)
        return self.get_customer(customer_id)

    # --- interactions ---

    def add_interaction(self, data: InteractionCreate) -> AddInteractionResult:
        """Log a contact: attach to the customer its identifiers match, or create one."""
        clean = self._clean
        pairs = clean.identifiers(data.identifiers)
        if data.customer_id is None and not pairs:
            raise InputError("an interaction needs a customer or at least one identifier")
        started_at = (
            self._now() if data.started_at is None else aware(data.started_at, "started_at")
        )
        name = clean.name(data.name)
        summary = clean.text(data.summary, "summary", required=False)
        notes = clean.text(data.notes, "notes", required=False)
        outcome = clean.outcome(data.outcome)
        scope = self._scope

        def write(session: Session) -> AddInteractionResult:
            customer_id, created = customers.match_or_create(
                session,
                customer_id=data.customer_id,
                pairs=pairs,
                name=name,
                clock=self._now,
                scope=scope,
            )
            interaction = Interaction(
                customer_id=customer_id,
                channel=Channel(data.channel).value,
                direction=Direction(data.direction).value,
                started_at=started_at,
                agent=clean.name(data.agent, "agent name"),
                summary=summary,
                notes=notes,
                outcome=outcome,
                tags=encode_tags(data.tags),
                industry=Industry(data.industry).value,
                client=clean.name(data.client, "client name"),
                helpdesk_ref=clean.reference(data.helpdesk_ref),
            )
            session.add(interaction)
            session.flush()
            assert interaction.id is not None
            return AddInteractionResult(
                customer_id=customer_id, interaction_id=interaction.id, created_customer=created
            )

        return self._db.transact(write)

    def log_contact(
        self,
        *,
        contact_key: str,
        customer_id: int,
        channel: Channel = Channel.phone,
        agent: str = "",
        summary: str = "",
        outcome: str = "",
        industry: Industry = Industry.general,
        facts: Sequence[str] = (),
        commitments: Sequence[CommitmentIn] = (),
        status_changes: Mapping[int, CommitmentStatus] | None = None,
        reason_code: str = "",
        handle_seconds: int | None = None,
        identity_verified: bool = False,
        overrides: Sequence[OverrideIn] = (),
    ) -> LoggedContact:
        """A wrap-up: the contact, its new facts and promises and the promises it settled,
        all in one transaction, so it is saved whole or not at all.

        `contact_key` is chosen by the caller once per wrap-up (a uuid4 hex) and kept across
        retries: when a contact with that key is already saved (the first attempt committed,
        then its answer was lost to a crash or a timeout), nothing is written again and the
        saved contact is returned with `already_saved=True`.

        `overrides` are the drafts copied past the compliance gate during the contact: their
        kinds and times only (the draft text is never recorded).
        """
        clean = self._clean
        contact = wrapup.Contact(
            key=clean.contact_key(contact_key),
            customer_id=customer_id,
            channel=Channel(channel).value,
            agent=clean.name(agent, "agent name"),
            summary=clean.text(summary, "summary", required=False),
            outcome=clean.outcome(outcome),
            industry=Industry(industry).value,
            facts=tuple(clean.text(text, "fact") for text in facts),
            promises=tuple(
                (clean.text(c.text, "commitment"), aware(c.due_at, "due_at")) for c in commitments
            ),
            changes={int(i): CommitmentStatus(s) for i, s in (status_changes or {}).items()},
            reason_code=clean.key(reason_code, "reason code", required=False),
            handle_seconds=clean.handle_seconds(handle_seconds),
            identity_verified=bool(identity_verified),
            overrides=tuple(
                (clean.key(o.kind, "override kind"), aware(o.at, "override time"))
                for o in overrides
            ),
        )
        contact = replace(
            contact,
            fact_uids=tuple(new_uid() for _ in contact.facts),
            promise_uids=tuple(new_uid() for _ in contact.promises),
        )
        return wrapup.save(
            self._db,
            contact,
            self._now,
            on_saved=lambda session: self._journal(session, "log_contact", contact=contact),
        )

    # --- facts ---

    def add_fact(
        self,
        *,
        customer_id: int,
        text: str,
        created_by: str,
        expires_at: datetime | None = None,
        critical: bool = False,
    ) -> FactRead:
        """A pinned fact; `critical` ones (accessibility, vulnerability, a legal or regulator
        complaint) stand out in the panel's header."""
        cleaned = self._clean.text(text, "fact")
        expiry = None if expires_at is None else aware(expires_at, "expires_at")
        with self._db.write() as session:
            customers.require(session, customer_id)
            fact = Fact(
                customer_id=customer_id,
                text=cleaned,
                created_by=self._clean.name(created_by, "author name"),
                created_at=self._now(),
                expires_at=expiry,
                critical=bool(critical),
            )
            session.add(fact)
            session.flush()
            self._journal(session, "add_fact", fact_id=fact.id)
            return _fact_read(fact)

    def update_fact(
        self,
        *,
        fact_id: int,
        text: str,
        expires_at: datetime | _Unchanged | None = UNCHANGED,
        critical: bool | None = None,
    ) -> FactRead:
        """Change a fact's text; its expiry changes only when `expires_at` is given (None
        clears it), so editing the words of a fact never makes it permanent by accident."""
        cleaned = self._clean.text(text, "fact")
        if isinstance(expires_at, datetime):
            expires_at = aware(expires_at, "expires_at")
        with self._db.write() as session:
            fact = session.get(Fact, fact_id)
            if fact is None:
                raise NotFoundError(f"no fact with id {fact_id}")
            fact.text = cleaned
            if expires_at is not UNCHANGED:
                fact.expires_at = expires_at
            if critical is not None:
                fact.critical = bool(critical)
            fact.edited_at = self._now()  # the later of two desks' edits wins
            session.add(fact)
            session.flush()
            self._journal(
                session,
                "update_fact",
                fact_id=fact_id,
                expires=expires_at is not UNCHANGED,
                critical=critical is not None,
            )
            return _fact_read(fact)

    def remove_fact(self, *, fact_id: int) -> None:
        with self._db.write() as session:
            fact = session.get(Fact, fact_id)
            if fact is None:
                raise NotFoundError(f"no fact with id {fact_id}")
            self._journal(session, "remove_fact", fact_id=fact_id)
            session.delete(fact)

    # --- commitments ---

    def add_commitment(
        self, *, customer_id: int, text: str, due_at: datetime, made_by: str
    ) -> CommitmentRead:
        cleaned = self._clean.text(text, "commitment")
        due = aware(due_at, "due_at")
        with self._db.write() as session:
            customers.require(session, customer_id)
            commitment = Commitment(
                customer_id=customer_id,
                text=cleaned,
                due_at=due,
                status=CommitmentStatus.open.value,
                made_by=self._clean.name(made_by, "author name"),
                created_at=self._now(),
            )
            session.add(commitment)
            session.flush()
            self._journal(session, "add_commitment", commitment_id=commitment.id)
            return _commitment_read(commitment, self._now())

    def set_commitment_status(
        self, *, commitment_id: int, status: CommitmentStatus
    ) -> CommitmentRead:
        new_status = CommitmentStatus(status)
        with self._db.write() as session:
            commitment = session.get(Commitment, commitment_id)
            if commitment is None:
                raise NotFoundError(f"no commitment with id {commitment_id}")
            commitment.status = new_status.value
            session.add(commitment)
            session.flush()
            self._journal(session, "set_commitment_status", commitment_id=commitment_id)
            return _commitment_read(commitment, self._now())

    # --- the story so far, and search ---

    def story(self, customer_id: int, *, limit: int = 10) -> Story:
        """What an agent must see before saying hello: five indexed queries, one snapshot."""
        return reads.story(self._db, customer_id, now=self._now(), limit=limit)

    def search(self, text: str, *, limit: int = 20) -> list[SearchHit]:
        """Full-text hits in summaries, notes and facts, newest first; any text is safe."""
        return reads.search(self._db, text, limit=limit)

    # --- merge and erase ---

    def merge_preview(self, *, keep_id: int, merge_id: int) -> MergePreview:
        """What `merge` would move from `merge_id` to `keep_id`, before anything moves."""
        if keep_id == merge_id:
            raise InputError("cannot merge a customer with itself")
        with self._db.write() as session:  # a snapshot of both, as merge would see them
            customers.require(session, keep_id)
            customers.require(session, merge_id)
            counts = customers.count_owned(session, merge_id)
        return MergePreview(
            keep=self.get_customer(keep_id),
            merge=self.get_customer(merge_id),
            identifiers=counts["identifier"],
            interactions=counts["interaction"],
            facts=counts["fact"],
            commitments=counts["commitment"],
        )

    def merge(self, *, keep_id: int, merge_id: int, by: str) -> CustomerRead:
        """Move everything of `merge_id` to `keep_id`, delete `merge_id`, and record it."""
        if keep_id == merge_id:
            raise InputError("cannot merge a customer with itself")
        with self._db.write() as session:
            keep = customers.require(session, keep_id)
            gone = customers.require(session, merge_id)
            counts: dict[str, Any] = {}
            for model in (Identifier, Interaction, Fact, Commitment, ComplianceOverride):
                result: Any = session.exec(
                    update(model)
                    .where(col(model.customer_id) == merge_id)
                    .values(customer_id=keep_id)
                )
                counts[model.__tablename__] = int(result.rowcount or 0)
            if not keep.name and gone.name:
                keep.name = gone.name
                session.add(keep)
            counts["draft"] = self._move_draft(session, merge_id, keep_id)
            session.delete(gone)
            session.add(
                AuditEvent(
                    at=self._now(),
                    actor=self._clean.name(by, "actor name"),
                    action="merge",
                    subject_ids=f"{keep_id},{merge_id}",
                    details=json.dumps({"kept": keep_id, "merged": merge_id, "moved": counts}),
                )
            )
        return self.get_customer(keep_id)

    @staticmethod
    def _move_draft(session: Session, from_id: int, to_id: int) -> int:
        """A merged customer's unsent reply joins the kept customer's (1 if there was one)."""
        moved = session.exec(select(Draft).where(col(Draft.customer_id) == from_id)).first()
        if moved is None:
            return 0
        kept = session.exec(select(Draft).where(col(Draft.customer_id) == to_id)).first()
        if kept is None:
            moved.customer_id = to_id
            session.add(moved)
        else:
            kept.text = f"{kept.text}\n\n{moved.text}"[:MAX_LONG_TEXT]
            session.add(kept)
            # A statement, not session.delete(): the customer's own delete may cascade first.
            session.exec(delete(Draft).where(col(Draft.id) == moved.id))
        session.flush()
        return 1

    def erase(self, *, customer_id: int, by: str) -> None:
        """Remove a customer and everything of theirs; the audit row keeps only ids and counts.

        Afterwards the write-ahead log is checkpointed and emptied: until then it still holds
        the pages as they were before the erase, readable to anyone with the key for as long
        as the panel keeps the file open.
        """
        with self._db.write() as session:
            erased = customers.require(session, customer_id)
            counts: dict[str, int] = {}
            # Edits that lost a conflict hold their values (a name, a fact): theirs go first,
            # while their facts and promises still say whose they are.
            if lost_edits := _erase_conflicts(session, erased):  # only ever on a site
                counts["sync_conflict"] = lost_edits
            # Explicit deletes rather than relying on ON DELETE CASCADE, which SQLite honours
            # only with foreign_keys=ON; the FTS triggers fire on each deleted row either way.
            for model in (Identifier, Interaction, Fact, Commitment, Draft):
                result: Any = session.exec(
                    delete(model).where(col(model.customer_id) == customer_id)
                )
                counts[model.__tablename__] = int(result.rowcount or 0)
            session.exec(delete(Customer).where(col(Customer.id) == customer_id))
            if erased.uid:
                # A tombstone (the uid alone): on a site server, desks erase their cached
                # copies at their next sync; on a desk it says nothing about the customer.
                session.merge(Erasure(customer_uid=erased.uid, at=self._now()))
            session.add(
                AuditEvent(
                    at=self._now(),
                    actor=self._clean.name(by, "actor name"),
                    action="erase",
                    subject_ids=str(customer_id),
                    details=json.dumps({"erased": customer_id, "removed": counts}),
                )
            )
        self._db.checkpoint()


def _erase_conflicts(session: Session, customer: Customer) -> int:
    """Delete the conflict records of a customer, their facts and their promises."""
    uids: list[str] = [customer.uid] if customer.uid else []
    for model in (Fact, Commitment):
        uids += [
            uid
            for uid in session.exec(
                select(model.uid).where(col(model.customer_id) == customer.id)
            ).all()
            if uid
        ]
    if not uids:
        return 0
    result: Any = session.exec(delete(SyncConflict).where(col(SyncConflict.entity_uid).in_(uids)))
    return int(result.rowcount or 0)


def _fact_read(fact: Fact) -> FactRead:
    return mappers.fact(mappers.row_of(fact))


def _commitment_read(commitment: Commitment, now: datetime) -> CommitmentRead:
    return mappers.commitment(mappers.row_of(commitment), now)
