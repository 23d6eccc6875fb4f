"""The kept benchmark cluster (`PgServer.keep`): data survives, the password never does."""

from __future__ import annotations

import secrets
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from pgserver import SUPERUSER, PgServer


@pytest.fixture
def kept_root() -> Iterator[Path]:
    # Not pytest's tmp_path: its folders are private to root, and the cluster belongs to the
    # unprivileged `postgres` user.
    root = Path(tempfile.gettempdir()) / f"copilot-pgkeep-{secrets.token_hex(4)}"
    yield root
    shutil.rmtree(root, ignore_errors=True)


def _connect(server: PgServer, password: str) -> psycopg.Connection:
    return psycopg.connect(
        host="127.0.0.1",
        port=server.port,
        user=SUPERUSER,
        password=password,
        dbname="kept",
        autocommit=True,
    )


def test_a_kept_cluster_keeps_its_data_under_a_new_password(kept_root: Path) -> None:
    first = PgServer.keep(kept_root)
    try:
        first.create_database("kept")
        first.execute("CREATE TABLE t (x integer)", database="kept")
    finally:
        first.stop()
    second = PgServer.keep(kept_root)
    try:
        assert second.password != first.password
        with _connect(second, second.password) as connection:
            connection.execute("INSERT INTO t VALUES (1)")  # the table survived the restart
        with pytest.raises(psycopg.OperationalError):
            _connect(second, first.password).close()
        secret = second.password.encode()
        for path in kept_root.rglob("*"):
            if path.is_file() and not path.is_symlink():
                assert secret not in path.read_bytes(), f"the password is in {path}"
    finally:
        second.stop()


def test_a_half_made_cluster_is_made_again(kept_root: Path) -> None:
    kept_root.mkdir()
    (kept_root / "left-over").write_text("an initdb that never finished")
    server = PgServer.keep(kept_root)
    try:
        assert not (kept_root / "left-over").exists()
        server.create_database("kept")
        with _connect(server, server.password) as connection:
            assert connection.execute("SELECT 1").fetchone() == (1,)
    finally:
        server.stop()
