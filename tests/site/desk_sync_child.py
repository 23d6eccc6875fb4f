"""A desk process for the SIGKILL test: opens a desk file in site mode and sends its outbox.

Run as `python desk_sync_child.py DESK_FILE SITE_URL USER CAMPAIGN` with the desk's passphrase
in COPILOT_DB_PASSPHRASE and the site password in COPILOT_SITE_PASSWORD; prints "syncing" once
the site answered, then sends until the outbox is empty (or the test kills it).
"""

from __future__ import annotations

import os
import sys


def main(desk_file: str, url: str, user: str, campaign: str) -> int:
    from copilot.site.config import SiteConfig
    from copilot.site.mode import site_services
    from copilot.site.sync import count_waiting, sync_once
    from copilot.storage.db import open_database

    desk = open_database(desk_file)
    config = SiteConfig(url=url, user=user, campaign=campaign)
    _customers, link = site_services(
        desk, config, os.environ["COPILOT_SITE_PASSWORD"], start_worker=False
    )
    link.site()
    print("syncing", flush=True)
    while count_waiting(desk):
        sync_once(desk, link)
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:5]))
