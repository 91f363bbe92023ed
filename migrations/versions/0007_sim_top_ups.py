"""SIM data top-ups: one row per top-up, its saga's recovery points (migration 0007).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sim_top_ups",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("user_id", postgresql.UUID(as_uuid=True), nullable=False),
        sa.Column("account_id", sa.String(18), nullable=False),
        sa.Column("client_id", sa.Integer, nullable=False),
        sa.Column("sim_id", sa.Integer, nullable=False),
        sa.Column("msisdn", sa.String(14), nullable=False),
        sa.Column("idempotency_key", sa.String(255), nullable=False),
        sa.Column("quota_mb", sa.Integer, nullable=False),
        sa.Column("amount", sa.Numeric(12, 2), nullable=False),
        sa.Column("expires_on", sa.Date, nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("step", sa.String(16), nullable=False),
        sa.Column("invoice_attempted", sa.Boolean, nullable=False, server_default=sa.text("false")),
        sa.Column("invoice_id", sa.Integer, nullable=True),
        sa.Column("capture_attempted", sa.Boolean, nullable=False, server_default=sa.text("false")),
        sa.Column("quota_attempted", sa.Boolean, nullable=False, server_default=sa.text("false")),
        sa.Column("refund_attempted", sa.Boolean, nullable=False, server_default=sa.text("false")),
        sa.Column("case_id", sa.String(18), nullable=True),
        sa.Column("error_code", sa.String(64), nullable=True),
        sa.Column("error_message", sa.Text, nullable=True),
        sa.Column("history", postgresql.JSONB, nullable=False, server_default=sa.text("'[]'::jsonb")),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_sim_top_ups"),
        sa.UniqueConstraint("user_id", "idempotency_key", name="uq_sim_top_ups_user_id"),
        sa.CheckConstraint(
            "state IN ('pending', 'completed', 'payment_failed', 'refunded', 'refund_pending')",
            name="ck_sim_top_ups_state",
        ),
        sa.CheckConstraint("quota_mb BETWEEN 100 AND 51200", name="ck_sim_top_ups_quota"),
    )
    op.create_index("ix_sim_top_ups_state_updated_at", "sim_top_ups", ["state", "updated_at"])


def downgrade() -> None:
    op.drop_index("ix_sim_top_ups_state_updated_at", table_name="sim_top_ups")
    op.drop_table("sim_top_ups")
