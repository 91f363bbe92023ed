from __future__ import annotations

from typing import Any

import msgspec
from dishka.integrations.litestar import FromDishka, inject
from litestar import Controller, get
from litestar.params import FromPath

from application.billing.get_subscription import GetSubscription
from application.billing.list_subscriptions import ListSubscriptions
from application.identity.linked_customer import LinkedCustomer
from application.ports.billing.services import Service
from domain.billing.subscription_status import subscription_status
from entrypoints.http.account_access import require_session
from entrypoints.http.billing.invoice_schemas import InvoiceSummaryView
from entrypoints.http.billing.invoices import PRIVATE
from entrypoints.http.billing.subscription_schemas import (
    SubscriptionDetailView,
    SubscriptionListView,
    SubscriptionView,
)


def _fields(service: Service, currency_code: str) -> dict[str, Any]:
    return {
        "id": service.id,
        "product_id": service.product_id,
        "product_name": service.name,
        "group_name": service.group_name,
        "status": subscription_status(service.status),
        "billing_cycle": service.billing_cycle,
        "amount": service.recurring_amount,
        "first_payment_amount": service.first_payment_amount,
        "currency_code": currency_code,
        "registration_date": service.registration_date,
        "next_due_date": service.next_due_date,
        "order_id": service.order_id,
    }


class SubscriptionsController(Controller):
    path = "/subscriptions"
    tags = ["subscriptions"]
    guards = [require_session]
    cache_control = PRIVATE

    @get(
        "/",
        operation_id="listSubscriptions",
        summary="The customer's subscriptions with status, amount, billing cycle and next due date.",
    )
    @inject
    async def list_subscriptions(
        self, customer: FromDishka[LinkedCustomer], list_subscriptions: FromDishka[ListSubscriptions]
    ) -> SubscriptionListView:
        found = await list_subscriptions.execute(customer)
        items = [SubscriptionView(**_fields(service, found.currency_code)) for service in found.services]
        return SubscriptionListView(items=items)

    @get(
        "/{subscription_id:int}",
        operation_id="getSubscription",
        summary="One subscription with the recent invoices that billed it. Another customer's is not found.",
    )
    @inject
    async def get_subscription(
        self,
        subscription_id: FromPath[int],
        customer: FromDishka[LinkedCustomer],
        get_subscription: FromDishka[GetSubscription],
    ) -> SubscriptionDetailView:
        detail = await get_subscription.execute(customer, subscription_id)
        related = [msgspec.convert(i, InvoiceSummaryView, from_attributes=True) for i in detail.related_invoices]
        return SubscriptionDetailView(**_fields(detail.service, detail.currency_code), related_invoices=related)
