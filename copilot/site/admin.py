"""Setting up a site and its logins: `copilot site init`, `add-user`, `remove-user`.

Run by the site's administrator (a login with CREATEROLE that owns the site's database).
Every statement of one step runs in one transaction: a failure leaves the server as it was.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass

from psycopg import Connection, errors, sql
from psycopg.rows import TupleRow
from sqlalchemy import URL

from copilot.errors import InputError
from copilot.site import policies
from copilot.site.config import SiteError
from copilot.site.enrol import EnrolmentCode, code_password
from copilot.site.server import SITE_ID_KEY, connected, read_site_id, scram_verifier
from copilot.storage.db import open_database

ROLES = ("agent", "team_leader")
_LOGIN_NAME = re.compile(r"[a-z][a-z0-9_.\-]{0,62}")
MAX_CAMPAIGN = 64


@dataclass(frozen=True)
class InitResult:
    """What `init` did: the site's id, and whether the database already was a Copilot site."""

    site_id: str
    already_a_site: bool


def init_site(url: URL) -> InitResult:
    """Make an empty database a Copilot site (migrations, roles, grants, policies); a re-run
    on a Copilot site checks the same things again and changes nothing else."""
    with connected(url) as connection:
        already = _check_is_empty_or_copilot(connection, url)
    # The same migrations as a desk file, through the same road (dialect-aware).
    open_database(url.render_as_string(hide_password=False)).close()
    with connected(url) as connection:
        _ensure_groups(connection)
        for statement in policies.role_statements() + policies.policy_statements():
            connection.execute(statement.encode())
        _limit_connect(connection)
        site_id = _ensure_site_id(connection)
    return InitResult(site_id=site_id, already_a_site=already)


def _check_is_empty_or_copilot(connection: Connection[TupleRow], url: URL) -> bool:
    """True on a Copilot site; False on an empty database; SiteError on anything else."""
    rows = connection.execute(
        b"SELECT tablename FROM pg_tables "
        b"WHERE schemaname NOT IN ('pg_catalog', 'information_schema')"
    ).fetchall()
    tables = {str(row[0]) for row in rows}
    if not tables:
        return False
    if "alembic_version" in tables and "customer" in tables:
        return True
    raise SiteError(
        f"the database {url.database} on {url.host} holds tables that are not Copilot's; give "
        "an empty database (createdb) for the site"
    )


def _ensure_groups(connection: Connection[TupleRow]) -> None:
    """The three group roles (a cluster may hold several sites: created once, then reused),
    and the administrator in the admin group so the forced policies let them manage data."""
    for group in policies.GROUPS.values():
        exists = connection.execute(
            b"SELECT 1 FROM pg_roles WHERE rolname = %s", (group,)
        ).fetchone()
        if exists is None:
            connection.execute(sql.SQL("CREATE ROLE {} NOLOGIN").format(sql.Identifier(group)))
    member = connection.execute(
        b"SELECT pg_has_role(current_user, %s, 'MEMBER')", (policies.ADMIN,)
    ).fetchone()
    if not (member and member[0]):
        try:
            connection.execute(
                sql.SQL("GRANT {} TO CURRENT_USER").format(sql.Identifier(policies.ADMIN))
            )
        except errors.InsufficientPrivilege as exc:
            raise SiteError(
                f"cannot join the {policies.ADMIN} role; ask the server's superuser to run "
                f"GRANT {policies.ADMIN} TO your login"
            ) from exc


def _limit_connect(connection: Connection[TupleRow]) -> None:
    """Only this site's logins connect to its database (not every login of the cluster: an
    admin of another site on the same server is in the same admin group)."""
    database = sql.Identifier(_current_database(connection))
    try:
        connection.execute(sql.SQL("REVOKE CONNECT ON DATABASE {} FROM PUBLIC").format(database))
        connection.execute(sql.SQL("GRANT CONNECT ON DATABASE {} TO CURRENT_USER").format(database))
        # A database restored from a dump has its members but not their right to connect
        # (database rights are not in a dump): running init on it gives it back.
        rows = connection.execute(
            b"SELECT DISTINCT sm.username FROM site_member sm "
            b"JOIN pg_roles r ON r.rolname = sm.username ORDER BY 1"
        ).fetchall()
        for (login,) in rows:
            connection.execute(
                sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(
                    database, sql.Identifier(str(login))
                )
            )
    except errors.InsufficientPrivilege as exc:
        raise SiteError(
            "only the database's owner can set up the site; create it with "
            "createdb -O YOUR_LOGIN, or run init as its owner"
        ) from exc


def _current_database(connection: Connection[TupleRow]) -> str:
    row = connection.execute(b"SELECT current_database()").fetchone()
    assert row is not None
    return str(row[0])


def _ensure_site_id(connection: Connection[TupleRow]) -> str:
    connection.execute(
        b"INSERT INTO sync_state (key, value) VALUES (%s, %s) ON CONFLICT (key) DO NOTHING",
        (SITE_ID_KEY, secrets.token_hex(4)),
    )
    return read_site_id(connection)


# --- logins ------------------------------------------------------------------------------------


def check_login_name(name: str) -> str:
    """A login name as PostgreSQL and a person reading it aloud both handle well."""
    name = name.strip()
    if not _LOGIN_NAME.fullmatch(name) or name.startswith(("pg_", "copilot_")):
        raise InputError(
            f"{name!r} cannot be a login name: use lowercase letters, digits, '.', '_' or '-', "
            "starting with a letter (not pg_ or copilot_)"
        )
    return name


def check_campaigns(campaigns: Sequence[str]) -> tuple[str, ...]:
    cleaned = tuple(dict.fromkeys(c.strip() for c in campaigns))
    if not cleaned or any(not c or len(c) > MAX_CAMPAIGN for c in cleaned):
        raise InputError(f"give one or more --campaign names of 1 to {MAX_CAMPAIGN} characters")
    return cleaned


def add_user(url: URL, name: str, *, role: str, campaigns: Sequence[str]) -> EnrolmentCode:
    """Create a login in its role's group with its campaigns; its one-time enrolment code."""
    name = check_login_name(name)
    if role not in ROLES:
        raise InputError(f"--role is one of {', '.join(ROLES)}, not {role!r}")
    wanted = check_campaigns(campaigns)
    password = code_password()
    with connected(url) as connection:
        site_id = read_site_id(connection)
        taken = connection.execute(b"SELECT 1 FROM pg_roles WHERE rolname = %s", (name,))
        if taken.fetchone() is not None:
            raise SiteError(
                f"a login named {name} already exists on this server; choose another name, or "
                "remove it first (copilot site remove-user)"
            )
        login = sql.Identifier(name)
        connection.execute(
            sql.SQL("CREATE ROLE {} LOGIN PASSWORD {} IN ROLE {}").format(
                login,
                sql.Literal(scram_verifier(connection, name, password)),
                sql.Identifier(policies.GROUPS[role]),
            )
        )
        connection.execute(
            sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(
                sql.Identifier(_current_database(connection)), login
            )
        )
        for campaign in wanted:
            connection.execute(
                b"INSERT INTO site_member (username, campaign, role) VALUES (%s, %s, %s)",
                (name, campaign, role),
            )
    return EnrolmentCode(site_id=site_id, user=name, password=password)


def remove_user(url: URL, name: str) -> bool:
    """Take a login off the site; True when the login itself was dropped (False: it still has
    rights in another database of the server and only left this site)."""
    name = check_login_name(name)
    with connected(url) as connection:
        deleted = connection.execute(
            b"DELETE FROM site_member WHERE username = %s", (name,)
        ).rowcount
        exists = connection.execute(b"SELECT 1 FROM pg_roles WHERE rolname = %s", (name,))
        if exists.fetchone() is None:
            if not deleted:
                raise SiteError(f"there is no login {name} on this site")
            return True
        login = sql.Identifier(name)
        connection.execute(
            sql.SQL("REVOKE CONNECT ON DATABASE {} FROM {}").format(
                sql.Identifier(_current_database(connection)), login
            )
        )
        try:
            with connection.transaction():
                connection.execute(sql.SQL("DROP ROLE {}").format(login))
        except errors.DependentObjectsStillExist:
            return False  # another site on this server still uses the login: keep it
    return True
