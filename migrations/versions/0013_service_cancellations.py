"""Service cancellations (Internet and SIM): one row per cancellation, its saga's recovery points (migration 0013).

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "service_cancellations",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("user_id", postgresql.UUID(as_uuid=True), nullable=False),
        sa.Column("account_id", sa.String(18), nullable=False),
        sa.Column("client_id", sa.Integer, nullable=False),
        sa.Column("service_id", sa.Integer, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("service_name", sa.String(255), nullable=False),
        sa.Column("msisdn", sa.String(14), nullable=True),
        sa.Column("email", sa.String(320), nullable=False),
        sa.Column("idempotency_key", sa.String(255), nullable=False),
        sa.Column("end_date", sa.Date, nullable=False),
        sa.Column("cutoff_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("moving", sa.Boolean, nullable=False),
        sa.Column("line_return", sa.String(32), nullable=True),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("steps", postgresql.JSONB, nullable=False),
        sa.Column("withdrawn_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("error_code", sa.String(64), nullable=True),
        sa.Column("error_message", sa.Text, nullable=True),
        sa.Column("history", postgresql.JSONB, nullable=False, server_default=sa.text("'[]'::jsonb")),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_service_cancellations"),
        sa.UniqueConstraint("user_id", "idempotency_key", name="uq_service_cancellations_user_id"),
        sa.CheckConstraint(
            "state IN ('scheduled', 'withdrawing', 'withdrawn', 'confirmed', 'completed', 'needs_staff')",
            name="ck_service_cancellations_state",
        ),
        sa.CheckConstraint("kind IN ('internet', 'sim')", name="ck_service_cancellations_kind"),
    )
    # One cancellation holds a service at a time: a second request, from any process, fails on this index.
    op.create_index(
        "uq_service_cancellations_holding",
        "service_cancellations",
        ["service_id"],
        unique=True,
        postgresql_where=sa.text("state <> 'withdrawn'"),
    )
    op.create_index(
        "ix_service_cancellations_due",
        "service_cancellations",
        ["due_at"],
        postgresql_where=sa.text("state IN ('scheduled', 'withdrawing', 'confirmed')"),
    )


def downgrade() -> None:
    op.drop_index("ix_service_cancellations_due", table_name="service_cancellations")
    op.drop_index("uq_service_cancellations_holding", table_name="service_cancellations")
    op.drop_table("service_cancellations")
