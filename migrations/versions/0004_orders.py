"""Orders: idempotency keys for checkout, fulfilment recovery points, SIM stock and port-in holders.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "idempotency_keys",
        sa.Column("scope", sa.String(64), nullable=False),
        sa.Column("key", sa.String(255), nullable=False),
        sa.Column("request_hash", sa.String(64), nullable=False),
        sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("response_status", sa.Integer(), nullable=True),
        sa.Column("response_media_type", sa.String(100), nullable=True),
        sa.Column("response_body", sa.LargeBinary(), nullable=True),
        sa.Column("keep_seconds", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("scope", "key", name="pk_idempotency_keys"),
    )
    op.create_index("ix_idempotency_keys_expires_at", "idempotency_keys", ["expires_at"])
    op.create_table(
        "fulfilments",
        sa.Column("order_id", sa.String(18), nullable=False),
        sa.Column("account_id", sa.String(18), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("step", sa.String(32), nullable=False),
        sa.Column("whmcs_client_id", sa.Integer(), nullable=True),
        sa.Column("billing_baseline", sa.Integer(), nullable=True),
        sa.Column("billing_attempted", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.Column("whmcs_order_id", sa.Integer(), nullable=True),
        sa.Column("whmcs_invoice_id", sa.Integer(), nullable=True),
        sa.Column("item_services", postgresql.JSONB(), server_default=sa.text("'{}'::jsonb"), nullable=False),
        sa.Column("sim", postgresql.JSONB(), nullable=True),
        sa.Column("sim_attempted", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.Column("voice_attempted", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.Column("waits", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("transient_failures", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("error_code", sa.String(64), nullable=True),
        sa.Column("error_message", sa.Text(), nullable=True),
        sa.Column("history", postgresql.JSONB(), server_default=sa.text("'[]'::jsonb"), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "state IN ('running', 'waiting', 'paused', 'failed', 'completed')", name="ck_fulfilments_state"
        ),
        sa.PrimaryKeyConstraint("order_id", name="pk_fulfilments"),
    )
    op.create_index("ix_fulfilments_state_updated_at", "fulfilments", ["state", "updated_at"])
    op.create_table(
        "sim_inventory",
        sa.Column("msisdn", sa.String(14), nullable=False),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("product_number", sa.String(15), nullable=True),
        sa.Column("order_id", sa.String(18), nullable=True),
        sa.Column("assigned_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("kind IN ('physical', 'esim')", name="ck_sim_inventory_kind"),
        sa.PrimaryKeyConstraint("msisdn", name="pk_sim_inventory"),
        sa.UniqueConstraint("product_number", name="uq_sim_inventory_product_number"),
        sa.UniqueConstraint("order_id", name="uq_sim_inventory_order_id"),
    )
    op.create_index(
        "ix_sim_inventory_free", "sim_inventory", ["kind", "created_at"], postgresql_where=sa.text("order_id IS NULL")
    )
    op.create_table(
        "port_in_holders",
        sa.Column("order_key", sa.String(64), nullable=False),
        sa.Column("holder", postgresql.JSONB(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("order_key", name="pk_port_in_holders"),
    )


def downgrade() -> None:
    op.drop_table("port_in_holders")
    op.drop_table("sim_inventory")
    op.drop_table("fulfilments")
    op.drop_table("idempotency_keys")
