"""Customer ids never reused, a contact key for retries and re-imports, drafts in the store.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-06
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UTC_DATETIME = sa.DateTime(timezone=True)

# The customer table is rebuilt with AUTOINCREMENT (SQLite cannot add it in place). The caller
# runs migrations with foreign keys off (db.py), so dropping the old table does not cascade to
# every customer's rows; the name's full-text triggers go with the old table and come back.
CUSTOMER_REBUILD_SQL = [
    """CREATE TABLE customer_0002 (
        id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
        name VARCHAR(200) NOT NULL,
        name_key VARCHAR(200) NOT NULL,
        created_at DATETIME NOT NULL)""",
    "INSERT INTO customer_0002 (id, name, name_key, created_at) "
    "SELECT id, name, name_key, created_at FROM customer",
    "DROP TABLE customer",
    "ALTER TABLE customer_0002 RENAME TO customer",
    "CREATE INDEX ix_customer_name_key ON customer (name_key)",
    """CREATE TRIGGER customer_fts_insert AFTER INSERT ON customer BEGIN
        INSERT INTO fts_customer(rowid, name) VALUES (new.id, new.name);
    END""",
    """CREATE TRIGGER customer_fts_delete AFTER DELETE ON customer BEGIN
        INSERT INTO fts_customer(fts_customer, rowid, name) VALUES ('delete', old.id, old.name);
    END""",
    """CREATE TRIGGER customer_fts_update AFTER UPDATE OF name ON customer BEGIN
        INSERT INTO fts_customer(fts_customer, rowid, name) VALUES ('delete', old.id, old.name);
        INSERT INTO fts_customer(rowid, name) VALUES (new.id, new.name);
    END""",
]


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for statement in CUSTOMER_REBUILD_SQL:
            op.execute(statement)
    # A plain ADD COLUMN (no table rebuild, which would drop the full-text triggers).
    op.add_column("interaction", sa.Column("contact_key", sa.String(64), nullable=True))
    op.create_index("ux_interaction_contact_key", "interaction", ["contact_key"], unique=True)
    op.create_table(
        "draft",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "customer_id",
            sa.Integer(),
            sa.ForeignKey("customer.id", ondelete="CASCADE"),
            nullable=True,
            unique=True,
        ),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("updated_at", UTC_DATETIME, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("draft")
    op.drop_index("ux_interaction_contact_key", table_name="interaction")
    if op.get_bind().dialect.name == "sqlite":
        # SQLite's own DROP COLUMN (3.35+), not a batch rebuild that would drop the triggers.
        op.execute("ALTER TABLE interaction DROP COLUMN contact_key")
    else:
        op.drop_column("interaction", "contact_key")
    # Customer ids stay AUTOINCREMENT: harmless for 0001, and rebuilding again risks more.
