"""SQLModel table models of the customer store; they never leave `copilot.storage`.

Conventions other writers (the bulk loader, CSV import, demo data) rely on:

- Every timestamp column uses `UTCDateTime`: give it timezone-aware datetimes; it stores UTC
  (naive UTC text on SQLite, `timestamptz` elsewhere) and always reads back aware UTC values.
  Raw-SQL writers on SQLite must write `format_utc(dt)` text so ordering stays lexicographic.
- Enum-valued columns (kind, channel, direction, status, role, industry) hold the enum's
  string value (`Channel.phone.value`), not an SQL ENUM, so new values need no migration.
- `Identifier.value` is already normalised (`copilot.storage.identity.normalise`).
- `Customer.name_key` is `name_key(name)`; SQLAlchemy fills it when omitted, raw SQL must too.
- `Identifier.suffix` is `suffix_key(value)`; the same rule.
- `Interaction.tags` is `encode_tags(tags)` (a JSON array as text, "" for none).
- The full-text index is maintained by triggers (see the migration), so any insert, update or
  delete of interactions and facts, by any writer, keeps search in step.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import (
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy import false as sa_false
from sqlalchemy.engine import Dialect
from sqlalchemy.sql.type_api import TypeDecorator
from sqlmodel import Column, Field, SQLModel

# These live in `kinds` (no SQLAlchemy there); other modules import them from here too.
from copilot.storage.kinds import as_utc as as_utc
from copilot.storage.kinds import format_utc as format_utc
from copilot.storage.kinds import name_key as name_key
from copilot.storage.kinds import suffix_key as suffix_key
from copilot.storage.kinds import utc_now as utc_now


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp stored in UTC and read back timezone-aware.

    SQLite has no timezone type; storing naive UTC keeps text comparison equal to time order,
    which the (customer_id, started_at) index and the 7/30-day counts depend on.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        value = as_utc(value)
        if dialect.name == "sqlite":
            return value.replace(tzinfo=None)
        return value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return as_utc(value)


def _default_name_key(context: Any) -> str:
    return name_key(context.get_current_parameters().get("name") or "")


def _default_suffix(context: Any) -> str:
    return suffix_key(context.get_current_parameters().get("value") or "")


def new_uid() -> str:
    """A client-generated id (32 hex digits): the same row on the site and in a desk's cache."""
    return os.urandom(16).hex()  # uuid4's randomness without its object (bulk loads make millions)


def _uid_column() -> Any:
    # Nullable in the schema only because SQLite adds columns to existing tables that way; every
    # writer fills it (the migration backfilled the rows it found).
    return Field(
        default_factory=new_uid,
        sa_column=Column(String(32), nullable=True, default=new_uid),
    )


def encode_tags(tags: Iterable[str]) -> str:
    """Tags as stored: a JSON array, or "" for none (cheap for the bulk loader to write)."""
    cleaned = [t.strip() for t in tags if t and t.strip()]
    return json.dumps(cleaned, ensure_ascii=False) if cleaned else ""


def decode_tags(stored: str | None) -> tuple[str, ...]:
    if not stored:
        return ()
    try:
        loaded = json.loads(stored)
    except ValueError:
        # Tolerate a plain comma list written by hand or an older tool.
        return tuple(t.strip() for t in stored.split(",") if t.strip())
    return tuple(str(t) for t in loaded) if isinstance(loaded, list) else ()


def _timestamp(*, index: bool = False, nullable: bool = False) -> Any:
    return Field(
        default_factory=utc_now,
        # The column default too, so Core inserts (the bulk loader) get a timestamp.
        sa_column=Column(UTCDateTime(), nullable=nullable, index=index, default=utc_now),
    )


def _customer_fk(*, index: bool = True) -> Any:
    # ON DELETE CASCADE: erasing a customer takes everything of theirs in the same statement,
    # and the FTS triggers fire for the cascaded rows too.
    return Field(
        sa_column=Column(
            Integer,
            ForeignKey("customer.id", ondelete="CASCADE"),
            nullable=False,
            index=index,
        )
    )


# --- data models (shared fields) -------------------------------------------------------------


class CustomerBase(SQLModel):
    name: str = Field(default="", sa_type=String(200))
    # How to address them: a SALUTATIONS key ("bapak", "ibu", "mr", "ms"), "" when unknown.
    salutation: str = Field(
        default="", sa_type=String(16), sa_column_kwargs={"server_default": "", "default": ""}
    )


class IdentifierBase(SQLModel):
    kind: str = Field(sa_type=String(16))  # IdentifierKind value
    value: str = Field(sa_type=String(320))  # normalised


class InteractionBase(SQLModel):
    channel: str = Field(default="phone", sa_type=String(16))  # Channel value
    direction: str = Field(default="inbound", sa_type=String(16))  # Direction value
    agent: str = Field(default="", sa_type=String(200))
    summary: str = Field(default="", sa_type=Text)
    notes: str = Field(default="", sa_type=Text)
    outcome: str = Field(default="", sa_type=String(200))
    tags: str = Field(default="", sa_type=Text)  # encode_tags()
    industry: str = Field(default="general", sa_type=String(16))  # Industry value
    client: str = Field(default="", sa_type=String(200))
    helpdesk_ref: str = Field(default="", sa_type=String(200))
    # A contact's own key: the id the panel chose for a wrap-up, or an import row's natural key.
    # Unique, so a retry after a failure or a crash, or a second import of the same file,
    # never saves the contact twice. NULL for contacts logged before it existed.
    contact_key: str | None = Field(default=None, sa_type=String(64), nullable=True)
    # The wrap-up's reason code (a key of the industry pack's [reasons] table), how long the
    # agent had the customer open, and whether the caller's identity was verified.
    reason_code: str = Field(
        default="", sa_type=String(64), sa_column_kwargs={"server_default": "", "default": ""}
    )
    handle_seconds: int | None = Field(default=None, nullable=True)
    identity_verified: bool = Field(
        default=False, sa_column_kwargs={"server_default": sa_false(), "default": False}
    )


class FactBase(SQLModel):
    text: str = Field(sa_type=Text)
    created_by: str = Field(default="", sa_type=String(200))
    # Accessibility needs, vulnerability, a legal or regulator complaint: shown apart from
    # "prefers WhatsApp" in the panel's header.
    critical: bool = Field(
        default=False, sa_column_kwargs={"server_default": sa_false(), "default": False}
    )


class CommitmentBase(SQLModel):
    text: str = Field(sa_type=Text)
    status: str = Field(default="open", sa_type=String(16))  # CommitmentStatus value
    made_by: str = Field(default="", sa_type=String(200))


class AgentBase(SQLModel):
    name: str = Field(sa_type=String(200))
    role: str = Field(default="agent", sa_type=String(16))  # AgentRole value


class AuditEventBase(SQLModel):
    actor: str = Field(default="", sa_type=String(200))
    action: str = Field(sa_type=String(32))  # "merge", "erase", ...
    # Ids only ("12" or "12,40"): an audit row must never carry the personal data it records
    # the removal of.
    subject_ids: str = Field(default="", sa_type=String(200))
    details: str = Field(default="", sa_type=Text)  # JSON: counts and ids, no personal data


# --- table models ----------------------------------------------------------------------------


class Customer(CustomerBase, table=True):
    __tablename__ = "customer"
    # AUTOINCREMENT: an erased customer's id is never handed to the next new customer (who
    # would otherwise inherit whatever still points at that id, such as a draft on screen).
    __table_args__ = (
        Index("ux_customer_uid", "uid", unique=True),
        {"sqlite_autoincrement": True},
    )

    id: int | None = Field(default=None, primary_key=True)
    uid: str | None = _uid_column()
    name_key: str = Field(
        default=None,
        sa_column=Column(String(200), nullable=False, index=True, default=_default_name_key),
    )
    # The client (campaign) the customer belongs to; "" on a desk on its own. The site's
    # row-level security shows an agent only their campaigns.
    campaign: str = Field(
        default="",
        sa_column=Column(String(64), nullable=False, index=True, server_default="", default=""),
    )
    created_at: datetime = _timestamp()
    # When the name or salutation was last edited (None: never since creation); an older edit
    # arriving from a desk's outbox loses and is kept in `sync_conflict`.
    edited_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))


class Identifier(IdentifierBase, table=True):
    __tablename__ = "identifier"
    # The unique index doubles as the lookup index for find() and identity matching.
    __table_args__ = (
        UniqueConstraint("kind", "value", "campaign", name="uq_identifier_kind_value_campaign"),
        Index("ix_identifier_suffix", "suffix"),
    )

    id: int | None = Field(default=None, primary_key=True)
    customer_id: int = _customer_fk()
    # Its customer's campaign: an identifier is unique per campaign (two clients' records of
    # the same phone never mix).
    campaign: str = Field(
        default="",
        sa_column=Column(String(64), nullable=False, server_default="", default=""),
    )
    # The value's digits reversed, so "the last 4+ digits" is an indexed prefix range.
    suffix: str = Field(
        default=None,
        sa_column=Column(String(320), nullable=False, server_default="", default=_default_suffix),
    )


class Interaction(InteractionBase, table=True):
    __tablename__ = "interaction"
    __table_args__ = (
        # The story reads a customer's interactions newest first and counts recent ones.
        Index("ix_interaction_customer_started", "customer_id", "started_at"),
        Index("ux_interaction_contact_key", "contact_key", unique=True),
    )

    id: int | None = Field(default=None, primary_key=True)
    customer_id: int = _customer_fk(index=False)  # covered by ix_interaction_customer_started
    started_at: datetime = _timestamp()


class Fact(FactBase, table=True):
    __tablename__ = "fact"
    __table_args__ = (Index("ux_fact_uid", "uid", unique=True),)

    id: int | None = Field(default=None, primary_key=True)
    uid: str | None = _uid_column()
    customer_id: int = _customer_fk()
    created_at: datetime = _timestamp()
    edited_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
    expires_at: datetime | None = Field(
        default=None, sa_column=Column(UTCDateTime(), nullable=True)
    )


class Commitment(CommitmentBase, table=True):
    __tablename__ = "commitment"
    __table_args__ = (
        Index("ix_commitment_customer_status_due", "customer_id", "status", "due_at"),
        Index("ux_commitment_uid", "uid", unique=True),
    )

    id: int | None = Field(default=None, primary_key=True)
    uid: str | None = _uid_column()
    customer_id: int = _customer_fk(index=False)  # covered by the composite index
    due_at: datetime = _timestamp()
    created_at: datetime = _timestamp()


class Draft(SQLModel, table=True):
    """The reply an agent is typing, per customer (or none yet), kept across restarts.

    In the encrypted store like everything else, and removed with its customer on erase.
    """

    __tablename__ = "draft"

    id: int | None = Field(default=None, primary_key=True)
    # NULL: the draft typed before a customer was chosen. One row per customer (unique index;
    # the service replaces the unassigned one itself, since NULLs never collide).
    customer_id: int | None = Field(
        default=None,
        sa_column=Column(
            Integer,
            ForeignKey("customer.id", ondelete="CASCADE"),
            nullable=True,
            unique=True,
        ),
    )
    text: str = Field(default="", sa_type=Text)
    updated_at: datetime = _timestamp()


class Agent(AgentBase, table=True):
    __tablename__ = "agent"
    __table_args__ = (UniqueConstraint("name", name="uq_agent_name"),)

    id: int | None = Field(default=None, primary_key=True)


class ComplianceOverride(SQLModel, table=True):
    """An agent copied a draft past the compliance gate: which problem, when, by whom.

    Never the draft's text: the kind ("asks_secret", "card_number", ...) is the whole record.
    """

    __tablename__ = "compliance_override"

    id: int | None = Field(default=None, primary_key=True)
    interaction_id: int = Field(
        sa_column=Column(
            Integer,
            ForeignKey("interaction.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        )
    )
    customer_id: int = _customer_fk()
    kind: str = Field(sa_type=String(32))
    occurred_at: datetime = _timestamp()
    agent: str = Field(default="", sa_type=String(200))


class AuditEvent(AuditEventBase, table=True):
    __tablename__ = "audit_event"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = _timestamp(index=True)


class Outbox(SQLModel, table=True):
    """A write made on a desk in site mode, waiting to be sent to the site server, in order.

    `op_id` is generated on the desk; the operation's own uids make a second delivery harmless.
    `payload` is JSON of already-cleaned values (secrets were masked before it was written).
    """

    __tablename__ = "outbox"
    __table_args__ = (UniqueConstraint("op_id", name="uq_outbox_op_id"),)

    id: int | None = Field(default=None, primary_key=True)
    op_id: str = Field(default_factory=new_uid, sa_type=String(32))
    kind: str = Field(sa_type=String(32))
    payload: str = Field(sa_type=Text)
    created_at: datetime = _timestamp()
    attempts: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    last_error: str = Field(default="", sa_type=Text, sa_column_kwargs={"server_default": ""})


class Erasure(SQLModel, table=True):
    """An erased customer's uid (nothing else): desks erase it from their caches at next sync."""

    __tablename__ = "erasure"

    customer_uid: str = Field(sa_type=String(32), primary_key=True)
    at: datetime = _timestamp(index=True)


class AccessLog(SQLModel, table=True):
    """Who opened which customer's story, when: a customer's right to know (UU PDP, GDPR).

    No foreign key and no personal data: the line outlives the customer's erasure.
    """

    __tablename__ = "access_log"
    __table_args__ = (Index("ix_access_log_customer_at", "customer_id", "at"),)

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = _timestamp(index=True)
    username: str = Field(sa_type=String(200))
    customer_id: int
    action: str = Field(sa_type=String(16))  # "story", ...


class SiteMember(SQLModel, table=True):
    """A site login's campaigns and role; the row-level-security policies read it."""

    __tablename__ = "site_member"

    username: str = Field(sa_type=String(200), primary_key=True)
    campaign: str = Field(sa_type=String(64), primary_key=True)
    role: str = Field(sa_type=String(16))  # AgentRole value or "admin"


class SyncConflict(SQLModel, table=True):
    """An edit that lost to a later one on the same field: recorded, not dropped."""

    __tablename__ = "sync_conflict"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = _timestamp()
    entity: str = Field(sa_type=String(16))  # "customer", "fact", "commitment"
    entity_uid: str = Field(sa_type=String(32), index=True)
    field: str = Field(sa_type=String(32))
    kept: str = Field(sa_type=Text)
    discarded: str = Field(sa_type=Text)
    discarded_at: datetime = _timestamp()
    by: str = Field(sa_type=String(200))


class SyncState(SQLModel, table=True):
    """A desk's sync cursors (for example the time of the last erasure it applied)."""

    __tablename__ = "sync_state"

    key: str = Field(sa_type=String(64), primary_key=True)
    value: str = Field(sa_type=Text)


def table_of(model: type[SQLModel]) -> Table:
    """The Core `Table` of a table model, for fast Core inserts (typed, unlike `__table__`)."""
    table = getattr(model, "__table__", None)
    if not isinstance(table, Table):
        raise TypeError(f"{model.__name__} is not a table model")
    return table
