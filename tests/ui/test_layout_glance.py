"""What the at-a-glance header says, as plain rules (no window): the contact scale, the
identifier that matched, and which facts, signals and reminders reach the header."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from copilot.storage.schemas import (
    CommitmentRead,
    CommitmentStatus,
    CustomerRead,
    FactRead,
    IdentifierKind,
    IdentifierRead,
    Story,
)
from copilot.ui.controllers.glance import build_glance, contact_level, matched_identifier
from copilot.ui.controllers.items import Reminder

NOW = datetime(2026, 12, 6, 8, 0, tzinfo=UTC)
IDS = (
    IdentifierRead(kind=IdentifierKind.phone, value="+6281234567890"),
    IdentifierRead(kind=IdentifierKind.account, value="POL-2024-778812"),
    IdentifierRead(kind=IdentifierKind.email, value="siti@example.co.id"),
)


@pytest.mark.parametrize(
    ("number", "level"),
    [
        (1, "none"),
        (2, "mild"),
        (3, "raised"),
        (4, "raised"),
        (5, "high"),
        (9, "high"),
        (10, "severe"),
        (87, "severe"),
    ],
)
def test_contacts_climb_a_scale(number: int, level: str) -> None:
    assert contact_level(number) == level


def test_the_87th_contact_never_looks_like_the_2nd() -> None:
    assert contact_level(2) != contact_level(87)
    assert contact_level(5) != contact_level(87)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("0812 3456 7890", "+6281234567890"),  # typed with the trunk 0, stored in E.164
        ("+62 812-3456-7890", "+6281234567890"),
        ("7890", "+6281234567890"),  # the last 4+ digits
        ("pol-2024-778812", "POL-2024-778812"),
        ("778812", "POL-2024-778812"),
        ("SITI@example.co.id", "siti@example.co.id"),
        ("Siti", "+6281234567890"),  # found by name: the first identifier
        ("", "+6281234567890"),
        ("123", "+6281234567890"),  # too few digits to say
    ],
)
def test_the_identifier_that_matched_the_search(query: str, expected: str) -> None:
    assert matched_identifier(query, IDS) == expected


def test_no_identifiers_no_match() -> None:
    assert matched_identifier("0812", ()) == ""


def _story(*, contacts_7d: int, contacts_30d: int) -> Story:
    customer = CustomerRead(
        id=7, name="Siti Rahayu", salutation="ibu", identifiers=IDS, created_at=NOW
    )

    def fact(fact_id: int, text: str, critical: bool) -> FactRead:
        return FactRead(
            id=fact_id,
            customer_id=7,
            text=text,
            created_by="dewi",
            created_at=NOW,
            critical=critical,
        )

    def promise(promise_id: int, days: int) -> CommitmentRead:
        return CommitmentRead(
            id=promise_id,
            customer_id=7,
            text=f"promise {promise_id}",
            due_at=NOW + timedelta(days=days),
            status=CommitmentStatus.open,
            made_by="dewi",
            created_at=NOW,
            overdue=days < 0,
        )

    return Story(
        customer=customer,
        facts=(fact(1, "Deaf: use chat", True), fact(2, "Prefers WhatsApp", False)),
        commitments=(promise(1, -2), promise(2, -1), promise(3, 2)),
        contacts_7d=contacts_7d,
        contacts_30d=contacts_30d,
        interactions=(),
        total_interactions=contacts_30d,
    )


def _reminder(severity: str, kind: str = "sensitive_data_request") -> Reminder:
    return Reminder(kind=kind, start=0, end=3, message=f"{severity} note", severity=severity)


def test_the_glance_of_a_story() -> None:
    glance = build_glance(
        _story(contacts_7d=4, contacts_30d=6),
        query="0812-3456-7890",
        logged=False,
        signals=["frustration", "urgency", "frustration"],
        reminders=[_reminder("should", "jargon"), _reminder("must")],
    )
    assert (glance.name, glance.salutation) == ("Siti Rahayu", "ibu")
    assert glance.identifier == "+6281234567890"
    # Four contacts logged this week: this call is the 5th (the 7th in 30 days).
    assert (glance.contact_7d, glance.contact_30d, glance.level_7d) == (5, 7, "high")
    assert glance.overdue == 2
    assert glance.critical_facts == ("Deaf: use chat",)  # not "Prefers WhatsApp"
    assert glance.signals == ("frustration", "urgency")
    assert [r.severity for r in glance.must_reminders] == ["must"]


def test_once_logged_the_contact_is_counted_already() -> None:
    glance = build_glance(_story(contacts_7d=1, contacts_30d=1), query="", logged=True)
    assert (glance.contact_7d, glance.level_7d) == (1, "none")
