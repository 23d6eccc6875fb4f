"""Vocabulary and read/create models shared by the store, the command line and the panel.

Table models live in `models.py` and never leave the storage layer: services return these
plain, detached models, which are safe to hand to another thread or serialise to JSON.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import ConfigDict
from sqlmodel import SQLModel

# The vocabulary lives in a module without pydantic, so the panel's window can use it before
# SQLModel is imported; it is re-exported here for everything else.
from copilot.storage.kinds import (
    AgentRole,
    Channel,
    CommitmentStatus,
    Direction,
    IdentifierKind,
    Industry,
)

__all__ = [  # the enums come from `kinds`
    "AddInteractionResult",
    "AgentRole",
    "Channel",
    "CommitmentIn",
    "CommitmentRead",
    "CommitmentStatus",
    "CustomerRead",
    "Direction",
    "FactRead",
    "IdentifierIn",
    "IdentifierKind",
    "IdentifierRead",
    "Industry",
    "InteractionCreate",
    "InteractionRead",
    "LoggedContact",
    "MergePreview",
    "OverrideIn",
    "SearchHit",
    "Story",
]


class _Frozen(SQLModel):
    model_config = ConfigDict(frozen=True)  # type: ignore[assignment]


class IdentifierIn(_Frozen):
    """An identifier as typed by a user; the store normalises it."""

    kind: IdentifierKind
    value: str


class IdentifierRead(_Frozen):
    kind: IdentifierKind
    value: str  # normalised: E.164 phone, case-folded email, account without spaces/dashes


class CustomerRead(_Frozen):
    id: int
    name: str
    salutation: str = ""  # a SALUTATIONS key, "" when unknown
    identifiers: tuple[IdentifierRead, ...] = ()
    created_at: datetime


class InteractionCreate(_Frozen):
    """One contact to log; `customer_id` or `identifiers` says whose it is."""

    customer_id: int | None = None
    name: str = ""
    identifiers: tuple[IdentifierIn, ...] = ()
    channel: Channel = Channel.phone
    direction: Direction = Direction.inbound
    started_at: datetime | None = None  # timezone-aware; None means now
    agent: str = ""
    summary: str = ""
    notes: str = ""
    outcome: str = ""
    tags: tuple[str, ...] = ()
    industry: Industry = Industry.general
    client: str = ""
    helpdesk_ref: str = ""


class InteractionRead(_Frozen):
    id: int
    customer_id: int
    channel: Channel
    direction: Direction
    started_at: datetime
    agent: str
    summary: str
    notes: str
    outcome: str
    tags: tuple[str, ...]
    industry: Industry
    client: str
    helpdesk_ref: str
    reason_code: str = ""  # a key of the industry pack's [reasons] table
    handle_seconds: int | None = None  # from opening the customer to saving the wrap-up
    identity_verified: bool = False
    overrides: tuple[str, ...] = ()  # compliance-gate overrides on this contact (kinds only)


class AddInteractionResult(_Frozen):
    customer_id: int
    interaction_id: int
    created_customer: bool


class FactRead(_Frozen):
    id: int
    customer_id: int
    text: str
    created_by: str
    created_at: datetime
    expires_at: datetime | None = None
    critical: bool = False  # accessibility, vulnerability, legal or regulator complaint


class OverrideIn(_Frozen):
    """A draft copied past the compliance gate: the problem's kind and when, never the text."""

    kind: str
    at: datetime  # timezone-aware


class MergePreview(_Frozen):
    """What merging `merge` into `keep` would move, counted before anything moves."""

    keep: CustomerRead
    merge: CustomerRead
    identifiers: int
    interactions: int
    facts: int
    commitments: int


class CommitmentIn(_Frozen):
    """A promise made during a contact, as the wrap-up form gives it."""

    text: str
    due_at: datetime  # timezone-aware


class LoggedContact(_Frozen):
    """What one `log_contact` call did; the counts say what this call wrote."""

    customer_id: int
    interaction_id: int
    facts_added: int
    commitments_added: int
    statuses_changed: int
    overrides_recorded: int = 0
    contacts_7d: int  # including this contact
    # True when the contact key was saved before (a retry): this call wrote nothing, and the
    # counts above are all zero.
    already_saved: bool = False


class CommitmentRead(_Frozen):
    id: int
    customer_id: int
    text: str
    due_at: datetime
    status: CommitmentStatus
    made_by: str
    created_at: datetime
    overdue: bool = False  # open and due before "now" when it was read


class Story(_Frozen):
    """The story so far: what an agent must see before saying hello."""

    customer: CustomerRead
    facts: tuple[FactRead, ...]  # pinned, unexpired, newest first
    commitments: tuple[CommitmentRead, ...]  # open only, overdue first, then by due date
    contacts_7d: int
    contacts_30d: int
    interactions: tuple[InteractionRead, ...]  # the last N, most recent first
    total_interactions: int


class SearchHit(_Frozen):
    customer: CustomerRead
    source: str  # "interaction" or "fact"
    source_id: int
    snippet: str
    started_at: datetime | None = None
