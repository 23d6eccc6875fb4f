"""Every panel item model passes Qt's model tester and serves only the roles it knows."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QModelIndex, Qt

from copilot.storage.schemas import (
    Channel,
    CustomerRead,
    Direction,
    IdentifierKind,
    IdentifierRead,
    Industry,
    InteractionRead,
)
from copilot.ui.controllers.items import HintItem, Reminder
from copilot.ui.models import (
    OUTCOME_LABELS,
    CustomerResultsModel,
    HintListModel,
    IsCreateRole,
    ItemRole,
    ReminderListModel,
    SeverityRole,
    TimelineModel,
    channel_label,
    compact_line,
    details_text,
    outcome_label,
)
from copilot.vocabulary import Outcome

WHEN = datetime(2025, 3, 14, 9, 30, tzinfo=UTC)
UNSERVED_ROLE = Qt.ItemDataRole.UserRole + 99


def customer(i: int) -> CustomerRead:
    return CustomerRead(
        id=i,
        name=f"Customer {i}",
        identifiers=(IdentifierRead(kind=IdentifierKind.phone, value=f"+62812000{i:04d}"),),
        created_at=WHEN,
    )


def interaction(i: int) -> InteractionRead:
    return InteractionRead(
        id=i,
        customer_id=1,
        channel=Channel.chat,
        direction=Direction.inbound,
        started_at=WHEN,
        agent="ayu",
        summary=f"Asked about claim {i}",
        notes="",
        outcome="resolved",
        tags=(),
        industry=Industry.insurance,
        client="",
        helpdesk_ref="",
    )


def test_customer_results_model(qtmodeltester: object) -> None:
    model = CustomerResultsModel()
    model.set_results("cust", [customer(1), customer(2)])
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    assert model.rowCount() == 2
    assert model.index(0, 0).data() == "Customer 1\n+628120000001"
    assert model.index(1, 0).data(ItemRole).id == 2
    assert model.index(0, 0).data(UNSERVED_ROLE) is None
    assert model.data(QModelIndex()) is None


def test_unknown_query_gives_one_create_row(qtmodeltester: object) -> None:
    model = CustomerResultsModel()
    model.set_results("0899 1111 2222", [])
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    assert model.rowCount() == 1
    assert model.index(0, 0).data(IsCreateRole) is True
    assert "0899 1111 2222" in model.index(0, 0).data()
    model.set_results("", [])
    assert model.rowCount() == 0  # an empty box offers nothing to create


def test_timeline_model(qtmodeltester: object) -> None:
    model = TimelineModel()
    model.set_interactions([interaction(i) for i in range(5)])
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    line = model.index(0, 0).data()
    assert "Chat · Resolved — Asked about claim 0" in line  # labels, not stored values
    assert "ayu" in model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(0, 0).data(UNSERVED_ROLE) is None
    model.set_interactions([])
    assert model.rowCount() == 0


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("resolved", "Resolved"),
        ("Resolved", "Resolved"),
        ("follow_up", "Follow-up needed"),
        ("follow-up", "Follow-up needed"),
        ("FOLLOW-UP NEEDED", "Follow-up needed"),
        ("escalated", "Escalated"),
        ("info given", "Information given"),
        ("no_answer", "No answer"),
        ("callback scheduled", "callback scheduled"),  # free text: as the agent wrote it
        ("menunggu dokumen", "menunggu dokumen"),
        ("  Selesai  ", "Selesai"),
        ("<b>resolved</b>", "<b>resolved</b>"),
    ],
)
def test_outcome_labels(stored: str, shown: str) -> None:
    assert outcome_label(stored) == shown


def test_every_outcome_the_wrap_up_offers_has_a_label() -> None:
    assert set(OUTCOME_LABELS) == set(Outcome)
    for outcome, label in OUTCOME_LABELS.items():
        assert outcome_label(outcome.value) == label  # what the form stores
        assert outcome_label(label) == label  # what older rows may hold


def test_every_channel_has_a_label_and_no_enum_value_shows() -> None:
    labels = {channel_label(channel) for channel in Channel}
    assert labels == {"Phone", "Chat", "Email", "WhatsApp", "Social media", "In person"}
    row = interaction(1).model_copy(
        update={"channel": Channel.in_person, "outcome": "no_answer", "helpdesk_ref": "T-1"}
    )
    assert "In person · No answer" in compact_line(row)
    details = details_text(row)
    assert "In person · Inbound" in details and "Outcome: No answer" in details
    assert "in_person" not in details and "no_answer" not in details
    empty = row.model_copy(update={"outcome": "   "})
    assert " ·  " not in compact_line(empty) and "Outcome" not in details_text(empty)


@pytest.mark.parametrize("pinned", [False, True])
def test_hint_list_model(qtmodeltester: object, pinned: bool) -> None:
    model = HintListModel()
    model.set_items(
        [
            HintItem(
                id="insurance.claim_denied",
                kind="hint",
                severity="should",
                title="Claim denied",
                text="Explain why",
                why=("ditolak",),
                reason="Customers need the appeal route",
                pinned=pinned,
            )
        ]
    )
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    index = model.index(0, 0)
    assert index.data() == "Claim denied"
    assert index.data(SeverityRole) == "should"
    assert "ditolak" in index.data(Qt.ItemDataRole.ToolTipRole)
    assert index.data(UNSERVED_ROLE) is None


def test_reminder_list_model(qtmodeltester: object) -> None:
    model = ReminderListModel()
    model.set_reminders(
        [
            Reminder(
                kind="blame",
                start=0,
                end=5,
                message="Blames",
                severity="should",
                suggestion="Say 'we'",
            ),
            Reminder(
                kind="pii:card_number",
                start=9,
                end=28,
                message="card",
                severity="must",
                is_pii=True,
            ),
        ]
    )
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    assert model.index(1, 0).data(SeverityRole) == "must"
    assert model.index(0, 0).data(UNSERVED_ROLE) is None


def test_dates_name_the_month_in_the_interface_language() -> None:
    from PySide6.QtCore import QLocale

    from copilot.ui.models import short_date

    october = datetime(2026, 10, 5, 12, 0, tzinfo=UTC)
    previous = QLocale()
    try:
        QLocale.setDefault(QLocale("en"))
        assert short_date(october).endswith(" Oct")
        QLocale.setDefault(QLocale("id"))
        assert short_date(october).endswith(" Okt")  # not the C locale's English
        assert short_date(datetime(2026, 5, 5, 12, 0, tzinfo=UTC)).endswith(" Mei")
        assert short_date(october, with_time=True).count(":") == 1
    finally:
        QLocale.setDefault(previous)
