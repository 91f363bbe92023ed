"""Billing, subscriptions, support cases and the WHMCS webhook: use cases per request, shared state per process."""

from __future__ import annotations

from dishka import Provider, Scope, provide

from adapters.memory.webhook_receipts import InMemoryWebhookReceipts
from adapters.redis.client import RedisClient
from adapters.redis.webhook_receipts import RedisWebhookReceipts
from application.billing.apply_billing_change import ApplyBillingChange
from application.billing.cached_reads import CachedReads
from application.billing.create_invoice_pay_link import CreateInvoicePayLink
from application.billing.create_payment_methods_link import CreatePaymentMethodsLink
from application.billing.get_billing_profile import GetBillingProfile
from application.billing.get_invoice import GetInvoice
from application.billing.get_subscription import GetSubscription
from application.billing.invalidate_billing_caches import InvalidateBillingCaches
from application.billing.list_invoices import ListInvoices
from application.billing.list_payment_gateways import ListPaymentGateways
from application.billing.list_payment_methods import ListPaymentMethods
from application.billing.list_subscriptions import ListSubscriptions
from application.billing.update_billing_profile import UpdateBillingProfile
from application.ports.clock import Clock
from application.ports.webhook_receipts import WebhookReceipts
from application.support.comment_on_case import CommentOnCase
from application.support.get_case import GetCase
from application.support.list_cases import ListCases
from application.support.open_case import OpenCase


class BillingProvider(Provider):
    # One per process: it holds the in-flight loads that concurrent requests share.
    cached_reads = provide(CachedReads, scope=Scope.APP)


class BillingUseCases(Provider):
    scope = Scope.REQUEST
    list_invoices = provide(ListInvoices)
    get_invoice = provide(GetInvoice)
    create_invoice_pay_link = provide(CreateInvoicePayLink)
    list_payment_methods = provide(ListPaymentMethods)
    create_payment_methods_link = provide(CreatePaymentMethodsLink)
    list_payment_gateways = provide(ListPaymentGateways)
    get_billing_profile = provide(GetBillingProfile)
    update_billing_profile = provide(UpdateBillingProfile)
    list_subscriptions = provide(ListSubscriptions)
    get_subscription = provide(GetSubscription)
    invalidate_billing_caches = provide(InvalidateBillingCaches)
    apply_billing_change = provide(ApplyBillingChange)
    list_cases = provide(ListCases)
    get_case = provide(GetCase)
    open_case = provide(OpenCase)
    comment_on_case = provide(CommentOnCase)


class RedisBillingStoresProvider(Provider):
    @provide(scope=Scope.APP)
    def webhook_receipts(self, redis: RedisClient) -> WebhookReceipts:
        return RedisWebhookReceipts(redis)


class InMemoryBillingStoresProvider(Provider):
    @provide(scope=Scope.APP)
    def webhook_receipts(self, clock: Clock) -> WebhookReceipts:
        return InMemoryWebhookReceipts(clock)
