"""What the live-call panel records: salutation, critical facts, the wrap-up's reason code,
handle time and identity check, compliance-gate overrides, and identifier suffixes.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-06
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UTC_DATETIME = sa.DateTime(timezone=True)
BACKFILL_BATCH = 10_000


def _suffix_key(value: str) -> str:
    """`copilot.storage.kinds.suffix_key`, frozen here: a migration must not change later."""
    return "".join(ch for ch in reversed(value) if "0" <= ch <= "9")


def _backfill_suffixes() -> None:
    """Every existing identifier's suffix, in batches (a million rows is a few seconds)."""
    bind = op.get_bind()
    identifier = sa.table(
        "identifier", sa.column("id", sa.Integer), sa.column("value"), sa.column("suffix")
    )
    update = (
        sa.update(identifier)
        .where(identifier.c.id == sa.bindparam("row_id"))
        .values(suffix=sa.bindparam("new_suffix"))
    )
    last_id = 0
    while True:
        rows = bind.execute(
            sa.select(identifier.c.id, identifier.c.value)
            .where(identifier.c.id > last_id)
            .order_by(identifier.c.id)
            .limit(BACKFILL_BATCH)
        ).all()
        if not rows:
            return
        changes = [
            {"row_id": row_id, "new_suffix": _suffix_key(value or "")}
            for row_id, value in rows
            if _suffix_key(value or "")
        ]
        if changes:
            bind.execute(update, changes)
        last_id = rows[-1][0]


def upgrade() -> None:
    # Plain ADD COLUMNs with server defaults: no table rebuild (which on SQLite would drop the
    # full-text triggers), and existing rows get the default.
    op.add_column(
        "customer", sa.Column("salutation", sa.String(16), nullable=False, server_default="")
    )
    op.add_column(
        "fact", sa.Column("critical", sa.Boolean(), nullable=False, server_default=sa.false())
    )
    op.add_column(
        "interaction",
        sa.Column("reason_code", sa.String(64), nullable=False, server_default=""),
    )
    op.add_column("interaction", sa.Column("handle_seconds", sa.Integer(), nullable=True))
    op.add_column(
        "interaction",
        sa.Column("identity_verified", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    op.add_column(
        "identifier", sa.Column("suffix", sa.String(320), nullable=False, server_default="")
    )
    _backfill_suffixes()
    op.create_index("ix_identifier_suffix", "identifier", ["suffix"])
    op.create_table(
        "compliance_override",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "interaction_id",
            sa.Integer(),
            sa.ForeignKey("interaction.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column(
            "customer_id",
            sa.Integer(),
            sa.ForeignKey("customer.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("occurred_at", UTC_DATETIME, nullable=False),
        sa.Column("agent", sa.String(200), nullable=False),
    )
    op.create_index(
        "ix_compliance_override_interaction_id", "compliance_override", ["interaction_id"]
    )
    op.create_index(
        "ix_compliance_override_customer_id", "compliance_override", ["customer_id"]
    )


def downgrade() -> None:
    op.drop_table("compliance_override")
    op.drop_index("ix_identifier_suffix", table_name="identifier")
    columns = (
        ("identifier", "suffix"),
        ("interaction", "identity_verified"),
        ("interaction", "handle_seconds"),
        ("interaction", "reason_code"),
        ("fact", "critical"),
        ("customer", "salutation"),
    )
    for table, column in columns:
        if op.get_bind().dialect.name == "sqlite":
            # SQLite's own DROP COLUMN (3.35+), not a batch rebuild that would drop the triggers.
            op.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
        else:
            op.drop_column(table, column)
