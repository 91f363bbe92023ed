"""Portal users, their links to WHMCS and Salesforce, and CDC stream positions.

Revision ID: 0001
Revises:
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", postgresql.UUID(as_uuid=True), nullable=False),
        sa.Column("email", sa.String(254), nullable=False),
        sa.Column("password_hash", sa.Text(), nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_users"),
        sa.CheckConstraint("status IN ('active', 'pending', 'disabled')", name="ck_users_status"),
    )
    op.create_index("uq_users_email_lower", "users", [sa.text("lower(email)")], unique=True)
    op.create_table(
        "account_links",
        sa.Column("user_id", postgresql.UUID(as_uuid=True), nullable=False),
        sa.Column("whmcs_client_id", sa.Integer(), nullable=False),
        sa.Column("sf_account_id", sa.String(18), nullable=False),
        sa.Column("sf_contact_id", sa.String(18), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name="fk_account_links_user_id_users", ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("user_id", name="pk_account_links"),
        sa.UniqueConstraint("whmcs_client_id", name="uq_account_links_whmcs_client_id"),
        sa.UniqueConstraint("sf_account_id", name="uq_account_links_sf_account_id"),
        sa.UniqueConstraint("sf_contact_id", name="uq_account_links_sf_contact_id"),
    )
    op.create_table(
        "stream_positions",
        sa.Column("channel", sa.String(255), nullable=False),
        sa.Column("replay_id", sa.BigInteger(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.PrimaryKeyConstraint("channel", name="pk_stream_positions"),
    )


def downgrade() -> None:
    op.drop_table("stream_positions")
    op.drop_table("account_links")
    op.drop_index("uq_users_email_lower", table_name="users")
    op.drop_table("users")
