"""Write-ahead logging: a reader's snapshot neither blocks a writer's commit nor sees it."""

from __future__ import annotations

from contextlib import closing
from pathlib import Path

import pytest
from storage_support import TEST_PASSPHRASE

from copilot.storage.db import Database, open_database
from copilot.storage.dialects.sqlcipher import driver
from copilot.storage.service import CustomerService

COUNT = "SELECT count(*) FROM customer"


def test_a_commit_during_a_read_snapshot_is_not_blocked_and_not_seen(
    database: Database, db_path: Path
) -> None:
    # A second store on the same file, as a second panel or an import would open it. Its busy
    # timeout is short: without WAL its commit would wait for the reader, then fail "busy".
    other = open_database(str(db_path), passphrase=TEST_PASSPHRASE, busy_timeout_ms=50)
    try:
        writer = CustomerService(other)
        with database.reader() as reader:
            assert reader.all(COUNT) == [(0,)]  # the snapshot starts with this read
            budi = writer.create_customer(name="Budi")  # committed while the snapshot is open
            assert CustomerService(other).count_customers() == 1  # a fresh read sees it
            assert reader.all(COUNT) == [(0,)]  # the snapshot still shows the old state
        assert CustomerService(database).get_customer(budi.id).name == "Budi"
    finally:
        other.close()


def test_without_wal_the_same_commit_is_blocked(tmp_path: Path) -> None:
    """The control: in SQLite's rollback-journal mode the sequence above cannot commit, so the
    test above fails if the store ever stops using WAL."""
    path = tmp_path / "journal.db"
    sqlcipher = driver()

    def connect() -> sqlcipher.Connection:
        connection = sqlcipher.connect(str(path), isolation_level=None, timeout=0)
        connection.execute("PRAGMA key = 'control'")
        return connection

    with closing(connect()) as setup:
        assert setup.execute("PRAGMA journal_mode = DELETE").fetchone() == ("delete",)
        setup.execute("CREATE TABLE customer (id INTEGER PRIMARY KEY, name TEXT)")
    with closing(connect()) as reader, closing(connect()) as writer:
        reader.execute("BEGIN")
        assert reader.execute(COUNT).fetchone() == (0,)
        writer.execute("BEGIN IMMEDIATE")
        writer.execute("INSERT INTO customer (name) VALUES ('Budi')")
        with pytest.raises(sqlcipher.OperationalError, match="locked"):
            writer.execute("COMMIT")
        writer.execute("ROLLBACK")
        reader.execute("ROLLBACK")
