"""SIM plan changes: one row per change, held until its day, with its saga's recovery points (migration 0010).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sim_plan_changes",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("user_id", postgresql.UUID(as_uuid=True), nullable=False),
        sa.Column("account_id", sa.String(18), nullable=False),
        sa.Column("client_id", sa.Integer, nullable=False),
        sa.Column("sim_id", sa.Integer, nullable=False),
        sa.Column("msisdn", sa.String(14), nullable=False),
        sa.Column("idempotency_key", sa.String(255), nullable=False),
        sa.Column("from_plan", postgresql.JSONB, nullable=False),
        sa.Column("to_plan", postgresql.JSONB, nullable=False),
        sa.Column("effective_on", sa.Date, nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("step", sa.String(16), nullable=False),
        sa.Column("freebit_attempted", sa.Boolean, nullable=False, server_default=sa.text("false")),
        sa.Column("whmcs_attempted", sa.Boolean, nullable=False, server_default=sa.text("false")),
        sa.Column("case_id", sa.String(18), nullable=True),
        sa.Column("error_code", sa.String(64), nullable=True),
        sa.Column("error_message", sa.Text, nullable=True),
        sa.Column("history", postgresql.JSONB, nullable=False, server_default=sa.text("'[]'::jsonb")),
        sa.Column("version", sa.Integer, nullable=False, server_default=sa.text("0")),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_sim_plan_changes"),
        sa.UniqueConstraint("user_id", "idempotency_key", name="uq_sim_plan_changes_user_id"),
        sa.CheckConstraint(
            "state IN ('scheduled', 'applying', 'completed', 'cancelled', 'failed')",
            name="ck_sim_plan_changes_state",
        ),
    )
    # One open change per SIM, whatever races: the second insert finds the first.
    op.create_index(
        "uq_sim_plan_changes_open_sim_id",
        "sim_plan_changes",
        ["sim_id"],
        unique=True,
        postgresql_where=sa.text("state IN ('scheduled', 'applying')"),
    )
    op.create_index("ix_sim_plan_changes_state_effective_on", "sim_plan_changes", ["state", "effective_on"])


def downgrade() -> None:
    op.drop_table("sim_plan_changes")
