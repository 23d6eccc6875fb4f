"""The sync worker: sends the desk's outbox to the site in order and brings the site's
erasures to the desk's cache, on a daemon thread, without the agent doing anything.

Each operation is applied on the server in one transaction (`site.apply`, idempotent), then
deleted from the outbox in one desk transaction. A crash between the two sends it again,
harmlessly. A connection error stops the round: the link goes offline and retries with
backoff; a write wakes the worker at once.

A permanent error (the server refuses the operation's data) does not block the operations
after it: the operation stays in the outbox with `last_error`, is tried again at each later
round, and after `MAX_ATTEMPTS` it is parked there (kept, shown in the status, no longer
sent) for someone to look at; nothing is ever deleted unsent.
"""

from __future__ import annotations

import json
import logging
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func
from sqlmodel import Session, col, select

from copilot.errors import CopilotError
from copilot.site.apply import ErasedOnSite, apply_operation
from copilot.site.link import SiteLink, SiteOffline, is_connection_error, one_line
from copilot.site.outbox import erase_cached, rekey
from copilot.storage.db import Database
from copilot.storage.kinds import as_utc
from copilot.storage.models import Erasure, Outbox, SyncState, table_of

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
BATCH = 200
POLL_S = 60.0  # online: look for the site's erasures this often even without writes
ERASURE_CURSOR = "erasure_cursor"
# Tombstones are read again this far back: desks stamp them with their own clocks, and a
# transaction may commit after a later-stamped one. Erasing what is not cached costs nothing.
ERASURE_OVERLAP = timedelta(days=1)
ERASURE = table_of(Erasure)


@dataclass
class Round:
    """What one pass did."""

    sent: int = 0
    refused: int = 0
    erased: int = 0
    problem: str = ""  # the last refusal's one line


def count_waiting(desk: Database) -> int:
    """Operations in the outbox, parked ones included (they are not lost, only stuck)."""
    with desk.session() as session:
        return int(session.exec(select(func.count()).select_from(Outbox)).one())


def sync_once(desk: Database, link: SiteLink, *, stop: threading.Event | None = None) -> Round:
    """One pass: the site's erasures, then every waiting operation. Raises SiteOffline (the
    link is marked offline) when the server cannot be reached."""
    site = link.site()
    done = Round()
    try:
        done.erased = pull_erasures(desk, site)
        send_outbox(desk, site, link, done, stop)
    except Exception as exc:
        if is_connection_error(exc):
            link.failed(exc)
            raise SiteOffline(f"the site server is unreachable: {one_line(exc)}") from exc
        raise
    link.succeeded(done.problem)
    return done


def send_outbox(
    desk: Database, site: Database, link: SiteLink, done: Round, stop: threading.Event | None
) -> None:
    after = 0
    while stop is None or not stop.is_set():
        with desk.session() as session:
            rows = session.exec(
                select(Outbox.id, Outbox.kind, Outbox.payload)
                .where(col(Outbox.id) > after, col(Outbox.attempts) < MAX_ATTEMPTS)
                .order_by(col(Outbox.id))
                .limit(BATCH)
            ).all()
        if not rows:
            return
        for row_id, kind, payload in rows:
            if stop is not None and stop.is_set():
                return  # the operation in flight finished; the rest wait for the next start
            assert row_id is not None
            after = row_id
            refusal, rekeyed = _send_one(desk, site, row_id, kind, json.loads(payload))
            if refusal is None:
                done.sent += 1
            else:
                done.refused += 1
                done.problem = refusal
            if rekeyed:
                break  # the operations after it now name the site's uid: read them again
        link.notify()


def _send_one(
    desk: Database, site: Database, row_id: int, kind: str, payload: dict[str, object]
) -> tuple[str | None, bool]:
    """Apply one operation on the site and drop it from the outbox: why, when refused, and
    whether the desk re-keyed a customer to the site's uid."""
    site_uid: str | None = None
    try:
        site_uid = _apply(site, kind, payload)
    except ErasedOnSite:
        pass  # the customer was erased on the site: their pending writes go with them
    except Exception as exc:
        if is_connection_error(exc):
            raise
        message = one_line(exc)
        log.warning("the site refused outbox operation %s (%s): %s", row_id, kind, message)
        with desk.write() as session:
            row = session.get(Outbox, row_id)
            if row is not None:
                row.attempts += 1
                row.last_error = message
                session.add(row)
        return message, False
    with desk.write() as session:
        session.exec(delete(Outbox).where(col(Outbox.id) == row_id))
        customer_uid = payload.get("customer")
        if site_uid and isinstance(customer_uid, str):
            rekey(session, customer_uid, site_uid)
            return None, True
    return None, False


def _apply(site: Database, kind: str, payload: dict[str, object]) -> str | None:
    # transact: a transaction the server aborts to break a deadlock with another desk's
    # runs again, whole.
    return site.transact(
        lambda session: apply_operation(session, kind, payload, dialect=site.dialect)
    )


def pull_erasures(desk: Database, site: Database) -> int:
    """Erase from the cache every customer erased on the site since the cursor; how many."""
    with desk.session() as session:
        cursor = _cursor(session)
    query = select(ERASURE.c.customer_uid, ERASURE.c.at).order_by(ERASURE.c.at)
    if cursor is not None:
        query = query.where(ERASURE.c.at >= cursor - ERASURE_OVERLAP)
    with site.session() as session:
        tombstones = [(str(uid), as_utc(at)) for uid, at in session.execute(query).all()]
    if not tombstones:
        return 0
    erased = 0
    with desk.write() as session:
        for uid, _at in tombstones:
            erased += int(erase_cached(session, uid))
        latest = max(at for _uid, at in tombstones)
        session.merge(SyncState(key=ERASURE_CURSOR, value=latest.isoformat()))
    if erased:
        desk.checkpoint()  # the erased pages must not stay readable in the write-ahead log
    return erased


def _cursor(session: Session) -> datetime | None:
    state = session.get(SyncState, ERASURE_CURSOR)
    return None if state is None else as_utc(datetime.fromisoformat(state.value))


class SyncWorker:
    """The daemon thread that runs `sync_once` whenever there is something to send, the
    backoff says the server is due for a retry, or a minute has passed."""

    def __init__(self, desk: Database, link: SiteLink, *, poll_s: float = POLL_S) -> None:
        self._desk = desk
        self._link = link
        self._poll_s = poll_s
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="copilot-site-sync", daemon=True)
        link.on_wake = self._wake.set

    def start(self) -> None:
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                sync_once(self._desk, self._link, stop=self._stop)
            except SiteOffline:
                pass  # the link says so; the status shows it
            except CopilotError as exc:  # the desk's own database failed: say so, keep going
                self._link.note_problem(one_line(exc))
            except Exception:
                log.exception("site sync failed")
            delay = self._link.retry_delay()
            self._wake.wait(self._poll_s if delay is None else delay)
            self._wake.clear()

    def stop(self, timeout: float = 10.0) -> None:
        """Stop after the operation in flight (it is finished, never cut in half)."""
        self._stop.set()
        self._wake.set()
        if self._thread.is_alive():
            self._thread.join(timeout)
