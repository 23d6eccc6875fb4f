"""Every table of a site has a decided rule: a table added later must be given one on purpose."""

from __future__ import annotations

import psycopg
from site_support import Site

from copilot.site import policies


def test_every_table_of_the_site_has_rights_decided(site: Site) -> None:
    site.init()
    url = site.admin_url()
    with psycopg.connect(
        host=url.host, port=url.port, dbname=url.database, user=url.username,
        password=url.password,
    ) as connection:  # fmt: skip
        rows = connection.execute(
            "SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity FROM pg_class c "
            "WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r'"
        ).fetchall()
    tables = {name: (on, forced) for name, on, forced in rows}
    # A new table needs a line in policies.GRANTS (and, holding personal data, a policy).
    assert set(tables) == set(policies.GRANTS)
    for name, (on, forced) in tables.items():
        secured = name not in policies.NO_ROW_SECURITY
        assert (on, forced) == (secured, secured), name
