"""Fulfilment's Opportunity steps: marks made before writing the WHMCS service id back to the order's Opportunity
and the Opportunity id onto the WHMCS service, so a resume looks before it writes again.

Revision ID: 0012
Revises: 0010
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    for column in ("opportunity_attempted", "service_link_attempted"):
        op.add_column("fulfilments", sa.Column(column, sa.Boolean(), nullable=False, server_default=sa.text("false")))


def downgrade() -> None:
    for column in ("service_link_attempted", "opportunity_attempted"):
        op.drop_column("fulfilments", column)
