from __future__ import annotations

import datetime as dt
from decimal import Decimal

from domain.billing.subscription_status import SubscriptionStatus
from entrypoints.http.billing.invoice_schemas import InvoiceSummaryView, View


class SubscriptionView(View):
    id: int
    product_id: int
    product_name: str
    group_name: str
    status: SubscriptionStatus
    billing_cycle: str  # Monthly, Annually, One Time, Free Account...
    amount: Decimal  # the recurring amount, excluding tax
    first_payment_amount: Decimal
    currency_code: str
    registration_date: dt.date | None
    next_due_date: dt.date | None
    order_id: int


class SubscriptionListView(View):
    items: list[SubscriptionView]


class SubscriptionDetailView(SubscriptionView):
    related_invoices: list[InvoiceSummaryView]  # newest first, among the latest invoices
