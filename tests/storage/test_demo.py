"""Demo data: deterministic, varied, valid identifiers, and a story worth showing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import phonenumbers
import pytest
from storage_support import TEST_PASSPHRASE

from copilot.errors import InputError
from copilot.storage.db import Database, open_database
from copilot.storage.demo import (
    EN_FIRST,
    ID_FIRST,
    STORY_CUSTOMER_INTERACTIONS,
    generate,
)
from copilot.storage.identity import normalise
from copilot.storage.service import CustomerService

NOW = datetime(2025, 3, 14, 9, 30, tzinfo=UTC)


def _rows(database: Database, sql: str) -> list[tuple[object, ...]]:
    with database.session() as session:
        return [tuple(r) for r in session.connection().exec_driver_sql(sql)]


def _snapshot(database: Database) -> list[list[tuple[object, ...]]]:
    return [
        _rows(database, "SELECT id, name, created_at FROM customer ORDER BY id"),
        _rows(database, "SELECT customer_id, kind, value FROM identifier ORDER BY id"),
        _rows(
            database,
            "SELECT customer_id, channel, direction, started_at, agent, summary, notes, outcome,"
            " tags, industry, client, helpdesk_ref FROM interaction ORDER BY id",
        ),
        _rows(database, "SELECT customer_id, text, created_at, expires_at FROM fact ORDER BY id"),
        _rows(database, "SELECT customer_id, text, due_at, status FROM commitment ORDER BY id"),
    ]


@pytest.fixture
def other_database(tmp_path: Path) -> Database:
    db = open_database(str(tmp_path / "other" / "copilot.db"), passphrase=TEST_PASSPHRASE)
    yield db  # type: ignore[misc]
    db.close()


def test_same_seed_same_data_whatever_the_chunking(
    database: Database, other_database: Database
) -> None:
    generate(database, customers=120, seed=5, now=NOW)
    generate(other_database, customers=120, seed=5, now=NOW, chunk=7, batch_size=13)
    assert _snapshot(database) == _snapshot(other_database)


def test_another_seed_gives_other_data(database: Database, other_database: Database) -> None:
    generate(database, customers=50, seed=1, now=NOW)
    generate(other_database, customers=50, seed=2, now=NOW)
    assert _snapshot(database)[0] != _snapshot(other_database)[0]


def test_demo_data_is_varied_and_valid(database: Database) -> None:
    summary = generate(database, customers=400, seed=3, now=NOW)
    assert summary.customers == 400
    assert 400 * 4 < summary.interactions < 400 * 8  # about five each, plus the long story

    identifiers = _rows(database, "SELECT kind, value FROM identifier")
    phones = [v for k, v in identifiers if k == "phone"]
    assert len(phones) > 300
    assert any(p.startswith("+628") for p in phones)
    assert any(not p.startswith("+62") for p in phones)  # some other countries
    for phone in phones:
        parsed = phonenumbers.parse(str(phone), None)
        assert phonenumbers.is_valid_number(parsed), phone
        assert normalise("phone", str(phone)) == phone  # stored exactly as the store would
    emails = [v for k, v in identifiers if k == "email"]
    assert emails and all(normalise("email", str(e)) == e for e in emails)
    accounts = [str(v) for k, v in identifiers if k == "account"]
    assert {a[:2] for a in accounts} >= {"PO", "MR", "CU", "JP", "CI"}  # every industry's kind
    assert len(set(identifiers)) == len(identifiers)

    names = [str(r[0]) for r in _rows(database, "SELECT name FROM customer")]
    assert any(n.split()[0] in ID_FIRST for n in names)
    assert any(n.split()[0] in EN_FIRST for n in names)

    industries = {r[0] for r in _rows(database, "SELECT DISTINCT industry FROM interaction")}
    assert industries == {"insurance", "health", "telecom", "logistics", "finance"}
    channels = {r[0] for r in _rows(database, "SELECT DISTINCT channel FROM interaction")}
    assert len(channels) >= 5
    summaries = [str(r[0]) for r in _rows(database, "SELECT summary FROM interaction")]
    assert any("belum" in s for s in summaries) and any("customer" in s.lower() for s in summaries)
    statuses = {r[0] for r in _rows(database, "SELECT DISTINCT status FROM commitment")}
    assert {"open", "done"} <= statuses
    assert _rows(database, "SELECT count(*) FROM fact")[0][0] > 0


def test_the_story_customer_has_a_long_recent_history(database: Database) -> None:
    summary = generate(database, customers=30, seed=9, now=NOW)
    service = CustomerService(database, clock=lambda: NOW)
    found = service.find(summary.story_phone)
    assert [c.id for c in found] == [summary.story_customer_id]
    story = service.story(summary.story_customer_id)
    assert story.total_interactions == STORY_CUSTOMER_INTERACTIONS >= 200
    assert story.contacts_7d >= 20  # a repeat contact this week
    assert story.facts
    assert any(c.overdue for c in story.commitments)


def test_some_customers_keep_coming_back_this_week(database: Database) -> None:
    generate(database, customers=600, seed=4, now=NOW)
    week_ago = (NOW - timedelta(days=7)).replace(tzinfo=None).isoformat(sep=" ")
    rows = _rows(
        database,
        "SELECT customer_id, count(*) FROM interaction WHERE started_at >= "
        f"'{week_ago}' AND customer_id > 1 GROUP BY customer_id HAVING count(*) >= 3",
    )
    assert rows


def test_refuses_a_database_that_has_customers(
    database: Database, service: CustomerService
) -> None:
    service.create_customer(name="Real Customer")
    with pytest.raises(InputError, match="already holds 1 customers"):
        generate(database, customers=10)
    assert service.count_customers() == 1


def test_needs_at_least_one_customer(database: Database) -> None:
    with pytest.raises(InputError):
        generate(database, customers=0)


def test_reports_progress_per_chunk(database: Database) -> None:
    seen: list[tuple[int, int]] = []
    generate(database, customers=25, seed=1, now=NOW, chunk=10, progress=lambda *a: seen.append(a))
    assert seen == [(10, 25), (20, 25), (25, 25)]
