"""SIM cards given back by refused orders (FIFO by `stocked_at`) or quarantined; the port-in holders' reaper index.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("sim_inventory", sa.Column("stocked_at", sa.DateTime(timezone=True), nullable=True))
    op.execute("UPDATE sim_inventory SET stocked_at = created_at")
    op.alter_column("sim_inventory", "stocked_at", nullable=False)
    op.add_column("sim_inventory", sa.Column("quarantined_at", sa.DateTime(timezone=True), nullable=True))
    op.add_column("sim_inventory", sa.Column("quarantine_reason", sa.Text(), nullable=True))
    op.create_check_constraint(
        "ck_sim_inventory_quarantined_unassigned", "sim_inventory", "quarantined_at IS NULL OR order_id IS NULL"
    )
    op.drop_index("ix_sim_inventory_free", table_name="sim_inventory")
    op.create_index(
        "ix_sim_inventory_free",
        "sim_inventory",
        ["kind", "stocked_at"],
        postgresql_where=sa.text("order_id IS NULL AND quarantined_at IS NULL"),
    )
    op.create_index("ix_port_in_holders_created_at", "port_in_holders", ["created_at"])


def downgrade() -> None:
    # Without the column a quarantined card would look free and go to the next customer: refuse instead.
    quarantined = op.get_bind().execute(sa.text("SELECT count(*) FROM sim_inventory WHERE quarantined_at IS NOT NULL"))
    if quarantined.scalar_one():
        raise RuntimeError("Quarantined SIM cards exist: remove or restock them before downgrading below 0005.")
    op.drop_index("ix_port_in_holders_created_at", table_name="port_in_holders")
    op.drop_index("ix_sim_inventory_free", table_name="sim_inventory")
    op.create_index(
        "ix_sim_inventory_free", "sim_inventory", ["kind", "created_at"], postgresql_where=sa.text("order_id IS NULL")
    )
    op.drop_constraint("ck_sim_inventory_quarantined_unassigned", "sim_inventory", type_="check")
    op.drop_column("sim_inventory", "quarantine_reason")
    op.drop_column("sim_inventory", "quarantined_at")
    op.drop_column("sim_inventory", "stocked_at")
