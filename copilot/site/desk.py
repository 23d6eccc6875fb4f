"""A desk's side of its site: its login's connection, `status`, `leave`, the access log.

Reads the enrolment with `load_site` only; the site-mode services themselves are built by the
composition root. Nothing here keeps a connection open.
"""

from __future__ import annotations

import contextlib
import logging
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import URL, func, select
from sqlalchemy import exc as sa_exc

from copilot.errors import CopilotError
from copilot.site.config import (
    KEYRING_SERVICE,
    SiteConfig,
    SiteError,
    connect_url,
    forget_site,
    load_site,
    site_password,
)
from copilot.site.server import connected
from copilot.storage.access import AccessLine, access_lines
from copilot.storage.db import Database, open_database
from copilot.storage.models import Outbox, table_of

log = logging.getLogger(__name__)
NOT_ALLOWED = "not allowed: only team leaders and site administrators read the access log"


def desk_login_url(config: SiteConfig) -> URL:
    """The desk's own login, with its password (in memory only)."""
    return connect_url(
        config.url, user=config.user, password=site_password(config), ca_file=config.ca_file
    )


@dataclass(frozen=True)
class SiteStatus:
    """What `copilot site status` reports."""

    config: SiteConfig
    reachable: bool
    problem: str  # why not reachable ("" when it is)
    pending: int | None  # operations waiting in the desk's outbox; None: could not count


def site_status(data_dir: Path, desk_target: str) -> SiteStatus | None:
    """The desk's site and whether it answers now; None for a desk on its own."""
    config = load_site(data_dir)
    if config is None:
        return None
    try:
        with connected(desk_login_url(config)) as connection:
            connection.execute(b"SELECT 1")
        reachable, problem = True, ""
    except CopilotError as exc:
        reachable, problem = False, exc.message
    return SiteStatus(config, reachable, problem, pending_operations(desk_target))


def pending_operations(desk_target: str) -> int | None:
    """How many writes wait in the desk's outbox (None: the desk's database cannot be read)."""
    try:
        database = open_database(desk_target, create=False)
    except CopilotError as exc:
        log.info("outbox not counted: %s", exc.message)
        return None
    try:
        with database.session() as session:
            return int(session.execute(select(func.count()).select_from(table_of(Outbox))).one()[0])
    finally:
        database.close()


def leave_site(data_dir: Path, desk_target: str, *, force: bool = False) -> SiteConfig | None:
    """Take the desk off its site (its own database stays); the site it was on, or None."""
    config = load_site(data_dir)
    if config is None:
        return None
    pending = pending_operations(desk_target)
    if pending and not force:
        raise SiteError(
            f"{pending} operation(s) on this desk have not reached the site yet; connect to "
            "the site network and wait, or leave anyway with --force (they are then lost)"
        )
    forget_site(data_dir)
    _forget_password(config)
    return config


def _forget_password(config: SiteConfig) -> None:
    import keyring
    from keyring.errors import KeyringError, PasswordDeleteError

    # Nothing stored (COPILOT_SITE_PASSWORD desks), or no keyring at all: nothing to forget.
    with contextlib.suppress(PasswordDeleteError, KeyringError, RuntimeError):
        keyring.delete_password(KEYRING_SERVICE, config.keyring_user)


def read_access_log(url: URL, *, customer_id: int | None = None) -> list[AccessLine]:
    """The access log as the login in `url` may read it; agents get a clear refusal."""
    database: Database = open_database(url.render_as_string(hide_password=False))
    try:
        return access_lines(database, customer_id=customer_id)
    except sa_exc.ProgrammingError as exc:
        if "permission denied" in str(exc.orig):
            raise SiteError(NOT_ALLOWED) from None
        raise
    finally:
        database.close()
