"""Site mode: stable ids across databases, campaigns, the desk's outbox, erasure tombstones,
the access log, campaign membership and the record of edits that lost a conflict.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-06

- `uid` (32 hex characters) on customers, facts and commitments, and `contact_key` on every
  contact: the same row on the site server and in a desk's cache, and the natural key that
  makes sending an outbox operation twice harmless.
- `campaign` on customers and identifiers: the client a customer belongs to. Row-level
  security on the site shows an agent only their campaigns' customers, and an identifier is
  unique per campaign (the same phone at two clients is two records that must not mix).
  A desk on its own keeps everything in the campaign "".
- `edited_at` on customers and facts: an edit made earlier than the stored one loses and is
  recorded in `sync_conflict` instead of being dropped.
- PostgreSQL only: the site's text search (expression GIN indexes with the `indonesian` and
  `english` configurations over accent-folded text), a trigram index of folded names
  (`pg_trgm`, a trusted extension: the database owner may create it) and code-point order
  for the columns find reads as ranges. `copilot.storage.dialects.postgresql` queries these
  exact expressions; change both together.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UTC_DATETIME = sa.DateTime(timezone=True)
UID = sa.String(32)

# A random 32-hex-digit id per existing row, in SQL (millions of rows in seconds).
_RANDOM_UID = {
    "sqlite": "lower(hex(randomblob(16)))",
    "postgresql": "replace(gen_random_uuid()::text, '-', '')",
}


def _random_uid_sql() -> str:
    return _RANDOM_UID.get(op.get_bind().dialect.name, _RANDOM_UID["postgresql"])


def upgrade() -> None:
    random_uid = _random_uid_sql()
    for table in ("customer", "fact", "commitment"):
        op.add_column(table, sa.Column("uid", UID, nullable=True))
        op.execute(f"UPDATE {table} SET uid = {random_uid} WHERE uid IS NULL")
        op.create_index(f"ux_{table}_uid", table, ["uid"], unique=True)
    op.execute(f"UPDATE interaction SET contact_key = {random_uid} WHERE contact_key IS NULL")

    op.add_column(
        "customer", sa.Column("campaign", sa.String(64), nullable=False, server_default="")
    )
    op.create_index("ix_customer_campaign", "customer", ["campaign"])
    op.add_column("customer", sa.Column("edited_at", UTC_DATETIME, nullable=True))
    op.add_column("fact", sa.Column("edited_at", UTC_DATETIME, nullable=True))

    # Unique per campaign. (kind, value) first, so finding a number across campaigns still
    # uses the index. SQLite cannot drop a table constraint: a batch rebuild of `identifier`
    # (it has no triggers to lose; its indexes are recreated).
    with op.batch_alter_table("identifier", recreate="auto") as batch:
        batch.add_column(
            sa.Column("campaign", sa.String(64), nullable=False, server_default="")
        )
        batch.drop_constraint("uq_identifier_kind_value", type_="unique")
        batch.create_unique_constraint(
            "uq_identifier_kind_value_campaign", ["kind", "value", "campaign"]
        )

    op.create_table(
        "outbox",
        sa.Column("id", sa.Integer(), primary_key=True),  # the order operations are sent in
        sa.Column("op_id", UID, nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("created_at", UTC_DATETIME, nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("last_error", sa.Text(), nullable=False, server_default=""),
        sa.UniqueConstraint("op_id", name="uq_outbox_op_id"),
    )
    op.create_table(
        "erasure",
        sa.Column("customer_uid", UID, primary_key=True),
        sa.Column("at", UTC_DATETIME, nullable=False),
    )
    op.create_index("ix_erasure_at", "erasure", ["at"])
    op.create_table(
        "access_log",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("at", UTC_DATETIME, nullable=False),
        sa.Column("username", sa.String(200), nullable=False),
        # No foreign key: the line outlives the customer's erasure (it holds no personal data).
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
    )
    op.create_index("ix_access_log_customer_at", "access_log", ["customer_id", "at"])
    op.create_index("ix_access_log_at", "access_log", ["at"])
    op.create_table(
        "site_member",
        sa.Column("username", sa.String(200), primary_key=True),
        sa.Column("campaign", sa.String(64), primary_key=True),
        sa.Column("role", sa.String(16), nullable=False),
    )
    op.create_table(
        "sync_conflict",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("at", UTC_DATETIME, nullable=False),
        sa.Column("entity", sa.String(16), nullable=False),  # "customer", "fact", ...
        sa.Column("entity_uid", UID, nullable=False),
        sa.Column("field", sa.String(32), nullable=False),
        sa.Column("kept", sa.Text(), nullable=False),
        sa.Column("discarded", sa.Text(), nullable=False),
        sa.Column("discarded_at", UTC_DATETIME, nullable=False),
        sa.Column("by", sa.String(200), nullable=False),
    )
    op.create_index("ix_sync_conflict_entity_uid", "sync_conflict", ["entity_uid"])
    op.create_table(
        "sync_state",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.Text(), nullable=False),
    )
    if op.get_bind().dialect.name == "postgresql":
        _postgresql_search()


# Accents folded the way `kinds.name_key` folds them (NFD, combining marks dropped), without the
# `unaccent` extension (which only a superuser may create). A SQL-standard body: PostgreSQL
# parses it once, so it does not depend on the search_path of whoever runs it or restores it.
_FOLD_FUNCTION = """
CREATE OR REPLACE FUNCTION copilot_fold(value text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN regexp_replace(normalize(lower(value), NFD), '[\u0300-\u036f]', '', 'g')
"""
# (index, table, the text it indexes); one GIN index per configuration and table.
_SEARCH_INDEXES = (
    ("ix_interaction_search", "interaction", "summary || ' ' || notes"),
    ("ix_fact_search", "fact", "text"),
)
SEARCH_CONFIGS = ("indonesian", "english")


def _postgresql_search() -> None:
    # Prefix ranges (`name_key >= 'budi' AND < 'budi' || U+10FFFF`, the reversed digits of
    # identifiers up to ':') assume code-point order; a site database made with a linguistic
    # collation (en_US.UTF-8) would order them otherwise and miss customers.
    op.execute('ALTER TABLE customer ALTER COLUMN name_key TYPE varchar(200) COLLATE "C"')
    op.execute('ALTER TABLE identifier ALTER COLUMN suffix TYPE varchar(320) COLLATE "C"')
    op.execute(_FOLD_FUNCTION)
    for index, table, document in _SEARCH_INDEXES:
        for config in SEARCH_CONFIGS:
            op.execute(
                f"CREATE INDEX {index}_{config[:2]} ON {table} "
                f"USING gin (to_tsvector('{config}', copilot_fold({document})))"
            )
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    op.execute("CREATE INDEX ix_customer_name_trgm ON customer USING gin (name_key gin_trgm_ops)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_customer_name_trgm")
        for index, _table, _document in _SEARCH_INDEXES:
            for config in SEARCH_CONFIGS:
                op.execute(f"DROP INDEX IF EXISTS {index}_{config[:2]}")
        op.execute("DROP FUNCTION IF EXISTS copilot_fold(text)")
    for table in ("sync_state", "sync_conflict", "site_member", "access_log", "erasure"):
        op.drop_table(table)
    op.drop_table("outbox")
    with op.batch_alter_table("identifier", recreate="auto") as batch:
        batch.drop_constraint("uq_identifier_kind_value_campaign", type_="unique")
        batch.create_unique_constraint("uq_identifier_kind_value", ["kind", "value"])
        batch.drop_column("campaign")
    columns = (
        ("fact", "edited_at"),
        ("customer", "edited_at"),
        ("customer", "campaign"),
        ("commitment", "uid"),
        ("fact", "uid"),
        ("customer", "uid"),
    )
    op.drop_index("ix_customer_campaign", table_name="customer")
    for table in ("customer", "fact", "commitment"):
        op.drop_index(f"ux_{table}_uid", table_name=table)
    for table, column in columns:
        if op.get_bind().dialect.name == "sqlite":
            # SQLite's own DROP COLUMN, not a batch rebuild that would drop the FTS triggers.
            op.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
        else:
            op.drop_column(table, column)
