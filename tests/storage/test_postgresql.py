"""The PostgreSQL dialect: its own text search and name indexes, checks, ids and backups."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from copilot.errors import DatabaseError, InputError
from copilot.storage.db import Database, open_database
from copilot.storage.dialects import postgresql
from copilot.storage.dialects.base import Dialect
from copilot.storage.schemas import IdentifierIn, IdentifierKind, InteractionCreate
from copilot.storage.service import CustomerService


@pytest.fixture
def site(pg_url: str) -> Iterator[Database]:
    database = open_database(pg_url)
    yield database
    database.close()


@pytest.fixture
def service(site: Database) -> CustomerService:
    return CustomerService(site)


def _log(service: CustomerService, phone: str, **fields: Any) -> int:
    identifiers = (IdentifierIn(kind=IdentifierKind.phone, value=phone),)
    return service.add_interaction(InteractionCreate(identifiers=identifiers, **fields)).customer_id


def _plan(site: Database, sql: str, params: dict[str, Any]) -> str:
    """The plan of `sql` with sequential scans off: what the indexes can answer."""
    with site.session() as session:
        session.execute(text("SET LOCAL enable_seqscan = off"))
        return "\n".join(str(row[0]) for row in session.execute(text("EXPLAIN " + sql), params))


def test_search_is_answered_from_the_migrations_indexes(site: Database) -> None:
    params = {"text": "klaim ditolak", "limit": 20}
    interactions = _plan(site, postgresql.SEARCH_INTERACTIONS, params)
    facts = _plan(site, postgresql.SEARCH_FACTS, params)
    for config in ("in", "en"):  # both configurations, each through its own index
        assert f"ix_interaction_search_{config}" in interactions
        assert f"ix_fact_search_{config}" in facts
    names = _plan(site, "SELECT id FROM customer WHERE name_key LIKE :p", {"p": "%rahmawati%"})
    assert "ix_customer_name_trgm" in names


def test_a_row_matches_in_either_language(service: CustomerService) -> None:
    indonesian = _log(service, "081234567890", summary="Klaim rawat inap ditolak")
    english = _log(service, "081298765432", summary="Customer asked for refunds twice")
    # Indonesian stems: "tolak" finds "ditolak"; English ones: "refund" finds "refunds",
    # and an English stop word does not stop the rest of the words from matching.
    assert [h.customer.id for h in service.search("tolak")] == [indonesian]
    assert [h.customer.id for h in service.search("the refund")] == [english]
    (hit,) = service.search("klaim")
    assert "«Klaim»" in hit.snippet


def test_accents_fold_both_ways_without_unaccent(service: CustomerService) -> None:
    typed = _log(service, "081234567890", summary="Minta perubahán alamat")
    plain = _log(service, "081298765432", summary="Perubahan jadwal kunjungan")
    assert {h.customer.id for h in service.search("perubahan")} == {typed, plain}
    assert {h.customer.id for h in service.search("PERUBAHÁN")} == {typed, plain}


def test_operators_in_user_text_are_words(service: CustomerService) -> None:
    budi = _log(service, "081234567890", summary="NOT a claim & (urgent) | maybe")
    _log(service, "081298765432", summary="a claim")
    # "NOT", "&", "|", "(": never query syntax, so every word must simply be there.
    assert [h.customer.id for h in service.search("urgent | NOT claim")] == [budi]
    assert service.search("'\\x00 :* <-> !") == []


def test_typo_candidates_come_from_trigrams_on_a_large_server(
    site: Database, service: CustomerService, monkeypatch: pytest.MonkeyPatch
) -> None:
    siti = service.create_customer(name="Siti Rahmawati").id
    service.create_customer(name="Puspita Sari")
    # As if the first-letter words (bounded on a large server) had missed her: the trigram
    # index still offers "rahmawati" for the long word typed with a slip.
    monkeypatch.setattr(Dialect, "name_words", lambda self, reader, word, limit: [])
    with site.reader() as reader:
        words = site.dialect.name_words(reader, "rahmawti", 100)
        swapped = site.dialect.name_words(reader, "pupsita", 100)  # half its trigrams differ
    assert "rahmawati" in words and "puspita" in swapped
    assert [c.id for c in service.find("siti rahmawti")] == [siti]


def test_check_names_a_missing_index(site: Database) -> None:
    assert site.check() == []
    with site.engine.begin() as conn:
        conn.execute(text("DROP INDEX ix_fact_search_en"))
    assert site.check() == ["index ix_fact_search_en is missing: search or find will be slow"]


def test_an_erased_customers_id_is_never_given_again(
    site: Database, service: CustomerService
) -> None:
    ids = [_log(service, f"08123456789{n}") for n in range(3)]
    service.erase(customer_id=ids[-1], by="DPO")
    with site.engine.connect() as conn:
        assert site.dialect.last_customer_id(conn) == ids[-1]
    assert _log(service, "081298765432") > ids[-1]


def test_backup_of_a_site_points_to_pg_dump_without_the_password(
    site: Database, pg_url: str, tmp_path: Path
) -> None:
    password = pg_url.split(":")[2].split("@")[0]
    with pytest.raises(DatabaseError) as caught:
        site.backup(tmp_path / "site.db")
    assert "pg_dump" in caught.value.message and password not in caught.value.message
    assert not (tmp_path / "site.db").exists()


@pytest.mark.parametrize("campaign", ["x" * 65, "tab\there", "line\nbreak"])
def test_an_unusable_campaign_is_refused(site: Database, campaign: str) -> None:
    with pytest.raises(InputError):
        CustomerService(site, campaign=campaign)


def test_a_desk_can_create_customers_after_a_bulk_load(
    site: Database, service: CustomerService
) -> None:
    """The loader gives customers ids itself; the server's sequence must move past them, or the
    next customer an agent creates collides with customer 1."""
    from copilot.storage import demo

    demo.generate(site, customers=30, seed=3)
    created = service.create_customer(
        name="After The Load",
        identifiers=[IdentifierIn(kind=IdentifierKind.phone, value="081399900123")],
    )
    assert created.id > 30
    assert service.count_customers() == 31
