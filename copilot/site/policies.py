"""The site's roles, grants and row-level-security policies, as SQL statements.

Three group roles hold the rights; a login belongs to one of them. What a login may see is
decided by the server, not the desk: an agent or team leader sees the customers of the
campaigns their `site_member` rows name, and what hangs off those customers; admins see
everything. `FORCE ROW LEVEL SECURITY` makes the tables' owner (the administrator who ran
`copilot site init`) go through the policies too, through the admin role's own policy.
"""

from __future__ import annotations

AGENT = "copilot_agent"
TEAM_LEADER = "copilot_team_leader"
ADMIN = "copilot_admin"
GROUPS = {"agent": AGENT, "team_leader": TEAM_LEADER, "admin": ADMIN}
ALL_GROUPS = f"{AGENT}, {TEAM_LEADER}, {ADMIN}"
MEMBERS = f"{AGENT}, {TEAM_LEADER}"  # the logins limited to their campaigns

MY_CAMPAIGNS = "(SELECT sm.campaign FROM site_member sm WHERE sm.username = current_user)"
# "Its customer is visible" (the customer's own policy applies inside), as a scalar subquery:
# one primary-key probe per row, whatever the planner estimates. `customer_id IN (SELECT id
# FROM customer)` hashed every visible customer on each query: 40 ms for one story at 100,000
# customers (benchmarks/bench_site_rls.py); EXISTS did so too whenever statistics were stale.
VISIBLE_CUSTOMER = "(SELECT true FROM customer c WHERE c.id = customer_id)"

# Customer data: every login reads and writes it, row-level security decides which rows.
CUSTOMER_TABLES = ("identifier", "interaction", "fact", "commitment", "compliance_override")
DATA_RIGHTS = "SELECT, INSERT, UPDATE, DELETE"

# table -> (rights of every group, extra rights of team leaders and admins)
GRANTS: dict[str, tuple[str, str]] = {
    "customer": (DATA_RIGHTS, ""),
    **{table: (DATA_RIGHTS, "") for table in CUSTOMER_TABLES},
    # Staff names and ids-only audit rows: no customer's personal data, no row security.
    "agent": ("SELECT, INSERT, UPDATE", ""),
    "audit_event": ("SELECT, INSERT", ""),
    # Drafts stay on the desk. SELECT and DELETE only so that an erase's "delete this
    # customer's draft" runs; no policy lets a row be seen or written.
    "draft": ("SELECT, DELETE", ""),
    "erasure": ("SELECT, INSERT", ""),  # uids only: desks erase them from their caches
    "access_log": ("INSERT", "SELECT"),  # agents add lines, never read them
    "site_member": ("SELECT", ""),  # members read their own rows; admins write (below)
    "sync_conflict": ("SELECT, INSERT, DELETE", ""),  # DELETE: erasing takes their records
    "sync_state": ("SELECT", ""),  # on the server only the site's id, read at enrolment
    "alembic_version": ("SELECT", ""),  # opening the database checks the schema version
    "outbox": ("", ""),  # a desk's queue; the server has none
}
ADMIN_ONLY = {"site_member": "INSERT, UPDATE, DELETE"}
NO_ROW_SECURITY = ("agent", "audit_event", "alembic_version")


def role_statements() -> list[str]:
    """Revoke everything from PUBLIC, then grant each group its rights."""
    statements = []
    for table, (everyone, leaders) in GRANTS.items():
        statements.append(f"REVOKE ALL ON TABLE {table} FROM PUBLIC, {ALL_GROUPS}")
        if everyone:
            statements.append(f"GRANT {everyone} ON TABLE {table} TO {ALL_GROUPS}")
        if leaders:
            statements.append(f"GRANT {leaders} ON TABLE {table} TO {TEAM_LEADER}, {ADMIN}")
    for table, rights in ADMIN_ONLY.items():
        statements.append(f"GRANT {rights} ON TABLE {table} TO {ADMIN}")
    statements.append(f"GRANT USAGE ON SCHEMA public TO {ALL_GROUPS}")
    statements.append(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {ALL_GROUPS}")
    return statements


def _for_all(to: str, rule: str) -> str:
    """A policy body for every command: rows seen and rows written obey the same rule."""
    return f"TO {to} USING ({rule}) WITH CHECK ({rule})"


def _policies() -> list[tuple[str, str, str]]:
    """(table, policy name, the rest of CREATE POLICY) for every policy of the site."""
    campaign = f"campaign IN {MY_CAMPAIGNS}"
    uids = (
        "COALESCE((SELECT true FROM customer c WHERE c.uid = entity_uid), "
        "(SELECT true FROM fact f WHERE f.uid = entity_uid), "
        "(SELECT true FROM commitment m WHERE m.uid = entity_uid))"
    )
    own_lines = f"FOR INSERT TO {MEMBERS} WITH CHECK (username = current_user)"
    policies = [
        ("customer", "copilot_campaign", _for_all(MEMBERS, campaign)),
        # Identifiers by campaign too: the unique index is per campaign.
        ("identifier", "copilot_campaign", _for_all(MEMBERS, f"{campaign} AND {VISIBLE_CUSTOMER}")),
        ("access_log", "copilot_own_lines", own_lines),
        ("access_log", "copilot_leaders_read", f"FOR SELECT TO {TEAM_LEADER} USING (true)"),
        (
            "site_member",
            "copilot_own_rows",
            f"FOR SELECT TO {MEMBERS} USING (username = current_user)",
        ),
        ("erasure", "copilot_read", f"FOR SELECT TO {MEMBERS} USING (true)"),
        ("erasure", "copilot_write", f"FOR INSERT TO {MEMBERS} WITH CHECK (true)"),
        # A conflict's kept and discarded values are personal data: its customer's rule.
        ("sync_conflict", "copilot_customer", _for_all(MEMBERS, uids)),
        ("sync_state", "copilot_site_id", f"FOR SELECT TO {MEMBERS} USING (key = 'site_id')"),
    ]
    for table in CUSTOMER_TABLES[1:]:
        policies.append((table, "copilot_customer", _for_all(MEMBERS, VISIBLE_CUSTOMER)))
    # Admins see and manage everything (BYPASSRLS would need a superuser to grant it).
    for table in GRANTS:
        if table not in NO_ROW_SECURITY and table not in ("draft", "outbox"):
            policies.append((table, "copilot_admin", _for_all(ADMIN, "true")))
    return policies


def policy_statements() -> list[str]:
    """Row-level security on, forced for the owner too, and every policy (re)created."""
    statements = []
    for table in GRANTS:
        if table in NO_ROW_SECURITY:
            continue
        statements.append(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        statements.append(f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY")
    for table, name, body in _policies():
        # DROP then CREATE (no CREATE OR REPLACE POLICY): a re-run leaves exactly these.
        statements.append(f"DROP POLICY IF EXISTS {name} ON {table}")
        statements.append(f"CREATE POLICY {name} ON {table} {body}")
    return statements
