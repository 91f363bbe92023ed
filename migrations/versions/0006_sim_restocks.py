"""A quarantined SIM card an operator put back in stock keeps when and why (`portal admin sims restock`).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("sim_inventory", sa.Column("restocked_at", sa.DateTime(timezone=True), nullable=True))
    op.add_column("sim_inventory", sa.Column("restock_reason", sa.Text(), nullable=True))


def downgrade() -> None:
    op.drop_column("sim_inventory", "restock_reason")
    op.drop_column("sim_inventory", "restocked_at")
