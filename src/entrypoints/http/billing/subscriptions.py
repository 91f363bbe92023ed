from __future__ import annotations

from dishka.integrations.litestar import FromDishka, inject
from litestar import Controller, get
from litestar.params import FromPath

from application.billing.get_subscription import GetSubscription
from application.billing.list_subscriptions import ListSubscriptions
from application.cancellations.scheduled_cancellation import ScheduledCancellation
from application.identity.linked_customer import LinkedCustomer
from entrypoints.http.access_rules import SESSION_REQUIRED
from entrypoints.http.billing.cancellation_schemas import cancellation_summary
from entrypoints.http.billing.invoice_schemas import invoice_summary_view
from entrypoints.http.billing.invoices import PRIVATE
from entrypoints.http.billing.subscription_schemas import (
    SubscriptionDetailView,
    SubscriptionListView,
    SubscriptionView,
    subscription_fields,
)


class SubscriptionsController(Controller):
    path = "/subscriptions"
    tags = ["subscriptions"]
    opt = SESSION_REQUIRED
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
        items = [SubscriptionView(**subscription_fields(service, found.currency_code)) for service in found.services]
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
        scheduled: FromDishka[ScheduledCancellation],
    ) -> SubscriptionDetailView:
        detail = await get_subscription.execute(customer, subscription_id)
        related = [invoice_summary_view(invoice) for invoice in detail.related_invoices]
        cancellation = cancellation_summary(await scheduled.execute(customer, detail.service.id))
        return SubscriptionDetailView(
            **subscription_fields(detail.service, detail.currency_code),
            related_invoices=related,
            cancellation=cancellation,
        )
