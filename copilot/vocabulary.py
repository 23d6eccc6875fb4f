"""The shared vocabulary: industries, channels, outcomes, signal and PII kinds, region, text limits.

PRODUCT.md's "Shared vocabulary" lives here once; context, storage, ui and the command line all
import it. Dependency-free on purpose (standard library only): the panel reads it before any
heavy package is imported, and nothing here may pull the engine or the ORM in.
"""

from __future__ import annotations

from enum import StrEnum


class Industry(StrEnum):
    insurance = "insurance"
    health = "health"
    telecom = "telecom"
    logistics = "logistics"
    finance = "finance"
    general = "general"


class IdentifierKind(StrEnum):
    phone = "phone"
    email = "email"
    account = "account"  # account, policy, AWB, member numbers
    ticket = "ticket"
    national_id = "national_id"
    other = "other"


class Channel(StrEnum):
    phone = "phone"
    chat = "chat"
    email = "email"
    whatsapp = "whatsapp"
    social = "social"
    in_person = "in_person"


class Direction(StrEnum):
    inbound = "inbound"
    outbound = "outbound"


class CommitmentStatus(StrEnum):
    open = "open"
    done = "done"
    broken = "broken"


class AgentRole(StrEnum):
    agent = "agent"
    team_leader = "team_leader"


class Outcome(StrEnum):
    """What the wrap-up form offers; imports and older rows may hold any short text."""

    resolved = "resolved"
    follow_up = "follow_up"
    escalated = "escalated"
    information_given = "information_given"
    no_answer = "no_answer"


INDUSTRIES: tuple[str, ...] = tuple(Industry)
LANGUAGES = ("en", "id")
SEVERITIES = ("must", "should", "tip")

# Signal kinds raised from a customer's message; a hint pack may name one as the signal it is
# the playbook for. The order is the order the panel lists them in (the header's "Right now:"
# line); `escalation` (a threat to go public, to a regulator or to court) follows `abusive`:
# both are must-level and change how the rest of the call is handled.
CUSTOMER_SIGNAL_KINDS = (
    "frustration",
    "repeat_contact",
    "urgency",
    "confusion",
    "churn_risk",
    "vulnerability",
    "abusive",
    "escalation",
)
# Signal kinds raised from an agent's draft.
AGENT_SIGNAL_KINDS = (
    "blame",
    "dismissive",
    "negative_phrasing",
    "jargon",
    "overpromise",
    "shouting",
    "missing_empathy",
    "sensitive_data_request",
    "too_long",
)
PII_KINDS = (
    "card_number",
    "cvv",
    "otp",
    "national_id",
    "tax_id",
    "phone",
    "email",
    "bank_account",
    "passport",
)
# What must never be stored (PRODUCT.md principle 4); the store masks only these.
PAYMENT_SECRET_KINDS = frozenset({"card_number", "cvv", "otp"})

DEFAULT_REGION = "ID"  # phone numbers without a country code are Indonesian unless configured

# --- text limits: one per field, on every path (service, import, panel, engine) ---
# Names, agents, clients, outcomes, helpdesk references: the columns' size in the store.
# How an agent addresses a customer, stored as these keys ("" when unknown); the panel shows
# them in its language (Bapak/Ibu in Indonesian, Mr/Ms in English).
SALUTATIONS = ("bapak", "ibu", "mr", "ms")

MAX_SHORT_TEXT = 200
# Summaries, notes, facts, promises, drafts; also what the engine analyses per keystroke.
# Longer than a few pages is a paste accident.
MAX_LONG_TEXT = 20_000
MAX_IDENTIFIER_LENGTH = 320  # the longest valid email address; the identifier column's size
