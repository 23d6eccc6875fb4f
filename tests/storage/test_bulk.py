"""The bulk loader: rows land, stay searchable, and a failed load leaves nothing behind."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.exc import IntegrityError

from copilot.storage.bulk import BulkLoader, bulk_load
from copilot.storage.db import Database
from copilot.storage.schemas import IdentifierIn, IdentifierKind, InteractionCreate
from copilot.storage.service import CustomerService

WHEN = datetime(2025, 3, 10, 8, 0, tzinfo=UTC)


def _count(database: Database, table: str) -> int:
    with database.session() as session:
        return int(session.connection().exec_driver_sql(f"SELECT count(*) FROM {table}").scalar())


def _triggers(database: Database) -> set[str]:
    with database.session() as session:
        rows = session.connection().exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'trigger'"
        )
        return {str(r[0]) for r in rows}


def test_loaded_customers_are_found_with_their_story(
    database: Database, service: CustomerService
) -> None:
    with bulk_load(database, batch_size=3) as loader:
        budi = loader.add_customer(
            "Budi Santoso",
            created_at=WHEN,
            identifiers=[("phone", "+6281234567890"), ("email", "budi@example.com")],
        )
        for day in range(5):
            loader.add_interaction(
                budi,
                started_at=WHEN + timedelta(days=day),
                channel="whatsapp",
                agent="Rina",
                summary=f"Klaim rawat inap belum cair, hari ke {day}",
                tags=["klaim"],
                industry="insurance",
            )
        loader.add_fact(budi, "Prefers WhatsApp", created_at=WHEN, created_by="Rina")
        loader.add_commitment(
            budi, "Callback with claim status", due_at=WHEN + timedelta(days=1), created_at=WHEN
        )
        loader.add_agent("Rina", "agent")

    found = service.find("0812-3456-7890")
    assert [c.name for c in found] == ["Budi Santoso"]
    story = service.story(found[0].id, limit=3)
    assert story.total_interactions == 5
    assert [i.summary[-1] for i in story.interactions] == ["4", "3", "2"]  # newest first
    assert story.interactions[0].tags == ("klaim",)
    assert story.interactions[0].started_at == WHEN + timedelta(days=4)
    assert [f.text for f in story.facts] == ["Prefers WhatsApp"]
    assert [c.text for c in story.commitments] == ["Callback with claim status"]
    assert service.find("santoso")[0].id == budi  # the name index was filled too


def test_loaded_text_is_searchable_and_later_writes_still_index(
    database: Database, service: CustomerService
) -> None:
    triggers_before = _triggers(database)
    with bulk_load(database) as loader:
        cid = loader.add_customer("Siti", created_at=WHEN, identifiers=[("account", "POL1")])
        loader.add_interaction(cid, started_at=WHEN, summary="paket rusak di Surabaya")
        loader.add_fact(cid, "Tuna rungu: gunakan chat", created_at=WHEN)
    assert _triggers(database) == triggers_before  # deferred indexing put them back
    assert [h.source for h in service.search("rusak")] == ["interaction"]
    assert [h.source for h in service.search("rungu")] == ["fact"]
    # A normal write after the load is indexed by the triggers again.
    service.add_interaction(
        InteractionCreate(
            identifiers=(IdentifierIn(kind=IdentifierKind.account, value="POL1"),),
            summary="kurir tidak datang",
            started_at=WHEN,
        )
    )
    assert len(service.search("kurir")) == 1
    assert database.check() == []


def test_a_failed_load_leaves_nothing_and_keeps_the_triggers(database: Database) -> None:
    triggers_before = _triggers(database)
    with pytest.raises(IntegrityError), bulk_load(database, batch_size=2) as loader:
        one = loader.add_customer("A", created_at=WHEN, identifiers=[("phone", "+6281111111111")])
        loader.add_interaction(one, started_at=WHEN, summary="first")
        # The same identifier twice breaks the unique index when the batch is written.
        loader.add_customer("B", created_at=WHEN, identifiers=[("phone", "+6281111111111")])
        loader.flush()
    assert _count(database, "customer") == 0
    assert _count(database, "interaction") == 0
    assert _triggers(database) == triggers_before
    assert database.check() == []


def test_payment_secrets_never_reach_the_file(database: Database, service: CustomerService) -> None:
    with bulk_load(database) as loader:
        cid = loader.add_customer("C", created_at=WHEN, identifiers=[("phone", "+6281234500000")])
        loader.add_interaction(
            cid,
            started_at=WHEN,
            summary="kartu 4111 1111 1111 1111 dipakai",
            notes="kode OTP 482913 sudah dikirim",
        )
        loader.add_fact(cid, "card 5500-0000-0000-0004 on file", created_at=WHEN)
    story = service.story(cid)
    assert "4111 1111 1111 1111" not in story.interactions[0].summary
    assert "1111" in story.interactions[0].summary  # at most the last four digits stay
    assert "482913" not in story.interactions[0].notes
    assert "5500-0000-0000-0004" not in story.facts[0].text
    assert service.search("482913") == []


def test_ids_continue_after_existing_customers(
    database: Database, service: CustomerService
) -> None:
    existing = service.create_customer(name="Existing")
    with bulk_load(database) as loader:
        new = loader.add_customer("New", created_at=WHEN)
    assert new == existing.id + 1
    assert service.get_customer(new).name == "New"


def test_batch_size_must_be_positive(database: Database) -> None:
    with database.write() as session, pytest.raises(ValueError):
        BulkLoader(session.connection(), batch_size=0, mask=lambda t: t)


def test_contacts_are_indexed_once_with_their_keys(
    database: Database, service: CustomerService
) -> None:
    with bulk_load(database, batch_size=3) as loader:
        cid = loader.add_customer("Rudi", created_at=WHEN, identifiers=[("phone", "+628111")])
        stamp = loader.stamp(WHEN)
        names = (
            "customer_id",
            "channel",
            "started_at",
            "agent",
            "summary",
            "notes",
            "outcome",
            "client",
            "helpdesk_ref",
            "contact_key",
        )
        first = ([cid], ["chat"], [stamp], ["Ana"], ["paket rusak"], [""], ["ok"], [""], ["T-1"])
        loader.add_contacts(dict(zip(names, (*first, ["k1"]), strict=True)))
        loader.add_contacts(
            dict(
                zip(
                    names,
                    (
                        [cid, cid],
                        ["email", "phone"],
                        [stamp, stamp],
                        ["", ""],
                        ["rusak lagi", "x"],
                        ["", "rusak"],
                        ["", ""],
                        ["Acme", ""],
                        ["", ""],
                        ["k2", None],
                    ),
                    strict=True,
                )
            )
        )
    with database.session() as session:  # FTS5 checks its index against the rows
        conn = session.connection()
        conn.exec_driver_sql(
            "INSERT INTO fts_interaction(fts_interaction) VALUES ('integrity-check')"
        )
        keys = conn.exec_driver_sql(
            "SELECT contact_key, client, helpdesk_ref FROM interaction ORDER BY id"
        ).all()
    assert [tuple(k) for k in keys] == [("k1", "", "T-1"), ("k2", "Acme", ""), (None, "", "")]
    assert len(service.search("rusak")) == 3
    story = service.story(cid)
    assert {i.channel for i in story.interactions} == {"chat", "email", "phone"}
    assert {i.direction for i in story.interactions} == {"inbound"}
    assert database.check() == []
