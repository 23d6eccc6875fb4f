"""Data shared by the UI tests and their fixtures (imported, unlike conftest)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from copilot.services import Services
from copilot.storage.schemas import (
    Channel,
    CustomerRead,
    IdentifierIn,
    IdentifierKind,
    InteractionCreate,
)


def seed_customer(services: Services, *, now: datetime | None = None) -> CustomerRead:
    """An Indonesian customer with history: a pinned fact, an overdue promise, 2 recent calls."""
    now = now or datetime.now(UTC)
    customers = services.customers
    customer = customers.create_customer(
        name="Siti Rahayu",
        identifiers=[
            IdentifierIn(kind=IdentifierKind.phone, value="0812-3456-7890"),
            IdentifierIn(kind=IdentifierKind.account, value="POL-2024-778812"),
        ],
    )
    for days_ago, summary in (
        (5, "Klaim rawat inap belum cair, sudah kirim dokumen lengkap"),
        (2, "Telepon lagi, klaim masih diproses; dijanjikan kabar dalam 2 hari"),
    ):
        customers.add_interaction(
            InteractionCreate(
                customer_id=customer.id,
                channel=Channel.phone,
                started_at=now - timedelta(days=days_ago),
                agent="dewi",
                summary=summary,
                outcome="follow_up",
            )
        )
    customers.add_fact(
        customer_id=customer.id, text="Lebih suka dihubungi lewat WhatsApp", created_by="dewi"
    )
    customers.add_commitment(
        customer_id=customer.id,
        text="Kabari status klaim rawat inap",
        due_at=now - timedelta(days=1),
        made_by="dewi",
    )
    return customer
