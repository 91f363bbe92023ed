"""Onboardings: the recorded steps of every sign-up and account link, for resume and compensation.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

UNFINISHED = "state IN ('reserved', 'billing_created', 'user_created', 'compensating')"


def upgrade() -> None:
    op.create_table(
        "onboardings",
        sa.Column("id", postgresql.UUID(as_uuid=True), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("email", sa.String(254), nullable=False),
        sa.Column("customer_number", sa.String(16), nullable=False),
        sa.Column("sf_account_id", sa.String(18), nullable=False),
        sa.Column("sf_contact_id", sa.String(18), nullable=True),
        sa.Column("password_hash", sa.Text(), nullable=False),
        sa.Column("profile", postgresql.JSONB(), nullable=True),
        sa.Column("state", sa.String(24), nullable=False),
        sa.Column("whmcs_client_id", sa.Integer(), nullable=True),
        sa.Column("user_id", postgresql.UUID(as_uuid=True), nullable=True),
        sa.Column("billing_attempted", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.Column("attempts", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("history", postgresql.JSONB(), server_default=sa.text("'[]'::jsonb"), nullable=False),
        sa.Column("lease_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_onboardings"),
    )
    op.create_index(
        "uq_onboardings_unfinished_email",
        "onboardings",
        [sa.text("lower(email)")],
        unique=True,
        postgresql_where=sa.text(UNFINISHED),
    )
    op.create_index(
        "uq_onboardings_unfinished_customer_number",
        "onboardings",
        ["customer_number"],
        unique=True,
        postgresql_where=sa.text(UNFINISHED),
    )
    op.create_index("ix_onboardings_state_updated_at", "onboardings", ["state", "updated_at"])


def downgrade() -> None:
    op.drop_table("onboardings")
