"""A top-up as the customer sees it at every point of its saga."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import msgspec

from domain.sims.top_up import TOP_UP_CURRENCY, TopUp


class TopUpView(msgspec.Struct, frozen=True, kw_only=True):
    id: str
    sim_id: int
    quota_mb: int
    billed_gb: int
    amount: Decimal  # before tax
    currency: str
    state: str  # pending, completed, payment_failed, refunded
    step: str  # the last step done: accepted, invoiced, paid, data_added, refunded, case_opened, notified
    invoice_id: int | None
    expires_on: date
    error_code: str | None
    error_message: str | None
    created_at: datetime
    updated_at: datetime


def top_up_view(top_up: TopUp) -> TopUpView:
    return TopUpView(
        id=top_up.id,
        sim_id=top_up.sim_id,
        quota_mb=top_up.quota_mb,
        billed_gb=top_up.gb,
        amount=top_up.amount,
        currency=TOP_UP_CURRENCY,
        state=top_up.state.value,
        step=top_up.step.value,
        invoice_id=top_up.invoice_id,
        expires_on=top_up.expires_on,
        error_code=top_up.error_code,
        error_message=top_up.error_message,
        created_at=top_up.created_at,
        updated_at=top_up.updated_at,
    )
