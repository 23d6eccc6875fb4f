"""A desk killed with SIGKILL while it sends its outbox: nothing lost, nothing twice."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from pgserver import PgServer
from site_support import CAMPAIGN, DESK_PASSPHRASE, Desk, site_config
from sqlalchemy import func
from sqlmodel import select

from copilot.storage.db import Database
from copilot.storage.models import Fact, Interaction
from copilot.storage.schemas import IdentifierIn, IdentifierKind

CONTACTS = 500
CHILD = Path(__file__).with_name("desk_sync_child.py")


def count(site_db: Database, column: object) -> tuple[int, int]:
    """(rows, distinct values) of a column on the site."""
    with site_db.session() as session:
        rows, distinct = session.exec(
            select(func.count(column), func.count(func.distinct(column)))  # type: ignore[arg-type]
        ).one()
    return int(rows), int(distinct)


def test_a_desk_killed_while_it_syncs_sends_everything_exactly_once(
    make_desk: Callable[..., Desk], site_db: Database, pg_url: str, pg_server: PgServer,
    tmp_path: Path,
) -> None:  # fmt: skip
    desk = make_desk("killed")
    phone = IdentifierIn(kind=IdentifierKind.phone, value="0812-5555-0000")
    made = desk.customers.create_customer(name="Wati", identifiers=[phone])
    keys = [f"{n:032x}" for n in range(CONTACTS)]
    for n, key in enumerate(keys):
        desk.customers.log_contact(
            contact_key=key, customer_id=made.id, summary=f"call {n}", facts=[f"note {n}"]
        )
    desk_file = str(desk.db.path)
    desk.close()

    config = site_config(pg_url)
    env = dict(
        os.environ, COPILOT_DB_PASSPHRASE=DESK_PASSPHRASE, COPILOT_SITE_PASSWORD=pg_server.password
    )
    errors = tmp_path / "child.err"
    with (
        errors.open("w") as stderr,
        subprocess.Popen(
            [sys.executable, str(CHILD), desk_file, config.url, config.user, CAMPAIGN],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        ) as child,
    ):
        try:
            deadline = time.monotonic() + 60
            while count(site_db, Interaction.contact_key)[0] < CONTACTS // 5:
                assert child.poll() is None, errors.read_text()
                assert time.monotonic() < deadline, "the child never got going"
                time.sleep(0.01)
            os.kill(child.pid, signal.SIGKILL)
        finally:
            child.wait(30)
    assert child.returncode == -signal.SIGKILL
    arrived = count(site_db, Interaction.contact_key)[0]
    assert arrived < CONTACTS  # killed mid-way

    again = make_desk("killed")  # the same desk file, opened again (by the next start)
    assert 0 < again.waiting() <= CONTACTS + 1 - arrived + 1
    while again.waiting():
        again.sync()
    assert count(site_db, Interaction.contact_key) == (CONTACTS, CONTACTS)
    assert count(site_db, Fact.uid) == (CONTACTS, CONTACTS)
    with site_db.session() as session:
        on_site = set(session.exec(select(Interaction.contact_key)).all())
    assert on_site == set(keys)
