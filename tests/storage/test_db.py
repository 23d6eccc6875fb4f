"""The database file: encryption at rest, clear errors for bad files, locking, backup, check."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
import sqlcipher3.dbapi2 as sqlcipher
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text
from sqlmodel import SQLModel
from storage_support import TEST_PASSPHRASE

from copilot.errors import (
    DatabaseCorruptError,
    DatabaseError,
    DatabaseLockedError,
    DatabaseReadOnlyError,
    InputError,
    WrongPassphraseError,
)
from copilot.storage import migrations
from copilot.storage.db import Database, open_database
from copilot.storage.keys import SQLCIPHER_SALT_BYTES, DatabaseKey, derive_raw_key
from copilot.storage.schemas import IdentifierIn, IdentifierKind, InteractionCreate
from copilot.storage.service import CustomerService

MARKER = "ZEBRAMARKER7731"
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def keyed(
    path: Path, passphrase: str = TEST_PASSPHRASE, *, timeout_ms: int = 0
) -> sqlcipher.Connection:
    """A raw SQLCipher connection, as another program would open the file."""
    connection = sqlcipher.connect(str(path), isolation_level=None, timeout=timeout_ms / 1000)
    connection.execute("PRAGMA key = '" + passphrase.replace("'", "''") + "'")
    return connection


def add_marked_customer(database: Database) -> None:
    service = CustomerService(database)
    result = service.add_interaction(
        InteractionCreate(
            name=f"Name {MARKER}",
            identifiers=(IdentifierIn(kind=IdentifierKind.email, value=f"{MARKER}@example.com"),),
            summary=f"summary {MARKER}",
            notes=f"notes {MARKER}",
        )
    )
    service.add_fact(customer_id=result.customer_id, text=f"fact {MARKER}", created_by="ani")


# --- encryption at rest ---------------------------------------------------------------------------


def test_file_wal_and_backup_hold_no_plaintext(
    database: Database, db_path: Path, tmp_path: Path
) -> None:
    add_marked_customer(database)
    wal = db_path.with_name(db_path.name + "-wal")
    assert wal.exists() and wal.stat().st_size > 0  # the data is still in the WAL, unflushed
    backup = database.backup(tmp_path / "backups" / "copy.db")
    for file in (db_path, wal, backup):
        raw = file.read_bytes()
        assert MARKER.encode() not in raw, file
        assert MARKER.lower().encode() not in raw, file
        assert not raw.startswith(b"SQLite format 3"), file


def test_the_data_reads_back_with_the_key(database: Database, db_path: Path) -> None:
    add_marked_customer(database)
    database.close()
    reopened = open_database(str(db_path), passphrase=TEST_PASSPHRASE)
    try:
        assert [c.name for c in CustomerService(reopened).find(f"{MARKER}@example.com")] == [
            f"Name {MARKER}"
        ]
    finally:
        reopened.close()


def test_pragmas_are_set_on_every_connection(db_path: Path) -> None:
    db = open_database(str(db_path), passphrase=TEST_PASSPHRASE, busy_timeout_ms=1234)
    try:
        with db.session() as session:
            conn = session.connection()
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 1234
            assert conn.exec_driver_sql("PRAGMA secure_delete").scalar() == 1
    finally:
        db.close()


def test_missing_folders_are_created(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b" / "c" / "copilot.db"
    open_database(str(target), passphrase=TEST_PASSPHRASE).close()
    assert target.is_file()


def test_sqlcipher_url_is_accepted(tmp_path: Path) -> None:
    target = tmp_path / "url.db"
    db = open_database(f"sqlite+pysqlcipher:///{target}", passphrase=TEST_PASSPHRASE)
    try:
        assert db.encrypted and db.dialect_name == "sqlite"
    finally:
        db.close()
    assert not target.read_bytes().startswith(b"SQLite format 3")


def test_passphrase_with_quotes_and_unicode_round_trips(tmp_path: Path) -> None:
    phrase = 'it\'s a "quoted" kata sandi – ünïcode 🔑'
    target = tmp_path / "q.db"
    open_database(str(target), passphrase=phrase).close()
    open_database(str(target), passphrase=phrase).close()
    with pytest.raises(WrongPassphraseError):
        open_database(str(target), passphrase=phrase[:-1])


# --- files that are not ours, or not usable -------------------------------------------------------


def test_wrong_passphrase_is_a_clear_error(database: Database, db_path: Path) -> None:
    database.close()
    with pytest.raises(WrongPassphraseError) as caught:
        open_database(str(db_path), passphrase="not the passphrase")
    assert "wrong passphrase, or not a Copilot database" in str(caught.value)
    assert str(db_path) in str(caught.value)


def test_plaintext_sqlite_file_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "plain.db"
    with closing(sqlite3.connect(target)) as plain:
        plain.execute("CREATE TABLE t (x)")
        plain.commit()
    with pytest.raises(DatabaseCorruptError, match="not an encrypted Copilot database"):
        open_database(str(target), passphrase=TEST_PASSPHRASE)


def test_random_junk_file_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "junk.db"
    target.write_bytes(os.urandom(8192))
    with pytest.raises(WrongPassphraseError, match="not a Copilot database"):
        open_database(str(target), passphrase=TEST_PASSPHRASE)


def test_text_file_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "notes.txt"
    target.write_text("name,phone\nBudi,0812\n" * 200)
    with pytest.raises(WrongPassphraseError):
        open_database(str(target), passphrase=TEST_PASSPHRASE)


def test_encrypted_database_of_another_program_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "other.db"
    with closing(keyed(target)) as other:
        other.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
    with pytest.raises(DatabaseCorruptError, match="not a Copilot database"):
        open_database(str(target), passphrase=TEST_PASSPHRASE)


def test_database_from_a_newer_version_is_refused(database: Database, db_path: Path) -> None:
    database.close()
    with closing(keyed(db_path)) as raw:
        raw.execute("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(DatabaseError, match="newer version of Copilot"):
        open_database(str(db_path), passphrase=TEST_PASSPHRASE)


def test_a_folder_is_not_a_database(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a folder"):
        open_database(str(tmp_path), passphrase=TEST_PASSPHRASE)


def test_folder_that_cannot_be_created_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where a folder should be")
    with pytest.raises(DatabaseError, match="blocker"):
        open_database(str(blocker / "sub" / "copilot.db"), passphrase=TEST_PASSPHRASE)


@pytest.mark.parametrize("target", ["", "   "])
def test_empty_target_is_an_input_error(target: str) -> None:
    with pytest.raises(InputError):
        open_database(target, passphrase=TEST_PASSPHRASE)


@pytest.mark.skipif(IS_ROOT, reason="root ignores file permissions")
def test_read_only_file_is_a_clear_error(database: Database, db_path: Path) -> None:
    database.close()
    db_path.chmod(0o444)
    try:
        with pytest.raises(DatabaseReadOnlyError, match="read-only"):
            open_database(str(db_path), passphrase=TEST_PASSPHRASE)
    finally:
        db_path.chmod(0o644)


@pytest.mark.skipif(IS_ROOT, reason="root ignores file permissions")
def test_read_only_folder_is_a_clear_error(database: Database, db_path: Path) -> None:
    database.close()
    db_path.parent.chmod(0o555)
    try:
        with pytest.raises(DatabaseReadOnlyError, match="read-only"):
            open_database(str(db_path), passphrase=TEST_PASSPHRASE)
    finally:
        db_path.parent.chmod(0o755)


@pytest.mark.skipif(IS_ROOT, reason="root ignores file permissions")
def test_unreadable_file_is_a_clear_error(database: Database, db_path: Path) -> None:
    database.close()
    db_path.chmod(0o000)
    try:
        with pytest.raises(DatabaseError, match="cannot read"):
            open_database(str(db_path), passphrase=TEST_PASSPHRASE)
    finally:
        db_path.chmod(0o644)


def test_a_write_refused_by_sqlite_as_read_only_becomes_a_clear_error(database: Database) -> None:
    # Works as root too: query_only makes SQLite answer exactly as for a read-only file.
    with pytest.raises(DatabaseReadOnlyError, match="read-only"), database.write() as session:
        session.connection().exec_driver_sql("PRAGMA query_only = ON")
        try:
            session.connection().exec_driver_sql(
                "INSERT INTO agent (name, role) VALUES ('ani', 'agent')"
            )
        finally:
            session.connection().exec_driver_sql("PRAGMA query_only = OFF")


# --- locking and transactions ---------------------------------------------------------------------


@pytest.fixture
def writer_lock(database: Database, db_path: Path) -> Iterator[sqlcipher.Connection]:
    """Another program holding the write lock."""
    other = keyed(db_path)
    other.execute("BEGIN IMMEDIATE")
    yield other
    other.execute("ROLLBACK")
    other.close()


def test_locked_database_is_a_clear_error(db_path: Path, writer_lock: sqlcipher.Connection) -> None:
    db = open_database(str(db_path), passphrase=TEST_PASSPHRASE, busy_timeout_ms=50)
    try:
        service = CustomerService(db)
        with pytest.raises(DatabaseLockedError, match="busy"):
            service.create_customer(name="Budi")
        # Reads still work while another program writes (WAL).
        assert service.count_customers() == 0
    finally:
        db.close()


def test_writes_take_the_lock_at_begin(database: Database, db_path: Path) -> None:
    with database.write() as session:
        session.exec(text("SELECT 1"))  # only a read so far, yet the write lock is held
        with (
            closing(keyed(db_path)) as other,
            pytest.raises(sqlcipher.OperationalError, match="locked"),
        ):
            other.execute("BEGIN IMMEDIATE")


def test_failed_write_rolls_back_everything(database: Database) -> None:
    service = CustomerService(database)

    class Boom(Exception):
        pass

    with pytest.raises(Boom), database.write() as session:
        session.exec(text("INSERT INTO agent (name, role) VALUES ('ani', 'agent')"))
        raise Boom
    with database.session() as session:
        assert session.exec(text("SELECT count(*) FROM agent")).one()[0] == 0
    assert service.count_customers() == 0


# --- migrations -----------------------------------------------------------------------------------


def test_fresh_database_is_at_head(database: Database) -> None:
    with database.engine.connect() as conn:
        assert migrations.current_revision(conn) == migrations.head_revision()


def test_the_shortcut_head_is_the_scripts_head() -> None:
    # open_database skips Alembic when the file is at HEAD_REVISION: a new migration script
    # without a new HEAD_REVISION would never be applied to existing desks.
    assert migrations.head_revision() == migrations.HEAD_REVISION


def test_opening_a_database_at_head_does_not_import_alembic(tmp_path: Path) -> None:
    script = (
        "import sys\n"
        "from copilot.storage.db import open_database\n"
        f"db = open_database({str(tmp_path / 'a.db')!r}, passphrase='x')\n"
        "db.close()\n"
        "sys.modules.pop('alembic', None)\n"
        "for name in [m for m in sys.modules if m.startswith('alembic')]:\n"
        "    del sys.modules[name]\n"
        f"db = open_database({str(tmp_path / 'a.db')!r}, passphrase='x')\n"
        "db.close()\n"
        "assert not any(m.startswith('alembic') for m in sys.modules), 'alembic imported'\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr


def test_models_match_the_migrations(database: Database) -> None:
    with database.engine.connect() as conn:
        context = MigrationContext.configure(
            conn,
            opts={
                "compare_type": True,
                "include_name": lambda name, type_, _parents: (
                    not (type_ == "table" and migrations.is_search_table(name))
                ),
            },
        )
        assert compare_metadata(context, SQLModel.metadata) == []


def test_migrations_also_build_a_plain_sqlite_database(tmp_path: Path) -> None:
    db = open_database(f"sqlite:///{tmp_path / 'plain.db'}", allow_unencrypted=True)
    try:
        assert not db.encrypted
        with db.engine.connect() as conn:
            assert migrations.current_revision(conn) == migrations.head_revision()
    finally:
        db.close()


def test_downgrade_and_upgrade_round_trip(tmp_path: Path) -> None:
    from alembic import command

    db = open_database(f"sqlite:///{tmp_path / 'plain.db'}", allow_unencrypted=True)
    try:
        with db.engine.begin() as conn:
            command.downgrade(migrations.alembic_config(conn), "base")
        with db.engine.connect() as conn:
            names = set(conn.exec_driver_sql("SELECT name FROM sqlite_master").scalars())
            # sqlite_sequence (AUTOINCREMENT's counters) is SQLite's own and cannot be dropped.
            assert names <= {
                "alembic_version",
                "sqlite_autoindex_alembic_version_1",
                "sqlite_sequence",
            }
        with db.engine.begin() as conn:
            migrations.upgrade_to_head(conn)
    finally:
        db.close()


# --- backup and check -----------------------------------------------------------------------------


def test_backup_is_encrypted_complete_and_verified(database: Database, tmp_path: Path) -> None:
    add_marked_customer(database)
    dest = database.backup(tmp_path / "b" / "copy.db")
    assert dest == (tmp_path / "b" / "copy.db").resolve()
    assert not (tmp_path / "b" / "copy.db.partial").exists()
    copy = open_database(str(dest), passphrase=TEST_PASSPHRASE)
    try:
        found = CustomerService(copy).find(f"{MARKER}@example.com")
        assert [c.name for c in found] == [f"Name {MARKER}"]
        assert copy.check() == []
    finally:
        copy.close()
    with pytest.raises(WrongPassphraseError):
        open_database(str(dest), passphrase="other")


def test_backup_refuses_to_overwrite(database: Database, db_path: Path, tmp_path: Path) -> None:
    existing = tmp_path / "exists.db"
    existing.write_bytes(b"keep me")
    with pytest.raises(InputError, match="already exists"):
        database.backup(existing)
    assert existing.read_bytes() == b"keep me"
    with pytest.raises(InputError):
        database.backup(db_path)
    assert not Path(f"{existing}.partial").exists()


def test_check_passes_on_a_healthy_database(database: Database) -> None:
    add_marked_customer(database)
    assert database.check() == []


def test_check_reports_a_search_index_out_of_step(database: Database, db_path: Path) -> None:
    with closing(keyed(db_path)) as raw:
        raw.execute("DROP TRIGGER interaction_fts_insert")
    add_marked_customer(database)
    problems = database.check()
    assert any("fts_interaction" in p for p in problems), problems


def test_check_reports_broken_foreign_keys(database: Database, db_path: Path) -> None:
    with closing(keyed(db_path)) as raw:
        raw.execute("PRAGMA foreign_keys = OFF")
        raw.execute(
            "INSERT INTO fact (customer_id, text, created_by, created_at) "
            "VALUES (999, 'orphan', 'x', '2025-01-01 00:00:00.000000')"
        )
    problems = database.check()
    assert any("foreign key" in p and "fact" in p for p in problems), problems


def _fill_and_damage(database: Database, db_path: Path, offsets: tuple[int, ...]) -> None:
    """Write a few hundred contacts, close the database, then flip a byte at each offset."""
    service = CustomerService(database)
    for n in range(300):
        service.add_interaction(
            InteractionCreate(
                identifiers=(IdentifierIn(kind=IdentifierKind.account, value=f"ACC-{n}"),),
                summary=f"klaim nomor {n} " * 8,
            )
        )
    with database.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    database.close()
    damaged = bytearray(db_path.read_bytes())
    for offset in offsets:
        damaged[offset] ^= 0xFF
    db_path.write_bytes(bytes(damaged))


def test_damaged_pages_are_reported_by_check_and_refused_on_read(
    database: Database, db_path: Path
) -> None:
    _fill_and_damage(database, db_path, (4096 * 5 + 100, 4096 * 20 + 7))  # two rotten pages

    reopened = open_database(str(db_path), passphrase=TEST_PASSPHRASE)
    try:
        problems = reopened.check()
        assert any(p.startswith("integrity:") for p in problems), problems
        assert any("HMAC" in p for p in problems), problems
        with pytest.raises(DatabaseCorruptError, match="restore a backup"):
            CustomerService(reopened).search("klaim", limit=500)
        # Writes stop once a damaged page has been met: nothing more is built on it.
        with pytest.raises(DatabaseCorruptError, match="copilot restore"):
            CustomerService(reopened).create_customer(name="Budi")
    finally:
        reopened.close()


def test_a_damaged_page_met_by_a_read_stops_writes_without_a_check(
    database: Database, db_path: Path
) -> None:
    _fill_and_damage(database, db_path, (4096 * 20 + 7,))
    reopened = open_database(str(db_path), passphrase=TEST_PASSPHRASE)
    try:
        service = CustomerService(reopened)
        service.create_customer(name="before the damage is seen")  # nothing read it yet
        with pytest.raises(DatabaseCorruptError, match="damaged"):
            service.search("klaim", limit=500)
        assert reopened.damage is not None
        with pytest.raises(DatabaseCorruptError, match="copilot check"):
            service.create_customer(name="after")
        assert [c.name for c in service.find("before the damage")] == [
            "before the damage is seen"
        ]  # lookups that avoid the page still work
    finally:
        reopened.close()


@pytest.mark.parametrize("where", ["file", "folder"])
def test_read_only_as_the_os_reports_it(
    database: Database, db_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    # Runs as root too (where chmod cannot make anything read-only): the OS's answer is faked,
    # the permission tests above check the real thing for ordinary users.
    database.close()
    denied = db_path if where == "file" else db_path.parent
    real_access = os.access

    def access(path: Any, mode: int) -> bool:
        if Path(path) == denied and mode & os.W_OK:
            return False
        return real_access(path, mode)

    monkeypatch.setattr("copilot.storage.db.os.access", access)
    with pytest.raises(DatabaseReadOnlyError, match="read-only") as caught:
        open_database(str(db_path), passphrase=TEST_PASSPHRASE)
    assert str(denied) in str(caught.value)


def test_an_empty_file_becomes_a_new_database(tmp_path: Path) -> None:
    target = tmp_path / "touched.db"
    target.touch()  # e.g. created by an installer or `touch`
    db = open_database(str(target), passphrase=TEST_PASSPHRASE)
    try:
        assert CustomerService(db).count_customers() == 0
    finally:
        db.close()
    assert not target.read_bytes().startswith(b"SQLite format 3")


# --- the fast reader ------------------------------------------------------------------------------


def test_a_reader_that_failed_does_not_poison_the_next(database: Database) -> None:
    service = CustomerService(database)
    service.create_customer(name="Budi")
    with pytest.raises(sqlcipher.OperationalError), database.reader() as reader:
        reader.all("SELECT no_such_column FROM customer")
    with pytest.raises(ZeroDivisionError), database.reader() as reader:
        reader.all("SELECT 1")
        raise ZeroDivisionError  # the caller's own error: the connection is still fine
    for _ in range(3):
        with database.reader() as reader:
            assert reader.all("SELECT count(*) FROM customer") == [(1,)]
    assert [c.name for c in service.find("budi")] == ["Budi"]


def test_readers_hold_no_snapshot_between_uses(database: Database, db_path: Path) -> None:
    service = CustomerService(database)
    assert service.count_customers() == 0
    with closing(keyed(db_path)) as other:
        other.execute("INSERT INTO customer (name, name_key, created_at) VALUES ('x', 'x', '2024')")
    assert service.count_customers() == 1


def test_close_closes_the_parked_reader_connections(database: Database, db_path: Path) -> None:
    service = CustomerService(database)
    service.create_customer(name="Budi")
    service.find("budi")
    wal = Path(str(db_path) + "-wal")
    assert wal.exists()
    database.close()
    # SQLite removes the WAL file when the last connection to the database closes.
    assert not wal.exists()


# --- a passphrase is stretched once per process ---------------------------------------------------


def test_a_file_made_with_the_plain_passphrase_opens_with_the_derived_key(tmp_path: Path) -> None:
    phrase = 'it\'s a "quoted" kata sandi – ünïcode 🔑'
    target = tmp_path / "other-program.db"
    # Made by another program keyed with the passphrase itself (SQLCipher runs its KDF).
    with closing(keyed(target, phrase)) as other:
        other.execute("CREATE TABLE note (body TEXT)")
        other.execute("INSERT INTO note VALUES ('halo')")
    salt = target.read_bytes()[:SQLCIPHER_SALT_BYTES]
    derived = derive_raw_key(DatabaseKey(phrase, raw=False, source="argument"), salt)
    assert derived.raw and derived.secret.endswith(salt.hex())
    with closing(sqlcipher.connect(str(target))) as ours:
        ours.execute(f'PRAGMA key = "{derived.sqlcipher_key}"')
        assert ours.execute("SELECT body FROM note").fetchall() == [("halo",)]
    wrong = derive_raw_key(DatabaseKey(phrase + "x", raw=False, source="argument"), salt)
    with closing(sqlcipher.connect(str(target))) as ours:
        ours.execute(f'PRAGMA key = "{wrong.sqlcipher_key}"')
        with pytest.raises(sqlcipher.DatabaseError, match="not a database"):
            ours.execute("SELECT body FROM note").fetchall()


@pytest.mark.parametrize("existing", [False, True])
def test_the_passphrase_is_stretched_once_however_many_connections(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, existing: bool
) -> None:
    import copilot.storage.dialects.sqlcipher as sqlcipher_module

    target = tmp_path / "many.db"
    if existing:
        open_database(str(target), passphrase=TEST_PASSPHRASE).close()
    calls: list[bytes] = []
    real = sqlcipher_module.derive_raw_key

    def counting(key: DatabaseKey, salt: bytes) -> DatabaseKey:
        calls.append(salt)
        return real(key, salt)

    monkeypatch.setattr(sqlcipher_module, "derive_raw_key", counting)
    db = open_database(str(target), passphrase=TEST_PASSPHRASE)
    try:
        service = CustomerService(db)
        service.create_customer(name="Budi")
        # Four connections at once, as the panel's worker threads take them.
        with db.engine.connect() as a, db.engine.connect() as b, db.engine.connect() as c:
            for conn in (a, b, c):
                assert conn.exec_driver_sql("SELECT count(*) FROM customer").scalar() == 1
            assert [x.name for x in service.find("budi")] == ["Budi"]
    finally:
        db.close()
    assert calls == [target.read_bytes()[:SQLCIPHER_SALT_BYTES]]
    # Still an ordinary SQLCipher file: the passphrase alone opens it.
    with closing(keyed(target)) as other:
        assert other.execute("SELECT name FROM customer").fetchall() == [("Budi",)]


def test_a_wrong_passphrase_is_refused_and_never_shown(
    database: Database, db_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    database.close()
    secret = "salah-sandi-7781"
    with caplog.at_level("DEBUG"), pytest.raises(WrongPassphraseError) as caught:
        open_database(str(db_path), passphrase=secret)
    shown = str(caught.value) + repr(caught.value) + caplog.text
    cause = caught.value.__cause__
    while cause is not None:
        shown += str(cause) + repr(cause)
        cause = cause.__cause__
    assert secret not in shown
    assert "wrong passphrase" in str(caught.value)


def test_backup_of_a_passphrase_database_opens_with_the_passphrase(
    database: Database, tmp_path: Path
) -> None:
    add_marked_customer(database)
    copy = database.backup(tmp_path / "copy.db")
    with closing(keyed(copy)) as other:
        assert other.execute("SELECT count(*) FROM customer").fetchall() == [(1,)]


# --- files private whatever the umask -------------------------------------------------------------


@pytest.fixture
def loose_umask() -> Iterator[None]:
    previous = os.umask(0o022)
    yield
    os.umask(previous)


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
def test_database_wal_shm_and_backups_are_private(tmp_path: Path, loose_umask: None) -> None:
    target = tmp_path / "new" / "copilot.db"
    db = open_database(str(target), passphrase=TEST_PASSPHRASE)
    try:
        add_marked_customer(db)
        backup = db.backup(tmp_path / "backups" / "copy.db")
        files = [target, Path(f"{target}-wal"), Path(f"{target}-shm"), backup]
        assert all(f.exists() for f in files)
        assert {f.name: oct(f.stat().st_mode & 0o777) for f in files} == {
            f.name: "0o600" for f in files
        }
        assert (tmp_path / "backups").stat().st_mode & 0o077 == 0
    finally:
        db.close()


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
def test_an_old_world_readable_database_is_made_private_on_open(
    database: Database, db_path: Path
) -> None:
    database.close()
    db_path.chmod(0o644)
    open_database(str(db_path), passphrase=TEST_PASSPHRASE).close()
    assert db_path.stat().st_mode & 0o777 == 0o600


# --- a full disk ----------------------------------------------------------------------------------


def test_disk_full_is_its_own_clear_error() -> None:
    from copilot.errors import DatabaseFullError
    from copilot.storage.dialects.sqlcipher import translate_driver_message

    error = translate_driver_message(sqlcipher.OperationalError("database or disk is full"), "X")
    assert isinstance(error, DatabaseFullError) and "disk is full" in str(error)
    error = translate_driver_message(OSError(28, "No space left on device"), "X")
    assert isinstance(error, DatabaseFullError)


def test_on_a_full_disk_writes_fail_clearly_and_lookups_still_work(
    database: Database,
) -> None:
    from sqlalchemy import event

    from copilot.errors import DatabaseFullError

    service = CustomerService(database)
    service.create_customer(name="Budi Santoso")
    # SQLite answers SQLITE_FULL exactly as for a full disk once max_page_count is reached.
    event.listen(
        database.engine,
        "connect",
        lambda raw, _record: raw.execute(
            "PRAGMA max_page_count = " + str(raw.execute("PRAGMA page_count").fetchone()[0])
        ),
    )
    database.engine.dispose()
    database.dialect.close()  # drop parked readers: new connections get the limit
    with pytest.raises(DatabaseFullError, match="disk is full"):
        for n in range(200):
            service.add_interaction(
                InteractionCreate(
                    identifiers=(IdentifierIn(kind=IdentifierKind.account, value=f"F-{n}"),),
                    summary="x" * 2000,
                )
            )
    assert [c.name for c in service.find("budi")] == ["Budi Santoso"]
    assert service.search("budi") is not None


def test_a_new_database_that_cannot_be_built_leaves_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from copilot.errors import DatabaseFullError

    def full(_conn: object) -> None:
        raise sqlcipher.OperationalError("database or disk is full")

    monkeypatch.setattr(migrations, "upgrade_to_head", full)
    with pytest.raises(DatabaseFullError) as caught:
        open_database(str(tmp_path / "copilot.db"), passphrase=TEST_PASSPHRASE)
    assert str(tmp_path / "copilot.db") in str(caught.value)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_special_files_are_refused_before_sqlite_touches_them(tmp_path: Path, kind: str) -> None:
    if kind == "fifo":
        if not hasattr(os, "mkfifo"):
            pytest.skip("no FIFOs")
        target = tmp_path / "pipe.db"
        os.mkfifo(target)
    else:
        target = Path(os.devnull)
        if not target.exists() or os.name != "posix":
            pytest.skip("no /dev/null")
    before = sorted(os.listdir(target.parent))
    with pytest.raises(InputError, match="not a regular file"):
        open_database(str(target), passphrase=TEST_PASSPHRASE)
    assert sorted(os.listdir(target.parent)) == before


def test_create_false_refuses_a_missing_file(tmp_path: Path) -> None:
    from copilot.errors import DatabaseMissingError

    with pytest.raises(DatabaseMissingError, match="does not exist"):
        open_database(str(tmp_path / "typo.db"), passphrase=TEST_PASSPHRASE, create=False)
    assert list(tmp_path.iterdir()) == []


def test_plain_sqlite_urls_are_refused_unless_asked_for(tmp_path: Path) -> None:
    for url in (f"sqlite:///{tmp_path / 'plain.db'}", "sqlite://"):
        with pytest.raises(InputError, match="unencrypted"):
            open_database(url)
    assert list(tmp_path.iterdir()) == []


def test_two_processes_creating_one_file_agree_on_its_salt(tmp_path: Path) -> None:
    # The second creator finds the first's file in place and opens it instead of its own.
    import copilot.storage.db as db_module

    target = tmp_path / "shared.db"
    real = db_module._move_new_file_into_place
    first = open_database(str(tmp_path / "first.db"), passphrase=TEST_PASSPHRASE)
    first.close()

    def racing(staging: Path, path: Path) -> None:
        os.link(tmp_path / "first.db", path)  # the other process won
        real(staging, path)

    db_module._move_new_file_into_place = racing
    try:
        db = open_database(str(target), passphrase=TEST_PASSPHRASE)
    finally:
        db_module._move_new_file_into_place = real
    try:
        assert CustomerService(db).count_customers() == 0
    finally:
        db.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["first.db", "shared.db"]


# --- unfinished backups ---------------------------------------------------------------------------


def test_a_killed_backups_partial_file_is_removed_by_the_next_backup(
    database: Database, tmp_path: Path
) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    killed = folder / "monday.db.partial"
    killed.write_bytes(b"half a backup")
    database.backup(folder / "tuesday.db")
    assert sorted(p.name for p in folder.iterdir()) == ["tuesday.db"]


@pytest.mark.skipif(os.name != "posix", reason="flock")
def test_a_partial_file_of_a_running_backup_is_left_alone(tmp_path: Path) -> None:
    import fcntl

    from copilot.storage.backups import remove_stale_partials

    running = tmp_path / "now.db.partial"
    running.write_bytes(b"being written")
    with running.open("rb") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        assert remove_stale_partials(tmp_path) == []
        assert running.exists()
    assert remove_stale_partials(tmp_path) == [running]


def test_a_killed_backup_leaves_only_a_partial_that_the_next_cleans(
    database: Database, db_path: Path, tmp_path: Path
) -> None:
    add_marked_customer(database)
    folder = tmp_path / "backups"
    code = (
        "import os, sys\n"
        "from pathlib import Path\n"
        "from copilot.storage import backups\n"
        "from copilot.storage.db import open_database\n"
        "def die(*a, **k): os._exit(9)\n"
        "backups.verify_file = die  # killed after VACUUM INTO, before the rename\n"
        f"db = open_database({str(db_path)!r}, passphrase={TEST_PASSPHRASE!r})\n"
        f"db.backup(Path({str(folder / 'killed.db')!r}))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=60)
    assert done.returncode == 9, done.stderr
    assert [p.name for p in folder.iterdir()] == ["killed.db.partial"]
    database.backup(folder / "next.db")
    assert [p.name for p in folder.iterdir()] == ["next.db"]


# --- the daily check ------------------------------------------------------------------------------


def test_the_daily_check_runs_when_due_and_records_it(database: Database) -> None:
    from datetime import UTC, datetime, timedelta

    from copilot.storage.health import check_if_due, last_check

    now = datetime(2025, 3, 14, 9, 0, tzinfo=UTC)
    assert last_check(database) is None
    report = check_if_due(database, clock=lambda: now)
    assert report is not None and report.ok and report.advice == ""
    assert last_check(database) == report
    assert check_if_due(database, clock=lambda: now + timedelta(hours=23)) is None
    later = check_if_due(database, clock=lambda: now + timedelta(hours=25))
    assert later is not None and later.checked_at == now + timedelta(hours=25)


def test_a_failed_daily_check_points_at_restore_and_repeats(
    database: Database, db_path: Path
) -> None:
    from datetime import UTC, datetime

    from copilot.storage.health import check_if_due

    with closing(keyed(db_path)) as raw:
        raw.execute("DROP TRIGGER interaction_fts_insert")
    add_marked_customer(database)
    now = datetime(2025, 3, 14, 9, 0, tzinfo=UTC)
    report = check_if_due(database, clock=lambda: now)
    assert report is not None and not report.ok and "copilot restore" in report.advice
    assert check_if_due(database, clock=lambda: now) is not None  # not quiet while broken


def test_a_garbled_check_record_means_never_checked(database: Database, db_path: Path) -> None:
    from copilot.storage.health import last_check

    for junk in ("", "{", '{"checked_at": "yesterday", "problems": []}', "[1]"):
        Path(f"{db_path}.checked").write_text(junk)
        assert last_check(database) is None
