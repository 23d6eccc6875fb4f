"""The services the command line and the panel use, and the one provider that opens them."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

# Standard library and Settings only: the panel's modules import this on the GUI thread, before
# SQLAlchemy, SQLCipher and pydantic are loaded (see docs/ARCHITECTURE.md, "Panel start-up").
from copilot.config import Settings

if TYPE_CHECKING:
    from copilot.site.link import SiteLink
    from copilot.storage.db import Database
    from copilot.storage.drafts import DraftService
    from copilot.storage.keys import DatabaseKey
    from copilot.storage.quick import QuickStore
    from copilot.storage.service import CustomerService

__all__ = ["BuildServices", "ServiceProvider", "Services"]

log = logging.getLogger(__name__)


@dataclass
class Services:
    """Everything the command line and the panel talk to, built once per process."""

    settings: Settings
    database: Database
    customers: CustomerService
    drafts: DraftService
    # Site mode: the link to the site server and its sync worker (None: a desk on its own).
    site: SiteLink | None = None

    def close(self) -> None:
        if self.site is not None:
            self.site.close()  # the sync worker finishes the operation in flight first
        self.database.close()


# How the composition root builds the services: the settings, and the database's key when the
# quick lookup has found it already (so PBKDF2 runs once per start).
BuildServices = Callable[[Settings, "DatabaseKey | None"], Services]


class ServiceProvider:
    """The panel's one road to the services: opens them on first `get()` and hands the same
    ones back; also opens the quick lookup that answers the find box before that.

    Thread-safe: the panel's workers may ask from several pool threads at once while the
    database is still opening (seconds: key derivation, migrations), and `get()` never runs on
    the GUI thread. A failed open is not cached, so the next attempt tries again.

    `start_quick()` opens the quick lookup (`copilot.storage.quick`) on a thread of its own, so
    the key is derived while Qt loads; `quick()` waits for it, `quick_ready()` never does. The
    full open then reuses its key instead of deriving it again.
    """

    def __init__(self, settings: Settings, build: BuildServices) -> None:
        self.settings = settings
        self._build = build
        self._lock = threading.Lock()
        self._services: Services | None = None
        # Its own lock: find asks for the quick lookup while the full open holds `_lock`.
        self._quick_lock = threading.Lock()
        self._quick: Future[QuickStore | None] | None = None

    def get(self) -> Services:
        """The services, opening them on the first call (on a worker thread: it can take
        seconds). Raises what opening raises, e.g. WrongPassphraseError."""
        with self._lock:
            if self._services is None:
                self._services = self._build(self.settings, self._known_key())
            return self._services

    @property
    def is_open(self) -> bool:
        return self._services is not None

    def start_quick(self) -> None:
        """Begin opening the quick lookup in the background (once; a plain file only)."""
        with self._quick_lock:
            if self._quick is not None:
                return
            future: Future[QuickStore | None] = Future()
            self._quick = future
        target = self.settings.database_target
        if "://" in target:
            future.set_result(None)  # a server or URL: the full open is the only one
            return
        threading.Thread(
            target=self._open_quick,
            args=(Path(target), future),
            name="copilot-quick-open",
            daemon=True,
        ).start()

    def _open_quick(self, path: Path, future: Future[QuickStore | None]) -> None:
        store: QuickStore | None = None
        try:
            from copilot.storage.quick import open_quick

            store = open_quick(path, region=self.settings.default_region)
        except Exception as exc:  # the full open reports it, with its own wording
            log.debug("quick lookup unavailable: %s", type(exc).__name__)
        finally:
            future.set_result(store)  # always: the panel and the full open wait on it
        with self._quick_lock:
            closed = self._quick is not future
        if closed and store is not None:
            store.close()  # close() ran while this was opening

    def quick_ready(self) -> QuickStore | None:
        """The quick lookup if it has opened already; never waits."""
        with self._quick_lock:
            future = self._quick
        return future.result() if future is not None and future.done() else None

    def quick(self) -> QuickStore | None:
        """The quick lookup, waiting for it to open; None when it cannot serve this database."""
        self.start_quick()
        with self._quick_lock:
            future = self._quick
        return future.result() if future is not None else None

    def _known_key(self) -> DatabaseKey | None:
        with self._quick_lock:
            future = self._quick
        store = future.result() if future is not None else None
        return store.key if store is not None else None

    def close(self) -> None:
        with self._lock:
            if self._services is not None:
                self._services.close()
                self._services = None
        with self._quick_lock:
            quick, self._quick = self._quick, None
        if quick is not None and quick.done() and (store := quick.result()) is not None:
            store.close()
