"""CustomerService: identity matching, the story so far, search, merge, erase, masking."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import closing
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text
from sqlalchemy.engine import Connection
from storage_support import FIXED_NOW, TEST_PASSPHRASE

from copilot.errors import IdentityConflictError, InputError, NotFoundError
from copilot.storage.db import Database, open_database
from copilot.storage.dialects.base import Dialect
from copilot.storage.dialects.sqlite import fts_query
from copilot.storage.drafts import DraftService
from copilot.storage.schemas import (
    Channel,
    CommitmentStatus,
    IdentifierIn,
    IdentifierKind,
    InteractionCreate,
)
from copilot.storage.service import CustomerService

REPO_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(params=["sqlite", "portable", "postgresql"])
def database(request: pytest.FixtureRequest, db_path: Path) -> Iterator[Database]:
    """The desk's encrypted file, read through the SQLite dialect and through the portable
    `Dialect`, and a site's PostgreSQL server: the services must behave the same on each
    (docs/ARCHITECTURE.md)."""
    if request.param == "postgresql":
        db = open_database(request.getfixturevalue("pg_url"))
        yield db
        db.close()
        return
    db = open_database(str(db_path), passphrase=TEST_PASSPHRASE)
    if request.param == "portable":
        db.dialect.close()
        db.dialect = Dialect()  # SQLAlchemy readers, LIKE search: no SQLite-only SQL
    yield db
    db.close()


HOSTILE = [
    "kartu-kredit",
    "O'Brien",
    '"',
    "NOT",
    "notes:x",
    "*",
    "(",
    ")",
    "😀",
    "AND OR",
    "-",
    "^x",
    "a*b",
    "NEAR(a b)",
    '""',
    "'",
    "{a b}:x",
    "\\",
    "%_",
    "a\x00b",
    "\x00",
    "\ud800 lone surrogate",
    "\u200b",
    "x" * 5000,
    " ".join(["kata"] * 500),
]


def phone(value: str) -> IdentifierIn:
    return IdentifierIn(kind=IdentifierKind.phone, value=value)


def email(value: str) -> IdentifierIn:
    return IdentifierIn(kind=IdentifierKind.email, value=value)


def account(value: str) -> IdentifierIn:
    return IdentifierIn(kind=IdentifierKind.account, value=value)


def log(service: CustomerService, *identifiers: IdentifierIn, **fields: object) -> int:
    data = InteractionCreate(identifiers=identifiers, **fields)  # type: ignore[arg-type]
    return service.add_interaction(data).customer_id


def table_counts(database: Database) -> dict[str, int]:
    with database.session() as session:
        return {
            table: int(session.exec(text(f"SELECT count(*) FROM {table}")).one()[0])  # type: ignore[call-overload]
            for table in ("customer", "identifier", "interaction", "fact", "commitment")
        }


def test_has_customers_answers_whether_anyone_is_there(service: CustomerService) -> None:
    assert not service.has_customers()
    created = service.create_customer(name="Budi Santoso")
    assert service.has_customers()
    service.erase(customer_id=created.id, by="tl")
    assert not service.has_customers()


# --- identity matching -------------------------------------------------------------------------


def test_same_phone_in_another_format_attaches_to_the_same_customer(
    service: CustomerService,
) -> None:
    first = service.add_interaction(
        InteractionCreate(name="Budi Santoso", identifiers=(phone("0812-3456-7890"),))
    )
    second = service.add_interaction(InteractionCreate(identifiers=(phone("+62 812 3456 7890"),)))
    third = service.add_interaction(InteractionCreate(identifiers=(phone("6281234567890"),)))
    assert first.created_customer and not second.created_customer and not third.created_customer
    assert first.customer_id == second.customer_id == third.customer_id
    assert service.count_customers() == 1
    assert service.story(first.customer_id).total_interactions == 3


def test_new_identifiers_given_with_a_match_are_attached(service: CustomerService) -> None:
    customer_id = log(service, phone("081234567890"), name="Budi")
    assert log(service, phone("0812 3456 7890"), email(" Budi@Example.com ")) == customer_id
    found = service.find("BUDI@example.COM")
    assert [c.id for c in found] == [customer_id]
    assert {i.kind for i in found[0].identifiers} == {IdentifierKind.phone, IdentifierKind.email}


def test_a_customer_first_seen_without_a_name_gets_one_later(service: CustomerService) -> None:
    customer_id = log(service, phone("081234567890"))
    assert service.get_customer(customer_id).name == ""
    log(service, phone("081234567890"), name="  Siti   Rahma ")
    assert service.get_customer(customer_id).name == "Siti Rahma"
    log(service, phone("081234567890"), name="Someone Else")
    assert service.get_customer(customer_id).name == "Siti Rahma"  # a known name is kept


def test_identifiers_of_two_customers_are_a_conflict_and_nothing_is_written(
    service: CustomerService, database: Database
) -> None:
    budi = log(service, phone("081234567890"), name="Budi")
    ani = log(service, account("POL-777"), name="Ani")
    before = table_counts(database)
    with pytest.raises(IdentityConflictError) as caught:
        log(service, phone("+6281234567890"), account("pol 777"), email("new@x.com"))
    assert set(caught.value.customer_ids) == {budi, ani}
    assert str(budi) in str(caught.value) and str(ani) in str(caught.value)
    assert table_counts(database) == before
    assert service.find("new@x.com") == []


def test_explicit_customer_with_someone_elses_identifier_is_a_conflict(
    service: CustomerService,
) -> None:
    budi = log(service, phone("081234567890"))
    ani = log(service, phone("081298765432"))
    with pytest.raises(IdentityConflictError):
        service.add_interaction(
            InteractionCreate(customer_id=ani, identifiers=(phone("081234567890"),))
        )
    result = service.add_interaction(InteractionCreate(customer_id=budi, summary="by id only"))
    assert result.customer_id == budi and not result.created_customer


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (InteractionCreate(), InputError),
        (InteractionCreate(identifiers=(phone("12"),)), InputError),
        (InteractionCreate(customer_id=424242), NotFoundError),
        (
            InteractionCreate(
                identifiers=(phone("081234567890"),), started_at=datetime(2025, 1, 1)
            ),
            InputError,
        ),
        (InteractionCreate(identifiers=(phone("081234567890"),), notes="x" * 50_000), InputError),
    ],
)
def test_unusable_interactions_are_rejected(
    service: CustomerService, database: Database, data: InteractionCreate, error: type[Exception]
) -> None:
    with pytest.raises(error):
        service.add_interaction(data)
    assert table_counts(database)["interaction"] == 0


def test_create_customer_and_add_identifier(service: CustomerService) -> None:
    budi = service.create_customer(
        name="Budi", identifiers=[phone("081234567890"), phone("0812-3456-7890")]
    )
    assert len(budi.identifiers) == 1  # the same number twice is one identifier
    again = service.add_identifier(customer_id=budi.id, identifier=phone("+62 812 3456 7890"))
    assert again.identifiers == budi.identifiers
    ani = service.create_customer(name="Ani")
    with pytest.raises(IdentityConflictError):
        service.add_identifier(customer_id=ani.id, identifier=phone("081234567890"))
    with pytest.raises(IdentityConflictError):
        service.create_customer(name="Copy", identifiers=[phone("081234567890")])
    with pytest.raises(InputError):
        service.create_customer(name="   ")
    with pytest.raises(NotFoundError):
        service.add_identifier(customer_id=999, identifier=phone("081234567891"))
    with pytest.raises(NotFoundError):
        service.get_customer(999)


# --- find ----------------------------------------------------------------------------------------


@pytest.fixture
def people(service: CustomerService) -> dict[str, int]:
    return {
        "budi": log(service, phone("081234567890"), account("POL-1234-5678"), name="Budi Santoso"),
        "budiman": log(service, email("budiman@x.id"), name="Budiman Hartono"),
        "siti": log(service, phone("(021) 555-1234"), name="Siti Nurhaliza Santoso"),
        "jose": log(service, email("jose@x.com"), name="José O'Brien"),
    }


@pytest.mark.parametrize(
    ("query", "who"),
    [
        ("+62 812-3456-7890", ["budi"]),
        ("0812 3456 7890", ["budi"]),
        ("pol 1234 5678", ["budi"]),
        ("POL-12345678", ["budi"]),
        ("021 5551234", ["siti"]),
        ("BUDIMAN@X.ID", ["budiman"]),
        ("budi", ["budi", "budiman"]),
        ("Budi S", ["budi"]),
        ("santoso", ["budi", "siti"]),
        ("nurh", ["siti"]),
        ("jose", ["jose"]),
        ("o'brien", ["jose"]),
        ("nobody", []),
        ("", []),
        ("   ", []),
    ],
)
def test_find_by_any_identifier_or_name(
    service: CustomerService, people: dict[str, int], query: str, who: list[str]
) -> None:
    assert sorted(c.id for c in service.find(query)) == sorted(people[w] for w in who)


def test_find_respects_the_limit(service: CustomerService, people: dict[str, int]) -> None:
    assert len(service.find("budi", limit=1)) == 1
    assert service.find("budi", limit=0) == []


@pytest.mark.parametrize("query", HOSTILE)
def test_find_never_fails_on_hostile_text(
    service: CustomerService, people: dict[str, int], query: str
) -> None:
    service.find(query)


def test_an_identifier_hit_skips_the_name_search(service: CustomerService) -> None:
    owner = log(service, account("AB-12"), name="Rina")
    namesake = service.create_customer(name="AB12 Trading").id
    # "ab 12" matched an account: it was that account, not the start of a company name.
    assert [c.id for c in service.find("ab 12")] == [owner]
    # Nothing matched as an identifier: then it may well be a name.
    assert [c.id for c in service.find("AB12 Tr")] == [namesake]
    assert [c.id for c in service.find("rina")] == [owner]


def test_find_reads_what_was_just_written_on_every_thread(service: CustomerService) -> None:
    from concurrent.futures import ThreadPoolExecutor

    ids = [log(service, phone(f"0812345678{n:02d}"), name=f"Orang {n}") for n in range(20)]

    def lookup(n: int) -> list[int]:
        return [c.id for c in service.find(f"0812-3456-78{n:02d}")]

    with ThreadPoolExecutor(max_workers=4) as pool:
        for _ in range(3):
            assert list(pool.map(lookup, range(20))) == [[i] for i in ids]
            # A write between rounds is seen by the next round's (reused) connections.
            extra = log(service, phone("081299990000"), name="Baru")
            assert [c.id for c in service.find("0812 9999 0000")] == [extra]
            service.erase(customer_id=extra, by="test")
            assert service.find("0812 9999 0000") == []


# --- the story so far ----------------------------------------------------------------------------


def test_story_orders_and_counts(service: CustomerService) -> None:
    now = FIXED_NOW
    customer_id = log(
        service,
        phone("081234567890"),
        name="Budi",
        started_at=now - timedelta(days=40),
        summary="oldest",
    )
    for days, summary in [(20, "twenty"), (8, "eight"), (1, "yesterday"), (0.01, "just now")]:
        log(service, phone("081234567890"), started_at=now - timedelta(days=days), summary=summary)
    log(service, phone("081234567890"), started_at=now + timedelta(days=1), summary="scheduled")
    f_old = service.add_fact(customer_id=customer_id, text="Hard of hearing", created_by="ani")
    service.add_fact(
        customer_id=customer_id,
        text="Expired note",
        created_by="ani",
        expires_at=now - timedelta(hours=1),
    )
    f_later = service.add_fact(
        customer_id=customer_id,
        text="Prefers WhatsApp",
        created_by="ani",
        expires_at=now + timedelta(days=3),
    )
    later = service.add_commitment(
        customer_id=customer_id, text="Send form", due_at=now + timedelta(days=2), made_by="ani"
    )
    overdue_old = service.add_commitment(
        customer_id=customer_id, text="Call back", due_at=now - timedelta(days=3), made_by="ani"
    )
    overdue_new = service.add_commitment(
        customer_id=customer_id, text="Refund", due_at=now - timedelta(hours=2), made_by="ani"
    )
    done = service.add_commitment(
        customer_id=customer_id, text="Done one", due_at=now - timedelta(days=9), made_by="ani"
    )
    service.set_commitment_status(commitment_id=done.id, status=CommitmentStatus.done)

    story = service.story(customer_id, limit=3)
    assert story.customer.name == "Budi"
    assert story.total_interactions == 6
    assert story.contacts_7d == 2  # yesterday, just now (not the scheduled one)
    assert story.contacts_30d == 4
    assert [i.summary for i in story.interactions] == ["scheduled", "just now", "yesterday"]
    assert [c.id for c in story.commitments] == [overdue_old.id, overdue_new.id, later.id]
    assert [c.overdue for c in story.commitments] == [True, True, False]
    assert {f.id for f in story.facts} == {f_old.id, f_later.id}  # the expired one is gone
    assert all(i.started_at.tzinfo is not None for i in story.interactions)


def test_story_of_a_customer_with_nothing_yet(service: CustomerService) -> None:
    customer = service.create_customer(name="New")
    story = service.story(customer.id)
    assert (story.total_interactions, story.contacts_7d, story.contacts_30d) == (0, 0, 0)
    assert story.facts == story.commitments == story.interactions == ()
    with pytest.raises(NotFoundError):
        service.story(customer.id + 1)


def test_interaction_fields_round_trip(service: CustomerService) -> None:
    started = datetime.fromisoformat("2025-03-10T14:05:00+07:00")
    customer_id = log(
        service,
        phone("081234567890"),
        channel=Channel.whatsapp,
        started_at=started,
        agent="Ani",
        summary="Tanya status klaim",
        outcome="resolved",
        tags=("klaim", "vip", " "),
        industry="insurance",
        client="Asuransi Maju",
        helpdesk_ref="ZD-1",
    )
    (read,) = service.story(customer_id).interactions
    assert read.started_at == started and read.started_at.utcoffset() == timedelta(0)
    assert (read.channel, read.agent, read.tags, read.industry, read.client) == (
        Channel.whatsapp,
        "Ani",
        ("klaim", "vip"),
        "insurance",
        "Asuransi Maju",
    )


def test_facts_and_commitments_can_change(service: CustomerService) -> None:
    customer_id = log(service, phone("081234567890"))
    fact = service.add_fact(customer_id=customer_id, text="Old", created_by="ani")
    updated = service.update_fact(fact_id=fact.id, text="New text")
    assert updated.text == "New text" and service.story(customer_id).facts[0].text == "New text"
    service.remove_fact(fact_id=fact.id)
    assert service.story(customer_id).facts == ()
    for call in (
        lambda: service.remove_fact(fact_id=fact.id),
        lambda: service.update_fact(fact_id=fact.id, text="x"),
        lambda: service.set_commitment_status(commitment_id=77, status=CommitmentStatus.done),
        lambda: service.add_fact(customer_id=999, text="x", created_by="a"),
    ):
        with pytest.raises(NotFoundError):
            call()
    with pytest.raises(InputError):
        service.add_fact(customer_id=customer_id, text="   ", created_by="a")


def test_editing_a_fact_keeps_its_expiry_unless_told(service: CustomerService) -> None:
    customer_id = log(service, phone("081234567890"))
    expiry = FIXED_NOW + timedelta(days=3)
    fact = service.add_fact(
        customer_id=customer_id, text="On holiday", created_by="ani", expires_at=expiry
    )
    assert service.update_fact(fact_id=fact.id, text="On holiday in Bali").expires_at == expiry
    assert service.story(customer_id).facts[0].expires_at == expiry
    later = FIXED_NOW + timedelta(days=5)
    assert service.update_fact(fact_id=fact.id, text="x", expires_at=later).expires_at == later
    # None says "clear it": the fact no longer expires.
    assert service.update_fact(fact_id=fact.id, text="x", expires_at=None).expires_at is None
    assert service.story(customer_id).facts[0].expires_at is None
    with pytest.raises(InputError, match="timezone"):
        service.update_fact(fact_id=fact.id, text="x", expires_at=datetime(2025, 1, 1))
    with pytest.raises(InputError, match="timezone"):
        service.add_commitment(
            customer_id=customer_id, text="x", due_at=datetime(2025, 1, 1), made_by="a"
        )


# --- search --------------------------------------------------------------------------------------


@pytest.mark.text_search  # FTS5 and ts_headline snippets mark the matched words
def test_search_finds_interactions_and_facts_with_their_customer(service: CustomerService) -> None:
    budi = log(
        service,
        phone("081234567890"),
        name="Budi",
        summary="Klaim rawat inap ditolak",
        started_at=FIXED_NOW - timedelta(days=2),
    )
    ani = log(
        service,
        phone("081298765432"),
        name="Ani",
        notes="kartu-kredit terblokir",
        started_at=FIXED_NOW - timedelta(days=1),
    )
    service.add_fact(customer_id=budi, text="Klaim banding sedang diproses", created_by="ani")
    hits = service.search("klaim")
    assert {(h.source, h.customer.id) for h in hits} == {("interaction", budi), ("fact", budi)}
    assert all("«" in h.snippet for h in hits)
    (card_hit,) = service.search("kartu-kredit")
    assert card_hit.customer.id == ani and card_hit.customer.name == "Ani"
    assert service.search("klaim ditolak")[0].source == "interaction"
    assert service.search("ditolak terblokir") == []  # every word must match
    assert service.search("KLAIM", limit=1)[0].started_at is not None


@pytest.mark.text_search  # FTS5's tokenizer and copilot_fold fold accents
def test_search_matches_words_with_apostrophes_and_accents(service: CustomerService) -> None:
    log(service, email("j@x.com"), summary="Pak O'Brien minta perubahán alamat")
    assert len(service.search("O'Brien")) == 1
    assert len(service.search("perubahan")) == 1


@pytest.mark.parametrize("query", HOSTILE)
def test_search_never_fails_on_hostile_text(service: CustomerService, query: str) -> None:
    log(service, phone("081234567890"), summary="NOT kartu-kredit O'Brien notes x 😀 ( * )")
    hits = service.search(query)
    assert isinstance(hits, list)


@pytest.mark.parametrize("query", ["", "   ", '"', "*", "(", "😀", "- - -"])
def test_search_without_words_returns_nothing(service: CustomerService, query: str) -> None:
    log(service, phone("081234567890"), summary="something")
    assert service.search(query) == []


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("kartu-kredit", '"kartu-kredit"'),
        ("O'Brien", '"O\'Brien"'),
        ('say "hi"', '"say" """hi"""'),
        ("NOT notes:x", '"NOT" "notes:x"'),
        ("*", None),
        ("", None),
    ],
)
def test_every_token_is_quoted(typed: str, expected: str | None) -> None:
    assert fts_query(typed) == expected


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=80))
def test_any_text_is_a_valid_search(service: CustomerService, typed: str) -> None:
    service.search(typed)
    service.find(typed)


# --- merge and erase -----------------------------------------------------------------------------


def test_merge_moves_everything_and_is_recorded(
    service: CustomerService, database: Database
) -> None:
    keep = log(service, phone("081234567890"), name="Budi", summary="first")
    other = log(service, email("budi@x.com"), account("POL-1"), summary="second")
    service.add_fact(customer_id=other, text="VIP", created_by="ani")
    service.add_commitment(customer_id=other, text="Call", due_at=FIXED_NOW, made_by="ani")
    merged = service.merge(keep_id=keep, merge_id=other, by="Team Lead Rina")
    assert merged.id == keep and len(merged.identifiers) == 3
    story = service.story(keep)
    assert story.total_interactions == 2 and len(story.facts) == 1 and len(story.commitments) == 1
    assert [c.id for c in service.find("budi@x.com")] == [keep]
    assert service.search("second")[0].customer.id == keep
    with pytest.raises(NotFoundError):
        service.get_customer(other)
    with database.session() as session:
        row = session.exec(
            text("SELECT actor, action, subject_ids, details FROM audit_event")
        ).one()  # type: ignore[call-overload]
    assert (row.actor, row.action, row.subject_ids) == (
        "Team Lead Rina",
        "merge",
        f"{keep},{other}",
    )
    assert json.loads(row.details)["moved"]["interaction"] == 1
    with pytest.raises(InputError):
        service.merge(keep_id=keep, merge_id=keep, by="x")
    with pytest.raises(NotFoundError):
        service.merge(keep_id=keep, merge_id=other, by="x")


def test_erase_leaves_no_trace(service: CustomerService, database: Database) -> None:
    marker = "Xylophonequartz"
    gone = log(
        service,
        phone("081234567890"),
        email("erase.me@x.com"),
        name=f"{marker} Person",
        summary=f"{marker} summary",
        notes=f"{marker} notes",
    )
    service.add_fact(customer_id=gone, text=f"{marker} fact", created_by="ani")
    service.add_commitment(
        customer_id=gone, text=f"{marker} promise", due_at=FIXED_NOW, made_by="ani"
    )
    drafts = DraftService(database)
    drafts.save(gone, f"Dear {marker}, about your claim")
    stays = log(
        service, phone("081298765432"), name="Stays", summary=f"{marker} mentioned by someone else"
    )

    service.erase(customer_id=gone, by="DPO")

    assert [h.customer.id for h in service.search(marker)] == [stays]
    assert service.find("081234567890") == [] and service.find("erase.me@x.com") == []
    assert service.find(marker) == []
    with pytest.raises(NotFoundError):
        service.story(gone)
    with database.session() as session:
        conn = session.connection()
        for table in ("identifier", "interaction", "fact", "commitment", "draft"):
            count = conn.execute(
                text(f"SELECT count(*) FROM {table} WHERE customer_id = :c"), {"c": gone}
            ).scalar()
            assert count == 0, table
        if database.dialect_name == "sqlite":
            _assert_no_trace_in_fts5(conn, marker)
        else:
            _assert_no_trace_in_postgres_indexes(conn, marker)
        audit = conn.execute(
            text("SELECT actor, action, subject_ids, details FROM audit_event")
        ).one()
    assert (audit.action, audit.subject_ids, audit.actor) == ("erase", str(gone), "DPO")
    recorded = " ".join(str(v) for v in audit).lower()
    for personal in (marker.lower(), "erase.me", "812345", "person"):
        assert personal not in recorded
    assert json.loads(audit.details)["removed"] == {
        "identifier": 2,
        "interaction": 1,
        "fact": 1,
        "commitment": 1,
        "draft": 1,
    }
    assert drafts.get(gone) == ""
    assert database.check() == []
    with pytest.raises(NotFoundError):
        service.erase(customer_id=gone, by="DPO")


def _assert_no_trace_in_fts5(conn: Connection, marker: str) -> None:
    """The desk's full-text indexes hold the erased words nowhere, not even in their pages."""
    for table, expected in (("fts_fact", 0), ("fts_customer", 0), ("fts_interaction", 1)):
        found = conn.exec_driver_sql(
            f"SELECT count(*) FROM {table} WHERE {table} MATCH ?", (marker,)
        ).scalar()
        assert found == expected, table
    # Not even the index's pages keep the erased words (FTS5 secure-delete), though the other
    # customer's row with the same word is still indexed.
    for table in ("fts_fact", "fts_customer"):
        leftover = conn.exec_driver_sql(
            f"SELECT count(*) FROM {table}_data WHERE instr(block, CAST(? AS BLOB)) > 0",
            (marker.lower(),),
        ).scalar()
        assert leftover == 0, table


def _assert_no_trace_in_postgres_indexes(conn: Connection, marker: str) -> None:
    """Through the site's own search and trigram indexes (sequential scans off, so the
    answer is the indexes'), the erased words lead nowhere. Dead index entries wait for
    VACUUM, which the server's autovacuum runs; they point at rows no transaction sees."""
    conn.execute(text("SET LOCAL enable_seqscan = off"))
    searches = {
        "fact": "SELECT count(*) FROM fact WHERE to_tsvector('indonesian', "
        "copilot_fold(text)) @@ plainto_tsquery('indonesian', :m)",
        "interaction": "SELECT count(*) FROM interaction WHERE to_tsvector('english', "
        "copilot_fold(summary || ' ' || notes)) @@ plainto_tsquery('english', :m)",
        "customer": "SELECT count(*) FROM customer WHERE name_key LIKE :like",
    }
    found = {
        table: conn.execute(text(sql), {"m": marker, "like": f"%{marker.lower()}%"}).scalar()
        for table, sql in searches.items()
    }
    assert found == {"fact": 0, "interaction": 1, "customer": 0}


@pytest.mark.sqlite_dialect  # the write-ahead log is SQLite's
def test_erase_empties_the_write_ahead_log_while_the_store_stays_open(
    service: CustomerService, database: Database, db_path: Path
) -> None:
    marker = "Quokkaplinth"
    gone = log(service, phone("081234567890"), name=f"{marker} Person", summary=f"{marker} x")
    service.add_fact(customer_id=gone, text=f"{marker} fact", created_by="ani")
    DraftService(database).save(gone, f"Dear {marker}")
    wal = Path(f"{db_path}-wal")
    assert wal.stat().st_size > 0  # the writes above are (still) in the log
    story = service.story(gone)  # a reader has used (and parked) a connection
    assert story.customer.id == gone

    service.erase(customer_id=gone, by="DPO")

    # The old pages, with the name, were in the log; the log is empty now, with the file open.
    assert wal.exists() and wal.stat().st_size == 0
    with (
        closing(open_database(str(db_path), passphrase=TEST_PASSPHRASE)) as fresh,
        fresh.session() as session,
    ):
        conn = session.connection()
        tables = [
            row[0]
            for row in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'table'")
        ]
        for table in tables:
            columns = [c[1] for c in conn.exec_driver_sql(f'PRAGMA table_info("{table}")')]
            for column in columns:
                found = conn.exec_driver_sql(
                    f'SELECT count(*) FROM "{table}" '
                    f'WHERE instr(lower(CAST("{column}" AS BLOB)), CAST(? AS BLOB)) > 0',
                    (marker.lower(),),
                ).scalar()
                assert found == 0, f"{table}.{column}"


def test_checkpoint_is_harmless_on_an_idle_or_fresh_store(database: Database) -> None:
    assert database.checkpoint() is True
    assert database.checkpoint() is True


# --- payment secrets are never stored ----------------------------------------------------------


def test_card_cvv_and_otp_are_masked_before_writing(tmp_path: Path) -> None:
    # An unencrypted file, so the raw bytes test means something (SQLCipher would hide it all).
    target = tmp_path / "plain.db"
    database = open_database(f"sqlite:///{target}", allow_unencrypted=True)
    # A fixed clock: a real timestamp's microseconds could hold "987" by chance.
    service = CustomerService(database, clock=lambda: FIXED_NOW)
    customer_id = log(
        service,
        phone("081234567890"),
        summary="Kartu 4111 1111 1111 1111 CVV 987",
        notes="kode OTP saya 482913, card 5500-0000-0000-0004",
        outcome="paid with 4012888888881881",
    )
    service.add_fact(customer_id=customer_id, text="card on file 378282246310005", created_by="a")
    service.add_commitment(
        customer_id=customer_id, text="refund to 6011111111111117", due_at=FIXED_NOW, made_by="a"
    )
    story = service.story(customer_id)
    database.close()

    (interaction,) = story.interactions
    shown = " ".join(
        [
            interaction.summary,
            interaction.notes,
            interaction.outcome,
            story.facts[0].text,
            story.commitments[0].text,
        ]
    )
    assert "1111" in shown  # the last four digits of a card may stay
    raw = b"".join(p.read_bytes() for p in tmp_path.iterdir() if p.name.startswith("plain.db"))
    for secret in (
        "4111111111111111",
        "4111 1111 1111 1111",
        "987",
        "482913",
        "5500-0000-0000-0004",
        "4012888888881881",
        "378282246310005",
        "6011111111111117",
    ):
        assert secret not in shown, secret
        # Three digits can occur in any binary page by chance; look for the CVV with its word.
        needle = "CVV 987" if secret == "987" else secret
        assert needle.encode() not in raw, secret


# --- two processes -------------------------------------------------------------------------------

WRITER = """
import sys
from copilot.storage.db import open_database
from copilot.storage.schemas import IdentifierIn, InteractionCreate
from copilot.storage.service import CustomerService

path, passphrase, tag, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
db = open_database(path, passphrase=passphrase, busy_timeout_ms=30000)
service = CustomerService(db)
phone = IdentifierIn(kind="phone", value="0812-3456-7890")
for n in range(count):
    own = IdentifierIn(kind="account", value=f"{tag}-{n}")
    service.add_interaction(InteractionCreate(identifiers=(phone,), summary=f"{tag} {n}"))
    service.add_interaction(InteractionCreate(identifiers=(own,), summary=f"{tag} own {n}"))
db.close()
"""


@pytest.fixture
def child_env() -> Iterator[dict[str, str]]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO_ROOT), env.get("PYTHONPATH")]))
    yield env


def test_two_processes_writing_at_once_lose_nothing(
    tmp_path: Path, child_env: dict[str, str]
) -> None:
    target = tmp_path / "shared.db"  # both processes create and migrate it at the same moment
    count = 20
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(target), TEST_PASSPHRASE, tag, str(count)],
            env=child_env,
            stderr=subprocess.PIPE,
            text=True,
        )
        for tag in ("desk-a", "desk-b")
    ]
    for writer in writers:
        _, err = writer.communicate(timeout=100)
        assert writer.returncode == 0, err
    database = open_database(str(target), passphrase=TEST_PASSPHRASE)
    try:
        service = CustomerService(database)
        counts = table_counts(database)
        assert counts["interaction"] == 4 * count
        # The shared number became exactly one customer, whoever logged it first.
        assert counts["customer"] == 1 + 2 * count
        (shared,) = service.find("081234567890")
        assert service.story(shared.id).total_interactions == 2 * count
        assert database.check() == []
    finally:
        database.close()


def test_customer_rows_map_to_read_models_whatever_the_stored_form() -> None:
    from copilot.storage import mappers
    from copilot.storage.schemas import CustomerRead, IdentifierRead

    built = mappers.customers(
        [
            (7, "Budi", "bapak", "2024-05-01T02:30:00+00:00", "phone", "+6281234567890"),
            (7, "Budi", "bapak", "2024-05-01T02:30:00+00:00", "made_up_kind", "X1"),
            (8, "Ani", None, "2024-05-02 00:00:00", None, None),
        ]
    )
    expected = {
        7: CustomerRead(
            id=7,
            name="Budi",
            salutation="bapak",
            created_at=datetime.fromisoformat("2024-05-01T02:30:00+00:00"),
            identifiers=(
                IdentifierRead(kind=IdentifierKind.phone, value="+6281234567890"),
                IdentifierRead(kind=IdentifierKind.other, value="X1"),
            ),
        ),
        8: CustomerRead(
            id=8,
            name="Ani",
            salutation="",
            created_at=datetime.fromisoformat("2024-05-02T00:00:00+00:00"),
            identifiers=(),
        ),
    }
    assert built == expected
    for key, model in built.items():
        assert model.model_dump() == expected[key].model_dump()
        assert model.model_dump_json() == expected[key].model_dump_json()
        assert hash(model) == hash(expected[key])  # frozen models are hashable
        assert model.model_fields_set == expected[key].model_fields_set
        with pytest.raises(ValueError):
            model.name = "changed"  # still frozen
