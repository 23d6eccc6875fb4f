"""Switching a desk's services to site mode: its database becomes the cache, a link to the
server and a sync worker are started (the composition root calls this; nothing else does)."""

from __future__ import annotations

from copilot.site.config import SiteConfig
from copilot.site.link import SiteLink
from copilot.site.service import SiteCustomerService
from copilot.site.sync import SyncWorker, count_waiting
from copilot.storage.db import Database
from copilot.vocabulary import DEFAULT_REGION


def site_services(
    desk: Database,
    config: SiteConfig,
    password: str,
    *,
    default_region: str = DEFAULT_REGION,
    start_worker: bool = True,
) -> tuple[SiteCustomerService, SiteLink]:
    """The customer service on the desk's cache and the link to the site, its worker running.

    Nothing connects here: the first find, story or queued write does (off the GUI thread).
    """
    link = SiteLink(config, password, count_waiting=lambda: count_waiting(desk))
    worker = SyncWorker(desk, link)
    link.on_close = worker.stop
    if start_worker:
        worker.start()
    customers = SiteCustomerService(
        desk, link=link, campaign=config.campaign, default_region=default_region
    )
    return customers, link
