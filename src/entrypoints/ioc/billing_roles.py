"""The billing roles, all from one WHMCS client per process (closed at shutdown): a new role is one method here."""

from __future__ import annotations

from collections.abc import AsyncIterator

from dishka import Provider, Scope, provide

from adapters.whmcs import WhmcsApi, WhmcsBilling, create_http_client
from application.ports.billing.charges import InvoiceCharges
from application.ports.billing.clients import BillingClients
from application.ports.billing.credits import AccountCredits
from application.ports.billing.invoices import BillingInvoices
from application.ports.billing.logins import BillingLogins
from application.ports.billing.orders import BillingOrders
from application.ports.billing.payment_links import PaymentLinks
from application.ports.billing.payment_methods import PaymentMethods
from application.ports.billing.products import BillingProducts
from application.ports.billing.service_products import ServiceProducts
from application.ports.billing.services import BillingServices, ServiceFields
from application.ports.clock import Clock
from entrypoints.settings import Settings


class BillingRolesProvider(Provider):
    scope = Scope.APP

    @provide
    async def whmcs(self, settings: Settings, clock: Clock) -> AsyncIterator[WhmcsBilling]:
        config = settings.whmcs()
        client = create_http_client(config)
        yield WhmcsBilling(WhmcsApi(client, config, clock=clock))
        await client.aclose()

    @provide
    def clients(self, whmcs: WhmcsBilling) -> BillingClients:
        return whmcs.clients

    @provide
    def logins(self, whmcs: WhmcsBilling) -> BillingLogins:
        return whmcs.logins

    @provide
    def invoices(self, whmcs: WhmcsBilling) -> BillingInvoices:
        return whmcs.invoices

    @provide
    def payment_links(self, whmcs: WhmcsBilling) -> PaymentLinks:
        return whmcs.payment_links

    @provide
    def payment_methods(self, whmcs: WhmcsBilling) -> PaymentMethods:
        return whmcs.payment_methods

    @provide
    def services(self, whmcs: WhmcsBilling) -> BillingServices:
        return whmcs.services

    @provide
    def service_fields(self, whmcs: WhmcsBilling) -> ServiceFields:
        return whmcs.service_fields

    @provide
    def service_products(self, whmcs: WhmcsBilling) -> ServiceProducts:
        return whmcs.service_products

    @provide
    def products(self, whmcs: WhmcsBilling) -> BillingProducts:
        return whmcs.products

    @provide
    def orders(self, whmcs: WhmcsBilling) -> BillingOrders:
        return whmcs.orders

    @provide
    def charges(self, whmcs: WhmcsBilling) -> InvoiceCharges:
        return whmcs.charges

    @provide
    def credits(self, whmcs: WhmcsBilling) -> AccountCredits:
        return whmcs.credits
