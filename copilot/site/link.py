"""The desk's connection to its site server: opened lazily, marked down when it fails, retried
with exponential backoff and jitter, and a status the panel can follow (Qt-free).

Thread-safe: the panel's workers (finds and stories) and the sync worker share one link. The
site's password lives only in the connect URL held here, in memory; messages and logs show
the site's label and the driver's first line, never the URL with its credentials.
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import URL
from sqlalchemy import exc as sa_exc

from copilot.errors import CopilotError, DatabaseError
from copilot.site.config import SiteConfig, SiteError, connect_url
from copilot.storage.db import Database, open_database

log = logging.getLogger(__name__)

CONNECT_TIMEOUT_S = 3  # a site that does not answer within this is offline, for now
FIRST_RETRY_S = 1.0
LAST_RETRY_S = 30.0


class SiteOffline(SiteError):
    """The site server cannot be reached now; the desk works from its cache meanwhile."""


@dataclass(frozen=True)
class SiteStatus:
    """What the panel shows of the site: reachable or not, operations waiting to be sent,
    the last problem (one line), and which site it is."""

    online: bool
    waiting: int
    last_error: str
    label: str


Subscriber = Callable[[SiteStatus], None]
OpenSite = Callable[[str], Database]


def is_connection_error(exc: BaseException) -> bool:
    """Whether `exc` says the server is out of reach (retry later), not that the data is bad."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, SiteOffline | sa_exc.OperationalError | sa_exc.InterfaceError):
            return True
        module = type(seen).__module__
        name = type(seen).__name__
        if module.startswith("psycopg") and name in ("OperationalError", "InterfaceError"):
            return True
        if isinstance(seen, sa_exc.DBAPIError) and seen.connection_invalidated:
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def one_line(exc: BaseException) -> str:
    """An error as the status shows it: the driver's own first line when there is one (it
    names the server, never the password), else the error's; never a traceback."""
    seen: BaseException | None = exc
    while seen is not None:
        if type(seen).__module__.startswith("psycopg"):
            exc = seen
        seen = seen.__cause__ or seen.__context__
    text = exc.message if isinstance(exc, CopilotError) else str(exc)
    return (text.strip().splitlines() or [type(exc).__name__])[0][:300]


class SiteLink:
    """The site as the desk sees it: the server when it answers, and the status of the sync.

    `count_waiting` says how many operations wait in the desk's outbox (for the status);
    `open_site` opens the server from its connect URL (tests substitute it).
    """

    def __init__(
        self,
        config: SiteConfig,
        password: str,
        *,
        count_waiting: Callable[[], int] = lambda: 0,
        open_site: OpenSite = open_database,
        clock: Callable[[], float] = time.monotonic,
        jitter: Callable[[], float] = random.random,
    ) -> None:
        self.config = config
        self._password = password
        self._count_waiting = count_waiting
        self._open_site = open_site
        self._clock = clock
        self._jitter = jitter
        self._lock = threading.Lock()
        self._open_lock = threading.Lock()
        self._site: Database | None = None
        self._online = False
        self._failures = 0
        self._retry_at = 0.0
        self._last_error = ""
        self._subscribers: list[Subscriber] = []
        # Set by the sync worker: how a write wakes it, and how closing stops it.
        self.on_wake: Callable[[], None] = lambda: None
        self.on_close: Callable[[], None] = lambda: None

    @property
    def label(self) -> str:
        return self.config.label

    # --- the server ---

    def site(self) -> Database:
        """The open site database; SiteOffline while it is down and not yet due for a retry."""
        with self._open_lock:
            with self._lock:
                if self._site is not None:
                    return self._site
                if self._failures and self._clock() < self._retry_at:
                    raise SiteOffline(f"the site cannot be used now: {self._last_error}")
            try:
                site = self._open_site(self._url().render_as_string(hide_password=False))
            except (CopilotError, sa_exc.SQLAlchemyError) as exc:
                # Unreachable, or refusing this desk (a login without rights, another schema):
                # either way the desk works from its cache and retries with backoff.
                self.failed(exc)
                if isinstance(exc, SiteError) or is_connection_error(exc):
                    raise SiteOffline(f"the site server is unreachable: {one_line(exc)}") from exc
                raise SiteError(f"the site server refused this desk: {one_line(exc)}") from exc
            with self._lock:
                self._site = site
        self.succeeded()  # it answered: the status says so before the first send
        return site

    def _url(self) -> URL:
        url = connect_url(
            self.config.url,
            user=self.config.user,
            password=self._password,
            ca_file=self.config.ca_file,
        )
        return url.update_query_dict({"connect_timeout": str(CONNECT_TIMEOUT_S)})

    def failed(self, exc: BaseException) -> None:
        """The server did not answer: offline until the next retry (1 s doubling to 30 s,
        with jitter so a floor of desks does not come back at the same instant)."""
        with self._lock:
            site, self._site = self._site, None
            self._failures += 1
            delay = min(LAST_RETRY_S, FIRST_RETRY_S * 2 ** min(self._failures - 1, 16))
            self._retry_at = self._clock() + delay * (0.5 + 0.5 * self._jitter())
            self._last_error = one_line(exc)
            self._online = False
        log.info("site %s offline: %s", self.label, self._last_error)
        if site is not None:
            _close_quietly(site)  # its pooled connections died with the server
        self.notify()

    def succeeded(self, problem: str = "") -> None:
        """The server answered: online, retries start again from one second. `problem`: the
        last operation it refused in this pass (kept on the desk), or "" for none."""
        with self._lock:
            changed = not self._online or self._last_error != problem
            self._online, self._failures, self._last_error = True, 0, problem
        if changed:
            self.notify()

    def note_problem(self, message: str) -> None:
        """Something failed that is not the server being away: shown in the status."""
        with self._lock:
            self._last_error = message
        self.notify()

    def retry_delay(self) -> float | None:
        """Seconds until the next retry is due (0: now), None while online."""
        with self._lock:
            if self._online or not self._failures:
                return None
            return max(0.0, self._retry_at - self._clock())

    def wake(self) -> None:
        """Something was written: try the server at once, whatever the backoff said."""
        with self._lock:
            self._retry_at = 0.0
        self.on_wake()

    # --- status ---

    def status(self) -> SiteStatus:
        waiting = self._count_waiting()
        with self._lock:
            return SiteStatus(self._online, waiting, self._last_error, self.label)

    def subscribe(self, callback: Subscriber) -> None:
        """Call `callback(status)` on every change (from the sync worker's thread)."""
        with self._lock:
            self._subscribers.append(callback)

    def notify(self) -> None:
        with self._lock:
            subscribers = list(self._subscribers)
        if not subscribers:
            return
        status = self.status()
        for callback in subscribers:
            try:
                callback(status)
            except Exception:  # a subscriber's bug must not stop the sync
                log.exception("site status subscriber failed")

    def close(self) -> None:
        """Stop the sync worker (after the operation in flight), then disconnect."""
        self.on_close()
        with self._lock:
            site, self._site = self._site, None
        if site is not None:
            _close_quietly(site)


def _close_quietly(site: Database) -> None:
    try:
        site.close()
    except (DatabaseError, sa_exc.SQLAlchemyError, OSError) as exc:
        log.debug("closing the site database: %s", type(exc).__name__)
