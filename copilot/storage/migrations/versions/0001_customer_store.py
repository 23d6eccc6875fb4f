"""Customer store: tables, indexes, and SQLite full-text search kept in step by triggers.

Revision ID: 0001
Revises:
Create Date: 2026-11-29
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen copy of the type at the time of this revision (migrations never import models).
UTC_DATETIME = sa.DateTime(timezone=True)

# External-content FTS5 tables: the text lives once, in interaction/fact; the index holds only
# tokens, which keeps the file small. Triggers keep the index in step with every writer (the
# services, the bulk loader, cascaded deletes on erase), so nobody has to remember to.
# remove_diacritics 2: "perubahan" and "perubahán", "José" and "Jose" match alike.
FTS_SQL = [
    """CREATE VIRTUAL TABLE fts_interaction USING fts5(
        summary, notes, content='interaction', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER interaction_fts_insert AFTER INSERT ON interaction BEGIN
        INSERT INTO fts_interaction(rowid, summary, notes)
        VALUES (new.id, new.summary, new.notes);
    END""",
    """CREATE TRIGGER interaction_fts_delete AFTER DELETE ON interaction BEGIN
        INSERT INTO fts_interaction(fts_interaction, rowid, summary, notes)
        VALUES ('delete', old.id, old.summary, old.notes);
    END""",
    """CREATE TRIGGER interaction_fts_update AFTER UPDATE OF summary, notes ON interaction BEGIN
        INSERT INTO fts_interaction(fts_interaction, rowid, summary, notes)
        VALUES ('delete', old.id, old.summary, old.notes);
        INSERT INTO fts_interaction(rowid, summary, notes)
        VALUES (new.id, new.summary, new.notes);
    END""",
    # Customer names, for find() by any word of a name ("santoso" finds "Budi Santoso")
    # without scanning every customer. Prefix indexes for 1-3 characters: find runs on every
    # keystroke, and "b"* over a million names costs ~15 ms without them, ~0.03 ms with.
    """CREATE VIRTUAL TABLE fts_customer USING fts5(
        name, content='customer', content_rowid='id', prefix='1 2 3',
        tokenize='unicode61 remove_diacritics 2')""",
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
    """CREATE VIRTUAL TABLE fts_fact USING fts5(
        text, content='fact', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER fact_fts_insert AFTER INSERT ON fact BEGIN
        INSERT INTO fts_fact(rowid, text) VALUES (new.id, new.text);
    END""",
    """CREATE TRIGGER fact_fts_delete AFTER DELETE ON fact BEGIN
        INSERT INTO fts_fact(fts_fact, rowid, text) VALUES ('delete', old.id, old.text);
    END""",
    """CREATE TRIGGER fact_fts_update AFTER UPDATE OF text ON fact BEGIN
        INSERT INTO fts_fact(fts_fact, rowid, text) VALUES ('delete', old.id, old.text);
        INSERT INTO fts_fact(rowid, text) VALUES (new.id, new.text);
    END""",
]

# Erasure must not leave a customer's words behind in the index: with secure-delete, FTS5
# removes a deleted row's tokens from the index b-tree at once instead of writing tombstones
# that would keep the old entries until a later merge. Needs SQLite >= 3.44 (SQLCipher 4.6+
# has it; an old system SQLite behind a plain sqlite:/// test URL may not).
FTS_SECURE_DELETE_SQL = [
    f"INSERT INTO {table}({table}, rank) VALUES ('secure-delete', 1)"
    for table in ("fts_interaction", "fts_customer", "fts_fact")
]

FTS_DROP_SQL = [
    "DROP TRIGGER IF EXISTS fact_fts_update",
    "DROP TRIGGER IF EXISTS fact_fts_delete",
    "DROP TRIGGER IF EXISTS fact_fts_insert",
    "DROP TABLE IF EXISTS fts_fact",
    "DROP TRIGGER IF EXISTS interaction_fts_update",
    "DROP TRIGGER IF EXISTS interaction_fts_delete",
    "DROP TRIGGER IF EXISTS interaction_fts_insert",
    "DROP TABLE IF EXISTS fts_interaction",
    "DROP TRIGGER IF EXISTS customer_fts_update",
    "DROP TRIGGER IF EXISTS customer_fts_delete",
    "DROP TRIGGER IF EXISTS customer_fts_insert",
    "DROP TABLE IF EXISTS fts_customer",
]


def _customer_fk() -> sa.Column[int]:
    return sa.Column(
        "customer_id",
        sa.Integer(),
        sa.ForeignKey("customer.id", ondelete="CASCADE"),
        nullable=False,
    )


def upgrade() -> None:
    op.create_table(
        "customer",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("name_key", sa.String(200), nullable=False),
        sa.Column("created_at", UTC_DATETIME, nullable=False),
    )
    op.create_index("ix_customer_name_key", "customer", ["name_key"])

    op.create_table(
        "identifier",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("value", sa.String(320), nullable=False),
        _customer_fk(),
        sa.UniqueConstraint("kind", "value", name="uq_identifier_kind_value"),
    )
    op.create_index("ix_identifier_customer_id", "identifier", ["customer_id"])

    op.create_table(
        "interaction",
        sa.Column("id", sa.Integer(), primary_key=True),
        _customer_fk(),
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("direction", sa.String(16), nullable=False),
        sa.Column("started_at", UTC_DATETIME, nullable=False),
        sa.Column("agent", sa.String(200), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("outcome", sa.String(200), nullable=False),
        sa.Column("tags", sa.Text(), nullable=False),
        sa.Column("industry", sa.String(16), nullable=False),
        sa.Column("client", sa.String(200), nullable=False),
        sa.Column("helpdesk_ref", sa.String(200), nullable=False),
    )
    op.create_index(
        "ix_interaction_customer_started", "interaction", ["customer_id", "started_at"]
    )

    op.create_table(
        "fact",
        sa.Column("id", sa.Integer(), primary_key=True),
        _customer_fk(),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_by", sa.String(200), nullable=False),
        sa.Column("created_at", UTC_DATETIME, nullable=False),
        sa.Column("expires_at", UTC_DATETIME, nullable=True),
    )
    op.create_index("ix_fact_customer_id", "fact", ["customer_id"])

    op.create_table(
        "commitment",
        sa.Column("id", sa.Integer(), primary_key=True),
        _customer_fk(),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("due_at", UTC_DATETIME, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("made_by", sa.String(200), nullable=False),
        sa.Column("created_at", UTC_DATETIME, nullable=False),
    )
    op.create_index(
        "ix_commitment_customer_status_due", "commitment", ["customer_id", "status", "due_at"]
    )

    op.create_table(
        "agent",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.UniqueConstraint("name", name="uq_agent_name"),
    )

    op.create_table(
        "audit_event",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("at", UTC_DATETIME, nullable=False),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("subject_ids", sa.String(200), nullable=False),
        sa.Column("details", sa.Text(), nullable=False),
    )
    op.create_index("ix_audit_event_at", "audit_event", ["at"])

    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for statement in FTS_SQL:
            op.execute(statement)
        version = str(bind.exec_driver_sql("SELECT sqlite_version()").scalar())
        if tuple(int(part) for part in version.split(".")[:2]) >= (3, 44):
            for statement in FTS_SECURE_DELETE_SQL:
                op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for statement in FTS_DROP_SQL:
            op.execute(statement)
    for table in ("audit_event", "agent", "commitment", "fact", "interaction", "identifier"):
        op.drop_table(table)
    op.drop_table("customer")
