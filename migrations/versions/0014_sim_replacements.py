"""Physical SIM card replacements: one row per replacement, its saga's recovery points (migration 0014).

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sim_replacements",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("user_id", postgresql.UUID(as_uuid=True), nullable=False),
        sa.Column("account_id", sa.String(18), nullable=False),
        sa.Column("client_id", sa.Integer, nullable=False),
        sa.Column("sim_id", sa.Integer, nullable=False),
        sa.Column("msisdn", sa.String(14), nullable=False),
        sa.Column("idempotency_key", sa.String(255), nullable=False),
        sa.Column("reason", sa.String(16), nullable=False),
        sa.Column("old_product_number", sa.String(15), nullable=False),
        sa.Column("new_product_number", sa.String(15), nullable=True),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("step", sa.String(16), nullable=False),
        sa.Column("activation_requested", sa.Boolean, nullable=False, server_default=sa.text("false")),
        sa.Column("swap_attempted", sa.Boolean, nullable=False, server_default=sa.text("false")),
        sa.Column("case_id", sa.String(18), nullable=True),
        sa.Column("error_code", sa.String(64), nullable=True),
        sa.Column("error_message", sa.Text, nullable=True),
        sa.Column("history", postgresql.JSONB, nullable=False, server_default=sa.text("'[]'::jsonb")),
        sa.Column("version", sa.Integer, nullable=False, server_default=sa.text("0")),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_sim_replacements"),
        sa.UniqueConstraint("user_id", "idempotency_key", name="uq_sim_replacements_user_id"),
        sa.CheckConstraint(
            "state IN ('shipping', 'activating', 'completed', 'failed')", name="ck_sim_replacements_state"
        ),
    )
    op.create_index(
        "uq_sim_replacements_open_sim_id",
        "sim_replacements",
        ["sim_id"],
        unique=True,
        postgresql_where=sa.text("state IN ('shipping', 'activating')"),
    )
    op.create_index("ix_sim_replacements_state_updated_at", "sim_replacements", ["state", "updated_at"])


def downgrade() -> None:
    op.drop_table("sim_replacements")
