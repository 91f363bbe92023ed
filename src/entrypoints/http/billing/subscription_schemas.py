"""Subscriptions (WHMCS services) on the wire, amounts as `Money` in the client's billing currency."""

from __future__ import annotations

import datetime as dt
from typing import Any

from application.ports.billing.services import Service
from domain.billing.subscription_status import SubscriptionStatus, subscription_status
from entrypoints.http.billing.cancellation_schemas import CancellationSummaryOut
from entrypoints.http.billing.invoice_schemas import InvoiceSummaryView, View
from entrypoints.http.money import Money, money


class SubscriptionView(View):
    id: int
    product_id: int
    product_name: str
    group_name: str
    status: SubscriptionStatus
    billing_cycle: str  # Monthly, Annually, One Time, Free Account...
    amount: Money  # the recurring amount, excluding tax
    first_payment_amount: Money
    registration_date: dt.date | None
    next_due_date: dt.date | None
    order_id: int


class SubscriptionListView(View):
    items: list[SubscriptionView]


class SubscriptionDetailView(SubscriptionView):
    related_invoices: list[InvoiceSummaryView]  # newest first, among the latest invoices
    cancellation: CancellationSummaryOut | None = None  # the cancellation holding it, if any


def subscription_fields(service: Service, currency_code: str) -> dict[str, Any]:
    return {
        "id": service.id,
        "product_id": service.product_id,
        "product_name": service.name,
        "group_name": service.group_name,
        "status": subscription_status(service.status),
        "billing_cycle": service.billing_cycle,
        "amount": money(service.recurring_amount, currency_code),
        "first_payment_amount": money(service.first_payment_amount, currency_code),
        "registration_date": service.registration_date,
        "next_due_date": service.next_due_date,
        "order_id": service.order_id,
    }
