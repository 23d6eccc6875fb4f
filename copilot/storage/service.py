"""CustomerService: every read and write of customer memory, one unit of work per call.

Each method opens and closes its own session and returns the plain models of `schemas.py`,
so results can cross threads (the panel's workers) and outlive the session. Free text is
masked for card numbers, CVVs and OTPs before it is written, whoever the caller is.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import datetime, timedelta
from enum import Enum
from typing import Any, Final

from sqlalchemy import and_, delete, func, or_, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from copilot.context.pii import mask_payment_secrets
from copilot.errors import IdentityConflictError, InputError, NotFoundError
from copilot.storage import mappers, statements
from copilot.storage.db import Database
from copilot.storage.dialects.base import Reader
from copilot.storage.identity import normalise
from copilot.storage.kinds import EPOCH, parse_timestamp
from copilot.storage.lookup import clamp_limit, customers_by_ids, find_customers, printable
from copilot.storage.models import (
    AuditEvent,
    Commitment,
    Customer,
    Draft,
    Fact,
    Identifier,
    Interaction,
    as_utc,
    encode_tags,
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
    IdentifierKind,
    Industry,
    InteractionCreate,
    LoggedContact,
    SearchHit,
    Story,
)
from copilot.vocabulary import MAX_LONG_TEXT, MAX_SHORT_TEXT

Clock = Callable[[], datetime]

# A contact key is chosen by the caller (the panel uses uuid4().hex): short, printable ASCII.
_CONTACT_KEY = re.compile(r"[!-~]{1,64}")


class _Unchanged(Enum):
    UNCHANGED = "unchanged"


# "Leave it as it is": the default of optional fields in updates, where None means "clear it".
UNCHANGED: Final = _Unchanged.UNCHANGED


def _aware(value: datetime, what: str) -> datetime:
    if value.tzinfo is None or value.utcoffset() is None:
        raise InputError(f"{what} needs a timezone (for example 2024-05-01T09:30+07:00)")
    return as_utc(value)


class CustomerService:
    """The store's use cases; see docs/ARCHITECTURE.md for the contract."""

    def __init__(
        self,
        database: Database,
        *,
        default_region: str = "ID",
        clock: Clock = utc_now,
        mask: Callable[[str], str] = mask_payment_secrets,
    ) -> None:
        self._db = database
        self._region = default_region
        self._clock = clock
        self._mask = mask

    # --- helpers ---

    def _now(self) -> datetime:
        return as_utc(self._clock())

    def _clean_text(self, text: str, what: str, *, required: bool = True) -> str:
        cleaned = printable(text).strip()
        if required and not cleaned:
            raise InputError(f"the {what} is empty")
        if len(cleaned) > MAX_LONG_TEXT:
            raise InputError(f"the {what} is too long ({len(cleaned)} characters)")
        # Masking happens here, at the last step before a write, so no caller can forget it.
        return self._mask(cleaned)

    def _clean_name(self, name: str, what: str = "name") -> str:
        cleaned = " ".join(printable(name).split())
        if len(cleaned) > MAX_SHORT_TEXT:
            raise InputError(f"the {what} is too long ({len(cleaned)} characters)")
        return cleaned

    def _clean_outcome(self, outcome: str) -> str:
        # An outcome is a short label; longer free text is cut rather than refused, since the
        # contact itself must still be logged.
        return self._clean_text(outcome, "outcome", required=False)[:MAX_SHORT_TEXT]

    def _normalise_all(self, identifiers: Iterable[IdentifierIn]) -> list[tuple[str, str]]:
        seen: list[tuple[str, str]] = []
        for ident in identifiers:
            kind = IdentifierKind(ident.kind)
            pair = (kind.value, normalise(kind, ident.value, self._region))
            if pair not in seen:
                seen.append(pair)
        return seen

    @staticmethod
    def _owners(session: Session, pairs: Sequence[tuple[str, str]]) -> dict[tuple[str, str], int]:
        if not pairs:
            return {}
        condition = or_(
            *(and_(col(Identifier.kind) == k, col(Identifier.value) == v) for k, v in pairs)
        )
        rows = session.exec(
            select(Identifier.kind, Identifier.value, Identifier.customer_id).where(condition)
        ).all()
        return {(kind, value): customer_id for kind, value, customer_id in rows}

    @staticmethod
    def _require_customer(session: Session, customer_id: int) -> Customer:
        customer = session.get(Customer, customer_id)
        if customer is None:
            raise NotFoundError(f"no customer with id {customer_id}")
        return customer

    @staticmethod
    def _customers(reader: Reader, ids: Sequence[int]) -> dict[int, CustomerRead]:
        """Read models for many customers in one query (customers joined to identifiers)."""
        return customers_by_ids(reader.all, ids)

    def _customer_read(self, reader: Reader, customer_id: int) -> CustomerRead:
        found = self._customers(reader, [customer_id]).get(customer_id)
        if found is None:
            raise NotFoundError(f"no customer with id {customer_id}")
        return found

    @staticmethod
    def _conflict(pairs: dict[tuple[str, str], int], ids: set[int]) -> IdentityConflictError:
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
            return self._customer_read(reader, customer_id)

    def find(self, query: str, *, limit: int = 20) -> list[CustomerRead]:
        """Customers matching an identifier in any common format, or a name (prefix/word)."""
        with self._db.reader(snapshot=False) as reader:
            return find_customers(
                reader.all,
                query,
                region=self._region,
                limit=clamp_limit(limit),
                ids_by_name=lambda text, n: self._db.customer_ids_by_name(reader, text, limit=n),
            )

    def create_customer(
        self, *, name: str, identifiers: Sequence[IdentifierIn] = ()
    ) -> CustomerRead:
        cleaned = self._clean_name(name)
        if not cleaned:
            raise InputError("a customer needs a name")
        pairs = self._normalise_all(identifiers)
        with self._db.write() as session:
            owners = self._owners(session, pairs)
            if owners:
                raise self._conflict(owners, set(owners.values()))
            customer = Customer(name=cleaned, created_at=self._now())
            session.add(customer)
            session.flush()
            assert customer.id is not None
            for kind, value in pairs:
                session.add(Identifier(kind=kind, value=value, customer_id=customer.id))
            session.flush()
            created_id = customer.id
        return self.get_customer(created_id)

    def add_identifier(self, *, customer_id: int, identifier: IdentifierIn) -> CustomerRead:
        (pair,) = self._normalise_all([identifier])
        with self._db.write() as session:
            self._require_customer(session, customer_id)
            owner = self._owners(session, [pair]).get(pair)
            if owner is not None and owner != customer_id:
                raise self._conflict({pair: owner}, {owner, customer_id})
            if owner is None:
                session.add(Identifier(kind=pair[0], value=pair[1], customer_id=customer_id))
        return self.get_customer(customer_id)

    # --- interactions ---

    def add_interaction(self, data: InteractionCreate) -> AddInteractionResult:
        """Log a contact: attach to the customer its identifiers match, or create one."""
        pairs = self._normalise_all(data.identifiers)
        if data.customer_id is None and not pairs:
            raise InputError("an interaction needs a customer or at least one identifier")
        started_at = (
            self._now() if data.started_at is None else _aware(data.started_at, "started_at")
        )
        name = self._clean_name(data.name)
        summary = self._clean_text(data.summary, "summary", required=False)
        notes = self._clean_text(data.notes, "notes", required=False)
        outcome = self._clean_outcome(data.outcome)
        # Everything below runs under BEGIN IMMEDIATE: two desks logging the first contact of
        # the same new number queue here, and the second one finds the first one's customer.
        with self._db.write() as session:
            owners = self._owners(session, pairs)
            matched = set(owners.values())
            if data.customer_id is not None:
                self._require_customer(session, data.customer_id)
                matched.add(data.customer_id)
            if len(matched) > 1:
                raise self._conflict(owners, matched)
            created = not matched
            if created:
                customer = Customer(name=name, created_at=self._now())
                session.add(customer)
                session.flush()
                assert customer.id is not None
                customer_id = customer.id
            else:
                (customer_id,) = matched
                existing = self._require_customer(session, customer_id)
                if name and not existing.name:
                    existing.name = name  # a number first seen without a name gets one
                    session.add(existing)
            for kind, value in pairs:
                if (kind, value) not in owners:
                    session.add(Identifier(kind=kind, value=value, customer_id=customer_id))
            interaction = Interaction(
                customer_id=customer_id,
                channel=Channel(data.channel).value,
                direction=Direction(data.direction).value,
                started_at=started_at,
                agent=self._clean_name(data.agent, "agent name"),
                summary=summary,
                notes=notes,
                outcome=outcome,
                tags=encode_tags(data.tags),
                industry=Industry(data.industry).value,
                client=self._clean_name(data.client, "client name"),
                helpdesk_ref=data.helpdesk_ref.strip()[:MAX_SHORT_TEXT],
            )
            session.add(interaction)
            session.flush()
            assert interaction.id is not None
            return AddInteractionResult(
                customer_id=customer_id, interaction_id=interaction.id, created_customer=created
            )

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
    ) -> LoggedContact:
        """A wrap-up: the contact, its new facts and promises and the promises it settled,
        all in one transaction, so it is saved whole or not at all.

        `contact_key` is chosen by the caller once per wrap-up (a uuid4 hex) and kept across
        retries: when a contact with that key is already saved (the first attempt committed,
        then its answer was lost to a crash or a timeout), nothing is written again and the
        saved contact is returned with `already_saved=True`.
        """
        key = contact_key.strip()
        if not _CONTACT_KEY.fullmatch(key):
            raise InputError("a contact key is 1 to 64 printable ASCII characters")
        interaction = Interaction(
            customer_id=customer_id,
            contact_key=key,
            channel=Channel(channel).value,
            direction=Direction.inbound.value,
            agent=self._clean_name(agent, "agent name"),
            summary=self._clean_text(summary, "summary", required=False),
            outcome=self._clean_outcome(outcome),
            industry=Industry(industry).value,
        )
        fact_texts = [self._clean_text(text, "fact") for text in facts]
        promises = [
            (self._clean_text(c.text, "commitment"), _aware(c.due_at, "due_at"))
            for c in commitments
        ]
        changes = {int(i): CommitmentStatus(s) for i, s in (status_changes or {}).items()}
        try:
            with self._db.write() as session:
                saved = self._contact_by_key(session, key)
                if saved is not None:
                    return self._already_saved(session, key, saved, customer_id)
                self._require_customer(session, customer_id)
                now = self._now()
                interaction.started_at = now
                session.add(interaction)
                # Flushed first: a second desk that saved the same key a moment ago (possible
                # where writers do not queue, as on a server database) fails here, not later.
                session.flush()
                assert interaction.id is not None
                for text in fact_texts:
                    session.add(
                        Fact(
                            customer_id=customer_id,
                            text=text,
                            created_by=interaction.agent,
                            created_at=now,
                        )
                    )
                for text, due in promises:
                    session.add(
                        Commitment(
                            customer_id=customer_id,
                            text=text,
                            due_at=due,
                            status=CommitmentStatus.open.value,
                            made_by=interaction.agent,
                            created_at=now,
                        )
                    )
                self._change_statuses(session, customer_id, changes)
                session.flush()
                return LoggedContact(
                    customer_id=customer_id,
                    interaction_id=interaction.id,
                    facts_added=len(fact_texts),
                    commitments_added=len(promises),
                    statuses_changed=len(changes),
                    contacts_7d=self._contacts_7d(session, customer_id, now),
                )
        except IntegrityError:
            # Lost the race for the key to another writer: their save is this contact.
            with self._db.write() as session:
                saved = self._contact_by_key(session, key)
                if saved is None:
                    raise
                return self._already_saved(session, key, saved, customer_id)

    @staticmethod
    def _contact_by_key(session: Session, key: str) -> tuple[int, int] | None:
        """(interaction id, customer id) of the contact saved under `key`, if any."""
        row = session.exec(
            select(Interaction.id, Interaction.customer_id).where(
                col(Interaction.contact_key) == key
            )
        ).first()
        return None if row is None or row[0] is None else (row[0], row[1])

    def _already_saved(
        self, session: Session, key: str, saved: tuple[int, int], customer_id: int
    ) -> LoggedContact:
        interaction_id, saved_for = saved
        if saved_for != customer_id:
            # A key is one wrap-up; reusing it for someone else would silently drop a contact.
            raise InputError(f"the contact key {key} was already used for another contact")
        return LoggedContact(
            customer_id=saved_for,
            interaction_id=interaction_id,
            facts_added=0,
            commitments_added=0,
            statuses_changed=0,
            contacts_7d=self._contacts_7d(session, saved_for, self._now()),
            already_saved=True,
        )

    @staticmethod
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

    @staticmethod
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

    # --- facts ---

    def add_fact(
        self,
        *,
        customer_id: int,
        text: str,
        created_by: str,
        expires_at: datetime | None = None,
    ) -> FactRead:
        cleaned = self._clean_text(text, "fact")
        expiry = None if expires_at is None else _aware(expires_at, "expires_at")
        with self._db.write() as session:
            self._require_customer(session, customer_id)
            fact = Fact(
                customer_id=customer_id,
                text=cleaned,
                created_by=self._clean_name(created_by, "author name"),
                created_at=self._now(),
                expires_at=expiry,
            )
            session.add(fact)
            session.flush()
            return _fact_read(fact)

    def update_fact(
        self,
        *,
        fact_id: int,
        text: str,
        expires_at: datetime | _Unchanged | None = UNCHANGED,
    ) -> FactRead:
        """Change a fact's text; its expiry changes only when `expires_at` is given (None
        clears it), so editing the words of a fact never makes it permanent by accident."""
        cleaned = self._clean_text(text, "fact")
        if isinstance(expires_at, datetime):
            expires_at = _aware(expires_at, "expires_at")
        with self._db.write() as session:
            fact = session.get(Fact, fact_id)
            if fact is None:
                raise NotFoundError(f"no fact with id {fact_id}")
            fact.text = cleaned
            if expires_at is not UNCHANGED:
                fact.expires_at = expires_at
            session.add(fact)
            session.flush()
            return _fact_read(fact)

    def remove_fact(self, *, fact_id: int) -> None:
        with self._db.write() as session:
            fact = session.get(Fact, fact_id)
            if fact is None:
                raise NotFoundError(f"no fact with id {fact_id}")
            session.delete(fact)

    # --- commitments ---

    def add_commitment(
        self, *, customer_id: int, text: str, due_at: datetime, made_by: str
    ) -> CommitmentRead:
        cleaned = self._clean_text(text, "commitment")
        due = _aware(due_at, "due_at")
        with self._db.write() as session:
            self._require_customer(session, customer_id)
            commitment = Commitment(
                customer_id=customer_id,
                text=cleaned,
                due_at=due,
                status=CommitmentStatus.open.value,
                made_by=self._clean_name(made_by, "author name"),
                created_at=self._now(),
            )
            session.add(commitment)
            session.flush()
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
            return _commitment_read(commitment, self._now())

    # --- the story so far ---

    def story(self, customer_id: int, *, limit: int = 10) -> Story:
        """What an agent must see before saying hello: five indexed queries, one snapshot."""
        limit = clamp_limit(limit)
        now = self._now()
        at = self._db.timestamp_param
        with self._db.reader() as reader:
            customer = self._customer_read(reader, customer_id)
            facts = reader.all(statements.STORY_FACTS, {"c": customer_id, "now": at(now)})
            commitments = reader.all(
                statements.STORY_PROMISES,
                {"c": customer_id, "open": CommitmentStatus.open.value},
            )
            total, last_7, last_30 = reader.all(
                statements.STORY_COUNTS,
                {
                    "c": customer_id,
                    "now": at(now),
                    "d7": at(now - timedelta(days=7)),
                    "d30": at(now - timedelta(days=30)),
                },
            )[0]
            interactions = reader.all(statements.STORY_CONTACTS, {"c": customer_id, "limit": limit})
        return Story(
            customer=customer,
            facts=tuple(mappers.fact(row) for row in facts),
            commitments=tuple(mappers.commitment(row, now) for row in commitments),
            contacts_7d=int(last_7),
            contacts_30d=int(last_30),
            interactions=tuple(mappers.interaction(row) for row in interactions),
            total_interactions=int(total),
        )

    # --- search ---

    def search(self, text: str, *, limit: int = 20) -> list[SearchHit]:
        """Full-text hits in summaries, notes and facts, newest first; any text is safe."""
        limit = clamp_limit(limit)
        with self._db.reader() as reader:
            rows = self._db.search_rows(reader, printable(text), limit=limit)
            customers = self._customers(reader, [int(row[2]) for row in rows])
        hits = [
            SearchHit(
                customer=customers[int(customer_id)],
                source=str(source),
                source_id=int(source_id),
                snippet=str(snippet or ""),
                started_at=parse_timestamp(when),
            )
            for source, source_id, customer_id, snippet, when in rows
            if int(customer_id) in customers
        ]
        hits.sort(key=lambda hit: hit.started_at or EPOCH, reverse=True)
        return hits[:limit]

    # --- merge and erase ---

    def merge(self, *, keep_id: int, merge_id: int, by: str) -> CustomerRead:
        """Move everything of `merge_id` to `keep_id`, delete `merge_id`, and record it."""
        if keep_id == merge_id:
            raise InputError("cannot merge a customer with itself")
        with self._db.write() as session:
            keep = self._require_customer(session, keep_id)
            gone = self._require_customer(session, merge_id)
            counts: dict[str, Any] = {}
            for model in (Identifier, Interaction, Fact, Commitment):
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
                    actor=self._clean_name(by, "actor name"),
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
            self._require_customer(session, customer_id)
            counts: dict[str, int] = {}
            # Explicit deletes rather than relying on ON DELETE CASCADE, which SQLite honours
            # only with foreign_keys=ON; the FTS triggers fire on each deleted row either way.
            for model in (Identifier, Interaction, Fact, Commitment, Draft):
                result: Any = session.exec(
                    delete(model).where(col(model.customer_id) == customer_id)
                )
                counts[model.__tablename__] = int(result.rowcount or 0)
            session.exec(delete(Customer).where(col(Customer.id) == customer_id))
            session.add(
                AuditEvent(
                    at=self._now(),
                    actor=self._clean_name(by, "actor name"),
                    action="erase",
                    subject_ids=str(customer_id),
                    details=json.dumps({"erased": customer_id, "removed": counts}),
                )
            )
        self._db.checkpoint()


def _fact_read(fact: Fact) -> FactRead:
    return mappers.fact(mappers.row_of(fact))


def _commitment_read(commitment: Commitment, now: datetime) -> CommitmentRead:
    return mappers.commitment(mappers.row_of(commitment), now)
