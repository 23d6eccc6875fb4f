"""No card number written in a hostile form survives any write path: not in the story, search
snippets, exports, nor anywhere in the decrypted database."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from card_check import surviving_cards
from storage_support import FIXED_NOW, TEST_PASSPHRASE

from copilot.storage.bulk import bulk_load
from copilot.storage.db import Database, open_database
from copilot.storage.schemas import InteractionCreate
from copilot.storage.service import CustomerService
from copilot.storage.transfer import export_file, import_csv

# Card numbers as people write them, and secrets glued to their word.
HOSTILE = [
    "kartu 4111.1111.1111.1111 ya",
    "card 4111\u00a01111\u00a01111\u00a01111 mohon blokir",
    "nomor 4111\u20091111\u202f1111\u20091111",
    "card4111111111111111",
    "kartu \uff14" + "\uff11" * 15,
    "kartu \u0664" + "\u0661" * 15 + " ya",
    "\u096a" + "\u0967" * 15,
    "Rp 4111111111111111 sudah ditransfer",
    "Rp4111111111111111",
    "order 4111111111111111",
    "4111/1111/1111/1111",
    "mastercard 5500-0000-0000-0004 cvv123 otp482913",
    "[card ****1111] cvv 123, kartu 378282246310005",
]
GLUED_SECRETS = ["cvv123", "otp482913"]
WHEN = datetime(2025, 3, 1, 9, 30, tzinfo=UTC)


def assert_clean(texts: list[str], where: str) -> None:
    for text in texts:
        assert surviving_cards(text) == [], f"{where}: {text!r}"
        for secret in GLUED_SECRETS:
            assert secret not in text, f"{where}: {text!r}"


def test_the_checker_sees_every_hostile_card() -> None:
    for text in HOSTILE[:-1]:
        assert surviving_cards(text), text
    assert surviving_cards("[card ****1111] 4111 1111 1111 1112") == []


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Database]:
    db = open_database(str(tmp_path / "desk" / "copilot.db"), passphrase=TEST_PASSPHRASE)
    yield db
    db.close()


@pytest.fixture
def service(database: Database) -> CustomerService:
    return CustomerService(database, default_region="ID", clock=lambda: FIXED_NOW)


def _write_through_the_service(service: CustomerService) -> int:
    customer = service.create_customer(name="Budi Santoso").id
    for i, text in enumerate(HOSTILE):
        service.add_interaction(
            InteractionCreate(
                customer_id=customer,
                started_at=WHEN + timedelta(minutes=i),
                summary=f"zebra service {text}",
                notes=f"zebra {text}",
                outcome=text[:200],
            )
        )
        fact = service.add_fact(customer_id=customer, text=f"zebra {text}", created_by="Rina")
        service.update_fact(fact_id=fact.id, text=f"zebra updated {text}")
        service.add_fact(customer_id=customer, text=f"zebra pinned {text}", created_by="Rina")
        service.add_commitment(
            customer_id=customer,
            text=f"zebra {text}",
            due_at=FIXED_NOW + timedelta(days=1),
            made_by="Rina",
        )
    return customer


def _write_through_the_import(database: Database, tmp_path: Path) -> None:
    path = tmp_path / "import.csv"
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        out.write("name,phone,email,account,channel,started_at,agent,summary,notes,outcome\r\n")
        for i, text in enumerate(HOSTILE):
            writer.writerow(
                [
                    *("Siti Aminah", "0812-3456-7890", "", "", "phone"),
                    *(f"2025-03-02 10:{i:02d}", "Rina", f"zebra import {text}", text, text[:200]),
                ]
            )
    report = import_csv(database, path, local_zone=ZoneInfo("Asia/Jakarta"))
    assert report.imported == len(HOSTILE) and report.rejected == []


def _write_through_the_bulk_loader(database: Database) -> None:
    with bulk_load(database) as loader:
        customer = loader.add_customer(
            "Dewi Lestari", created_at=WHEN, identifiers=[("email", "dewi@example.com")]
        )
        for i, text in enumerate(HOSTILE):
            loader.add_interaction(
                customer,
                started_at=WHEN + timedelta(hours=i),
                summary=f"zebra bulk {text}",
                notes=text,
                outcome=text[:200],
            )
            loader.add_fact(customer, f"zebra bulk {text}", created_at=WHEN)
            loader.add_commitment(
                customer, f"zebra bulk {text}", due_at=WHEN + timedelta(days=1), created_at=WHEN
            )


def _decrypted_rows(database: Database) -> list[str]:
    """Every text and blob value of every table, FTS index tables included."""
    values: list[str] = []
    with database.engine.connect() as connection:
        tables = connection.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'table'"
        ).all()
        for (table,) in tables:
            for row in connection.exec_driver_sql(f'SELECT * FROM "{table}"'):
                for value in row:
                    if isinstance(value, str):
                        values.append(value)
                    elif isinstance(value, bytes):
                        values.append(value.decode("latin-1"))
    return values


def test_no_card_number_survives_any_write_path(
    database: Database, service: CustomerService, tmp_path: Path
) -> None:
    customer = _write_through_the_service(service)
    _write_through_the_import(database, tmp_path)
    _write_through_the_bulk_loader(database)

    story = service.story(customer, limit=50)
    assert len(story.interactions) == len(HOSTILE)
    assert_clean(
        [t for i in story.interactions for t in (i.summary, i.notes, i.outcome)]
        + [f.text for f in story.facts]
        + [c.text for c in story.commitments],
        "story",
    )
    assert "[card ****1111]" in story.interactions[0].summary  # masked, last four kept

    hits = service.search("zebra", limit=200)
    assert {h.source for h in hits} >= {"interaction", "fact"}
    assert_clean([h.snippet for h in hits], "search snippet")

    for name in ("out.csv", "out.jsonl"):
        path = tmp_path / name
        written = export_file(database, path)
        assert written == 3 * len(HOSTILE)
        text = path.read_text(encoding="utf-8")
        if name.endswith(".jsonl"):
            records = [json.loads(line) for line in text.splitlines()]
            assert_clean([str(v) for r in records for v in r.values()], name)
        else:
            rows = list(csv.reader(text.splitlines()))
            assert_clean([cell for row in rows for cell in row], name)

    rows = _decrypted_rows(database)
    assert any("zebra" in value for value in rows)  # the scan does read the stored text
    assert_clean(rows, "database")


def test_masked_text_is_stored_once_masked_and_stays_so(service: CustomerService) -> None:
    customer = service.create_customer(name="Budi").id
    masked = "kartu [card ****1111] cvv [cvv], otp [otp]"
    service.add_interaction(
        InteractionCreate(
            customer_id=customer, started_at=WHEN, summary="kartu 4111.1111.1111.1111 cvv 123"
        )
    )
    service.add_interaction(
        InteractionCreate(customer_id=customer, started_at=WHEN + timedelta(1), summary=masked)
    )
    stored = [i.summary for i in service.story(customer).interactions]
    assert stored == [masked, "kartu [card ****1111] cvv [cvv]"]
