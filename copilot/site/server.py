"""Talking to the site server as a person (the administrator, a desk enrolling): connections
with the driver, one-line errors that never carry a password, password verifiers.

The service layer reaches the site through `storage.open_database`; this module is for the
few administrative statements (roles, grants, policies) that live in `copilot/site/`.
"""

from __future__ import annotations

import getpass
import os
import re
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from sqlalchemy import URL

from copilot.site.config import SiteError, connect_url, public_url

if TYPE_CHECKING:
    import psycopg
    from psycopg.rows import TupleRow

ADMIN_PASSWORD_ENV = "PGPASSWORD"
CONNECT_TIMEOUT_S = 10

# libpq's words for the ways a connection fails, and what the person should do about each.
_REFUSED_LOGIN = ("password authentication failed", "no password supplied", 'role "')
_UNREACHABLE = (
    "connection refused",
    "timeout expired",
    "could not translate host name",
    "no route to host",
    "network is unreachable",
    "server closed the connection",
    "name or service not known",
)
# Not bare "ssl": a dropped TLS connection ("SSL SYSCALL error: EOF") is a network failure.
_TLS = ("certificate", "does not support ssl", "ssl error", "sslrootcert", "ssl negotiation")


class LoginRefused(SiteError):
    """The server refused the login's password (wrong, used up, or the login is gone)."""


def admin_password(url: URL) -> str:
    """The administrator's password: PGPASSWORD, else asked (never from the URL)."""
    from_env = os.environ.get(ADMIN_PASSWORD_ENV)
    if from_env:
        return from_env
    try:
        return getpass.getpass(f"Password for {url.username or 'the administrator'}: ")
    except (EOFError, OSError) as exc:
        raise SiteError(
            f"no password given for {url.username}; set {ADMIN_PASSWORD_ENV} or run it in a "
            "terminal"
        ) from exc


def admin_url(text: str, *, ca_file: str = "") -> URL:
    """The administrator's connection URL from `postgresql://USER@HOST/DB` and PGPASSWORD."""
    url = public_url(text)
    if not url.username:
        raise SiteError(
            "the URL needs the administrator's login: postgresql://ADMIN@HOST[:PORT]/DATABASE"
        )
    return connect_url(url, user=url.username, password=admin_password(url), ca_file=ca_file)


def without_login(url: URL) -> URL:
    """The site's address alone (`URL.set` cannot clear a field): what desks are given."""
    return URL.create(url.drivername, host=url.host, port=url.port, database=url.database)


def new_password() -> str:
    """A random login password (128 bits), for a login no person types."""
    return secrets.token_hex(16)


def scram_verifier(connection: psycopg.Connection[TupleRow], user: str, password: str) -> str:
    """The SCRAM verifier of `password`, computed here: the password never reaches the server
    (nor its statement log) in clear."""
    verifier = connection.pgconn.encrypt_password(
        password.encode(), user.encode(), b"scram-sha-256"
    )
    return verifier.decode("ascii")


@contextmanager
def connected(url: URL) -> Iterator[psycopg.Connection[TupleRow]]:
    """A driver connection for administrative statements; errors become one SiteError line."""
    import psycopg
    from psycopg.conninfo import make_conninfo

    password = url.password or ""
    try:
        conninfo = make_conninfo(
            host=url.host,
            port=url.port or 5432,
            dbname=url.database,
            user=url.username,
            password=password,
            connect_timeout=CONNECT_TIMEOUT_S,
            **{str(k): str(v) for k, v in url.query.items()},
        )
        connection = psycopg.connect(conninfo)
    except psycopg.Error as exc:
        raise connection_error(exc, url) from None
    try:
        with connection:
            yield connection
    except psycopg.Error as exc:
        raise SiteError(scrub(_first_line(exc), password)) from None
    finally:
        connection.close()


def connection_error(exc: BaseException, url: URL) -> SiteError:
    """One line for a connection that failed: which server, what went wrong, what to do."""
    detail = scrub(_first_line(exc), url.password or "")
    lowered = detail.lower()
    where = f"{url.host}:{url.port or 5432}"
    if any(word in lowered for word in _REFUSED_LOGIN) and "does not exist" not in lowered:
        return LoginRefused(
            f"the site server {where} refused the login {url.username}: wrong password, or the "
            "login was removed"
        )
    if "role" in lowered and "does not exist" in lowered:
        return SiteError(f"the site server {where} has no login {url.username}")
    if "permission denied for database" in lowered:
        return SiteError(f"the login {url.username} may not use the database {url.database}")
    if "database" in lowered and "does not exist" in lowered:
        return SiteError(f"the site server {where} has no database {url.database}")
    if any(word in lowered for word in _TLS):
        return SiteError(
            f"the site server {where} failed the TLS check ({detail}); check the CA file and "
            "that the URL's host name is the one in the server's certificate"
        )
    if any(word in lowered for word in _UNREACHABLE):
        return SiteError(
            f"cannot reach the site server {where}: check that it is running and that this PC "
            "is on the site's network"
        )
    return SiteError(f"cannot connect to the site server {where}: {detail}")


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    # libpq prefixes every attempt ("connection to server at ... failed: FATAL: ..."); the
    # last clause is the reason.
    lines = [line.strip() for line in text.splitlines() if line.strip()] or ["unknown error"]
    line = lines[0]
    if line.startswith("connection failed:"):
        line = line.removeprefix("connection failed:").strip()
    return re.sub(r"\s+", " ", line)


def scrub(text: str, *secrets_: str) -> str:
    """`text` without any of `secrets_` (a driver may echo a connection string)."""
    for secret in secrets_:
        if secret:
            text = text.replace(secret, "***")
    return text


SITE_ID_KEY = "site_id"


def read_site_id(connection: psycopg.Connection[TupleRow]) -> str:
    """The site's id (made by init); a database without one is not a Copilot site."""
    import psycopg

    try:
        with connection.transaction():
            row = connection.execute(
                b"SELECT value FROM sync_state WHERE key = %s", (SITE_ID_KEY,)
            ).fetchone()
    except (psycopg.errors.UndefinedTable, psycopg.errors.InsufficientPrivilege):
        row = None
    if row is None:
        raise SiteError("this database is not a Copilot site yet; run copilot site init first")
    return str(row[0])
