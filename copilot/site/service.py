"""Site mode's customer service: the desk's encrypted database is the cache the panel reads,
the site server refreshes it when it answers, and every write is queued for the server in
the same desk transaction that applies it to the cache.

Every id the panel holds is a desk id, so nothing changes for the panel. Online, `find` and
`story` first read the site and copy what they read into the cache; offline (the server does
not answer, or is down and not due for a retry) they answer from the cache alone. Merge and
erase change other desks' customers too, so they need the server.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from sqlalchemy import exc as sa_exc
from sqlmodel import Session, col, select

from copilot.errors import CopilotError, InputError
from copilot.site import cache
from copilot.site.config import SiteError
from copilot.site.link import SiteLink, SiteOffline, is_connection_error, one_line
from copilot.site.outbox import Journal, erase_cached, queued_uids, rekey
from copilot.storage.access import record_access
from copilot.storage.db import Database
from copilot.storage.found import Found
from copilot.storage.models import Customer
from copilot.storage.schemas import AddInteractionResult, CustomerRead, InteractionCreate, Story
from copilot.storage.service import CustomerService

log = logging.getLogger(__name__)


class SiteCustomerService(CustomerService):
    """`CustomerService` on the desk's cache, fed by and feeding the site (see the module)."""

    def __init__(
        self, database: Database, *, link: SiteLink, campaign: str, **options: Any
    ) -> None:
        # `campaign`: the one this desk's new customers join (its enrolment's), in the cache
        # as on the site.
        super().__init__(database, campaign=campaign, **options)
        self._link = link
        self._journal_of = Journal(by=link.config.user, campaign=campaign)

    def _journal(self, session: Session, kind: str, **refs: Any) -> None:
        self._journal_of.queue(session, kind, refs)
        # Woken once the desk transaction commits: the worker must find the row there.
        _after_commit(session, self._link.wake)

    def add_interaction(self, data: InteractionCreate) -> AddInteractionResult:
        """Not in site mode: contacts reach the site as wrap-ups (`log_contact`), which are
        queued for it; this one would stay on the desk."""
        raise InputError("in site mode, log contacts as wrap-ups (log_contact)")

    # --- reads: the site first when it answers, then the cache ---

    def find_matches(self, query: str, *, limit: int = 20) -> list[Found]:
        try:
            site = self._link.site()
            found = CustomerService(site, default_region=self._region).find_matches(
                query, limit=limit
            )
            copies = cache.read_customers(site, [f.customer.id for f in found])
        except Exception as exc:
            self._offline_or_raise(exc)
        else:
            with self._db.session() as session:
                copies = cache.changed(session, copies)
            if copies:  # most keystrokes find what the cache already holds: no desk write
                with self._db.write() as session:
                    for copy in copies:
                        cache.store_customer(session, copy)
        return super().find_matches(query, limit=limit)

    def story(self, customer_id: int, *, limit: int = 10) -> Story:
        copy: cache.StoryCopy | None = None
        try:
            copy = self._site_story(customer_id)
        except Exception as exc:
            self._offline_or_raise(exc)
        if copy is not None:
            with self._db.write() as session:
                cache.store_story(session, copy, queued_uids(session))
        story = super().story(customer_id, limit=limit)
        if copy is None:
            return story
        # The cache holds the newest contacts; the server counts them all.
        return story.model_copy(
            update={
                "total_interactions": max(story.total_interactions, copy.total),
                "contacts_7d": max(story.contacts_7d, copy.last_7),
                "contacts_30d": max(story.contacts_30d, copy.last_30),
            }
        )

    def _site_story(self, customer_id: int) -> cache.StoryCopy | None:
        uid = self._uid(customer_id)
        if uid is None:
            return None
        site = self._link.site()
        site_id = cache.site_id_of(site, uid)
        if site_id is None:
            return None  # made on this desk and not sent yet
        copy = cache.read_story(site, site_id, now=self._now())
        record_access(site, site_id)
        return copy

    def _uid(self, customer_id: int) -> str | None:
        with self._db.session() as session:
            return session.exec(select(Customer.uid).where(col(Customer.id) == customer_id)).first()

    def _offline_or_raise(self, exc: Exception) -> None:
        """A server out of reach is offline, and one that refuses the read (a permission, a
        schema of another version) is a problem for the status: either way the cache answers,
        so a find typed during a call never fails for the server's sake. Bugs are raised."""
        if isinstance(exc, SiteOffline):
            return
        if is_connection_error(exc):
            self._link.failed(exc)
            return
        if isinstance(exc, CopilotError | sa_exc.SQLAlchemyError):
            log.warning("the site refused a read: %s", one_line(exc))
            self._link.note_problem(one_line(exc))
            return
        raise exc

    # --- merge and erase: on the server, then here ---

    def merge(self, *, keep_id: int, merge_id: int, by: str) -> CustomerRead:
        keep_uid, merge_uid = self._site_uids("merging customers", keep_id, merge_id)

        def on_site(site: Database) -> None:
            keep_site, merge_site = (cache.site_id_of(site, u) for u in (keep_uid, merge_uid))
            if keep_site is None or merge_site is None:
                raise SiteError(
                    "one of these customers is not on the site yet; merge them once this "
                    "desk has sent its saved work"
                )
            CustomerService(site, default_region=self._region).merge(
                keep_id=keep_site, merge_id=merge_site, by=by
            )

        self._on_site("merging customers", on_site)
        kept = super().merge(keep_id=keep_id, merge_id=merge_id, by=by)
        with self._db.write() as session:
            rekey(session, merge_uid, keep_uid)  # waiting operations follow the customer
        return kept

    def erase(self, *, customer_id: int, by: str) -> None:
        (uid,) = self._site_uids("erasing a customer", customer_id)

        def on_site(site: Database) -> None:
            site_id = cache.site_id_of(site, uid)
            if site_id is not None:
                # The tombstone is written in the same server transaction; desks follow it.
                CustomerService(site, default_region=self._region).erase(customer_id=site_id, by=by)

        self._on_site("erasing a customer", on_site)
        super().erase(customer_id=customer_id, by=by)
        with self._db.write() as session:
            erase_cached(session, uid)  # and the writes still waiting to send their data

    def _site_uids(self, action: str, *customer_ids: int) -> list[str]:
        uids = [self._uid(i) for i in customer_ids]
        for customer_id, uid in zip(customer_ids, uids, strict=True):
            if uid is None:
                self.get_customer(customer_id)  # NotFoundError, worded as everywhere
                raise SiteError(f"{action}: customer {customer_id} has no site id")
        return [u for u in uids if u is not None]

    def _on_site(self, action: str, work: Callable[[Database], None]) -> None:
        """Do `work` on the server, or say in one line that `action` must wait for it."""
        try:
            work(self._link.site())
        except Exception as exc:
            if not isinstance(exc, SiteOffline) and not is_connection_error(exc):
                raise
            if not isinstance(exc, SiteOffline):
                self._link.failed(exc)
            raise SiteOffline(
                f"{action} needs the site server, which cannot be reached now; try again "
                "when the site is back"
            ) from exc


def _after_commit(session: Session, callback: Any) -> None:
    from sqlalchemy import event

    if not event.contains(session, "after_commit", _fire_wake):
        event.listen(session, "after_commit", _fire_wake)
    session.info["site_wake"] = callback


def _fire_wake(session: Session) -> None:
    callback = session.info.pop("site_wake", None)
    if callback is not None:
        callback()
