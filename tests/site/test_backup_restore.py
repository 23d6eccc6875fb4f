"""The backup and restore docs/SITE.md gives, done for real: pg_dump of a site as its
administrator, pg_restore into a new database, `copilot site init` on it, and the customers,
their facts and the logins' access are all back."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from site_support import Site
from sqlalchemy import update

from copilot.storage.db import open_database
from copilot.storage.models import Customer, Identifier, table_of
from copilot.storage.schemas import IdentifierIn
from copilot.storage.service import CustomerService
from copilot.vocabulary import IdentifierKind


def _client(site: Site, program: str, *args: str) -> subprocess.CompletedProcess[str]:
    """A PostgreSQL client program as the site's administrator (password in PGPASSWORD)."""
    env = {**os.environ, "PGPASSWORD": site.admin_password}
    command = [
        str(site.server.bin_dir / program),
        "-h", "127.0.0.1", "-p", str(site.server.port), "-U", site.admin, *args,
    ]  # fmt: skip
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)


def _fill(site: Site) -> tuple[int, str]:
    """Two customers in two campaigns and an agent's fact; (the acme customer's id, its phone)."""
    admin = open_database(site.admin_url().render_as_string(hide_password=False))
    service = CustomerService(admin)
    ids = []
    people = (("Ani", "+6281234567890", "acme"), ("Budi", "+6281200000001", "globex"))
    for name, phone, campaign in people:
        created = service.create_customer(
            name=name, identifiers=[IdentifierIn(kind=IdentifierKind.phone, value=phone)]
        )
        with admin.write() as session:
            for table in (table_of(Customer), table_of(Identifier)):
                key = table.c.id if table.name == "customer" else table.c.customer_id
                session.execute(update(table).where(key == created.id).values(campaign=campaign))
        ids.append(created.id)
    admin.close()
    return ids[0], "+6281234567890"


def test_a_site_dumped_and_restored_into_a_new_database_has_its_customers(
    site: Site, tmp_path: Path
) -> None:
    site.init()
    acme, phone = _fill(site)
    tag = site.database.removeprefix("site_")
    agent = site.add(f"restore.ani.{tag}", "agent", ["acme"])
    agent_db = open_database(site.login_url(agent))
    CustomerService(agent_db).add_fact(customer_id=acme, text="deaf: use chat", created_by="ani")
    agent_db.close()

    dump = tmp_path / "site.dump"
    # --enable-row-security: the tables force row security even for their owner, and pg_dump
    # otherwise refuses to dump a table whose rows a policy could hide.
    made = _client(site, "pg_dump", "-Fc", "--enable-row-security", "-f", str(dump), site.database)
    assert made.returncode == 0, made.stderr

    restored = Site(site.server, f"{site.database}_restored", site.admin, site.admin_password)
    site.server.execute(
        f"CREATE DATABASE {restored.database} OWNER {site.admin} TEMPLATE template0"
    )
    try:
        back = _client(
            restored, "pg_restore", "--enable-row-security", "--single-transaction",
            "--exit-on-error", "-d", restored.database, str(dump),
        )  # fmt: skip
        assert back.returncode == 0, back.stderr
        restored.init()  # gives the site's logins their right to connect again

        admin = open_database(restored.admin_url().render_as_string(hide_password=False))
        try:
            assert CustomerService(admin).count_customers() == 2
        finally:
            admin.close()
        as_agent = open_database(restored.login_url(agent))
        try:
            service = CustomerService(as_agent)
            assert service.count_customers() == 1  # the row security came back too
            story = service.story(service.find(phone)[0].id)
            assert [fact.text for fact in story.facts] == ["deaf: use chat"]
        finally:
            as_agent.close()
    finally:
        site.server.drop_database(restored.database)


def test_pg_dump_without_row_security_option_is_refused_not_partial(
    site: Site, tmp_path: Path
) -> None:
    site.init()
    _fill(site)
    made = _client(site, "pg_dump", "-Fc", "-f", str(tmp_path / "x.dump"), site.database)
    assert made.returncode != 0, "dumped a forced-row-security site without the option"
    assert "row-level security" in made.stderr or "row security" in made.stderr
