"""The panel's quick lookup: same answers as CustomerService.find, read-only, same key errors."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from storage_support import TEST_PASSPHRASE

from copilot.errors import (
    DatabaseError,
    DatabaseReadOnlyError,
    NoPassphraseError,
    WrongPassphraseError,
)
from copilot.storage import migrations
from copilot.storage.db import Database, open_database
from copilot.storage.quick import QuickStore, open_quick
from copilot.storage.schemas import CustomerRead, IdentifierIn, IdentifierKind
from copilot.storage.service import CustomerService

QUERIES = [
    "+62 812-3456-7890",
    "0812 3456 7890",
    "6281234567890",
    "pol 1234 5678",
    "021 5551234",
    "BUDIMAN@X.ID",
    "budi",
    "Budi S",
    "santoso",
    "nurh",
    "jose",
    "o'brien",
    "nobody",
    "",
    "   ",
    "\x00budi",
    '"NOT" * (',
    "a" * 10_000,
    "\ud800",
]


def _people(service: CustomerService) -> None:
    def ids(*pairs: tuple[IdentifierKind, str]) -> list[IdentifierIn]:
        return [IdentifierIn(kind=k, value=v) for k, v in pairs]

    service.create_customer(
        name="Budi Santoso",
        identifiers=ids(
            (IdentifierKind.phone, "081234567890"), (IdentifierKind.account, "POL-1234-5678")
        ),
    )
    service.create_customer(
        name="Budiman Hartono", identifiers=ids((IdentifierKind.email, "budiman@x.id"))
    )
    service.create_customer(
        name="Siti Nurhaliza Santoso", identifiers=ids((IdentifierKind.phone, "(021) 555-1234"))
    )
    service.create_customer(name="José O'Brien")


@pytest.fixture
def quick(database: Database, db_path: Path) -> Iterator[QuickStore]:
    _people(CustomerService(database))
    store = open_quick(db_path, passphrase=TEST_PASSPHRASE)
    assert store is not None
    yield store
    store.close()


@pytest.mark.parametrize("query", QUERIES)
def test_quick_find_answers_what_the_service_answers(
    database: Database, quick: QuickStore, query: str
) -> None:
    expected = CustomerService(database).find(query)
    found = quick.find(query)
    assert all(isinstance(hit, CustomerRead) for hit in found)
    as_tuples = [(c.id, c.name, [(i.kind, i.value) for i in c.identifiers]) for c in found]
    assert as_tuples == [
        (c.id, c.name, [(i.kind, i.value) for i in c.identifiers]) for c in expected
    ]
    if query.strip(" \x00") in ("budi", "santoso"):
        assert len(found) == 2  # the comparison above is not between two empty lists


def test_quick_find_sees_customers_written_after_it_opened(
    database: Database, quick: QuickStore
) -> None:
    assert quick.find("rina") == []
    CustomerService(database).create_customer(name="Rina Wati")
    assert [c.name for c in quick.find("rina")] == ["Rina Wati"]
    assert quick.has_customers()


def test_quick_find_respects_the_limit(quick: QuickStore) -> None:
    assert len(quick.find("budi", limit=1)) == 1
    assert quick.find("budi", limit=0) == []
    assert len(quick.find("budi", limit=10**9)) == 2


def test_the_quick_lookup_never_writes(quick: QuickStore) -> None:
    with pytest.raises(DatabaseReadOnlyError):
        quick._run("DELETE FROM customer", {})


def test_its_key_opens_the_full_store_without_deriving_again(
    database: Database, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _people(CustomerService(database))
    database.close()
    store = open_quick(db_path, passphrase=TEST_PASSPHRASE)
    assert store is not None and store.key.raw

    import copilot.storage.dialects.sqlcipher as sqlcipher_module

    def no_derivation(*_args: object) -> None:
        raise AssertionError("the key was derived again")

    monkeypatch.setattr(sqlcipher_module, "derive_raw_key", no_derivation)
    full = open_database(str(db_path), key=store.key)
    try:
        assert len(CustomerService(full).find("budi")) == 2
    finally:
        full.close()
        store.close()


def test_a_new_or_empty_or_plain_file_is_left_to_the_full_open(tmp_path: Path) -> None:
    missing = tmp_path / "none.db"
    assert open_quick(missing, passphrase=TEST_PASSPHRASE) is None
    assert not missing.exists()  # it never creates anything
    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    assert open_quick(empty, passphrase=TEST_PASSPHRASE) is None
    plain = tmp_path / "plain.db"
    with sqlite3.connect(plain) as connection:
        connection.execute("CREATE TABLE customer (id INTEGER)")
    assert open_quick(plain, passphrase=TEST_PASSPHRASE) is None
    folder = tmp_path / "folder.db"
    folder.mkdir()
    assert open_quick(folder, passphrase=TEST_PASSPHRASE) is None


def test_another_schema_version_is_left_to_the_full_open(database: Database, db_path: Path) -> None:
    with database.write() as session:
        session.connection().exec_driver_sql(
            f"UPDATE {migrations.VERSION_TABLE} SET version_num = '0000'"
        )
    assert open_quick(db_path, passphrase=TEST_PASSPHRASE) is None


def test_a_wrong_or_missing_key_is_the_same_error_as_the_full_open(
    database: Database, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    database.close()
    with pytest.raises(WrongPassphraseError):
        open_quick(db_path, passphrase="not the passphrase")
    monkeypatch.delenv("COPILOT_DB_PASSPHRASE", raising=False)
    # The test keyring holds no key for this file, which was made with a passphrase.
    with pytest.raises(NoPassphraseError):
        open_quick(db_path)


def test_a_damaged_file_is_a_clear_error(database: Database, db_path: Path) -> None:
    _people(CustomerService(database))
    database.close()
    data = bytearray(db_path.read_bytes())
    data[4096 + 100 : 4096 + 200] = bytes(100)  # page 2 no longer authenticates
    db_path.write_bytes(bytes(data))
    # Reported when opening or at the first lookup that reads the page, never a traceback.
    with pytest.raises(DatabaseError, match="damaged"):
        store = open_quick(db_path, passphrase=TEST_PASSPHRASE)
        assert store is not None
        try:
            for query in ("budi", "santoso", "0812 3456 7890", "jose"):
                store.find(query)
        finally:
            store.close()


def test_the_quick_path_imports_no_keyring_alembic_or_phonenumbers(
    database: Database, db_path: Path
) -> None:
    # It does import SQLAlchemy and the table models: it runs the statements the full store
    # runs, built from the tables. What it skips is the engine, the schema check (Alembic),
    # the keyring when a passphrase is given, and phone-number validation.
    _people(CustomerService(database))
    database.close()
    code = (
        "import sys; from pathlib import Path\n"
        "from copilot.storage.quick import open_quick\n"
        f"store = open_quick(Path({str(db_path)!r}), passphrase={TEST_PASSPHRASE!r})\n"
        "assert [c.name for c in store.find('budi s')] == ['Budi Santoso']\n"
        "assert [c.name for c in store.find('0812-3456-7890')] == ['Budi Santoso']\n"
        "assert [c.name for c in store.find('+62 812 3456 7890')] == ['Budi Santoso']\n"
        "heavy = [m for m in ('keyring', 'alembic',"
        " 'phonenumbers')"
        " if m in sys.modules]\n"
        "print(heavy)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.strip() == "[]"


def test_the_quick_lookup_finds_a_keyring_key_by_salt_or_by_the_old_path_name(
    keyring_database: Database, db_path: Path, memory_keyring: Any
) -> None:
    from copilot.storage.keys import KEYRING_SERVICE, keyring_username, legacy_keyring_username

    _people(CustomerService(keyring_database))
    keyring_database.close()
    store = open_quick(db_path)
    assert store is not None and store.key.raw and len(store.key.secret) == 96
    store.close()
    name = keyring_username(db_path.read_bytes()[:16])
    secret = memory_keyring.secrets.pop((KEYRING_SERVICE, name))
    memory_keyring.secrets[(KEYRING_SERVICE, legacy_keyring_username(db_path))] = secret
    store = open_quick(db_path)
    assert store is not None and len(store.find("budi")) == 2
    store.close()
    assert memory_keyring.secrets[(KEYRING_SERVICE, name)] == secret  # saved under the new name
