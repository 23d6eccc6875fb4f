"""Upgrading a desk's database keeps every row: 0001 -> head on a file with data in it."""

from __future__ import annotations

from pathlib import Path

from storage_support import FIXED_NOW, TEST_PASSPHRASE

from copilot.storage import migrations
from copilot.storage.db import open_database
from copilot.storage.schemas import IdentifierIn, IdentifierKind, InteractionCreate
from copilot.storage.service import CustomerService


def _at_0001_with_data(path: Path) -> None:
    from alembic import command

    db = open_database(str(path), passphrase=TEST_PASSPHRASE)
    try:
        with db.engine.begin() as conn:
            command.downgrade(migrations.alembic_config(conn), "0001")
        with db.engine.begin() as conn:
            for n in (1, 2, 3):
                conn.exec_driver_sql(
                    "INSERT INTO customer (id, name, name_key, created_at) "
                    f"VALUES ({n}, 'Budi {n}', 'budi {n}', '2026-01-0{n} 00:00:00.000000')"
                )
                conn.exec_driver_sql(
                    "INSERT INTO identifier (kind, value, customer_id) "
                    f"VALUES ('phone', '+62812000000{n}', {n})"
                )
                conn.exec_driver_sql(
                    "INSERT INTO interaction (customer_id, channel, direction, started_at, agent,"
                    " summary, notes, outcome, tags, industry, client, helpdesk_ref) VALUES "
                    f"({n}, 'phone', 'inbound', '2026-01-0{n} 01:00:00.000000', 'dewi',"
                    f" 'klaim nomor {n}', '', '', '', 'general', '', '')"
                )
                conn.exec_driver_sql(
                    "INSERT INTO fact (customer_id, text, created_by, created_at) "
                    f"VALUES ({n}, 'tuli, pakai chat {n}', 'dewi', '2026-01-01 00:00:00.000000')"
                )
            assert migrations.current_revision(conn) == "0001"
    finally:
        db.close()


def test_upgrade_from_0001_keeps_every_row_and_the_search_index(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    _at_0001_with_data(path)
    db = open_database(str(path), passphrase=TEST_PASSPHRASE)
    try:
        with db.engine.connect() as conn:
            assert migrations.current_revision(conn) == migrations.HEAD_REVISION
            counts = {
                table: conn.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar()
                for table in ("customer", "identifier", "interaction", "fact")
            }
        assert counts == {"customer": 3, "identifier": 3, "interaction": 3, "fact": 3}
        assert db.check() == []
        service = CustomerService(db)
        assert [c.name for c in service.find("santo") + service.find("Budi 2")] == ["Budi 2"]
        assert {hit.customer.id for hit in service.search("klaim")} == {1, 2, 3}
        story = service.story(2)
        assert [f.text for f in story.facts] == ["tuli, pakai chat 2"]
    finally:
        db.close()


def test_an_erased_customers_id_is_never_given_to_the_next_one(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    _at_0001_with_data(path)  # upgraded databases too, not only new ones
    db = open_database(str(path), passphrase=TEST_PASSPHRASE)
    try:
        service = CustomerService(db)
        service.erase(customer_id=3, by="tl")
        created = service.add_interaction(
            InteractionCreate(
                identifiers=[IdentifierIn(kind=IdentifierKind.phone, value="0812 9999 0000")],
                summary="new caller",
            )
        )
        assert created.created_customer
        assert created.customer_id == 4
        again = service.create_customer(name="Another")
        service.erase(customer_id=again.id, by="tl")
        assert service.create_customer(name="Third").id == again.id + 1
    finally:
        db.close()


def test_the_bulk_loader_never_reuses_an_erased_id(tmp_path: Path) -> None:
    from copilot.storage.bulk import bulk_load

    db = open_database(str(tmp_path / "new.db"), passphrase=TEST_PASSPHRASE)
    try:
        service = CustomerService(db)
        first = service.create_customer(name="One")
        second = service.create_customer(name="Two")
        service.erase(customer_id=second.id, by="tl")
        with bulk_load(db) as loader:
            loaded = loader.add_customer("Three", created_at=FIXED_NOW)
        assert first.id < second.id < loaded
    finally:
        db.close()
